package export

import (
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/abstracts-dev/abstracts/schema"
)

// DefaultArrowBatchRows is the number of rows per Arrow record batch when
// ArrowOptions.BatchRows is 0. A realistic record holds about 2 KB of text,
// so a batch is some 8 MB: large enough for compression and for readers to
// work on whole columns, small enough that memory stays flat however many
// records are written.
const DefaultArrowBatchRows = 4096

// maxArrowBatchBytes caps the text bytes (strings and list elements) of one
// record batch. A batch is flushed as soon as it reaches the cap, even with
// fewer than BatchRows rows, so that unusually long texts cannot make a
// batch large; it also keeps every utf8 column far below the 2 GiB that its
// int32 offsets can address.
const maxArrowBatchBytes = 64 << 20

// maxArrowValueBytes is the longest single string the writer accepts. With
// maxArrowBatchBytes it keeps each batch's string data within int32 offsets.
const maxArrowValueBytes = 1 << 30

// arrowListElement is the name of the element field of list columns. It is
// the name of the standard three-level LIST of Parquet, so that the Arrow
// and Parquet schemas agree. Elements are never null.
const arrowListElement = "element"

// ArrowOptions configures an ArrowWriter. The zero value writes uncompressed
// batches of DefaultArrowBatchRows rows using memory.DefaultAllocator.
type ArrowOptions struct {
	// Compression is the IPC body codec; "" means ArrowNone.
	Compression ArrowCompression
	// BatchRows is the most rows in one record batch; 0 means
	// DefaultArrowBatchRows.
	BatchRows int
	// Metadata is stored as the schema's key-value metadata.
	Metadata Metadata
	// Allocator provides the memory of the batches; nil means
	// memory.DefaultAllocator.
	Allocator memory.Allocator
	// Columns are the columns written, a subsequence of schema.Columns
	// (see ColumnsWithout); nil means all of schema.Columns.
	Columns []schema.Column
}

// ArrowWriter writes records as an Arrow IPC file (Feather v2). It buffers
// up to one record batch in memory; the schema, as ArrowSchema returns it,
// is written with the first batch, and Close writes the footer.
//
// The file's offsets count from the point where w was when the writer was
// made, so w should be at the start of a file.
type ArrowWriter struct {
	fw        *ipc.FileWriter
	rb        *array.RecordBuilder
	appenders []arrowAppender

	// textBuilders are the builders of string data (list elements too).
	// Each batch reserves as much data as the last one held, plus some, so
	// that its buffers need not grow by doubling and copying.
	textBuilders []*array.StringBuilder
	textLens     []int

	batchRows     int
	maxBatchBytes int
	rows          int   // rows in the current batch
	bytes         int   // text bytes in the current batch
	records       int64 // records passed to Write, to name one in errors

	err    error // the first error; the writer is unusable after it
	closed bool
}

var _ Writer = (*ArrowWriter)(nil)

// arrowAppender appends one column of a record to its builder and returns
// the text bytes it appended.
type arrowAppender func(r *schema.Record) (int, error)

// ArrowSchema returns the Arrow schema of a record file with md as its
// key-value metadata, in the order of Metadata.KeyValues. Its fields are
// derived from schema.Columns: String is utf8, Int32 is int32, Date is
// date32 and StringList is list<element: utf8> with non-null elements;
// nullability is that of the column (a nullable list is null where the
// record's list is nil, and [] where it is empty). It panics if
// schema.Columns holds a kind it does not know, a programming error that
// this package's tests catch.
func ArrowSchema(md Metadata) *arrow.Schema {
	s, err := arrowSchema(schema.Columns, md)
	if err != nil {
		panic(err)
	}
	return s
}

func arrowSchema(cols []schema.Column, md Metadata) (*arrow.Schema, error) {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		if err := c.Check(); err != nil {
			return nil, fmt.Errorf("export/arrow: %w", err)
		}
		t, err := arrowType(c.Kind)
		if err != nil {
			return nil, fmt.Errorf("export/arrow: column %q: %w", c.Name, err)
		}
		fields[i] = arrow.Field{Name: c.Name, Type: t, Nullable: c.Nullable}
	}
	keys, values := md.KeyValues()
	meta := arrow.NewMetadata(keys, values)
	return arrow.NewSchema(fields, &meta), nil
}

func arrowType(k schema.Kind) (arrow.DataType, error) {
	switch k {
	case schema.String:
		return arrow.BinaryTypes.String, nil
	case schema.Int32:
		return arrow.PrimitiveTypes.Int32, nil
	case schema.Date:
		return arrow.FixedWidthTypes.Date32, nil
	case schema.StringList:
		return arrow.ListOfField(arrow.Field{
			Name:     arrowListElement,
			Type:     arrow.BinaryTypes.String,
			Nullable: false,
		}), nil
	}
	return nil, fmt.Errorf("unknown column kind %d (%s)", int(k), k)
}

// NewArrowWriter returns a writer of an Arrow IPC file to w. Nothing is
// written to w before the first batch is full or Close is called.
func NewArrowWriter(w io.Writer, opts ArrowOptions) (*ArrowWriter, error) {
	cols := opts.Columns
	if cols == nil {
		cols = schema.Columns
	}
	return newArrowWriter(w, opts, cols)
}

func newArrowWriter(w io.Writer, opts ArrowOptions, cols []schema.Column) (*ArrowWriter, error) {
	compression, err := ParseArrowCompression(string(opts.Compression))
	if err != nil {
		return nil, fmt.Errorf("export/arrow: %w", err)
	}
	var codec []ipc.Option
	switch compression {
	case ArrowLZ4:
		codec = append(codec, ipc.WithLZ4())
	case ArrowZstd:
		codec = append(codec, ipc.WithZstd())
	}
	batchRows := opts.BatchRows
	switch {
	case batchRows == 0:
		batchRows = DefaultArrowBatchRows
	case batchRows < 0:
		return nil, fmt.Errorf("export/arrow: negative batch size %d", batchRows)
	}
	mem := opts.Allocator
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	s, err := arrowSchema(cols, opts.Metadata)
	if err != nil {
		return nil, err
	}

	out := &offsetWriter{countingWriter{w: w}}
	fw, err := ipc.NewFileWriter(out, append(codec, ipc.WithSchema(s), ipc.WithAllocator(mem))...)
	if err != nil {
		return nil, fmt.Errorf("export/arrow: %w", err)
	}
	aw := &ArrowWriter{
		fw:            fw,
		rb:            array.NewRecordBuilder(mem, s),
		batchRows:     batchRows,
		maxBatchBytes: maxArrowBatchBytes,
	}
	aw.appenders = make([]arrowAppender, len(cols))
	for i, c := range cols {
		if aw.appenders[i], err = newArrowAppender(c, aw.rb.Field(i)); err != nil {
			aw.rb.Release()
			return nil, fmt.Errorf("export/arrow: column %q: %w", c.Name, err)
		}
	}
	for _, b := range aw.rb.Fields() {
		if lb, ok := b.(*array.ListBuilder); ok {
			b = lb.ValueBuilder()
		}
		if sb, ok := b.(*array.StringBuilder); ok {
			aw.textBuilders = append(aw.textBuilders, sb)
		}
	}
	aw.textLens = make([]int, len(aw.textBuilders))
	return aw, nil
}

// newArrowAppender returns the appender of column c to b, the builder that
// the record builder made for the column's Arrow type.
func newArrowAppender(c schema.Column, b array.Builder) (arrowAppender, error) {
	switch c.Kind {
	case schema.String:
		get := c.Text
		sb := b.(*array.StringBuilder)
		return func(r *schema.Record) (int, error) {
			v := get(r)
			if c.Nullable && v == "" {
				sb.AppendNull()
				return 0, nil
			}
			if len(v) > maxArrowValueBytes {
				return 0, fmt.Errorf("value of %d bytes is longer than %d", len(v), maxArrowValueBytes)
			}
			sb.AppendString(v)
			return len(v), nil
		}, nil

	case schema.Int32:
		get := c.Int
		ib := b.(*array.Int32Builder)
		return func(r *schema.Record) (int, error) {
			v := get(r)
			if !v.Valid {
				if !c.Nullable {
					return 0, errors.New("null in a non-nullable column")
				}
				ib.AppendNull()
				return 0, nil
			}
			if v.Int < math.MinInt32 || v.Int > math.MaxInt32 {
				return 0, fmt.Errorf("value %d out of int32 range", v.Int)
			}
			ib.Append(int32(v.Int))
			return 0, nil
		}, nil

	case schema.Date:
		get := c.Text
		db := b.(*array.Date32Builder)
		return func(r *schema.Record) (int, error) {
			v := get(r)
			if v == "" {
				if !c.Nullable {
					return 0, errors.New("empty date in a non-nullable column")
				}
				db.AppendNull()
				return 0, nil
			}
			d, err := date32(v)
			if err != nil {
				return 0, err
			}
			db.Append(d)
			return 0, nil
		}, nil

	case schema.StringList:
		get := c.List
		lb := b.(*array.ListBuilder)
		vb := lb.ValueBuilder().(*array.StringBuilder)
		return func(r *schema.Record) (int, error) {
			v := get(r)
			if v == nil && c.Nullable {
				lb.AppendNull() // a null list: no offsets advance, validity bit 0
				return 0, nil
			}
			n := 0
			for _, s := range v {
				if len(s) > maxArrowValueBytes-n {
					return 0, fmt.Errorf("list of more than %d bytes", maxArrowValueBytes)
				}
				n += len(s)
			}
			lb.Append(true)
			for _, s := range v {
				vb.AppendString(s)
			}
			return n, nil
		}, nil
	}
	return nil, fmt.Errorf("unknown column kind %d (%s)", int(c.Kind), c.Kind)
}

// date32 converts a "YYYY-MM-DD" date to days since 1970-01-01.
func date32(s string) (arrow.Date32, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("date: %w", err)
	}
	return arrow.Date32(t.Unix() / (24 * 60 * 60)), nil // midnight UTC: exact
}

// Write adds r to the current batch, and writes the batch when it is full.
func (w *ArrowWriter) Write(r *schema.Record) error {
	if w.closed {
		return errors.New("export/arrow: write after close")
	}
	if w.err != nil {
		return w.err
	}
	w.records++
	for i, app := range w.appenders {
		n, err := app(r)
		if err != nil {
			// Earlier columns of the row are appended already: the batch
			// is inconsistent, so the writer stops here.
			w.err = fmt.Errorf("export/arrow: record %d: column %q: %w", w.records, w.rb.Schema().Field(i).Name, err)
			return w.err
		}
		w.bytes += n
	}
	w.rows++
	if w.rows >= w.batchRows || w.bytes >= w.maxBatchBytes {
		if err := w.flush(true); err != nil {
			w.err = err
			return err
		}
	}
	return nil
}

// flush writes the rows built so far as one record batch. If more are to
// come, it reserves room for a batch like this one.
func (w *ArrowWriter) flush(more bool) error {
	rows := w.rows
	for i, b := range w.textBuilders {
		w.textLens[i] = b.DataLen()
	}
	rec := w.rb.NewRecord()
	defer rec.Release()
	w.rows, w.bytes = 0, 0
	if err := w.fw.Write(rec); err != nil {
		return fmt.Errorf("export/arrow: write record batch: %w", err)
	}
	if more {
		w.rb.Reserve(rows)
		for i, b := range w.textBuilders {
			b.ReserveData(w.textLens[i] + w.textLens[i]/8)
		}
	}
	return nil
}

// Close writes the last batch and the file footer and releases the writer's
// memory; it does not close the io.Writer. After an error from Write, Close
// writes nothing more and returns that error. Calling Close again returns
// the result of the first call.
func (w *ArrowWriter) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	defer w.rb.Release()
	if w.err != nil {
		return w.err
	}
	if w.rows > 0 {
		if err := w.flush(false); err != nil {
			w.err = err
			return err
		}
	}
	if err := w.fw.Close(); err != nil {
		w.err = fmt.Errorf("export/arrow: write footer: %w", err)
		return w.err
	}
	return nil
}

// offsetWriter gives an io.Writer the one Seek that ipc.FileWriter makes,
// Seek(0, io.SeekCurrent), by counting the bytes written.
type offsetWriter struct{ countingWriter }

func (o *offsetWriter) Seek(offset int64, whence int) (int64, error) {
	if offset != 0 || whence != io.SeekCurrent {
		return o.n, errors.New("export/arrow: output is not seekable")
	}
	return o.n, nil
}
