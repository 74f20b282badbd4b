package validate

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// The NotebookLM style: NotebookLM's export of a web-page source. After the
// front matter and "# TITLE", the page's text comes one block a line, and
// every link's URL follows its text on a line of its own. A card:
//
//	 [-] 1                                                  the upvote control and its count
//	https://huggingface.co/login?next=%2Fpapers%2FID
//	Title
//	https://huggingface.co/papers/ID
//	The abstract …
//	https://huggingface.co/papers/ID
//	[ / 2 authors](https://huggingface.co/papers/ID)       or an organization and its URL
//	·
//	Oct 7, 2024                                             the date
//	2 / https://huggingface.co/papers/ID#community          the comment count, when there is one

// StyleNotebookLM is NotebookLM's web-page export: front matter, the page's
// text, each link's URL on a line of its own.
const StyleNotebookLM Style = "notebooklm"

var notebookLMFormat = Format{
	Style:   StyleNotebookLM,
	Summary: "NotebookLM's export of the page as a web-page source: the page's text, each link's URL on a line of its own",
	Doc: `Front matter (source_id, notebook_id, url, type: web_page, exported), "# TITLE", then
the page's text one block a line, every link's URL on the line after its text. A card is
the upvote control " [-] N" and its login URL, the title and its URL, the abstract and its
URL, the authors or organization, "·", the date and the comment count.`,
	Detect: detectNotebookLM,
	open:   func(p *parser) cardReader { return newCapture(p, StyleNotebookLM, (*capture).notebookLMStep) },
}

var (
	reLoneLoginURL   = regexp.MustCompile(`(?m)^https://huggingface\.co/login\?next=%2Fpapers%2F\S+\s*$`)
	reFrontMatterKey = regexp.MustCompile(`(?m)^(type: web_page|notebook_id:|source_id:)`)
)

// detectNotebookLM reports whether a dump starts as a NotebookLM export:
// its front matter keys, or an upvote control's login URL on a line of its
// own.
func detectNotebookLM(head []byte) bool {
	text := string(trimHead(head))
	return strings.HasPrefix(text, "---") && reFrontMatterKey.MatchString(text) || reLoneLoginURL.MatchString(text)
}

// nlmState is where the NotebookLM reader is in a card.
type nlmState int

const (
	nlmNext        nlmState = iota // a card's upvotes, or what may follow a card's date
	nlmLogin                       // the upvote control's login URL
	nlmTitle                       // the title
	nlmTitleURL                    // the title's link
	nlmAbstract                    // the abstract
	nlmAbstractURL                 // the abstract's link
	nlmWho                         // the authors or the organization
	nlmDot                         // "·"
	nlmDate                        // the date
)

var (
	reNlmUpvote   = regexp.MustCompile(`^\[-\] (.*)$`)
	reNlmLogin    = regexp.MustCompile(`^https://huggingface\.co/login\?next=%2Fpapers%2F(\S+)$`)
	reNlmPaperURL = regexp.MustCompile(`^` + hfPapers + `([^\s#?]+)$`)
	reNlmAuthors  = regexp.MustCompile(`^(.*?) authors?\]\(` + hfPapers + `([^)\s#?]+)\)$`)
	reNlmOrgURL   = regexp.MustCompile(`^https://huggingface\.co/([A-Za-z0-9][A-Za-z0-9._-]*)$`)
	reNlmComments = regexp.MustCompile(`^` + hfPapers + `([^\s#?]+)#community$`)
	reNlmGitHub   = regexp.MustCompile(`^GitHub (.*)$`)
	reNlmURL      = regexp.MustCompile(`^https?://\S+$`)
)

// notebookLMStep reads one block of a NotebookLM export.
func (c *capture) notebookLMStep(b block) {
	text := collapseSpace(strings.Join(b.lines, " "))
	col := 1 + leadingSpaces(b.lines[0])
	if b.broken {
		defer func() {
			if c.cur != nil {
				c.cur.broken = true
			}
		}()
	}
	switch c.phase {
	case phaseHeader:
		if c.notebookLMHeader(b, text) {
			return
		}
		c.phase = phaseCards
	case phaseFooter:
		if notebookLMChrome[text]&chromeFooter == 0 && !reNlmURL.MatchString(text) && !c.linkFollows() {
			c.p.errorf(b.line, col, CodeUnknownCardLine, "unexpected text %s after the last card", quote(text))
		}
		return
	}
	for !c.notebookLMCard(b, text, col) {
	}
}

// linkFollows reports whether the next block is a URL: the text before it
// is a link's.
func (c *capture) linkFollows() bool {
	next := c.peekBlock()
	return next != nil && len(next.lines) == 1 && reNlmURL.MatchString(strings.TrimSpace(next.lines[0]))
}

// notebookLMHeader reads a block before the first card; it returns false
// when the block starts the cards.
func (c *capture) notebookLMHeader(b block, text string) bool {
	switch {
	case !c.converterTitle && strings.HasPrefix(b.lines[0], "# "):
		c.converterTitle = true // the export's title, and the title again
		return true
	case notebookLMChrome[text]&chromeHeader != 0:
		if text == "Trending Papers" && c.page.Kind == "" {
			c.page.Kind = "trending"
		}
		return true
	case strings.HasPrefix(text, "https://huggingface.co/") && reNlmURL.MatchString(text) && !reNlmLogin.MatchString(text):
		return true // a link's URL
	case c.page.Query != "" && strings.EqualFold(text, collapseSpace(c.page.Query)):
		return true // the search box
	case len(b.lines) == 1 && c.dateLine(b, text, 1+leadingSpaces(b.lines[0])):
		return true
	case len(b.lines) == 1 && reNlmUpvote.MatchString(text):
		return false
	}
	c.unknownPreamble(b, text)
	return true
}

// notebookLMCard reads a block of the cards. It returns false when the
// block must be read again in the state it moved to.
func (c *capture) notebookLMCard(b block, text string, col int) bool {
	if c.nlm > nlmLogin && len(b.lines) == 1 && reNlmUpvote.MatchString(text) {
		c.nlm = nlmNext // the next card starts before this one ended
		return false
	}
	if c.ownLinkAgain(text) {
		return true // a link to the card's own paper (a thumbnail, an avatar) printed again: nothing to read
	}
	switch c.nlm {
	case nlmNext:
		single := len(b.lines) == 1
		switch {
		case single && reNlmUpvote.MatchString(text):
			c.closeCard()
			m := reNlmUpvote.FindStringSubmatch(text)
			c.next = card{upvoteLine: b.line}
			c.hasNext = true
			n, ok := parseCount(m[1], false)
			if !ok {
				c.badCount(b.line, col+len("[-] "), "upvote count", m[1])
				c.next.broken = true
			}
			c.next.upvotes = n
			c.nlm = nlmLogin
		case notebookLMChrome[text]&chromeFooter != 0:
			c.closeCard()
			c.phase = phaseFooter
		case single && c.cur != nil && reNlmGitHub.MatchString(text) && c.linkFollows():
			next, _ := c.nextBlock()
			n, ok := parseCount(reNlmGitHub.FindStringSubmatch(text)[1], true)
			if !ok {
				c.badCount(b.line, col+len("GitHub "), "GitHub star count", reNlmGitHub.FindStringSubmatch(text)[1])
				c.cur.broken = true
			}
			c.cur.stars, c.cur.githubURL = n, strings.TrimSpace(next.lines[0])
		case c.cur != nil && text == "arXiv Page" && c.linkFollows():
			c.nextBlock()
		case single && c.cur != nil && c.nlmComments(b, text, col):
		default:
			c.nlmUnknown(b, text, col)
		}
	case nlmLogin:
		c.nlm = nlmTitle
		m := reNlmLogin.FindStringSubmatch(text)
		if m == nil {
			return false // the upvote control's URL is missing; the title's link names the paper
		}
		c.next.upvoteID = m[1]
	case nlmTitle:
		if reNlmURL.MatchString(text) {
			c.openHeadless(b.line, "the card has no title before its link "+quote(text))
			c.nlm = nlmAbstract
			return true
		}
		c.openCard(b.line, col, text, "")
		c.nlm = nlmTitleURL
	case nlmTitleURL:
		m := reNlmPaperURL.FindStringSubmatch(text)
		if m == nil {
			c.p.errorf(c.cur.line, c.cur.col, CodeCardMissingTitleLink, "the title %s is not followed by its link to the paper (https://huggingface.co/papers/ID); the card's title link is missing", quote(c.cur.title))
			c.cur.broken, c.cur.missingTitleLink = true, true
			c.nlm = nlmAbstract
			return false
		}
		c.cur.paperID = m[1]
		if c.cur.upvoteID != "" && c.cur.upvoteID != m[1] {
			c.p.errorf(c.cur.upvoteLine, 1, CodeUnknownCardLine, "upvote control of paper %s stands before the card of paper %s", c.cur.upvoteID, m[1])
			c.cur.broken = true
		}
		c.nlm = nlmAbstract
	case nlmAbstract:
		if m := reNlmPaperURL.FindStringSubmatch(text); m != nil && m[1] == c.cur.paperID {
			c.nlm = nlmWho // the abstract's link without the abstract: closeCard reports it
			return true
		}
		if reNlmURL.MatchString(text) || text == "[" || text == "·" {
			c.nlm = nlmWho // the abstract is missing: closeCard reports it
			return false
		}
		if utf8.RuneCountInString(text) < schema.MinAbstractLen {
			if next := c.peekBlock(); next != nil && !reNlmURL.MatchString(strings.TrimSpace(next.lines[0])) &&
				utf8.RuneCountInString(next.text()) >= schema.MinAbstractLen {
				c.nlmUnknown(b, text, col) // a stray line, and the abstract after it
				return true
			}
		}
		c.cur.abstract, c.cur.absLine, c.cur.absCol = text, b.line, col
		c.nlm = nlmAbstractURL
	case nlmAbstractURL:
		c.nlm = nlmWho
		if m := reNlmPaperURL.FindStringSubmatch(text); m == nil || m[1] != c.cur.paperID && c.cur.paperID != "" {
			return false
		}
	case nlmWho:
		c.cur.after = true
		switch {
		case text == "·":
			c.nlm = nlmDate
		case text == "[":
			next := c.peekBlock()
			var m []string
			if next != nil {
				m = reNlmAuthors.FindStringSubmatch(collapseSpace(strings.Join(next.lines, " ")))
			}
			if m == nil {
				c.nlmUnknown(b, text, col)
				return true
			}
			c.nextBlock()
			n, ok := parseCount(m[1], false)
			if !ok || m[1] == "-" {
				c.badCount(next.line, 1+leadingSpaces(next.lines[0]), "author count", m[1])
				c.cur.broken = true
			}
			c.cur.numAuthors = n
			c.nlm = nlmDot
		case c.linkFollows() && reNlmOrgURL.MatchString(strings.TrimSpace(c.peekBlock().lines[0])) && !reNlmURL.MatchString(text):
			c.nextBlock()
			c.cur.organization = text
			c.nlm = nlmDot
		default:
			c.nlmUnknown(b, text, col)
		}
	case nlmDot:
		if _, _, ok := c.publicationDate(text); ok {
			c.nlm = nlmDate // the date without its "·"
			return false
		}
		if text != "·" {
			c.nlmUnknown(b, text, col)
			return true
		}
		c.nlm = nlmDate
	case nlmDate:
		date, msg, ok := c.publicationDate(text)
		switch {
		case !ok:
			c.nlmUnknown(b, text, col)
			c.nlm = nlmNext // the card ends without its date
			return true
		case msg != "":
			c.p.errorf(b.line, col, CodeInvalidPublicationDate, "%s", msg)
			c.cur.broken = true
		default:
			c.cur.published = date
		}
		c.nlm = nlmNext
	}
	return true
}

// ownLinkAgain reports whether text is the URL of the card's own paper
// where the card has read its title, abstract and their links already: the
// page links the paper again from images whose text is blank, and a
// repeat of the card's own link changes nothing of its record. Another
// paper's URL there is still an error (see nlmUnknown).
func (c *capture) ownLinkAgain(text string) bool {
	if c.cur == nil || c.cur.paperID == "" || c.nlm < nlmWho {
		return false
	}
	m := reNlmPaperURL.FindStringSubmatch(text)
	return m != nil && m[1] == c.cur.paperID
}

// nlmComments reads a comment count and its "#community" URL.
func (c *capture) nlmComments(b block, text string, col int) bool {
	next := c.peekBlock()
	if next == nil || len(next.lines) != 1 {
		return false
	}
	m := reNlmComments.FindStringSubmatch(strings.TrimSpace(next.lines[0]))
	if m == nil {
		return false
	}
	c.nextBlock()
	n, ok := parseCount(text, false)
	if !ok || text == "-" || c.cur.comments.Valid {
		c.badCount(b.line, col, "comment count", text)
		c.cur.broken = true
		return true
	}
	c.cur.comments = n
	return true
}

// nlmUnknown reports a block the card does not hold.
func (c *capture) nlmUnknown(b block, text string, col int) {
	where := "before the first card"
	if c.cur != nil {
		where = "in the card of line " + strconv.Itoa(c.cur.line)
		c.cur.broken = true
	}
	c.p.errorf(b.line, col, CodeUnknownCardLine, "unexpected text %s %s", quote(text), where)
}
