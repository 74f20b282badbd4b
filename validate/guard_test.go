package validate

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// endless is an input of one line that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func TestGuardPassesDumps(t *testing.T) {
	input := defectiveDump(t, 500) + strings.Repeat("x", 3*DefaultMaxLineBytes) + "\n" // a long line, but not endless
	for _, chunk := range []int{1, 7, 4096, len(input)} {
		var out bytes.Buffer
		in := iotest.HalfReader(bytes.NewReader([]byte(input)))
		if chunk < len(input) {
			in = &chunkReader{r: strings.NewReader(input), n: chunk}
		}
		if _, err := io.Copy(Guard(&out, 0), in); err != nil {
			t.Fatalf("chunks of %d: %v", chunk, err)
		}
		if out.String() != input {
			t.Errorf("chunks of %d: passed on %d bytes of %d", chunk, out.Len(), len(input))
		}
	}
}

type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

func TestGuardStopsAtNUL(t *testing.T) {
	var out bytes.Buffer
	g := Guard(&out, 0)
	if n, err := g.Write([]byte("Mar 14\n\nTi\x00tle\n")); n != 11 || !errors.Is(err, ErrNotDump) {
		t.Fatalf("Write = %d, %v; want 11, ErrNotDump", n, err)
	}
	if out.String() != "Mar 14\n\nTi\x00" {
		t.Errorf("passed on %q, want up to the NUL", out.String())
	}
	if n, err := g.Write([]byte("more\n")); n != 0 || !errors.Is(err, ErrNotDump) {
		t.Errorf("Write after the stop = %d, %v; want 0, ErrNotDump", n, err)
	}
	// What was passed on is enough for a Reader to find an error.
	_, r := readAll(t, header+out.String(), nil)
	if r.Err() == nil {
		t.Errorf("a Reader finds no error in %q", out.String())
	}
}

// TestGuardStopsEndlessLine copies an endless line through a Guard: it
// stops, and a Reader given what it passed on gives up on it too, so the
// Guard never stops before the Reader would.
func TestGuardStopsEndlessLine(t *testing.T) {
	for _, maxLine := range []int{0, 1000} {
		var copied countingWriter
		n, err := io.Copy(Guard(&copied, maxLine), endless{})
		if !errors.Is(err, ErrNotDump) {
			t.Fatalf("max line %d: copy ended with %v", maxLine, err)
		}
		if n != int64(copied) || n < MaxLineSkip || n > MaxLineSkip+3*(DefaultMaxLineBytes+2) {
			t.Errorf("max line %d: copied %d bytes (%d written)", maxLine, n, copied)
		}
		r := NewReader(io.LimitReader(endless{}, n), "endless")
		r.MaxLineBytes = maxLine
		if _, err := r.Read(); err != io.EOF {
			t.Fatal(err)
		}
		if d := r.Diagnostics(); !r.Stopped() || len(d) != 1 || d[0].Code != CodeLineTooLong {
			t.Errorf("max line %d: the Reader did not give up on what the Guard passed: %v", maxLine, d)
		}
	}
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// TestGuardPassesLongJSONLines: a Papers API response as curl saves it is
// one line, which may be longer than any line of a text dump; the Reader
// reads it whole, so the Guard passes it on whole (export hashed a prefix
// of a 75 MB response before).
func TestGuardPassesLongJSONLines(t *testing.T) {
	item := []byte(`{"paper":{"id":"2608.16590","title":"T"},"title":"T","numComments":1},`)
	line := append([]byte("["), bytes.Repeat(item, (MaxLineSkip+4*DefaultMaxLineBytes)/len(item)+1)...)
	line = append(line[:len(line)-1], "]\n"...)
	var got bytes.Buffer
	g := Guard(&got, 0)
	for chunk := range slices.Chunk(line, 1<<20) {
		if _, err := g.Write(chunk); err != nil {
			t.Fatalf("after %d bytes of %d: %v", got.Len(), len(line), err)
		}
	}
	if got.Len() != len(line) {
		t.Fatalf("passed %d bytes of %d", got.Len(), len(line))
	}
	// A NUL byte still ends it.
	g = Guard(io.Discard, 0)
	if _, err := g.Write([]byte("[{\"paper\": \x00}]")); !errors.Is(err, ErrNotDump) {
		t.Errorf("NUL in JSON: %v", err)
	}
}
