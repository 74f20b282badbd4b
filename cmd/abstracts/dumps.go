package main

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

// readOptions are the reader settings the flags choose.
type readOptions struct {
	year      int
	maxErrors int       // per dump; also bounds the warnings kept; 0 = no limit
	progress  *progress // advanced by what is read; nil shows nothing
	interrupt *interruption
	strict    bool // warnings count as errors (--strict)
	style     validate.Style
	// listingDate dates the API items that do not say their listing day
	// (--listing-date); nil for none.
	listingDate *listingDateFlag
	// hash, if not nil, is written every byte of a dump that is read to
	// its end, as it is read; a dump whose reading stops early (see
	// dumpResult.hashed) leaves a prefix in it.
	hash io.Writer
}

// dumpResult is what reading one dump found.
type dumpResult struct {
	path           string
	records        int
	errors         int
	warnings       int
	warningsByCode map[validate.Code]int // all warnings found, kept or not
	stopped        bool                  // reading stopped early: --max-errors, or not a text dump
	diagnostics    validate.List
	readErr        error // the dump could not be opened or read
	promoted       int   // warnings counted in errors (--strict)

	// What is not shown: reading stopped at --max-errors, and the errors
	// and warnings counted but not kept in diagnostics.
	cutByMaxErrors                   bool
	errorsNotShown, warningsNotShown int

	hashed  bool             // readOptions.hash holds the whole dump
	listing validate.Listing // the page the dump was captured from, as far as it says
}

func (d *dumpResult) valid() bool { return d.readErr == nil && d.errors == 0 }

// readDump reads the dump at path ("-" for stdin) and passes each valid
// record to emit, if not nil. An error from emit ends reading and is
// returned; a dump that cannot be read is recorded in the result.
func readDump(e env, path string, opts readOptions, emit func(*schema.Record) error) (dumpResult, error) {
	res := dumpResult{path: path}
	listingDate, err := opts.listingDate.forDump(path)
	if err != nil {
		res.readErr = err
		return res, nil
	}
	var in io.Reader = e.stdin
	if path != "-" {
		f, err := openDump(path)
		if err != nil {
			res.readErr = err
			return res, nil
		}
		defer f.Close() // read-only; a close error cannot lose data
		in = f
	}
	if opts.hash != nil {
		in = io.TeeReader(in, opts.hash)
	}
	r := validate.NewReader(opts.interrupt.reader(opts.progress.reader(in)), path)
	defer r.Close() // stops its goroutines if emit fails
	r.Year, r.MaxErrors, r.MaxWarnings, r.Strict, r.Style = opts.year, opts.maxErrors, opts.maxErrors, opts.strict, opts.style
	r.ListingDate = listingDate
	r.Concurrency = runtime.GOMAXPROCS(0)
	if e.sequential {
		r.Concurrency = 1
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.readErr = err
			break
		}
		if emit == nil {
			continue
		}
		if err := emit(rec); err != nil {
			return res, err
		}
	}
	res.records, res.errors, res.warnings = r.Records(), r.Errors(), r.Warnings()
	res.warningsByCode = r.WarningsByCode()
	res.stopped, res.diagnostics, res.listing = r.Stopped(), r.Diagnostics(), r.Listing()
	res.cutByMaxErrors = res.stopped && opts.maxErrors > 0 && res.errors >= opts.maxErrors
	shownErrors := res.diagnostics.Errors()
	res.errorsNotShown = res.errors - shownErrors
	res.warningsNotShown = res.warnings - (len(res.diagnostics) - shownErrors)
	if opts.hash != nil && res.readErr == nil && !res.stopped {
		// The reader has read to the end; this only makes sure of it.
		if _, err := io.Copy(io.Discard, in); err != nil {
			res.readErr = err
		} else {
			res.hashed = true
		}
	}
	if opts.strict {
		for _, n := range res.warningsByCode {
			res.promoted += n
		}
	}
	return res, nil
}

// summary is the one line that goes to standard error at the end.
func summary(results []dumpResult) string {
	invalid, errs, warns := 0, 0, 0
	for _, r := range results {
		if !r.valid() {
			invalid++
		}
		errs += r.errors
		warns += r.warnings
	}
	return fmt.Sprintf("%s, %d invalid, %s, %s", plural(len(results), "dump"), invalid, plural(errs, "error"), plural(warns, "warning"))
}

// exitStatus is 2 if a dump could not be read, else 1 if one is invalid.
func exitStatus(results []dumpResult) int {
	status := exitOK
	for _, r := range results {
		switch {
		case r.readErr != nil:
			return exitTrouble
		case !r.valid():
			status = exitInvalid
		}
	}
	return status
}

// resultsError returns what ends a command that read results: nil if every
// dump is valid, else an exitError with exitStatus(results) and the errors
// of the dumps that could not be read.
func resultsError(results []dumpResult) error {
	status := exitStatus(results)
	if status == exitOK {
		return nil
	}
	var errs []error
	for _, r := range results {
		if r.readErr != nil {
			errs = append(errs, r.readErr)
		}
	}
	return withStatus(status, errors.Join(errs...))
}

// notShown says what of r's diagnostics is not shown, and how to see it
// all (show, such as "--max-errors 0 shows all"); "" if nothing is left
// out.
func (d *dumpResult) notShown(show string) string {
	var parts []string
	if d.cutByMaxErrors {
		parts = append(parts, fmt.Sprintf("stopped after %s, the rest of the dump was not read", plural(d.errors-d.promoted, "error")))
	}
	if d.errorsNotShown > 0 {
		parts = append(parts, fmt.Sprintf("%d more %s not shown", d.errorsNotShown, pluralWord(d.errorsNotShown, "error")))
	}
	if d.warningsNotShown > 0 {
		parts = append(parts, fmt.Sprintf("%d more %s not shown", d.warningsNotShown, pluralWord(d.warningsNotShown, "warning")))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + " (" + show + ")"
}

// showAll is how validate and export say which flag shows what a
// dumpResult.notShown left out.
const showAll = "--max-errors 0 shows all"

// writeNotShown writes to w, for each dump of results with diagnostics not
// shown, a line saying what was left out and how to show it.
func writeNotShown(w io.Writer, results []dumpResult, show string) {
	for _, r := range results {
		if note := r.notShown(show); note != "" {
			fmt.Fprintf(w, "abstracts: %s: %s\n", validate.Printable(r.path), note)
		}
	}
}
