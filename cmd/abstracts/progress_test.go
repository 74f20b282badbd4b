package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestProgressBar(t *testing.T) {
	if newProgressBar(io.Discard, progressMinBytes-1) != nil {
		t.Error("a bar for a small input")
	}
	var screen bytes.Buffer
	p := newProgressBar(&screen, progressMinBytes)
	data := strings.Repeat("x", progressMinBytes)
	n, err := io.Copy(io.Discard, p.reader(strings.NewReader(data)))
	if err != nil || n != progressMinBytes {
		t.Fatalf("read %d bytes through the bar, %v", n, err)
	}
	p.done()
	if !strings.Contains(screen.String(), "reading") || !strings.Contains(screen.String(), "B/s") {
		t.Errorf("bar output %q lacks the description or the rate", screen.String())
	}
}

func TestNoProgressOffTerminal(t *testing.T) {
	// Tests write to buffers, as CI logs and pipes are not terminals.
	if p := newProgress(env{stderr: &bytes.Buffer{}}, []string{realDump}, false); p != nil {
		t.Error("a progress bar on a non-terminal")
	}
	var p *progress
	if r := strings.NewReader("x"); p.reader(r) != r {
		t.Error("a nil progress wraps the reader")
	}
	p.done()
}
