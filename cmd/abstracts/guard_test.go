package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportStdinNULAfterDump gives export a valid dump on standard input
// followed, in a read of its own, by a NUL byte: the dump is invalid and
// nothing is written, because the copy of standard input that is parsed
// holds the byte the guard stopped at.
func TestExportStdinNULAfterDump(t *testing.T) {
	dump := "Mar 14\n\nA Title\n\n" + strings.Repeat("word ", 40) + "end.\n"
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	stdin := io.MultiReader(strings.NewReader(dump), strings.NewReader("\x00"))
	if code := run([]string{"export", "--quiet", "--out", out, "-"}, stdin, &stdout, &stderr); code != exitInvalid {
		t.Fatalf("exit %d, want %d\nstderr: %s", code, exitInvalid, stderr.String())
	}
	if !strings.Contains(stderr.String(), "[binary-data]") {
		t.Errorf("stderr lacks the binary-data error:\n%s", stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("export left %s behind", out)
	}
}
