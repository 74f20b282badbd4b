package export

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// ParquetCompression is the codec of every column chunk of a Parquet file,
// as --compression names it. The zero value "" means ParquetZstd.
type ParquetCompression string

// The Parquet codecs. parquet-go compresses zstd at klauspost/compress's
// SpeedDefault level (about zstd level 3) and gzip at the default level 6.
const (
	ParquetZstd   ParquetCompression = "zstd"
	ParquetSnappy ParquetCompression = "snappy"
	ParquetGzip   ParquetCompression = "gzip"
	ParquetNone   ParquetCompression = "none"
)

// ParquetCompressions lists the Parquet codecs, the default first.
var ParquetCompressions = []ParquetCompression{ParquetZstd, ParquetSnappy, ParquetGzip, ParquetNone}

// ParseParquetCompression checks a Parquet codec name: "" is ParquetZstd,
// anything not in ParquetCompressions is an error naming the valid values.
func ParseParquetCompression(s string) (ParquetCompression, error) {
	if s == "" {
		return ParquetZstd, nil
	}
	return parseCompression(s, ParquetCompressions)
}

// ArrowCompression is the codec of the record batch bodies of an Arrow IPC
// file, as --arrow-compression names it. The zero value "" means ArrowNone:
// some Arrow readers need a codec registered to read compressed files.
type ArrowCompression string

// The Arrow IPC body codecs.
const (
	ArrowNone ArrowCompression = "none"
	ArrowLZ4  ArrowCompression = "lz4" // LZ4 frame
	ArrowZstd ArrowCompression = "zstd"
)

// ArrowCompressions lists the Arrow codecs, the default first.
var ArrowCompressions = []ArrowCompression{ArrowNone, ArrowLZ4, ArrowZstd}

// ParseArrowCompression checks an Arrow codec name: "" is ArrowNone,
// anything not in ArrowCompressions is an error naming the valid values.
func ParseArrowCompression(s string) (ArrowCompression, error) {
	if s == "" {
		return ArrowNone, nil
	}
	return parseCompression(s, ArrowCompressions)
}

// JSONLCompression is how JSONL files are compressed, as
// --jsonl-compression names it. The zero value "" means JSONLPlain.
type JSONLCompression string

// The JSONL compressions.
const (
	JSONLPlain JSONLCompression = "none" // BASE.jsonl
	JSONLGzip  JSONLCompression = "gzip" // BASE.jsonl.gz
	JSONLZstd  JSONLCompression = "zstd" // BASE.jsonl.zst
)

// JSONLCompressions lists the JSONL compressions, the default first.
var JSONLCompressions = []JSONLCompression{JSONLPlain, JSONLGzip, JSONLZstd}

// ParseJSONLCompression checks a JSONL compression name: "" is JSONLPlain,
// anything not in JSONLCompressions is an error naming the valid values.
func ParseJSONLCompression(s string) (JSONLCompression, error) {
	if s == "" {
		return JSONLPlain, nil
	}
	return parseCompression(s, JSONLCompressions)
}

// parseCompression returns s as a value of valid, or an error such as
// `unknown compression "lz4" (want none, gzip or zstd)`.
func parseCompression[C ~string](s string, valid []C) (C, error) {
	for _, c := range valid {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown compression %q (want %s)", s, orList(valid))
}

// orList joins values as "a, b or c".
func orList[C ~string](values []C) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// jsonlExtension is the file name extension of JSONL with the compression:
// jsonl, jsonl.gz or jsonl.zst, which pandas, DuckDB and Polars recognize.
func jsonlExtension(compression JSONLCompression) string {
	switch compression {
	case JSONLGzip:
		return "jsonl.gz"
	case JSONLZstd:
		return "jsonl.zst"
	}
	return "jsonl"
}

// newCompressor returns a writer that compresses to w. Its output depends
// only on the bytes written: the gzip header has no name and no time, and
// zstd encodes on one goroutine, so block boundaries do not depend on
// scheduling.
func newCompressor(w io.Writer, compression JSONLCompression) (io.WriteCloser, error) {
	switch compression {
	case JSONLGzip:
		return gzip.NewWriterLevel(w, gzip.DefaultCompression) // zero header: no name, no mtime
	case JSONLZstd:
		return zstd.NewWriter(w, zstd.WithEncoderConcurrency(1), zstd.WithEncoderLevel(zstd.SpeedDefault))
	}
	return nil, fmt.Errorf("export/jsonl: unknown compression %q", compression)
}

// compressedWriter is a format writer whose output goes through a
// compressor; Close flushes the writer, then ends the compressed stream.
type compressedWriter struct {
	Writer
	z io.WriteCloser
}

func (c *compressedWriter) Close() error {
	if err := c.Writer.Close(); err != nil {
		return errors.Join(err, c.z.Close())
	}
	if err := c.z.Close(); err != nil {
		return fmt.Errorf("export/jsonl: %w", err)
	}
	return nil
}
