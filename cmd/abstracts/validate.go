package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/abstracts-dev/abstracts/validate"
)

func runValidate(e env, args []string) error {
	fs := newFlags("validate")
	format := newChoiceFlag(fs, "output-format", reporterNames, "diagnostics as `text`, json, github (workflow commands), sarif (SARIF 2.1.0) or junit (JUnit XML)")
	year := newYearFlag(fs, yearUsage)
	style := newStyleFlag(fs)
	listingDate := newListingDateFlag(fs)
	maxErrors := newCountFlag(fs, "max-errors", 100, "stop reading a dump after `N` errors, and keep at most N warnings (0: no limit)")
	quiet := fs.BoolP("quiet", "q", false, "show no progress bar, even on a terminal")
	strict := fs.Bool("strict", false, "count warnings as errors: a dump with a warning is invalid")
	if done, err := parseFlags(e, fs, args); done {
		return err
	}
	switch {
	case fs.NArg() == 0:
		return usagef("no dump given (a path, or - for standard input)")
	case countStdin(fs.Args()) > 1:
		return usagef("standard input (-) can be read only once")
	}
	opts := readOptions{year: *year, style: *style, listingDate: listingDate, maxErrors: *maxErrors, strict: *strict, progress: newProgress(e, fs.Args(), *quiet)}
	var results []dumpResult
	for _, path := range fs.Args() {
		res, _ := readDump(e, path, opts, nil) // no emit, no emit error
		results = append(results, res)
	}
	opts.progress.done()
	if err := reporters[*format](e.stdout, results); err != nil {
		return err
	}
	writeNotShown(e.stderr, results, showAll)
	fmt.Fprintln(e.stderr, summary(results))
	return resultsError(results)
}

// reporterNames are the values of validate's --output-format, the default
// first.
var reporterNames = []string{"text", "json", "github", "sarif", "junit"}

// reporters write the diagnostics of validate in each --output-format.
var reporters = map[string]func(io.Writer, []dumpResult) error{
	"text":   writeText,
	"json":   writeJSON,
	"github": writeGitHub,
	"sarif":  writeSARIF,
	"junit":  writeJUnit,
}

// writeText writes one "PATH:LINE:COLUMN: severity: MESSAGE [CODE]" line per
// diagnostic. On a terminal (see colorTerminal) each line is in color and
// followed by its source line and a caret under the column.
func writeText(w io.Writer, results []dumpResult) error {
	if f, ok := colorTerminal(w); ok {
		return writeExcerpts(f, results)
	}
	for _, r := range results {
		for _, d := range r.diagnostics {
			if _, err := fmt.Fprintln(w, d.Error()); err != nil {
				return err
			}
		}
	}
	return nil
}

type jsonReport struct {
	Valid   bool       `json:"valid"`
	Dumps   []jsonDump `json:"dumps"`
	Summary string     `json:"summary"`
}

// jsonListing is what a dump says of the page it was captured from
// (validate.Listing), as the JSON report and the exports' metadata give it.
type jsonListing struct {
	Style       string `json:"style"`
	Kind        string `json:"kind,omitempty"`
	URL         string `json:"url,omitempty"`
	Query       string `json:"query,omitempty"`
	CaptureDate string `json:"capture_date,omitempty"`
	Label       string `json:"label,omitempty"`
	Date        string `json:"date,omitempty"`
}

func listingJSON(l validate.Listing) *jsonListing {
	return &jsonListing{Style: l.Style.String(), Kind: l.Kind, URL: l.URL, Query: l.Query,
		CaptureDate: l.CaptureDate, Label: l.Label, Date: l.Date}
}

type jsonDump struct {
	Path        string           `json:"path"`
	Valid       bool             `json:"valid"`
	Records     int              `json:"records"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Stopped     bool             `json:"stopped"`
	ReadError   string           `json:"read_error,omitempty"`
	Listing     *jsonListing     `json:"listing,omitempty"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	// What is not in Diagnostics (see dumpResult.notShown), when something
	// is left out.
	ErrorsNotShown   int    `json:"errors_not_shown,omitempty"`
	WarningsNotShown int    `json:"warnings_not_shown,omitempty"`
	NotShown         string `json:"not_shown,omitempty"`
}

type jsonDiagnostic struct {
	File     string            `json:"file"`
	Line     int               `json:"line"`
	Column   int               `json:"column"`
	Severity validate.Severity `json:"severity"`
	Code     validate.Code     `json:"code"`
	Message  string            `json:"message"`
	// Pointer is the JSON Pointer of the value at fault in a JSON input
	// (a Papers API response or a saved page's data).
	Pointer string `json:"pointer,omitempty"`
}

// writeJSON writes one JSON document describing every dump.
func writeJSON(w io.Writer, results []dumpResult) error {
	rep := jsonReport{Valid: true, Dumps: []jsonDump{}, Summary: summary(results)}
	for _, r := range results {
		d := jsonDump{Path: r.path, Valid: r.valid(), Records: r.records, Errors: r.errors,
			Warnings: r.warnings, Stopped: r.stopped, Diagnostics: []jsonDiagnostic{},
			ErrorsNotShown: r.errorsNotShown, WarningsNotShown: r.warningsNotShown, NotShown: r.notShown(showAll)}
		if r.readErr != nil {
			d.ReadError = r.readErr.Error()
		} else {
			d.Listing = listingJSON(r.listing)
		}
		for _, x := range r.diagnostics {
			d.Diagnostics = append(d.Diagnostics, jsonDiagnostic{x.Pos.File, x.Pos.Line, x.Pos.Column, x.Severity, x.Code, x.Message, x.Pointer})
		}
		rep.Valid = rep.Valid && d.Valid
		rep.Dumps = append(rep.Dumps, d)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// writeGitHub writes GitHub Actions workflow commands, which the Actions UI
// shows as annotations on the dump's lines: one per diagnostic, an error
// for a dump that could not be read, and a notice for a dump whose
// diagnostics are not all shown.
func writeGitHub(w io.Writer, results []dumpResult) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		file := githubProperty(validate.Printable(r.path))
		for _, d := range r.diagnostics {
			fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", d.Severity,
				githubProperty(validate.Printable(d.Pos.File)), d.Pos.Line, d.Pos.Column, githubProperty(string(d.Code)), githubData(d.Message))
		}
		if r.readErr != nil {
			fmt.Fprintf(bw, "::error file=%s,title=unreadable-dump::%s\n", file, githubData(validate.Printable(r.readErr.Error())))
		}
		if note := r.notShown(showAll); note != "" {
			fmt.Fprintf(bw, "::notice file=%s,title=not-all-shown::%s\n", file, githubData(note))
		}
	}
	return bw.Flush() // a bufio.Writer keeps the first write error
}

var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func githubData(s string) string     { return githubDataEscaper.Replace(s) }
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }
