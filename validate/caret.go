package validate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Caret returns d as a person at a terminal reads it: the one-line form of
// Error, then, if lines holds the line d points at (see SourceLines), that
// line and a caret under d's column, each line ending in a newline:
//
//	dump.txt:12:14: warning: title holds a LaTeX remnant "$" (kept as written) [latex-in-title]
//	 12 | Schrödinger: $x$ bridges
//	    |              ^
//
// The source line has its control characters escaped (\x1b, \t, \u2028)
// as are bytes that are not UTF-8 (\xf6), each still one column, as the
// Reader counts columns; a line wider than about 100 terminal cells is cut
// around the column, with "…" where it was cut. Wide East Asian characters
// take two cells, combining marks none, so that the caret stands under the
// column.
//
// With color, the text holds ANSI SGR sequences: the location bold, the
// severity and the caret red for an error and yellow for a warning, the
// gutter dim; and the message has its control characters escaped too, so
// that nothing from a dump runs in the terminal. Without, the first line is
// exactly d.Error().
func (d *Diagnostic) Caret(lines map[int]string, color bool) string {
	paint := func(sgr, s string) string {
		if !color {
			return s
		}
		return sgr + s + sgrReset
	}
	sevColor := sgrRed
	if d.Severity == Warning {
		sevColor = sgrYellow
	}
	var b strings.Builder
	msg := d.Message
	if color {
		msg = escapeControls(msg)
	}
	fmt.Fprintf(&b, "%s: %s %s [%s]\n", paint(sgrBold, d.Pos.String()), paint(sevColor, d.Severity.String()+":"), msg, d.Code)
	line, ok := lines[d.Pos.Line]
	if !ok {
		return b.String()
	}
	shown, caret := excerpt(line, d.Pos.Column)
	num := strconv.Itoa(d.Pos.Line)
	fmt.Fprintf(&b, " %s %s\n", paint(sgrDim, num+" |"), shown)
	fmt.Fprintf(&b, " %s %s%s\n", paint(sgrDim, strings.Repeat(" ", len(num))+" |"), strings.Repeat(" ", caret), paint(sevColor, "^"))
	return b.String()
}

// MaxSourceLineBytes bounds how much of one line SourceLines keeps; the rest
// of a longer line is skipped.
const MaxSourceLineBytes = 1 << 20

// SourceLines reads a dump again, from its start, and returns the lines
// that diags point at, by line number, as a Reader saw them: without the
// line ending, the first without a UTF-8 byte-order mark, each at most
// MaxSourceLineBytes long. It returns what it read before an error, and
// the error: a line it could not read only loses its caret view. A dump
// that is not text (a binary-data or unsupported-encoding diagnostic) has
// no line worth showing: SourceLines then reads nothing and returns nil.
//
// Standard input cannot be read twice: its diagnostics go without lines.
func SourceLines(src io.Reader, diags List) (map[int]string, error) {
	want := map[int]bool{}
	for _, d := range diags {
		switch d.Code {
		case CodeBinaryData, CodeUnsupportedEncoding:
			return nil, nil
		}
		want[d.Pos.Line] = true
	}
	lines := map[int]string{}
	br := bufio.NewReader(src)
	for n := 1; len(lines) < len(want); n++ {
		b, err := readSourceLine(br, want[n])
		if want[n] && (err == nil || len(b) > 0) {
			if n == 1 {
				b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
			}
			lines[n] = string(bytes.TrimSuffix(b, []byte{'\r'}))
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return lines, fmt.Errorf("validate: source lines: %w", err)
		}
	}
	return lines, nil
}

// readSourceLine reads one line without its "\n", keeping at most
// MaxSourceLineBytes of it, and none if !keep. It returns io.EOF at the end
// of the input, after a last line that has no newline.
func readSourceLine(br *bufio.Reader, keep bool) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if keep && len(line) < MaxSourceLineBytes {
			line = append(line, chunk[:min(len(chunk), MaxSourceLineBytes-len(line))]...)
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

// excerptWidth is about how many terminal cells of a source line a caret
// view shows; a longer line is cut around the column, with "…" where it
// was cut.
const excerptWidth = 100

// excerptBefore is about how many cells of a cut line are shown before the
// column.
const excerptBefore = 40

// cell is one character of a source line as a caret view shows it.
type cell struct {
	text  string
	width int // terminal cells
}

// excerpt returns the part of line to show for a diagnostic at column (in
// characters, 1-based) and how many terminal cells precede the caret
// beneath it.
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

// displayRune returns how r is shown in a caret view: escaped if it is a
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

// escapeControls escapes the control characters of s as a caret view does,
// leaving tabs as they are.
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
