package main

import (
	"io"
	"os"

	"golang.org/x/term"

	"github.com/abstracts-dev/abstracts/validate"
)

// colorTerminal returns w as a file when the text diagnostics written to it
// are for a person at a terminal: w is an *os.File that is a terminal,
// NO_COLOR is not set (https://no-color.org: any non-empty value) and TERM
// is not "dumb". Anything else, a pipe or a file above all, gets the plain
// one-line form that editors and CI problem matchers read.
func colorTerminal(w io.Writer) (*os.File, bool) {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" || !term.IsTerminal(int(f.Fd())) {
		return nil, false
	}
	return f, true
}

// writeExcerpts writes each diagnostic in color with its source line and a
// caret under its column (validate's caret view). The lines are read again
// from the dump files; standard input cannot be read twice and gets none.
func writeExcerpts(w io.Writer, results []dumpResult) error {
	for _, r := range results {
		lines := sourceLines(r)
		for _, d := range r.diagnostics {
			if _, err := io.WriteString(w, d.Caret(lines, true)); err != nil {
				return err
			}
		}
	}
	return nil
}

// sourceLines returns the lines of r's dump that its diagnostics point at,
// as far as they can be read again: a line that cannot only loses its
// caret.
func sourceLines(r dumpResult) map[int]string {
	if r.path == "-" || len(r.diagnostics) == 0 {
		return nil
	}
	f, err := os.Open(r.path)
	if err != nil {
		return nil
	}
	defer f.Close() // read-only; a close error cannot lose data
	// What was read before an error is shown; the other lines go without.
	lines, _ := validate.SourceLines(f, r.diagnostics)
	return lines
}
