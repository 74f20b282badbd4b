package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/schema"
)

// The papers of the positions fixture: five papers with distinct titles and
// abstracts that read like real ones (capitalized, closed by a period).
const fixturePapers = 5

func fixtureTitle(k int) string {
	return fmt.Sprintf("Paper Number %d of the Position Fixture", k+1)
}

func fixtureAbstract(k int) string {
	return fmt.Sprintf("We study problem %d. ", k+1) + abstract(1400)
}

// fixture returns the paragraphs of the positions fixture, title then
// abstract for each paper.
func fixture(n int) []string {
	var ps []string
	for k := range n {
		ps = append(ps, fixtureTitle(k), fixtureAbstract(k))
	}
	return ps
}

// titleLine and abstractLine are where paper k's title and abstract stand in
// dump(fixture(n)...) when nothing before them was changed.
func titleLine(k int) int    { return 11 + 4*k }
func abstractLine(k int) int { return 13 + 4*k }

type result struct {
	diags   []want
	missing []int  // papers that give no record
	retitle string // paper k's title after the defect, if changed
}

// placedDefect is a defect that can be put in any paper k of a dump of n
// papers (see fixture), with what must then be reported.
type placedDefect struct {
	code      Code
	name      string
	configure func(*Reader)
	// defect changes the paragraphs (or, with whole, the whole dump)
	// and returns what must be reported.
	defect func(ps []string, k, n int) ([]string, result)
	whole  func(ps []string, k, n int) (string, result)
}

// placedDefects has at least one defect for each code a paper can hold.
var placedDefects = []placedDefect{
	{code: CodeBinaryData, name: "NUL byte in the abstract", whole: func(ps []string, k, n int) (string, result) {
		ps[2*k+1] = "ab\x00" + ps[2*k+1]
		var missing []int
		for j := k; j < n; j++ {
			missing = append(missing, j) // reading stops at binary data
		}
		return dump(ps...), result{[]want{{abstractLine(k), 3, CodeBinaryData}}, missing, ""}
	}},
	{code: CodeInvalidUTF8, name: "Latin-1 byte in the title", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] = "Light Schr\xF6dinger Bridge " + ps[2*k]
		return ps, result{[]want{{titleLine(k), 11, CodeInvalidUTF8}}, []int{k}, ""}
	}},
	{code: CodeControlCharacter, name: "bell in the abstract", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k+1] = "ü\a" + ps[2*k+1]
		return ps, result{[]want{{abstractLine(k), 2, CodeControlCharacter}}, []int{k}, ""}
	}},
	{code: CodeLineTooLong, name: "abstract over the line limit", configure: func(r *Reader) { r.MaxLineBytes = 2000 },
		defect: func(ps []string, k, n int) ([]string, result) {
			ps[2*k+1] = abstract(3000)
			return ps, result{[]want{{abstractLine(k), 1, CodeLineTooLong}}, []int{k}, ""}
		}},
	{code: CodeLeadingWhitespace, name: "indented abstract", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k+1] = " " + ps[2*k+1]
		return ps, result{[]want{{abstractLine(k), 1, CodeLeadingWhitespace}}, []int{k}, ""}
	}},
	{code: CodeLeadingWhitespace, name: "title after a no-break space", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] = "\u00a0" + ps[2*k]
		return ps, result{[]want{{titleLine(k), 1, CodeLeadingWhitespace}}, []int{k}, ""}
	}},
	{code: CodeMissingBlankLine, name: "wrapped abstract", defect: func(ps []string, k, n int) ([]string, result) {
		a := ps[2*k+1]
		ps[2*k+1] = a[:802] + "\n" + a[802:]
		return ps, result{[]want{{abstractLine(k) + 1, 1, CodeMissingBlankLine}}, []int{k}, ""}
	}},
	{code: CodeInvalidDate, name: "impossible date line before the paper", defect: func(ps []string, k, n int) ([]string, result) {
		ps = append(ps[:2*k], append([]string{"Mar 34"}, ps[2*k:]...)...)
		var missing []int
		for j := k; j < n; j++ {
			missing = append(missing, j) // a broken label spoils the papers under it
		}
		return ps, result{[]want{{titleLine(k), 1, CodeInvalidDate}}, missing, ""}
	}},
	{code: CodeInvalidDate, name: "ISO date line before the paper", defect: func(ps []string, k, n int) ([]string, result) {
		ps = append(ps[:2*k], append([]string{"2024-03-15"}, ps[2*k:]...)...)
		var missing []int
		for j := k; j < n; j++ {
			missing = append(missing, j)
		}
		return ps, result{[]want{{titleLine(k), 1, CodeInvalidDate}}, missing, ""}
	}},
	{code: CodeMissingTitle, name: "title deleted", defect: func(ps []string, k, n int) ([]string, result) {
		ps = append(ps[:2*k], ps[2*k+1:]...)
		return ps, result{[]want{{titleLine(k), 1, CodeMissingTitle}}, []int{k}, ""}
	}},
	{code: CodeMissingAbstract, name: "abstract deleted", defect: func(ps []string, k, n int) ([]string, result) {
		ps = append(ps[:2*k+1], ps[2*k+2:]...)
		return ps, result{[]want{{titleLine(k), 1, CodeMissingAbstract}}, []int{k}, ""}
	}},
	{code: CodeMissingAbstract, name: "abstract deleted, next abstract short", defect: func(ps []string, k, n int) ([]string, result) {
		next := (k + 1) % n // for the last paper, the first paper's abstract is the short one
		ps[2*next+1] = "We study a short problem. " + abstract(190)
		ps = append(ps[:2*k+1], ps[2*k+2:]...)
		return ps, result{[]want{{titleLine(k), 1, CodeMissingAbstract}}, []int{k}, ""}
	}},
	{code: CodeSplitAbstract, name: "abstract cut in two", defect: func(ps []string, k, n int) ([]string, result) {
		a := ps[2*k+1]
		ps[2*k+1] = a[:700] + ".\n\nAnd" + a[700:]
		return ps, result{[]want{{abstractLine(k) + 2, 1, CodeSplitAbstract}}, []int{k}, ""}
	}},
	{code: CodeTitleTooLong, name: "title of 301 characters", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] = strings.Repeat("é", 301)
		return ps, result{[]want{{titleLine(k), 301, CodeTitleTooLong}}, []int{k}, ""}
	}},
	{code: CodeAbstractTooShort, name: "abstract of 99 characters", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k+1] = "We cut it. " + abstract(88)
		return ps, result{[]want{{abstractLine(k), 1, CodeAbstractTooShort}}, []int{k}, ""}
	}},
	{code: CodeAbstractTooLong, name: "abstract of 5001 characters", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k+1] = "We run on. " + abstract(4990)
		return ps, result{[]want{{abstractLine(k), 5001, CodeAbstractTooLong}}, []int{k}, ""}
	}},
	{code: CodeDuplicatePaper, name: "paper pasted twice", defect: func(ps []string, k, n int) ([]string, result) {
		// paper k is pasted again right after itself; the copy is reported
		ps = append(ps[:2*k+2], append([]string{ps[2*k], ps[2*k+1]}, ps[2*k+2:]...)...)
		return ps, result{[]want{{titleLine(k + 1), 1, CodeDuplicatePaper}}, nil, ""}
	}},
	{code: CodeTrailingWhitespace, name: "title ends with an ideographic space", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] += "\u3000"
		return ps, result{[]want{{titleLine(k), len(fixtureTitle(k)) + 1, CodeTrailingWhitespace}}, nil, ""}
	}},
	{code: CodeExtraBlankLines, name: "two blank lines before the abstract", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] += "\n"
		// reported at the first blank line too many
		return ps, result{[]want{{titleLine(k) + 2, 1, CodeExtraBlankLines}}, nil, ""}
	}},
	{code: CodeLatexInTitle, name: "underscore in the title", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] = "Bounds for ell_p " + ps[2*k]
		return ps, result{[]want{{titleLine(k), 15, CodeLatexInTitle}}, nil, ps[2*k]}
	}},
	{code: CodeHrefDebris, name: "URL glued to href braces", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k+1] = "ü Code: https://github.com/a/b{https://github.com/a/b}. " + ps[2*k+1]
		return ps, result{[]want{{abstractLine(k), 9, CodeHrefDebris}}, nil, ""}
	}},
	{code: CodeMalformedURL, name: "scheme without host", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k+1] = "ü see https:// for " + ps[2*k+1]
		return ps, result{[]want{{abstractLine(k), 7, CodeMalformedURL}}, nil, ""}
	}},
	{code: CodeCardLine, name: "submitter between title and abstract", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] += "\n\nSubmitted by someone"
		return ps, result{[]want{{titleLine(k) + 2, 1, CodeCardLine}}, nil, ""}
	}},
	{code: CodeCardLine, name: "upvote and count glued to the title", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] += "\nUpvote\n42"
		return ps, result{[]want{{titleLine(k) + 1, 1, CodeCardLine}, {titleLine(k) + 2, 1, CodeCardLine}}, nil, ""}
	}},
	{code: CodeCardLine, name: "authors, separator and date after the abstract", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k+1] += "\n\n3 authors\n\n·\n\nMay 29\n\nPublished on Oct 4, 2026"
		a := abstractLine(k)
		return ps, result{[]want{{a + 2, 1, CodeCardLine}, {a + 4, 1, CodeCardLine}, {a + 6, 1, CodeCardLine}, {a + 8, 1, CodeCardLine}}, nil, ""}
	}},
	{code: CodeCardLine, name: "bare submitter and user before the title", defect: func(ps []string, k, n int) ([]string, result) {
		ps[2*k] = "Submitted by\n\nsome-one_2\n\n" + ps[2*k]
		return ps, result{[]want{{titleLine(k), 1, CodeCardLine}, {titleLine(k) + 2, 1, CodeCardLine}}, nil, ""}
	}},
	{code: CodeCardLine, name: "a card's publication date with its year, alone after the abstract", defect: func(ps []string, k, n int) ([]string, result) {
		// Never an invalid listing date whose fix would drop the year.
		ps[2*k+1] += "\n\nOct 7, 2024"
		return ps, result{[]want{{abstractLine(k) + 2, 1, CodeCardLine}}, nil, ""}
	}},
	{code: CodeRepeatedAbstract, name: "abstract pasted twice on its line", defect: func(ps []string, k, n int) ([]string, result) {
		a := ps[2*k+1]
		ps[2*k+1] = a + " " + a
		return ps, result{[]want{{abstractLine(k), len(a) + 2, CodeRepeatedAbstract}}, nil, ""}
	}},
}

// TestPositionsEverywhere puts each defect in the first, a middle and the
// last paper of a dump and checks that every diagnostic stands at the exact
// line and column of the defect, with the papers around it read as usual.
func TestPositionsEverywhere(t *testing.T) {
	places := []struct {
		name string
		k    int
	}{{"first", 0}, {"middle", fixturePapers / 2}, {"last", fixturePapers - 1}}
	for _, tt := range placedDefects {
		for _, place := range places {
			t.Run(fmt.Sprintf("%s/%s/%s", tt.code, tt.name, place.name), func(t *testing.T) {
				var input string
				var res result
				if tt.whole != nil {
					input, res = tt.whole(fixture(fixturePapers), place.k, fixturePapers)
				} else {
					var ps []string
					ps, res = tt.defect(fixture(fixturePapers), place.k, fixturePapers)
					input = dump(ps...)
				}
				var titles []string
				for j := range fixturePapers {
					switch {
					case containsInt(res.missing, j):
					case j == place.k && res.retitle != "":
						titles = append(titles, res.retitle)
					default:
						titles = append(titles, fixtureTitle(j))
					}
				}
				for _, concurrency := range []int{1, 3} {
					testReaderCase(t, input, titles, res.diags, func(r *Reader) {
						r.Concurrency = concurrency
						if tt.configure != nil {
							tt.configure(r)
						}
					})
				}
			})
		}
	}
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// TestDateForms checks that a date line in another form is one invalid-date
// error that says how to write it, keeping its year for --year, and nothing
// else; and that a card's publication date with its year ("Mar 14, 2024")
// is a card line, never a listing date to rewrite without its year.
func TestDateForms(t *testing.T) {
	for _, tt := range []struct{ line, rewrite string }{
		{"2024-03-14", `"Mar 14" and give its year with --year 2024`}, {"2024/03/14", `"Mar 14" and give its year with --year 2024`},
		{"March 14", `"Mar 14"`}, {"14 Mar", `"Mar 14"`}, {"14 March 2024", `"Mar 14" and give its year with --year 2024`},
		{"Mar. 14", `"Mar 14"`}, {"mar 04", `"Mar 4"`},
	} {
		_, r := readAll(t, header+tt.line+"\n\n"+fixtureTitle(0)+"\n\n"+fixtureAbstract(0)+"\n", nil)
		d := r.Diagnostics()
		if len(d) != 1 || d[0].Code != CodeInvalidDate || d[0].Pos.Line != 9 || d[0].Pos.Column != 1 ||
			!strings.HasSuffix(d[0].Message, "write it as "+tt.rewrite) {
			t.Errorf("date line %q: %v", tt.line, d)
		}
	}
	_, r := readAll(t, header+"Mar 14\n\nMar 14, 2024\n\n"+fixtureTitle(0)+"\n\n"+fixtureAbstract(0)+"\n", nil)
	if d := r.Diagnostics(); len(d) != 1 || d[0].Code != CodeCardLine || d[0].Pos.Line != 11 || r.Records() != 1 {
		t.Errorf("Mar 14, 2024 after the date line: %v, %d records", d, r.Records())
	}
}

// TestBinaryFormats checks that a file in a binary format is one
// binary-data error at its start that names the format.
func TestBinaryFormats(t *testing.T) {
	for _, tt := range []struct{ head, format string }{
		{"PAR1\x15\x04\x15\x80\x01\x15\x80\x01L\x15\x02\x15\x00\x12\x00\x00\x10\x01\x00\x00\x00", "Parquet"},
		{"ARROW1\x00\x00\xff\xff\xff\xff\x10\x01\x00\x00", "Arrow IPC file"},
		{"\xff\xff\xff\xff\x10\x01\x00\x00\x10\x00", "Arrow IPC stream"},
		{"\x1F\x8B\x08\x00", "gzip"}, {"\x28\xB5\x2F\xFD\x04", "zstd"}, {"PK\x03\x04\x14\x00", "zip"},
		{"BZh91AY&SY\x01\x02", "bzip2"}, {"\xFD7zXZ\x00\x00", "xz"}, {"%PDF-1.7\n%\xe2\xe3", "PDF"},
		{"\x89PNG\r\n\x1A\n\x00\x00", "PNG"},
		{"\x01\x02\x03\x00\x05\n", "binary"}, // no magic: a control byte, then a NUL on the same line
	} {
		input := tt.head + strings.Repeat("\x01\x02\x00\xfe\n", 300)
		_, r := readAll(t, input, nil)
		d := r.Diagnostics()
		if len(d) != 1 || d[0].Code != CodeBinaryData || d[0].Pos.Line != 1 || !strings.Contains(d[0].Message, tt.format) {
			t.Errorf("%s: %v", tt.format, d)
		}
	}
	// "BZh" without the rest of the bzip2 header is text
	if got := binaryFormat([]byte("BZh is a title")); got != "" {
		t.Errorf("binaryFormat(BZh text) = %q", got)
	}
}

// fileLevelCodes are the codes that no paper of a plain-text dump holds,
// with the test that puts each where it can stand: the file's own codes,
// and those of the capture styles, placed at the first, a middle and the
// last card by TestCaptureDefects.
var fileLevelCodes = map[Code]string{
	CodeNotAListing:            "TestNotAListing: always one error at 1:1",
	CodeBadFrontMatter:         "TestBadFrontMatter: in the front matter, before any card",
	CodeCardMissingTitleLink:   "TestCaptureDefects: first, middle and last card of each style",
	CodeCardMissingAbstract:    "TestCaptureDefects: first, middle and last card of each style",
	CodeUnknownCardLine:        "TestCaptureDefects: first, middle and last card of each style",
	CodeBadCount:               "TestCaptureDefects: first, middle and last card of each style",
	CodeInvalidPublicationDate: "TestCaptureDefects: first, middle and last card of each style",
	CodeRepeatedCard:           "TestRepeatedCards: the copy's line, naming the first",
	CodeUnsupportedEncoding:    "TestReader/UTF-16: a byte-order mark stands at 1:1",
	CodeUnknownPreamble:        "TestReader/unknown preamble: only before the date line",
	CodeMissingDate:            "TestReader/missing date: only before the first paper",
	CodeNoPapers:               "TestReader/empty: always at 1:1",
	CodeTruncatedFile:          "TestReader/truncated file: only in the last paper",
	CodeSchemaViolation:        "schema tests: the reader checks catch every rule first",
	CodeBadItem:                "TestAPIDefects: first, middle and last item of a response; TestAPIBrokenItems: every item",
	CodeInvalidJSON:            "TestAPIFiles/stray comma: at the byte at fault; reading stops there",
}

// TestPlacedDefectsCoverEveryCode keeps placedDefects in step with Codes.
func TestPlacedDefectsCoverEveryCode(t *testing.T) {
	placed := map[Code]bool{}
	for _, d := range placedDefects {
		placed[d.code] = true
	}
	for _, c := range Codes {
		if !placed[c.Code] && fileLevelCodes[c.Code] == "" {
			t.Errorf("code %s has no placed defect and is not a file-level code", c.Code)
		}
	}
}

// FuzzPlacedDefect puts a defect of placedDefects in any paper of a dump
// of one to eight papers, with LF or CRLF line ends and with or without a
// byte-order mark, and checks that every diagnostic points exactly where
// the fuzzer put the defect.
func FuzzPlacedDefect(f *testing.F) {
	for i := range placedDefects {
		f.Add(uint8(i), uint8(0), uint8(5), false)
		f.Add(uint8(i), uint8(7), uint8(8), true)
	}
	f.Fuzz(func(t *testing.T, kind, paper, papers uint8, crlf bool) {
		d := placedDefects[int(kind)%len(placedDefects)]
		n := 1 + int(papers)%8
		k := int(paper) % n
		var input string
		var res result
		if d.whole != nil {
			input, res = d.whole(fixture(n), k, n)
		} else {
			var ps []string
			ps, res = d.defect(fixture(n), k, n)
			input = dump(ps...)
		}
		if crlf {
			input = "\xEF\xBB\xBF" + strings.ReplaceAll(input, "\n", "\r\n")
		}
		var titles []string
		for j := range n {
			switch {
			case containsInt(res.missing, j):
			case j == k && res.retitle != "":
				titles = append(titles, res.retitle)
			default:
				titles = append(titles, fixtureTitle(j))
			}
		}
		testReaderCase(t, input, titles, res.diags, d.configure)
	})
}

// TestCardLinesFix follows card-line's fix: deleting every line it reports
// gives a valid dump with the same records, and the records were already
// right with the lines in place.
func TestCardLinesFix(t *testing.T) {
	ps := fixture(4)
	ps[0] = "Upvote\n42\n\n" + ps[0] + "\n\nSubmitted by someone"
	ps[3] += "\n\n3 authors\n\n·\n\nMay 29"
	ps[4] = "Submitted by\n\nsome-one\n\n" + ps[4]
	ps[6] = "Published on Oct 4, 2026\n\n" + ps[6] + "\n\n-"
	input := dump(ps...)
	want := []string{fixtureTitle(0), fixtureTitle(1), fixtureTitle(2), fixtureTitle(3)}
	recs, r := readAll(t, input, nil)
	lines := strings.Split(input, "\n")
	for i := len(r.Diagnostics()) - 1; i >= 0; i-- { // from the end, so that line numbers hold
		d := r.Diagnostics()[i]
		if d.Code != CodeCardLine {
			t.Fatalf("unexpected %v", d)
		}
		lines = append(lines[:d.Pos.Line-1], lines[d.Pos.Line:]...)
	}
	if got := len(r.Diagnostics()); got != 10 {
		t.Errorf("%d card lines reported, want 10: %v", got, r.Diagnostics())
	}
	fixed, r2 := readAll(t, strings.Join(lines, "\n"), nil)
	if r2.Err() != nil {
		t.Fatalf("fixed dump: %v", r2.Err())
	}
	for _, rs := range [][]*schema.Record{recs, fixed} {
		var titles []string
		for _, rec := range rs {
			titles = append(titles, rec.Title)
		}
		if strings.Join(titles, "|") != strings.Join(want, "|") {
			t.Errorf("titles %q, want %q", titles, want)
		}
	}
	for i := range recs {
		if recs[i].Abstract != fixed[i].Abstract || recs[i].Position != fixed[i].Position {
			t.Errorf("record %d differs after the fix", i+1)
		}
	}
}
