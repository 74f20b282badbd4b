package validate

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

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
	open:   openMarkdown,
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

// markdownStep reads one block of a Markdown capture. A converter's anchor
// lines (<a id="source-section-3"></a>) are read as blank lines.
func (c *capture) markdownStep(b block) {
	sub := block{line: b.line, broken: b.broken}
	for i, l := range b.lines {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "<a id=") && reAnchorLine.MatchString(t) {
			if len(sub.lines) > 0 {
				c.markdownBlock(sub)
			}
			sub = block{line: b.line + i + 1, broken: b.broken}
			continue
		}
		sub.lines = append(sub.lines, l)
	}
	if len(sub.lines) > 0 {
		c.markdownBlock(sub)
	}
}

// markdownBlock reads a block before the first card and after the last
// one, and gathers the blocks of the cards into chunks (see mdAdd).
func (c *capture) markdownBlock(b block) {
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
	if c.markdownChromeBlock(b, chromeFooter) {
		c.mdFlush(len(c.md.blocks))
		c.closeCard()
		c.phase = phaseFooter
		return
	}
	c.mdAdd(b)
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

// Cards in chunks.
//
// The blocks of the cards are gathered into chunks, one card each: a chunk
// ends where the lead-in of the next card heading starts (its thumbnail
// link, "Submitted by" and the user, an upvote count of that paper), so
// that a card's upvotes may stand before its heading (firecrawl) or after
// it (HTML-to-Markdown converters). Each chunk is parsed with goldmark, a
// CommonMark parser, and its card read from the blocks the parser finds:
// headings, paragraphs and their links. A card is opened, read and closed
// within its chunk: whatever is wrong in one card costs that card, and the
// next chunk starts afresh at the next card heading. Only one card's
// blocks are held at a time.

// mdParser parses the Markdown of a chunk. goldmark's parser keeps no
// state between calls.
var mdParser = goldmark.New().Parser()

// maxChunkBlocks bounds the blocks a chunk gathers while no card heading
// comes: past it they are read as a chunk of their own.
const maxChunkBlocks = 512

// mdState gathers the blocks of the chunk being read.
type mdState struct {
	blocks []block
	heads  int    // 1 + the index in blocks of the chunk's card heading; 0 for none yet
	headID string // the paper of that heading
	cur    *mdChunk
}

// mdChunk is a chunk being read: its Markdown as goldmark read it, and
// where each of its characters stands in the input.
type mdChunk struct {
	src    []byte
	pieces []mdPiece
	blocks []mdBlock
	i      int // the block being read
}

// mdPiece says that the bytes of the chunk's source from off on are the
// line line of the input from column col on.
type mdPiece struct{ off, line, col int }

// mdBlock is a block of a chunk with the first top-level node goldmark read
// in it (nil when the block only continues an earlier one's).
type mdBlock struct {
	block
	start int // its offset in the chunk's source
	node  ast.Node
	nodes int // how many top-level nodes start in it
}

// mdAdd adds a block of the cards to the chunk; a card heading ends the
// chunk before it, but for its lead-in.
func (c *capture) mdAdd(b block) {
	m := &c.md
	if strings.HasPrefix(b.lines[0], "### ") {
		if split := c.mdLeadIn(); split > 0 {
			c.mdFlush(split)
		}
		m.heads, m.headID = len(m.blocks)+1, headingPaperID(b.lines)
	}
	m.blocks = append(m.blocks, b)
	if len(m.blocks) >= maxChunkBlocks {
		c.mdFlush(len(m.blocks))
	}
}

// mdEnd reads the last chunk at the end of the input.
func (c *capture) mdEnd() { c.mdFlush(len(c.md.blocks)) }

// mdFlush reads the first n blocks gathered as a chunk.
func (c *capture) mdFlush(n int) {
	m := &c.md
	if n == 0 {
		return
	}
	c.markdownChunk(m.blocks[:n])
	m.blocks = append(m.blocks[:0:0], m.blocks[n:]...)
	if m.heads > n {
		m.heads -= n
	} else {
		m.heads, m.headID = 0, ""
	}
}

// headingPaperID returns the paper a card heading links to, or "".
func headingPaperID(lines []string) string {
	for _, l := range lines {
		if end, id := paperLinkEnd(l); end >= 0 {
			return id
		}
	}
	return ""
}

// mdLeadIn returns where the lead-in of a card heading about to be added
// starts among the blocks gathered after the chunk's own heading: the
// groups of blocks that belong before a heading, read backwards. An upvote
// count of the chunk's own paper is the chunk's (it may follow its
// heading), and ends the lead-in.
func (c *capture) mdLeadIn() int {
	m := &c.md
	lo, i := m.heads, len(m.blocks)
	for i > lo {
		j := c.leadInGroup(m.blocks[:i], lo)
		if j < 0 {
			break
		}
		i = j
	}
	return i
}

// leadInGroup returns where the lead-in group that ends bs starts, or -1;
// the group starts at lo or after.
func (c *capture) leadInGroup(bs []block, lo int) int {
	n := len(bs)
	one := func(k int) string {
		if k < lo || len(bs[k].lines) != 1 || len(bs[k].lines[0]) > maxMetaLine {
			return "\x00"
		}
		return bs[k].lines[0]
	}
	last := one(n - 1)
	switch {
	case last == "\x00":
		return -1
	case last == "Submitted by":
		return n - 1
	case isThumbnail(last):
		return n - 1
	}
	if m := reMdUpvote.FindStringSubmatch(last); m != nil {
		if m[2] == c.md.headID && !hasUpvote(bs[:n-1], m[2]) {
			return -1 // the chunk's own, after its heading
		}
		return n - 1
	}
	if m := reMdUpvoteTail.FindStringSubmatch(last); m != nil && one(n-2) == "[Upvote" {
		if m[2] == c.md.headID && !hasUpvote(bs[:n-2], m[2]) {
			return -1
		}
		return n - 2
	}
	// "Submitted by", an avatar, the user name
	if v := visibleText(last); v == "" || reUserName.MatchString(v) {
		k := n - 2
		if one(k) != "Submitted by" && one(k) != "\x00" && visibleText(one(k)) == "" && v != "" {
			k-- // the avatar
		}
		if one(k) == "Submitted by" {
			return k
		}
	}
	return -1
}

// hasUpvote reports whether an upvote count of paper id is among bs.
func hasUpvote(bs []block, id string) bool {
	for _, b := range bs {
		if len(b.lines) != 1 {
			continue
		}
		m := reMdUpvote.FindStringSubmatch(b.lines[0])
		if m == nil {
			m = reMdUpvoteTail.FindStringSubmatch(b.lines[0])
		}
		if m != nil && m[2] == id {
			return true
		}
	}
	return false
}

// markdownChunk reads the blocks of one card (or what stands where one
// should) and closes the card.
func (c *capture) markdownChunk(blocks []block) {
	ch := newMdChunk(blocks)
	c.md.cur = ch
	for ch.i = 0; ch.i < len(ch.blocks); ch.i++ {
		c.markdownCardBlock(&ch.blocks[ch.i])
	}
	// What stands for a next card that never comes is another paper's, in
	// the card before it: an error there, and that card gives no record.
	orphan := true
	switch {
	case !c.hasNext || c.next.broken:
		orphan = false
	case c.next.upvoteID != "":
		c.cardErrorf(c.next.upvoteLine, 1, CodeUnknownCardLine, "upvote count of paper %s has no card: no card heading (### [Title](https://huggingface.co/papers/ID)) follows it", c.next.upvoteID)
	case c.next.thumbID != "":
		c.cardErrorf(c.next.thumbLine, 1, CodeUnknownCardLine, "link to paper %s has no card: no card heading (### [Title](https://huggingface.co/papers/ID)) follows it", c.next.thumbID)
	default:
		orphan = false
	}
	if orphan && c.cur != nil {
		c.cur.broken = true
	}
	c.closeCard()
	c.next, c.hasNext = card{}, false
	c.md.cur = nil
}

// newMdChunk lays the blocks out as one Markdown source, a blank line
// between blocks, and parses it.
//
// A card heading whose link text a converter wrapped over two or more
// lines ("### [Efficient … with" / "PagedAttention](https://huggingface.co/papers/ID)")
// is joined back into one line, a space for each line break, before the
// parse. In CommonMark an ATX heading is one line, and goldmark reads the
// rest as a paragraph "PagedAttention](…)"; joined, the heading and its
// link are parsed by the same rules as any other, escapes and brackets
// included, rather than by a second, hand-written link reader for the
// wrapped form, and the pieces keep every character at its own line and
// column.
func newMdChunk(blocks []block) *mdChunk {
	ch := &mdChunk{blocks: make([]mdBlock, len(blocks))}
	size := 0
	for _, b := range blocks {
		for _, l := range b.lines {
			size += len(l) + 1
		}
		size++
	}
	ch.src = make([]byte, 0, size)
	for bi, b := range blocks {
		if bi > 0 {
			ch.src = append(ch.src, '\n')
		}
		mb := &ch.blocks[bi]
		mb.block, mb.start = b, len(ch.src)
		lines := b.lines
		if joined := wrappedHeading(lines); joined > 0 {
			var h strings.Builder
			for k := 0; k <= joined; k++ {
				if k > 0 {
					h.WriteByte(' ')
				}
				ch.pieces = append(ch.pieces, mdPiece{len(ch.src) + h.Len(), b.line + k, 1})
				h.WriteString(lines[k])
			}
			ch.src = append(ch.src, h.String()...)
			ch.src = append(ch.src, '\n')
			mb.lines = append([]string{h.String()}, lines[joined+1:]...)
			for k := joined + 1; k < len(lines); k++ {
				ch.pieces = append(ch.pieces, mdPiece{len(ch.src), b.line + k, 1})
				ch.src = append(ch.src, lines[k]...)
				ch.src = append(ch.src, '\n')
			}
			continue
		}
		for k, l := range lines {
			ch.pieces = append(ch.pieces, mdPiece{len(ch.src), b.line + k, 1})
			ch.src = append(ch.src, l...)
			ch.src = append(ch.src, '\n')
		}
	}
	doc := mdParser.Parse(text.NewReader(ch.src))
	bi := 0
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		off := nodeStart(n)
		for bi+1 < len(ch.blocks) && ch.blocks[bi+1].start <= off {
			bi++
		}
		if mb := &ch.blocks[bi]; mb.nodes == 0 || mb.node == nil {
			mb.node = n
		}
		ch.blocks[bi].nodes++
	}
	return ch
}

// maxHeadingLines is how many lines a converter's wrapped card heading
// may take.
const maxHeadingLines = 5

// wrappedHeading reports how many lines after the first continue a card
// heading whose link text is wrapped: the first line opens the link
// ("### [Title …") and a later line closes it with the paper's URL, no
// line between them closing a link. It returns 0 for any other block.
func wrappedHeading(lines []string) int {
	first := lines[0]
	if len(lines) < 2 || !strings.HasPrefix(first, "### [") || strings.Contains(first, "](") {
		return 0
	}
	for k := 1; k < len(lines) && k < maxHeadingLines; k++ {
		if strings.Contains(lines[k], "](") {
			if end, _ := paperLinkEnd(lines[k]); end >= 0 && strings.Index(lines[k], "](") == end {
				return k
			}
			return 0
		}
	}
	return 0
}

// nodeStart returns the offset where a node's text starts.
func nodeStart(n ast.Node) int {
	if n.Type() != ast.TypeInline {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	if p := n.Pos(); p >= 0 {
		return p
	}
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		if p := nodeStart(k); p >= 0 {
			return p
		}
	}
	return -1
}

// pos returns the line and column (in characters) of the chunk's byte off.
func (ch *mdChunk) pos(off int) (line, col int) {
	i := sort.Search(len(ch.pieces), func(i int) bool { return ch.pieces[i].off > off }) - 1
	if i < 0 {
		return 1, 1
	}
	p := ch.pieces[i]
	return p.line, p.col + utf8.RuneCount(ch.src[p.off:min(off, len(ch.src))])
}

// peek returns the block after the one being read, or nil.
func (ch *mdChunk) peek() *mdBlock {
	if ch.i+1 < len(ch.blocks) {
		return &ch.blocks[ch.i+1]
	}
	return nil
}

// blockEnd returns the offset where a heading's or paragraph's text ends.
func (ch *mdChunk) blockEnd(n ast.Node) int {
	l := n.Lines()
	if l == nil || l.Len() == 0 {
		return -1
	}
	end := l.At(l.Len() - 1).Stop
	for end > 0 && (ch.src[end-1] == '\n' || ch.src[end-1] == ' ' || ch.src[end-1] == '\t') {
		end--
	}
	return end
}

// inlines returns the inline nodes of a block read as one heading or
// paragraph, leaving out text of white space only; ok is false for any
// other block.
func (ch *mdChunk) inlines(mb *mdBlock) (nodes []ast.Node, ok bool) {
	if mb.nodes != 1 {
		return nil, false
	}
	switch mb.node.(type) {
	case *ast.Heading, *ast.Paragraph:
	default:
		return nil, false
	}
	for n := mb.node.FirstChild(); n != nil; n = n.NextSibling() {
		if t, isText := n.(*ast.Text); isText && len(bytes.TrimSpace(t.Segment.Value(ch.src))) == 0 {
			continue
		}
		nodes = append(nodes, n)
	}
	return nodes, true
}

// linkText returns the source of a link's text, as written, with its
// offset; ok is false when the link is not inline ("[text](URL)").
func (ch *mdChunk) linkText(l *ast.Link) (s string, off int, ok bool) {
	start := l.Pos()
	if start < 0 || start >= len(ch.src) || ch.src[start] != '[' {
		return "", 0, false
	}
	end := -1
	if next := l.NextSibling(); next != nil {
		end = nodeStart(next)
	}
	if end < 0 {
		end = ch.blockEnd(l.Parent())
	}
	if end <= start {
		return "", 0, false
	}
	src := bytes.TrimRight(ch.src[start:end], " \t\n")
	k := bytes.LastIndex(src, []byte("]("))
	if k < 0 || !bytes.HasSuffix(src, []byte(")")) {
		return "", 0, false
	}
	return string(src[1:k]), start + 1, true
}

// soleLink returns the link of a block that is one link and nothing else,
// with its destination and the source of its text.
func (ch *mdChunk) soleLink(mb *mdBlock) (dest, text string, off int, ok bool) {
	nodes, ok := ch.inlines(mb)
	if !ok || len(nodes) != 1 {
		return "", "", 0, false
	}
	l, isLink := nodes[0].(*ast.Link)
	if !isLink {
		return "", "", 0, false
	}
	text, off, ok = ch.linkText(l)
	return string(l.Destination), text, off, ok
}

// paperOf returns the paper a link's destination names
// (https://huggingface.co/papers/ID), or "".
func paperOf(dest string) string {
	id, ok := strings.CutPrefix(dest, paperURL)
	if !ok || id == "" || strings.ContainsAny(id, ")#? \t/") {
		return ""
	}
	return id
}

const loginURL = "https://huggingface.co/login?next=%2Fpapers%2F"

// markdownCardBlock reads a block of a card's chunk.
func (c *capture) markdownCardBlock(mb *mdBlock) {
	b := mb.block
	if b.broken {
		defer func() {
			if c.cur != nil {
				c.cur.broken = true
			}
		}()
	}
	ch := c.md.cur
	first := b.lines[0]
	single := len(b.lines) == 1
	meta := single && len(first) <= maxMetaLine // short enough for the card's other lines; abstracts are longer
	dest, linkText, linkOff, sole := "", "", 0, false
	if meta {
		dest, linkText, linkOff, sole = ch.soleLink(mb)
	}
	switch {
	case single && strings.HasPrefix(first, "### "):
		c.markdownHeading(mb)
	case meta && first == "[Upvote":
		next := ch.peek()
		var m []string
		if next != nil && len(next.lines) == 1 {
			m = reMdUpvoteTail.FindStringSubmatch(next.lines[0])
		}
		if m == nil {
			c.cardErrorf(b.line, 1, CodeUnknownCardLine, "\"[Upvote\" is not followed by its count and link")
			c.breakCard()
			return
		}
		ch.i++
		c.upvotes(next.line, 1, m[1], m[2])
	case sole && strings.HasPrefix(dest, loginURL) && dest != loginURL && !strings.ContainsAny(dest, " \t"):
		_, col := ch.pos(linkOff)
		c.upvotes(b.line, col, linkText, dest[len(loginURL):])
	case meta && first == "Submitted by":
		c.submittedBy(b)
	case sole && c.mdOwnLinkAgain(dest, linkText):
		// the card's own link printed again (a thumbnail, the title): nothing to read
	case sole && paperOf(dest) != "" && visibleText(linkText) == "":
		c.next.thumbID, c.next.thumbLine, c.hasNext = paperOf(dest), b.line, true
	case c.cur == nil:
		c.markdownText(mb)
	case meta && first == "·":
		c.cur.after = true
	case meta && strings.HasPrefix(first, "· "):
		c.cur.after = true
		c.markdownDate(mb, len("· "))
	case meta && c.markdownOrg(mb):
	case c.markdownAuthors(b):
	case meta && c.markdownLinks(mb):
	case meta && c.markdownDate(mb, 0):
		c.cur.after = true
	default:
		c.markdownText(mb)
	}
}

// mdOwnLinkAgain reports whether a block that is one link, to dest, repeats
// the link of the card being read: to its own paper, around nothing but
// images or around its title. It changes nothing of the record.
func (c *capture) mdOwnLinkAgain(dest, text string) bool {
	k := c.cur
	if k == nil || c.hasNext || k.paperID == "" || paperOf(dest) != k.paperID {
		return false
	}
	return visibleText(text) == "" || unescapeMarkdown(strings.Split(text, "\n")) == k.title
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

// markdownHeading reads "### [Title](https://huggingface.co/papers/ID)":
// a heading that is one link to a paper.
func (c *capture) markdownHeading(mb *mdBlock) {
	ch := c.md.cur
	line := mb.lines[0]
	dest, text, off, ok := ch.soleLink(mb)
	id := paperOf(dest)
	if !ok || id == "" {
		c.openHeadless(mb.line, "the card heading "+quote(line)+" has no link to the paper (### [Title](https://huggingface.co/papers/ID))")
		return
	}
	title := unescapeMarkdown(strings.Split(text, "\n"))
	if title == "" {
		c.openHeadless(mb.line, "the card heading "+quote(line)+" has an empty title")
		return
	}
	_, col := ch.pos(off)
	c.openCard(mb.line, col+leadingSpaces(text), title, id)
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
	if k := c.cur; k != nil && k.upvoteID == "" && (k.paperID == id || k.missingTitleLink && !c.hasNext) {
		c.cur.upvoteID, c.cur.upvoteLine, c.cur.after = id, line, true
		if !ok {
			c.badCount(line, col, "upvote count", count)
			c.cur.broken = true
		}
		c.cur.upvotes = n
		return
	}
	if c.next.upvoteID != "" {
		c.cardErrorf(line, 1, CodeUnknownCardLine, "a second upvote count before the card heading (the first is on line %d)", c.next.upvoteLine)
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
	ch := c.md.cur
	next := ch.peek()
	if next != nil && len(next.lines) == 1 && visibleText(next.lines[0]) == "" && !isThumbnail(next.lines[0]) {
		ch.i++
		next = ch.peek()
	}
	if next == nil || len(next.lines) != 1 || !reUserName.MatchString(visibleText(next.lines[0])) {
		c.cardErrorf(b.line, 1, CodeUnknownCardLine, "\"Submitted by\" is not followed by a user name")
		c.next.broken, c.hasNext = true, true
		return
	}
	ch.i++
	c.next.submittedBy, c.hasNext = visibleText(next.lines[0]), true
}

var reOrgURL = regexp.MustCompile(`^https://huggingface\.co/([A-Za-z0-9][A-Za-z0-9._-]*)$`)

// markdownOrg reads the organization's link, and the date when it shares
// the line ("[Kandinsky Lab](https://huggingface.co/kandinskylab) · Published on Oct 4, 2026").
func (c *capture) markdownOrg(mb *mdBlock) bool {
	ch := c.md.cur
	nodes, ok := ch.inlines(mb)
	if !ok || len(nodes) == 0 || len(nodes) > 2 {
		return false
	}
	l, isLink := nodes[0].(*ast.Link)
	if !isLink {
		return false
	}
	m := reOrgURL.FindStringSubmatch(string(l.Destination))
	if m == nil || m[1] == "papers" || m[1] == "login" {
		return false
	}
	text, _, ok := ch.linkText(l)
	if !ok {
		return false
	}
	rest := ""
	if len(nodes) == 2 {
		t, isText := nodes[1].(*ast.Text)
		if !isText || t.NextSibling() != nil {
			return false
		}
		after := string(ch.src[t.Segment.Start:ch.blockEnd(mb.node)])
		var cut bool
		if rest, cut = strings.CutPrefix(after, " · "); !cut || rest == "" {
			return false
		}
	}
	name := visibleText(text)
	if name == "" {
		return false
	}
	c.cur.after = true
	if c.cur.organization != "" {
		c.cardErrorf(mb.line, 1, CodeUnknownCardLine, "a second organization in the card of line %d", c.cur.line)
		c.cur.broken = true
		return true
	}
	c.cur.organization = name
	if rest != "" {
		col := utf8.RuneCountInString(mb.lines[0]) - utf8.RuneCountInString(rest) + 1
		if !c.markdownDateText(mb, col, rest) {
			c.cardErrorf(mb.line, col, CodeUnknownCardLine, "%s after the organization is not a date", quote(rest))
			c.cur.broken = true
		}
	}
	return true
}

// markdownLinks reads the card's links: "[GitHub 131](https://github.com/o/r) [arXiv Page](https://arxiv.org/abs/ID)",
// either one alone.
func (c *capture) markdownLinks(mb *mdBlock) bool {
	ch := c.md.cur
	nodes, ok := ch.inlines(mb)
	if !ok || len(nodes) == 0 || len(nodes) > 2 {
		return false
	}
	var github, arxiv *ast.Link
	var stars string
	starsOff := 0
	for i, n := range nodes {
		l, isLink := n.(*ast.Link)
		if !isLink {
			return false
		}
		text, off, ok := ch.linkText(l)
		dest := string(l.Destination)
		switch {
		case !ok:
			return false
		case i == 0 && strings.HasPrefix(text, "GitHub ") && (strings.HasPrefix(dest, "https://github.com/") || strings.HasPrefix(dest, "http://github.com/")) && !strings.ContainsAny(dest, " \t"):
			github, stars, starsOff = l, text[len("GitHub "):], off+len("GitHub ")
		case text == "arXiv Page" && (strings.HasPrefix(dest, "https://arxiv.org/abs/") || strings.HasPrefix(dest, "http://arxiv.org/abs/")) && arxiv == nil:
			arxiv = l
		default:
			return false
		}
	}
	c.cur.after = true
	if github == nil {
		return true
	}
	if c.cur.githubURL != "" {
		c.cardErrorf(mb.line, 1, CodeUnknownCardLine, "a second GitHub link in the card of line %d", c.cur.line)
		c.cur.broken = true
		return true
	}
	c.cur.githubURL = string(github.Destination)
	n, ok := parseCount(stars, true)
	if !ok {
		_, col := ch.pos(starsOff)
		c.badCount(mb.line, col, "GitHub star count", stars)
		c.cur.broken = true
		return true
	}
	c.cur.stars = n
	return true
}

// markdownAuthors reads the author avatars and count: "[- 3 authors](…)",
// a list of "- ![](avatar)\\" lines inside one link, or a converter's
// separate "-", "- [image]" and "- 4 authors" blocks. These are read as
// lines: a link around a list is not CommonMark, and goldmark reads it as
// a paragraph and a list.
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

// markdownDate reads a card's date, from byte skip of the block's line on,
// with the comment count glued on as a link ("May 29[6](https://huggingface.co/papers/ID#community)").
// It returns false when the block is not a date.
func (c *capture) markdownDate(mb *mdBlock, skip int) bool {
	ch := c.md.cur
	nodes, ok := ch.inlines(mb)
	if !ok || len(nodes) == 0 || len(nodes) > 2 {
		return false
	}
	t, isText := nodes[0].(*ast.Text)
	if !isText || t.Segment.Start != mb.start || t.SoftLineBreak() {
		return false
	}
	end := ch.blockEnd(mb.node)
	var comments *ast.Link
	if len(nodes) == 2 {
		l, isLink := nodes[1].(*ast.Link)
		if !isLink || !strings.HasSuffix(string(l.Destination), "#community") || paperOf(strings.TrimSuffix(string(l.Destination), "#community")) == "" {
			return false
		}
		comments, end = l, l.Pos()
	}
	date := string(ch.src[mb.start:end])
	if len(date) < skip {
		return false
	}
	col := 1 + utf8.RuneCountInString(date[:skip])
	if !c.markdownDateText(mb, col, date[skip:]) {
		return false
	}
	if comments != nil {
		text, off, ok := ch.linkText(comments)
		n, good := parseCount(text, false)
		if !ok || !good || text == "-" {
			_, col := ch.pos(off)
			c.badCount(mb.line, col, "comment count", text)
			c.cur.broken = true
		}
		c.cur.comments = n
	}
	return true
}

// markdownDateText reads a card's date ("Oct 7, 2024", "Published on Oct
// 4, 2026", "May 29"), at line:col; it returns false when s is not one.
func (c *capture) markdownDateText(mb *mdBlock, col int, s string) bool {
	date, msg, ok := c.publicationDate(strings.TrimSpace(s))
	if !ok {
		return false
	}
	c.cur.after = true
	switch {
	case msg != "":
		c.cardErrorf(mb.line, col, CodeInvalidPublicationDate, "%s", msg)
		c.cur.broken = true
	case c.cur.published != "":
		c.cardErrorf(mb.line, col, CodeUnknownCardLine, "a second date in the card of line %d", c.cur.line)
		c.cur.broken = true
	default:
		c.cur.published = date
	}
	return true
}

// markdownText reads a paragraph: the card's abstract, the same abstract
// again, or the abstract of a card whose heading is missing. An abstract
// is often one link to the paper around the whole paragraph; goldmark
// finds it, and a paragraph whose text CommonMark does not read as one
// link (unbalanced brackets, a list inside) is unwrapped by its lines.
func (c *capture) markdownText(mb *mdBlock) {
	ch := c.md.cur
	b := mb.block
	lines, col := b.lines, 1
	id, wrapped := "", false
	if dest, text, _, ok := ch.soleLink(mb); ok && paperOf(dest) != "" {
		lines, id, wrapped = strings.Split(text, "\n"), paperOf(dest), true
	} else if inner, lid, ok := linkWrapped(b.lines); ok {
		lines, id, wrapped = inner, lid, true
	}
	if !wrapped || c.cur != nil && id != c.cur.paperID {
		lines = b.lines
	} else {
		col = 2
	}
	text := unescapeMarkdown(lines)
	col += leadingSpaces(lines[0])
	k := c.cur
	switch {
	case k == nil:
		c.openHeadless(b.line, "paragraph stands where a card heading (### [Title](https://huggingface.co/papers/ID)) was expected")
		c.cur.abstract, c.cur.absLine, c.cur.absCol = text, b.line, col
	case k.abstract == "" && !k.after && utf8.RuneCountInString(text) < schema.MinAbstractLen && c.abstractFollows():
		c.cardErrorf(b.line, 1, CodeUnknownCardLine, "unexpected text %s in the card of line %d, before its abstract", quote(b.lines[0]), k.line)
		k.broken = true
	case k.abstract == "" && !k.after:
		k.abstract, k.absLine, k.absCol = text, b.line, col
	case k.abstract == text:
		// the card prints its abstract twice
	case utf8.RuneCountInString(text) >= schema.MinAbstractLen:
		c.openHeadless(b.line, "paragraph of "+strconv.Itoa(utf8.RuneCountInString(text))+" characters stands where a card heading (### [Title](https://huggingface.co/papers/ID)) was expected")
		c.cur.abstract, c.cur.absLine, c.cur.absCol = text, b.line, col
	default:
		c.cardErrorf(b.line, 1, CodeUnknownCardLine, "unexpected text %s in the card of line %d", quote(b.lines[0]), k.line)
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

// abstractFollows reports whether the next block of the card reads as an
// abstract: as long as one, and not a heading or a link of a card.
func (c *capture) abstractFollows() bool {
	next := c.md.cur.peek()
	if next == nil || strings.HasPrefix(next.lines[0], "### ") {
		return false
	}
	if inner, _, ok := linkWrapped(next.lines); ok {
		return utf8.RuneCountInString(unescapeMarkdown(inner)) >= schema.MinAbstractLen
	}
	return len(next.lines) > 1 || len(next.lines[0]) > maxMetaLine || utf8.RuneCountInString(next.lines[0]) >= schema.MinAbstractLen && !strings.HasPrefix(next.lines[0], "[")
}

// openMarkdown returns the reader of a Markdown capture.
func openMarkdown(p *parser) cardReader {
	c := newCapture(p, StyleMarkdown, (*capture).markdownStep)
	c.holdCards, c.end, c.noAbstracts = true, (*capture).mdEnd, (*capture).markdownNoAbstracts
	return c
}

var reDailyURL = regexp.MustCompile(`/papers/date/(\d{4}-\d{2}-\d{2})`)

// markdownNoAbstracts says what is wrong with a capture whose cards carry
// no abstract, and how to capture the page with them.
func (c *capture) markdownNoAbstracts() string {
	date := "YYYY-MM-DD"
	if m := reDailyURL.FindStringSubmatch(c.page.URL); m != nil {
		date = m[1]
	} else if c.page.Date != "" {
		date = c.page.Date
	}
	cards := "paper cards carry"
	if c.cards == 1 {
		cards = "paper card carries"
	}
	return fmt.Sprintf("the file's %d %s no abstract (titles and links only: a clipping of the page, or a listing whose abstracts were collapsed); "+
		"capture a page that has them: the Papers API (curl 'https://huggingface.co/api/daily_papers?date=%s', read with --style api), "+
		"or the page saved from the browser (read with --style html)", c.cards, cards, date)
}
