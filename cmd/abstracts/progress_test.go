package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// TestProgressBar checks that the bar shows its description and rate, and
// that its first frame comes progressThrottle after it was made at the
// earliest, so that its rate is measured over that time at least: never the
// "267 GB/s" of one read from the page cache.
func TestProgressBar(t *testing.T) {
	if newProgressBar(io.Discard, progressMinBytes-1) != nil {
		t.Error("a bar for a small input")
	}
	var screen bytes.Buffer
	start := time.Now()
	p := newProgressBar(&screen, 2*progressMinBytes)
	data := strings.Repeat("x", progressMinBytes)
	n, err := io.Copy(io.Discard, p.reader(strings.NewReader(data)))
	if err != nil || n != progressMinBytes {
		t.Fatalf("read %d bytes through the bar, %v", n, err)
	}
	if time.Since(start) < progressThrottle && screen.Len() > 0 {
		t.Errorf("a frame before progressThrottle: %q", screen.String())
	}
	time.Sleep(time.Until(start.Add(progressThrottle + 10*time.Millisecond)))
	// Another 2% of the total, for a new frame (the bar draws one when the
	// percentage changes).
	if _, err := io.Copy(io.Discard, p.reader(strings.NewReader(data[:progressMinBytes/25]))); err != nil {
		t.Fatal(err)
	}
	frames := screen.String()
	p.done()
	// 70 MB over 200 ms at least is at most 350 MB/s; on a loaded machine
	// the rate may be far lower, but never in GB/s.
	if !strings.Contains(frames, "reading") || !strings.Contains(frames, "B/s") || strings.Contains(frames, "GB/s") || strings.Contains(frames, "TB/s") {
		t.Errorf("frames %q: want the description and a rate below 1 GB/s", frames)
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
