package validate

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/abstracts-dev/abstracts/internal/gendump"
)

// syntheticDump returns a generated dump of about size bytes.
func syntheticDump(b *testing.B, size int64) []byte {
	b.Helper()
	var buf bytes.Buffer
	if _, _, err := gendump.Write(&buf, gendump.Options{Bytes: size, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkRead measures the whole reader: parsing, checks and schema
// validation, on a 32 MB synthetic dump.
func BenchmarkRead(b *testing.B) {
	data := syntheticDump(b, 32<<20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), "bench.txt")
		for {
			_, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		if r.Err() != nil {
			b.Fatal(r.Err())
		}
		b.ReportMetric(float64(r.Records()), "records/op")
	}
}
