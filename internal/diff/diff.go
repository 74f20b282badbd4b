// Package diff compares two sets of paper records, each read from one or
// more dumps, and tells which papers were added, which removed and which
// changed. Papers are matched by their id (schema.TitleID), so a title
// that differs only in case, spacing or Unicode composition is the same
// paper with a changed title.
//
// A Set keeps per paper only what the comparison and its report need: the
// id, the title, a SHA-256 of the abstract rather than its text, the URLs
// and where the paper is. Memory therefore grows with the number of
// papers, not with the size of the dumps: some 100 bytes per paper besides
// its title and URLs. The titles and URLs are packed into one byte slice
// and the index is keyed by the id's 64-bit value, so that a Set holds no
// pointers for the garbage collector to trace, however large it grows.
package diff

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"

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

// Paper is a paper of a Set, as Compare reports it.
type Paper struct {
	ID       string
	Title    string
	Abstract [sha256.Size]byte // the SHA-256 of the abstract text
	URLs     []string
	Source   string // the dump's path as given, "-" for standard input
	Line     int    // 1-based line of the title in Source
}

// entry is what a Set keeps of one paper: no pointers.
type entry struct {
	abstract [sha256.Size]byte
	id       uint64 // the 16 hex digits of the id
	title    span   // in Set.text
	urls     span   // in Set.text: each URL as a uvarint length and its bytes
	source   int    // index in Set.sources
	line     int
}

// span is the text[off:end] of a Set.
type span struct{ off, end int }

// Set is the papers of one side of a comparison, in the order they were
// added. The zero value is an empty set ready to use.
type Set struct {
	entries []entry
	index   map[uint64]int // id → index in entries
	text    []byte         // titles and URLs
	sources []string       // the dumps' paths, in the order records came from them
	dups    int
}

// Add adds rec to the set and reports whether it was new. A paper whose id
// is already in the set (the same paper in a later dump of the same side)
// is ignored: the first copy wins. The record's id must be 16 hex digits,
// as the record schema requires and validate.Reader guarantees; Add panics
// otherwise.
func (s *Set) Add(rec *schema.Record) bool {
	id, err := strconv.ParseUint(rec.ID, 16, 64)
	if err != nil || len(rec.ID) != 16 {
		panic(fmt.Sprintf("diff: record id %q is not 16 hex digits", rec.ID))
	}
	if _, ok := s.index[id]; ok {
		s.dups++
		return false
	}
	if s.index == nil {
		s.index = make(map[uint64]int)
	}
	if n := len(s.sources); n == 0 || s.sources[n-1] != rec.Source {
		s.sources = append(s.sources, rec.Source)
	}
	e := entry{abstract: sha256.Sum256([]byte(rec.Abstract)), id: id,
		source: len(s.sources) - 1, line: rec.Line}
	e.title = s.store(func(b []byte) []byte { return append(b, rec.Title...) })
	e.urls = s.store(func(b []byte) []byte {
		for _, u := range rec.URLs {
			b = binary.AppendUvarint(b, uint64(len(u)))
			b = append(b, u...)
		}
		return b
	})
	s.index[id] = len(s.entries)
	s.entries = append(s.entries, e)
	return true
}

// store appends to the set's text and returns the span appended.
func (s *Set) store(appendTo func([]byte) []byte) span {
	off := len(s.text)
	s.text = appendTo(s.text)
	return span{off, len(s.text)}
}

func (s *Set) bytes(sp span) []byte { return s.text[sp.off:sp.end] }

// Len returns how many papers the set holds.
func (s *Set) Len() int { return len(s.entries) }

// Duplicates returns how many records Add ignored because their paper was
// already in the set.
func (s *Set) Duplicates() int { return s.dups }

// Paper returns the i-th paper of the set, 0 ≤ i < Len.
func (s *Set) Paper(i int) Paper {
	e := &s.entries[i]
	p := Paper{
		ID:       fmt.Sprintf("%016x", e.id),
		Title:    string(s.bytes(e.title)),
		Abstract: e.abstract,
		Source:   s.sources[e.source],
		Line:     e.line,
	}
	for b := s.bytes(e.urls); len(b) > 0; {
		n, k := binary.Uvarint(b)
		p.URLs = append(p.URLs, string(b[k:k+int(n)]))
		b = b[k+int(n):]
	}
	return p
}

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
	for i, e := range old.entries {
		if _, ok := new.index[e.id]; !ok {
			res.Removed = append(res.Removed, old.Paper(i))
		}
	}
	for j := range new.entries {
		b := &new.entries[j]
		i, ok := old.index[b.id]
		if !ok {
			res.Added = append(res.Added, new.Paper(j))
			continue
		}
		a := &old.entries[i]
		var fields []Field
		if !bytes.Equal(old.bytes(a.title), new.bytes(b.title)) {
			fields = append(fields, FieldTitle)
		}
		if a.abstract != b.abstract {
			fields = append(fields, FieldAbstract)
		}
		if !bytes.Equal(old.bytes(a.urls), new.bytes(b.urls)) {
			fields = append(fields, FieldURLs)
		}
		if fields == nil {
			res.Unchanged++
			continue
		}
		res.Changed = append(res.Changed, Change{Old: old.Paper(i), New: new.Paper(j), Fields: fields})
	}
	return res
}
