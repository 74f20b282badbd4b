package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

var diagnosticLine = regexp.MustCompile(`^-:[1-9][0-9]*:[1-9][0-9]*: (error|warning): .+ \[[a-z]+(-[a-z0-9]+)*\]$`)

// FuzzValidate runs the whole validate command on arbitrary standard input
// and checks its promises: exit 0 or 1 (the input can always be read), one
// well-formed diagnostic per line with no raw control character, exit 0
// exactly when no line is an error, and a JSON report that parses and
// agrees.
func FuzzValidate(f *testing.F) {
	seed, err := os.ReadFile(realDump)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("new\n\nMar 14\n\nT\n\nshort\n"))
	f.Add([]byte("\xff\xfe\x00"))
	f.Add([]byte("Mar 14\r\n\r\nA Title\x1b[31m\r\n\r\n" + strings.Repeat("word ", 40) + "end.\r\n"))
	f.Fuzz(func(t *testing.T, input []byte) {
		var stdout, stderr bytes.Buffer
		code := run([]string{"validate", "--max-errors", "20", "-"}, bytes.NewReader(input), &stdout, &stderr)
		if code != exitOK && code != exitInvalid {
			t.Fatalf("exit %d\n%s", code, stderr.String())
		}
		errorsSeen := false
		for _, line := range strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n") {
			if line == "" {
				continue
			}
			if !diagnosticLine.MatchString(line) {
				t.Fatalf("malformed diagnostic line %q", line)
			}
			for _, c := range []byte(line) {
				if c < 0x20 || c == 0x7f {
					t.Fatalf("raw control byte %#x in %q", c, line)
				}
			}
			errorsSeen = errorsSeen || strings.Contains(line, ": error: ")
		}
		if errorsSeen != (code == exitInvalid) {
			t.Fatalf("exit %d with error lines: %v", code, errorsSeen)
		}
		stdout.Reset()
		jsonCode := run([]string{"validate", "--max-errors", "20", "--output-format", "json", "-"}, bytes.NewReader(input), &stdout, &stderr)
		var report struct{ Valid bool }
		if err := json.Unmarshal(stdout.Bytes(), &report); err != nil || jsonCode != code || report.Valid != (code == exitOK) {
			t.Fatalf("json report: exit %d, valid %v, %v", jsonCode, report.Valid, err)
		}
	})
}
