package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// JSONLWriter writes records as JSON Lines: UTF-8, one object per line, keys
// in schema order, "\n" line endings and no HTML escaping. Its output is
// byte-for-byte what encoding/json produces for the same object with
// SetEscapeHTML(false), but it is built by appending to one buffer from
// schema.Columns, without reflection.
type JSONLWriter struct {
	w    *bufio.Writer
	cols []jsonColumn
	buf  []byte
}

// NewJSONLWriter returns a JSONLWriter that writes every column to w.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	return &JSONLWriter{w: bufio.NewWriterSize(w, 256<<10), cols: allJSONColumns}
}

// newJSONLWriter returns a JSONLWriter of a subset of the columns, such as
// those of a partition file.
func newJSONLWriter(w io.Writer, cols []schema.Column) (*JSONLWriter, error) {
	jc, err := jsonColumns(cols)
	if err != nil {
		return nil, err
	}
	return &JSONLWriter{w: bufio.NewWriterSize(w, 256<<10), cols: jc}, nil
}

// Write writes one record as one line.
func (j *JSONLWriter) Write(r *schema.Record) error {
	j.buf = append(appendJSON(j.buf[:0], j.cols, r), '\n')
	if _, err := j.w.Write(j.buf); err != nil {
		return fmt.Errorf("export/jsonl: %w", err)
	}
	return nil
}

// Close flushes buffered lines. It does not close the underlying writer.
func (j *JSONLWriter) Close() error {
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("export/jsonl: %w", err)
	}
	return nil
}

// AppendJSON appends the record as one JSON object, keys in schema order, to
// dst and returns the extended buffer.
func AppendJSON(dst []byte, r *schema.Record) []byte {
	return appendJSON(dst, allJSONColumns, r)
}

// allJSONColumns encodes every column of schema.Columns.
var allJSONColumns, _ = jsonColumns(schema.Columns) // fails only without columns

// jsonColumn is one column of a JSONL line: its key, with the separator
// before it, and the column it reads.
type jsonColumn struct {
	key string // `{"name":` for the first column, `,"name":` after
	schema.Column
}

// jsonColumns derives the line encoder of a subset of the columns.
func jsonColumns(cols []schema.Column) ([]jsonColumn, error) {
	if len(cols) == 0 {
		return nil, errors.New("export/jsonl: no column to write")
	}
	out := make([]jsonColumn, len(cols))
	for i, c := range cols {
		if err := c.Check(); err != nil {
			return nil, fmt.Errorf("export/jsonl: %w", err)
		}
		sep := ","
		if i == 0 {
			sep = "{"
		}
		out[i] = jsonColumn{key: sep + strconv.Quote(c.Name) + ":", Column: c}
	}
	return out, nil
}

// appendJSON appends the record as one JSON object of the columns, in
// their order, to dst: strings escaped as encoding/json escapes them
// without HTML escaping, null for a null value.
func appendJSON(dst []byte, cols []jsonColumn, r *schema.Record) []byte {
	for i := range cols {
		c := &cols[i]
		dst = append(dst, c.key...)
		switch c.Kind {
		case schema.String, schema.Date:
			if s := c.Text(r); s != "" || !c.Nullable {
				dst = appendString(dst, s)
			} else {
				dst = append(dst, "null"...)
			}
		case schema.Int32:
			if n := c.Int(r); n.Valid {
				dst = strconv.AppendInt(dst, int64(n.Int), 10)
			} else {
				dst = append(dst, "null"...)
			}
		case schema.StringList:
			list := c.List(r)
			if list == nil && c.Nullable {
				dst = append(dst, "null"...)
				continue
			}
			dst = append(dst, '[')
			for j, s := range list {
				if j > 0 {
					dst = append(dst, ',')
				}
				dst = appendString(dst, s)
			}
			dst = append(dst, ']')
		}
	}
	return append(dst, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off: short escapes for \" \\ \b \f \n \r \t, \u00XX for the
// other control characters, \u2028 and \u2029 escaped, and each invalid
// UTF-8 byte replaced by U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		ch, size := utf8.DecodeRuneInString(s[i:])
		if ch == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if ch == '\u2028' || ch == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[ch&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
