package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/abstracts-dev/abstracts/internal/report"
	"github.com/abstracts-dev/abstracts/internal/stats"
	"github.com/abstracts-dev/abstracts/internal/version"
)

func runReport(e env, args []string) error {
	fs := newFlags("report")
	out := fs.String("out", "", "write the HTML page to `FILE` (- for standard output)")
	year := newYearFlag(fs, yearUsage)
	style := newStyleFlag(fs)
	listingDate := newListingDateFlag(fs)
	maxErrors := newCountFlag(fs, "max-errors", 100, "stop reading a dump after `N` errors (0: no limit)")
	quiet := fs.BoolP("quiet", "q", false, "show no progress bar, even on a terminal")
	if done, err := parseFlags(e, fs, args); done {
		return err
	}
	switch {
	case *out == "":
		return usagef("no --out file given")
	case fs.NArg() == 0:
		return usagef("no dump given (a path, or - for standard input)")
	case countStdin(fs.Args()) > 1:
		return usagef("standard input (-) can be read only once")
	}
	progress := newProgress(e, fs.Args(), *quiet)
	s := stats.New()
	var results []dumpResult
	var dumps []report.Dump
	for i, path := range fs.Args() {
		h := sha256.New()
		res := readStatsDump(e, s, path, i, readOptions{year: *year, style: *style, listingDate: listingDate, maxErrors: *maxErrors,
			progress: progress, hash: h})
		d := report.Dump{Style: res.listing.Style.String(), Kind: res.listing.Kind, Diagnostics: excerpts(res)}
		if res.hashed {
			d.SHA256 = hex.EncodeToString(h.Sum(nil))
		}
		results, dumps = append(results, res), append(dumps, d)
	}
	progress.done()
	in := report.Input{Stats: s.Report(statsDumps(results)), Dumps: dumps, Summary: summary(results),
		Version: version.Version, DocsURL: diagnosticsDoc}
	if err := writeReport(e, *out, in); err != nil {
		return err
	}
	writeNotShown(e.stderr, results, showAll)
	fmt.Fprintln(e.stderr, summary(results))
	return resultsError(results)
}

// excerpts returns the diagnostics of r with the source lines they point
// at, read again from the dump (see sourceLines), as the terminal view
// shows them.
func excerpts(r dumpResult) []report.Diagnostic {
	lines := sourceLines(r)
	out := make([]report.Diagnostic, len(r.diagnostics))
	for i, d := range r.diagnostics {
		out[i].Diagnostic = d
		if _, ok := lines[d.Pos.Line]; ok {
			_, out[i].Source, _ = strings.Cut(d.Caret(lines, false), "\n")
		}
	}
	return out
}

// writeReport writes the page to path, "-" for standard output. A file is
// written beside path and renamed over it once complete, so that path
// never holds half a page.
func writeReport(e env, path string, in report.Input) error {
	if path == "-" {
		return report.Write(e.stdout, in)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	err = report.Write(f, in)
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp's 0600 is for secrets; a report is not one
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("write %s: %w", path, err), removeIfExists(f.Name()))
	}
	return nil
}

// removeIfExists removes the file at path, if there is one.
func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
