package validate

import (
	"bytes"
	"errors"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// FuzzReader feeds arbitrary bytes to the reader and checks its promises:
// no panic; every record passes the schema and has its title and abstract
// verbatim in the input; every diagnostic points inside the input, at the
// paragraph that holds its defect as a second, simple reading of the lines
// finds them (checkParagraphs), and carries no raw control character.
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
	for _, d := range placedDefects {
		if d.whole != nil {
			input, _ := d.whole(fixture(3), 1, 3)
			f.Add([]byte(input))
		} else {
			ps, _ := d.defect(fixture(3), 1, 3)
			f.Add([]byte(dump(ps...)))
		}
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
			if !jsTitle.MatchString(rec.Title) {
				t.Fatalf("title %q fails the schema's pattern as JavaScript reads \\s", rec.Title)
			}
			for _, u := range rec.URLs {
				if !ajvURI.MatchString(u) {
					t.Fatalf("URL %q fails Ajv's uri format", u)
				}
			}
		}
		lines := bytes.Split(input, []byte("\n"))
		checkParagraphs(t, input, r.Diagnostics())
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

// paragraphCodes are the codes reported at the first line of a paragraph:
// a title, an abstract, a date line or a line of page text.
var paragraphCodes = map[Code]bool{
	CodeUnknownPreamble: true, CodeMissingDate: true, CodeInvalidDate: true, CodeMissingTitle: true,
	CodeMissingAbstract: true, CodeSplitAbstract: true, CodeTitleTooLong: true, CodeAbstractTooShort: true,
	CodeAbstractTooLong: true, CodeDuplicatePaper: true, CodeTruncatedFile: true, CodeSchemaViolation: true,
	CodeLatexInTitle: true, CodeHrefDebris: true, CodeMalformedURL: true, CodeRepeatedAbstract: true,
}

// checkParagraphs reads input a second, simple way, as lines that are
// blank or not, and checks that each diagnostic points where its kind of
// defect can stand: a paragraph's code at the first line of a paragraph,
// missing-blank-line at a line that follows a non-blank one, extra blank
// lines at a blank line after a blank line, a character's code at a
// non-blank line, trailing white space at a line that ends with it.
func checkParagraphs(t *testing.T, input []byte, diags List) {
	t.Helper()
	input = bytes.TrimPrefix(input, []byte("\xEF\xBB\xBF"))
	var lines []string
	for _, l := range bytes.Split(input, []byte("\n")) {
		lines = append(lines, string(bytes.TrimSuffix(l, []byte("\r"))))
	}
	blank := func(n int) bool { // line n, 1-based
		return n < 1 || n > len(lines) || strings.TrimRightFunc(lines[n-1], isSpace) == ""
	}
	cardAt := map[int]bool{}
	for _, d := range diags {
		if d.Code == CodeCardLine {
			cardAt[d.Pos.Line] = true
		}
	}
	for _, d := range diags {
		n := d.Pos.Line
		switch {
		case d.Code == CodeNoPapers || d.Code == CodeUnsupportedEncoding:
			if n != 1 || d.Pos.Column != 1 {
				t.Fatalf("%v: a file's code not at 1:1", d)
			}
		case d.Code == CodeExtraBlankLines:
			if !blank(n) || !blank(n-1) {
				t.Fatalf("%v: not at the second of two blank lines", d)
			}
		case d.Code == CodeTrailingWhitespace:
			line := []rune(lines[n-1])
			if c := d.Pos.Column; c < 1 || c > len(line) || !isSpace(line[c-1]) || strings.TrimRightFunc(string(line[c-1:]), isSpace) != "" {
				t.Fatalf("%v: no trailing white space from that column", d)
			}
		case d.Code == CodeMissingBlankLine:
			if blank(n) || blank(n-1) {
				t.Fatalf("%v: not at a line that follows a non-blank one", d)
			}
		case blank(n):
			t.Fatalf("%v: at a blank line", d)
		case paragraphCodes[d.Code] && !blank(n-1) && !cardAt[n-1]:
			t.Fatalf("%v: not at the first line of a paragraph", d)
		}
	}
}

// jsTitle is the schema's title pattern with \s as JavaScript (Ajv) reads
// it, Unicode spaces included, where Go's regexp reads ASCII only.
var jsTitle = regexp.MustCompile(`^[^` + jsSpace + `](?:[^\r\n]*[^` + jsSpace + `])?$`)

const jsSpace = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`
