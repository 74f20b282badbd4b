package validate

import "testing"

func TestCardLineClassify(t *testing.T) {
	for _, tt := range []struct {
		lines []string // read in order
		want  []bool   // whether each is a card line
	}{
		{[]string{"Submitted by someone", "Upvote", "42", "3.29k", "-", "1 author", "12 authors", "·", "May 29", "Published on Oct 4, 2026", "· Dec 8, 2024", "upvote 117"},
			[]bool{true, true, true, true, true, true, true, true, true, true, true, true}},
		{[]string{"Submitted by", "akhaliq", "Submitted by", "Deep Stochastic Kinematic Models"}, []bool{true, true, true, false}},
		// titles and dates that are no card lines
		{[]string{"Submitted by Proxy: Ghost Authorship in Peer Review", "42 Ways to Train a Transformer", "Upvotes Are All You Need",
			"3 Authors Walk into a Lab", "Published on arXiv: What Changes", "May 29", "Mar 14", "1984"},
			[]bool{false, false, false, false, false, false, false, true}},
	} {
		var c cardLines
		for i, line := range tt.lines {
			if got := c.classify(line, len([]rune(line))) != ""; got != tt.want[i] {
				t.Errorf("%q (after %q): card line %v, want %v", line, tt.lines[:i], got, tt.want[i])
			}
		}
	}
}
