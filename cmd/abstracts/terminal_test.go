package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/validate"
)

func diag(line, col int, sev validate.Severity, code validate.Code, msg string) *validate.Diagnostic {
	return &validate.Diagnostic{Pos: validate.Position{File: "dump.txt", Line: line, Column: col}, Severity: sev, Code: code, Message: msg}
}

func TestRenderDiagnostic(t *testing.T) {
	long := strings.Repeat("abcdefghij", 30) // 300 characters
	tests := []struct {
		name    string
		d       *validate.Diagnostic
		line    string
		hasLine bool
		want    string
	}{
		{"no line: the one-line form",
			diag(3, 1, validate.Error, validate.CodeNoPapers, "no papers found"), "", false,
			"dump.txt:3:1: error: no papers found [no-papers]\n"},
		{"caret under the column",
			diag(9, 5, validate.Error, validate.CodeLeadingWhitespace, "line starts with white space"), "abcdefgh", true,
			"dump.txt:9:5: error: line starts with white space [leading-whitespace]\n" +
				" 9 | abcdefgh\n" +
				"   |     ^\n"},
		{"columns in characters, not bytes",
			diag(12, 14, validate.Warning, validate.CodeLatexInTitle, `title holds a LaTeX remnant "$"`), "Schrödinger: $x$", true,
			"dump.txt:12:14: warning: title holds a LaTeX remnant \"$\" [latex-in-title]\n" +
				" 12 | Schrödinger: $x$\n" +
				"    |              ^\n"},
		{"control characters escaped, the caret under the escape",
			diag(2, 4, validate.Error, validate.CodeControlCharacter, "control character U+001B in text"), "ab\t\x1b[31mred", true,
			"dump.txt:2:4: error: control character U+001B in text [control-character]\n" +
				" 2 | ab\\t\\x1b[31mred\n" +
				"   |     ^\n"},
		{"line separators, C1 controls and the BOM escaped",
			diag(1, 3, validate.Error, validate.CodeControlCharacter, "control character U+2028 in text"), "a\u0085\u2028\ufeffb", true,
			"dump.txt:1:3: error: control character U+2028 in text [control-character]\n" +
				" 1 | a\\u0085\\u2028\\ufeffb\n" +
				"   |        ^\n"},
		{"bytes that are not UTF-8 count as one character each",
			diag(4, 6, validate.Error, validate.CodeInvalidUTF8, "invalid UTF-8 byte 0xf6"), "Schr\xf6\x92dinger", true,
			"dump.txt:4:6: error: invalid UTF-8 byte 0xf6 [invalid-utf8]\n" +
				" 4 | Schr\\xf6\\x92dinger\n" +
				"   |         ^\n"},
		{"wide and combining characters",
			diag(1, 5, validate.Warning, validate.CodeMalformedURL, "bad"), "深度e\u0301x", true,
			"dump.txt:1:5: warning: bad [malformed-url]\n" +
				" 1 | 深度e\u0301x\n" +
				"   |      ^\n"},
		{"column just past the end",
			diag(7, 4, validate.Error, validate.CodeTruncatedFile, "file ends"), "abc", true,
			"dump.txt:7:4: error: file ends [truncated-file]\n" +
				" 7 | abc\n" +
				"   |    ^\n"},
		{"a blank line",
			diag(14, 1, validate.Warning, validate.CodeExtraBlankLines, "2 blank lines"), "", true,
			"dump.txt:14:1: warning: 2 blank lines [extra-blank-lines]\n" +
				" 14 | \n" +
				"    | ^\n"},
		{"long line cut at both ends",
			diag(5, 151, validate.Error, validate.CodeAbstractTooLong, "too long"), long, true,
			"dump.txt:5:151: error: too long [abstract-too-long]\n" +
				" 5 | …" + long[110:210] + "…\n" +
				"   | " + strings.Repeat(" ", 41) + "^\n"},
		{"long line cut at the end only",
			diag(5, 3, validate.Error, validate.CodeAbstractTooLong, "too long"), long, true,
			"dump.txt:5:3: error: too long [abstract-too-long]\n" +
				" 5 | " + long[:100] + "…\n" +
				"   |   ^\n"},
		{"long line cut at the start only",
			diag(5, 299, validate.Error, validate.CodeAbstractTooLong, "too long"), long, true,
			"dump.txt:5:299: error: too long [abstract-too-long]\n" +
				" 5 | …" + long[200:] + "\n" +
				"   | " + strings.Repeat(" ", 99) + "^\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderDiagnostic(tc.d, tc.line, tc.hasLine, false)
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

func TestRenderDiagnosticColor(t *testing.T) {
	got := renderDiagnostic(diag(9, 3, validate.Error, validate.CodeControlCharacter, "control \x1b[2J"), "ab\x07c", true, true)
	want := "\x1b[1mdump.txt:9:3\x1b[0m: \x1b[1;31merror:\x1b[0m control \\x1b[2J [control-character]\n" +
		" \x1b[2m9 |\x1b[0m ab\\x07c\n" +
		" \x1b[2m  |\x1b[0m   \x1b[1;31m^\x1b[0m\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	got = renderDiagnostic(diag(1, 1, validate.Warning, validate.CodeTrailingWhitespace, "trailing"), "x ", true, true)
	if !strings.Contains(got, "\x1b[1;33mwarning:\x1b[0m") || !strings.Contains(got, "\x1b[1;33m^\x1b[0m") {
		t.Errorf("warning not yellow: %q", got)
	}
	// Without color no escape sequence is written, and the message is as is.
	if got := renderDiagnostic(diag(1, 1, validate.Error, validate.CodeNoPapers, "x"), "\x1b", true, false); strings.Contains(got, "\x1b") {
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

// TestWriteExcerpts reads the lines back from the dump file: the BOM and
// CR of the reader's view are stripped, lines without a diagnostic are
// skipped, standard input gets no excerpt.
func TestWriteExcerpts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dump.txt")
	content := "\ufeffMar 14  \r\n\r\nLight\x07 Bridge\r\n\r\n" + strings.Repeat("x", 70000) + "\r\nlast"
	if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
	d1 := &validate.Diagnostic{Pos: validate.Position{File: path, Line: 1, Column: 7}, Severity: validate.Warning, Code: validate.CodeTrailingWhitespace, Message: "trailing white space stripped"}
	d3 := &validate.Diagnostic{Pos: validate.Position{File: path, Line: 3, Column: 6}, Severity: validate.Error, Code: validate.CodeControlCharacter, Message: "control character U+0007 in text"}
	d6 := &validate.Diagnostic{Pos: validate.Position{File: path, Line: 6, Column: 5}, Severity: validate.Error, Code: validate.CodeTruncatedFile, Message: "file ends"}
	d9 := &validate.Diagnostic{Pos: validate.Position{File: path, Line: 9, Column: 1}, Severity: validate.Error, Code: validate.CodeNoPapers, Message: "past the end"}
	var out bytes.Buffer
	if err := writeExcerpts(&out, []dumpResult{{path: path, diagnostics: validate.List{d1, d3, d6, d9}}}); err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(out.String(), "\x1b[", "ESC[")
	for _, want := range []string{
		"ESC[2m1 |ESC[0m Mar 14  \n",
		"ESC[2m3 |ESC[0m Light\\x07 Bridge\n",
		"ESC[2m6 |ESC[0m last\n",
		"ESC[1;31merror:ESC[0m past the end [no-papers]\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "9 |") || strings.Contains(got, "\r") || strings.Contains(got, "\ufeff") {
		t.Errorf("unexpected excerpt:\n%s", got)
	}

	out.Reset()
	stdinD := *d3
	stdinD.Pos.File = "-"
	if err := writeExcerpts(&out, []dumpResult{{path: "-", diagnostics: validate.List{&stdinD}}}); err != nil {
		t.Fatal(err)
	}
	if strings.Count(out.String(), "\n") != 1 {
		t.Errorf("standard input got an excerpt: %q", out.String())
	}
}

// TestTextNotTerminal: a writer that is not a terminal, a file here, gets
// exactly the one-line form.
func TestTextNotTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, ok := colorTerminal(f); ok {
		t.Fatal("a regular file taken for a terminal")
	}
	if _, ok := colorTerminal(&bytes.Buffer{}); ok {
		t.Fatal("a buffer taken for a terminal")
	}
}
