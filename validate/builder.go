package validate

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// builder is what every format shares: diagnostics with their limits, the
// batch being filled, and the record builder, which turns a format's cards
// into records with the same checks, warnings and duplicate check whatever
// the format.
type builder struct {
	name        string
	year        int
	maxErrors   int
	maxWarnings int

	// listingDate is the listing day of a dump's papers that do not say
	// their own, YYYY-MM-DD: Reader.ListingDate or the page's date.
	listingDate string

	// mergeRepeats makes copies of a card that agree one record with a
	// repeated-card warning, for pages that print every card twice (the
	// trending page); otherwise a second copy is a duplicate-paper error.
	mergeRepeats bool

	seen     idSet // each paper's key (see paperKey), with the line of its first card
	copies   idSet // with mergeRepeats: each paper's key mixed with its cardDigest
	held     *heldRecord
	position int // records handed out, for cards that do not carry their own

	errors   int    // so far, for maxErrors
	warnings int    // so far, for maxWarnings
	stopped  bool   // no more reading: the end, a read error, a fatal error, or maxErrors
	batch    *batch // the batch being filled
}

func (r *builder) errorf(line, col int, code Code, format string, args ...any) {
	r.errorp("", line, col, code, format, args...)
}

// errorp reports an error at a value of a JSON input, whose JSON Pointer
// is pointer, at line:col; errorf is errorp without a pointer.
func (r *builder) errorp(pointer string, line, col int, code Code, format string, args ...any) {
	r.batch.add(Position{r.name, line, col}, Error, code, fmt.Sprintf(format, args...))
	r.batch.diags[len(r.batch.diags)-1].Pointer = pointer
	r.errors++
	if r.maxErrors > 0 && r.errors >= r.maxErrors {
		r.stopped, r.batch.cut = true, true
	}
}

func (r *builder) warnf(line, col int, code Code, format string, args ...any) {
	r.warnp("", line, col, code, format, args...)
}

// warnp reports a warning at a value of a JSON input, as errorp does.
func (r *builder) warnp(pointer string, line, col int, code Code, format string, args ...any) {
	r.warnings++
	r.batch.warnings++
	r.batch.warningsByCode[code]++
	if r.maxWarnings > 0 && r.warnings > r.maxWarnings {
		return
	}
	r.batch.add(Position{r.name, line, col}, Warning, code, fmt.Sprintf(format, args...))
	r.batch.diags[len(r.batch.diags)-1].Pointer = pointer
}

// fatalf reports an error that ends reading: the input is not a dump.
func (r *builder) fatalf(line, col int, code Code, format string, args ...any) {
	r.errorf(line, col, code, format, args...)
	r.stopped, r.batch.cut = true, true
}

// fill makes a new batch and calls step until it holds size records or
// step reports the end of the input, which finish then ends unless reading
// stopped. It returns nil once everything has been handed out. It is every
// format's parseBatch.
func (r *builder) fill(size int, step func() bool, finish func()) *batch {
	if r.stopped {
		return nil
	}
	b := &batch{recs: make([]*schema.Record, 0, size), warningsByCode: make(map[Code]int)}
	r.batch = b
	for len(b.recs) < size && !r.stopped {
		if !step() {
			if !r.stopped {
				finish()
			}
			break
		}
	}
	b.last = r.stopped
	return b
}

// card is one paper's entry as a format's reader found it: its text, what
// the entry shows besides, and where each part starts.
type card struct {
	line, col       int // where the title starts
	title           string
	abstract        string
	absLine, absCol int

	// exact says that title and abstract are each written on one line of
	// the input, character for character from col and absCol, so that a
	// problem inside them is reported at its own column; otherwise at the
	// start of the text.
	exact bool
	// titleRunes and absRunes are the lengths in characters when the
	// reader counted them already; 0 means unknown.
	titleRunes, absRunes int
	// titlePointer and absPointer are the JSON Pointers of title and
	// abstract in a JSON input, for messages.
	titlePointer, absPointer string

	// position is the paper's 1-based order in the dump when the format
	// counts papers itself (broken ones too); 0 takes the next of the
	// records handed out.
	position int
	// label and date are the paper's listing label and date.
	label, date string

	paperID      string
	upvotes      schema.NullInt
	comments     schema.NullInt
	numAuthors   schema.NullInt
	stars        schema.NullInt
	organization string
	submittedBy  string
	published    string // YYYY-MM-DD
	githubURL    string
	authors      []string
	aiSummary    string
	aiKeywords   []string
	projectPage  string

	broken      bool // an error was reported: no record
	titleBroken bool // the title's error was reported already
	absBroken   bool // the abstract's error was reported already

	// The capture styles' reading state.
	after            bool // something that follows the abstract was read
	upvoteLine       int  // where the upvotes were read, for a mismatch
	upvoteID         string
	thumbLine        int
	thumbID          string
	hasTitle         bool
	missingTitleLink bool
}

// at returns where a problem at byte offset off of s, the text of a card
// part that starts at line:col, is reported.
func (k *card) at(line, col int, s string, off int) (int, int) {
	if k.exact {
		return line, col + utf8.RuneCountInString(s[:off])
	}
	return line, col
}

// pointerNote returns " (POINTER)", the JSON Pointer of a part of a JSON
// input for a message, or "" where there is none.
func pointerNote(pointer string) string {
	if pointer == "" {
		return ""
	}
	return " (" + pointer + ")"
}

// build checks a card as every format must and hands its record out: the
// length limits of title and abstract, LaTeX remnants in the title, an
// abstract written twice, its URLs, and the duplicate check. A card that
// fails a check, or was broken already, gives no record.
func (r *builder) build(k *card) {
	broken := k.broken
	titleRunes, absRunes := k.titleRunes, k.absRunes
	if titleRunes == 0 {
		titleRunes = utf8.RuneCountInString(k.title)
	}
	if absRunes == 0 {
		absRunes = utf8.RuneCountInString(k.abstract)
	}
	if !k.titleBroken && titleRunes > schema.MaxTitleLen {
		line, col := k.line, k.col
		if k.exact {
			col += schema.MaxTitleLen
		}
		r.errorp(k.titlePointer, line, col, CodeTitleTooLong, "title%s is %d characters long, at most %d are allowed", pointerNote(k.titlePointer), titleRunes, schema.MaxTitleLen)
		broken = true
	}
	if !k.absBroken && absRunes < schema.MinAbstractLen {
		r.errorp(k.absPointer, k.absLine, k.absCol, CodeAbstractTooShort, "abstract%s is %d characters long, at least %d are expected", pointerNote(k.absPointer), absRunes, schema.MinAbstractLen)
		broken = true
	}
	if !k.absBroken && absRunes > schema.MaxAbstractLen {
		col := k.absCol
		if k.exact {
			col += schema.MaxAbstractLen
		}
		r.errorp(k.absPointer, k.absLine, col, CodeAbstractTooLong, "abstract%s is %d characters long, at most %d are allowed", pointerNote(k.absPointer), absRunes, schema.MaxAbstractLen)
		broken = true
	}
	if i := strings.IndexAny(k.title, `$\_^{}`); i >= 0 && !k.titleBroken {
		line, col := k.at(k.line, k.col, k.title, i)
		r.warnp(k.titlePointer, line, col, CodeLatexInTitle, "title%s holds a LaTeX remnant %q (kept as written)", pointerNote(k.titlePointer), k.title[i:i+1])
	}
	if broken {
		return // no record; its URLs are not worth warnings
	}
	if i := repeatsAt(k.abstract); i > 0 {
		line, col := k.at(k.absLine, k.absCol, k.abstract, i)
		from := fmt.Sprintf("character %d", utf8.RuneCountInString(k.abstract[:i])+1)
		if k.exact {
			from = fmt.Sprintf("column %d", col)
		}
		r.warnp(k.absPointer, line, col, CodeRepeatedAbstract, "abstract%s repeats itself: the text from %s is a second copy of the first %d characters",
			pointerNote(k.absPointer), from, utf8.RuneCountInString(k.abstract[i:]))
	}
	found, bad := findURLs(k.abstract)
	urls := make([]string, 0, len(found))
	for _, f := range found {
		if f.debris != "" {
			line, col := k.at(k.absLine, k.absCol, k.abstract, f.offset)
			r.warnp(k.absPointer, line, col, CodeHrefDebris, "URL glued to \\href remnant %s; cleaned to %s", quote(f.debris), f.url)
		}
		if !contains(urls, f.url) {
			urls = append(urls, f.url)
		}
	}
	for _, f := range bad {
		line, col := k.at(k.absLine, k.absCol, k.abstract, f.offset)
		r.warnp(k.absPointer, line, col, CodeMalformedURL, "%s is not a usable URL; left out of urls", quote(f.url))
	}
	repo := githubRepo([]string{k.githubURL})
	if repo == "" {
		repo = githubRepo(urls)
	}
	numAuthors := k.numAuthors
	if k.authors != nil && !numAuthors.Valid {
		numAuthors = schema.Int(len(k.authors))
	}
	rec := &schema.Record{
		ID:            schema.TitleID(k.title),
		Title:         k.title,
		Abstract:      k.abstract,
		Position:      k.position,
		ListingLabel:  k.label,
		ListingDate:   k.date,
		URLs:          urls,
		GitHubRepo:    repo,
		Source:        r.name,
		Line:          k.line,
		PaperID:       k.paperID,
		PublishedDate: k.published,
		Upvotes:       k.upvotes,
		Comments:      k.comments,
		NumAuthors:    numAuthors,
		Organization:  k.organization,
		SubmittedBy:   k.submittedBy,
		GitHubStars:   k.stars,
		Authors:       k.authors,
		AISummary:     k.aiSummary,
		AIKeywords:    k.aiKeywords,
		ProjectPage:   k.projectPage,
	}
	r.emit(rec, k.col)
}

// heldRecord is a complete record not yet handed out, kept to merge a copy
// of it, with what identifies its copies.
type heldRecord struct {
	rec    *schema.Record
	key    uint64
	digest uint64
}

// paperKey returns what identifies a paper in a dump: its id on the site
// where the dump gives one, else the title's id.
func paperKey(rec *schema.Record) uint64 {
	if rec.PaperID == "" {
		key, _ := strconv.ParseUint(rec.ID, 16, 64) // TitleID is always 16 hex digits
		return key
	}
	h := fnv.New64a()
	h.Write([]byte(rec.PaperID))
	return h.Sum64()
}

// emit checks that rec's paper was not handed out before, and hands rec
// out. With mergeRepeats, a copy of the card just before it merges into
// that card's record, which is held until the next card, and an identical
// copy of an earlier card is dropped; both with a warning.
func (r *builder) emit(rec *schema.Record, col int) {
	key := paperKey(rec)
	if !r.mergeRepeats {
		if first, dup := r.seen.add(key, rec.Line); dup {
			if rec.PaperID != "" {
				r.errorf(rec.Line, col, CodeDuplicatePaper, "paper %s appears twice: same paper as line %d", rec.PaperID, first)
			} else {
				r.errorf(rec.Line, col, CodeDuplicatePaper, "paper appears twice: same title as line %d (id %s)", first, rec.ID)
			}
			return
		}
		r.handOut(rec)
		return
	}
	digest := cardDigest(rec)
	if h := r.held; h != nil && h.key == key && h.digest == digest {
		r.warnf(rec.Line, 1, CodeRepeatedCard, "card of line %d printed again; one record kept, with this copy's counts", h.rec.Line)
		mergeCounts(h.rec, rec)
		return
	}
	if first, dup := r.seen.add(key, rec.Line); dup {
		if _, same := r.copies.add(key^mixID(digest), rec.Line); same {
			r.warnf(rec.Line, 1, CodeRepeatedCard, "card of line %d printed again; one record kept, with the first copy's counts", first)
			return
		}
		id := rec.PaperID
		if id == "" {
			id = rec.ID
		}
		r.errorf(rec.Line, 1, CodeDuplicatePaper, "paper %s appears twice with different text: this card and the card of line %d differ in more than their counts", id, first)
		return
	}
	r.copies.add(key^mixID(digest), rec.Line)
	r.flush()
	r.held = &heldRecord{rec: rec, key: key, digest: digest}
}

// flush hands the held record out.
func (r *builder) flush() {
	if r.held != nil {
		r.handOut(r.held.rec)
		r.held = nil
	}
}

// handOut adds rec to the batch, numbered if its card did not number it.
func (r *builder) handOut(rec *schema.Record) {
	r.position++
	if rec.Position == 0 {
		rec.Position = r.position
	}
	r.batch.recs = append(r.batch.recs, rec)
}

// mergeCounts gives dst the counts of the later copy src, where src has
// them: they change by the minute.
func mergeCounts(dst, src *schema.Record) {
	for _, f := range []struct{ d, s *schema.NullInt }{
		{&dst.Upvotes, &src.Upvotes}, {&dst.Comments, &src.Comments}, {&dst.GitHubStars, &src.GitHubStars},
	} {
		if f.s.Valid {
			*f.d = *f.s
		}
	}
}

// cardDigest hashes what copies of a card must agree on: everything but
// the counts and the position.
func cardDigest(r *schema.Record) uint64 {
	h := fnv.New64a()
	for _, s := range []string{r.Title, r.Abstract, r.PaperID, r.PublishedDate, r.Organization, r.SubmittedBy,
		r.GitHubRepo, strconv.Itoa(r.NumAuthors.Int), strconv.FormatBool(r.NumAuthors.Valid),
		strings.Join(r.Authors, "\x00"), r.AISummary, strings.Join(r.AIKeywords, "\x00"), r.ProjectPage} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum64()
}
