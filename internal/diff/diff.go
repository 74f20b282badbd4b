// Package diff compares two sets of paper records, each read from one or
// more dumps, and tells which papers were added, which removed and which
// changed. Papers are matched by their id (schema.TitleID), so a title
// that differs only in case, spacing or Unicode composition is the same
// paper with a changed title.
//
// What is compared is what a record says about the paper, never where it
// was found: the title, the abstract and its URLs always; the
// fields of the card a capture of today's page shows (the paper's id on
// the site, its publication date, organization, number of authors, who
// submitted it, its GitHub repository) and those of the page's own data
// (the authors, the AI summary and keywords, the project page) when both
// papers come from a card; and the counts that change by the minute
// (upvotes, comments, GitHub stars) only when Options.Counts asks for them.
//
// A Set keeps per paper only what the comparison and its report need: the
// id, a SHA-256 of the abstract rather than its text, where the paper is,
// and its title, URLs and card fields packed into one byte slice. Memory
// therefore grows with the number of papers, not with the size of the
// dumps: a 64-byte entry and its index entry, some 110 bytes per paper
// with the slack of growing tables, besides its title, URLs and card
// fields (a paper that does not come from a card spends one byte on them).
// The index is keyed by the id's 64-bit value, so that a
// Set holds no pointers for the garbage collector to trace, however large
// it grows.
package diff

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/abstracts-dev/abstracts/schema"
)

// Field names a column of the record that Compare compares, by its name in
// schema.Columns.
type Field string

// The fields that are compared. A Change lists them in the order of
// schema.Columns, which is the order here.
const (
	FieldTitle    Field = "title"    // same id, title differs in case, spacing or composition
	FieldAbstract Field = "abstract" // the abstract text differs
	FieldURLs     Field = "urls"     // the URLs, or their order, differ

	// The card's fields: compared when both papers come from a card.
	FieldGitHubRepo    Field = "github_repo"
	FieldPaperID       Field = "paper_id"
	FieldPublishedDate Field = "published_date"
	FieldNumAuthors    Field = "num_authors"
	FieldOrganization  Field = "organization"
	FieldSubmittedBy   Field = "submitted_by"

	// The page's own data (the Papers API, a saved page), compared as the
	// card's fields. A null list and an empty one differ.
	FieldAuthors     Field = "authors"
	FieldAISummary   Field = "ai_summary"
	FieldAIKeywords  Field = "ai_keywords"
	FieldProjectPage Field = "project_page"

	// The card's counts: compared when both papers come from a card and
	// Options.Counts is set.
	FieldUpvotes     Field = "upvotes"
	FieldComments    Field = "comments"
	FieldGitHubStars Field = "github_stars"
)

// role says what Compare does with a column of the record.
type role int

// The roles of the record's columns.
const (
	// roleNone: the id, by which papers are matched, and where a paper
	// was found (its dump, line, position and listing), so that a paper
	// that only moved is unchanged.
	roleNone role = iota
	// roleText: the title, the abstract and its URLs, compared always, whatever
	// the style of the dumps.
	roleText
	// roleCard: a field of the card a Markdown or NotebookLM capture shows,
	// or of the page's own data (authors, ai_summary, ai_keywords,
	// project_page), compared when both papers come from a card (have a
	// paper_id). A
	// plain-text copy shows no card, so its null there is no change when
	// it is compared with a capture. github_repo is one of them: in a
	// plain-text copy it is the first GitHub repository among the URLs,
	// which urls already compares, while a card's GitHub link, which it
	// takes first, is in no URL of the abstract.
	roleCard
	// roleCount: a count the card shows that changes by the minute, compared
	// as a card field but only with Options.Counts.
	roleCount
)

// roles gives the role of every column of schema.Columns, by name; a test
// fails when a column is missing, so that a new column is compared, or
// not, by decision. The card fields are those that copies of one card on
// the trending page must agree on; the counts those in which they may
// differ (see validate's repeated-card).
var roles = map[string]role{
	"id":             roleNone,
	"title":          roleText,
	"abstract":       roleText,
	"position":       roleNone,
	"listing_label":  roleNone,
	"listing_date":   roleNone,
	"urls":           roleText,
	"github_repo":    roleCard,
	"source":         roleNone,
	"line":           roleNone,
	"paper_id":       roleCard,
	"published_date": roleCard,
	"upvotes":        roleCount,
	"comments":       roleCount,
	"num_authors":    roleCard,
	"organization":   roleCard,
	"submitted_by":   roleCard,
	"github_stars":   roleCount,
	"authors":        roleCard,
	"ai_summary":     roleCard,
	"ai_keywords":    roleCard,
	"project_page":   roleCard,
}

// cardColumns are the card's columns and counts, in schema order. A Set stores
// a card's fields in this order, field i present when bit i of a mask is
// set.
var cardColumns = func() []schema.Column {
	var cols []schema.Column
	for _, c := range schema.Columns {
		if r := roles[c.Name]; r == roleCard || r == roleCount {
			cols = append(cols, c)
		}
	}
	return cols
}()

// OfCard reports whether f is a field of the card, one of its counts
// included, whose value Paper.Value gives.
func (f Field) OfCard() bool {
	r := roles[string(f)]
	return r == roleCard || r == roleCount
}

// Options changes what Compare compares.
type Options struct {
	// Counts compares the card's counts too (upvotes, comments,
	// github_stars), which change by the minute and are no change
	// otherwise.
	Counts bool
}

// Paper is a paper of a Set, as Compare reports it.
type Paper struct {
	ID       string
	Title    string
	Abstract [sha256.Size]byte // the SHA-256 of the abstract text
	URLs     []string
	Source   string // the dump's path as given, "-" for standard input
	Line     int    // 1-based line of the title in Source

	card []any // the card's fields in cardColumns order, nil if not from a card
}

// FromCard reports whether the paper was read from a card, that is has a
// paper_id; only then does a Set keep its card's fields.
func (p *Paper) FromCard() bool { return p.card != nil }

// Value returns the value of the card's field f (see Field.OfCard) as the
// record's JSON has it: a string (a date as "2024-10-07"), an int, a
// []string for a list (empty, not nil, for an empty list), or nil for
// null. It is nil for a paper that does not come from a card, and for a
// field that is not the card's.
func (p *Paper) Value(f Field) any {
	for i, c := range cardColumns {
		if c.Name == string(f) && p.card != nil {
			return p.card[i]
		}
	}
	return nil
}

// entry is what a Set keeps of one paper: no pointers, 64 bytes.
type entry struct {
	abstract [sha256.Size]byte
	id       uint64 // the 16 hex digits of the id
	text     span   // in Set.text, see packed
	source   int32  // index in Set.sources
	line     int32
}

// span is the text[off:end] of a Set.
type span struct{ off, end int }

// packed is how a Set keeps the text of a paper: the title's length as a
// uvarint and the title; the card's mask as a uvarint (0 for a paper not
// from a card) and each field whose bit is set, a string as a uvarint
// length and its bytes, an integer as a varint, a list as a uvarint count
// and each element as a string (a null list has its bit clear, an empty
// one a count of 0); then each URL as a uvarint length and its bytes, up
// to the end of the span. Equal values have equal bytes, so fields are
// compared as bytes.
type packed struct {
	title []byte
	card  [][]byte // the encoding of each card field, nil when null; len(cardColumns) long
	urls  []byte
}

// Set is the papers of one side of a comparison, in the order they were
// added. The zero value is an empty set ready to use.
type Set struct {
	entries []entry
	index   map[uint64]int // id → index in entries
	text    []byte         // titles, cards and URLs
	sources []string       // the dumps' paths, in the order records came from them
	dups    int
}

// Add adds rec to the set and reports whether it was new. A paper whose id
// is already in the set (the same paper in a later dump of the same side)
// is ignored: the first copy wins. The record must be one the record
// schema allows, as validate.Reader guarantees: Add panics on an id that
// is not 16 hex digits or a line outside 1 to 2147483647.
func (s *Set) Add(rec *schema.Record) bool {
	id, err := strconv.ParseUint(rec.ID, 16, 64)
	if err != nil || len(rec.ID) != 16 {
		panic(fmt.Sprintf("diff: record id %q is not 16 hex digits", rec.ID))
	}
	if rec.Line < 1 || rec.Line > math.MaxInt32 {
		panic(fmt.Sprintf("diff: record line %d is outside 1 to %d", rec.Line, math.MaxInt32))
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
	off := len(s.text)
	s.text = binary.AppendUvarint(s.text, uint64(len(rec.Title)))
	s.text = append(s.text, rec.Title...)
	s.text = appendCard(s.text, rec)
	for _, u := range rec.URLs {
		s.text = binary.AppendUvarint(s.text, uint64(len(u)))
		s.text = append(s.text, u...)
	}
	s.index[id] = len(s.entries)
	s.entries = append(s.entries, entry{abstract: sha256.Sum256([]byte(rec.Abstract)), id: id,
		text: span{off, len(s.text)}, source: int32(len(s.sources) - 1), line: int32(rec.Line)})
	return true
}

// appendCard appends the card's mask and fields of rec, as packed says: a
// lone 0 for a record without a paper_id, which does not come from a card.
func appendCard(b []byte, rec *schema.Record) []byte {
	if rec.PaperID == "" {
		return append(b, 0)
	}
	var mask uint64
	for i := range cardColumns {
		if present(&cardColumns[i], rec) {
			mask |= 1 << i
		}
	}
	b = binary.AppendUvarint(b, mask)
	for i, c := range cardColumns {
		switch {
		case mask&(1<<i) == 0:
		case c.Kind == schema.Int32:
			b = binary.AppendVarint(b, int64(c.Int(rec).Int))
		case c.Kind == schema.StringList:
			list := c.List(rec)
			b = binary.AppendUvarint(b, uint64(len(list)))
			for _, v := range list {
				b = binary.AppendUvarint(b, uint64(len(v)))
				b = append(b, v...)
			}
		default:
			v := c.Text(rec)
			b = binary.AppendUvarint(b, uint64(len(v)))
			b = append(b, v...)
		}
	}
	return b
}

// present reports whether the card column c of rec is not null: a valid
// count, a non-empty string or date, a non-nil list (an empty one
// included).
func present(c *schema.Column, rec *schema.Record) bool {
	switch c.Kind {
	case schema.Int32:
		return c.Int(rec).Valid
	case schema.StringList:
		return c.List(rec) != nil
	}
	return c.Text(rec) != ""
}

// unpack splits the text of e into p, whose card must be len(cardColumns)
// long, and reports whether the paper comes from a card.
func (s *Set) unpack(e *entry, p *packed) (fromCard bool) {
	b := s.text[e.text.off:e.text.end]
	n, k := binary.Uvarint(b)
	p.title, b = b[k:k+int(n)], b[k+int(n):]
	mask, k := binary.Uvarint(b)
	b = b[k:]
	for i, c := range cardColumns {
		p.card[i] = nil
		if mask&(1<<i) == 0 {
			continue
		}
		switch c.Kind {
		case schema.Int32:
			_, k = binary.Varint(b)
		case schema.StringList:
			var count uint64
			count, k = binary.Uvarint(b)
			for range count {
				n, m := binary.Uvarint(b[k:])
				k += m + int(n)
			}
		default:
			n, k = binary.Uvarint(b)
			k += int(n)
		}
		p.card[i], b = b[:k], b[k:]
	}
	p.urls = b
	return mask != 0
}

// Len returns how many papers the set holds.
func (s *Set) Len() int { return len(s.entries) }

// Duplicates returns how many records Add ignored because their paper was
// already in the set.
func (s *Set) Duplicates() int { return s.dups }

// Paper returns the i-th paper of the set, 0 ≤ i < Len.
func (s *Set) Paper(i int) Paper {
	e := &s.entries[i]
	pk := packed{card: make([][]byte, len(cardColumns))}
	fromCard := s.unpack(e, &pk)
	p := Paper{
		ID:       fmt.Sprintf("%016x", e.id),
		Title:    string(pk.title),
		Abstract: e.abstract,
		Source:   s.sources[e.source],
		Line:     int(e.line),
	}
	for b := pk.urls; len(b) > 0; {
		n, k := binary.Uvarint(b)
		p.URLs = append(p.URLs, string(b[k:k+int(n)]))
		b = b[k+int(n):]
	}
	if fromCard {
		p.card = make([]any, len(cardColumns))
		for j, c := range cardColumns {
			switch v := pk.card[j]; {
			case v == nil:
			case c.Kind == schema.Int32:
				n, _ := binary.Varint(v)
				p.card[j] = int(n)
			case c.Kind == schema.StringList:
				count, k := binary.Uvarint(v)
				list := make([]string, 0, count)
				for range count {
					n, m := binary.Uvarint(v[k:])
					list = append(list, string(v[k+m:k+m+int(n)]))
					k += m + int(n)
				}
				p.card[j] = list
			default:
				n, k := binary.Uvarint(v)
				p.card[j] = string(v[k : k+int(n)])
			}
		}
	}
	return p
}

// Change is a paper found on both sides with different content.
type Change struct {
	Old, New Paper
	Fields   []Field // what differs, in the order of schema.Columns
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
// A paper is changed when its title, abstract or URLs differ; or, when
// both copies come from a card, a field of the card, or one of its counts
// with opts.Counts (see roles). Positions (which dump, which line, which listing) are never
// compared: a paper that only moved is unchanged.
func Compare(old, new *Set, opts Options) Result {
	res := Result{Removed: []Paper{}, Added: []Paper{}, Changed: []Change{}}
	for i, e := range old.entries {
		if _, ok := new.index[e.id]; !ok {
			res.Removed = append(res.Removed, old.Paper(i))
		}
	}
	a := packed{card: make([][]byte, len(cardColumns))}
	b := packed{card: make([][]byte, len(cardColumns))}
	for j := range new.entries {
		eb := &new.entries[j]
		i, ok := old.index[eb.id]
		if !ok {
			res.Added = append(res.Added, new.Paper(j))
			continue
		}
		ea := &old.entries[i]
		cardA, cardB := old.unpack(ea, &a), new.unpack(eb, &b)
		var fields []Field
		if !bytes.Equal(a.title, b.title) {
			fields = append(fields, FieldTitle)
		}
		if ea.abstract != eb.abstract {
			fields = append(fields, FieldAbstract)
		}
		if !bytes.Equal(a.urls, b.urls) {
			fields = append(fields, FieldURLs)
		}
		if cardA && cardB {
			for k, c := range cardColumns {
				if (opts.Counts || roles[c.Name] != roleCount) && !bytes.Equal(a.card[k], b.card[k]) {
					fields = append(fields, Field(c.Name))
				}
			}
		}
		if fields == nil {
			res.Unchanged++
			continue
		}
		res.Changed = append(res.Changed, Change{Old: old.Paper(i), New: new.Paper(j), Fields: fields})
	}
	return res
}
