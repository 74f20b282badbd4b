package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/abstracts-dev/abstracts/internal/gendump"
)

// syntheticDump returns a generated dump of about size bytes.
func syntheticDump(b *testing.B, size int64) []byte {
	return generated(b, gendump.Options{Bytes: size, Seed: 1})
}

// generated returns a generated dump.
func generated(b *testing.B, opts gendump.Options) []byte {
	b.Helper()
	var buf bytes.Buffer
	if _, _, err := gendump.Write(&buf, opts); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkParse measures the parser alone: lines, paragraphs, the
// reader's checks and the records, without the schema check.
func BenchmarkParse(b *testing.B) {
	data := syntheticDump(b, 32<<20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p := &parser{builder: builder{name: "bench.txt"}, src: bytes.NewReader(data),
			maxLineBytes: DefaultMaxLineBytes}
		records := 0
		for batch := p.parseBatch(batchSize); batch != nil; batch = p.parseBatch(batchSize) {
			records += len(batch.recs)
		}
		b.ReportMetric(float64(records), "records/op")
	}
}

// BenchmarkRead measures the whole reader, parsing and the schema check,
// on one goroutine and with the check spread over GOMAXPROCS goroutines.
func BenchmarkRead(b *testing.B) {
	benchmarkRead(b, StyleAuto, syntheticDump(b, 32<<20))
}

// BenchmarkReadMarkdown measures the whole reader on a Markdown capture of
// the same papers as BenchmarkRead's dump, with their cards.
func BenchmarkReadMarkdown(b *testing.B) {
	benchmarkRead(b, StyleAuto, generated(b, gendump.Options{Bytes: 32 << 20, Seed: 1, Markdown: true}))
}

func benchmarkRead(b *testing.B, style Style, files ...[]byte) {
	var size int64
	for _, f := range files {
		size += int64(len(f))
	}
	for _, concurrency := range []int{1, runtime.GOMAXPROCS(0)} {
		name := fmt.Sprintf("concurrency=%d", concurrency)
		if concurrency > 1 {
			name = "concurrency=gomaxprocs"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				records := 0
				for _, f := range files {
					records += readBench(b, f, style, concurrency)
				}
				b.ReportMetric(float64(records), "records/op")
			}
		})
	}
}

// readBench reads one dump in the style with a Reader of that concurrency
// and returns its record count; the dump must be valid.
func readBench(b *testing.B, data []byte, style Style, concurrency int) int {
	r := NewReader(bytes.NewReader(data), "bench")
	r.Style, r.Concurrency = style, concurrency
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
	return r.Records()
}
