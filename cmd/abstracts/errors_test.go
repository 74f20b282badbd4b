package main

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// TestPrintError checks the one place that prints a command's error: the
// exit status each kind of error gives, and what is printed for it.
func TestPrintError(t *testing.T) {
	tests := []struct {
		name   string
		cmd    string
		err    error
		status int
		want   string
	}{
		{"none", "validate", nil, exitOK, ""},
		{"usage", "validate", usagef("no dump given"), exitUsage,
			"abstracts validate: no dump given\nRun 'abstracts validate -h' for usage.\n"},
		{"usage of abstracts", "", usagef("unknown command %q", "x"), exitUsage,
			"abstracts: unknown command \"x\"\nRun 'abstracts -h' for usage.\n"},
		{"usage with more", "explain", &usageError{msg: "no code given", more: "Codes:\n  a\n"}, exitUsage,
			"abstracts explain: no code given\nCodes:\n  a\n"},
		{"invalid, all said", "validate", withStatus(exitInvalid, nil), exitInvalid, ""},
		{"plain", "export", errors.New("disk full"), exitTrouble, "abstracts: disk full\n"},
		{"wrapped usage", "export", fmt.Errorf("context: %w", usagef("bad")), exitUsage,
			"abstracts export: bad\nRun 'abstracts export -h' for usage.\n"},
		{"joined, one a line", "validate",
			withStatus(exitTrouble, errors.Join(errors.New("open a: gone"), errors.New("open b: gone"))), exitTrouble,
			"abstracts: open a: gone\nabstracts: open b: gone\n"},
		{"outer status wins", "export",
			withStatus(exitTrouble, errors.Join(withStatus(exitInvalid, nil), errors.New("abort failed"))), exitTrouble,
			"abstracts: abort failed\n"},
		{"signal", "export", withStatus(130, errors.New("interrupted; nothing written")), 130,
			"abstracts: interrupted; nothing written\n"},
		{"escaped", "validate", fmt.Errorf("open %s: gone", "a\x1b[2J\nb"), exitTrouble,
			"abstracts: open a\\x1b[2J\\nb: gone\n"},
		{"escaped usage", "validate", usagef("unknown flag: --%s", "a\nb"), exitUsage,
			"abstracts validate: unknown flag: --a\\nb\nRun 'abstracts validate -h' for usage.\n"},
	}
	for _, tt := range tests {
		var w bytes.Buffer
		if status := printError(&w, tt.cmd, tt.err); status != tt.status || w.String() != tt.want {
			t.Errorf("%s: status %d, printed %q; want %d, %q", tt.name, status, w.String(), tt.status, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for _, tt := range []struct {
		word       string
		candidates []string
		want       string
	}{
		{"valdate", []string{"validate", "export", "version"}, "; did you mean validate?"},
		{"--outputformat", []string{"--output-format", "--year"}, "; did you mean --output-format?"},
		{"jsno", []string{"text", "json"}, "; did you mean json?"},
		{"JSON", []string{"text", "json"}, "; did you mean json?"},
		{"check", []string{"validate", "export", "diff", "stats", "explain", "schema", "version"}, ""},
		{"xml", []string{"text", "json", "github", "sarif", "junit"}, ""},
		{"", []string{"text"}, ""},
	} {
		if got := didYouMean(tt.word, tt.candidates, ""); got != tt.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
