package diff

import (
	"crypto/sha256"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/abstracts-dev/abstracts/schema"
)

// rec is a record of dump src at line, with an id from its title.
func rec(src string, line int, title, abstract string, urls ...string) *schema.Record {
	return &schema.Record{ID: schema.TitleID(title), Title: title, Abstract: abstract,
		URLs: urls, Source: src, Line: line}
}

func set(recs ...*schema.Record) *Set {
	s := new(Set)
	for _, r := range recs {
		s.Add(r)
	}
	return s
}

// outline renders a Result as one line per difference, the way the tests
// state what they expect.
func outline(r Result) []string {
	var out []string
	for _, p := range r.Removed {
		out = append(out, fmt.Sprintf("- %s:%d %s", p.Source, p.Line, p.Title))
	}
	for _, p := range r.Added {
		out = append(out, fmt.Sprintf("+ %s:%d %s", p.Source, p.Line, p.Title))
	}
	for _, c := range r.Changed {
		out = append(out, fmt.Sprintf("~ %s:%d>%s:%d %s %v", c.Old.Source, c.Old.Line, c.New.Source, c.New.Line, c.New.Title, c.Fields))
	}
	return out
}

const (
	absA = "Abstract A, long enough for nobody to care about the schema here."
	absB = "Abstract B, another text."
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name      string
		old, new  *Set
		want      []string
		unchanged int
	}{
		{
			name: "empty",
			old:  set(), new: set(),
		},
		{
			name: "same",
			old:  set(rec("a", 3, "One", absA, "https://x.org/1"), rec("a", 7, "Two", absB)),
			new:  set(rec("b", 3, "One", absA, "https://x.org/1"), rec("b", 7, "Two", absB)),
			// the sources differ, positions are not compared
			unchanged: 2,
		},
		{
			name:      "moved is not changed",
			old:       set(rec("a", 3, "One", absA), rec("a", 7, "Two", absB)),
			new:       set(rec("a", 3, "Two", absB), rec("a", 7, "One", absA)),
			unchanged: 2,
		},
		{
			name: "removed in old order, added in new order",
			old:  set(rec("a", 3, "One", absA), rec("a", 7, "Two", absA), rec("a", 11, "Three", absA)),
			new:  set(rec("b", 3, "Five", absA), rec("b", 7, "Two", absA), rec("b", 11, "Four", absA)),
			want: []string{
				"- a:3 One",
				"- a:11 Three",
				"+ b:3 Five",
				"+ b:11 Four",
			},
			unchanged: 1,
		},
		{
			name: "abstract",
			old:  set(rec("a", 3, "One", absA)),
			new:  set(rec("b", 5, "One", absB)),
			want: []string{"~ a:3>b:5 One [abstract]"},
		},
		{
			name: "urls",
			old:  set(rec("a", 3, "One", absA, "https://x.org/1")),
			new:  set(rec("a", 3, "One", absA, "https://x.org/2")),
			want: []string{"~ a:3>a:3 One [urls]"},
		},
		{
			name: "url order",
			old:  set(rec("a", 3, "One", absA, "https://x.org/1", "https://x.org/2")),
			new:  set(rec("a", 3, "One", absA, "https://x.org/2", "https://x.org/1")),
			want: []string{"~ a:3>a:3 One [urls]"},
		},
		{
			name: "url added to none",
			old:  set(rec("a", 3, "One", absA)),
			new:  set(rec("a", 3, "One", absA, "https://x.org/1")),
			want: []string{"~ a:3>a:3 One [urls]"},
		},
		{
			name: "title case and spacing: same id, title changed",
			old:  set(rec("a", 3, "Light Schrödinger Bridge", absA)),
			new:  set(rec("a", 3, "LIGHT  Schro\u0308dinger bridge", absB, "https://x.org/1")),
			want: []string{"~ a:3>a:3 LIGHT  Schro\u0308dinger bridge [title abstract urls]"},
		},
		{
			name: "changed in new order",
			old:  set(rec("a", 3, "One", absA), rec("a", 7, "Two", absA)),
			new:  set(rec("b", 3, "Two", absB), rec("b", 7, "One", absB)),
			want: []string{
				"~ a:7>b:3 Two [abstract]",
				"~ a:3>b:7 One [abstract]",
			},
		},
		{
			name: "first copy on a side wins",
			old:  set(rec("a1", 3, "One", absA), rec("a2", 3, "One", absB)),
			new:  set(rec("b1", 3, "One", absB), rec("b2", 9, "one", absA)),
			want: []string{"~ a1:3>b1:3 One [abstract]"},
		},
		{
			name: "everything",
			old:  set(rec("a", 3, "Gone", absA), rec("a", 7, "Kept", absA), rec("a", 11, "Edited", absA)),
			new:  set(rec("b", 3, "Edited", absB), rec("b", 7, "Kept", absA), rec("b", 11, "New", absA)),
			want: []string{
				"- a:3 Gone",
				"+ b:11 New",
				"~ a:11>b:3 Edited [abstract]",
			},
			unchanged: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.old, tt.new, Options{})
			if lines := outline(got); !reflect.DeepEqual(lines, tt.want) {
				t.Errorf("Compare:\n got %q\nwant %q", lines, tt.want)
			}
			if got.Unchanged != tt.unchanged {
				t.Errorf("Unchanged = %d, want %d", got.Unchanged, tt.unchanged)
			}
			if got.Same() != (len(tt.want) == 0) {
				t.Errorf("Same() = %v with %d differences", got.Same(), len(tt.want))
			}
			if got.Added == nil || got.Removed == nil || got.Changed == nil {
				t.Errorf("nil list in %+v; want empty lists", got)
			}
			// Swapping the sides swaps added and removed.
			back := Compare(tt.new, tt.old, Options{})
			if len(back.Added) != len(got.Removed) || len(back.Removed) != len(got.Added) ||
				len(back.Changed) != len(got.Changed) || back.Unchanged != got.Unchanged {
				t.Errorf("Compare(new, old) = %q, not the mirror of %q", outline(back), outline(got))
			}
		})
	}
}

func TestSetAdd(t *testing.T) {
	var s Set // the zero value is ready
	if !s.Add(rec("a", 3, "One", absA)) {
		t.Fatal("first Add = false")
	}
	if s.Add(rec("b", 5, "ONE", absB)) {
		t.Error("Add of a paper already in the set = true")
	}
	if !s.Add(rec("b", 9, "Two", absB)) {
		t.Error("Add of a new paper = false")
	}
	if s.Len() != 2 || s.Duplicates() != 1 {
		t.Errorf("Len, Duplicates = %d, %d, want 2, 1", s.Len(), s.Duplicates())
	}
	p := s.Paper(0)
	if p.Source != "a" || p.Line != 3 || p.Abstract != sha256.Sum256([]byte(absA)) {
		t.Errorf("first paper = %+v, want the first copy", p)
	}
}

// TestPaper checks that a Set gives back what it was given, and shares no
// memory with the record: URLs are slices of the abstract's text, which a
// Set must not keep alive.
func TestPaper(t *testing.T) {
	var s Set
	abstract := "See https://x.org/code and https://x.org/data, " + strings.Repeat("and more ", 20)
	r := rec("dump.txt", 3, "Light Schrödinger Bridge", abstract, abstract[4:22], abstract[27:45])
	s.Add(r)
	s.Add(rec("dump.txt", 7, "Two", absB))
	want := Paper{ID: r.ID, Title: r.Title, Abstract: sha256.Sum256([]byte(abstract)),
		URLs: []string{"https://x.org/code", "https://x.org/data"}, Source: "dump.txt", Line: 3}
	r.URLs[0], r.Title = "changed", "changed"
	if got := s.Paper(0); !reflect.DeepEqual(got, want) {
		t.Errorf("Paper(0) = %+v\nwant %+v", got, want)
	}
	if got := s.Paper(1); got.URLs != nil || got.Title != "Two" || got.Line != 7 {
		t.Errorf("Paper(1) = %+v", got)
	}
}

func TestAddBadID(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Add of a record with a bad id did not panic")
		}
	}()
	var s Set
	s.Add(&schema.Record{ID: "not-an-id", Title: "x"})
}

// card is a record of dump src at line read from a card of a capture:
// paper 2606.00683 of OCC, published on 2026-05-29, 101 upvotes and
// 6 comments; edit changes it.
func card(src string, line int, edit func(*schema.Record)) *schema.Record {
	r := rec(src, line, "OCC-RAG: Optimal Cognitive Core", absA)
	r.PaperID, r.PublishedDate, r.Organization = "2606.00683", "2026-05-29", "OCC"
	r.Upvotes, r.Comments = schema.Int(101), schema.Int(6)
	if edit != nil {
		edit(r)
	}
	return r
}

func TestCompareCard(t *testing.T) {
	tests := []struct {
		name   string
		old    *schema.Record
		new    *schema.Record
		want   []Field // without Options.Counts
		counts []Field // with it
	}{
		{
			name: "same card",
			old:  card("a", 3, nil),
			new:  card("b", 9, func(r *schema.Record) { r.ListingLabel, r.ListingDate, r.Position = "Oct 2", "2026-10-02", 4 }),
		},
		{
			name:   "upvotes only with counts",
			old:    card("a", 3, nil),
			new:    card("a", 3, func(r *schema.Record) { r.Upvotes = schema.Int(120) }),
			counts: []Field{FieldUpvotes},
		},
		{
			name:   "comments null to 0 with counts",
			old:    card("a", 3, func(r *schema.Record) { r.Comments = schema.NullInt{} }),
			new:    card("a", 3, func(r *schema.Record) { r.Comments = schema.Int(0) }),
			counts: []Field{FieldComments},
		},
		{
			name:   "github stars only with counts",
			old:    card("a", 3, func(r *schema.Record) { r.GitHubRepo, r.GitHubStars = "occ-ai/occ", schema.Int(3290) }),
			new:    card("a", 3, func(r *schema.Record) { r.GitHubRepo, r.GitHubStars = "occ-ai/occ", schema.Int(3300) }),
			counts: []Field{FieldGitHubStars},
		},
		{
			name: "every count",
			old:  card("a", 3, func(r *schema.Record) { r.GitHubStars = schema.Int(7) }),
			new: card("a", 3, func(r *schema.Record) {
				r.Upvotes, r.Comments, r.GitHubStars = schema.Int(0), schema.Int(7), schema.NullInt{}
			}),
			counts: []Field{FieldUpvotes, FieldComments, FieldGitHubStars},
		},
		{
			name: "published date",
			old:  card("a", 3, nil),
			new:  card("a", 3, func(r *schema.Record) { r.PublishedDate = "2026-05-30" }),
			want: []Field{FieldPublishedDate},
		},
		{
			name: "published date dropped",
			old:  card("a", 3, nil),
			new:  card("a", 3, func(r *schema.Record) { r.PublishedDate = "" }),
			want: []Field{FieldPublishedDate},
		},
		{
			name: "paper id",
			old:  card("a", 3, nil),
			new:  card("a", 3, func(r *schema.Record) { r.PaperID = "2606.00684" }),
			want: []Field{FieldPaperID},
		},
		{
			name: "organization",
			old:  card("a", 3, nil),
			new:  card("a", 3, func(r *schema.Record) { r.Organization = "OCC AI" }),
			want: []Field{FieldOrganization},
		},
		{
			name: "organization to number of authors",
			old:  card("a", 3, nil),
			new:  card("a", 3, func(r *schema.Record) { r.Organization, r.NumAuthors = "", schema.Int(3) }),
			want: []Field{FieldNumAuthors, FieldOrganization},
		},
		{
			name: "number of authors",
			old:  card("a", 3, func(r *schema.Record) { r.NumAuthors = schema.Int(3) }),
			new:  card("a", 3, func(r *schema.Record) { r.NumAuthors = schema.Int(4) }),
			want: []Field{FieldNumAuthors},
		},
		{
			name: "submitted by",
			old:  card("a", 3, func(r *schema.Record) { r.SubmittedBy = "akhaliq" }),
			new:  card("a", 3, func(r *schema.Record) { r.SubmittedBy = "vvasilev" }),
			want: []Field{FieldSubmittedBy},
		},
		{
			name: "github repo of the card",
			old:  card("a", 3, func(r *schema.Record) { r.GitHubRepo = "occ-ai/occ" }),
			new:  card("a", 3, func(r *schema.Record) { r.GitHubRepo = "occ-ai/occ-rag" }),
			want: []Field{FieldGitHubRepo},
		},
		{
			name: "same page data",
			old: card("a", 3, func(r *schema.Record) {
				r.Authors, r.AIKeywords, r.AISummary, r.ProjectPage = []string{"Zoë Ó", "李明"}, []string{}, "A summary.", "https://occ.ai/"
			}),
			new: card("b", 9, func(r *schema.Record) {
				r.Authors, r.AIKeywords, r.AISummary, r.ProjectPage = []string{"Zoë Ó", "李明"}, []string{}, "A summary.", "https://occ.ai/"
			}),
		},
		{
			name: "authors null to empty",
			old:  card("a", 3, nil),
			new:  card("a", 3, func(r *schema.Record) { r.Authors = []string{} }),
			want: []Field{FieldAuthors},
		},
		{
			name: "authors empty to one",
			old:  card("a", 3, func(r *schema.Record) { r.Authors = []string{} }),
			new:  card("a", 3, func(r *schema.Record) { r.Authors = []string{"Ann"} }),
			want: []Field{FieldAuthors},
		},
		{
			name: "authors in another order",
			old:  card("a", 3, func(r *schema.Record) { r.Authors = []string{"Ann", "Bo"} }),
			new:  card("a", 3, func(r *schema.Record) { r.Authors = []string{"Bo", "Ann"} }),
			want: []Field{FieldAuthors},
		},
		{
			// Element boundaries count: ["ab"] is not ["a", "b"].
			name: "authors split differently",
			old:  card("a", 3, func(r *schema.Record) { r.Authors = []string{"ab", "c"} }),
			new:  card("a", 3, func(r *schema.Record) { r.Authors = []string{"a", "bc"} }),
			want: []Field{FieldAuthors},
		},
		{
			name: "authors listed, the count with them",
			old:  card("a", 3, func(r *schema.Record) { r.NumAuthors = schema.Int(2) }),
			new: card("a", 3, func(r *schema.Record) {
				r.NumAuthors, r.Authors = schema.Int(2), []string{"Ann", "Bo"}
			}),
			want: []Field{FieldAuthors},
		},
		{
			name: "AI summary",
			old:  card("a", 3, func(r *schema.Record) { r.AISummary = "One." }),
			new:  card("a", 3, func(r *schema.Record) { r.AISummary = "Two." }),
			want: []Field{FieldAISummary},
		},
		{
			name: "AI keywords null to some",
			old:  card("a", 3, nil),
			new:  card("a", 3, func(r *schema.Record) { r.AIKeywords = []string{"rag"} }),
			want: []Field{FieldAIKeywords},
		},
		{
			name: "project page dropped",
			old:  card("a", 3, func(r *schema.Record) { r.ProjectPage = "https://occ.ai/" }),
			new:  card("a", 3, nil),
			want: []Field{FieldProjectPage},
		},
		{
			// The page's own data is compared between cards only, as the
			// card's fields are.
			name: "plain copy and page data",
			old:  rec("a", 3, "OCC-RAG: Optimal Cognitive Core", absA),
			new: card("b", 3, func(r *schema.Record) {
				r.Authors, r.AIKeywords, r.AISummary, r.ProjectPage = []string{"Ann"}, []string{"rag"}, "A summary.", "https://occ.ai/"
			}),
		},
		{
			name:   "card and plain copy, text changed",
			old:    card("a", 3, nil),
			new:    rec("a", 3, "OCC-RAG: optimal cognitive core", absB, "https://x.org/1"),
			want:   []Field{FieldTitle, FieldAbstract, FieldURLs},
			counts: []Field{FieldTitle, FieldAbstract, FieldURLs},
		},
		{
			name: "every card field, in schema order",
			old:  card("a", 3, func(r *schema.Record) { r.SubmittedBy = "akhaliq" }),
			new: card("a", 3, func(r *schema.Record) {
				*r = schema.Record{ID: r.ID, Title: "OCC-RAG: optimal cognitive core", Abstract: absB, URLs: []string{"https://github.com/o/r"},
					GitHubRepo: "o/r", Source: "b", Line: 7, PaperID: "2606.00684", PublishedDate: "2026-05-30", Upvotes: schema.Int(1),
					Comments: schema.Int(2), NumAuthors: schema.Int(3), Organization: "", SubmittedBy: "nobody", GitHubStars: schema.Int(4),
					Authors: []string{"A", "B", "C"}, AISummary: "S.", AIKeywords: []string{}, ProjectPage: "https://o.org/r"}
			}),
			want: []Field{FieldTitle, FieldAbstract, FieldURLs, FieldGitHubRepo, FieldPaperID, FieldPublishedDate,
				FieldNumAuthors, FieldOrganization, FieldSubmittedBy, FieldAuthors, FieldAISummary, FieldAIKeywords, FieldProjectPage},
			counts: []Field{FieldTitle, FieldAbstract, FieldURLs, FieldGitHubRepo, FieldPaperID, FieldPublishedDate,
				FieldUpvotes, FieldComments, FieldNumAuthors, FieldOrganization, FieldSubmittedBy, FieldGitHubStars,
				FieldAuthors, FieldAISummary, FieldAIKeywords, FieldProjectPage},
		},
		{
			// A plain-text copy shows no card: the card's fields are
			// compared only between cards.
			name: "plain copy and card",
			old:  rec("a", 3, "OCC-RAG: Optimal Cognitive Core", absA),
			new:  card("b", 3, func(r *schema.Record) { r.GitHubRepo = "occ-ai/occ" }),
		},
		{
			name: "plain copy and card, abstract changed",
			old:  card("a", 3, nil),
			new:  rec("b", 3, "OCC-RAG: Optimal Cognitive Core", absB),
			want: []Field{FieldAbstract}, counts: []Field{FieldAbstract},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.counts == nil {
				tt.counts = tt.want
			}
			for _, opts := range []Options{{}, {Counts: true}} {
				want := tt.want
				if opts.Counts {
					want = tt.counts
				}
				for _, sides := range [][2]*schema.Record{{tt.old, tt.new}, {tt.new, tt.old}} {
					res := Compare(set(sides[0]), set(sides[1]), opts)
					var got []Field
					if len(res.Changed) == 1 {
						got = res.Changed[0].Fields
					}
					if !reflect.DeepEqual(got, want) || res.Unchanged+len(res.Changed) != 1 {
						t.Errorf("Compare(%+v) = %q, %d unchanged; want fields %q", opts, outline(res), res.Unchanged, want)
					}
				}
			}
		})
	}
}

// TestCardValues checks that a Set gives back the card's fields of a
// paper, with their nulls, and none for a paper not from a card.
func TestCardValues(t *testing.T) {
	var s Set
	s.Add(card("a", 3, func(r *schema.Record) {
		r.Comments, r.GitHubRepo, r.GitHubStars = schema.NullInt{}, "o/r", schema.Int(0)
		r.Authors, r.AIKeywords, r.AISummary = []string{"Zoë Ó", "", "李明"}, []string{}, "ü summary"
	}))
	s.Add(rec("a", 9, "Two", absB, "https://github.com/o/two"))
	s.Add(card("a", 15, func(r *schema.Record) {
		r.Title, r.ID = "Three", schema.TitleID("Three")
		r.NumAuthors, r.SubmittedBy, r.Organization, r.Upvotes = schema.Int(math.MaxInt32), "ü", "", schema.Int(0)
		r.AIKeywords, r.ProjectPage = []string{"rag", "agents"}, "https://occ.ai/p?q=1"
	}))
	want := map[Field][3]any{
		FieldGitHubRepo:    {"o/r", nil, nil},
		FieldPaperID:       {"2606.00683", nil, "2606.00683"},
		FieldPublishedDate: {"2026-05-29", nil, "2026-05-29"},
		FieldUpvotes:       {101, nil, 0},
		FieldComments:      {nil, nil, 6},
		FieldNumAuthors:    {nil, nil, math.MaxInt32},
		FieldOrganization:  {"OCC", nil, nil},
		FieldSubmittedBy:   {nil, nil, "ü"},
		FieldGitHubStars:   {0, nil, nil},
		FieldAuthors:       {[]string{"Zoë Ó", "", "李明"}, nil, nil},
		FieldAISummary:     {"ü summary", nil, nil},
		FieldAIKeywords:    {[]string{}, nil, []string{"rag", "agents"}},
		FieldProjectPage:   {nil, nil, "https://occ.ai/p?q=1"},
		FieldTitle:         {nil, nil, nil}, // not the card's
	}
	for f, values := range want {
		for i, v := range values {
			p := s.Paper(i)
			if got := p.Value(f); !reflect.DeepEqual(got, v) {
				t.Errorf("Paper(%d).Value(%s) = %#v, want %#v", i, f, got, v)
			}
		}
	}
	for i, fromCard := range []bool{true, false, true} {
		if p := s.Paper(i); p.FromCard() != fromCard {
			t.Errorf("Paper(%d).FromCard() = %v", i, !fromCard)
		}
	}
	if p := s.Paper(1); p.Title != "Two" || !reflect.DeepEqual(p.URLs, []string{"https://github.com/o/two"}) {
		t.Errorf("Paper(1) = %+v", p)
	}
	if p := s.Paper(2); p.Title != "Three" || p.URLs != nil || p.Line != 15 {
		t.Errorf("Paper(2) = %+v", p)
	}
}

// TestRoles checks that every column of the record has a role, so that a
// new column is compared or not by decision, and that the fields are the
// columns compared, in schema order.
func TestRoles(t *testing.T) {
	names := map[string]bool{}
	var compared []Field
	for _, c := range schema.Columns {
		names[c.Name] = true
		r, ok := roles[c.Name]
		if !ok {
			t.Errorf("column %s has no role in diff", c.Name)
		}
		if r != roleNone {
			compared = append(compared, Field(c.Name))
		}
		if Field(c.Name).OfCard() != (r == roleCard || r == roleCount) {
			t.Errorf("Field(%s).OfCard() = %v", c.Name, !Field(c.Name).OfCard())
		}
	}
	for name := range roles {
		if !names[name] {
			t.Errorf("role for %s, which is not a column", name)
		}
	}
	want := []Field{FieldTitle, FieldAbstract, FieldURLs, FieldGitHubRepo, FieldPaperID, FieldPublishedDate,
		FieldUpvotes, FieldComments, FieldNumAuthors, FieldOrganization, FieldSubmittedBy, FieldGitHubStars,
		FieldAuthors, FieldAISummary, FieldAIKeywords, FieldProjectPage}
	if !reflect.DeepEqual(compared, want) {
		t.Errorf("compared columns = %q\nwant the fields %q", compared, want)
	}
	if len(cardColumns) > 63 {
		t.Errorf("%d card columns do not fit a uint64 mask", len(cardColumns))
	}
}

// TestEntrySize checks the memory a Set spends per paper besides its
// text: an entry of 64 bytes that holds no pointer, so that the garbage
// collector has nothing to trace however many papers a Set holds.
func TestEntrySize(t *testing.T) {
	if n := unsafe.Sizeof(entry{}); n != 64 {
		t.Errorf("entry is %d bytes, want 64", n)
	}
	var check func(reflect.Type)
	check = func(ty reflect.Type) {
		switch ty.Kind() {
		case reflect.Struct:
			for i := range ty.NumField() {
				check(ty.Field(i).Type)
			}
		case reflect.Array:
			check(ty.Elem())
		case reflect.Bool, reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint8, reflect.Uint64:
		default:
			t.Errorf("entry holds a %s", ty)
		}
	}
	check(reflect.TypeOf(entry{}))
}

func TestAddBadLine(t *testing.T) {
	for _, line := range []int{0, math.MaxInt32 + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Add of a record at line %d did not panic", line)
				}
			}()
			var s Set
			s.Add(rec("a", line, "One", absA))
		}()
	}
}
