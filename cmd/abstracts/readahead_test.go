package main

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
)

// readAhead copies every byte in order, whatever sizes the reads return.
func TestReadAhead(t *testing.T) {
	data := make([]byte, 3*hashBuffer+12345)
	for i := range data {
		data[i] = byte(rand.IntN(256))
	}
	for name, src := range map[string]func() io.Reader{
		"whole":    func() io.Reader { return bytes.NewReader(data) },
		"half":     func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
		"data+EOF": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
		"empty":    func() io.Reader { return bytes.NewReader(nil) },
	} {
		var dst bytes.Buffer
		if err := readAhead(&dst, src()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		want := data
		if name == "empty" {
			want = nil
		}
		if !bytes.Equal(dst.Bytes(), want) {
			t.Errorf("%s: copied %d bytes, not the %d read", name, dst.Len(), len(want))
		}
	}
}

type aheadFailingWriter struct{ after int }

func (w *aheadFailingWriter) Write(p []byte) (int, error) {
	if w.after--; w.after < 0 {
		return 0, errAheadWrite
	}
	return len(p), nil
}

var errAheadWrite = errors.New("write failed")

// The first error of the writer is returned at once, and one of the
// reader otherwise.
func TestReadAheadErrors(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 5*hashBuffer)
	if err := readAhead(&aheadFailingWriter{after: 1}, bytes.NewReader(big)); !errors.Is(err, errAheadWrite) {
		t.Errorf("failing writer: %v, want %v", err, errAheadWrite)
	}
	errRead := errors.New("read failed")
	src := io.MultiReader(bytes.NewReader(big[:100]), iotest.ErrReader(errRead))
	var dst bytes.Buffer
	if err := readAhead(&dst, src); !errors.Is(err, errRead) || dst.Len() != 100 {
		t.Errorf("failing reader: %v after %d bytes, want %v after 100", err, dst.Len(), errRead)
	}
	// A writer failing while the reader never ends: readAhead returns.
	if err := readAhead(&aheadFailingWriter{after: 0}, endless{}); !errors.Is(err, errAheadWrite) {
		t.Errorf("endless input: %v, want %v", err, errAheadWrite)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }
