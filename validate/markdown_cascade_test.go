package validate

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/schema"
)

// completeCapture is the whole HTML-to-Markdown trending capture behind
// the shared head (testdata/captures/complete/SOURCES.md).
const completeCapture = "complete/html-to-markdown-trending.md"

// TestCompleteTrendingCapture: the complete capture, whose headings wrap
// their link text from the sixth card on, is valid and gives one record
// per paper with the title as the page shows it.
func TestCompleteTrendingCapture(t *testing.T) {
	recs, r := readAll(t, captureText(t, completeCapture), nil)
	if err := r.Err(); err != nil {
		t.Fatalf("capture is invalid:\n%v", err)
	}
	if len(recs) != 50 || r.Warnings() != 50 {
		t.Fatalf("%d records, %d warnings; want 50 and 50 (every card printed twice)", len(recs), r.Warnings())
	}
	byID := map[string]*schema.Record{}
	for _, rec := range recs {
		byID[rec.PaperID] = rec
	}
	for id, title := range map[string]string{
		"2309.06180": "Efficient Memory Management for Large Language Model Serving with PagedAttention",
		"2509.19296": "Lyra: Generative 3D Scene Reconstruction via Video Diffusion Model Self-Distillation",
		"2606.03748": "Ultralytics YOLO26: Unified Real-Time End-to-End Vision Models",
	} {
		if rec := byID[id]; rec == nil || rec.Title != title {
			t.Errorf("paper %s: %+v, want title %q", id, rec, title)
		}
	}
	if rec := byID["2309.06180"]; rec == nil || rec.Line != 332 || rec.NumAuthors != schema.Int(9) || rec.Upvotes != schema.Int(76) ||
		rec.GitHubRepo != "vllm-project/vllm" || rec.SubmittedBy != "akhaliq" || rec.PublishedDate != "2023-09-12" ||
		!strings.HasPrefix(rec.Abstract, "PagedAttention algorithm and vLLM system") {
		t.Errorf("wrapped card: %+v", rec)
	}
}

var (
	reCardHead   = regexp.MustCompile(`^### \[`)
	reHeadLink   = regexp.MustCompile(`(?s)^### \[(.*)\]\(https://huggingface\.co/papers/([^)\s]+)\)$`)
	reUpvoteHere = regexp.MustCompile(`^(\[?)(\d+|-)(\]\(https://huggingface\.co/login\?next=%2Fpapers%2F)(.+)\)$`)
)

// cardBreak is one way of breaking a card of a capture: edit changes the
// lines of the card whose heading starts at lines[h] (0-based), and
// returns the 1-based line and the column of the one error expected, and
// its code.
type cardBreak struct {
	name string
	edit func(lines []string, h int) ([]string, int, int, Code)
}

// headingEnd returns the index of the last line of the heading at h (a
// converter may wrap it).
func headingEnd(lines []string, h int) int {
	j := h
	for j < len(lines)-1 && !strings.Contains(lines[j], "](") {
		j++
	}
	return j
}

// afterAbstract returns the index of the blank line after the abstract of
// the card whose heading is at h.
func afterAbstract(lines []string, h int) int {
	i := headingEnd(lines, h) + 1
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
		i++
	}
	return i
}

func insertAt(lines []string, i int, add ...string) []string {
	out := append([]string{}, lines[:i]...)
	out = append(out, add...)
	return append(out, lines[i:]...)
}

var cardBreaks = []cardBreak{
	{"heading link missing", func(lines []string, h int) ([]string, int, int, Code) {
		j := headingEnd(lines, h)
		m := reHeadLink.FindStringSubmatch(strings.Join(lines[h:j+1], "\n"))
		out := append(append(append([]string{}, lines[:h]...), "### "+strings.ReplaceAll(m[1], "\n", " ")), lines[j+1:]...)
		return out, h + 1, 1, CodeCardMissingTitleLink
	}},
	{"stray line", func(lines []string, h int) ([]string, int, int, Code) {
		i := afterAbstract(lines, h)
		return insertAt(lines, i, "", "Sign in to comment"), i + 2, 1, CodeUnknownCardLine
	}},
	{"another paper's link inside the card", func(lines []string, h int) ([]string, int, int, Code) {
		i := afterAbstract(lines, h)
		return insertAt(lines, i, "", "[Another paper](https://huggingface.co/papers/9999.99999)"), i + 2, 1, CodeUnknownCardLine
	}},
	{"another paper's upvotes inside the card", func(lines []string, h int) ([]string, int, int, Code) {
		i := afterAbstract(lines, h)
		return insertAt(lines, i, "", "[7](https://huggingface.co/login?next=%2Fpapers%2F9999.99999)"), i + 2, 1, CodeUnknownCardLine
	}},
	{"bad upvote count", func(lines []string, h int) ([]string, int, int, Code) {
		id := reHeadLink.FindStringSubmatch(strings.Join(lines[h:headingEnd(lines, h)+1], "\n"))[2]
		// the card's own count: before its heading (firecrawl) or after it (HTML-to-Markdown)
		at := -1
		for i := h - 1; i >= 0 && i >= h-12 && at < 0; i-- {
			if m := reUpvoteHere.FindStringSubmatch(lines[i]); m != nil && m[4] == id {
				at = i
			}
		}
		for i := h + 1; i < len(lines) && at < 0 && !reCardHead.MatchString(lines[i]); i++ {
			if m := reUpvoteHere.FindStringSubmatch(lines[i]); m != nil && m[4] == id {
				at = i
			}
		}
		m := reUpvoteHere.FindStringSubmatch(lines[at])
		out := append([]string{}, lines...)
		out[at] = m[1] + "1o1" + m[3] + m[4] + ")"
		return out, at + 1, len(m[1]) + 1, CodeBadCount
	}},
}

// TestMarkdownCascades breaks the first, a middle and the last card of the
// real Markdown captures in each of the ways of cardBreaks: each gives
// exactly one error, at its line, and every other card the record it
// gives unbroken.
func TestMarkdownCascades(t *testing.T) {
	for _, file := range []string{completeCapture, "html-to-markdown-trending.md", "firecrawl-search.md"} {
		orig := captureText(t, file)
		want, r := readAll(t, orig, nil)
		if r.Err() != nil {
			t.Fatalf("%s: %v", file, r.Err())
		}
		lines := strings.Split(orig, "\n")
		var heads []int
		for i, l := range lines {
			if reCardHead.MatchString(l) {
				heads = append(heads, i)
			}
		}
		for _, k := range []int{0, len(heads) / 2, len(heads) - 1} {
			h := heads[k]
			paper := reHeadLink.FindStringSubmatch(strings.Join(lines[h:headingEnd(lines, h)+1], "\n"))[2]
			copies := 0
			for _, g := range heads {
				if strings.Contains(strings.Join(lines[g:headingEnd(lines, g)+1], " "), "/papers/"+paper+")") {
					copies++
				}
			}
			for _, br := range cardBreaks {
				t.Run(fmt.Sprintf("%s/card %d/%s", file, k+1, br.name), func(t *testing.T) {
					broken, line, col, code := br.edit(lines, h)
					recs, r := readAll(t, strings.Join(broken, "\n"), nil)
					var errs []*Diagnostic
					for _, d := range r.Diagnostics() {
						if d.Severity == Error {
							errs = append(errs, d)
						}
					}
					wantDiag := fmt.Sprintf("dump.txt:%d:%d: [%s]", line, col, code)
					if len(errs) != 1 || fmt.Sprintf("%s: [%s]", errs[0].Pos, errs[0].Code) != wantDiag {
						t.Fatalf("errors:\n%v\nwant one: %s", errs, wantDiag)
					}
					// The broken card gives no record; its paper's other copy, if
					// any, gives the same record.
					var rest []*schema.Record
					for _, w := range want {
						if w.PaperID != paper || copies > 1 {
							rest = append(rest, w)
						}
					}
					compareRecords(t, recs, rest)
				})
			}
		}
	}
}

// compareRecords compares records field by field, all but their line and
// position.
func compareRecords(t *testing.T, got, want []*schema.Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := *got[i], *want[i]
		g.Line, g.Position, w.Line, w.Position = 0, 0, 0, 0
		if !reflect.DeepEqual(g, w) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}
