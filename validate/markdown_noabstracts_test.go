package validate

import (
	"fmt"
	"strings"
	"testing"
)

// webClipperCapture is what a web clipper (Obsidian's) saves of a daily
// page: front matter of its own, and for each paper a "### Title" heading
// with the paper's link on the line after; no abstracts.
func webClipperCapture(cards int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Daily Papers - Hugging Face\"\nsource: \"https://huggingface.co/papers/date/2026-04-17\"\n" +
		"author:\npublished:\ncreated: 2026-04-18\ndescription: \"Your daily dose of AI research from AK\"\ntags:\n  - \"clippings\"\n---\n")
	for k := range cards {
		fmt.Fprintf(&b, "### Paper Title %d\n\n[2604.%05d](https://huggingface.co/papers/2604.%05d)\n\n", k, k, k)
	}
	return b.String()
}

// collapsedCapture is a listing whose abstracts were collapsed: the cards
// keep their upvotes, heading, organization and date.
func collapsedCapture(cards int) string {
	return markdownCapture(cards, func(k int, b []string) { b[2] = "" })
}

// TestCardsWithoutAbstracts: a capture whose cards carry titles and links
// but no abstracts is one error at 1:1 that says so, with the number of
// cards and how to capture the page with its abstracts.
func TestCardsWithoutAbstracts(t *testing.T) {
	check := func(t *testing.T, recs int, d List, cards int, date string) {
		t.Helper()
		if recs != 0 || len(d) != 1 || d[0].Pos.Line != 1 || d[0].Pos.Column != 1 || d[0].Code != CodeNotAListing ||
			!strings.Contains(d[0].Message, fmt.Sprintf("%d paper cards carry no abstract", cards)) ||
			!strings.Contains(d[0].Message, "curl 'https://huggingface.co/api/daily_papers?date="+date+"'") ||
			!strings.Contains(d[0].Message, "--style api") || !strings.Contains(d[0].Message, "--style html") {
			t.Fatalf("%d records, %v", recs, d)
		}
	}
	t.Run("web clipper, titles only", func(t *testing.T) {
		recs, r := readAll(t, webClipperCapture(29), nil)
		check(t, len(recs), r.Diagnostics(), 29, "2026-04-17")
	})
	t.Run("abstracts collapsed", func(t *testing.T) {
		recs, r := readAll(t, collapsedCapture(29), nil)
		check(t, len(recs), r.Diagnostics(), 29, "2026-10-02")
	})
	// One card with an abstract: every other card's error is its own.
	t.Run("one abstract", func(t *testing.T) {
		input := markdownCapture(6, func(k int, b []string) {
			if k != 4 {
				b[2] = ""
			}
		})
		recs, r := readAll(t, input, nil)
		d := r.Diagnostics()
		if len(recs) != 1 || len(d) != 5 {
			t.Fatalf("%d records, %v", len(recs), d)
		}
		for i, x := range d {
			if x.Code != CodeCardMissingAbstract || x.Pos.Line != []int{13, 25, 37, 49, 75}[i] {
				t.Errorf("diagnostic %d: %v", i, x)
			}
		}
	})
}
