package validate

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// FuzzReader feeds arbitrary bytes to the reader and checks its promises:
// no panic; every record passes the schema and has its title and abstract
// verbatim in the input; every diagnostic points inside the input and
// carries no raw control character.
func FuzzReader(f *testing.F) {
	seed, err := os.ReadFile("../testdata/hf-papers-mar14.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	a := abstract(150)
	for _, s := range []string{
		"", header, dump("T", a), dump("T", "T2", a), dump("T", a, "rest.", "T2", a),
		"\xEF\xBB\xBF" + strings.ReplaceAll(dump("T ", a), "\n", "\r\n"), dump("T\x1b[31m", a), "\xff\xfe",
		header + "Mar 34\n\nT\n\n" + a, dump("same", a, "SAME", a), dump(a, a),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		r := NewReader(bytes.NewReader(input), "f.txt")
		r.MaxLineBytes = 4096
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if err := schema.Validate(rec.Map()); err != nil {
				t.Fatalf("record fails the schema: %v", err)
			}
			if !bytes.Contains(input, []byte(rec.Title)) || !bytes.Contains(input, []byte(rec.Abstract)) {
				t.Fatalf("record %q is not verbatim from the input", rec.Title)
			}
		}
		lines := bytes.Split(input, []byte("\n"))
		for _, d := range r.Diagnostics() {
			if d.Pos.Line < 1 || d.Pos.Line > len(lines) {
				t.Fatalf("%v: line outside the input (%d lines)", d, len(lines))
			}
			width := utf8.RuneCount(lines[d.Pos.Line-1])
			if d.Pos.Column < 1 || d.Pos.Column > width+1 && d.Code != CodeLineTooLong {
				t.Fatalf("%v: column outside its line of %d characters", d, width)
			}
			for _, c := range []byte(d.Error()) {
				if c < 0x20 || c == 0x7f {
					t.Fatalf("diagnostic holds raw control byte %#x: %q", c, d.Error())
				}
			}
		}
		if r.Records() > 0 && r.Errors() == 0 && r.Err() != nil {
			t.Fatal("Err disagrees with Errors")
		}
	})
}
