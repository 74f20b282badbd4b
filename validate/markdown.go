package validate

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// The Markdown style: a capture of the page as firecrawl and HTML-to-Markdown
// converters write it (see docs/captures.md). After the front matter, a
// converter's own heading and the chrome, each paper is a card of blocks
// around its heading "### [Title](https://huggingface.co/papers/ID)":
//
//	[101](https://huggingface.co/login?next=%2Fpapers%2FID)     upvotes, or "[Upvote" / "117](…)"
//	Submitted by / an avatar / a user name
//	### [Title](https://huggingface.co/papers/ID)
//	[The abstract …](https://huggingface.co/papers/ID)          or the bare paragraph
//	[![org](avatar)Org](https://huggingface.co/org)             or "[- 3 authors](…)" and avatar lists
//	·
//	May 29[6](https://huggingface.co/papers/ID#community)       the date, and the comment count
//	[GitHub 131](https://github.com/o/r) [arXiv Page](https://arxiv.org/abs/ID)
//
// Upvotes carry the paper's id, so they join their card whether they come
// before or after its heading; "Submitted by" and a thumbnail link come
// before it.

// StyleMarkdown is a Markdown capture (firecrawl, HTML-to-Markdown
// converters): one card per "### [Title](…/papers/ID)".
const StyleMarkdown Style = "markdown"

var markdownFormat = Format{
	Style:   StyleMarkdown,
	Summary: "a Markdown capture of the page (firecrawl, HTML-to-Markdown converters): one card per \"### [Title](https://huggingface.co/papers/ID)\"",
	Doc: `Optional YAML front matter (url, retrieved), the page's chrome, then one card per
heading "### [Title](https://huggingface.co/papers/ID)" with its upvotes, abstract,
organization or authors, date, comment count and links around it. The trending page
prints every card twice: a copy that agrees becomes one record, with a warning.`,
	Detect: detectMarkdown,
	open:   func(p *parser) cardReader { return newCapture(p, StyleMarkdown, (*capture).markdownStep) },
}

var reMarkdownUpvote = regexp.MustCompile(`(?m)^\[(?:\d+|-)\]\(https://huggingface\.co/login\?next=%2Fpapers%2F`)

// detectMarkdown reports whether a dump starts as a Markdown capture: front
// matter that is not NotebookLM's, a card heading, an upvote link or a
// converter's "Source URL" line.
func detectMarkdown(head []byte) bool {
	text := string(trimHead(head))
	return !detectNotebookLM(head) && (strings.HasPrefix(text, "---") || reCardHeading.MatchString(text) ||
		reMarkdownUpvote.MatchString(text) || reSourceURL.MatchString(text))
}

const hfPapers = `https://huggingface\.co/papers/`

// maxMetaLine is the longest line, in bytes, that is read as chrome or as
// a card's upvotes, organization, date or links: these lines are short,
// and abstracts, the long lines, are spared the patterns.
const maxMetaLine = 400

var (
	reAnchorLine   = regexp.MustCompile(`^<a id="[^"]*"></a>$`)
	reAnchor       = regexp.MustCompile(`<a id="[^"]*"></a>`)
	reImage        = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	rePlaceholder  = regexp.MustCompile(`\[(?:图片|Image|image)[:：][^\]]*\]`)
	reLinkText     = regexp.MustCompile(`\[([^\]]*)\]\([^)\s]*\)`)
	reMdUpvote     = regexp.MustCompile(`^\[([^\]]*)\]\(https://huggingface\.co/login\?next=%2Fpapers%2F([^)\s]+)\)$`)
	reMdUpvoteTail = regexp.MustCompile(`^([^\]]*)\]\(https://huggingface\.co/login\?next=%2Fpapers%2F([^)\s]+)\)$`)
	reMdOrg        = regexp.MustCompile(`^\[(.*)\]\(https://huggingface\.co/([A-Za-z0-9][A-Za-z0-9._-]*)\)(?: · (.*))?$`)
	reMdDate       = regexp.MustCompile(`^(.*?)(?:\[([^\]]*)\]\(` + hfPapers + `([^)\s#]+)#community\))?$`)
	reMdLinks      = regexp.MustCompile(`^(?:\[GitHub ([^\]]*)\]\((https?://github\.com/[^)\s]+)\))? ?(?:\[arXiv Page\]\(https?://arxiv\.org/abs/[^)\s]+\))?$`)
	reMdAuthors    = regexp.MustCompile(`^(.*?) authors?$`)
	reMdMeta       = regexp.MustCompile(`^- [A-Z][A-Za-z0-9 ]*: \S`)
	reUserName     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
)

// visibleText returns a Markdown line as a reader of the page sees it:
// anchors, images and image placeholders left out, links as their text,
// white space collapsed.
func visibleText(s string) string {
	if strings.ContainsAny(s, "[<!") {
		s = reAnchor.ReplaceAllString(s, "")
		s = reImage.ReplaceAllString(s, "")
		s = rePlaceholder.ReplaceAllString(s, "")
		s = reLinkText.ReplaceAllString(s, "$1")
	}
	return collapseSpace(s)
}

// markdownStep reads one block of a Markdown capture.
func (c *capture) markdownStep(b block) {
	lines := b.lines[:0:0]
	for _, l := range b.lines {
		if t := strings.TrimSpace(l); !strings.HasPrefix(t, "<a id=") || !reAnchorLine.MatchString(t) {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return
	}
	if len(lines) < len(b.lines) && lines[0] != b.lines[0] {
		b.line += indexOf(b.lines, lines[0])
	}
	b.lines = lines
	if b.broken {
		defer func() {
			if c.cur != nil {
				c.cur.broken = true
			}
		}()
	}
	switch c.phase {
	case phaseHeader:
		if c.markdownHeader(b) {
			return
		}
	case phaseFooter:
		if !c.markdownChromeBlock(b, chromeFooter) {
			c.p.errorf(b.line, 1, CodeUnknownCardLine, "unexpected text %s after the last card", quote(b.lines[0]))
		}
		return
	}
	c.markdownCard(b)
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return 0
}

// markdownChromeBlock reports whether every line of b is chrome of the
// place, noting what the chrome says about the listing.
func (c *capture) markdownChromeBlock(b block, place chromePlace) bool {
	for _, l := range b.lines {
		if len(l) > maxMetaLine || markdownChrome[visibleText(l)]&place == 0 {
			return false
		}
	}
	for _, l := range b.lines {
		if visibleText(l) == "# Trending Papers" && c.page.Kind == "" {
			c.page.Kind = "trending"
		}
	}
	return true
}

// markdownHeader reads a block before the first card; it returns false
// when the block starts the cards.
func (c *capture) markdownHeader(b block) bool {
	first := b.lines[0]
	switch {
	case c.markdownChromeBlock(b, chromeHeader):
		c.converterTitle = true
		return true
	case len(b.lines) == 1 && c.dateLine(b, first, 1):
		return true
	case !c.converterTitle && len(b.lines) == 1 && strings.HasPrefix(first, "# "):
		c.converterTitle = true // a converter's title for the page
		return true
	case allMatch(b.lines, reMdMeta):
		for _, l := range b.lines {
			if m := reSourceURL.FindStringSubmatch(l); m != nil && c.page.URL == "" {
				parseListingURL(&c.page, m[1])
			}
		}
		return true
	case c.markdownElement(b):
		c.phase = phaseCards
		return false
	}
	c.unknownPreamble(b, first)
	return true
}

// unknownPreamble reports a block before the first card that the style
// does not know. A paragraph as long as an abstract there means that the
// file is not in this style at all: reading stops with that one error.
func (c *capture) unknownPreamble(b block, text string) {
	if n := utf8.RuneCountInString(text); n > schema.MaxTitleLen {
		c.p.fatalf(b.line, 1, CodeUnknownPreamble, "paragraph of %d characters before the first card: the file does not read as a %s capture (try --style auto)", n, c.style)
		return
	}
	c.p.errorf(b.line, 1, CodeUnknownPreamble, "unexpected text %s before the first card", quote(text))
}

func allMatch(lines []string, re *regexp.Regexp) bool {
	for _, l := range lines {
		if !re.MatchString(l) {
			return false
		}
	}
	return true
}

// markdownElement reports whether b starts a card: a heading, upvotes,
// "Submitted by" or a thumbnail link.
func (c *capture) markdownElement(b block) bool {
	first := b.lines[0]
	if len(b.lines) > 1 || len(first) > maxMetaLine {
		return false
	}
	if strings.HasPrefix(first, "### ") || first == "[Upvote" || first == "Submitted by" || reMdUpvote.MatchString(first) {
		return true
	}
	text, _, ok := paperLink(first)
	return ok && visibleText(text) == ""
}

// markdownCard reads a block of the cards.
func (c *capture) markdownCard(b block) {
	first := b.lines[0]
	single := len(b.lines) == 1
	meta := single && len(first) <= maxMetaLine // short enough for the card's other lines; abstracts are longer
	switch {
	case single && strings.HasPrefix(first, "### "):
		c.markdownHeading(b)
	case meta && first == "[Upvote":
		next := c.peekBlock()
		var m []string
		if next != nil && len(next.lines) == 1 {
			m = reMdUpvoteTail.FindStringSubmatch(next.lines[0])
		}
		if m == nil {
			c.p.errorf(b.line, 1, CodeUnknownCardLine, "\"[Upvote\" is not followed by its count and link")
			c.breakCard()
			return
		}
		c.nextBlock()
		c.upvotes(next.line, 1, m[1], m[2])
	case meta && reMdUpvote.MatchString(first):
		m := reMdUpvote.FindStringSubmatch(first)
		c.upvotes(b.line, 2, m[1], m[2])
	case meta && first == "Submitted by":
		c.submittedBy(b)
	case meta && isThumbnail(first):
		_, id, _ := paperLink(first)
		c.next.thumbID, c.next.thumbLine, c.hasNext = id, b.line, true
	case c.cur == nil:
		if c.markdownChromeBlock(b, chromeFooter) {
			c.closeCard()
			c.phase = phaseFooter
			return
		}
		c.markdownText(b)
	case meta && first == "·":
		c.cur.after = true
	case meta && strings.HasPrefix(first, "· "):
		c.cur.after = true
		c.markdownDate(b.line, 3, first[len("· "):])
	case meta && c.markdownOrg(b):
	case c.markdownAuthors(b):
	case meta && reMdLinks.MatchString(first) && first != "":
		m := reMdLinks.FindStringSubmatch(first)
		c.cur.after = true
		if m[2] != "" {
			if c.cur.githubURL != "" {
				c.p.errorf(b.line, 1, CodeUnknownCardLine, "a second GitHub link in the card of line %d", c.cur.line)
				c.cur.broken = true
				return
			}
			c.cur.githubURL = m[2]
			n, ok := parseCount(m[1], true)
			if !ok {
				c.badCount(b.line, len("[GitHub ")+1, "GitHub star count", m[1])
				c.cur.broken = true
				return
			}
			c.cur.stars = n
		}
	case meta && c.markdownDate(b.line, 1, first):
		c.cur.after = true
	case c.markdownChromeBlock(b, chromeFooter):
		c.closeCard()
		c.phase = phaseFooter
	default:
		c.markdownText(b)
	}
}

// breakCard marks the card being read, or the one about to start, as
// having an error.
func (c *capture) breakCard() {
	if c.cur != nil && !c.hasNext {
		c.cur.broken = true
		return
	}
	c.next.broken, c.hasNext = true, true
}

// markdownHeading reads "### [Title](https://huggingface.co/papers/ID)".
func (c *capture) markdownHeading(b block) {
	line := b.lines[0]
	text, id, ok := paperLink(line[len("### "):])
	if !ok || escapedAt(text+"]", len(text)) {
		c.openHeadless(b.line, "the card heading "+quote(line)+" has no link to the paper (### [Title](https://huggingface.co/papers/ID))")
		return
	}
	title := unescapeMarkdown([]string{text})
	if title == "" {
		c.openHeadless(b.line, "the card heading "+quote(line)+" has an empty title")
		return
	}
	c.openCard(b.line, len("### [")+1+leadingSpaces(text), title, id)
}

// leadingSpaces counts the characters of white space that start s.
func leadingSpaces(s string) int {
	n := 0
	for n < len(s) && (s[n] == ' ' || s[n] == '\t') {
		n++
	}
	return n
}

// upvotes reads an upvote count for the paper id: it joins the card of
// that paper whether it stands before or after its heading.
func (c *capture) upvotes(line, col int, count, id string) {
	n, ok := parseCount(strings.TrimSpace(count), false)
	if c.cur != nil && !c.hasNext && c.cur.paperID == id && c.cur.upvoteID == "" {
		c.cur.upvoteID, c.cur.upvoteLine, c.cur.after = id, line, true
		if !ok {
			c.badCount(line, col, "upvote count", count)
			c.cur.broken = true
		}
		c.cur.upvotes = n
		return
	}
	if c.next.upvoteID != "" {
		c.p.errorf(line, 1, CodeUnknownCardLine, "a second upvote count before the card heading (the first is on line %d)", c.next.upvoteLine)
		c.next.broken = true
		return
	}
	c.next.upvoteID, c.next.upvoteLine, c.next.upvotes, c.hasNext = id, line, n, true
	if !ok {
		c.badCount(line, col, "upvote count", count)
		c.next.broken = true
	}
}

// submittedBy reads "Submitted by", an optional avatar, and the user.
func (c *capture) submittedBy(b block) {
	next := c.peekBlock()
	if next != nil && len(next.lines) == 1 && visibleText(next.lines[0]) == "" && !isThumbnail(next.lines[0]) {
		c.nextBlock()
		next = c.peekBlock()
	}
	if next == nil || len(next.lines) != 1 || !reUserName.MatchString(visibleText(next.lines[0])) {
		c.p.errorf(b.line, 1, CodeUnknownCardLine, "\"Submitted by\" is not followed by a user name")
		c.next.broken, c.hasNext = true, true
		return
	}
	c.nextBlock()
	c.next.submittedBy, c.hasNext = visibleText(next.lines[0]), true
}

// markdownOrg reads the organization's link, and the date when it shares
// the line ("[Kandinsky Lab](https://huggingface.co/kandinskylab) · Published on Oct 4, 2026").
func (c *capture) markdownOrg(b block) bool {
	m := reMdOrg.FindStringSubmatch(b.lines[0])
	if m == nil || m[2] == "papers" || m[2] == "login" {
		return false
	}
	name := visibleText(m[1])
	if name == "" {
		return false
	}
	c.cur.after = true
	if c.cur.organization != "" {
		c.p.errorf(b.line, 1, CodeUnknownCardLine, "a second organization in the card of line %d", c.cur.line)
		c.cur.broken = true
		return true
	}
	c.cur.organization = name
	if m[3] != "" {
		col := utf8.RuneCountInString(b.lines[0]) - utf8.RuneCountInString(m[3]) + 1
		if !c.markdownDate(b.line, col, m[3]) {
			c.p.errorf(b.line, col, CodeUnknownCardLine, "%s after the organization is not a date", quote(m[3]))
			c.cur.broken = true
		}
	}
	return true
}

// markdownAuthors reads the author avatars and count: "[- 3 authors](…)",
// a list of "- ![](avatar)\\" lines inside one link, or a converter's
// separate "-", "- [image]" and "- 4 authors" blocks.
func (c *capture) markdownAuthors(b block) bool {
	lines, id, ok := linkWrapped(b.lines)
	if ok && id != c.cur.paperID && !c.cur.missingTitleLink {
		return false
	}
	count, countLine, col := "", 0, 0
	for k, l := range lines {
		l = strings.TrimSuffix(strings.TrimSuffix(strings.TrimRight(l, " "), `\`), `\`)
		if l != "-" && !strings.HasPrefix(l, "- ") {
			return false
		}
		item := strings.TrimSpace(strings.TrimPrefix(l, "-"))
		if a := reMdAuthors.FindStringSubmatch(item); a != nil && k == len(lines)-1 {
			count, countLine = a[1], b.line+k
			col = strings.Index(b.lines[k], a[1]) + 1
			continue
		}
		if visibleText(item) != "" {
			return false
		}
	}
	c.cur.after = true
	if count == "" {
		return true
	}
	n, ok := parseCount(count, false)
	if !ok || count == "-" {
		c.badCount(countLine, max(col, 1), "author count", count)
		c.cur.broken = true
		return true
	}
	c.cur.numAuthors = n
	return true
}

// markdownDate reads a card's date, with the comment count glued on
// ("May 29[6](https://huggingface.co/papers/ID#community)"). It returns
// false when s is not a date.
func (c *capture) markdownDate(line, col int, s string) bool {
	m := reMdDate.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	date, msg, ok := c.publicationDate(strings.TrimSpace(m[1]))
	if !ok {
		return false
	}
	c.cur.after = true
	switch {
	case msg != "":
		c.p.errorf(line, col, CodeInvalidPublicationDate, "%s", msg)
		c.cur.broken = true
	case c.cur.published != "":
		c.p.errorf(line, col, CodeUnknownCardLine, "a second date in the card of line %d", c.cur.line)
		c.cur.broken = true
	default:
		c.cur.published = date
	}
	if m[3] != "" {
		n, ok := parseCount(m[2], false)
		if !ok || m[2] == "-" {
			c.badCount(line, col+utf8.RuneCountInString(m[1])+1, "comment count", m[2])
			c.cur.broken = true
		}
		c.cur.comments = n
	}
	return true
}

// markdownText reads a paragraph: the card's abstract, the same abstract
// again, or the abstract of a card whose heading is missing.
func (c *capture) markdownText(b block) {
	lines, col := b.lines, 1
	if inner, id, ok := linkWrapped(b.lines); ok && (c.cur == nil || id == c.cur.paperID) {
		lines, col = inner, 2
	}
	text := unescapeMarkdown(lines)
	col += leadingSpaces(lines[0])
	k := c.cur
	switch {
	case k == nil:
		c.openHeadless(b.line, "paragraph stands where a card heading (### [Title](https://huggingface.co/papers/ID)) was expected")
		c.cur.abstract, c.cur.absLine, c.cur.absCol = text, b.line, col
	case k.abstract == "" && !k.after && utf8.RuneCountInString(text) < schema.MinAbstractLen && c.abstractFollows():
		c.p.errorf(b.line, 1, CodeUnknownCardLine, "unexpected text %s in the card of line %d, before its abstract", quote(b.lines[0]), k.line)
		k.broken = true
	case k.abstract == "" && !k.after:
		k.abstract, k.absLine, k.absCol = text, b.line, col
	case k.abstract == text:
		// the card prints its abstract twice
	case utf8.RuneCountInString(text) >= schema.MinAbstractLen:
		c.openHeadless(b.line, "paragraph of "+strconv.Itoa(utf8.RuneCountInString(text))+" characters stands where a card heading (### [Title](https://huggingface.co/papers/ID)) was expected")
		c.cur.abstract, c.cur.absLine, c.cur.absCol = text, b.line, col
	default:
		c.p.errorf(b.line, 1, CodeUnknownCardLine, "unexpected text %s in the card of line %d", quote(b.lines[0]), k.line)
		k.broken = true
	}
}

// linkWrapped returns the lines inside a link to a paper that wraps them
// all ("[The abstract …](https://huggingface.co/papers/ID)"), with the
// paper's id; ok is false when the lines are not one such link.
func linkWrapped(lines []string) (inner []string, id string, ok bool) {
	last := lines[len(lines)-1]
	end, id := paperLinkEnd(last)
	if !strings.HasPrefix(lines[0], "[") || end < 0 || escapedAt(last, end) || len(lines) == 1 && end == 0 {
		return lines, "", false
	}
	inner = append([]string(nil), lines...)
	inner[len(inner)-1] = last[:end]
	inner[0] = inner[0][1:]
	return inner, id, true
}

const paperURL = "https://huggingface.co/papers/"

// paperLinkEnd finds the end of a link to a paper that ends s,
// "…](https://huggingface.co/papers/ID)": the index of its "]" and the
// paper's id, or -1.
func paperLinkEnd(s string) (int, string) {
	if !strings.HasSuffix(s, ")") {
		return -1, ""
	}
	i := strings.LastIndex(s, "]("+paperURL)
	if i < 0 {
		return -1, ""
	}
	id := s[i+len("]("+paperURL) : len(s)-1]
	if id == "" || strings.ContainsAny(id, ")#? \t") {
		return -1, ""
	}
	return i, id
}

// paperLink splits "[TEXT](https://huggingface.co/papers/ID)" into TEXT and
// ID.
func paperLink(s string) (text, id string, ok bool) {
	end, id := paperLinkEnd(s)
	if !strings.HasPrefix(s, "[") || end < 1 {
		return "", "", false
	}
	return s[1:end], id, true
}

// isThumbnail reports whether s is a card's thumbnail: a link to the paper
// around an image only.
func isThumbnail(s string) bool {
	text, _, ok := paperLink(s)
	return ok && visibleText(text) == ""
}

// abstractFollows reports whether the next block reads as an abstract: as
// long as one, and not a heading or a link of a card.
func (c *capture) abstractFollows() bool {
	next := c.peekBlock()
	if next == nil || strings.HasPrefix(next.lines[0], "### ") {
		return false
	}
	if inner, _, ok := linkWrapped(next.lines); ok {
		return utf8.RuneCountInString(unescapeMarkdown(inner)) >= schema.MinAbstractLen
	}
	return len(next.lines) > 1 || len(next.lines[0]) > maxMetaLine || utf8.RuneCountInString(next.lines[0]) >= schema.MinAbstractLen && !strings.HasPrefix(next.lines[0], "[")
}
