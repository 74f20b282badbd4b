package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/metadata"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
	pqschema "github.com/apache/arrow/go/v15/parquet/schema"

	"github.com/abstracts-dev/abstracts/schema"
)

func testParquetMetadata() Metadata {
	return Metadata{
		ToolVersion: "1.2.3-test",
		Sources: []Source{
			{Path: "dumps/mar14.txt", SHA256: strings.Repeat("ab", 32)},
			{Path: "-", SHA256: strings.Repeat("0f", 32)},
		},
	}
}

// writeParquet writes recs with opts and returns the file's bytes.
func writeParquet(tb testing.TB, recs []schema.Record, opts ParquetOptions) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w, err := NewParquetWriter(&buf, opts)
	if err != nil {
		tb.Fatalf("NewParquetWriter: %v", err)
	}
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			tb.Fatalf("Write record %d: %v", i+1, err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatalf("Close: %v", err)
	}
	return buf.Bytes()
}

// openParquet opens data with Arrow's Parquet reader; the reader is closed
// when the test ends.
func openParquet(t *testing.T, data []byte) *file.Reader {
	t.Helper()
	rdr, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("arrow: open parquet: %v", err)
	}
	t.Cleanup(func() {
		if err := rdr.Close(); err != nil {
			t.Errorf("arrow: close parquet: %v", err)
		}
	})
	return rdr
}

// readParquetTable reads data back as an Arrow table with pqarrow; the
// caller releases it.
func readParquetTable(t *testing.T, data []byte) arrow.Table {
	t.Helper()
	fr, err := pqarrow.NewFileReader(openParquet(t, data), pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatalf("pqarrow: %v", err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("pqarrow: read table: %v", err)
	}
	return tbl
}

// readParquetRecords reads data back with Arrow's pqarrow, an independent
// implementation, checks the Arrow type of every column against its kind,
// and rebuilds the records field by field.
func readParquetRecords(t *testing.T, data []byte) []row {
	t.Helper()
	tbl := readParquetTable(t, data)
	defer tbl.Release()

	if got, want := int(tbl.NumCols()), len(schema.Columns); got != want {
		t.Fatalf("arrow table has %d columns, want %d", got, want)
	}
	for i, c := range schema.Columns {
		f := tbl.Schema().Field(i)
		if f.Name != c.Name || f.Nullable != c.Nullable {
			t.Errorf("arrow field %d is %s (nullable %v), want %s (nullable %v)", i, f.Name, f.Nullable, c.Name, c.Nullable)
		}
		var want arrow.DataType
		switch c.Kind {
		case schema.String:
			want = arrow.BinaryTypes.String
		case schema.Int32:
			want = arrow.PrimitiveTypes.Int32
		case schema.Date:
			want = arrow.FixedWidthTypes.Date32
		case schema.StringList:
			// pqarrow names a list's item after the repeated group and
			// always makes it nullable, so only the item type is
			// compared here; TestParquetFooter checks the element.
			if l, ok := f.Type.(*arrow.ListType); !ok || !arrow.TypeEqual(l.Elem(), arrow.BinaryTypes.String) {
				t.Errorf("arrow field %s has type %v, want a list of utf8", c.Name, f.Type)
			}
			continue
		default:
			t.Fatalf("column %s: kind %v not covered by this test", c.Name, c.Kind)
		}
		if !arrow.TypeEqual(f.Type, want) {
			t.Errorf("arrow field %s has type %v, want %v", c.Name, f.Type, want)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	n := int(tbl.NumRows())
	rows := make([]row, n)
	for i := range rows {
		rows[i] = row{}
	}
	for c := range int(tbl.NumCols()) {
		col := tbl.Column(c)
		i := 0
		for _, a := range col.Data().Chunks() { // one chunk per row group
			for j := 0; j < a.Len(); j++ {
				if i == n {
					t.Fatalf("column %s has more than %d rows", col.Name(), n)
				}
				rows[i][schema.Columns[c].Name] = arrowValue(t, a, j)
				i++
			}
		}
		if i != n {
			t.Fatalf("column %s has %d rows, want %d", col.Name(), i, n)
		}
	}
	return rows
}

// readParquetDates returns the listing_date column as Arrow date32 days, -1
// for null.
func readParquetDates(t *testing.T, data []byte) []int64 {
	t.Helper()
	tbl := readParquetTable(t, data)
	defer tbl.Release()
	var days []int64
	for _, a := range tbl.Column(tbl.Schema().FieldIndices("listing_date")[0]).Data().Chunks() {
		d := a.(*array.Date32)
		for j := 0; j < d.Len(); j++ {
			if d.IsNull(j) {
				days = append(days, -1)
			} else {
				days = append(days, int64(d.Value(j)))
			}
		}
	}
	return days
}

func TestParquetRoundTrip(t *testing.T) {
	recs := sampleRecords()
	data := writeParquet(t, recs, ParquetOptions{Metadata: testParquetMetadata()})
	sameRecords(t, readParquetRecords(t, data), recs)

	// The date is stored as days since 1970-01-01, counted here
	// independently of the writer.
	days := readParquetDates(t, data)
	for i, r := range recs {
		want := int64(-1)
		if r.ListingDate != "" {
			var y, m, d int
			if _, err := fmt.Sscanf(r.ListingDate, "%d-%d-%d", &y, &m, &d); err != nil {
				t.Fatal(err)
			}
			want = int64(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Sub(time.Unix(0, 0)) / (24 * time.Hour))
		}
		if days[i] != want {
			t.Errorf("record %d: listing_date %d days, want %d (%q)", i+1, days[i], want, r.ListingDate)
		}
	}
	if days[0] != 19796 { // 2024-03-14
		t.Errorf("2024-03-14 stored as %d days, want 19796", days[0])
	}
}

func TestParquetFooter(t *testing.T) {
	meta := testParquetMetadata()
	recs := sampleRecords()
	rdr := openParquet(t, writeParquet(t, recs, ParquetOptions{Metadata: meta}))
	md := rdr.MetaData()

	if got, want := md.GetCreatedBy(), CreatedBy(meta.ToolVersion); got != want {
		t.Errorf("created_by %q, want %q", got, want)
	}
	keys, values := meta.KeyValues()
	kv := md.KeyValueMetadata()
	if !reflect.DeepEqual(kv.Keys(), keys) || !reflect.DeepEqual(kv.Values(), values) {
		t.Errorf("key-value metadata %q = %q, want %q = %q", kv.Keys(), kv.Values(), keys, values)
	}
	if v := kv.FindValue(KeySchemaVersion); v == nil || *v != schema.Version || schema.Version == "" {
		t.Errorf("schema version in footer = %v, want %q", v, schema.Version)
	}
	if v := kv.FindValue(KeySources); v == nil || !strings.Contains(*v, `"path":"dumps/mar14.txt"`) {
		t.Errorf("sources in footer = %v", v)
	}

	// The logical type and repetition of every column, from its kind.
	root := md.Schema.Root()
	if root.NumFields() != len(schema.Columns) {
		t.Fatalf("schema has %d fields, want %d", root.NumFields(), len(schema.Columns))
	}
	checkPrimitive := func(n pqschema.Node, name string, rep parquet.Repetition, phys parquet.Type, lt pqschema.LogicalType) {
		t.Helper()
		p, ok := n.(*pqschema.PrimitiveNode)
		if !ok {
			t.Errorf("%s is a %T, want a primitive", name, n)
			return
		}
		if p.Name() != name || p.RepetitionType() != rep || p.PhysicalType() != phys || !p.LogicalType().Equals(lt) {
			t.Errorf("%s: got %s %v %v %v, want %s %v %v %v", name, p.Name(), p.RepetitionType(), p.PhysicalType(), p.LogicalType(),
				name, rep, phys, lt)
		}
	}
	for i, c := range schema.Columns {
		rep := parquet.Repetitions.Required
		if c.Nullable {
			rep = parquet.Repetitions.Optional
		}
		n := root.Field(i)
		switch c.Kind {
		case schema.String:
			checkPrimitive(n, c.Name, rep, parquet.Types.ByteArray, pqschema.StringLogicalType{})
		case schema.Int32:
			checkPrimitive(n, c.Name, rep, parquet.Types.Int32, pqschema.NewIntLogicalType(32, true))
		case schema.Date:
			checkPrimitive(n, c.Name, rep, parquet.Types.Int32, pqschema.DateLogicalType{})
		case schema.StringList:
			g, ok := n.(*pqschema.GroupNode)
			if !ok || g.Name() != c.Name || g.RepetitionType() != rep || !g.LogicalType().Equals(pqschema.ListLogicalType{}) || g.NumFields() != 1 {
				t.Errorf("%s: want a %v LIST group with one field, got %v", c.Name, rep, n)
				continue
			}
			list, ok := g.Field(0).(*pqschema.GroupNode)
			if !ok || list.Name() != "list" || list.RepetitionType() != parquet.Repetitions.Repeated || list.NumFields() != 1 {
				t.Errorf("%s: want a repeated group list with one field, got %v", c.Name, g.Field(0))
				continue
			}
			checkPrimitive(list.Field(0), "element", parquet.Repetitions.Required, parquet.Types.ByteArray, pqschema.StringLogicalType{})
		default:
			t.Errorf("column %s: kind %v not covered by this test", c.Name, c.Kind)
		}
	}
	// The nullable columns, spelled out.
	for _, name := range []string{"listing_date", "github_repo", "authors", "ai_summary", "ai_keywords", "project_page"} {
		if n := root.Field(root.FieldIndexByName(name)); n.RepetitionType() != parquet.Repetitions.Optional {
			t.Errorf("%s is %v, want optional", name, n.RepetitionType())
		}
	}
	// The nullable lists, spelled out: an optional group (LIST) of a
	// repeated group "list" of a required string "element", the
	// standard three-level shape, and so levels 0 (null), 1 ([]) and 2
	// (an element); urls, required, has levels 0 ([]) and 1.
	for name, levels := range map[string][2]int16{"authors": {2, 1}, "ai_keywords": {2, 1}, "urls": {1, 1}} {
		g, ok := root.Field(root.FieldIndexByName(name)).(*pqschema.GroupNode)
		if !ok || g.NumFields() != 1 || g.ConvertedType() != pqschema.ConvertedTypes.List || !g.LogicalType().Equals(pqschema.ListLogicalType{}) {
			t.Errorf("%s: want a LIST group of one field, got %v", name, root.Field(root.FieldIndexByName(name)))
			continue
		}
		list, ok := g.Field(0).(*pqschema.GroupNode)
		if !ok || list.Name() != "list" || list.RepetitionType() != parquet.Repetitions.Repeated || list.NumFields() != 1 ||
			list.LogicalType() != nil && !list.LogicalType().Equals(pqschema.NoLogicalType{}) {
			t.Errorf("%s: want a repeated group list of one field and no logical type, got %v", name, g.Field(0))
			continue
		}
		e := list.Field(0)
		if e.Name() != "element" || e.RepetitionType() != parquet.Repetitions.Required || e.Path() != name+".list.element" {
			t.Errorf("%s: element %s %v at %s, want required element at %s.list.element", name, e.Name(), e.RepetitionType(), e.Path(), name)
		}
		col := md.Schema.Column(md.Schema.ColumnIndexByName(name + ".list.element"))
		if col.MaxDefinitionLevel() != levels[0] || col.MaxRepetitionLevel() != levels[1] {
			t.Errorf("%s: max definition level %d, repetition level %d; want %d, %d",
				name, col.MaxDefinitionLevel(), col.MaxRepetitionLevel(), levels[0], levels[1])
		}
	}

	if len(md.RowGroups) != 1 || md.NumRows != int64(len(recs)) {
		t.Fatalf("%d row groups, %d rows; want 1 and %d", len(md.RowGroups), md.NumRows, len(recs))
	}
	rg := md.RowGroup(0)
	for j := 0; j < rg.NumColumns(); j++ {
		cc, err := rg.ColumnChunk(j)
		if err != nil {
			t.Fatal(err)
		}
		name := cc.PathInSchema().String()
		if cc.Compression() != compress.Codecs.Zstd {
			t.Errorf("%s compressed with %v, want zstd (the default)", name, cc.Compression())
		}
		wantDict := name == "source" // listing_label is nullable: no dictionary (see parquetDictColumns)
		if cc.HasDictionaryPage() != wantDict {
			t.Errorf("%s: dictionary page %v, want %v", name, cc.HasDictionaryPage(), wantDict)
		}
	}
	checkParquetStats(t, rg)
}

// checkStats checks the column chunk statistics of sampleRecords.
func checkParquetStats(t *testing.T, rg *metadata.RowGroupMetaData) {
	t.Helper()
	stats := func(j int) metadata.TypedStatistics {
		t.Helper()
		cc, err := rg.ColumnChunk(j)
		if err != nil {
			t.Fatal(err)
		}
		s, err := cc.Statistics()
		if err != nil || s == nil {
			t.Fatalf("column %d: no usable statistics (%v)", j, err)
		}
		return s
	}
	checkInt := func(j int, min, max int32, nulls int64) {
		t.Helper()
		s := stats(j).(*metadata.Int32Statistics)
		if !s.HasMinMax() || s.Min() != min || s.Max() != max || !s.HasNullCount() || s.NullCount() != nulls {
			t.Errorf("column %d: stats min %d max %d nulls %d, want %d %d %d", j, s.Min(), s.Max(), s.NullCount(), min, max, nulls)
		}
	}
	checkStr := func(j int, min, max string, nulls int64) {
		t.Helper()
		s := stats(j).(*metadata.ByteArrayStatistics)
		if !s.HasMinMax() || string(s.Min()) != min || string(s.Max()) != max {
			t.Errorf("column %d: stats min %q max %q, want %q %q", j, s.Min(), s.Max(), min, max)
		}
		if nulls >= 0 && (!s.HasNullCount() || s.NullCount() != nulls) {
			t.Errorf("column %d: null count %d, want %d", j, s.NullCount(), nulls)
		}
	}
	recs := sampleRecords()
	minID, maxID := recs[0].ID, recs[0].ID
	for _, r := range recs {
		minID, maxID = min(minID, r.ID), max(maxID, r.ID)
	}
	col := func(name string) int {
		t.Helper()
		for j, c := range schema.Columns {
			if c.Name == name {
				return j
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	checkStr(0, minID, maxID, 0)
	checkStr(1, "A URL that is not on GitHub", "No URLs, no date?", 0)
	checkInt(3, 1, 4, 0)
	checkStr(4, "Feb 29", "Nov 3", 0)
	checkInt(5, 19782, 19796, 1) // 2024-02-29 and 2024-03-14; one null
	checkStr(6, "https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md", "https://github.com/ngushchin/LightSB", -1)
	checkStr(7, "ngushchin/LightSB", "ngushchin/LightSB", 3)
	checkStr(8, "-", "dumps/mar14.txt", 0)
	checkInt(9, 11, 2147483647, 0)
	// The lists' statistics are of their elements, in byte order
	// (Cyrillic and CJK after ASCII). The writer leaves out their null
	// count, which Arrow's reader cannot tell from a zero.
	checkStr(col("authors"), "Alexander Korotin", "Евгений Бурнаев", -1)
	checkStr(col("ai_summary"), recs[0].AISummary, "One line.", 2)
	checkStr(col("ai_keywords"), "Schrödinger bridge", "日本語", -1)
	checkStr(col("project_page"), recs[0].ProjectPage, recs[0].ProjectPage, 3)
}

// TestParquetListLevels reads the definition and repetition levels of the
// list columns of sampleRecords as stored, with Arrow's column reader: a
// null list, an empty one and a filled one are told apart by the levels
// alone, as the Parquet format says for a three-level LIST.
func TestParquetListLevels(t *testing.T) {
	recs := sampleRecords()
	rg := openParquet(t, writeParquet(t, recs, ParquetOptions{Metadata: testParquetMetadata()})).RowGroup(0)
	type levels struct {
		def, rep []int16
		values   []string
	}
	want := map[string]levels{
		// Light Schrödinger Bridge: three names; no URLs, no date: null;
		// not on GitHub: []; the fourth: one name.
		"authors": {def: []int16{2, 2, 2, 0, 1, 2}, rep: []int16{0, 1, 1, 0, 0, 0},
			values: append(append([]string{}, recs[0].Authors...), recs[3].Authors...)},
		// four keywords; []; null; one.
		"ai_keywords": {def: []int16{2, 2, 2, 2, 1, 0, 2}, rep: []int16{0, 1, 1, 1, 0, 0, 0},
			values: append(append([]string{}, recs[0].AIKeywords...), recs[3].AIKeywords...)},
		// urls is required: 0 is [], 1 an element.
		"urls": {def: []int16{1, 1, 0, 1, 0}, rep: []int16{0, 1, 0, 0, 0}, values: append(append([]string{}, recs[0].URLs...), recs[2].URLs...)},
	}
	for j, c := range schema.Columns {
		w, ok := want[c.Name]
		if !ok {
			continue
		}
		cr, err := rg.Column(j)
		if err != nil {
			t.Fatal(err)
		}
		br := cr.(*file.ByteArrayColumnChunkReader)
		n := len(w.def) + 8
		vals := make([]parquet.ByteArray, n)
		def, rep := make([]int16, n), make([]int16, n)
		total, nv, err := br.ReadBatch(int64(n), vals, def, rep)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range vals[:nv] {
			got = append(got, string(v))
		}
		if !reflect.DeepEqual(def[:total], w.def) || !reflect.DeepEqual(rep[:total], w.rep) || !reflect.DeepEqual(got, w.values) {
			t.Errorf("%s: definition levels %v, repetition levels %v, values %q;\nwant %v, %v, %q",
				c.Name, def[:total], rep[:total], got, w.def, w.rep, w.values)
		}
	}
}

func TestParquetDeterministic(t *testing.T) {
	recs := append(sampleRecords(), parquetSyntheticRecords(3000, 7)...)
	opts := ParquetOptions{RowGroupRows: 1000, Metadata: testParquetMetadata()}
	first := writeParquet(t, recs, opts)
	// Several runs, since parquet-go's goroutines race on dictionaries.
	for run := 0; run < 4; run++ {
		if again := writeParquet(t, recs, opts); !bytes.Equal(first, again) {
			t.Fatalf("run %d: %d bytes differ from the first run's %d bytes", run+2, len(again), len(first))
		}
	}
}

func TestParquetCompressions(t *testing.T) {
	recs := append(sampleRecords(), parquetSyntheticRecords(200, 3)...)
	want := map[string]compress.Compression{
		"":       compress.Codecs.Zstd,
		"zstd":   compress.Codecs.Zstd,
		"snappy": compress.Codecs.Snappy,
		"gzip":   compress.Codecs.Gzip,
		"none":   compress.Codecs.Uncompressed,
	}
	sizes := map[string]int{}
	for name, codec := range want {
		t.Run("codec="+name, func(t *testing.T) {
			data := writeParquet(t, recs, ParquetOptions{Compression: ParquetCompression(name), Metadata: testParquetMetadata()})
			sizes[name] = len(data)
			sameRecords(t, readParquetRecords(t, data), recs)
			rg := openParquet(t, data).MetaData().RowGroup(0)
			for j := 0; j < rg.NumColumns(); j++ {
				cc, err := rg.ColumnChunk(j)
				if err != nil {
					t.Fatal(err)
				}
				if cc.Compression() != codec {
					t.Errorf("column %d: codec %v, want %v", j, cc.Compression(), codec)
				}
			}
		})
	}
	if sizes["zstd"] >= sizes["none"] || sizes["snappy"] >= sizes["none"] || sizes["gzip"] >= sizes["none"] {
		t.Errorf("compressed sizes %v not below uncompressed", sizes)
	}

	for _, bad := range []string{"lz4", "ZSTD", "brotli"} {
		_, err := NewParquetWriter(io.Discard, ParquetOptions{Compression: ParquetCompression(bad)})
		if err == nil || !strings.Contains(err.Error(), "export/parquet") || !strings.Contains(err.Error(), "zstd, snappy, gzip or none") {
			t.Errorf("compression %q: error %v, want one naming the allowed values", bad, err)
		}
	}
	for in, out := range map[string]ParquetCompression{"": ParquetZstd, "zstd": ParquetZstd, "snappy": ParquetSnappy, "gzip": ParquetGzip, "none": ParquetNone} {
		if got, err := ParseParquetCompression(in); got != out || err != nil {
			t.Errorf("ParseParquetCompression(%q) = %q, %v; want %q", in, got, err, out)
		}
	}
}

func TestParquetRowGroups(t *testing.T) {
	// Small pages and batches as well: a page holds about five URLs, so
	// the lists of up to nine span pages, and row groups are made of
	// several batches.
	defer func(p int64, b int) { parquetPageSize, parquetBatchRows = p, b }(parquetPageSize, parquetBatchRows)
	parquetPageSize, parquetBatchRows = 128, 5

	recs := parquetSyntheticRecords(50, 11)
	for i := range recs {
		for k := 0; k < i%9; k++ {
			recs[i].URLs = append(recs[i].URLs, fmt.Sprintf("https://example.org/%d/%d", i, k))
		}
		// authors null, empty or of up to six names, which span pages
		// as well; ai_keywords null where authors are not.
		if i%4 != 0 {
			recs[i].Authors = []string{}
			for k := 0; k < i%7; k++ {
				recs[i].Authors = append(recs[i].Authors, fmt.Sprintf("Autor Nummer %d-%d Müller", i, k))
			}
		} else {
			recs[i].AIKeywords = []string{"keyword", fmt.Sprint(i)}
		}
	}
	data := writeParquet(t, recs, ParquetOptions{RowGroupRows: 12, Metadata: testParquetMetadata()})
	sameRecords(t, readParquetRecords(t, data), recs)

	md := openParquet(t, data).MetaData()
	var sizes []int64
	for i := 0; i < len(md.RowGroups); i++ {
		sizes = append(sizes, md.RowGroup(i).NumRows())
	}
	if want := []int64{12, 12, 12, 12, 2}; !reflect.DeepEqual(sizes, want) {
		t.Errorf("row groups of %v rows, want %v", sizes, want)
	}
	// Each row group's statistics cover its own rows.
	for i := 0; i < len(md.RowGroups); i++ {
		cc, err := md.RowGroup(i).ColumnChunk(3) // position
		if err != nil {
			t.Fatal(err)
		}
		s, err := cc.Statistics()
		if err != nil || s == nil {
			t.Fatalf("row group %d: no statistics (%v)", i, err)
		}
		is := s.(*metadata.Int32Statistics)
		lo, hi := recs[12*i].Position, recs[min(12*i+11, len(recs)-1)].Position
		if int(is.Min()) != lo || int(is.Max()) != hi {
			t.Errorf("row group %d: position in [%d, %d], want [%d, %d]", i, is.Min(), is.Max(), lo, hi)
		}
	}
}

func TestParquetAllNull(t *testing.T) {
	// What an export without --year gives: every date null; and no URLs.
	recs := parquetSyntheticRecords(30, 5)
	for i := range recs {
		recs[i].ListingDate, recs[i].GitHubRepo, recs[i].URLs = "", "", nil
	}
	data := writeParquet(t, recs, ParquetOptions{Metadata: testParquetMetadata()})
	sameRecords(t, readParquetRecords(t, data), recs)

	cc, err := openParquet(t, data).MetaData().RowGroup(0).ColumnChunk(5) // listing_date
	if err != nil {
		t.Fatal(err)
	}
	s, err := cc.Statistics()
	if err != nil || s == nil || s.HasMinMax() || s.NullCount() != 30 {
		t.Errorf("listing_date statistics %v (%v), want 30 nulls and no min/max", s, err)
	}
}

func TestParquetEmpty(t *testing.T) {
	data := writeParquet(t, nil, ParquetOptions{Metadata: testParquetMetadata()})
	if recs := readParquetRecords(t, data); len(recs) != 0 {
		t.Errorf("read %d records from an empty file", len(recs))
	}
	if md := openParquet(t, data).MetaData(); md.NumRows != 0 || md.Schema.NumColumns() != len(schema.Columns) {
		t.Errorf("empty file: %d rows, %d columns", md.NumRows, md.Schema.NumColumns())
	}
}

// parquetFailingWriter accepts n bytes, then fails.
type parquetFailingWriter struct{ n int }

var errParquetDiskFull = errors.New("disk full")

func (f *parquetFailingWriter) Write(p []byte) (int, error) {
	if len(p) <= f.n {
		f.n -= len(p)
		return len(p), nil
	}
	n := f.n
	f.n = 0
	return n, errParquetDiskFull
}

func TestParquetFailingWriter(t *testing.T) {
	recs := append(sampleRecords(), parquetSyntheticRecords(40, 9)...)
	opts := ParquetOptions{RowGroupRows: 10, Metadata: testParquetMetadata()}
	size := len(writeParquet(t, recs, opts))
	for _, limit := range []int{0, 3, 4, 100, size / 3, size / 2, size - 200, size - 8, size - 1} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			err := func() error {
				w, err := NewParquetWriter(&parquetFailingWriter{n: limit}, opts)
				if err != nil {
					return err
				}
				for i := range recs {
					if err := w.Write(&recs[i]); err != nil {
						if cerr := w.Close(); cerr == nil {
							t.Errorf("Close after a failed Write succeeded")
						}
						return err
					}
				}
				return w.Close()
			}()
			if err == nil {
				t.Fatalf("no error with a writer failing after %d of %d bytes", limit, size)
			}
			if !errors.Is(err, errParquetDiskFull) || !strings.HasPrefix(err.Error(), "export/parquet: ") {
				t.Errorf("error %q, want one prefixed export/parquet wrapping %q", err, errParquetDiskFull)
			}
		})
	}
}

func TestParquetBadRecord(t *testing.T) {
	for name, edit := range map[string]func(r *schema.Record){
		"position": func(r *schema.Record) { r.Position = 1 << 40 },
		"date":     func(r *schema.Record) { r.ListingDate = "2024-02-30" },
	} {
		t.Run(name, func(t *testing.T) {
			recs := sampleRecords()
			edit(&recs[1])
			w, err := NewParquetWriter(io.Discard, ParquetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(&recs[0]); err != nil {
				t.Fatal(err)
			}
			err = w.Write(&recs[1])
			if err == nil || !strings.Contains(err.Error(), "export/parquet: record 2") || !strings.Contains(err.Error(), name) {
				t.Fatalf("error %v, want one naming record 2 and its %s", err, name)
			}
			if err := w.Write(&recs[2]); err == nil {
				t.Errorf("Write after an error succeeded")
			}
			if err := w.Close(); err == nil {
				t.Errorf("Close after an error succeeded")
			}
		})
	}
}

func TestParquetClosed(t *testing.T) {
	w, err := NewParquetWriter(io.Discard, ParquetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs := sampleRecords()
	if err := w.Write(&recs[0]); err == nil {
		t.Errorf("Write after Close succeeded")
	}
	if err := w.Close(); err == nil {
		t.Errorf("second Close succeeded")
	}
}

// parquetWords is the vocabulary of the synthetic titles and abstracts.
var parquetWords = strings.Fields(`we propose a novel method for learning representations of
large language models that improves the efficiency and robustness of training on
diverse benchmarks our approach combines diffusion transformers with contrastive
objectives and achieves state of the art results while reducing memory and compute
in addition we show that the proposed framework generalizes to multimodal tasks
such as image captioning video understanding and speech recognition experiments
demonstrate consistent gains over strong baselines across datasets and model
scales furthermore we analyze the attention patterns and provide theoretical
insights into optimization dynamics gradient descent convergence generalization
bounds sample complexity reinforcement learning from human feedback alignment
reasoning chain of thought retrieval augmented generation agents planning tool use
evaluation metrics ablation studies reveal that each component contributes to the
overall performance code and models are publicly available to facilitate future
research in this direction including quantization pruning distillation sparse
mixture experts tokenization pretraining finetuning instruction tuning zero shot
few shot in context learning scaling laws emergent abilities hallucination safety`)

// parquetSyntheticRecords makes n valid records of realistic size (titles of about
// 80 characters, abstracts of about 1,600), deterministically from seed.
func parquetSyntheticRecords(n int, seed uint64) []schema.Record {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	text := func(size int, sentence bool) string {
		var b strings.Builder
		for b.Len() < size {
			if b.Len() > 0 {
				if sentence && rng.IntN(14) == 0 {
					b.WriteString(".")
				}
				b.WriteString(" ")
			}
			b.WriteString(parquetWords[rng.IntN(len(parquetWords))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	recs := make([]schema.Record, n)
	for i := range recs {
		day := 1 + i/50%28
		title := fmt.Sprintf("%s %d", text(72+rng.IntN(16), false), i)
		abstract := text(1400+rng.IntN(400), true) + "."
		var urls []string
		repo := ""
		if rng.IntN(10) < 4 {
			repo = fmt.Sprintf("lab%d/project-%d", rng.IntN(500), i)
			urls = append(urls, "https://github.com/"+repo)
			abstract += " Code: " + urls[0]
		}
		recs[i] = schema.Record{
			ID: schema.TitleID(title), Title: title, Abstract: abstract,
			Position: i%50 + 1, ListingLabel: fmt.Sprintf("Mar %d", day),
			ListingDate: fmt.Sprintf("2024-03-%02d", day), URLs: urls, GitHubRepo: repo,
			Source: fmt.Sprintf("dumps/2024-03-%02d.txt", day), Line: (i%50)*4 + 1,
		}
	}
	return recs
}

func BenchmarkParquetWriter(b *testing.B) {
	const n = 20_000
	recs := parquetSyntheticRecords(n, 1)
	var text int64
	for i := range recs {
		text += int64(len(recs[i].Title) + len(recs[i].Abstract))
	}
	b.SetBytes(text)
	b.ReportAllocs()
	b.ResetTimer()
	var out int
	for range b.N {
		cw := &parquetCountingWriter{}
		w, err := NewParquetWriter(cw, ParquetOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range recs {
			if err := w.Write(&recs[i]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		out = cw.n
	}
	b.ReportMetric(float64(out)/float64(text), "out/text")
}

type parquetCountingWriter struct{ n int }

func (c *parquetCountingWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	return len(p), nil
}

// TestParquetPageNullCounts holds every data page's null count, where a
// page states one, to the nulls it holds: a reader that skips pages by
// their statistics (WHERE col IS NULL) must not lose rows. Every nullable
// column gets nulls at irregular places across many small pages.
func TestParquetPageNullCounts(t *testing.T) {
	defer func(p int64, b int) { parquetPageSize, parquetBatchRows = p, b }(parquetPageSize, parquetBatchRows)
	parquetPageSize, parquetBatchRows = 256, 7

	recs := parquetSyntheticRecords(200, 3)
	for i := range recs {
		if i%3 == 0 || i%7 == 0 {
			recs[i].ListingLabel, recs[i].ListingDate, recs[i].GitHubRepo = "", "", ""
			recs[i].Upvotes, recs[i].PaperID = schema.NullInt{}, ""
		} else {
			recs[i].ListingLabel, recs[i].ListingDate, recs[i].GitHubRepo = "Mar 14", "2024-03-14", "o/r"
			recs[i].Upvotes, recs[i].PaperID = schema.Int(i), fmt.Sprintf("2401.%05d", i)
			recs[i].AISummary, recs[i].ProjectPage = fmt.Sprintf("Summary %d.", i), fmt.Sprintf("https://example.org/%d", i)
			recs[i].Authors, recs[i].AIKeywords = []string{"A. Author", fmt.Sprint(i)}, []string{}
		}
	}
	data := writeParquet(t, recs, ParquetOptions{RowGroupRows: 90, Metadata: testParquetMetadata()})
	sameRecords(t, readParquetRecords(t, data), recs)

	rdr := openParquet(t, data)
	for j, c := range schema.Columns {
		if !c.Nullable {
			continue
		}
		var pageNulls, wantNulls, pages int64
		stated := false
		for i := range recs {
			if recs[i].Map()[c.Name] == nil {
				wantNulls++
			}
		}
		for g := 0; g < rdr.NumRowGroups(); g++ {
			pr, err := rdr.RowGroup(g).GetColumnPageReader(j)
			if err != nil {
				t.Fatal(err)
			}
			for pr.Next() {
				dp, ok := pr.Page().(file.DataPage)
				if !ok {
					continue // a dictionary page
				}
				pages++
				st := dp.Statistics()
				if !st.HasNullCount {
					continue
				}
				stated = true
				if st.NullCount > int64(dp.NumValues()) {
					t.Errorf("%s: a page of %d values states %d nulls", c.Name, dp.NumValues(), st.NullCount)
				}
				pageNulls += st.NullCount
			}
			if err := pr.Err(); err != nil {
				t.Fatal(err)
			}
		}
		if stated && pageNulls != wantNulls {
			t.Errorf("%s: pages state %d nulls in all, the column holds %d (%d pages)", c.Name, pageNulls, wantNulls, pages)
		}
	}
}
