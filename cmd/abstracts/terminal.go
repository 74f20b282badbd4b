package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"
	"golang.org/x/text/width"

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

// writeExcerpts writes each diagnostic with color, followed by its source
// line and a caret under its column. The lines are read again from the
// dump files; standard input cannot be read twice and gets no excerpt.
func writeExcerpts(w io.Writer, results []dumpResult) error {
	for _, r := range results {
		lines := excerptLines(r)
		for _, d := range r.diagnostics {
			text, ok := lines[d.Pos.Line]
			if _, err := io.WriteString(w, renderDiagnostic(d, text, ok, true)); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxExcerptLineBytes bounds how much of one source line is kept for an
// excerpt; the rest of a longer line is skipped.
const maxExcerptLineBytes = 1 << 20

// excerptLines reads again the lines of r's dump that its diagnostics point
// at, as the reader saw them: without the line ending, and the first without
// a UTF-8 byte-order mark. It returns what it could read: a missing line
// only loses its excerpt.
func excerptLines(r dumpResult) map[int]string {
	want := map[int]bool{}
	for _, d := range r.diagnostics {
		switch d.Code {
		case validate.CodeBinaryData, validate.CodeUnsupportedEncoding:
			return nil // not text: no line worth showing
		}
		want[d.Pos.Line] = true
	}
	if r.path == "-" || len(want) == 0 {
		return nil
	}
	f, err := os.Open(r.path)
	if err != nil {
		return nil
	}
	defer f.Close() // read-only; a close error cannot lose data
	lines := map[int]string{}
	br := bufio.NewReader(f)
	for n := 1; len(lines) < len(want); n++ {
		b, err := readExcerptLine(br, want[n])
		if want[n] && (err == nil || len(b) > 0) {
			if n == 1 {
				b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
			}
			lines[n] = string(bytes.TrimSuffix(b, []byte{'\r'}))
		}
		if err != nil {
			break
		}
	}
	return lines
}

// readExcerptLine reads one line without its "\n", keeping at most
// maxExcerptLineBytes of it, and none if !keep. It returns io.EOF at the end
// of the file, after a last line that has no newline.
func readExcerptLine(br *bufio.Reader, keep bool) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if keep && len(line) < maxExcerptLineBytes {
			line = append(line, chunk[:min(len(chunk), maxExcerptLineBytes-len(line))]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			return line, err
		}
		return bytes.TrimSuffix(line, []byte{'\n'}), nil
	}
}

// ANSI SGR sequences.
const (
	sgrReset  = "\x1b[0m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
	sgrRed    = "\x1b[1;31m"
	sgrYellow = "\x1b[1;33m"
)

// excerptWidth is about how many terminal cells of a source line an excerpt
// shows; a longer line is cut around the column, with "…" where it was cut.
const excerptWidth = 100

// excerptBefore is about how many cells of a cut line are shown before the
// column.
const excerptBefore = 40

// renderDiagnostic renders d for a terminal: the one-line form, then, if
// hasLine, the source line (control characters escaped, a long line cut
// around the column) and a caret under the column, each line ending in a
// newline. With color, the location is bold, the severity and the caret red
// for an error and yellow for a warning.
func renderDiagnostic(d *validate.Diagnostic, line string, hasLine, color bool) string {
	paint := func(sgr, s string) string {
		if !color {
			return s
		}
		return sgr + s + sgrReset
	}
	sevColor := sgrRed
	if d.Severity == validate.Warning {
		sevColor = sgrYellow
	}
	var b strings.Builder
	msg := d.Message
	if color {
		msg = escapeControls(msg) // a person's terminal must not run what a dump holds
	}
	fmt.Fprintf(&b, "%s: %s %s [%s]\n", paint(sgrBold, d.Pos.String()), paint(sevColor, d.Severity.String()+":"), msg, d.Code)
	if !hasLine {
		return b.String()
	}
	shown, caret := excerpt(line, d.Pos.Column)
	num := strconv.Itoa(d.Pos.Line)
	fmt.Fprintf(&b, " %s %s\n", paint(sgrDim, num+" |"), shown)
	fmt.Fprintf(&b, " %s %s%s\n", paint(sgrDim, strings.Repeat(" ", len(num))+" |"), strings.Repeat(" ", caret), paint(sevColor, "^"))
	return b.String()
}

// cell is one character of a source line as an excerpt shows it.
type cell struct {
	text  string
	width int // terminal cells
}

// excerpt returns the part of line to show for a diagnostic at column (in
// characters, 1-based) and how many terminal cells precede the caret
// beneath it. Control characters are escaped (\x1b, \t, \u2028), as are
// bytes that are not UTF-8 (\xf6), each still counted as one character,
// as the reader counts columns. A line wider than excerptWidth cells is cut
// around the column, with "…" where it was cut.
func excerpt(line string, column int) (string, int) {
	var cells []cell
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if r == utf8.RuneError && size == 1 {
			cells = append(cells, cell{fmt.Sprintf(`\x%02x`, line[i]), 4})
		} else {
			cells = append(cells, displayRune(r))
		}
		i += size
	}
	at := min(max(column-1, 0), len(cells)) // the caret's cell; len(cells) is just past the end
	total := cellsWidth(cells)
	start, end := 0, len(cells)
	if total > excerptWidth {
		// Back from the caret to excerptBefore cells, then forward to fill
		// the width; near the end of the line, back again.
		start = at
		for w := 0; start > 0 && w+cells[start-1].width <= excerptBefore; start-- {
			w += cells[start-1].width
		}
		end = start
		for w := 0; end < len(cells) && w+cells[end].width <= excerptWidth; end++ {
			w += cells[end].width
		}
		for w := cellsWidth(cells[start:end]); start > 0 && w+cells[start-1].width <= excerptWidth; start-- {
			w += cells[start-1].width
		}
	}
	var b strings.Builder
	caret := 0
	if start > 0 {
		b.WriteString("…")
		caret = 1
	}
	for i := start; i < end; i++ {
		b.WriteString(cells[i].text)
	}
	if end < len(cells) {
		b.WriteString("…")
	}
	return b.String(), caret + cellsWidth(cells[start:max(at, start)])
}

func cellsWidth(cells []cell) int {
	w := 0
	for _, c := range cells {
		w += c.width
	}
	return w
}

// displayRune returns how r is shown in an excerpt: escaped if it is a
// control or a character that changes how the text around it is shown
// (line separators, bidirectional controls, the byte-order mark), else as
// itself, two cells wide if East Asian wide, none if combining.
func displayRune(r rune) cell {
	switch {
	case r == '\t':
		return cell{`\t`, 2}
	case r < 0x20 || r == 0x7F:
		return cell{fmt.Sprintf(`\x%02x`, r), 4}
	case r >= 0x80 && r <= 0x9F, r == 0x2028, r == 0x2029, r == 0xFEFF, r == 0x200E, r == 0x200F,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return cell{fmt.Sprintf(`\u%04x`, r), 6}
	case unicode.In(r, unicode.Mn, unicode.Me):
		return cell{string(r), 0}
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return cell{string(r), 2}
	}
	return cell{string(r), 1}
}

// escapeControls escapes the control characters of s as an excerpt does.
func escapeControls(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteByte('\t')
		default:
			b.WriteString(displayRune(r).text)
		}
		i += size
	}
	return b.String()
}
