package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/validate"
)

// TestDiagnosticsDocUpToDate fails while docs/diagnostics.md is not what
// gendocs writes from validate.Codes.
func TestDiagnosticsDocUpToDate(t *testing.T) {
	path := filepath.Join("..", "..", "..", "docs", "diagnostics.md")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; generate it: go run ./internal/cmd/gendocs -o docs/diagnostics.md", err)
	}
	if want := generate(); !bytes.Equal(got, want) {
		t.Errorf("docs/diagnostics.md is stale: validate.Codes changed since it was generated.\n" +
			"Regenerate it from the module root with\n\n\tgo run ./internal/cmd/gendocs -o docs/diagnostics.md\n\n(or go generate ./internal/cmd/gendocs) and commit the result.")
	}
}

// TestInputsDocUpToDate fails while docs/inputs.md is not what gendocs
// writes from validate.Formats, and checks that it has every style.
func TestInputsDocUpToDate(t *testing.T) {
	got, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "inputs.md"))
	if err != nil {
		t.Fatalf("%v; generate it: go generate ./internal/cmd/gendocs", err)
	}
	if !bytes.Equal(got, generateInputs()) {
		t.Errorf("docs/inputs.md is stale: the format registry changed since it was generated.\n" +
			"Regenerate it from the module root with\n\n\tgo generate ./internal/cmd/gendocs\n\nand commit the result.")
	}
	for _, f := range validate.Formats() {
		if !strings.Contains(string(got), "\n## `"+string(f.Style)+"`\n\n"+f.Doc+"\n") {
			t.Errorf("docs/inputs.md has no section for %s", f.Style)
		}
	}
}

// TestGenerateListsEveryCode checks that each code has its heading, the
// anchor that SARIF help links point at, with its meaning, example and
// fix, errors before warnings.
func TestGenerateListsEveryCode(t *testing.T) {
	page := string(generate())
	warnings := strings.Index(page, "\n## Warnings\n")
	if warnings < 0 || strings.Index(page, "\n## Errors\n") > warnings {
		t.Fatal("no Errors section before a Warnings section")
	}
	for _, c := range validate.Codes {
		head := "\n### `" + string(c.Code) + "`\n"
		i := strings.Index(page, head)
		if i < 0 {
			t.Errorf("no heading for %s", c.Code)
			continue
		}
		if (c.Severity == validate.Warning) != (i > warnings) {
			t.Errorf("%s is in the wrong section", c.Code)
		}
		entry := page[i:]
		if next := strings.Index(entry[1:], "\n### "); next >= 0 {
			entry = entry[:next+1]
		}
		for _, want := range []string{c.Meaning, "```text\n" + c.Example + "\n```", "**Fix:** " + c.Fix} {
			if !strings.Contains(entry, want) {
				t.Errorf("entry of %s lacks %q", c.Code, want)
			}
		}
		if !strings.Contains(page, "| [`"+string(c.Code)+"`](#"+string(c.Code)+") | "+c.Severity.String()+" |") {
			t.Errorf("index lacks %s", c.Code)
		}
	}
}

func TestRun(t *testing.T) {
	var out, errs strings.Builder
	if code := run(nil, &out, &errs); code != 0 || out.String() != string(generate()) {
		t.Errorf("run() = %d, stderr %q", code, errs.String())
	}
	file := filepath.Join(t.TempDir(), "d.md")
	if code := run([]string{"-o", file}, &out, &errs); code != 0 {
		t.Fatalf("run -o = %d, stderr %q", code, errs.String())
	}
	if got, err := os.ReadFile(file); err != nil || string(got) != string(generate()) {
		t.Errorf("-o wrote %d bytes, %v", len(got), err)
	}
	if code := run([]string{"extra"}, &out, &errs); code != 2 {
		t.Errorf("run extra = %d, want 2", code)
	}
}
