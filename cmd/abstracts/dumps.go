package main

import (
	"errors"
	"fmt"
	"io"
	"os"

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
	hashed         bool  // readOptions.hash holds the whole dump
}

func (d *dumpResult) valid() bool { return d.readErr == nil && d.errors == 0 }

// readDump reads the dump at path ("-" for stdin) and passes each valid
// record to emit, if not nil. An error from emit ends reading and is
// returned; a dump that cannot be read is recorded in the result.
func readDump(e env, path string, opts readOptions, emit func(*schema.Record) error) (dumpResult, error) {
	res := dumpResult{path: path}
	var in io.Reader = e.stdin
	if path != "-" {
		f, err := os.Open(path)
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
	r.Year, r.MaxErrors, r.MaxWarnings = opts.year, opts.maxErrors, opts.maxErrors
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
	res.stopped, res.diagnostics = r.Stopped(), r.Diagnostics()
	if opts.hash != nil && res.readErr == nil && !res.stopped {
		// The reader has read to the end; this only makes sure of it.
		if _, err := io.Copy(io.Discard, in); err != nil {
			res.readErr = err
		} else {
			res.hashed = true
		}
	}
	if opts.strict {
		res.promoteWarnings()
	}
	return res, nil
}

// promoteWarnings makes every warning of the result an error, as --strict
// asks: the dump is then invalid, every output format shows the severity
// as error, and the summary counts them as errors.
func (d *dumpResult) promoteWarnings() {
	promoted := make(validate.List, len(d.diagnostics))
	for i, x := range d.diagnostics {
		if x.Severity == validate.Warning {
			c := *x
			c.Severity = validate.Error
			x = &c
		}
		promoted[i] = x
	}
	d.diagnostics = promoted
	d.errors += d.warnings
	d.promoted, d.warnings = d.warnings, 0
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

// reportTrouble writes the read errors and early stops to stderr.
func reportTrouble(e env, results []dumpResult, maxErrors int) {
	for _, r := range results {
		switch {
		case r.readErr != nil:
			fmt.Fprintf(e.stderr, "abstracts: %s\n", validate.Printable(r.readErr.Error()))
		case r.stopped && maxErrors > 0 && r.errors-r.promoted >= maxErrors:
			fmt.Fprintf(e.stderr, "abstracts: %s: too many errors, stopped after %d (--max-errors)\n", validate.Printable(r.path), r.errors-r.promoted)
		}
	}
}
