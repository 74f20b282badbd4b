package diff

import (
	"crypto/sha256"
	"fmt"
	"reflect"
	"strings"
	"testing"

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
			got := Compare(tt.old, tt.new)
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
			back := Compare(tt.new, tt.old)
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
