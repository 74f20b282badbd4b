// Package diff compares two sets of paper records, each read from one or
// more dumps, and tells which papers were added, which removed and which
// changed. Papers are matched by their id (schema.TitleID), so a title
// that differs only in case, spacing or Unicode composition is the same
// paper with a changed title.
//
// A Set keeps per paper only what the comparison and its report need: the
// id, the title, a SHA-256 of the abstract rather than its text, the URLs
// and where the paper is. Memory therefore grows with the number of
// papers, not with the size of the dumps.
package diff

import (
	"crypto/sha256"
	"slices"
	"strings"

	"github.com/abstracts-dev/abstracts/schema"
)

// Field names a part of a paper that can change.
type Field string

// The fields that are compared, in the order a Change lists them.
const (
	FieldTitle    Field = "title"    // same id, title differs in case, spacing or composition
	FieldAbstract Field = "abstract" // the abstract text differs
	FieldURLs     Field = "urls"     // the URLs, or their order, differ
)

// Paper is what a Set keeps of one record.
type Paper struct {
	ID       string
	Title    string
	Abstract [sha256.Size]byte // the SHA-256 of the abstract text
	URLs     []string
	Source   string // the dump's path as given, "-" for standard input
	Line     int    // 1-based line of the title in Source
}

// NewPaper returns what a Set keeps of rec. The strings are copied: a URL
// is often a slice of the abstract's text, and keeping it as it is would
// keep the whole abstract in memory.
func NewPaper(rec *schema.Record) Paper {
	var urls []string
	if len(rec.URLs) > 0 {
		urls = make([]string, len(rec.URLs))
		for i, u := range rec.URLs {
			urls[i] = strings.Clone(u)
		}
	}
	return Paper{
		ID:       strings.Clone(rec.ID),
		Title:    strings.Clone(rec.Title),
		Abstract: sha256.Sum256([]byte(rec.Abstract)),
		URLs:     urls,
		Source:   rec.Source,
		Line:     rec.Line,
	}
}

// Set is the papers of one side of a comparison, in the order they were
// added. The zero value is an empty set ready to use.
type Set struct {
	papers []Paper
	index  map[string]int // id → index in papers
	dups   int
}

// Add adds rec to the set and reports whether it was new. A paper whose id
// is already in the set (the same paper in a later dump of the same side)
// is ignored: the first copy wins.
func (s *Set) Add(rec *schema.Record) bool {
	if _, ok := s.index[rec.ID]; ok {
		s.dups++
		return false
	}
	if s.index == nil {
		s.index = make(map[string]int)
	}
	s.index[rec.ID] = len(s.papers)
	s.papers = append(s.papers, NewPaper(rec))
	return true
}

// Len returns how many papers the set holds.
func (s *Set) Len() int { return len(s.papers) }

// Duplicates returns how many records Add ignored because their paper was
// already in the set.
func (s *Set) Duplicates() int { return s.dups }

// Papers returns the papers in the order they were added. The caller must
// not modify the returned slice.
func (s *Set) Papers() []Paper { return s.papers }

// Change is a paper found on both sides with different content.
type Change struct {
	Old, New Paper
	Fields   []Field // what differs, in the order title, abstract, urls
}

// Result is the outcome of Compare.
type Result struct {
	Removed   []Paper  // in the old set only, in old order
	Added     []Paper  // in the new set only, in new order
	Changed   []Change // on both sides but different, in new order
	Unchanged int      // on both sides and the same
}

// Same reports whether the two sets hold the same papers with the same
// content.
func (r *Result) Same() bool {
	return len(r.Removed) == 0 && len(r.Added) == 0 && len(r.Changed) == 0
}

// Compare compares the papers of old and new, matched by id. Removed
// papers come in the order of old; added and changed ones in the order of
// new, so that each list follows the dumps its positions point into.
// Positions (which dump, which line) are never compared: a paper that only
// moved is unchanged.
func Compare(old, new *Set) Result {
	res := Result{Removed: []Paper{}, Added: []Paper{}, Changed: []Change{}}
	for _, p := range old.papers {
		if _, ok := new.index[p.ID]; !ok {
			res.Removed = append(res.Removed, p)
		}
	}
	for _, p := range new.papers {
		i, ok := old.index[p.ID]
		if !ok {
			res.Added = append(res.Added, p)
			continue
		}
		if fields := Differences(old.papers[i], p); len(fields) > 0 {
			res.Changed = append(res.Changed, Change{Old: old.papers[i], New: p, Fields: fields})
		} else {
			res.Unchanged++
		}
	}
	return res
}

// Differences lists the fields in which a and b, two copies of the same
// paper, differ: nil if none.
func Differences(a, b Paper) []Field {
	var fields []Field
	if a.Title != b.Title {
		fields = append(fields, FieldTitle)
	}
	if a.Abstract != b.Abstract {
		fields = append(fields, FieldAbstract)
	}
	if !slices.Equal(a.URLs, b.URLs) {
		fields = append(fields, FieldURLs)
	}
	return fields
}
