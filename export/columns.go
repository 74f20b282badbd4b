package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/abstracts-dev/abstracts/schema"
)

// ColumnsWithout returns schema.Columns without the named columns, in
// schema order: the columns of a partition file, whose partition column is
// in its folder's name rather than in the file. It is the one place where
// a subset of the columns is derived; the Parquet, Arrow and JSONL writers
// take its result as their Columns.
func ColumnsWithout(names ...string) []schema.Column {
	cols := make([]schema.Column, 0, len(schema.Columns))
next:
	for _, c := range schema.Columns {
		for _, n := range names {
			if c.Name == n {
				continue next
			}
		}
		cols = append(cols, c)
	}
	return cols
}

// jsonColumn is one column of a JSONL line: its key, with the separator
// before it, and how to append its value.
type jsonColumn struct {
	key    string // `{"name":` for the first column, `,"name":` after
	append func(dst []byte, r *schema.Record) []byte
}

// jsonColumns derives the line encoder of a subset of the columns from
// recordFields, the same table the Arrow writer reads the values with. A
// nullable string or date is null when empty, as AppendJSON writes it.
func jsonColumns(cols []schema.Column) ([]jsonColumn, error) {
	out := make([]jsonColumn, len(cols))
	for i, c := range cols {
		sep := ","
		if i == 0 {
			sep = "{"
		}
		out[i].key = sep + strconv.Quote(c.Name) + ":"
		field, ok := recordFields[c.Name]
		if !ok {
			return nil, fmt.Errorf("export/jsonl: column %q: no Record field for the column", c.Name)
		}
		wrong := fmt.Errorf("export/jsonl: column %q: its Record field, a %T, does not fit kind %s", c.Name, field, c.Kind)
		switch c.Kind {
		case schema.String, schema.Date:
			get, ok := field.(func(*schema.Record) string)
			if !ok {
				return nil, wrong
			}
			if c.Nullable {
				out[i].append = func(dst []byte, r *schema.Record) []byte { return appendNullable(dst, get(r)) }
			} else {
				out[i].append = func(dst []byte, r *schema.Record) []byte { return appendString(dst, get(r)) }
			}
		case schema.Int32:
			get, ok := field.(func(*schema.Record) int)
			if !ok {
				return nil, wrong
			}
			out[i].append = func(dst []byte, r *schema.Record) []byte { return strconv.AppendInt(dst, int64(get(r)), 10) }
		case schema.StringList:
			get, ok := field.(func(*schema.Record) []string)
			if !ok {
				return nil, wrong
			}
			out[i].append = func(dst []byte, r *schema.Record) []byte {
				dst = append(dst, '[')
				for j, s := range get(r) {
					if j > 0 {
						dst = append(dst, ',')
					}
					dst = appendString(dst, s)
				}
				return append(dst, ']')
			}
		default:
			return nil, fmt.Errorf("export/jsonl: column %q: unknown kind %s", c.Name, c.Kind)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("export/jsonl: no column to write")
	}
	return out, nil
}

// columnsJSONLWriter writes the JSON Lines of a subset of the columns. For
// all of schema.Columns its lines are those of JSONLWriter.
type columnsJSONLWriter struct {
	w    *bufio.Writer
	cols []jsonColumn
	buf  []byte
}

func newColumnsJSONLWriter(w io.Writer, cols []schema.Column) (*columnsJSONLWriter, error) {
	jc, err := jsonColumns(cols)
	if err != nil {
		return nil, err
	}
	return &columnsJSONLWriter{w: bufio.NewWriterSize(w, 256<<10), cols: jc}, nil
}

func (j *columnsJSONLWriter) Write(r *schema.Record) error {
	b := j.buf[:0]
	for _, c := range j.cols {
		b = c.append(append(b, c.key...), r)
	}
	j.buf = append(b, '}', '\n')
	if _, err := j.w.Write(j.buf); err != nil {
		return fmt.Errorf("export/jsonl: %w", err)
	}
	return nil
}

func (j *columnsJSONLWriter) Close() error {
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("export/jsonl: %w", err)
	}
	return nil
}
