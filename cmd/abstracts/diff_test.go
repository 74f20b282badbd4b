package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/internal/diff"
	"github.com/abstracts-dev/abstracts/schema"
)

func TestDiffSides(t *testing.T) {
	tests := []struct {
		name             string
		args             []string
		old, new         []string // the flags' lists; nil: flag not given
		wantOld, wantNew []string
		err              string
	}{
		{name: "positional", args: []string{"a", "b"}, wantOld: []string{"a"}, wantNew: []string{"b"}},
		{name: "stdin positional", args: []string{"-", "b"}, wantOld: []string{"-"}, wantNew: []string{"b"}},
		{name: "lists", old: []string{"a", "b"}, new: []string{"c"}, wantOld: []string{"a", "b"}, wantNew: []string{"c"}},
		{name: "old list, NEW", args: []string{"c"}, old: []string{"a", "b"}, wantOld: []string{"a", "b"}, wantNew: []string{"c"}},
		{name: "OLD, new list", args: []string{"a"}, new: []string{"b", "c"}, wantOld: []string{"a"}, wantNew: []string{"b", "c"}},
		{name: "none", err: "want two dumps, OLD and NEW, got 0"},
		{name: "one", args: []string{"a"}, err: "want two dumps, OLD and NEW, got 1"},
		{name: "three", args: []string{"a", "b", "c"}, err: "want two dumps, OLD and NEW, got 3"},
		{name: "lists and more", args: []string{"x"}, old: []string{"a"}, new: []string{"b"}, err: "no other dump is expected (got x)"},
		{name: "old list, two more", args: []string{"x", "y"}, old: []string{"a"}, err: "with --old, give NEW as the one other argument (got 2)"},
		{name: "new list alone", new: []string{"b"}, err: "with --new, give OLD as the one other argument (got 0)"},
		{name: "empty list", old: []string{}, new: []string{"b"}, err: "--old: no dump given"},
		{name: "empty path", old: []string{"a"}, new: []string{"b", ""}, err: "--new: empty path in the list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotOld, gotNew, err := diffSides(tt.args, tt.old, tt.old != nil, tt.new, tt.new != nil)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotOld, tt.wantOld) || !reflect.DeepEqual(gotNew, tt.wantNew) {
				t.Errorf("sides = %q, %q, want %q, %q", gotOld, gotNew, tt.wantOld, tt.wantNew)
			}
		})
	}
}

func testResult() diff.Result {
	abs := "An abstract long enough to be one, though only its hash is kept by the comparison."
	mk := func(src string, line int, title, abstract string, urls ...string) *schema.Record {
		return &schema.Record{ID: schema.TitleID(title), Title: title, Abstract: abstract, URLs: urls, Source: src, Line: line}
	}
	var oldSet, newSet diff.Set
	oldSet.Add(mk("old.txt", 3, "Gone <for> good & all", abs))
	oldSet.Add(mk("old.txt", 7, "light bridge", abs, "https://x.org/a"))
	oldSet.Add(mk("old.txt", 11, "Kept", abs))
	newSet.Add(mk("new.txt", 3, "Kept", abs))
	newSet.Add(mk("new.txt", 7, "Light  Bridge", abs+" More.", "https://x.org/b"))
	newSet.Add(mk("new2.txt", 3, "New", abs))
	return diff.Compare(&oldSet, &newSet, diff.Options{})
}

func TestWriteDiffText(t *testing.T) {
	res := testResult()
	var b strings.Builder
	if err := writeDiffText(&b, nil, nil, &res); err != nil {
		t.Fatal(err)
	}
	want := "- old.txt:3: Gone <for> good & all\n" +
		"+ new2.txt:3: New\n" +
		"~ new.txt:7: Light  Bridge (title, abstract, urls)\n"
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}
	if got := diffSummary(&res); got != "1 added, 1 removed, 1 changed" {
		t.Errorf("summary = %q", got)
	}
	same := diff.Compare(new(diff.Set), new(diff.Set), diff.Options{})
	if got := diffSummary(&same); got != "no differences" {
		t.Errorf("summary of no differences = %q", got)
	}
}

func TestWriteDiffJSON(t *testing.T) {
	res := testResult()
	var b strings.Builder
	if err := writeDiffJSON(&b, []string{"old.txt"}, []string{"new.txt", "new2.txt"}, &res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"title": "Gone <for> good & all"`, // no HTML escaping
		`"fields": [` + "\n" + `        "title",` + "\n" + `        "abstract",` + "\n" + `        "urls"`,
		`"title": "light bridge"`, // old title, as it changed
		`"unchanged": 1`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b.String())
		}
	}
	same := diff.Compare(new(diff.Set), new(diff.Set), diff.Options{})
	b.Reset()
	if err := writeDiffJSON(&b, []string{"a"}, []string{"b"}, &same); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"added": [],`) || !strings.Contains(b.String(), `"changed": [],`) {
		t.Errorf("empty lists not written as []:\n%s", b.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestDiffWriteError checks that a failed write to stdout is trouble, in
// both formats.
func TestDiffWriteError(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	dump := "Mar 14\n\nLight Schrödinger Bridge\n\n" + strings.Repeat("A light solver for Schrödinger bridges. ", 5) + "\n"
	if err := os.WriteFile(a, []byte(dump), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte(strings.Replace(dump, "light", "fast", 1)), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json"} {
		var stderr strings.Builder
		code := run([]string{"diff", "--output-format", format, a, b}, strings.NewReader(""), failingWriter{}, &stderr)
		if code != exitTrouble || !strings.Contains(stderr.String(), "disk full") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the write error", format, code, stderr.String())
		}
	}
}

// TestWriteDiffCard checks how both formats show the old and new values of
// a card's fields: as the record's JSON writes them, null included, with
// no HTML escaping and no raw control character.
func TestWriteDiffCard(t *testing.T) {
	abs := "An abstract long enough to be one, though only its hash is kept by the comparison."
	card := &schema.Record{ID: schema.TitleID("Card"), Title: "Card", Abstract: abs, Source: "old.md", Line: 30,
		PaperID: "2606.00683", PublishedDate: "2026-05-29", Organization: "R&D <Lab>\x1b[31m", Upvotes: schema.Int(101)}
	edited := *card
	edited.Source, edited.Organization, edited.NumAuthors, edited.Upvotes = "new.md", "", schema.Int(3), schema.Int(120)
	var oldSet, newSet diff.Set
	oldSet.Add(card)
	newSet.Add(&edited)
	res := diff.Compare(&oldSet, &newSet, diff.Options{Counts: true})

	var b strings.Builder
	if err := writeDiffText(&b, nil, nil, &res); err != nil {
		t.Fatal(err)
	}
	want := `~ new.md:30: Card (upvotes 101 -> 120, num_authors null -> 3, organization "R&D <Lab>\u001b[31m" -> null)` + "\n"
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	if err := writeDiffJSON(&b, []string{"old.md"}, []string{"new.md"}, &res); err != nil {
		t.Fatal(err)
	}
	wantJSON := `
      "old": {
        "source": "old.md",
        "line": 30,
        "upvotes": 101,
        "num_authors": null,
        "organization": "R&D <Lab>\u001b[31m"
      },
      "new": {
        "source": "new.md",
        "line": 30,
        "upvotes": 120,
        "num_authors": 3,
        "organization": null
      }`
	if !strings.Contains(b.String(), wantJSON) {
		t.Errorf("JSON lacks%s\n%s", wantJSON, b.String())
	}
}

// TestWriteDiffLists checks how both formats show the old and new values
// of the page's own data: a null list as null, an empty one as [], names
// as written.
func TestWriteDiffLists(t *testing.T) {
	abs := "An abstract long enough to be one, though only its hash is kept by the comparison."
	card := &schema.Record{ID: schema.TitleID("Card"), Title: "Card", Abstract: abs, Source: "old.json", Line: 3,
		PaperID: "2606.00683", AIKeywords: []string{"rag"}, ProjectPage: "https://occ.ai/"}
	edited := *card
	edited.Source, edited.Authors, edited.AIKeywords, edited.AISummary = "new.json", []string{}, []string{"rag", "Zoë <b>"}, "A summary."
	var oldSet, newSet diff.Set
	oldSet.Add(card)
	newSet.Add(&edited)
	res := diff.Compare(&oldSet, &newSet, diff.Options{})

	var b strings.Builder
	if err := writeDiffText(&b, nil, nil, &res); err != nil {
		t.Fatal(err)
	}
	want := `~ new.json:3: Card (authors null -> [], ai_summary null -> "A summary.", ai_keywords ["rag"] -> ["rag","Zoë <b>"])` + "\n"
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	if err := writeDiffJSON(&b, []string{"old.json"}, []string{"new.json"}, &res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Changed []struct {
			Fields   []string
			Old, New map[string]any
		}
	}
	if err := json.Unmarshal([]byte(b.String()), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Changed) != 1 {
		t.Fatalf("JSON:\n%s", b.String())
	}
	c := doc.Changed[0]
	wantOld := map[string]any{"source": "old.json", "line": 3.0, "authors": nil, "ai_summary": nil, "ai_keywords": []any{"rag"}}
	wantNew := map[string]any{"source": "new.json", "line": 3.0, "authors": []any{}, "ai_summary": "A summary.", "ai_keywords": []any{"rag", "Zoë <b>"}}
	if !slices.Equal(c.Fields, []string{"authors", "ai_summary", "ai_keywords"}) || !reflect.DeepEqual(c.Old, wantOld) || !reflect.DeepEqual(c.New, wantNew) {
		t.Errorf("JSON change %+v\nwant fields authors, ai_summary, ai_keywords, old %v, new %v", c, wantOld, wantNew)
	}
}
