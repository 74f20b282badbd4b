package validate

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/schema"
)

// FuzzMarkdownCards feeds the Markdown reader the cards of the complete
// trending capture, changed: no panic; every record's title is text of the
// input and every diagnostic is at a line of it (checkCaptureReader); and
// an unchanged seed gives exactly the records of its papers that the
// whole capture gives.
func FuzzMarkdownCards(f *testing.F) {
	whole := captureText(&testing.T{}, completeCapture)
	lines := strings.SplitAfter(whole, "\n")
	var heads []int
	for i, l := range lines {
		if strings.HasPrefix(l, "### [") {
			heads = append(heads, i)
		}
	}
	// The header runs up to the first card's lead-in ("Submitted by", 5
	// lines above its heading's anchor).
	first := heads[0] - 9
	header := strings.Join(lines[:first], "")
	recs, _ := readAll(&testing.T{}, whole, nil)
	byID := map[string]schema.Record{}
	for _, r := range recs {
		byID[r.PaperID] = *r
	}
	want := map[string][]schema.Record{}
	start := first
	for k := 2; k <= len(heads); k += 2 {
		end := len(lines)
		if k < len(heads) {
			end = leadInStartLine(lines, heads[k])
		}
		seed := header + strings.Join(lines[start:end], "")
		r, ok := byID[paperIDAt(lines[heads[k-2]:])]
		if !ok {
			f.Fatalf("no record for the card at line %d", heads[k-2]+1)
		}
		r.Line, r.Position, r.Source = 0, 0, ""
		want[seed] = []schema.Record{r}
		f.Add([]byte(seed))
		start = end
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		checkCaptureReader(t, input, StyleMarkdown)
		w, seed := want[string(input)]
		if !seed {
			return
		}
		r := NewReader(bytes.NewReader(input), "f.md")
		r.Style = StyleMarkdown
		var got []schema.Record
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			g := *rec
			g.Line, g.Position, g.Source = 0, 0, ""
			got = append(got, g)
		}
		if r.Err() != nil || !reflect.DeepEqual(got, w) {
			t.Fatalf("seed: %+v, %v\nwant %+v", got, r.Err(), w)
		}
	})
}

// leadInStartLine returns the first line of the lead-in of the heading at
// lines[h]: the blocks of "Submitted by", the avatar, the user and the
// thumbnail link above it, and its anchor.
func leadInStartLine(lines []string, h int) int {
	i := h
	for i > 0 {
		l := strings.TrimSpace(lines[i-1])
		switch {
		case l == "", strings.HasPrefix(l, "<a id="), l == "Submitted by", visibleText(l) == "",
			reUserName.MatchString(l) && !strings.Contains(l, "]"):
			i--
			continue
		}
		break
	}
	for i < h && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}

// paperIDAt returns the paper of the card heading that starts lines.
func paperIDAt(lines []string) string {
	var heading []string
	for _, l := range lines {
		heading = append(heading, strings.TrimSpace(l))
		if strings.Contains(l, "](") {
			break
		}
	}
	return headingPaperID(heading)
}
