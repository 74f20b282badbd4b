package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/schema"
)

// TestDuplicateNamesFirstLine repeats the first, a middle and the last paper
// of a dump, at the end and in the middle, and checks that the error is at
// the repeat and names the line of the first copy.
func TestDuplicateNamesFirstLine(t *testing.T) {
	a := abstract(200)
	papers := func(n int) []string { // paper i is on line 11+4i
		p := make([]string, 0, 2*n)
		for i := range n {
			p = append(p, fmt.Sprintf("Paper %d", i), a)
		}
		return p
	}
	tests := []struct {
		name       string
		paragraphs []string
		line       int // of the repeat
		first      int
	}{
		{"first paper repeated last", append(papers(5), "PAPER 0", a), 31, 11},
		{"middle paper repeated last", append(papers(5), "paper  2", a), 31, 19},
		{"last paper repeated last", append(papers(5), "Paper 4", a), 31, 27},
		{"repeat in the middle", append(papers(3), "Paper 1", a, "Other", a), 23, 15},
	}
	for _, tt := range tests {
		for _, concurrency := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/concurrency=%d", tt.name, concurrency), func(t *testing.T) {
				_, r := readAll(t, dump(tt.paragraphs...), func(r *Reader) { r.Concurrency = concurrency })
				d := r.Diagnostics()
				if len(d) != 1 || d[0].Code != CodeDuplicatePaper || d[0].Pos.Line != tt.line || d[0].Pos.Column != 1 {
					t.Fatalf("diagnostics %v, want one duplicate-paper at %d:1", d, tt.line)
				}
				if want := fmt.Sprintf("same title as line %d (", tt.first); !strings.Contains(d[0].Message, want) {
					t.Errorf("message %q does not name line %d", d[0].Message, tt.first)
				}
			})
		}
	}
	t.Run("third copy names the first", func(t *testing.T) {
		_, r := readAll(t, dump("T", a, "U", a, "T", a, "T", a), nil)
		d := r.Diagnostics()
		if len(d) != 2 || d[0].Pos.Line != 19 || d[1].Pos.Line != 23 {
			t.Fatalf("diagnostics %v, want duplicates at 19 and 23", d)
		}
		want := fmt.Sprintf("paper appears twice: same title as line 11 (id %s)", schema.TitleID("T"))
		for _, x := range d {
			if x.Message != want {
				t.Errorf("message %q, want %q", x.Message, want)
			}
		}
	})
}
