package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// render is Caret with the one line a test gives, if hasLine.
func render(d *Diagnostic, line string, hasLine, color bool) string {
	var lines map[int]string
	if hasLine {
		lines = map[int]string{d.Pos.Line: line}
	}
	return d.Caret(lines, color)
}

func caretDiag(line, col int, sev Severity, code Code, msg string) *Diagnostic {
	return &Diagnostic{Pos: Position{File: "dump.txt", Line: line, Column: col}, Severity: sev, Code: code, Message: msg}
}

func TestCaret(t *testing.T) {
	long := strings.Repeat("abcdefghij", 30) // 300 characters
	tests := []struct {
		name    string
		d       *Diagnostic
		line    string
		hasLine bool
		want    string
	}{
		{"no line: the one-line form",
			caretDiag(3, 1, Error, CodeNoPapers, "no papers found"), "", false,
			"dump.txt:3:1: error: no papers found [no-papers]\n"},
		{"caret under the column",
			caretDiag(9, 5, Error, CodeLeadingWhitespace, "line starts with white space"), "abcdefgh", true,
			"dump.txt:9:5: error: line starts with white space [leading-whitespace]\n" +
				" 9 | abcdefgh\n" +
				"   |     ^\n"},
		{"columns in characters, not bytes",
			caretDiag(12, 14, Warning, CodeLatexInTitle, `title holds a LaTeX remnant "$"`), "Schrödinger: $x$", true,
			"dump.txt:12:14: warning: title holds a LaTeX remnant \"$\" [latex-in-title]\n" +
				" 12 | Schrödinger: $x$\n" +
				"    |              ^\n"},
		{"control characters escaped, the caret under the escape",
			caretDiag(2, 4, Error, CodeControlCharacter, "control character U+001B in text"), "ab\t\x1b[31mred", true,
			"dump.txt:2:4: error: control character U+001B in text [control-character]\n" +
				" 2 | ab\\t\\x1b[31mred\n" +
				"   |     ^\n"},
		{"line separators, C1 controls and the BOM escaped",
			caretDiag(1, 3, Error, CodeControlCharacter, "control character U+2028 in text"), "a\u0085\u2028\ufeffb", true,
			"dump.txt:1:3: error: control character U+2028 in text [control-character]\n" +
				" 1 | a\\u0085\\u2028\\ufeffb\n" +
				"   |        ^\n"},
		{"bytes that are not UTF-8 count as one character each",
			caretDiag(4, 6, Error, CodeInvalidUTF8, "invalid UTF-8 byte 0xf6"), "Schr\xf6\x92dinger", true,
			"dump.txt:4:6: error: invalid UTF-8 byte 0xf6 [invalid-utf8]\n" +
				" 4 | Schr\\xf6\\x92dinger\n" +
				"   |         ^\n"},
		{"wide and combining characters",
			caretDiag(1, 5, Warning, CodeMalformedURL, "bad"), "深度e\u0301x", true,
			"dump.txt:1:5: warning: bad [malformed-url]\n" +
				" 1 | 深度e\u0301x\n" +
				"   |      ^\n"},
		{"column just past the end",
			caretDiag(7, 4, Error, CodeTruncatedFile, "file ends"), "abc", true,
			"dump.txt:7:4: error: file ends [truncated-file]\n" +
				" 7 | abc\n" +
				"   |    ^\n"},
		{"a blank line",
			caretDiag(14, 1, Warning, CodeExtraBlankLines, "2 blank lines"), "", true,
			"dump.txt:14:1: warning: 2 blank lines [extra-blank-lines]\n" +
				" 14 | \n" +
				"    | ^\n"},
		{"long line cut at both ends",
			caretDiag(5, 151, Error, CodeAbstractTooLong, "too long"), long, true,
			"dump.txt:5:151: error: too long [abstract-too-long]\n" +
				" 5 | …" + long[110:210] + "…\n" +
				"   | " + strings.Repeat(" ", 41) + "^\n"},
		{"long line cut at the end only",
			caretDiag(5, 3, Error, CodeAbstractTooLong, "too long"), long, true,
			"dump.txt:5:3: error: too long [abstract-too-long]\n" +
				" 5 | " + long[:100] + "…\n" +
				"   |   ^\n"},
		{"long line cut at the start only",
			caretDiag(5, 299, Error, CodeAbstractTooLong, "too long"), long, true,
			"dump.txt:5:299: error: too long [abstract-too-long]\n" +
				" 5 | …" + long[200:] + "\n" +
				"   | " + strings.Repeat(" ", 99) + "^\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := render(tc.d, tc.line, tc.hasLine, false)
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			// The first line is the plain one-line form, whatever follows.
			if first, _, _ := strings.Cut(got, "\n"); first != tc.d.Error() {
				t.Errorf("first line %q, want %q", first, tc.d.Error())
			}
		})
	}
}

func TestCaretColor(t *testing.T) {
	got := render(caretDiag(9, 3, Error, CodeControlCharacter, "control \x1b[2J"), "ab\x07c", true, true)
	want := "\x1b[1mdump.txt:9:3\x1b[0m: \x1b[1;31merror:\x1b[0m control \\x1b[2J [control-character]\n" +
		" \x1b[2m9 |\x1b[0m ab\\x07c\n" +
		" \x1b[2m  |\x1b[0m   \x1b[1;31m^\x1b[0m\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	got = render(caretDiag(1, 1, Warning, CodeTrailingWhitespace, "trailing"), "x ", true, true)
	if !strings.Contains(got, "\x1b[1;33mwarning:\x1b[0m") || !strings.Contains(got, "\x1b[1;33m^\x1b[0m") {
		t.Errorf("warning not yellow: %q", got)
	}
	// Without color no escape sequence is written, and the message is as is.
	if got := render(caretDiag(1, 1, Error, CodeNoPapers, "x"), "\x1b", true, false); strings.Contains(got, "\x1b") {
		t.Errorf("escape sequence without color: %q", got)
	}
}

// FuzzExcerpt checks that any line and column give one line of text no
// wider than the limit (plus the cut marks and escapes), with no raw
// control character, and a caret within it.
func FuzzExcerpt(f *testing.F) {
	f.Add("Schrödinger\x07 Bridge", 12)
	f.Add(strings.Repeat("深", 200), 150)
	f.Add("\xff\xfe\t\u2028", 0)
	f.Fuzz(func(t *testing.T, line string, column int) {
		shown, caret := excerpt(line, column)
		if !utf8.ValidString(shown) {
			t.Fatalf("excerpt %q is not UTF-8", shown)
		}
		for _, r := range shown {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 {
				t.Fatalf("raw control %U in %q", r, shown)
			}
		}
		if caret < 0 || caret > excerptWidth+2 {
			t.Fatalf("caret at %d for %q column %d", caret, shown, column)
		}
	})
}

// TestSourceLines reads lines back as the Reader saw them: the BOM and CR
// stripped, lines without a diagnostic skipped, a long line cut, a line
// past the end absent; a binary dump gives none.
func TestSourceLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dump.txt")
	content := "\ufeffMar 14  \r\n\r\nLight\x07 Bridge\r\n\r\n" + strings.Repeat("x", MaxSourceLineBytes+10) + "\r\nlast"
	if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
	at := func(line int, code Code) *Diagnostic {
		return &Diagnostic{Pos: Position{File: path, Line: line, Column: 1}, Code: code}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	diags := List{at(1, CodeTrailingWhitespace), at(3, CodeControlCharacter), at(5, CodeLineTooLong),
		at(6, CodeTruncatedFile), at(9, CodeNoPapers)}
	lines, err := SourceLines(f, diags)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{1: "Mar 14  ", 3: "Light\x07 Bridge", 5: strings.Repeat("x", MaxSourceLineBytes), 6: "last"}
	if len(lines) != len(want) {
		t.Errorf("got lines %v, want %d", keys(lines), len(want))
	}
	for n, w := range want {
		if lines[n] != w {
			t.Errorf("line %d = %.40q (%d bytes), want %.40q", n, lines[n], len(lines[n]), w)
		}
	}

	lines, err = SourceLines(strings.NewReader("\x00\x00"), List{at(1, CodeBinaryData)})
	if lines != nil || err != nil {
		t.Errorf("binary dump: %v, %v; want nil, nil", lines, err)
	}
}

func keys(m map[int]string) []int {
	var k []int
	for n := range m {
		k = append(k, n)
	}
	return k
}
