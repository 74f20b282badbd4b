package validate

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/schema"
)

// A captureVariant rewrites a real capture the way another converter, or
// the rest of the same page, writes the same cards. Every variant must
// give the records of the capture it rewrites: the same papers, fields and
// order, only their lines moved.
type captureVariant struct {
	name    string
	styles  []Style // the styles it applies to
	rewrite func(string) string
	// undated says that the variant drops what dates the page (the front
	// matter's url and retrieved), so that the listing label and date are
	// not compared, and a card's date without its year may be null.
	undated bool
}

var (
	reFrontMatter  = regexp.MustCompile(`(?s)\A---\n.*?\n---\n`)
	reNlmPaperLine = regexp.MustCompile(`(?m)^https://huggingface\.co/papers/([^\s#?/]+)$`)
	reMdHeading    = regexp.MustCompile(`(?m)^### \[(.*)\]\((https://huggingface\.co/papers/[^)\s]+)\)$`)
)

// captureVariants are the ways real captures of the page are seen to
// differ (docs/captures.md, and the complete captures behind the shared
// heads).
var captureVariants = []captureVariant{
	{name: "CRLF", styles: []Style{StyleMarkdown, StyleNotebookLM},
		rewrite: func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }},
	{name: "extra blank lines", styles: []Style{StyleMarkdown, StyleNotebookLM},
		rewrite: func(s string) string { return strings.ReplaceAll(s, "\n\n", "\n\n\n") }},
	{name: "lines of white space", styles: []Style{StyleMarkdown, StyleNotebookLM},
		rewrite: func(s string) string { return strings.ReplaceAll(s, "\n\n", "\n \n\t\n") }},
	{name: "a converter's heading for the front matter", styles: []Style{StyleMarkdown}, undated: true,
		rewrite: func(s string) string {
			// What an HTML-to-Markdown script writes instead of firecrawl's
			// front matter: its own title and the source URL, no date.
			m := reFrontURL.FindStringSubmatch(s)
			if m == nil || !strings.HasPrefix(s, "---") {
				return s
			}
			return reFrontMatter.ReplaceAllString(s, "# Hugging Face Papers\n\n- Source URL: "+m[1]+"\n\n")
		}},
	{name: "own link repeated after the abstract", styles: []Style{StyleNotebookLM},
		rewrite: repeatOwnLinks},
	{name: "heading link text wrapped at 80 columns", styles: []Style{StyleMarkdown},
		rewrite: wrapHeadings},
	{name: "escaped punctuation in headings", styles: []Style{StyleMarkdown},
		rewrite: func(s string) string {
			return reMdHeading.ReplaceAllStringFunc(s, func(h string) string {
				m := reMdHeading.FindStringSubmatch(h)
				return "### [" + strings.NewReplacer("-", `\-`, ":", `\:`, "!", `\!`).Replace(m[1]) + "](" + m[2] + ")"
			})
		}},
}

// repeatOwnLinks writes what the complete NotebookLM export holds after
// each abstract's link: a line of one space (an image link's text) and the
// paper's own link again.
func repeatOwnLinks(s string) string {
	var b strings.Builder
	seen := map[string]int{}
	for _, line := range strings.SplitAfter(s, "\n") {
		b.WriteString(line)
		m := reNlmPaperLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
		if m == nil {
			continue
		}
		seen[m[1]]++
		if seen[m[1]] == 2 { // the abstract's link, after the title's
			b.WriteString("\n \n\n" + m[0] + "\n")
		}
	}
	return b.String()
}

// wrapHeadings wraps the link text of every card heading longer than 80
// characters at the last space before column 80, as the HTML-to-Markdown
// script of the complete trending capture does.
func wrapHeadings(s string) string {
	return reMdHeading.ReplaceAllStringFunc(s, func(h string) string {
		if len(h) <= 80 {
			return h
		}
		cut := strings.LastIndex(h[:80], " ")
		if cut <= len("### [") {
			return h
		}
		return h[:cut] + "\n" + h[cut+1:]
	})
}

// TestCaptureVariants reads each real capture and each of its variants:
// the variant is valid and gives the same records.
func TestCaptureVariants(t *testing.T) {
	for _, tt := range []struct {
		file  string
		style Style
	}{
		{"firecrawl-search.md", StyleMarkdown},
		{"html-to-markdown-trending.md", StyleMarkdown},
		{"notebooklm-search.txt", StyleNotebookLM},
	} {
		orig := captureText(t, tt.file)
		want, r := readAll(t, orig, nil)
		if r.Err() != nil {
			t.Fatalf("%s: %v", tt.file, r.Err())
		}
		for _, v := range captureVariants {
			if !contains(stylesOf(v.styles), string(tt.style)) {
				continue
			}
			t.Run(tt.file+"/"+v.name, func(t *testing.T) {
				text := v.rewrite(orig)
				if text == orig {
					t.Skipf("%s has nothing this variant rewrites", tt.file)
				}
				got, r := readAll(t, text, func(r *Reader) { r.Style = tt.style })
				if err := r.Err(); err != nil {
					t.Fatalf("variant is invalid:\n%v", err)
				}
				compareVariant(t, got, want, v.undated)
			})
		}
	}
}

func stylesOf(styles []Style) []string {
	out := make([]string, len(styles))
	for i, s := range styles {
		out[i] = string(s)
	}
	return out
}

// compareVariant compares the records of a variant with the original's,
// every field but the line (and the listing's, when the variant drops what
// dates it).
func compareVariant(t *testing.T, got, want []*schema.Record, undated bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := *got[i], *want[i]
		g.Line, w.Line = 0, 0
		if undated {
			g.ListingLabel, g.ListingDate, w.ListingLabel, w.ListingDate = "", "", "", ""
			if g.PublishedDate == "" {
				w.PublishedDate = "" // "May 29" without the capture's year is no date
			}
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("record %d:\n got %s\nwant %s", i, fmt.Sprintf("%+v", g), fmt.Sprintf("%+v", w))
		}
	}
}

// TestOwnLinkAgain: the NotebookLM export's repeat of a card's own link
// after its abstract is read over at the first, a middle and the last card;
// another paper's link there is one error, at its line, and the other cards
// give their records.
func TestOwnLinkAgain(t *testing.T) {
	const cards = 5
	nlmLine := func(k, block int) int { return 16 + 24*k + 2*block }
	for _, k := range []int{0, cards / 2, cards - 1} {
		for _, tt := range []struct {
			link  string
			valid bool
		}{
			{"https://huggingface.co/papers/2606.0000{k}", true},
			{"https://huggingface.co/papers/9999.99999", false},
		} {
			input := notebookLMCapture(cards, func(card int, b []string) {
				if card == k {
					b[5] += "\n\n \n\n" + fillCard(tt.link, card) // after the abstract's link
				}
			})
			recs, r := readAll(t, input, nil)
			d := r.Diagnostics()
			switch {
			case tt.valid && (len(d) != 0 || len(recs) != cards):
				t.Errorf("card %d, own link again: %d records, %v", k, len(recs), d)
			case !tt.valid && (len(d) != 1 || d[0].Code != CodeUnknownCardLine || d[0].Pos.Line != nlmLine(k, 5)+4 || len(recs) != cards-1):
				t.Errorf("card %d, another paper's link: %d records, %v; want one unknown-card-line at line %d", k, len(recs), d, nlmLine(k, 5)+4)
			}
		}
	}
}
