// Package validate reads abstract dumps strictly: bytes in, validated
// records out. A Reader turns a dump (page chrome, a date line, then title
// and abstract paragraphs) into schema.Records, checks each against the
// record JSON Schema, and reports every problem as a Diagnostic with a
// position and a stable Code. Besides the plain-text copy of the page it
// reads today's captures of it, Markdown scrapes and NotebookLM exports
// (see Style), with what their cards show: upvotes, comments, authors,
// organization, publication date and more. Harmless variation (CRLF, a byte-order mark,
// trailing white space, extra blank lines) is accepted and normalized with a
// warning; anything that could become a wrong record is an error.
//
// Diagnostic.Error is the one-line form editors and CI read;
// Diagnostic.Caret adds the source line and a caret under the column, for a
// person. Guard lets a program that reads its input twice stop the first
// pass where the Reader would give up.
package validate

import (
	"fmt"
	"io"
	"sync"

	"github.com/abstracts-dev/abstracts/schema"
)

// DefaultMaxLineBytes is the longest line a Reader accepts unless told
// otherwise: room for the longest abstract the schema allows in any UTF-8
// text, with margin, while keeping memory bounded.
const DefaultMaxLineBytes = 64 << 10

// batchSize is how many records the parser hands to a schema check at a
// time: enough to make the hand-over cheap, few enough (some 100 KB of
// text) that batches in flight cost little memory.
const batchSize = 64

// A Reader reads records from an abstract dump.
//
// Its fields set limits and may be changed before the first call to Read;
// their zero values are the strict defaults.
//
// Parsing runs on the goroutine that calls Read, or, when Concurrency is
// more than one, on a goroutine of its own, with the schema checks spread
// over Concurrency more. Records and diagnostics come out in the same order
// either way. A Reader with the zero Concurrency starts no goroutine and
// needs no Close.
type Reader struct {
	// Year, when not zero, turns listing labels such as "Mar 14" into
	// listing dates ("2024-03-14"); a day the year does not have is an
	// error. When zero, records of a plain-text dump have no listing date;
	// a capture that carries its own date (front matter retrieved: or
	// exported:, or a /papers/date/ URL) gives the year instead, and also
	// dates a card's "May 29" without a year. Search and trending pages
	// have no listing date whatever the year: their date line is the day of
	// the capture.
	Year int

	// MaxLineBytes is the longest line accepted, in bytes without the line
	// ending; zero means DefaultMaxLineBytes. A longer line is reported as
	// line-too-long and skipped without being held in memory.
	MaxLineBytes int

	// MaxErrors stops reading after this many errors; zero means no limit.
	MaxErrors int

	// MaxWarnings bounds how many warnings are kept in Diagnostics; more are
	// counted by Warnings but not kept. Zero means no limit.
	MaxWarnings int

	// Concurrency is how many goroutines check records against the schema.
	// Zero or one means none: everything runs on the goroutine that calls
	// Read. With more, runtime.GOMAXPROCS(0) for a large dump say, the
	// Reader starts Concurrency+1 goroutines, which stop when Read returns
	// io.EOF or an error, or at Close: a Reader that is left before then
	// must be closed, or they leak.
	Concurrency int

	// Strict counts warnings as errors, as `abstracts validate --strict`
	// does: each is kept with severity Error, counted by Errors instead of
	// Warnings, and returned by Err, so that a dump with a warning is
	// invalid. WarningsByCode still counts them by code. MaxErrors counts
	// only the errors found as such, and MaxWarnings still bounds how many of
	// the warnings are kept.
	Strict bool

	// ListingDate, YYYY-MM-DD, is the listing day of the papers of a
	// Papers API response or saved page that do not name their own (the
	// API's responses before 2025 have no submittedOnDailyAt); an item that
	// names another day is an error. Other formats ignore it: their listing
	// date comes from their date line and Year.
	ListingDate string

	// Style is the dump's capture style; StyleAuto, the zero value, detects
	// it from the first lines (see Style).
	Style Style

	// firstOnly makes batches of one record, for a Reader that stops at
	// the first (ReadListing).
	firstOnly bool

	parser  *parser
	source  *styled // the format's reader
	listing Listing
	cur     *batch // the batch Read hands records out of
	next    int    // the index of the next record of cur

	// pipeline, when Concurrency > 1
	pending chan *batch // parsed batches, in order
	quit    chan struct{}
	wg      sync.WaitGroup

	diags          List
	errors         int
	warnings       int
	warningsByCode map[Code]int
	records        int
	cut            bool  // stopped before the end of the input
	done           bool  // io.EOF or a read error was returned
	err            error // the read error
}

// batch is a run of records as the parser found them, with the diagnostics
// found while parsing them; the schema check then clears the records that
// fail it and adds its own diagnostics.
type batch struct {
	recs           []*schema.Record
	diags          List   // the parser's, in the order found
	before         []int  // for each of diags, how many records came before it
	recDiags       []List // the schema check's, by record
	warnings       int    // including those not kept
	warningsByCode map[Code]int
	cut            bool     // parsing stopped early after this batch
	last           bool     // no batch follows
	err            error    // a read error ended parsing
	listing        *Listing // the listing as known after this batch
	checked        chan struct{}
}

// add records a diagnostic of the parser.
func (b *batch) add(pos Position, sev Severity, code Code, msg string) {
	b.diags.Add(pos, sev, code, msg)
	b.before = append(b.before, len(b.recs))
}

// NewReader returns a Reader that reads the dump r. name is the dump's path
// as the user gave it ("-" for standard input); it is used in positions and
// as the records' source.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{parser: &parser{builder: builder{name: name}, src: r}}
}

// Read returns the next valid record of the dump. At the end of the dump it
// returns io.EOF, whether the dump was valid or not: problems are reported
// through Diagnostics, not as errors of Read. Any other error is a failure
// to read the input, and ends reading.
//
// A record is returned only once the paragraph after it has been read, so a
// record cut in two by a blank line is never returned. A dump as a whole is
// valid only if Err returns nil after Read has returned io.EOF.
func (r *Reader) Read() (*schema.Record, error) {
	for {
		if r.cur != nil {
			for r.next < len(r.cur.recs) {
				rec := r.cur.recs[r.next]
				r.next++
				if rec != nil {
					r.records++
					return rec, nil
				}
			}
		}
		if r.done {
			if r.err != nil {
				return nil, r.err
			}
			return nil, io.EOF
		}
		r.take(r.nextBatch())
	}
}

// nextBatch returns the next checked batch, or nil when there is none.
func (r *Reader) nextBatch() *batch {
	if r.pending == nil && r.parser.batch == nil {
		r.start()
	}
	if r.pending == nil {
		size := batchSize
		if r.firstOnly {
			size = 1
		}
		b := r.source.parseBatch(size)
		if b != nil {
			check(b)
		}
		return b
	}
	b, ok := <-r.pending
	if !ok {
		return nil
	}
	<-b.checked
	return b
}

// take makes b the batch to hand records out of, and keeps its
// diagnostics in the order a sequential reader finds them: for each record,
// the parser's diagnostics up to it, then the schema's about it. When
// MaxErrors is reached, the records from there on are dropped, and so is
// everything after.
func (r *Reader) take(b *batch) {
	r.cur, r.next = b, 0
	if b == nil {
		r.done = true
		return
	}
	r.warnings += b.warnings
	if b.listing != nil {
		r.listing = *b.listing
	}
	for code, n := range b.warningsByCode {
		if r.warningsByCode == nil {
			r.warningsByCode = make(map[Code]int)
		}
		r.warningsByCode[code] += n
	}
	i := 0
	for k := 0; k <= len(b.recs) && !r.cut; k++ {
		for ; i < len(b.diags) && b.before[i] == k && !r.cut; i++ {
			r.keep(b.diags[i])
		}
		if k < len(b.recs) && b.recDiags != nil {
			for _, d := range b.recDiags[k] {
				if !r.cut {
					r.keep(d)
				}
			}
		}
		if r.cut {
			b.recs, b.last = b.recs[:k], true
		}
	}
	r.cut = r.cut || b.cut
	if b.err != nil {
		r.err = b.err
	}
	if b.last {
		r.done = true
		r.Close()
	}
}

// keep adds a diagnostic to the Reader's, as an error if it is a warning
// and Strict is set, and notes when MaxErrors is reached.
func (r *Reader) keep(d *Diagnostic) {
	switch {
	case d.Severity == Error:
		r.errors++
		r.cut = r.MaxErrors > 0 && r.errors >= r.MaxErrors
	case r.Strict:
		promoted := *d
		promoted.Severity = Error
		d = &promoted
	}
	r.diags = append(r.diags, d)
}

// start configures the parser from the Reader's fields and, with
// Concurrency above one, starts the pipeline: the parser on one goroutine,
// the schema checks on Concurrency others.
func (r *Reader) start() {
	p := r.parser
	p.year, p.maxErrors, p.maxWarnings = r.Year, r.MaxErrors, r.MaxWarnings
	p.listingDate = r.ListingDate
	p.maxLineBytes = r.MaxLineBytes
	if p.maxLineBytes <= 0 {
		p.maxLineBytes = DefaultMaxLineBytes
	}
	r.source = newStyled(p, r.Style)
	workers := r.Concurrency
	if workers <= 1 {
		p.batch = &batch{} // started, sequential
		return
	}
	// Bounded queues: at most 2*workers batches are parsed ahead.
	r.pending = make(chan *batch, 2*workers)
	jobs := make(chan *batch, 2*workers)
	quit := make(chan struct{})
	r.quit = quit
	r.wg.Add(1 + workers)
	go func() {
		defer r.wg.Done()
		defer close(r.pending)
		defer close(jobs)
		for {
			b := r.source.parseBatch(batchSize)
			if b == nil {
				return
			}
			b.checked = make(chan struct{})
			select {
			case jobs <- b:
			case <-quit:
				return
			}
			select {
			case r.pending <- b:
			case <-quit:
				return
			}
		}
	}()
	for range workers {
		go func() {
			defer r.wg.Done()
			for b := range jobs {
				check(b)
				close(b.checked)
			}
		}()
	}
}

// Close stops the goroutines a Reader started, if any. It is needed only
// with Concurrency above one, when reading stops before Read returns io.EOF
// or an error; it always returns nil.
func (r *Reader) Close() error {
	if r.quit != nil {
		close(r.quit)
		for range r.pending { // let the parser see quit if it is sending
		}
		r.wg.Wait()
		r.quit = nil
	}
	r.done = true
	return nil
}

// check checks every record of b against the schema, clearing those that
// fail it and reporting each broken rule at the record's title.
func check(b *batch) {
	for i, rec := range b.recs {
		err := schema.Validate(rec.Map())
		if err == nil {
			continue
		}
		if b.recDiags == nil {
			b.recDiags = make([]List, len(b.recs))
		}
		for _, v := range schema.Violations(err) {
			b.recDiags[i].Add(Position{rec.Source, rec.Line, 1}, Error, CodeSchemaViolation,
				fmt.Sprintf("record at line %d: %s: %s", rec.Line, pointer(v.Pointer), v.Message))
		}
		b.recs[i] = nil
	}
}

// Diagnostics returns the errors and warnings found so far, sorted by
// position.
func (r *Reader) Diagnostics() List {
	r.diags.Sort()
	return r.diags
}

// Err returns the errors found so far, sorted by position, as a List that
// holds only errors (with Strict, the warnings too, as errors), or nil if
// there were none. Warnings alone are not an error: see Diagnostics.
func (r *Reader) Err() error {
	var errs List
	for _, d := range r.Diagnostics() {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Errors returns how many errors were found so far; with Strict, the
// warnings too, including those not kept because of MaxWarnings.
func (r *Reader) Errors() int {
	if r.Strict {
		return r.errors + r.warnings
	}
	return r.errors
}

// Warnings returns how many warnings were found so far, including those not
// kept because of MaxWarnings; with Strict, none: they are errors.
func (r *Reader) Warnings() int {
	if r.Strict {
		return 0
	}
	return r.warnings
}

// WarningsByCode returns how many warnings of each code were found so far,
// including those not kept because of MaxWarnings. The caller must not
// modify the map.
func (r *Reader) WarningsByCode() map[Code]int { return r.warningsByCode }

// Listing describes the page the dump was captured from: its style, and
// what its front matter and chrome say (URL, kind, search query, capture
// date, listing date). It is complete once Read has returned the first
// record or io.EOF; before that it holds what is known so far.
func (r *Reader) Listing() Listing { return r.listing }

// Records returns how many valid records Read has returned.
func (r *Reader) Records() int { return r.records }

// Stopped reports whether reading stopped before the end of the input,
// because of MaxErrors or because the input is not a text dump.
func (r *Reader) Stopped() bool { return r.cut }
