package schema

import (
	"strings"
	"testing"
)

// BenchmarkValidate measures one schema check of a typical record, built
// with Map as the reader does.
func BenchmarkValidate(b *testing.B) {
	r := validRecord()
	r.Abstract = strings.TrimSpace(strings.Repeat("An abstract with typical words and numbers 3.5x. ", 32))
	b.SetBytes(int64(len(r.Title) + len(r.Abstract)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(r.Map()); err != nil {
			b.Fatal(err)
		}
	}
}
