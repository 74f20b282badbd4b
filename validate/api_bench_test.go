package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/abstracts-dev/abstracts/internal/gendump"
)

// apiInput returns a generated Papers API file of about size bytes: JSON
// Lines of items, or an array indented by 2 as json.dump writes it.
func apiInput(b *testing.B, size int64, jsonl bool) []byte {
	b.Helper()
	var buf bytes.Buffer
	if _, err := gendump.WriteAPI(&buf, gendump.APIOptions{Bytes: size, Seed: 1, JSONL: jsonl}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// apiDays returns the files of a generated archive of n daily responses,
// in order.
func apiDays(b *testing.B, n int) [][]byte {
	b.Helper()
	dir := b.TempDir()
	if _, err := gendump.WriteAPIArchive(dir, gendump.APIOptions{Days: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	sort.Strings(names)
	files := make([][]byte, len(names))
	for i, name := range names {
		var err error
		if files[i], err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
	}
	return files
}

// BenchmarkReadAPI measures the whole reader, parsing and the schema
// check, on Papers API input: a 32 MiB file of JSON Lines of items, the
// same size as one indented JSON array, and an archive of 580 daily files
// (some 50 MB, one Reader a file, as `abstracts export DIR/*.json` reads
// them), each on one goroutine and with the schema check spread over
// GOMAXPROCS goroutines.
func BenchmarkReadAPI(b *testing.B) {
	inputs := []struct {
		name  string
		files func() [][]byte
	}{
		{"jsonl", func() [][]byte { return [][]byte{apiInput(b, 32<<20, true)} }},
		{"array", func() [][]byte { return [][]byte{apiInput(b, 32<<20, false)} }},
		{"days", func() [][]byte { return apiDays(b, 580) }},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) { benchmarkRead(b, StyleAPI, in.files()...) })
	}
}
