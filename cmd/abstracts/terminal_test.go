package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/validate"
)

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
