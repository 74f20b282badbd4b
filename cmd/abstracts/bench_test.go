package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/abstracts-dev/abstracts/internal/gendump"
)

// benchDump writes a generated dump of about size bytes into a temporary
// folder and returns its path and size.
func benchDump(b *testing.B, size int64) (string, int64) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.txt")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	_, n, err := gendump.Write(f, gendump.Options{Bytes: size, Seed: 1})
	if err := errorsJoin(err, f.Close()); err != nil {
		b.Fatal(err)
	}
	return path, n
}

func errorsJoin(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// benchRun runs the command line args on a 64 MB generated dump, reporting
// MB/s of dump read.
func benchRun(b *testing.B, args ...string) {
	path, size := benchDump(b, 64<<20)
	out := b.TempDir()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		var stderr bytes.Buffer
		full := append(append([]string{}, args...), path)
		if args[0] == "export" {
			full = append(full, "--out", out)
		}
		if code := run(full, nil, io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}

func BenchmarkValidate(b *testing.B)      { benchRun(b, "validate") }
func BenchmarkExport(b *testing.B)        { benchRun(b, "export") }
func BenchmarkExportJSONL(b *testing.B)   { benchRun(b, "export", "--format", "jsonl") }
func BenchmarkExportParquet(b *testing.B) { benchRun(b, "export", "--format", "parquet") }
func BenchmarkExportArrow(b *testing.B)   { benchRun(b, "export", "--format", "arrow") }
