package validate

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// FuzzMarkdown and FuzzNotebookLM feed arbitrary bytes to a capture style's
// reader and check its promises: no panic; every record passes the schema
// and its title and abstract are the text of one paragraph of the input
// after the documented unescaping (see visibleParagraphs); every record
// and diagnostic points inside the input.
func FuzzMarkdown(f *testing.F) {
	addCaptureSeeds(f, "firecrawl-search.md", "html-to-markdown-trending.md")
	addVariantSeeds(f, StyleMarkdown, "firecrawl-search.md", "html-to-markdown-trending.md")
	f.Add([]byte(markdownCapture(3, nil)))
	f.Add([]byte(markdownCapture(2, func(k int, b []string) { b[1] = "### [A \\[B\\] c\\_d\\  e](https://huggingface.co/papers/1)" })))
	f.Add([]byte(mdHeader + "### [T](https://huggingface.co/papers/1)\n\n[" + abstract(120) + "\\\\\nend\\\\](https://huggingface.co/papers/1)\n"))
	f.Fuzz(func(t *testing.T, input []byte) { checkCaptureReader(t, input, StyleMarkdown) })
}

func FuzzNotebookLM(f *testing.F) {
	addCaptureSeeds(f, "notebooklm-search.txt")
	addVariantSeeds(f, StyleNotebookLM, "notebooklm-search.txt")
	f.Add([]byte(notebookLMCapture(3, nil)))
	f.Add([]byte(notebookLMCapture(2, func(k int, b []string) { b[3] = "" })))
	f.Fuzz(func(t *testing.T, input []byte) { checkCaptureReader(t, input, StyleNotebookLM) })
}

func addCaptureSeeds(f *testing.F, names ...string) {
	for _, name := range names {
		data, err := os.ReadFile("../testdata/captures/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// addVariantSeeds adds each capture variant of the style (captureVariants)
// of the named captures.
func addVariantSeeds(f *testing.F, style Style, names ...string) {
	for _, name := range names {
		data, err := os.ReadFile("../testdata/captures/" + name)
		if err != nil {
			f.Fatal(err)
		}
		for _, v := range captureVariants {
			if contains(stylesOf(v.styles), string(style)) {
				f.Add([]byte(v.rewrite(string(data))))
			}
		}
	}
}

func checkCaptureReader(t *testing.T, input []byte, style Style) {
	r := NewReader(bytes.NewReader(input), "f.md")
	r.Style, r.MaxLineBytes = style, 4096
	lines := bytes.Split(input, []byte("\n"))
	var visible []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		if err := schema.Validate(rec.Map()); err != nil {
			t.Fatalf("record fails the schema: %v", err)
		}
		if visible == nil {
			visible = visibleParagraphs(input, r.Listing().Style)
		}
		if !inOne(visible, rec.Title) || !inOne(visible, rec.Abstract) {
			t.Fatalf("record %q is not the text of the input", rec.Title)
		}
		if rec.Line < 1 || rec.Line > len(lines) {
			t.Fatalf("record at line %d of %d", rec.Line, len(lines))
		}
	}
	for _, d := range r.Diagnostics() {
		if d.Pos.Line < 1 || d.Pos.Line > len(lines) {
			t.Fatalf("%v: line outside the input (%d lines)", d, len(lines))
		}
		width := utf8.RuneCount(lines[d.Pos.Line-1])
		if d.Pos.Column < 1 || d.Pos.Column > width+1 && d.Code != CodeLineTooLong {
			t.Fatalf("%v: column outside its line of %d characters", d, width)
		}
	}
}

// visibleParagraphs returns the text of each paragraph of a capture as its
// style documents it: for Markdown, unescapeMarkdown of its lines; for
// NotebookLM, its lines joined with white space collapsed.
func visibleParagraphs(input []byte, style Style) []string {
	var out, para []string
	flush := func() {
		if len(para) > 0 {
			if style == StyleMarkdown {
				out = append(out, unescapeMarkdown(para))
			} else {
				out = append(out, collapseSpace(strings.Join(para, " ")))
			}
		}
		para = para[:0]
	}
	for _, l := range strings.Split(strings.TrimPrefix(string(input), "\uFEFF"), "\n") {
		l = strings.TrimRight(strings.TrimSuffix(l, "\r"), " \t")
		if l == "" {
			flush()
			continue
		}
		para = append(para, l)
	}
	flush()
	return out
}

func inOne(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}
