package export

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// JSONL compressions, as --jsonl-compression names them.
const (
	JSONLPlain = "none"
	JSONLGzip  = "gzip"
	JSONLZstd  = "zstd"
)

// ParseJSONLCompression checks a JSONL compression name: "" is "none";
// "none", "gzip" and "zstd" are returned as they are.
func ParseJSONLCompression(s string) (string, error) {
	switch s {
	case "", JSONLPlain:
		return JSONLPlain, nil
	case JSONLGzip, JSONLZstd:
		return s, nil
	}
	return "", fmt.Errorf("unknown compression %q (want none, gzip or zstd)", s)
}

// jsonlExtension is the file name extension of JSONL with the compression:
// jsonl, jsonl.gz or jsonl.zst, which pandas, DuckDB and Polars recognize.
func jsonlExtension(compression string) string {
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
func newCompressor(w io.Writer, compression string) (io.WriteCloser, error) {
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
