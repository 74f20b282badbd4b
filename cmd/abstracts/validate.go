package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/abstracts-dev/abstracts/validate"
)

func runValidate(e env, args []string) int {
	fs := newFlags("validate")
	format := fs.String("output-format", "text", "diagnostics as `text`, json, github (workflow commands), sarif (SARIF 2.1.0) or junit (JUnit XML)")
	year := fs.Int("year", 0, "turn listing labels into dates of this `YYYY`")
	styleName := styleFlag(fs)
	maxErrors := fs.Int("max-errors", 100, "stop reading a dump after `N` errors, and keep at most N warnings (0: no limit)")
	quiet := fs.BoolP("quiet", "q", false, "show no progress bar, even on a terminal")
	strict := fs.Bool("strict", false, "count warnings as errors: a dump with a warning is invalid")
	if code := parseFlags(e, fs, args); code >= 0 {
		return code
	}
	style, styleErr := checkStyle(*styleName)
	write, ok := reporters[*format]
	switch {
	case !ok:
		return usageError(e, "validate", "unknown --output-format %q (want text, json, github, sarif or junit)", *format)
	case fs.NArg() == 0:
		return usageError(e, "validate", "no dump given (a path, or - for standard input)")
	case checkYear(*year) != nil:
		return usageError(e, "validate", "%v", checkYear(*year))
	case styleErr != nil:
		return usageError(e, "validate", "%v", styleErr)
	case countStdin(fs.Args()) > 1:
		return usageError(e, "validate", "standard input (-) can be read only once")
	case *maxErrors < 0:
		return usageError(e, "validate", "--max-errors must be 0 or more")
	}
	opts := readOptions{year: *year, style: style, maxErrors: *maxErrors, strict: *strict, progress: newProgress(e, fs.Args(), *quiet)}
	var results []dumpResult
	for _, path := range fs.Args() {
		res, _ := readDump(e, path, opts, nil) // no emit, no emit error
		results = append(results, res)
	}
	opts.progress.done()
	if err := write(e.stdout, results); err != nil {
		fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
		return exitTrouble
	}
	reportTrouble(e, results, *maxErrors)
	fmt.Fprintln(e.stderr, summary(results))
	return exitStatus(results)
}

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

type jsonDump struct {
	Path        string           `json:"path"`
	Valid       bool             `json:"valid"`
	Records     int              `json:"records"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Stopped     bool             `json:"stopped"`
	ReadError   string           `json:"read_error,omitempty"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	File     string            `json:"file"`
	Line     int               `json:"line"`
	Column   int               `json:"column"`
	Severity validate.Severity `json:"severity"`
	Code     validate.Code     `json:"code"`
	Message  string            `json:"message"`
}

// writeJSON writes one JSON document describing every dump.
func writeJSON(w io.Writer, results []dumpResult) error {
	rep := jsonReport{Valid: true, Dumps: []jsonDump{}, Summary: summary(results)}
	for _, r := range results {
		d := jsonDump{Path: r.path, Valid: r.valid(), Records: r.records, Errors: r.errors,
			Warnings: r.warnings, Stopped: r.stopped, Diagnostics: []jsonDiagnostic{}}
		if r.readErr != nil {
			d.ReadError = r.readErr.Error()
		}
		for _, x := range r.diagnostics {
			d.Diagnostics = append(d.Diagnostics, jsonDiagnostic{x.Pos.File, x.Pos.Line, x.Pos.Column, x.Severity, x.Code, x.Message})
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
// shows as annotations on the dump's lines.
func writeGitHub(w io.Writer, results []dumpResult) error {
	for _, r := range results {
		for _, d := range r.diagnostics {
			_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", d.Severity,
				githubProperty(validate.Printable(d.Pos.File)), d.Pos.Line, d.Pos.Column, githubProperty(string(d.Code)), githubData(d.Message))
			if err != nil {
				return err
			}
		}
	}
	return nil
}

var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func githubData(s string) string     { return githubDataEscaper.Replace(s) }
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }
