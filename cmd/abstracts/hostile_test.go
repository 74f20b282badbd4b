package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// repeatByte is an endless stream of one byte.
type repeatByte byte

func (c repeatByte) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

// TestHostileInputs feeds validate inputs that are not dumps, or are dumps
// taken to extremes, and checks that each ends with the right status and
// diagnostic, quickly and in bounded memory.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	gz := filepath.Join(dir, "dump.txt.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte("new\n\nMar 14\n")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(gz, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	utf16 := filepath.Join(dir, "utf16.txt")
	if err := os.WriteFile(utf16, []byte("\xff\xfen\x00e\x00w\x00\n\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	chrome := filepath.Join(dir, "chrome.txt")
	if err := os.WriteFile(chrome, []byte("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		stdin    io.Reader
		status   int
		want     string        // in stdout, or in stderr for status 2
		maxAlloc uint64        // bytes allocated at most
		maxTime  time.Duration // generous: CI machines are slow
	}{
		{"1 GB line without a newline", []string{"validate", "-"},
			io.MultiReader(strings.NewReader("Mar 14\n\n"), io.LimitReader(repeatByte('a'), 1<<30)),
			exitInvalid, "-:3:1: error: line is longer than 65536 bytes", 64 << 20, 60 * time.Second},
		{"a million one-word paragraphs", []string{"validate", "-"},
			strings.NewReader("Mar 14\n\n" + strings.Repeat("word\n\n", 1_000_000)),
			exitInvalid, "[abstract-too-short]", 256 << 20, 30 * time.Second},
		{"100,000 blank lines", []string{"validate", "-"}, strings.NewReader(strings.Repeat("\n", 100_000)),
			exitInvalid, "-:1:1: error: no papers found: the file is empty [no-papers]", 64 << 20, 10 * time.Second},
		{"only page chrome", []string{"validate", chrome}, nil, exitInvalid, "[no-papers]", 16 << 20, 5 * time.Second},
		{"UTF-16", []string{"validate", utf16}, nil, exitInvalid, "[unsupported-encoding]", 16 << 20, 5 * time.Second},
		{"gzip given by mistake", []string{"validate", gz}, nil, exitInvalid, "file is gzip-compressed", 16 << 20, 5 * time.Second},
		{"a directory", []string{"validate", dir}, nil, exitTrouble, "is a directory", 16 << 20, 5 * time.Second},
		{"/dev/zero", []string{"validate", "/dev/zero"}, nil, exitInvalid, "[binary-data]", 16 << 20, 5 * time.Second},
		{"endless NUL bytes on stdin", []string{"validate", "-"}, repeatByte(0), exitInvalid, "NUL byte", 16 << 20, 5 * time.Second},
		{"/dev/zero through export", []string{"export", "--out", filepath.Join(dir, "out-zero"), "/dev/zero"}, nil,
			exitInvalid, "[binary-data]", 16 << 20, 5 * time.Second},
		{"endless line on stdin through export", []string{"export", "--out", filepath.Join(dir, "out-line"), "-"},
			repeatByte('a'), exitInvalid, "[line-too-long]", 512 << 20, 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			code := run(tt.args, tt.stdin, &stdout, &stderr)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if code != tt.status {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.status, clip(stdout.String()), stderr.String())
			}
			where := stdout.String()
			if tt.status == exitTrouble {
				where = stderr.String()
			}
			if tt.args[0] == "export" {
				where = stderr.String()
				if _, err := os.Stat(tt.args[2]); !os.IsNotExist(err) {
					t.Errorf("export left %s behind", tt.args[2])
				}
			}
			if !strings.Contains(where, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, clip(where))
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > tt.maxAlloc {
				t.Errorf("allocated %d MB, at most %d MB expected", alloc>>20, tt.maxAlloc>>20)
			}
			if elapsed > tt.maxTime {
				t.Errorf("took %v, at most %v expected", elapsed, tt.maxTime)
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// TestNoControlCharactersEchoed checks that a path or text with terminal
// escapes reaches the output escaped.
func TestNoControlCharactersEchoed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evil\x1b[31m.txt")
	if err := os.WriteFile(path, []byte("Mar 14\n\nTitle \x1b[2J\n\n"+strings.Repeat("word ", 30)+"end.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"validate", path}, nil, &stdout, &stderr); code != exitInvalid {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	for _, out := range []string{stdout.String(), stderr.String()} {
		if strings.ContainsRune(out, '\x1b') {
			t.Errorf("raw escape in output: %q", out)
		}
	}
	if !strings.Contains(stdout.String(), `\x1b`) {
		t.Errorf("the escape is not shown escaped: %q", stdout.String())
	}
}
