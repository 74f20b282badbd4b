package validate

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/abstracts-dev/abstracts/schema"
)

const header = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\n"

// abstract returns an abstract of n characters ending with a period.
func abstract(n int) string {
	s := strings.Repeat("word ", n/5+1)[:n-1]
	return strings.TrimRight(s, " ") + strings.Repeat("x", n-1-len(strings.TrimRight(s, " "))) + "."
}

// dump returns a dump with the page chrome, a date line and the paragraphs
// separated by blank lines. The chrome and the date take lines 1 to 9; the
// first paragraph is on line 11, the next on 13, and so on.
func dump(paragraphs ...string) string {
	return header + "Mar 14\n\n" + strings.Join(paragraphs, "\n\n") + "\n"
}

type want struct {
	line, col int
	code      Code
}

func readAll(t *testing.T, input string, configure func(*Reader)) ([]*schema.Record, *Reader) {
	t.Helper()
	return readFrom(t, strings.NewReader(input), "dump.txt", configure)
}

// readFrom reads every record of src, named name, with a Reader that
// configure may set up, and returns them with the Reader.
func readFrom(t *testing.T, src io.Reader, name string, configure func(*Reader)) ([]*schema.Record, *Reader) {
	t.Helper()
	r := NewReader(src, name)
	if configure != nil {
		configure(r)
	}
	var recs []*schema.Record
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, r
		}
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		recs = append(recs, rec)
	}
}

func TestReader(t *testing.T) {
	a := abstract(1500)
	tests := []struct {
		name      string
		input     string
		year      int
		maxLine   int
		titles    []string // the records' titles
		diags     []want   // every diagnostic, in position order
		configure func(*Reader)
	}{
		{name: "two papers", input: dump("First Title", a, "Second Title?", a+" Code: https://github.com/o/r."),
			titles: []string{"First Title", "Second Title?"}},
		{name: "no final newline", input: strings.TrimSuffix(dump("T", a), "\n"), titles: []string{"T"}},
		{name: "CRLF and BOM", input: "\xEF\xBB\xBF" + strings.ReplaceAll(dump("Tïtle", a), "\n", "\r\n"), titles: []string{"Tïtle"}},
		{name: "extra blank lines at the end", input: dump("T", a) + "\n\n\n", titles: []string{"T"}},
		{name: "trailing white space", input: strings.Replace(dump("Tï  ", a), "Tï  ", "Tï \t", 1), titles: []string{"Tï"},
			diags: []want{{11, 3, CodeTrailingWhitespace}}},
		{name: "blank line with spaces", input: header + "Mar 14\n  \nT\n\n" + a + "\n", titles: []string{"T"},
			diags: []want{{10, 1, CodeTrailingWhitespace}}},
		{name: "line of Unicode spaces is blank", input: header + "Mar 14\n\u00a0\u3000\nT\n\n" + a + "\n", titles: []string{"T"},
			diags: []want{{10, 1, CodeTrailingWhitespace}}},
		{name: "title ends with a no-break space", input: dump("Tï\u00a0", a), titles: []string{"Tï"},
			diags: []want{{11, 3, CodeTrailingWhitespace}}},
		{name: "leading ideographic space", input: dump("T", "\u3000"+a), diags: []want{{13, 1, CodeLeadingWhitespace}}},
		{name: "extra blank lines between", input: header + "Mar 14\n\n\n\nT\n\n" + a + "\n", titles: []string{"T"},
			diags: []want{{11, 1, CodeExtraBlankLines}}},
		{name: "latex in title", input: dump("Sharper Bounds for ell_p Sampling", a), titles: []string{"Sharper Bounds for ell_p Sampling"},
			diags: []want{{11, 23, CodeLatexInTitle}}},
		{name: "href debris", input: dump("T", "ü "+a+" https://github.com/a/b{https://github.com/a/b}."), titles: []string{"T"},
			diags: []want{{13, 1504, CodeHrefDebris}}},
		{name: "malformed URL", input: dump("T", a+" see https://"), titles: []string{"T"},
			diags: []want{{13, 1506, CodeMalformedURL}}},
		{name: "second listing pasted after the first", input: dump("T1", a) + "\n" + header + "Nov 3\n\nT2\n\n" + a + "\n",
			titles: []string{"T1", "T2"}},

		{name: "empty", input: "", diags: []want{{1, 1, CodeNoPapers}}},
		{name: "only chrome", input: header, diags: []want{{1, 1, CodeNoPapers}}},
		{name: "only chrome and date", input: header + "Mar 14\n", diags: []want{{1, 1, CodeNoPapers}}},
		{name: "UTF-16", input: "\xFF\xFEn\x00e\x00w\x00", diags: []want{{1, 1, CodeUnsupportedEncoding}}},
		{name: "gzip", input: "\x1F\x8B\x08\x00", diags: []want{{1, 1, CodeBinaryData}}},
		{name: "NUL byte", input: dump("T", "ab\x00"+a), diags: []want{{13, 3, CodeBinaryData}}},
		{name: "invalid UTF-8", input: dump("Light Schr\xF6dinger Bridge", a), diags: []want{{11, 11, CodeInvalidUTF8}}},
		{name: "control character", input: dump("T", "ü\a"+a), diags: []want{{13, 2, CodeControlCharacter}}},
		{name: "C1 control character", input: dump("T\u0085x", a), diags: []want{{11, 2, CodeControlCharacter}}},
		{name: "carriage return inside a line", input: dump("T\rx", a), diags: []want{{11, 2, CodeControlCharacter}}},
		{name: "line too long", input: dump("T", abstract(3000)), maxLine: 2000, diags: []want{{13, 1, CodeLineTooLong}}},
		{name: "line too long at the end without newline", input: header + "Mar 14\n\nT\n\n" + abstract(3000), maxLine: 2000,
			diags: []want{{13, 1, CodeLineTooLong}}},
		{name: "leading white space", input: dump("T", " "+a), diags: []want{{13, 1, CodeLeadingWhitespace}}},
		{name: "wrapped abstract", input: dump("T", a[:802]+"\n"+a[802:], "T2", a),
			titles: []string{"T2"}, diags: []want{{14, 1, CodeMissingBlankLine}}},
		{name: "unknown preamble", input: "Sign in\n\n" + dump("T", a), titles: []string{"T"},
			diags: []want{{1, 1, CodeUnknownPreamble}}},
		{name: "missing date", input: header + "T\n\n" + a + "\n\nT2\n\n" + a + "\n",
			diags: []want{{9, 1, CodeMissingDate}}},
		{name: "impossible date", input: header + "Mar 34\n\nT\n\n" + a + "\n", diags: []want{{9, 1, CodeInvalidDate}}},
		{name: "date not in the listing form", input: header + "March 14\n\nT\n\n" + a + "\n", diags: []want{{9, 1, CodeInvalidDate}}},
		{name: "Feb 29 without a year", input: header + "Feb 29\n\nT\n\n" + a + "\n", titles: []string{"T"}},
		{name: "Feb 29 in a common year", input: header + "Feb 29\n\nT\n\n" + a + "\n", year: 2023,
			diags: []want{{9, 1, CodeInvalidDate}}},
		{name: "missing title", input: dump(a, "T", a), titles: []string{"T"}, diags: []want{{11, 1, CodeMissingTitle}}},
		{name: "missing abstract at the end", input: dump("T", a, "T2"), titles: []string{"T"},
			diags: []want{{15, 1, CodeMissingAbstract}}},
		{name: "missing abstract before the next title", input: dump("T", "T2", a), titles: []string{"T2"},
			diags: []want{{11, 1, CodeMissingAbstract}}},
		{name: "missing abstract before a date line", input: dump("T", "Mar 15", "T2", a), titles: []string{"T2"},
			diags: []want{{11, 1, CodeMissingAbstract}}},
		{name: "abstract cut in two", input: dump("T", a, "and the rest of it.", "T2", a), titles: []string{"T2"},
			diags: []want{{15, 1, CodeSplitAbstract}}},
		{name: "abstract cut in two, long second part", input: dump("T", a, a, "T2", a), titles: []string{"T2"},
			diags: []want{{15, 1, CodeSplitAbstract}}},
		{name: "title ending with a period, before its abstract", input: dump("T", a, "Title With a Period.", a), titles: []string{"T", "Title With a Period."}},
		{name: "whole abstract after an abstract: its title is missing", input: dump("T", "We "+a, "We "+a, "T3", a),
			titles: []string{"T", "T3"}, diags: []want{{15, 1, CodeMissingTitle}}},
		{name: "title too long", input: dump(strings.Repeat("é", 301), a), diags: []want{{11, 301, CodeTitleTooLong}}},
		{name: "abstract too short", input: dump("T", abstract(99)), diags: []want{{13, 1, CodeAbstractTooShort}}},
		{name: "abstract too long", input: dump("T", abstract(5001)), diags: []want{{13, 5001, CodeAbstractTooLong}}},
		{name: "duplicate paper", input: dump("Same Title", a, "same  TITLE", a), titles: []string{"Same Title"},
			diags: []want{{15, 1, CodeDuplicatePaper}}},
		{name: "truncated file", input: header + "Mar 14\n\nT\n\n" + a + " and then the file st",
			diags: []want{{13, 1521, CodeTruncatedFile}}},
		{name: "ends with a URL, no newline", input: header + "Mar 14\n\nT\n\n" + a + " https://github.com/o/r",
			titles: []string{"T"}},
		{name: "max errors", input: dump("T", "a", "T2", "b", "T3", "c"), configure: func(r *Reader) { r.MaxErrors = 2 },
			diags: []want{{13, 1, CodeAbstractTooShort}, {17, 1, CodeAbstractTooShort}}},
	}
	for _, tt := range tests {
		for _, concurrency := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/concurrency=%d", tt.name, concurrency), func(t *testing.T) {
				testReaderCase(t, tt.input, tt.titles, tt.diags, func(r *Reader) {
					r.Year, r.MaxLineBytes, r.Concurrency = tt.year, tt.maxLine, concurrency
					if tt.configure != nil {
						tt.configure(r)
					}
				})
			})
		}
	}
}

// testReaderCase reads input and checks the titles of the records and the
// position and code of every diagnostic.
func testReaderCase(t *testing.T, input string, titles []string, diags []want, configure func(*Reader)) {
	t.Helper()
	recs, r := readAll(t, input, configure)
	var gotTitles []string
	for _, rec := range recs {
		gotTitles = append(gotTitles, rec.Title)
		if !strings.Contains(input, rec.Title) || !strings.Contains(input, rec.Abstract) {
			t.Errorf("record %q is not verbatim from the input", rec.Title)
		}
	}
	if strings.Join(gotTitles, "|") != strings.Join(titles, "|") {
		t.Errorf("titles = %q, want %q", gotTitles, titles)
	}
	var got []want
	for _, d := range r.Diagnostics() {
		got = append(got, want{d.Pos.Line, d.Pos.Column, d.Code})
		if d.Pos.File != "dump.txt" {
			t.Errorf("diagnostic file = %q", d.Pos.File)
		}
	}
	if len(got) != len(diags) {
		t.Fatalf("diagnostics:\n%v\nwant %v", r.Diagnostics(), diags)
	}
	for i := range got {
		if got[i] != diags[i] {
			t.Errorf("diagnostic %d = %v (%s), want %v", i, got[i], r.Diagnostics()[i].Message, diags[i])
		}
	}
	wantErr := false
	for _, d := range diags {
		wantErr = wantErr || severityOf(d.code) == Error
	}
	if (r.Err() != nil) != wantErr {
		t.Errorf("Err() = %v, want an error: %v", r.Err(), wantErr)
	}
}

func severityOf(c Code) Severity {
	for _, info := range Codes {
		if info.Code == c {
			return info.Severity
		}
	}
	panic("unknown code " + c)
}

func TestRecordFields(t *testing.T) {
	input := header + "Mar 14\n\nFirst\n\n" + abstract(300) + " Code at https://github.com/fudan-zvg/SOFT. and http://x.org/a_(b) and https://github.com/fudan-zvg/SOFT\n\n" +
		"Nov 3\n\nSecond\n\n" + abstract(200) + "\n"
	recs, r := readAll(t, input, func(r *Reader) { r.Year = 2024 })
	if r.Err() != nil || len(recs) != 2 {
		t.Fatalf("got %d records, %v", len(recs), r.Err())
	}
	first, second := recs[0], recs[1]
	if first.ID != schema.TitleID("First") || first.Position != 1 || first.Line != 11 || first.Source != "dump.txt" ||
		first.ListingLabel != "Mar 14" || first.ListingDate != "2024-03-14" || first.GitHubRepo != "fudan-zvg/SOFT" {
		t.Errorf("first = %+v", first)
	}
	if got := strings.Join(first.URLs, " "); got != "https://github.com/fudan-zvg/SOFT http://x.org/a_(b)" {
		t.Errorf("urls = %q", got)
	}
	if second.Position != 2 || second.Line != 17 || second.ListingLabel != "Nov 3" || second.ListingDate != "2024-11-03" ||
		second.GitHubRepo != "" || len(second.URLs) != 0 || second.URLs == nil {
		t.Errorf("second = %+v", second)
	}
}

func TestRealDump(t *testing.T) {
	data, err := os.ReadFile("../testdata/hf-papers-mar14.txt")
	if err != nil {
		t.Fatal(err)
	}
	recs, r := readAll(t, string(data), nil)
	if r.Err() != nil || len(recs) != 51 || r.Warnings() != 5 {
		t.Fatalf("records %d, warnings %d, err %v", len(recs), r.Warnings(), r.Err())
	}
	lines := strings.Split(string(data), "\n")
	for i, rec := range recs {
		if lines[rec.Line-1] != rec.Title || lines[rec.Line+1] != rec.Abstract || rec.Position != i+1 {
			t.Errorf("record %d (line %d) does not match the dump's text", i+1, rec.Line)
		}
	}
	if got := recs[23].URLs; len(got) != 1 || got[0] != "https://github.com/alaamaalouf/AutoCoreset" {
		t.Errorf("AutoCoreset urls = %q", got)
	}
	if recs[40].Title != "Light Schrödinger Bridge" || recs[40].GitHubRepo != "ngushchin/LightSB" {
		t.Errorf("record 41 = %q %q", recs[40].Title, recs[40].GitHubRepo)
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := NewReader(io.MultiReader(strings.NewReader(header), iotest.ErrReader(boom)), "dump.txt")
	_, err := r.Read()
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "dump.txt") {
		t.Fatalf("Read error = %v, want one wrapping %v and naming the file", err, boom)
	}
}

func TestHugeLineBoundedMemory(t *testing.T) {
	// 256 MiB without a newline: the reader must skip it, not hold it.
	const size = 256 << 20
	input := io.MultiReader(strings.NewReader(header+"Mar 14\n\nT\n\n"), io.LimitReader(repeatReader('a'), size))
	r := NewReader(input, "huge.txt")
	if _, err := r.Read(); !errors.Is(err, io.EOF) {
		t.Fatalf("Read = %v", err)
	}
	d := r.Diagnostics()
	if len(d) == 0 || d[0].Code != CodeLineTooLong || d[0].Pos.Line != 13 {
		t.Fatalf("diagnostics = %v", d)
	}
	if r.parser.br.Size() > 2*DefaultMaxLineBytes {
		t.Errorf("buffer grew to %d bytes", r.parser.br.Size())
	}
}

type repeatReader byte

func (c repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

func TestDiagnosticForms(t *testing.T) {
	d := &Diagnostic{Pos: Position{"d.txt", 3, 7}, Severity: Warning, Code: CodeTrailingWhitespace, Message: "m"}
	if got := d.Error(); got != "d.txt:3:7: warning: m [trailing-whitespace]" {
		t.Errorf("Error() = %q", got)
	}
	var l List
	if l.Err() != nil {
		t.Error("empty list is an error")
	}
	l = append(l, d)
	if l.Err() != nil {
		t.Error("a list of warnings is an error")
	}
	l.Add(Position{"d.txt", 1, 1}, Error, CodeNoPapers, "x")
	l.Sort()
	if l.Err() == nil || l[0].Pos.Line != 1 {
		t.Errorf("sorted list = %v", l)
	}
}

func TestCodesTable(t *testing.T) {
	seen := map[Code]bool{}
	for _, c := range Codes {
		if seen[c.Code] {
			t.Errorf("code %s listed twice", c.Code)
		}
		seen[c.Code] = true
		if c.Meaning == "" || c.Fix == "" || !strings.HasSuffix(c.Example, "["+string(c.Code)+"]") ||
			!strings.Contains(c.Example, ": "+c.Severity.String()+": ") {
			t.Errorf("code %s is not documented with meaning, fix and a matching example", c.Code)
		}
	}
}
