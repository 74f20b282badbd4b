package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// JSONLWriter writes records as JSON Lines: UTF-8, one object per line, keys
// in schema order, "\n" line endings and no HTML escaping. Its output is
// byte-for-byte what encoding/json produces for the same object with
// SetEscapeHTML(false), but it is built by appending to one buffer, without
// reflection.
type JSONLWriter struct {
	w   *bufio.Writer
	buf []byte
}

// NewJSONLWriter returns a JSONLWriter that writes to w.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	return &JSONLWriter{w: bufio.NewWriterSize(w, 256<<10)}
}

// Write writes one record as one line.
func (j *JSONLWriter) Write(r *schema.Record) error {
	j.buf = append(AppendJSON(j.buf[:0], r), '\n')
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
	dst = append(dst, `{"id":`...)
	dst = appendString(dst, r.ID)
	dst = append(dst, `,"title":`...)
	dst = appendString(dst, r.Title)
	dst = append(dst, `,"abstract":`...)
	dst = appendString(dst, r.Abstract)
	dst = append(dst, `,"position":`...)
	dst = strconv.AppendInt(dst, int64(r.Position), 10)
	dst = append(dst, `,"listing_label":`...)
	dst = appendString(dst, r.ListingLabel)
	dst = append(dst, `,"listing_date":`...)
	dst = appendNullable(dst, r.ListingDate)
	dst = append(dst, `,"urls":[`...)
	for i, u := range r.URLs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, u)
	}
	dst = append(dst, `],"github_repo":`...)
	dst = appendNullable(dst, r.GitHubRepo)
	dst = append(dst, `,"source":`...)
	dst = appendString(dst, r.Source)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(r.Line), 10)
	return append(dst, '}')
}

func appendNullable(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "null"...)
	}
	return appendString(dst, s)
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
