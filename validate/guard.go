package validate

import (
	"bytes"
	"errors"
	"io"
)

// ErrNotDump is what a writer made by Guard returns once the bytes written
// to it are input a Reader gives up on.
var ErrNotDump = errors.New("validate: not a text dump")

// Guard returns a writer that passes writes on to w until they show input
// that a Reader with the given MaxLineBytes (zero: DefaultMaxLineBytes)
// gives up on: a NUL byte, or a line longer than MaxLineSkip plus twice the
// line limit, by when the Reader has given up on it. Input whose first
// bytes (those of the first write) are of a format that is not read by
// lines, JSON or HTML, has no line limit: a Papers API response as curl
// saves it is one line. The write that shows
// it is passed on up to and including the byte that shows it, then Write
// returns ErrNotDump, as it does from then on.
//
// A program that reads its input twice, to hash it before it parses it
// say, can copy through a Guard so that the first pass ends on /dev/zero
// or an endless stream without line breaks as the Reader does, with a copy
// that holds enough for the Reader to report it. The hash is then of a
// prefix, but the Reader finds an error in such input, so no record from it
// is valid.
func Guard(w io.Writer, maxLineBytes int) io.Writer {
	if maxLineBytes <= 0 {
		maxLineBytes = DefaultMaxLineBytes
	}
	// The Reader reads a long line in pieces of its buffer, maxLineBytes
	// and a line ending, and gives up at the first piece that ends more
	// than MaxLineSkip bytes into the line: by two pieces past MaxLineSkip
	// it has.
	return &guard{w: w, limit: MaxLineSkip + 2*(maxLineBytes+len("\r\n"))}
}

type guard struct {
	w       io.Writer
	limit   int  // the longest line passed on, without its newline
	started bool // the first write was seen
	raw     bool // the input is of a format not read by lines
	run     int  // bytes since the last newline
	done    bool // ErrNotDump was returned
}

func (g *guard) Write(p []byte) (int, error) {
	if g.done {
		return 0, ErrNotDump
	}
	if !g.started {
		g.started = true
		head := bytes.TrimPrefix(p, []byte("\xEF\xBB\xBF"))
		g.raw = detect(head[:min(len(head), detectBytes)]).raw
	}
	end := len(p) // how much of p to pass on
	if i := bytes.IndexByte(p, 0); i >= 0 {
		end, g.done = i+1, true
	}
	for rest := p[:end]; !g.raw; {
		nl := bytes.IndexByte(rest, '\n')
		n := len(rest)
		if nl >= 0 {
			n = nl
		}
		if g.run+n > g.limit {
			end, g.done = end-len(rest)+g.limit-g.run+1, true
			break
		}
		if nl < 0 {
			g.run += n
			break
		}
		g.run, rest = 0, rest[nl+1:]
	}
	n, err := g.w.Write(p[:end])
	if err == nil && g.done {
		err = ErrNotDump
	}
	return n, err
}
