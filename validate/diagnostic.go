package validate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Position is a place in a dump: the path as the user gave it, and a 1-based
// line and column, the column counted in characters (Unicode code points).
type Position struct {
	File   string
	Line   int
	Column int
}

// String returns "file:line:column", the form editors and CI problem
// matchers read. A file name with control characters has them escaped
// (see Printable).
func (p Position) String() string {
	return fmt.Sprintf("%s:%d:%d", Printable(p.File), p.Line, p.Column)
}

// Printable returns s as it is when it holds no control character, and
// otherwise escaped as a Go string literal without its quotes, so that no
// terminal escape sequence from a file name or a dump reaches the terminal.
func Printable(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// Severity says whether a diagnostic makes a dump invalid.
type Severity int

// The severities. An Error makes the dump invalid; a Warning reports
// harmless variation that was accepted, often after normalizing it.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText renders the severity as "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem found in a dump, with the position where it
// starts and a stable code (see Codes) that scripts can match on.
type Diagnostic struct {
	Pos      Position
	Severity Severity
	Code     Code
	Message  string
	// Pointer is the JSON Pointer of the value at fault in a JSON input
	// ("/3/paper/summary"), which the message names too; else "".
	Pointer string
}

// Error returns the diagnostic in the one-line form
// "file:line:column: severity: message [code]".
func (d *Diagnostic) Error() string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Code)
}

// List is a list of diagnostics, in the spirit of go/scanner's ErrorList.
// The zero value is an empty list ready to use.
type List []*Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Position, sev Severity, code Code, msg string) {
	*l = append(*l, &Diagnostic{Pos: pos, Severity: sev, Code: code, Message: msg})
}

// Sort orders the list by file, line and column; diagnostics at the same
// position keep the order in which they were found.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// Errors returns how many diagnostics of the list are errors.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Error joins the diagnostics' one-line forms with newlines.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Err returns the list as an error if it holds at least one error, and nil
// if it is empty or holds only warnings.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return l
}
