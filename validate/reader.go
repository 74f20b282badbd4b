// Package validate reads abstract dumps strictly: bytes in, validated
// records out. A Reader turns a dump (page chrome, a date line, then title
// and abstract paragraphs) into schema.Records, checks each against the
// record JSON Schema, and reports every problem as a Diagnostic with a
// position and a stable Code. Harmless variation (CRLF, a byte-order mark,
// trailing white space, extra blank lines) is accepted and normalized with a
// warning; anything that could become a wrong record is an error.
package validate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// DefaultMaxLineBytes is the longest line a Reader accepts unless told
// otherwise: room for the longest abstract the schema allows in any UTF-8
// text, with margin, while keeping memory bounded.
const DefaultMaxLineBytes = 64 << 10

// A Reader reads records from an abstract dump.
//
// Its fields set limits and may be changed before the first call to Read;
// their zero values are the strict defaults.
type Reader struct {
	// Year, when not zero, turns listing labels such as "Mar 14" into
	// listing dates ("2024-03-14"); a day the year does not have is an
	// error. When zero, records have no listing date.
	Year int

	// MaxLineBytes is the longest line accepted, in bytes without the line
	// ending; zero means DefaultMaxLineBytes. A longer line is reported as
	// line-too-long and skipped without being held in memory.
	MaxLineBytes int

	// MaxErrors stops reading after this many errors; zero means no limit.
	MaxErrors int

	// MaxWarnings bounds how many warnings are kept in Diagnostics; more are
	// counted by Warnings but not kept. Zero means no limit.
	MaxWarnings int

	name string
	src  io.Reader
	br   *bufio.Reader // made on the first read, sized for MaxLineBytes
	err  error         // a read error; it ends reading

	// line layer
	started      bool
	lineNo       int
	eof          bool
	finalNewline bool // the last line read ended with a newline
	blankRun     int  // blank lines since the last non-blank one
	paragraphs   int
	ahead        []paragraph

	// structure
	state       state
	title       paragraph // the title waiting for its abstract
	dated       bool      // a date line opened the current section
	label       string
	date        string
	labelBroken bool
	position    int
	seen        map[uint64]int // record id -> line of its title

	diags    List
	errors   int
	warnings int
	records  int
	stopped  bool // no more reading: the end, a fatal error, or MaxErrors
	cut      bool // stopped before the end of the input
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

// abstractLike reports whether p is too long to be a title or page chrome.
func (p *paragraph) abstractLike() bool { return p.runes > schema.MaxTitleLen }

// NewReader returns a Reader that reads the dump r. name is the dump's path
// as the user gave it ("-" for standard input); it is used in positions and
// as the records' source.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{name: name, src: r, seen: make(map[uint64]int)}
}

// Read returns the next valid record of the dump. At the end of the dump it
// returns io.EOF, whether the dump was valid or not: problems are reported
// through Diagnostics, not as errors of Read. Any other error is a failure
// to read the input, and ends reading.
//
// A record is returned only once the paragraph after it has been read, so a
// record cut in two by a blank line is never returned. A dump as a whole is
// valid only if Err returns nil after Read has returned io.EOF.
func (r *Reader) Read() (*schema.Record, error) {
	for !r.stopped {
		p, ok := r.next()
		if !ok {
			break
		}
		if rec := r.step(p); rec != nil {
			return rec, nil
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	r.finish()
	return nil, io.EOF
}

// Diagnostics returns the errors and warnings found so far, sorted by
// position.
func (r *Reader) Diagnostics() List {
	r.diags.Sort()
	return r.diags
}

// Err returns the errors found so far as a List, or nil if there were none.
func (r *Reader) Err() error { return r.Diagnostics().Err() }

// Errors returns how many errors were found so far.
func (r *Reader) Errors() int { return r.errors }

// Warnings returns how many warnings were found so far, including those not
// kept because of MaxWarnings.
func (r *Reader) Warnings() int { return r.warnings }

// Records returns how many valid records Read has returned.
func (r *Reader) Records() int { return r.records }

// Stopped reports whether reading stopped before the end of the input,
// because of MaxErrors or because the input is not a text dump.
func (r *Reader) Stopped() bool { return r.cut }

func (r *Reader) errorf(line, col int, code Code, format string, args ...any) {
	r.diags.Add(Position{r.name, line, col}, Error, code, fmt.Sprintf(format, args...))
	r.errors++
	if r.MaxErrors > 0 && r.errors >= r.MaxErrors {
		r.stopped, r.cut = true, true
	}
}

func (r *Reader) warnf(line, col int, code Code, format string, args ...any) {
	r.warnings++
	if r.MaxWarnings > 0 && r.warnings > r.MaxWarnings {
		return
	}
	r.diags.Add(Position{r.name, line, col}, Warning, code, fmt.Sprintf(format, args...))
}

// fatalf reports an error that ends reading: the input is not a dump.
func (r *Reader) fatalf(line, col int, code Code, format string, args ...any) {
	r.errorf(line, col, code, format, args...)
	r.stopped, r.cut = true, true
}

// step feeds one paragraph to the structure and returns a record when one
// is complete and valid.
func (r *Reader) step(p paragraph) *schema.Record {
	switch r.state {
	case stateHeader:
		if pageChrome[p.text] || r.dateLine(p) {
			return nil
		}
		if q := r.peek(); q != nil && q.abstractLike() {
			// A title and its abstract: the date line is missing.
			if !r.dated {
				r.errorf(p.line, 1, CodeMissingDate, "no listing date line (like \"Mar 14\") before the first paper")
				r.dated, r.labelBroken = true, true
			}
			r.title, r.state = p, stateAbstract
			return nil
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
		case p.abstractLike():
			if q := r.peek(); q != nil && q.abstractLike() {
				r.next()
				r.position++
				if !p.broken {
					r.errorf(p.line, schema.MaxTitleLen+1, CodeTitleTooLong,
						"title is %d characters long, at most %d are allowed", p.runes, schema.MaxTitleLen)
				}
			} else if !p.broken {
				r.errorf(p.line, 1, CodeMissingTitle,
					"paragraph of %d characters where a title was expected; the title is missing", p.runes)
			}
		default:
			r.title, r.state = p, stateAbstract
		}
	case stateAbstract:
		t := r.title
		if pageChrome[p.text] || isDateLike(p.text) {
			r.missingAbstract(t, fmt.Sprintf("the next paragraph (line %d) is not an abstract", p.line))
			r.state = stateTitle
			return r.step(p)
		}
		if !p.abstractLike() {
			if q := r.peek(); q != nil && q.abstractLike() {
				r.missingAbstract(t, fmt.Sprintf("the next paragraph (line %d) is another title", p.line))
				r.title = p
				return nil
			}
		}
		r.state = stateTitle
		return r.complete(t, p)
	}
	return nil
}

func (r *Reader) missingAbstract(t paragraph, why string) {
	r.position++
	if !t.broken {
		r.errorf(t.line, 1, CodeMissingAbstract, "title %s has no abstract; %s", quote(t.text), why)
	}
}

// complete checks a title and its abstract and builds their record.
func (r *Reader) complete(t, a paragraph) *schema.Record {
	r.position++
	broken := t.broken || a.broken || r.labelBroken

	if q := r.peek(); q != nil && continuesAbstract(q, r.peekAt(1)) {
		r.next()
		r.errorf(q.line, 1, CodeSplitAbstract,
			"paragraph continues the abstract of line %d: an abstract cut in two by a blank line (or a title ending with a period)", a.line)
		broken = true
	} else if q == nil && !r.finalNewline && !a.broken && !endsComplete(a.text) {
		r.errorf(a.line, a.runes, CodeTruncatedFile,
			"file ends in the middle of this abstract (no final newline, no closing punctuation); it looks truncated")
		broken = true
	}

	if !t.broken && t.runes > schema.MaxTitleLen {
		r.errorf(t.line, schema.MaxTitleLen+1, CodeTitleTooLong,
			"title is %d characters long, at most %d are allowed", t.runes, schema.MaxTitleLen)
		broken = true
	}
	if !a.broken && a.runes < schema.MinAbstractLen {
		r.errorf(a.line, 1, CodeAbstractTooShort,
			"abstract is %d characters long, at least %d are expected", a.runes, schema.MinAbstractLen)
		broken = true
	}
	if !a.broken && a.runes > schema.MaxAbstractLen {
		r.errorf(a.line, schema.MaxAbstractLen+1, CodeAbstractTooLong,
			"abstract is %d characters long, at most %d are allowed", a.runes, schema.MaxAbstractLen)
		broken = true
	}
	if i := strings.IndexAny(t.text, `$\_^{}`); i >= 0 && !t.broken {
		r.warnf(t.line, runeColumn(t.text, i), CodeLatexInTitle,
			"title holds a LaTeX remnant %q (kept as written)", t.text[i:i+1])
	}

	if broken {
		return nil // no record; its URLs are not worth warnings
	}
	found, bad := findURLs(a.text)
	urls := make([]string, 0, len(found))
	for _, f := range found {
		if f.debris != "" {
			r.warnf(a.line, runeColumn(a.text, f.offset), CodeHrefDebris,
				"URL glued to \\href remnant %s; cleaned to %s", quote(f.debris), f.url)
		}
		if !contains(urls, f.url) {
			urls = append(urls, f.url)
		}
	}
	for _, f := range bad {
		r.warnf(a.line, runeColumn(a.text, f.offset), CodeMalformedURL,
			"%s is not a usable URL; left out of urls", quote(f.url))
	}

	id := schema.TitleID(t.text)
	if !t.broken {
		key, _ := strconv.ParseUint(id, 16, 64) // TitleID is always 16 hex digits
		if first, dup := r.seen[key]; dup {
			r.errorf(t.line, 1, CodeDuplicatePaper, "paper appears twice: same title as line %d (id %s)", first, id)
			broken = true
		} else {
			r.seen[key] = t.line
		}
	}
	if broken {
		return nil
	}

	rec := &schema.Record{
		ID:           id,
		Title:        t.text,
		Abstract:     a.text,
		Position:     r.position,
		ListingLabel: r.label,
		ListingDate:  r.date,
		URLs:         urls,
		GitHubRepo:   githubRepo(urls),
		Source:       r.name,
		Line:         t.line,
	}
	if err := schema.Validate(rec.Map()); err != nil {
		for _, v := range schema.Violations(err) {
			r.errorf(t.line, 1, CodeSchemaViolation, "record at line %d: %s: %s", t.line, pointer(v.Pointer), v.Message)
		}
		return nil
	}
	r.records++
	return rec
}

// continuesAbstract reports whether q, the paragraph after an abstract,
// is the rest of that abstract rather than the next title: it is too long
// for a title or ends with a period, as titles do not. A long paragraph
// followed by another long one without a period is a title that is too long
// with its abstract, and is reported as such where titles are read.
func continuesAbstract(q, after *paragraph) bool {
	if q.broken || pageChrome[q.text] || isDateLike(q.text) {
		return false
	}
	if strings.HasSuffix(q.text, ".") {
		return true
	}
	return q.abstractLike() && (after == nil || !after.abstractLike())
}

func (r *Reader) finish() {
	if r.stopped {
		return
	}
	if r.state == stateAbstract {
		r.state = stateTitle
		r.missingAbstract(r.title, "the file ends after it")
	}
	if r.position == 0 {
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
func (r *Reader) dateLine(p paragraph) bool {
	d, ok := parseDate(p.text)
	if !ok {
		return false
	}
	r.state, r.dated, r.label, r.date, r.labelBroken = stateTitle, true, p.text, "", true
	switch {
	case d.err != "":
		r.errorf(p.line, 1, CodeInvalidDate, "%s", d.err)
	case r.Year != 0 && d.day > daysIn(d.month, r.Year):
		r.errorf(p.line, 1, CodeInvalidDate, "impossible date %q in %d: %s has %d days that year",
			p.text, r.Year, monthNames[d.month-1], daysIn(d.month, r.Year))
	default:
		r.labelBroken = false
		if r.Year != 0 {
			r.date = fmt.Sprintf("%04d-%02d-%02d", r.Year, d.month, d.day)
		}
	}
	return true
}

// next returns the next paragraph, from the look-ahead or the input.
func (r *Reader) next() (paragraph, bool) {
	if len(r.ahead) > 0 {
		p := r.ahead[0]
		r.ahead = r.ahead[:copy(r.ahead, r.ahead[1:])]
		return p, true
	}
	return r.readParagraph()
}

// peek returns the next paragraph without consuming it, or nil at the end.
func (r *Reader) peek() *paragraph { return r.peekAt(0) }

// peekAt returns the paragraph i places after the next one without
// consuming anything, or nil if the input ends before it.
func (r *Reader) peekAt(i int) *paragraph {
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
func (r *Reader) readParagraph() (paragraph, bool) {
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

// line is one line of input after the line-level checks.
type line struct {
	text   string
	runes  int
	blank  bool
	broken bool
}

// readLine reads and checks one line: its encoding, its characters, its
// length and its white space.
func (r *Reader) readLine() (line, int, bool) {
	if r.eof || r.err != nil {
		return line{}, 0, false
	}
	max := r.MaxLineBytes
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
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
		r.err = fmt.Errorf("validate: read %s: %w", r.name, err)
		r.stopped = true
		return line{}, 0, false
	default:
		r.finalNewline = true
		b = b[:len(b)-1]
	}
	b = bytes.TrimSuffix(b, []byte{'\r'})

	trimmed := bytes.TrimRight(b, " \t")
	if len(trimmed) < len(b) {
		r.warnf(n, utf8.RuneCount(trimmed)+1, CodeTrailingWhitespace, "trailing white space stripped")
	}
	if len(trimmed) == 0 {
		return line{blank: true}, n, true
	}
	l := line{runes: utf8.RuneCount(trimmed)}
	if off, code, msg := checkText(trimmed); code != "" {
		if code == CodeBinaryData {
			r.fatalf(n, runeColumn(string(trimmed), off), code, "%s", msg)
			return line{}, 0, false
		}
		r.errorf(n, runeColumn(string(trimmed), off), code, "%s", msg)
		l.broken = true
	} else if first, _ := utf8.DecodeRune(trimmed); unicode.IsSpace(first) {
		r.errorf(n, 1, CodeLeadingWhitespace, "line starts with white space")
		l.broken = true
	}
	l.text = string(trimmed)
	return l, n, true
}

var errLineTooLong = errors.New("line too long")

// readRaw returns the next line with its newline, at most max bytes of it
// plus the line ending. A longer line is consumed in pieces without being
// held, and reported as errLineTooLong.
func (r *Reader) readRaw(max int) ([]byte, error) {
	b, err := r.br.ReadSlice('\n')
	if err != bufio.ErrBufferFull && len(bytes.TrimRight(b, "\r\n")) <= max {
		return b, err
	}
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = r.br.ReadSlice('\n')
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
func (r *Reader) checkStart() bool {
	head, _ := r.br.Peek(4) // a short file gives fewer bytes; errors show on the first read
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		_, _ = r.br.Discard(3) // Peek already holds these bytes
	case bytes.HasPrefix(head, []byte("\xFF\xFE\x00\x00")), bytes.HasPrefix(head, []byte("\x00\x00\xFE\xFF")):
		r.fatalf(1, 1, CodeUnsupportedEncoding, "file is UTF-32; dumps must be UTF-8 (iconv -f UTF-32 -t UTF-8)")
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		r.fatalf(1, 1, CodeUnsupportedEncoding, "file is UTF-16; dumps must be UTF-8 (iconv -f UTF-16 -t UTF-8)")
	case bytes.HasPrefix(head, []byte("\x1F\x8B")):
		r.fatalf(1, 1, CodeBinaryData, "file is gzip-compressed, not text; decompress it first")
	case bytes.HasPrefix(head, []byte("\x28\xB5\x2F\xFD")):
		r.fatalf(1, 1, CodeBinaryData, "file is zstd-compressed, not text; decompress it first")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		r.fatalf(1, 1, CodeBinaryData, "file is a zip archive, not text; extract the dump first")
	}
	return !r.stopped
}

// checkText finds the first byte of b that no dump text may hold, and
// returns its offset with the code and message to report.
func checkText(b []byte) (int, Code, string) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				return i, CodeBinaryData, "NUL byte: the file is binary, or UTF-16/32 text, not a UTF-8 dump"
			case c < 0x20 && c != '\t', c == 0x7F:
				return i, CodeControlCharacter, fmt.Sprintf("control character %U in text", rune(c))
			}
			i++
			continue
		}
		ch, size := utf8.DecodeRune(b[i:])
		switch {
		case ch == utf8.RuneError && size == 1:
			return i, CodeInvalidUTF8, fmt.Sprintf("invalid UTF-8 byte %#x; the file is not UTF-8 (Latin-1 or Windows-1252?)", c)
		case ch >= 0x80 && ch <= 0x9F, ch == 0xFEFF, ch == 0x2028, ch == 0x2029:
			return i, CodeControlCharacter, fmt.Sprintf("control character %U in text", ch)
		}
		i += size
	}
	return 0, "", ""
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
