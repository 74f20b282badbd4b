package gendump

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/validate"
)

// generate writes a dump into memory and fails the test on error.
func generate(t testing.TB, opts Options) (papers int, out []byte) {
	t.Helper()
	var buf bytes.Buffer
	papers, n, err := Write(&buf, opts)
	if err != nil {
		t.Fatalf("Write(%+v): %v", opts, err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("Write(%+v) reported %d bytes, wrote %d", opts, n, buf.Len())
	}
	return papers, buf.Bytes()
}

type paper struct {
	line            int // 1-based line of the title
	title, abstract string
}

// parse splits a dump in the generator's shape: the chrome lines and the
// date line, each followed by a blank line, then title and abstract
// paragraphs separated by single blank lines, and a final newline.
func parse(t *testing.T, dump []byte, label string) []paper {
	t.Helper()
	s := string(dump)
	if !strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n\n") {
		t.Fatalf("dump does not end with exactly one newline: %q", s[max(0, len(s)-20):])
	}
	if strings.Contains(s, "\r") {
		t.Fatal("dump contains CR")
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		if strings.TrimRight(l, " \t") != l {
			t.Fatalf("line %d has trailing white space: %q", i+1, l)
		}
	}
	head := append(append([]string{}, chrome...), label)
	for i, want := range head {
		if lines[2*i] != want || lines[2*i+1] != "" {
			t.Fatalf("lines %d-%d = %q, %q; want %q and a blank line", 2*i+1, 2*i+2, lines[2*i], lines[2*i+1], want)
		}
	}
	rest := lines[2*len(head):]
	if len(rest)%4 != 3 {
		t.Fatalf("%d lines after the date line; want 4k+3", len(rest))
	}
	var papers []paper
	for i := 0; i < len(rest); i += 4 {
		n := 2*len(head) + i + 1
		if rest[i] == "" || rest[i+1] != "" || rest[i+2] == "" || (i+3 < len(rest) && rest[i+3] != "") {
			t.Fatalf("line %d: want title, blank, abstract, blank", n)
		}
		papers = append(papers, paper{line: n, title: rest[i], abstract: rest[i+2]})
	}
	return papers
}

func TestDeterministic(t *testing.T) {
	_, a := generate(t, Options{Papers: 200, Seed: 7})
	_, b := generate(t, Options{Papers: 200, Seed: 7})
	if !bytes.Equal(a, b) {
		t.Error("same seed gave different dumps")
	}
	_, c := generate(t, Options{Papers: 200, Seed: 8})
	if bytes.Equal(a, c) {
		t.Error("different seeds gave equal dumps")
	}
	// The Bytes mode draws the same papers as the Papers mode.
	_, d := generate(t, Options{Bytes: int64(len(a)) - 10, Seed: 7})
	if !bytes.Equal(a, d) {
		t.Error("Bytes mode differs from Papers mode with the same seed")
	}
}

func TestShape(t *testing.T) {
	const n = 3000
	for _, label := range []string{"", "Nov 3"} {
		got, dump := generate(t, Options{Papers: n, Seed: 42, Label: label})
		if got != n {
			t.Errorf("Write returned %d papers, want %d", got, n)
		}
		if label == "" {
			label = DefaultLabel
		}
		papers := parse(t, dump, label)
		if len(papers) != n {
			t.Fatalf("dump holds %d papers, want %d", len(papers), n)
		}
		seen := make(map[string]int, n)
		var urls, latexes, nonASCII, questions int
		for _, p := range papers {
			if prev, ok := seen[p.title]; ok {
				t.Errorf("line %d: title %q repeats line %d", p.line, p.title, prev)
			}
			seen[p.title] = p.line
			if l := utf8.RuneCountInString(p.title); l < MinTitleLen || l > MaxTitleLen {
				t.Errorf("line %d: title has %d characters, want %d..%d: %q", p.line, l, MinTitleLen, MaxTitleLen, p.title)
			}
			if strings.HasSuffix(p.title, ".") || strings.Contains(p.title, "  ") {
				t.Errorf("line %d: bad title %q", p.line, p.title)
			}
			if l := utf8.RuneCountInString(p.abstract); l < MinAbstractLen || l > MaxAbstractLen {
				t.Errorf("line %d: abstract has %d characters, want %d..%d", p.line+2, l, MinAbstractLen, MaxAbstractLen)
			}
			if !strings.HasSuffix(p.abstract, ".") || strings.Contains(p.abstract, "  ") {
				t.Errorf("line %d: abstract does not end with a period or has double spaces: %q", p.line+2, p.abstract)
			}
			if !utf8.ValidString(p.title) || !utf8.ValidString(p.abstract) {
				t.Errorf("line %d: invalid UTF-8", p.line)
			}
			if strings.Contains(p.abstract, "https://") {
				urls++
			}
			if strings.ContainsAny(p.abstract, "$_^") || strings.Contains(p.abstract, "varepsilon") {
				latexes++
			}
			if strings.Contains(p.title+p.abstract, "ö") {
				nonASCII++
			}
			if strings.HasSuffix(p.title, "?") {
				questions++
			}
		}
		// About one in five abstracts has a URL; some have LaTeX remnants,
		// non-ASCII letters and question titles.
		if urls < n/7 || urls > n/4 {
			t.Errorf("%d of %d abstracts have a URL, want about a fifth", urls, n)
		}
		if latexes < n/20 || nonASCII == 0 || questions == 0 {
			t.Errorf("LaTeX remnants in %d, non-ASCII in %d, question titles %d of %d papers", latexes, nonASCII, questions, n)
		}
	}
}

func TestBytes(t *testing.T) {
	for _, size := range []int64{1, 500, 10_000, 1_000_000} {
		papers, dump := generate(t, Options{Bytes: size, Seed: 3})
		if int64(len(dump)) < size {
			t.Errorf("Bytes=%d: wrote only %d bytes", size, len(dump))
		}
		// At most one paper (blank + title + blank + abstract lines, under
		// 2,200 bytes) past the limit.
		if int64(len(dump)) >= max(size, 200)+2200 {
			t.Errorf("Bytes=%d: wrote %d bytes", size, len(dump))
		}
		if got := len(parse(t, dump, DefaultLabel)); got != papers || papers < 1 {
			t.Errorf("Bytes=%d: Write returned %d papers, dump holds %d", size, papers, got)
		}
	}
}

func TestOptionsErrors(t *testing.T) {
	for _, o := range []Options{
		{},
		{Papers: 1, Bytes: 1},
		{Papers: -1},
		{Bytes: -5},
		{Papers: 1, Label: "Mar\n14"},
		{Papers: 1, Label: " Mar 14"},
	} {
		if _, _, err := Write(io.Discard, o); err == nil {
			t.Errorf("Write(%+v) succeeded", o)
		}
	}
}

// failWriter accepts limit bytes, then fails.
type failWriter struct{ limit int }

var errFail = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errFail
	}
	w.limit -= len(p)
	return len(p), nil
}

func TestWriterError(t *testing.T) {
	for _, limit := range []int{0, 100, 3 * bufSize / 2} {
		_, n, err := Write(&failWriter{limit: limit}, Options{Papers: 1000, Seed: 1})
		if !errors.Is(err, errFail) {
			t.Errorf("limit %d: err = %v, want %v", limit, err, errFail)
		}
		if n != int64(limit) {
			t.Errorf("limit %d: n = %d", limit, n)
		}
	}
	// Small dumps fail at the final flush.
	if _, _, err := Write(&failWriter{limit: 10}, Options{Papers: 1, Seed: 1}); !errors.Is(err, errFail) {
		t.Errorf("small dump: err = %v, want %v", err, errFail)
	}
}

func BenchmarkWrite(b *testing.B) {
	const size = 16 << 20
	b.SetBytes(size)
	for b.Loop() {
		if _, _, err := Write(io.Discard, Options{Bytes: size, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMarkdown reads a Markdown dump back: every paper is a valid record,
// with the title of the plain dump of the same options.
func TestMarkdown(t *testing.T) {
	opts := Options{Papers: 300, Seed: 7}
	_, plain := generate(t, opts)
	opts.Markdown = true
	_, md := generate(t, opts)
	titles := parse(t, plain, DefaultLabel)
	r := validate.NewReader(bytes.NewReader(md), "md")
	for i := 0; ; i++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			if i != len(titles) {
				t.Fatalf("%d records, want %d", i, len(titles))
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Title != titles[i].title || rec.NumAuthors.Int < 1 || rec.PublishedDate != "2024-03-13" || rec.ListingDate != "2024-03-14" {
			t.Fatalf("record %d: %+v", i, *rec)
		}
	}
	if err := r.Err(); err != nil || r.Listing().Style != validate.StyleMarkdown {
		t.Fatalf("%v, %v", r.Listing(), err)
	}
}
