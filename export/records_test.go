package export

import (
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"

	"github.com/abstracts-dev/abstracts/schema"
)

// sampleRecords covers the shapes every writer must carry exactly:
// non-ASCII text, JSON-special characters, empty and several URLs, null
// and present dates and repositories, and each nullable list (authors,
// ai_keywords) null, empty and filled, with non-ASCII names.
func sampleRecords() []schema.Record {
	abstract := func(s string) string {
		for len(s) < schema.MinAbstractLen {
			s += " More words to reach the minimum length of an abstract."
		}
		return s
	}
	return []schema.Record{
		{
			ID: schema.TitleID("Light Schrödinger Bridge"), Title: "Light Schrödinger Bridge",
			Abstract: abstract(`We use Schr"odinger bridges, $f$-divergences, ell_infty and <b>&</b> "quotes" \ backslash; ünïcödé 日本語 😀.`),
			Position: 1, ListingLabel: "Mar 14", ListingDate: "2024-03-14",
			URLs:       []string{"https://github.com/ngushchin/LightSB", "https://example.org/a?b=c&d=e"},
			GitHubRepo: "ngushchin/LightSB", Source: "dumps/mar14.txt", Line: 11,
			PaperID: "2407.07654", PublishedDate: "2024-07-10", Upvotes: schema.Int(0), Comments: schema.Int(6),
			NumAuthors: schema.Int(3), Organization: "Skoltech", SubmittedBy: "ngushchin", GitHubStars: schema.Int(3290),
			Authors:     []string{"Alexander Korotin", "Nikita Gushchin", "Евгений Бурнаев"},
			AISummary:   `Light Schrödinger Bridge ("LightSB") learns an entropic optimal transport plan fast; <b>&</b> \ 😀.`,
			AIKeywords:  []string{"Schrödinger bridge", "optimal transport", "entropic OT", "日本語"},
			ProjectPage: "https://example.org/lightsb?x=1&y=ü",
		},
		{
			ID: schema.TitleID("No URLs, no date?"), Title: "No URLs, no date?",
			Abstract: abstract("An abstract without any link at all."),
			Position: 2, ListingLabel: "Nov 3", URLs: []string{},
			Source: "-", Line: 15,
			Authors: nil, AIKeywords: []string{},
		},
		{
			ID: schema.TitleID("A URL that is not on GitHub"), Title: "A URL that is not on GitHub",
			Abstract: abstract("Code is at https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md for review."),
			Position: 3, ListingLabel: "Feb 29", ListingDate: "2024-02-29",
			URLs:   []string{"https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md"},
			Source: "dumps/mar14.txt", Line: 2147483647,
			Authors: []string{}, AIKeywords: nil,
		},
		{
			ID: schema.TitleID("Authors of the page, one of them alone"), Title: "Authors of the page, one of them alone",
			Abstract: abstract("An abstract of a paper that the Papers API lists with its authors."),
			Position: 4, ListingLabel: "Mar 14", ListingDate: "2024-03-14", URLs: []string{},
			Source: "dumps/mar14.txt", Line: 40,
			PaperID: "2410.05434", NumAuthors: schema.Int(1),
			Authors: []string{"Zoë O'Brien-Ñúñez"}, AIKeywords: []string{"agents"},
			AISummary: "One line.",
		},
	}
}

// row is a record as a reader gives it back: each column's JSON value (a
// string, an int, a []any of strings, or nil for null), the form
// schema.Record.Map gives, so that every column of schema.Columns is
// compared without listing them.
type row = map[string]any

// arrowValue returns element i of an Arrow array of one of the record's
// column types as a row value, failing the test on any other type.
func arrowValue(t *testing.T, a arrow.Array, i int) any {
	t.Helper()
	if a.IsNull(i) {
		return nil
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(i)
	case *array.Int32:
		return int(a.Value(i))
	case *array.Date32:
		return a.Value(i).ToTime().UTC().Format(time.DateOnly)
	case *array.List:
		vals := a.ListValues().(*array.String)
		start, end := a.ValueOffsets(i)
		list := []any{}
		for k := start; k < end; k++ {
			if vals.IsNull(int(k)) {
				t.Fatalf("null list element")
			}
			list = append(list, vals.Value(int(k)))
		}
		return list
	}
	t.Fatalf("unexpected Arrow array %T", a)
	return nil
}

// sameRecords fails the test unless the rows read back equal the records
// written, column by column.
func sameRecords(t *testing.T, got []row, want []schema.Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read %d records, wrote %d", len(got), len(want))
	}
	for i := range want {
		w := want[i].Map()
		if !reflect.DeepEqual(got[i], w) {
			t.Fatalf("record %d:\n got %#v\nwant %#v", i, got[i], w)
		}
	}
}
