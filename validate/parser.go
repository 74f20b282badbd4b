package validate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// parser turns the bytes of a dump into candidate records, in order, with
// every check but the schema's. It runs on one goroutine and hands its work
// out in batches.
type parser struct {
	builder
	maxLineBytes int
	rawSpace     bool // capture styles: white space at a line's ends is part of the page, not a defect

	src io.Reader
	br  *bufio.Reader // made on the first read, sized for maxLineBytes

	// line layer
	started      bool
	lineNo       int
	eof          bool
	finalNewline bool // the last line read ended with a newline
	blankRun     int  // blank lines since the last non-blank one
	paragraphs   int
	ahead        []paragraph
	cards        cardLines // lines of today's paper cards, left out

	// structure
	state       state
	title       paragraph // the title waiting for its abstract
	dated       bool      // a date line opened the current section
	label       string
	date        string
	labelBroken bool
	papers      int // papers read, with or without a record
}

type state int

const (
	stateHeader   state = iota // page chrome, until the date line
	stateTitle                 // a title, a new date line, or chrome
	stateAbstract              // the abstract of r.title
)

// paragraph is a run of non-blank lines; in a good dump, exactly one line.
type paragraph struct {
	line   int    // where it starts
	text   string // the line, trailing white space stripped
	runes  int    // length in characters
	broken bool   // already reported; no record may be built from it
}

// abstractLike reports whether p reads as an abstract rather than a title
// or page chrome: it is too long for a title, or long enough for an
// abstract and ends with a period or holds a URL, as titles do not. The
// structure (title, blank, abstract, blank) decides the rest.
func (p *paragraph) abstractLike() bool {
	if p.runes > schema.MaxTitleLen {
		return true
	}
	return p.runes >= schema.MinAbstractLen && (strings.HasSuffix(p.text, ".") || strings.Contains(p.text, "://"))
}

// listing returns what a plain-text dump says of its page: its style.
func (r *parser) listing() Listing { return Listing{Style: StyleText} }

// parseBatch reads until it has size candidate records or the input ends,
// and returns them with the diagnostics found on the way. It returns nil
// once everything has been handed out.
func (r *parser) parseBatch(size int) *batch {
	return r.fill(size, func() bool {
		p, ok := r.next()
		if ok {
			r.step(p)
		}
		return ok
	}, r.finish)
}

// step feeds one paragraph to the structure, which builds a record when a
// paper is complete.
func (r *parser) step(p paragraph) {
	switch r.state {
	case stateHeader:
		if pageChrome[p.text] || r.dateLine(p) {
			return
		}
		if q := r.peek(); q != nil && q.abstractLike() {
			// A title and its abstract: the date line is missing.
			if !r.dated {
				r.errorf(p.line, 1, CodeMissingDate, "no listing date line (like \"Mar 14\") before the first paper")
				r.dated, r.labelBroken = true, true
			}
			r.title, r.state = p, stateAbstract
			return
		}
		if !p.broken {
			r.errorf(p.line, 1, CodeUnknownPreamble, "unexpected text %s before the listing date", quote(p.text))
		}
	case stateTitle:
		switch {
		case pageChrome[p.text]:
			// The page again: a second listing pasted after the first.
			r.state, r.dated, r.label, r.date, r.labelBroken = stateHeader, false, "", "", false
		case r.dateLine(p):
		case p.abstractLike() && p.runes <= schema.MaxTitleLen && r.peek() != nil && r.peek().abstractLike():
			// A title that ends with a period, followed by its abstract.
			r.title, r.state = p, stateAbstract
		case p.abstractLike():
			if q := r.peek(); q != nil && q.abstractLike() {
				r.next()
				r.papers++
				if !p.broken {
					r.errorf(p.line, schema.MaxTitleLen+1, CodeTitleTooLong,
						"title is %d characters long, at most %d are allowed", p.runes, schema.MaxTitleLen)
				}
			} else {
				r.papers++ // a paper, without its title
				if !p.broken {
					r.errorf(p.line, 1, CodeMissingTitle,
						"paragraph of %d characters where a title was expected; the title is missing", p.runes)
				}
			}
		default:
			r.title, r.state = p, stateAbstract
		}
	case stateAbstract:
		t := r.title
		if pageChrome[p.text] || isDateLike(p.text) {
			r.missingAbstract(t, fmt.Sprintf("the next paragraph (line %d) is not an abstract", p.line))
			r.state = stateTitle
			r.step(p)
			return
		}
		if !p.abstractLike() {
			if q := r.peek(); q != nil && q.abstractLike() {
				r.missingAbstract(t, fmt.Sprintf("the next paragraph (line %d) is another title", p.line))
				r.title = p
				return
			}
		}
		r.state = stateTitle
		r.complete(t, p)
	}
}

func (r *parser) missingAbstract(t paragraph, why string) {
	r.papers++
	if !t.broken {
		r.errorf(t.line, 1, CodeMissingAbstract, "title %s has no abstract; %s", quote(t.text), why)
	}
}

// complete checks how a title and its abstract stand in the dump and
// hands them to the record builder.
func (r *parser) complete(t, a paragraph) {
	r.papers++
	broken := t.broken || a.broken || r.labelBroken

	if q := r.peek(); q != nil && continuesAbstract(&a, q, r.peekAt(1)) {
		rest, _ := r.next() // q points into the look-ahead, which next shifts
		r.errorf(rest.line, 1, CodeSplitAbstract,
			"paragraph continues the abstract of line %d: an abstract cut in two by a blank line (or a title ending with a period)", a.line)
		broken = true
	} else if q == nil && !r.finalNewline && !a.broken && !endsComplete(a.text) {
		r.errorf(a.line, a.runes, CodeTruncatedFile,
			"file ends in the middle of this abstract (no final newline, no closing punctuation); it looks truncated")
		broken = true
	}
	r.build(&card{
		line: t.line, col: 1, title: t.text, titleRunes: t.runes, titleBroken: t.broken,
		absLine: a.line, absCol: 1, abstract: a.text, absRunes: a.runes, absBroken: a.broken,
		exact: true, broken: broken, position: r.papers, label: r.label, date: r.date,
	})
}

// continuesAbstract reports whether q, the paragraph after the abstract a,
// is the rest of a rather than the next title: it is too long for a title
// or ends with a period, as titles do not. A long paragraph followed by
// another long one without a period is a title that is too long with its
// abstract, and is reported as such where titles are read. A paragraph that
// is a whole abstract of its own is not the rest of a: its title is missing,
// and it is reported as such where titles are read.
func continuesAbstract(a, q, after *paragraph) bool {
	if q.broken || pageChrome[q.text] || isDateLike(q.text) {
		return false
	}
	if !strings.HasSuffix(q.text, ".") && !(q.abstractLike() && (after == nil || !after.abstractLike())) {
		return false
	}
	if q.runes <= schema.MaxTitleLen && after != nil && after.abstractLike() {
		return false // a title ending with a period, before its abstract
	}
	return !wholeAbstract(a, q)
}

// MaxArXivAbstractLen is the longest abstract arXiv accepts, in characters:
// two paragraphs longer than that together cannot be one abstract.
const MaxArXivAbstractLen = 1920

// wholeAbstract reports whether q, after the complete abstract a, is an
// abstract of its own rather than the rest of a: a ends a sentence, q
// starts one, and together they are longer than any arXiv abstract.
func wholeAbstract(a, q *paragraph) bool {
	first, _ := utf8.DecodeRuneInString(q.text)
	return endsComplete(a.text) && !unicode.IsLower(first) && a.runes+1+q.runes > MaxArXivAbstractLen
}

// minRepeat is the shortest text whose second copy, right after the
// first, makes an abstract repeat itself: each copy is an abstract.
const minRepeat = schema.MinAbstractLen

// repeatsAt returns the byte offset of the second copy when s is one text
// written twice, directly or with a space between the copies, and 0
// otherwise.
func repeatsAt(s string) int {
	if n := len(s); n%2 == 0 && n/2 >= minRepeat && s[:n/2] == s[n/2:] {
		return n / 2
	}
	if n := len(s) - 1; n%2 == 0 && n/2 >= minRepeat && s[n/2] == ' ' && s[:n/2] == s[n/2+1:] {
		return n/2 + 1
	}
	return 0
}

func (r *parser) finish() {
	if r.state == stateAbstract {
		r.state = stateTitle
		r.missingAbstract(r.title, "the file ends after it")
	}
	if r.papers == 0 {
		what := "the file holds no title and abstract"
		if r.paragraphs == 0 {
			what = "the file is empty"
		}
		r.errorf(1, 1, CodeNoPapers, "no papers found: %s", what)
	}
	r.stopped = true
}

// dateLine reports whether p is a date line, valid or not, and makes it the
// label of the papers that follow.
func (r *parser) dateLine(p paragraph) bool {
	d, ok := parseDate(p.text)
	if !ok {
		return false
	}
	r.state, r.dated, r.label, r.date, r.labelBroken = stateTitle, true, p.text, "", true
	switch {
	case d.err != "":
		r.errorf(p.line, 1, CodeInvalidDate, "%s", d.err)
	case r.year != 0 && d.day > daysIn(d.month, r.year):
		r.errorf(p.line, 1, CodeInvalidDate, "impossible date %q in %d: %s has %d days that year",
			p.text, r.year, monthNames[d.month-1], daysIn(d.month, r.year))
	default:
		r.labelBroken = false
		if r.year != 0 {
			r.date = fmt.Sprintf("%04d-%02d-%02d", r.year, d.month, d.day)
		}
	}
	return true
}

// next returns the next paragraph, from the look-ahead or the input.
func (r *parser) next() (paragraph, bool) {
	if len(r.ahead) > 0 {
		p := r.ahead[0]
		r.ahead = r.ahead[:copy(r.ahead, r.ahead[1:])]
		return p, true
	}
	return r.readParagraph()
}

// peek returns the next paragraph without consuming it, or nil at the end.
func (r *parser) peek() *paragraph { return r.peekAt(0) }

// peekAt returns the paragraph i places after the next one without
// consuming anything, or nil if the input ends before it.
func (r *parser) peekAt(i int) *paragraph {
	for len(r.ahead) <= i {
		p, ok := r.readParagraph()
		if !ok {
			return nil
		}
		r.ahead = append(r.ahead, p)
	}
	return &r.ahead[i]
}

// readParagraph reads lines up to the end of the next paragraph.
func (r *parser) readParagraph() (paragraph, bool) {
	var p paragraph
	open := false
	for !r.stopped {
		line, n, ok := r.readLine()
		if !ok {
			break
		}
		if line.blank {
			r.blankRun++
			if open {
				return p, true
			}
			continue
		}
		if what := r.cardLine(line); what != "" {
			r.errorf(n, 1, CodeCardLine, "%s is %s on today's page, not part of a title or abstract; left out", quote(line.text), what)
			r.blankRun = 0
			if open {
				return p, true
			}
			continue
		}
		if open {
			// A second line in the same paragraph: wrapped text or a lost
			// blank line. Keep one paragraph so the structure holds.
			if !p.broken {
				r.errorf(n, 1, CodeMissingBlankLine,
					"line continues the paragraph of line %d without a blank line between them; every title and abstract is one line", p.line)
			}
			p.broken = true
			p.runes += line.runes
			continue
		}
		if r.blankRun > 1 && r.paragraphs > 0 {
			r.warnf(n-r.blankRun+1, 1, CodeExtraBlankLines, "%d blank lines between paragraphs, one expected", r.blankRun)
		}
		r.blankRun = 0
		r.paragraphs++
		p, open = paragraph{line: n, text: line.text, runes: line.runes, broken: line.broken}, true
	}
	return p, open
}

// cardLine returns what a line of today's paper cards is (see cardLines),
// or "" for any other line.
func (r *parser) cardLine(l line) string {
	if l.broken {
		r.cards.expect = followNothing
		return ""
	}
	return r.cards.classify(l.text, l.runes)
}

// line is one line of input after the line-level checks.
type line struct {
	text   string
	runes  int
	blank  bool
	broken bool
}

// readLine reads and checks one line: its encoding, its characters, its
// length and its white space.
func (r *parser) readLine() (line, int, bool) {
	if r.eof || r.stopped {
		return line{}, 0, false
	}
	max := r.maxLineBytes
	if !r.started {
		r.started = true
		r.br = bufio.NewReaderSize(r.src, max+len("\r\n"))
		if !r.checkStart() {
			return line{}, 0, false
		}
	}
	b, err := r.readRaw(max)
	r.lineNo++
	n := r.lineNo
	switch {
	case errors.Is(err, errBinaryLine):
		r.fatalf(n, 1, CodeBinaryData, "NUL byte in a line longer than %d bytes: the file is binary, not a dump", max)
		return line{}, 0, false
	case errors.Is(err, errEndlessLine):
		r.fatalf(n, 1, CodeLineTooLong, "line is longer than %d bytes and has no end within %d MiB; stopped reading: this is not a dump",
			max, MaxLineSkip>>20)
		return line{}, 0, false
	case errors.Is(err, errLineTooLong):
		r.errorf(n, 1, CodeLineTooLong, "line is longer than %d bytes; a title or abstract is at most %d characters",
			max, schema.MaxAbstractLen)
		return line{runes: max, broken: true}, n, true
	case err == io.EOF && len(b) == 0:
		r.lineNo--
		r.eof = true
		return line{}, 0, false
	case err == io.EOF:
		r.eof = true
		r.finalNewline = false
	case err != nil:
		r.batch.err = readError(r.name, err)
		r.stopped = true
		return line{}, 0, false
	default:
		r.finalNewline = true
		b = b[:len(b)-1]
	}
	b = bytes.TrimSuffix(b, []byte{'\r'})

	trimmed := bytes.TrimRightFunc(b, isSpace)
	if len(trimmed) < len(b) && !r.rawSpace {
		r.warnf(n, utf8.RuneCount(trimmed)+1, CodeTrailingWhitespace, "trailing white space stripped")
	}
	if len(trimmed) == 0 {
		return line{blank: true}, n, true
	}
	runes, off, code, msg := checkText(trimmed)
	l := line{runes: runes}
	if code != "" {
		l.runes = utf8.RuneCount(trimmed) // checkText stopped counting
		if nul := bytes.IndexByte(trimmed, 0); nul >= 0 && code != CodeBinaryData {
			// a control or non-UTF-8 byte before a NUL: binary data, one answer
			code, off, msg = CodeBinaryData, nul, "NUL byte: the file is binary, or UTF-16/32 text, not a UTF-8 dump"
		}
		if code == CodeBinaryData {
			r.fatalf(n, runeColumn(string(trimmed), off), code, "%s", msg)
			return line{}, 0, false
		}
		r.errorf(n, runeColumn(string(trimmed), off), code, "%s", msg)
		l.broken = true
	} else if first, _ := utf8.DecodeRune(trimmed); isSpace(first) && !r.rawSpace {
		r.errorf(n, 1, CodeLeadingWhitespace, "line starts with white space")
		l.broken = true
	}
	l.text = string(trimmed)
	return l, n, true
}

// isSpace reports whether c is white space that a dump may hold at the end
// of a line: a space, a tab or a Unicode space such as U+00A0 or U+3000 (as
// the schema's \s reads in JavaScript). Other white space characters are
// controls, reported as such.
func isSpace(c rune) bool {
	return c == ' ' || c == '\t' || c > 0x9F && unicode.IsSpace(c)
}

// readError wraps a failure to read the dump, naming it unless the error
// already does (as the os package's do).
func readError(name string, err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return fmt.Errorf("validate: %w", err)
	}
	return fmt.Errorf("validate: read %s: %w", name, err)
}

// Ways a line can be too long to read.
var (
	errLineTooLong = errors.New("line too long")
	errBinaryLine  = errors.New("binary data in a line too long")
	errEndlessLine = errors.New("line without end")
)

// MaxLineSkip is how far past the line limit a Reader looks for the end of
// an overlong line before it gives up on the input: no text dump has a
// 64 MiB line, and an endless stream without line breaks must not run
// forever. A NUL byte in an overlong line ends reading at once.
const MaxLineSkip = 64 << 20

// readRaw returns the next line with its newline, at most max bytes of it
// plus the line ending. A longer line is consumed in pieces without being
// held, and reported as errLineTooLong.
func (r *parser) readRaw(max int) ([]byte, error) {
	b, err := r.br.ReadSlice('\n')
	if err != bufio.ErrBufferFull && len(bytes.TrimRight(b, "\r\n")) <= max {
		return b, err
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, errBinaryLine // /dev/zero and other binary streams end here
	}
	skipped := len(b)
	for errors.Is(err, bufio.ErrBufferFull) {
		if skipped > MaxLineSkip {
			return nil, errEndlessLine
		}
		b, err = r.br.ReadSlice('\n')
		skipped += len(b)
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if err == io.EOF {
		r.eof = true
	}
	return nil, errLineTooLong
}

// checkStart looks at the first bytes: it strips a UTF-8 byte-order mark and
// refuses files that are plainly not UTF-8 text.
func (r *parser) checkStart() bool {
	head, _ := r.br.Peek(16) // a short file gives fewer bytes; errors show on the first read
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		_, _ = r.br.Discard(3) // Peek already holds these bytes
	case bytes.HasPrefix(head, []byte("\xFF\xFE\x00\x00")), bytes.HasPrefix(head, []byte("\x00\x00\xFE\xFF")):
		r.fatalf(1, 1, CodeUnsupportedEncoding, "file is UTF-32; dumps must be UTF-8 (iconv -f UTF-32 -t UTF-8)")
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		r.fatalf(1, 1, CodeUnsupportedEncoding, "file is UTF-16; dumps must be UTF-8 (iconv -f UTF-16 -t UTF-8)")
	default:
		if msg := binaryFormat(head); msg != "" {
			r.fatalf(1, 1, CodeBinaryData, "%s", msg)
		}
	}
	return !r.stopped
}

// checkText counts the characters of b and finds the first byte that no
// dump text may hold, returning its offset with the code and message to
// report. One pass does both: this is the reader's innermost loop.
func checkText(b []byte) (runes, off int, code Code, msg string) {
	for i := 0; i < len(b); runes++ {
		c := b[i]
		if c >= 0x20 && c < 0x7F { // printable ASCII, nearly every byte
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				return 0, i, CodeBinaryData, "NUL byte: the file is binary, or UTF-16/32 text, not a UTF-8 dump"
			case c != '\t':
				return 0, i, CodeControlCharacter, fmt.Sprintf("control character %U in text", rune(c))
			}
			i++
			continue
		}
		ch, size := utf8.DecodeRune(b[i:])
		switch {
		case ch == utf8.RuneError && size == 1:
			return 0, i, CodeInvalidUTF8, fmt.Sprintf("invalid UTF-8 byte %#x; the file is not UTF-8 (Latin-1 or Windows-1252?)", c)
		case ch >= 0x80 && ch <= 0x9F, ch == 0xFEFF, ch == 0x2028, ch == 0x2029:
			return 0, i, CodeControlCharacter, fmt.Sprintf("control character %U in text", ch)
		}
		i += size
	}
	return runes, 0, "", ""
}

// runeColumn returns the 1-based character column of byte offset off in s.
func runeColumn(s string, off int) int { return utf8.RuneCountInString(s[:off]) + 1 }

// endsComplete reports whether an abstract ends as a whole one does: with
// closing punctuation, or with a URL.
func endsComplete(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(`.!?)]}"'’”`, last) {
		return true
	}
	word := s[strings.LastIndexAny(s, " \t")+1:]
	return strings.HasPrefix(word, "http://") || strings.HasPrefix(word, "https://")
}

// quote quotes s for a message, cut to a readable length, with control
// characters escaped so that nothing from the input reaches a terminal raw.
func quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return strconv.Quote(s)
}

// pointer renders a JSON Pointer for a message; the root is "/".
func pointer(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
