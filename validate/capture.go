package validate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// capture reads the capture styles (Markdown, NotebookLM): the parser's
// line layer and diagnostics, blocks of lines, the front matter, and the
// cards that become records. The style's own grammar is its step function.
type capture struct {
	p     *parser
	style Style
	step  func(c *capture, b block)
	page  Listing

	ahead    []block
	sawBlock bool // a block was read (front matter is only at the start)
	phase    capturePhase
	cur      *card // the card whose heading (or title) was read last
	next     card  // what came before the next card's heading
	hasNext  bool
	cards    int  // cards read, valid or not
	badLabel bool // the listing's date line is wrong: its papers get no record

	converterTitle bool // a converter's own "# heading" was read

	// holdCards keeps the errors of cards (see cardErrorf) until a card
	// carries an abstract: a file whose cards carry none is one error, not
	// one for every card. withAbstract counts the cards that carry one.
	holdCards    bool
	held         []heldError
	withAbstract int
	// end, when set, is called at the end of the input before the last
	// card is closed: the style hands out what it still holds.
	end func(c *capture)
	// noAbstracts, when set, returns the error of a file whose cards all
	// lack an abstract (see holdCards).
	noAbstracts func(c *capture) string

	// The Markdown style's card chunks (see markdown.go).
	md mdState

	// NotebookLM's card machine
	nlm nlmState
}

// heldError is an error of a card, held while no card carries an abstract.
type heldError struct {
	line, col int
	code      Code
	msg       string
}

// maxHeld bounds the errors held while no card carries an abstract; past
// it they are reported as they come.
const maxHeld = 1000

type capturePhase int

const (
	phaseHeader capturePhase = iota // front matter and page chrome, up to the first card
	phaseCards
	phaseFooter // after the last card
)

// block is a run of non-blank lines.
type block struct {
	line   int      // its first line
	lines  []string // trailing white space stripped
	broken bool     // a line-level error was reported in it
}

// text returns the block's lines joined by newlines.
func (b *block) text() string { return strings.Join(b.lines, "\n") }

// newCapture returns the reader of a capture style whose grammar is step.
func newCapture(p *parser, style Style, step func(c *capture, b block)) *capture {
	p.rawSpace = true
	p.mergeRepeats = true // the trending page prints every card twice
	c := &capture{p: p, style: style, step: step}
	c.page.Style = style
	return c
}

func (c *capture) listing() Listing { return c.page }

// parseBatch reads blocks until it has size records or the input ends.
func (c *capture) parseBatch(size int) *batch {
	return c.p.fill(size, func() bool {
		blk, ok := c.nextBlock()
		if ok {
			c.step(c, blk)
		}
		return ok
	}, c.finish)
}

// finish closes the last card and hands out what is held.
func (c *capture) finish() {
	if c.end != nil {
		c.end(c)
	}
	c.closeCard()
	if c.holdCards && c.withAbstract == 0 && c.cards > 0 && len(c.held) > 0 && len(c.held) < maxHeld && c.noAbstracts != nil {
		c.held = nil
		c.p.errorf(1, 1, CodeNotAListing, "%s", c.noAbstracts(c))
	}
	c.releaseHeld()
	c.p.flush()
	if c.cards == 0 {
		what := "the file holds no paper card"
		if !c.sawBlock {
			what = "the file is empty"
		}
		c.p.errorf(1, 1, CodeNoPapers, "no papers found: %s", what)
	}
	c.p.stopped = true
}

// nextBlock returns the next block, from the look-ahead or the input.
func (c *capture) nextBlock() (block, bool) {
	if len(c.ahead) > 0 {
		b := c.ahead[0]
		c.ahead = c.ahead[:copy(c.ahead, c.ahead[1:])]
		return b, true
	}
	return c.readBlock()
}

// peekBlock returns the next block without consuming it, or nil.
func (c *capture) peekBlock() *block {
	if len(c.ahead) == 0 {
		b, ok := c.readBlock()
		if !ok {
			return nil
		}
		c.ahead = append(c.ahead, b)
	}
	return &c.ahead[0]
}

// readBlock reads the lines of the next block; at the start of the input
// it reads the front matter first.
func (c *capture) readBlock() (block, bool) {
	var b block
	open := false
	for !c.p.stopped {
		l, n, ok := c.p.readLine()
		if !ok {
			break
		}
		if l.blank {
			if open {
				return b, true
			}
			continue
		}
		if !c.sawBlock && !open && l.text == "---" {
			c.sawBlock = true
			c.frontMatter(n)
			continue
		}
		c.sawBlock = true
		if !open {
			b, open = block{line: n}, true
		}
		b.lines = append(b.lines, l.text)
		b.broken = b.broken || l.broken
	}
	return b, open
}

var reFrontLine = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$`)

// frontMatter reads a YAML front matter block up to its closing "---": one
// "key: value" a line. url, retrieved and exported describe the listing;
// other keys are the capture tool's and are kept out of the records. The
// problems of its lines are reported once the block closes: a block that
// never closes is one error at its opening line, not one at every line of
// the capture after it.
func (c *capture) frontMatter(start int) {
	type problem struct {
		line, col int
		msg       string
	}
	var problems []problem
	for {
		l, n, ok := c.p.readLine()
		if !ok {
			c.p.errorf(start, 1, CodeBadFrontMatter, "front matter opened here is not closed by a \"---\" line")
			return
		}
		if l.text == "---" {
			for _, p := range problems {
				c.p.errorf(p.line, p.col, CodeBadFrontMatter, "%s", p.msg)
			}
			return
		}
		if l.blank || l.broken || strings.HasPrefix(l.text, " ") || strings.HasPrefix(l.text, "\t") || strings.HasPrefix(l.text, "- ") {
			continue // a YAML list item or continuation line, of a key the capture tool keeps (tags:)
		}
		m := reFrontLine.FindStringSubmatch(l.text)
		if m == nil && len(problems) >= maxFrontMatterProblems {
			continue // memory stays bounded in a block that may never close
		}
		if m == nil {
			problems = append(problems, problem{n, 1, fmt.Sprintf("front matter line %s is not \"key: value\"", quote(l.text))})
			continue
		}
		value := strings.Trim(strings.TrimSpace(m[2]), `"'`)
		switch m[1] {
		case "url":
			parseListingURL(&c.page, value)
		case "source": // a web clipper's name for the page's address
			if c.page.URL == "" && strings.HasPrefix(value, "https://huggingface.co/papers") {
				parseListingURL(&c.page, value)
			}
		case "retrieved", "exported":
			if isISODate(value) {
				c.page.CaptureDate = value[:10]
			} else {
				col := utf8.RuneCountInString(l.text) - utf8.RuneCountInString(m[2]) + 1
				problems = append(problems, problem{n, col, fmt.Sprintf("%s: %s is not a date (YYYY-MM-DD)", m[1], quote(value))})
			}
		}
	}
}

// maxFrontMatterProblems bounds the problems a front matter block keeps
// until it closes.
const maxFrontMatterProblems = 100

var reISODate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$`)

// isISODate reports whether s is a real day as YYYY-MM-DD, possibly with a
// time after it.
func isISODate(s string) bool {
	m := reISODate.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(mo, y)
}

// dateLine reads the listing's date line ("Oct 2"): the listing date on a
// daily page, the day of the capture on a search page.
func (c *capture) dateLine(b block, text string, col int) bool {
	d, ok := parseDate(text)
	if !ok {
		return false
	}
	if c.page.Kind == "" {
		c.page.Kind = "daily"
	}
	year := c.p.year
	if year == 0 {
		if m := regexp.MustCompile(`/papers/date/(\d{4})-`).FindStringSubmatch(c.page.URL); m != nil {
			year = yearOf(m[1])
		} else {
			year = yearOf(c.page.CaptureDate)
		}
	}
	switch {
	case d.err != "" && c.page.dated():
		c.p.errorf(b.line, col, CodeInvalidDate, "%s", d.err)
		c.badLabel = true
	case d.err != "":
		c.p.errorf(b.line, col, CodeInvalidDate, "the date line %q (the day of the capture on a %s page) is not a date", text, c.page.Kind)
	case !c.page.dated():
	case year != 0 && d.day > daysIn(d.month, year):
		c.p.errorf(b.line, col, CodeInvalidDate, "impossible date %q in %d: %s has %d days that year",
			text, year, monthNames[d.month-1], daysIn(d.month, year))
		c.badLabel = true
	default:
		c.page.Label = text
		if year != 0 {
			c.page.Date = fmt.Sprintf("%04d-%02d-%02d", year, d.month, d.day)
		}
	}
	return true
}

// openCard starts the card whose title was just read, taking what came
// before it, and closes the one before.
func (c *capture) openCard(line, col int, title, paperID string) {
	c.closeCard()
	k := c.next
	c.next, c.hasNext = card{}, false
	k.line, k.col, k.title, k.paperID, k.hasTitle = line, col, title, paperID, true
	if paperID != "" && k.upvoteID != "" && k.upvoteID != paperID {
		c.cardErrorf(k.upvoteLine, 1, CodeUnknownCardLine, "upvote count of paper %s stands before the card of paper %s", k.upvoteID, paperID)
		k.broken = true
	}
	if paperID != "" && k.thumbID != "" && k.thumbID != paperID {
		c.cardErrorf(k.thumbLine, 1, CodeUnknownCardLine, "thumbnail link of paper %s stands before the card of paper %s", k.thumbID, paperID)
		k.broken = true
	}
	c.cur = &k
	c.cards++
	c.phase = phaseCards
}

// openHeadless starts a card whose title link is missing: the text at line
// stands where a card's heading should be. Its elements are read, so that
// one defect gives one error, but it gives no record.
func (c *capture) openHeadless(line int, what string) {
	c.closeCard()
	c.cardErrorf(line, 1, CodeCardMissingTitleLink, "%s; the card's title link is missing", what)
	c.next, c.hasNext = card{}, false
	c.cur = &card{line: line, col: 1, broken: true, hasTitle: true, missingTitleLink: true}
	c.cards++
	c.phase = phaseCards
}

// closeCard checks the open card and turns it into a record.
func (c *capture) closeCard() {
	k := c.cur
	c.cur = nil
	if k == nil {
		return
	}
	if k.abstract == "" {
		if !k.broken {
			c.cardErrorf(k.line, k.col, CodeCardMissingAbstract, "the card of %s has no abstract", quote(k.title))
		}
		return
	}
	if c.holdCards && c.withAbstract == 0 && utf8.RuneCountInString(k.abstract) >= schema.MinAbstractLen {
		c.withAbstract++
		c.releaseHeld()
	}
	if k.broken || c.badLabel && c.page.dated() {
		return
	}
	k.absBroken, k.titleBroken = false, false
	if c.page.dated() {
		k.label, k.date = c.page.Label, c.page.Date
	}
	c.p.build(k)
}

// cardErrorf reports an error of a card: at once, or, while no card has
// carried an abstract (with holdCards), once one does or the input ends.
// Diagnostics are sorted by position, so a held one takes its place.
func (c *capture) cardErrorf(line, col int, code Code, format string, args ...any) {
	if !c.holdCards || c.withAbstract > 0 || len(c.held) >= maxHeld {
		c.p.errorf(line, col, code, format, args...)
		return
	}
	c.held = append(c.held, heldError{line, col, code, fmt.Sprintf(format, args...)})
	if len(c.held) == maxHeld {
		c.releaseHeld()
	}
}

// releaseHeld reports the held errors of cards.
func (c *capture) releaseHeld() {
	held := c.held
	c.held = nil
	for _, e := range held {
		c.p.errorf(e.line, e.col, e.code, "%s", e.msg)
	}
	if len(held) >= maxHeld {
		c.held = held[:0:0] // stays full: no more holding
		c.holdCards = false
	}
}

// Text of the captures.

// collapseSpace returns s with runs of white space as one space, trimmed.
func collapseSpace(s string) string {
	if s == "" || s[0] != ' ' && s[len(s)-1] != ' ' {
		clean, prev := true, byte(0)
		for i := 0; i < len(s) && clean; i++ {
			c := s[i]
			if c >= utf8.RuneSelf {
				r, size := utf8.DecodeRuneInString(s[i:])
				clean = !unicode.IsSpace(r)
				i += size - 1
				prev = 0
				continue
			}
			clean = c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f' && !(c == ' ' && prev == ' ')
			prev = c
		}
		if clean {
			return s
		}
	}
	return strings.Join(strings.Fields(s), " ")
}

// unescapeMarkdown returns the text a reader of the page sees in the
// Markdown lines of one paragraph: the hard break (a trailing backslash, or
// two) of each line but the last removed, the lines joined by a space,
// backslash escapes of ASCII punctuation and of a space undone, and white
// space collapsed.
func unescapeMarkdown(lines []string) string {
	if len(lines) == 1 && !strings.Contains(lines[0], `\`) {
		return collapseSpace(lines[0])
	}
	var b strings.Builder
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	b.Grow(size)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte(' ')
		}
		if i < len(lines)-1 { // the line ends the line of input it is on
			l = strings.TrimSuffix(strings.TrimSuffix(l, `\`), `\`)
		}
		for j := 0; j < len(l); j++ {
			if l[j] == '\\' && j+1 < len(l) && isEscapable(l[j+1]) {
				j++
			}
			b.WriteByte(l[j])
		}
	}
	return collapseSpace(b.String())
}

// isEscapable reports whether a backslash before c is a Markdown escape.
func isEscapable(c byte) bool {
	return c == ' ' || c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// escapedAt reports whether the byte at i of s is escaped by an odd number
// of backslashes before it.
func escapedAt(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

var rePublished = regexp.MustCompile(`^(?:Published on )?([A-Z][a-z]+) (\d{1,2})(?:, (\d{4}))?$`)

// publicationDate parses a card's date ("Oct 7, 2024", "Published on Oct 4,
// 2026", "May 29" in the year of the capture). ok is false when s is not
// in one of these forms; msg is set when it is but names no real day.
func (c *capture) publicationDate(s string) (date, msg string, ok bool) {
	m := rePublished.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	month := monthNumber(m[1])
	if month == 0 || len(m[1]) != 3 && monthNames[month-1] != m[1] {
		return "", "", false
	}
	day, _ := strconv.Atoi(m[2])
	year := 0
	if m[3] != "" {
		year, _ = strconv.Atoi(m[3])
	} else if year = yearOf(c.page.CaptureDate); year == 0 {
		year = c.p.year
	}
	check := year
	if check == 0 {
		check = 2024 // a leap year: Feb 29 may be right
	}
	if day < 1 || day > daysIn(month, check) {
		return "", fmt.Sprintf("publication date %q is not a real day: %s has %d days", s, monthNames[month-1], daysIn(month, check)), true
	}
	if year == 0 {
		return "", "", true // the year is unknown: no date rather than a guessed one
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day), "", true
}

var reCount = regexp.MustCompile(`^(\d+)(?:\.(\d+))?([kKmM]?)$`)

// parseCount parses a count as a card shows it: "117", "-" (none: 0), and
// for stars "3.29k" (3290) or "110k". It returns false for anything else.
func parseCount(s string, scaled bool) (schema.NullInt, bool) {
	if s == "-" {
		return schema.Int(0), true
	}
	m := reCount.FindStringSubmatch(s)
	if m == nil || !scaled && (m[2] != "" || m[3] != "") || len(m[1]) > 9 {
		return schema.NullInt{}, false
	}
	n, _ := strconv.Atoi(m[1])
	if m[3] == "" {
		if m[2] != "" {
			return schema.NullInt{}, false
		}
		return schema.Int(n), true
	}
	unit := 1000
	if m[3] == "m" || m[3] == "M" {
		unit = 1000000
	}
	frac := m[2]
	if len(frac) > 6 {
		return schema.NullInt{}, false
	}
	f, _ := strconv.Atoi(frac + strings.Repeat("0", 6-len(frac)))
	return schema.Int(n*unit + f*unit/1000000), true
}

// badCount reports a count that is not a number.
func (c *capture) badCount(line, col int, what, s string) {
	c.p.errorf(line, col, CodeBadCount, "%s %s is not a number", what, quote(s))
}
