package export

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/apache/thrift/lib/go/thrift"
	"github.com/xitongsys/parquet-go/common"
	"github.com/xitongsys/parquet-go/layout"
	"github.com/xitongsys/parquet-go/parquet"
	pqschema "github.com/xitongsys/parquet-go/schema"
	"github.com/xitongsys/parquet-go/writer"

	"github.com/abstracts-dev/abstracts/schema"
)

// DefaultParquetRowGroupRows is the number of records per row group when
// ParquetOptions.RowGroupRows is 0. Ten thousand typical records hold about
// 17 MB of text: enough rows that the footer stays small and scans are
// efficient, few enough that a reader can fetch one row group cheaply and
// that DuckDB and Spark get one task per row group on files of a few
// hundred thousand records. The writer keeps the current row group's
// compressed pages in memory, so this also bounds its memory (measured:
// about 110 MB peak RSS with zstd, 135 MB at 50,000 rows).
const DefaultParquetRowGroupRows = 10_000

// Writer settings, each chosen deliberately.
const (
	// parquetNP is the number of goroutines parquet-go uses to turn a batch
	// of rows into compressed pages. Two matches the two cores the export
	// runs on. It is a constant rather than GOMAXPROCS because each
	// goroutine cuts its own pages: the page layout, and so the file's
	// bytes, depend on it.
	parquetNP = 2

	// parquetMaxStatLen drops the min/max statistics of a column chunk whose
	// min or max value is longer than this many bytes (abstracts), as
	// Arrow's writer does: such values cost footer space and prune nothing.
	parquetMaxStatLen = 4096
)

// parquetBatchRows is how many rows are buffered as Go values before
// parquet-go encodes and compresses them into pages (about 7 MB of text for
// typical records, so each of the parquetNP goroutines fills a few full pages
// of the abstract column). Buffering a whole row group as Go values would
// make memory grow with the row-group size. A variable only for tests.
var parquetBatchRows = 4096

// parquetPageSize is the target size of a data page before compression.
// parquet-go's default of 8 KB gives the codec too little context per page:
// on synthetic abstracts zstd output was 23% larger than with 1 MB pages
// (4 MB gained under 1% more). 1 MB is also Arrow's and parquet-mr's
// default. It is a variable only so that tests can split lists across pages.
var parquetPageSize int64 = 1 << 20

// parquetDictColumns are the columns worth dictionary encoding: low
// cardinality strings (a handful of distinct labels and dump paths per
// file). The other columns are near-unique (id, title, abstract, urls,
// github_repo), numbers, or a nullable date whose runs zstd already
// compresses to nothing, so a dictionary would not pay. parquet-go's
// dictionary path miscounts nulls in page statistics, so a nullable column
// (listing_label since schema 2.0.0) is written plain whatever this says.
var parquetDictColumns = map[string]bool{
	"listing_label": true,
	"source":        true,
}

// parquetCodecs maps the Parquet compressions to parquet-go codecs.
var parquetCodecs = map[ParquetCompression]parquet.CompressionCodec{
	ParquetZstd:   parquet.CompressionCodec_ZSTD,
	ParquetSnappy: parquet.CompressionCodec_SNAPPY,
	ParquetGzip:   parquet.CompressionCodec_GZIP,
	ParquetNone:   parquet.CompressionCodec_UNCOMPRESSED,
}

// ParquetOptions configures a ParquetWriter.
type ParquetOptions struct {
	// Compression is the codec of every column chunk; "" means
	// ParquetZstd.
	Compression ParquetCompression
	// RowGroupRows is the number of records per row group, the last one
	// holding the rest; 0 means DefaultParquetRowGroupRows.
	RowGroupRows int
	// Metadata is stored in the footer's key-value metadata, in the order
	// of Metadata.KeyValues; its ToolVersion also names the writer in the
	// footer's created_by (see CreatedBy).
	Metadata Metadata
	// Columns are the columns written, a subsequence of schema.Columns
	// (see ColumnsWithout); nil means all of schema.Columns.
	Columns []schema.Column
}

// ParquetWriter writes records as a Parquet file whose schema is derived from
// schema.Columns. It buffers at most one row group, compressed, plus a batch
// of parquetBatchRows rows, so memory does not grow with the input. The
// output is byte-identical for the same records and options. It is not safe
// for concurrent use.
type ParquetWriter struct {
	out  *stickyWriter
	pw   *writer.ParquetWriter
	cols []parquetColumn

	rowGroupRows int
	groupRows    int   // rows in the current row group
	total        int64 // rows written so far
	createdBy    string
	keyValues    []*parquet.KeyValue

	err    error // the first error; the writer is unusable after it
	closed bool
}

// parquetColumn is one column of schema.Columns with what the writer derived
// from it: its leaf in the Parquet schema and its statistics so far.
type parquetColumn struct {
	schema.Column
	leaf   *parquet.SchemaElement // the leaf holding the values
	path   []string               // parquet-go's internal path to the leaf
	key    string                 // path joined, parquet-go's key of the leaf
	maxDef int32
	maxRep int32
	info   *common.Tag // encoding and statistics switches for parquet-go
	dict   bool
	stats  columnStats // of the current row group
}

// NewParquetWriter returns a writer that encodes records to w as Parquet. It
// writes the leading magic bytes at once; Close writes the footer but does
// not close w.
func NewParquetWriter(w io.Writer, opts ParquetOptions) (*ParquetWriter, error) {
	name, err := ParseParquetCompression(string(opts.Compression))
	if err != nil {
		return nil, fmt.Errorf("export/parquet: %w", err)
	}
	rows := opts.RowGroupRows
	switch {
	case rows == 0:
		rows = DefaultParquetRowGroupRows
	case rows < 0:
		return nil, fmt.Errorf("export/parquet: row group rows %d is negative", rows)
	}
	cols := opts.Columns
	if cols == nil {
		cols = schema.Columns
	}
	elems, err := parquetSchema(cols)
	if err != nil {
		return nil, err
	}
	keys, values := opts.Metadata.KeyValues()
	kvs := make([]*parquet.KeyValue, len(keys))
	for i := range keys {
		kvs[i] = &parquet.KeyValue{Key: keys[i], Value: &values[i]}
	}
	pwr := &ParquetWriter{
		out:          &stickyWriter{w: w},
		rowGroupRows: rows,
		createdBy:    CreatedBy(opts.Metadata.ToolVersion),
		keyValues:    kvs,
	}
	err = pwr.guard("start", func() error {
		pw, err := writer.NewParquetWriterFromWriter(pwr.out, elems, parquetNP)
		if err != nil {
			return err
		}
		pw.PageSize = parquetPageSize
		// Row groups are cut by this writer (endRowGroup), never by
		// parquet-go's size estimate.
		pw.RowGroupSize = math.MaxInt64
		pw.CompressionType = parquetCodecs[name]
		pw.MarshalFunc = pwr.marshal
		pwr.pw = pw
		return pwr.bindColumns(pw.SchemaHandler, cols)
	})
	if err != nil {
		return nil, err
	}
	return pwr, nil
}

// parquetSchema derives the Parquet schema from the record's columns: a root
// group named "schema" and one field per column, optional where the column
// is nullable, and a list as the standard three-level LIST:
//
//	<required|optional> group NAME (LIST) {
//	  repeated group list {
//	    required binary element (STRING);
//	  }
//	}
//
// It never looks at data.
func parquetSchema(cols []schema.Column) ([]*parquet.SchemaElement, error) {
	required := parquet.FieldRepetitionType_REQUIRED
	n := int32(len(cols))
	elems := []*parquet.SchemaElement{{Name: "schema", RepetitionType: &required, NumChildren: &n}}
	for _, c := range cols {
		if err := c.Check(); err != nil {
			return nil, fmt.Errorf("export/parquet: %w", err)
		}
		rep := parquet.FieldRepetitionType_REQUIRED
		if c.Nullable {
			rep = parquet.FieldRepetitionType_OPTIONAL
		}
		switch c.Kind {
		case schema.String:
			elems = append(elems, stringElement(c.Name, rep))
		case schema.Int32:
			elems = append(elems, &parquet.SchemaElement{
				Name:           c.Name,
				Type:           parquet.TypePtr(parquet.Type_INT32),
				RepetitionType: &rep,
				ConvertedType:  parquet.ConvertedTypePtr(parquet.ConvertedType_INT_32),
				LogicalType:    &parquet.LogicalType{INTEGER: &parquet.IntType{BitWidth: 32, IsSigned: true}},
			})
		case schema.Date:
			elems = append(elems, &parquet.SchemaElement{
				Name:           c.Name,
				Type:           parquet.TypePtr(parquet.Type_INT32),
				RepetitionType: &rep,
				ConvertedType:  parquet.ConvertedTypePtr(parquet.ConvertedType_DATE),
				LogicalType:    &parquet.LogicalType{DATE: &parquet.DateType{}},
			})
		case schema.StringList:
			one := int32(1)
			repeated := parquet.FieldRepetitionType_REPEATED
			elems = append(elems,
				&parquet.SchemaElement{
					Name:           c.Name,
					RepetitionType: &rep,
					NumChildren:    &one,
					ConvertedType:  parquet.ConvertedTypePtr(parquet.ConvertedType_LIST),
					LogicalType:    &parquet.LogicalType{LIST: &parquet.ListType{}},
				},
				&parquet.SchemaElement{Name: "list", RepetitionType: &repeated, NumChildren: &one},
				stringElement("element", parquet.FieldRepetitionType_REQUIRED),
			)
		default:
			return nil, fmt.Errorf("export/parquet: column %q has kind %v, which has no Parquet type", c.Name, c.Kind)
		}
	}
	return elems, nil
}

func stringElement(name string, rep parquet.FieldRepetitionType) *parquet.SchemaElement {
	return &parquet.SchemaElement{
		Name:           name,
		Type:           parquet.TypePtr(parquet.Type_BYTE_ARRAY),
		RepetitionType: &rep,
		ConvertedType:  parquet.ConvertedTypePtr(parquet.ConvertedType_UTF8),
		LogicalType:    &parquet.LogicalType{STRING: &parquet.StringType{}},
	}
}

// bindColumns pairs the columns written with the leaves of parquet-go's
// schema handler, in order, and records the paths and levels the marshaller
// needs.
func (w *ParquetWriter) bindColumns(sh *pqschema.SchemaHandler, cols []schema.Column) error {
	var leaves []int32
	for i, e := range sh.SchemaElements {
		if e.GetNumChildren() == 0 {
			leaves = append(leaves, int32(i))
		}
	}
	if len(leaves) != len(cols) {
		return fmt.Errorf("%d leaves for %d columns", len(leaves), len(cols))
	}
	w.cols = make([]parquetColumn, len(cols))
	for i, c := range cols {
		key := sh.IndexMap[leaves[i]]
		path := common.StrToPath(key)
		maxDef, err := sh.MaxDefinitionLevel(path)
		if err != nil {
			return fmt.Errorf("column %q: %w", c.Name, err)
		}
		maxRep, err := sh.MaxRepetitionLevel(path)
		if err != nil {
			return fmt.Errorf("column %q: %w", c.Name, err)
		}
		// parquet-go's dictionary path miscounts nulls in page statistics
		// and cannot turn them off: only required columns are dictionary
		// encoded.
		dict := parquetDictColumns[c.Name] && !c.Nullable
		info := common.NewTag()
		if dict {
			info.Encoding = parquet.Encoding_PLAIN_DICTIONARY
		} else {
			// parquet-go's page statistics miscount nulls (they skip
			// each page's first value), so its page-level statistics
			// are turned off and the writer sets the column chunks'
			// statistics itself (endRowGroup). Dictionary columns
			// cannot turn them off (parquet-go then dereferences a nil
			// null count); they are required, so there is no null to
			// miscount.
			info.OmitStats = true
		}
		w.cols[i] = parquetColumn{
			Column: c, leaf: sh.SchemaElements[leaves[i]], path: path, key: key,
			maxDef: maxDef, maxRep: maxRep, info: info, dict: dict,
		}
	}
	return nil
}

// Write adds one record. It returns an error, and the writer becomes
// unusable, if a value does not fit its column (a position outside int32, a
// malformed date) or the output fails.
func (w *ParquetWriter) Write(r *schema.Record) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return errors.New("export/parquet: write after close")
	}
	row, err := w.row(r)
	if err != nil {
		w.err = fmt.Errorf("export/parquet: record %d: %w", w.total+1, err)
		return w.err
	}
	w.addStats(row)
	w.pw.Objs = append(w.pw.Objs, row)
	w.groupRows++
	w.total++
	switch {
	case w.groupRows >= w.rowGroupRows:
		return w.endRowGroup()
	case len(w.pw.Objs) >= parquetBatchRows:
		return w.guard("write", func() error { return w.pw.Flush(false) })
	}
	return nil
}

// row converts a record to one value per column, in column order: a string
// or int32 (days since 1970-01-01 for a date), a []any of strings for a
// list (empty for an empty one), or nil for null, a null list included,
// read through the accessors of schema.Columns.
func (w *ParquetWriter) row(r *schema.Record) ([]any, error) {
	row := make([]any, len(w.cols))
	for i := range w.cols {
		c := &w.cols[i]
		v, err := value(&c.Column, r)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", c.Name, err)
		}
		row[i] = v
	}
	return row, nil
}

// value reads one column of a record through its accessor and returns
// the Go value parquet-go encodes for the column's kind: a string, an int32
// (days since 1970-01-01 for a date), a []any of strings, or nil for null.
func value(c *schema.Column, r *schema.Record) (any, error) {
	switch c.Kind {
	case schema.String, schema.Date:
		s := c.Text(r)
		switch {
		case s == "" && c.Nullable:
			return nil, nil
		case c.Kind == schema.String:
			return s, nil
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, fmt.Errorf("date %q: %w", s, err)
		}
		days := t.Unix() / 86400 // midnight UTC: an exact multiple
		if days < math.MinInt32 || days > math.MaxInt32 {
			return nil, fmt.Errorf("date %q out of range", s)
		}
		return int32(days), nil
	case schema.Int32:
		n := c.Int(r)
		switch {
		case !n.Valid && c.Nullable:
			return nil, nil
		case !n.Valid:
			return nil, errors.New("null in a non-nullable column")
		case n.Int < math.MinInt32 || n.Int > math.MaxInt32:
			return nil, fmt.Errorf("%d does not fit in int32", n.Int)
		}
		return int32(n.Int), nil
	case schema.StringList:
		get := c.List(r)
		if get == nil && c.Nullable {
			return nil, nil // null, one level below an empty list
		}
		list := make([]any, len(get))
		for i, e := range get {
			list[i] = e
		}
		return list, nil
	}
	return nil, fmt.Errorf("unknown column kind %v", c.Kind)
}

// addStats adds a converted row to the current row group's statistics and,
// for dictionary columns, to parquet-go's dictionaries in order of first
// appearance. Filling the dictionaries here, before parquet-go's parallel
// goroutines see the rows, makes their order (and the output) deterministic;
// otherwise the goroutines would race to add new values.
func (w *ParquetWriter) addStats(row []any) {
	for i, v := range row {
		c := &w.cols[i]
		switch v := v.(type) {
		case nil:
			c.stats.nulls++
		case []any:
			for _, e := range v {
				c.stats.add(e)
			}
		default:
			c.stats.add(v)
			if c.dict {
				d := w.pw.DictRecs[c.key]
				if d == nil {
					d = layout.NewDictRec(*c.leaf.Type)
					w.pw.DictRecs[c.key] = d
				}
				if _, ok := d.DictMap[v]; !ok {
					d.DictMap[v] = int32(len(d.DictSlice))
					d.DictSlice = append(d.DictSlice, v)
				}
			}
		}
	}
}

// marshal is parquet-go's MarshalFunc: it turns a slice of rows (as made by
// row) into one table of values and repetition and definition levels per
// leaf column. parquet-go calls it from parquetNP goroutines at once, each
// with its own rows; it only reads the writer's column descriptions.
func (w *ParquetWriter) marshal(objs []any, _ *pqschema.SchemaHandler) (*map[string]*layout.Table, error) {
	tables := make(map[string]*layout.Table, len(w.cols))
	for i := range w.cols {
		c := &w.cols[i]
		t := &layout.Table{
			RepetitionType:     *c.leaf.RepetitionType,
			Schema:             c.leaf,
			Path:               c.path,
			MaxDefinitionLevel: c.maxDef,
			MaxRepetitionLevel: c.maxRep,
			Info:               c.info,
			Values:             make([]any, 0, len(objs)),
			DefinitionLevels:   make([]int32, 0, len(objs)),
			RepetitionLevels:   make([]int32, 0, len(objs)),
		}
		for _, o := range objs {
			row, ok := o.([]any)
			if !ok || len(row) != len(w.cols) {
				return nil, fmt.Errorf("export/parquet: marshal: unexpected row %T", o)
			}
			v := row[i]
			if c.maxRep == 0 {
				// A flat column: level 0 is null, maxDef is a value.
				def := c.maxDef
				if v == nil {
					def = 0
				}
				t.Values = append(t.Values, v)
				t.DefinitionLevels = append(t.DefinitionLevels, def)
				t.RepetitionLevels = append(t.RepetitionLevels, 0)
				continue
			}
			// A list: an empty list is one level below its elements'
			// definition level (the repeated group is absent), a null
			// list of a nullable column two (its optional group is
			// absent too): for an optional LIST, 0 is null, 1 is [] and
			// 2 an element; for a required one, 0 is [] and 1 an
			// element. Each element is at maxDef, the first with
			// repetition level 0 (a new row), the rest with maxRep (the
			// same list).
			l, _ := v.([]any)
			if len(l) == 0 {
				def := c.maxDef - 1
				if v == nil {
					def = c.maxDef - 2
				}
				t.Values = append(t.Values, nil)
				t.DefinitionLevels = append(t.DefinitionLevels, def)
				t.RepetitionLevels = append(t.RepetitionLevels, 0)
				continue
			}
			for j, e := range l {
				rep := c.maxRep
				if j == 0 {
					rep = 0
				}
				t.Values = append(t.Values, e)
				t.DefinitionLevels = append(t.DefinitionLevels, c.maxDef)
				t.RepetitionLevels = append(t.RepetitionLevels, rep)
			}
		}
		tables[c.key] = t
	}
	return &tables, nil
}

// endRowGroup writes the buffered rows as one row group and sets its column
// chunks' statistics. It does nothing when no row is buffered.
func (w *ParquetWriter) endRowGroup() error {
	if w.groupRows == 0 {
		return nil
	}
	return w.guard("write", func() error {
		before := len(w.pw.Footer.RowGroups)
		if err := w.pw.Flush(true); err != nil {
			return err
		}
		if len(w.pw.Footer.RowGroups) != before+1 {
			return errors.New("parquet-go wrote no row group")
		}
		rg := w.pw.Footer.RowGroups[before]
		if rg.NumRows != int64(w.groupRows) || len(rg.Columns) != len(w.cols) {
			return fmt.Errorf("row group of %d rows and %d columns, want %d and %d",
				rg.NumRows, len(rg.Columns), w.groupRows, len(w.cols))
		}
		for i := range w.cols {
			c := &w.cols[i]
			rg.Columns[i].MetaData.Statistics = c.stats.thrift(c.maxRep > 0)
			c.stats = columnStats{}
		}
		w.groupRows = 0
		return nil
	})
}

// Close writes the last row group and the footer: the schema, the row
// groups, the key-value metadata and created_by. It does not close the
// underlying io.Writer. It returns the first error of the writer, if any.
func (w *ParquetWriter) Close() error {
	if w.closed {
		if w.err != nil {
			return w.err
		}
		return errors.New("export/parquet: already closed")
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	if err := w.endRowGroup(); err != nil {
		return err
	}
	return w.guard("close", func() error {
		f := w.pw.Footer
		if f.NumRows != w.total {
			return fmt.Errorf("footer counts %d rows, want %d", f.NumRows, w.total)
		}
		// parquet-go's WriteStop would also write its column and
		// offset indexes, which are malformed (an entry for the
		// dictionary page, first_row_index counting values rather than
		// rows, no min/max without page statistics) and could mislead
		// readers that filter pages with them. They are optional, so
		// the footer is written here without them.
		w.pw.RenameSchema() // internal (Go-style) names back to column names
		f.CreatedBy = &w.createdBy
		f.KeyValueMetadata = w.keyValues
		f.ColumnOrders = make([]*parquet.ColumnOrder, len(w.cols))
		for i := range f.ColumnOrders {
			// Declares min/max as ordered by the logical type
			// (unsigned bytes for strings), without which parquet-mr
			// ignores string statistics.
			f.ColumnOrders[i] = &parquet.ColumnOrder{TYPE_ORDER: &parquet.TypeDefinedOrder{}}
		}
		ts := thrift.NewTSerializer()
		ts.Protocol = thrift.NewTCompactProtocolFactoryConf(nil).GetProtocol(ts.Transport)
		footer, err := ts.Write(context.Background(), f)
		if err != nil {
			return err
		}
		tail := binary.LittleEndian.AppendUint32(nil, uint32(len(footer)))
		tail = append(tail, "PAR1"...)
		if _, err := w.out.Write(footer); err != nil {
			return err
		}
		_, err = w.out.Write(tail)
		return err
	})
}

// guard runs f, which calls into parquet-go, and makes any failure the
// writer's sticky error, prefixed "export/parquet: ". parquet-go panics on
// some malformed input and may drop a write error on the floor, so a panic
// becomes an error and an error of the underlying io.Writer is reported even
// if parquet-go did not return it.
func (w *ParquetWriter) guard(op string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("export/parquet: %s: parquet-go panicked: %v", op, r)
		}
		if w.out.err != nil {
			err = fmt.Errorf("export/parquet: %s: %w", op, w.out.err)
		}
		if err != nil {
			w.err = err
		}
	}()
	if err := f(); err != nil {
		return fmt.Errorf("export/parquet: %s: %w", op, err)
	}
	return nil
}

// stickyWriter remembers the first error of w and fails every later write
// with it, so that no write error is lost and nothing is written after one.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		s.err = err
	}
	return n, err
}

// columnStats are the statistics of one column chunk: the least and greatest
// value (both string or both int32; for a list, of its elements) and the
// number of nulls.
type columnStats struct {
	min, max any
	nulls    int64
}

func (s *columnStats) add(v any) {
	if s.min == nil {
		s.min, s.max = v, v
		return
	}
	switch v := v.(type) {
	case string: // byte-wise order, which is Parquet's order for STRING
		if v < s.min.(string) {
			s.min = v
		} else if v > s.max.(string) {
			s.max = v
		}
	case int32:
		if v < s.min.(int32) {
			s.min = v
		} else if v > s.max.(int32) {
			s.max = v
		}
	}
}

// thrift returns the statistics as stored in the footer: min_value and
// max_value in plain encoding (dropped when too long), and null_count
// except for a list's elements, whose null count readers interpret
// differently (empty lists or not).
func (s *columnStats) thrift(list bool) *parquet.Statistics {
	st := parquet.NewStatistics()
	if !list {
		n := s.nulls
		st.NullCount = &n
	}
	minV, maxV := plainStat(s.min), plainStat(s.max)
	if minV != nil && maxV != nil && len(minV) <= parquetMaxStatLen && len(maxV) <= parquetMaxStatLen {
		st.MinValue, st.MaxValue = minV, maxV
	}
	return st
}

func plainStat(v any) []byte {
	switch v := v.(type) {
	case string:
		return []byte(v)
	case int32:
		return binary.LittleEndian.AppendUint32(nil, uint32(v))
	}
	return nil
}
