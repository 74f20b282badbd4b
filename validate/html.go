package validate

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
	"golang.org/x/net/html"
)

// The saved page format: what "Save page as…" (HTML only) keeps of a
// Papers listing (/papers, /papers/date/YYYY-MM-DD, /papers/week/YYYY-WNN,
// /papers/month/YYYY-MM, /papers/trending). The page is chrome and scripts
// around one element that holds the listing's data for the page's script:
//
//	<div class="SVELTE_HYDRATER contents" data-target="DailyPapers"
//	  data-props="{&quot;dailyPapers&quot;:[{&quot;paper&quot;:{…},…},…],&quot;dateString&quot;:&quot;2026-08-20&quot;,&quot;periodType&quot;:&quot;day&quot;,…}">
//
// Its attribute, once unescaped, is a JSON object whose dailyPapers array
// holds items of exactly the API's shape, with the page's date (dateString)
// and period (periodType: day, week or month) beside it. The reader scans
// the page with an HTML tokenizer, one token at a time, keeping the
// position of each; it takes the listing's address from the page's head
// (its canonical link, or og:url), reads the page's date and period from
// the object, and hands the array to the api format's reader, so that
// items are read and reported as in an API response, at their line and
// column in the page, with JSON Pointers like /dailyPapers/3/paper/summary.

// StyleHTML is a saved Papers page: the HTML of a listing, whose
// DailyPapers element holds the listing's items.
const StyleHTML Style = "html"

var htmlFormat = Format{
	Style:   StyleHTML,
	Summary: "a saved Papers page (Save page as…, HTML only): the listing's own data, its DailyPapers element, read as the api style reads a response",
	Doc: `What a browser saves of a Papers listing with "Save page as…" (HTML only), or curl
of the page: https://huggingface.co/papers, /papers/date/YYYY-MM-DD, /papers/week/YYYY-WNN,
/papers/month/YYYY-MM or /papers/trending. The page keeps the listing's data in one
element, <div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="…">:
an HTML-escaped JSON object whose "dailyPapers" array holds the items the API answers,
with the page's date ("dateString") and period ("periodType": day, week or month)
beside it. The rest of the page, chrome and scripts, is skipped. Items are read as the
api style reads them, field for field; a daily page's date is the listing date of
items that do not give their own (submittedOnDailyAt), unless --listing-date is given.
The listing's address is the page's canonical link (or og:url). Every problem is an
error at its line and column in the page, with its JSON Pointer
(/dailyPapers/3/paper/summary); one error per broken item. A page without that element
is not a listing.`,
	Detect: detectHTML,
	raw:    true,
	open:   func(p *parser) cardReader { return &htmlReader{p: p, page: Listing{Style: StyleHTML}} },
}

// detectHTML reports whether a dump starts as an HTML page: a doctype, or
// an html or head element, in any case.
func detectHTML(head []byte) bool {
	text := trimHead(head)
	text = bytes.ToLower(text[:min(len(text), len("<!doctype html"))])
	for _, p := range []string{"<!doctype html", "<html", "<head"} {
		if bytes.HasPrefix(text, []byte(p)) {
			return true
		}
	}
	return false
}

// htmlReader reads a saved Papers page.
type htmlReader struct {
	p    *parser
	page Listing
	api  *apiReader // the reader of the items, once they are found

	opened bool
	late   func() // reports a problem of the data after the items, once they are read

	line, col int // the position of the next token
}

func (h *htmlReader) listing() Listing { return h.page }

// parseBatch finds the listing's data on the first call, then reads its
// items with the api format's reader.
func (h *htmlReader) parseBatch(size int) *batch {
	p := h.p
	if !h.opened {
		h.opened = true
		b := &batch{warningsByCode: make(map[Code]int)}
		p.batch = b
		if !h.open() {
			p.stopped = true
			b.last = true
			return b
		}
	}
	if h.api == nil {
		return nil
	}
	b := h.api.parseBatch(size)
	if b != nil && b.last && !b.cut && h.late != nil {
		h.late()
		h.late = nil
	}
	return b
}

// propsElement is what the page says of its listing: the DailyPapers
// element's data and where it is, and the page's address.
type propsElement struct {
	found     bool
	hasProps  bool
	props     string // the attribute's value, unescaped
	raw       []byte // the attribute's value as written
	elemAt    [2]int // where the element's tag starts
	nameAt    [2]int // where the attribute's name starts
	valueAt   [2]int // where its value starts
	canonical string
	ogURL     string
	savedFrom string
	paperPage bool // the page holds a single paper's data (PaperContent), not a listing's
	tags      int  // start tags and doctypes read
}

var reSavedFrom = regexp.MustCompile(`saved from url=\(\d+\)(https?://\S+?)\s*-->`)

// open scans the page for the DailyPapers element, reads what the page
// says of its listing, and positions the api reader at the first item. It
// returns false when reading ends: the error is reported.
func (h *htmlReader) open() bool {
	p := h.p
	e, ok := h.scan()
	if !ok {
		return false
	}
	switch {
	case !e.found && e.paperPage:
		p.fatalf(1, 1, CodeNotAListing, "file is a saved HTML page of a single paper (its PaperContent data), not of a listing: save a listing page (https://huggingface.co/papers, a date, a week, a month or the trending page), or fetch the API")
		return false
	case !e.found && e.tags == 0:
		p.fatalf(1, 1, CodeNotAListing, "file is not HTML: it holds no element, so not the DailyPapers data (the <div data-target=\"DailyPapers\" data-props=…>) of a saved Papers page; read it with its own --style, or auto")
		return false
	case !e.found:
		p.fatalf(1, 1, CodeNotAListing, "file is a saved HTML page that holds no DailyPapers data (the <div data-target=\"DailyPapers\" data-props=…> of a Papers listing): save the listing page itself, or fetch the API")
		return false
	case !e.hasProps:
		p.fatalf(e.elemAt[0], e.elemAt[1], CodeNotAListing, "the page's DailyPapers element has no data-props attribute, which holds the listing's data: save the listing page itself, or fetch the API")
		return false
	}
	m := &attrMap{raw: e.raw, val: e.props, line0: e.valueAt[0], col0: e.valueAt[1]}
	m.reset()
	url := e.canonical
	if url == "" {
		url = e.ogURL
	}
	if url == "" {
		url = e.savedFrom
	}
	d, ok := h.prepass(e, m)
	h.setListing(url, d)
	if !ok {
		return false
	}

	a := newAPIReader(p, strings.NewReader(e.props), m.at)
	if _, err := a.dec.ReadToken(); err != nil { // {
		h.jsonError(m, err)
		return false
	}
	for {
		tok, err := a.dec.ReadToken()
		if err != nil {
			h.jsonError(m, err)
			return false
		}
		if tok.String() == "dailyPapers" {
			break
		}
		if err := a.dec.SkipValue(); err != nil {
			h.jsonError(m, err)
			return false
		}
	}
	if _, err := a.dec.ReadToken(); err != nil { // [
		h.jsonError(m, err)
		return false
	}
	a.opened, a.array, a.prefix = true, true, "/dailyPapers"
	h.api = a
	return true
}

// scan reads the page up to the DailyPapers element, with the page's
// address from its head. It returns false on a read error or a page cut
// short inside the element, which it reports.
func (h *htmlReader) scan() (propsElement, bool) {
	p := h.p
	var e propsElement
	h.line, h.col = 1, 1
	z := html.NewTokenizer(p.br)
	for {
		tt := z.Next()
		raw := z.Raw()
		line, col := h.line, h.col
		var tag []byte
		if (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && bytes.Contains(raw, []byte("DailyPapers")) {
			tag = bytes.Clone(raw) // TagAttr unescapes in place, in the tokenizer's buffer
		}
		if tt == html.ErrorToken && z.Err() == io.EOF && bytes.HasPrefix(raw, []byte("<")) &&
			bytes.Contains(raw, []byte("data-target")) && bytes.Contains(raw, []byte("DailyPapers")) {
			p.fatalf(line, col, CodeTruncatedFile, "file ends inside the page's DailyPapers element, which holds the listing's data: the page is cut short; save it again once it has loaded")
			return e, false
		}
		h.advance(raw)
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				p.batch.err = readError(p.name, err)
				return e, false
			}
			return e, true
		case html.DoctypeToken:
			e.tags++
		case html.CommentToken:
			if e.savedFrom == "" && bytes.Contains(raw, []byte("saved from url=")) {
				if m := reSavedFrom.FindSubmatch(raw); m != nil {
					e.savedFrom = string(m[1])
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			e.tags++
			name, more := z.TagName()
			var target, rel, href, property, content string
			var props []byte
			hasProps := false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "data-target":
					target = string(v)
				case "data-props":
					props, hasProps = v, true
				case "rel":
					rel = string(v)
				case "href":
					href = string(v)
				case "property":
					property = string(v)
				case "content":
					content = string(v)
				}
			}
			switch {
			case target == "DailyPapers":
				e.found, e.hasProps, e.elemAt = true, hasProps, [2]int{line, col}
				e.nameAt, e.valueAt = e.elemAt, e.elemAt
				if hasProps {
					e.props = string(props)
					// tag is nil only if the tag spells DailyPapers with
					// character references: the data is then placed at
					// the tag.
					if nameOff, start, end, ok := rawAttr(tag, "data-props"); ok {
						e.raw = tag[start:end]
						e.nameAt[0], e.nameAt[1] = advancePos(line, col, tag[:nameOff])
						e.valueAt[0], e.valueAt[1] = advancePos(line, col, tag[:start])
					}
				}
				return e, true
			case target == "PaperContent":
				e.paperPage = true
			case string(name) == "link" && e.canonical == "" && hasToken(rel, "canonical") && isWebURL(href):
				e.canonical = strings.TrimSpace(href)
			case string(name) == "meta" && e.ogURL == "" && property == "og:url" && isWebURL(content):
				e.ogURL = strings.TrimSpace(content)
			}
		}
	}
}

// hasToken reports whether the space-separated list s holds tok, in any case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// isWebURL reports whether s is an absolute http(s) URL.
func isWebURL(s string) bool { return reWebURL.MatchString(strings.TrimSpace(s)) }

// advance moves the position past the bytes of a token.
func (h *htmlReader) advance(raw []byte) { h.line, h.col = advancePos(h.line, h.col, raw) }

// advancePos returns the position after b of text that starts at line:col:
// lines end at a newline, columns count characters.
func advancePos(line, col int, b []byte) (int, int) {
	if nl := bytes.Count(b, []byte{'\n'}); nl > 0 {
		return line + nl, 1 + utf8.RuneCount(b[bytes.LastIndexByte(b, '\n')+1:])
	}
	return line, col + utf8.RuneCount(b)
}

// rawAttr finds the attribute key in the raw text of a start tag as the
// tokenizer reads it (the first attribute of that name counts), and returns
// the offsets of its name and of its value's first byte and end.
func rawAttr(tag []byte, key string) (name, start, end int, ok bool) {
	space := func(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }
	i := min(2, len(tag)) // "<" and the tag name's first letter
	for i < len(tag) && !space(tag[i]) && tag[i] != '/' && tag[i] != '>' {
		i++
	}
	skip := func() {
		for i < len(tag) && space(tag[i]) {
			i++
		}
	}
	skip()
	seen := map[string]bool{}
	for i < len(tag) && tag[i] != '>' {
		ks := i
		for i < len(tag) {
			c := tag[i]
			if c == '=' && i == ks {
				i++
				continue
			}
			if c == '=' || space(c) || c == '/' || c == '>' {
				break
			}
			i++
		}
		ke := i
		vs, ve := i, i
		skip()
		if i < len(tag) {
			c := tag[i]
			i++
			switch {
			case c == '/':
			case c != '=':
				i--
			default:
				skip()
				if i < len(tag) {
					q := tag[i]
					i++
					switch q {
					case '>':
						i--
					case '"', '\'':
						vs = i
						for i < len(tag) && tag[i] != q {
							i++
						}
						ve = i
						if i < len(tag) {
							i++
						}
					default:
						vs = i - 1
						for i < len(tag) && !space(tag[i]) && tag[i] != '>' {
							i++
						}
						ve = i
					}
				}
			}
		}
		if k := strings.ToLower(string(tag[ks:ke])); ke > ks && !seen[k] {
			seen[k] = true
			if k == key {
				return ks, vs, ve, true
			}
		}
		skip()
	}
	return 0, 0, 0, false
}

// attrMap maps the byte offsets of an attribute's unescaped value to the
// line and column in the page of the text they were unescaped from,
// walking the value and its raw text in step: an entity such as &quot; is
// placed at its ampersand. The walk goes forward; an offset before the
// last one asked for starts it again. Should the two fall out of step,
// offsets from there on are placed where the walk stopped.
type attrMap struct {
	raw         []byte // the value as written in the page
	val         string // the value, unescaped
	line0, col0 int    // where raw starts
	r, u        int    // the walk: raw[:r] gives val[:u]
	line, col   int    // where raw[r] is
	lost        bool
}

func (m *attrMap) reset() { m.r, m.u, m.line, m.col, m.lost = 0, 0, m.line0, m.col0, false }

// at returns the line and column of offset off of the value.
func (m *attrMap) at(off int64) (int, int) {
	if off < int64(m.u) {
		m.reset()
	}
	for int64(m.u) < off && m.step(off) {
	}
	return m.line, m.col
}

// step moves the walk on by one character, or one entity, unless that
// passes limit; it reports whether it moved.
func (m *attrMap) step(limit int64) bool {
	if m.lost || m.u >= len(m.val) {
		return false
	}
	if m.r >= len(m.raw) {
		m.lost = true
		return false
	}
	// A run of plain ASCII, most of the text, stands for itself.
	n, most := 0, min(len(m.raw)-m.r, len(m.val)-m.u, int(min(limit, int64(len(m.val))))-m.u)
	for n < most && plainByte[m.raw[m.r+n]] {
		n++
	}
	if n > 0 {
		if string(m.raw[m.r:m.r+n]) != m.val[m.u:m.u+n] {
			m.lost = true
			return false
		}
		m.r, m.u, m.col = m.r+n, m.u+n, m.col+n
		return true
	}
	rn, un, newline := 1, 1, false
	want := "" // what val holds at u, when the raw character is not itself
	switch c := m.raw[m.r]; c {
	case '&':
		if d, n := attrEntity(m.raw[m.r:]); n > 0 && strings.HasPrefix(m.val[m.u:], d) {
			rn, un, want = n, len(d), d
		} else {
			want = "&"
		}
	case 0:
		un, want = len("\uFFFD"), "\uFFFD"
	case '\r':
		want = "\n"
		if m.r+1 < len(m.raw) && m.raw[m.r+1] == '\n' {
			rn, newline = 2, true
		}
	case '\n':
		newline = true
	default:
		_, rn = utf8.DecodeRune(m.raw[m.r:])
		un = rn
	}
	if want == "" {
		want = string(m.raw[m.r : m.r+rn])
	}
	if !strings.HasPrefix(m.val[m.u:], want) {
		m.lost = true
		return false
	}
	if int64(m.u+un) > limit {
		return false
	}
	if newline {
		m.line, m.col = m.line+1, 1
	} else {
		m.col += utf8.RuneCount(m.raw[m.r : m.r+rn])
	}
	m.r += rn
	m.u += un
	return true
}

// attrEntity returns what the character reference at the start of s
// stands for in an attribute value, as the tokenizer reads it, and its
// length; 0 when the ampersand is only itself.
func attrEntity(s []byte) (string, int) {
	if len(s) < 2 || s[0] != '&' {
		return "", 0
	}
	digit := func(c byte, hex bool) bool {
		return '0' <= c && c <= '9' || hex && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')
	}
	if s[1] == '#' {
		i, hex := 2, false
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i, hex = i+1, true
		}
		i0 := i
		for i < len(s) && digit(s[i], hex) {
			i++
		}
		if i == i0 {
			return "", 0
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		return html.UnescapeString(string(s[:i])), i
	}
	i := 1
	for i < len(s) && ('a' <= s[i] && s[i] <= 'z' || 'A' <= s[i] && s[i] <= 'Z' || '0' <= s[i] && s[i] <= '9') {
		i++
	}
	switch {
	case i == 1:
		return "", 0
	case i < len(s) && s[i] == ';':
		i++
	case i < len(s) && s[i] == '=':
		return "", 0 // "&amp=" in an attribute is only text
	}
	// In an attribute a reference counts only when its whole name is one:
	// UnescapeString, which reads text, also takes a name's known start
	// ("&notit;" as "¬it;"), leaving the rest, which ends as the name does.
	span := string(s[:i])
	d := html.UnescapeString(span)
	if d == span || utf8.RuneCountInString(d) > 1 && strings.HasSuffix(d, span[len(span)-1:]) {
		return "", 0
	}
	return d, i
}

// pageData is what the DailyPapers object says beside its items.
type pageData struct {
	date, period string
	items        int  // items in dailyPapers, when all could be read
	itemsBroken  bool // the JSON breaks inside dailyPapers: the api reader reports it
}

// prepass reads the object's members other than its items, skipping
// those, with a decoder of its own. It reports the data's problems outside
// the items; those inside are the api reader's. It returns false when
// reading ends.
func (h *htmlReader) prepass(e propsElement, m *attrMap) (pageData, bool) {
	p := h.p
	var d pageData
	dec := jsontext.NewDecoder(strings.NewReader(e.props))
	switch k := dec.PeekKind(); k {
	case '{':
	case 0:
		if _, err := dec.ReadToken(); err != nil && !errors.Is(err, io.EOF) {
			h.jsonError(m, err)
			return d, false
		}
		p.fatalf(e.nameAt[0], e.nameAt[1], CodeNotAListing, "the page's DailyPapers data (data-props) is empty: save the listing page itself, or fetch the API")
		return d, false
	default:
		p.fatalf(e.nameAt[0], e.nameAt[1], CodeNotAListing, "the page's DailyPapers data (data-props) is %s, not an object with a \"dailyPapers\" array of items", kindName(k))
		return d, false
	}
	if _, err := dec.ReadToken(); err != nil {
		h.jsonError(m, err)
		return d, false
	}
	found := false
	var err error
	for err == nil && dec.PeekKind() != '}' {
		var tok jsontext.Token
		if tok, err = dec.ReadToken(); err != nil {
			break
		}
		switch name := tok.String(); name {
		case "dailyPapers":
			found = true
			at := dec.InputOffset() + int64(len(dec.UnreadBuffer())-len(bytes.TrimLeft(dec.UnreadBuffer(), " \t\r\n:")))
			if k := dec.PeekKind(); k != '[' {
				line, col := m.at(at)
				if err = dec.SkipValue(); err != nil {
					break
				}
				p.errorp("/dailyPapers", line, col, CodeNotAListing, "the page's DailyPapers data has a \"dailyPapers\" member that is %s, not an array of items", kindName(k))
				p.stopped, p.batch.cut = true, true
				return d, false
			}
			if _, err = dec.ReadToken(); err != nil {
				break
			}
			for err == nil && dec.PeekKind() != ']' {
				if err = dec.SkipValue(); err == nil {
					d.items++
				}
			}
			if err == nil {
				_, err = dec.ReadToken()
			}
			if err != nil {
				d.itemsBroken = true
				return d, true // the api reader reports it at its place
			}
			if d.items == 0 {
				line, col := m.at(at)
				p.errorp("/dailyPapers", line, col, CodeNoPapers, "no papers found: the page's dailyPapers array is empty")
				p.stopped = true
				return d, false
			}
		case "dateString", "date", "periodType", "period":
			var v jsontext.Value
			if v, err = dec.ReadValue(); err != nil || v.Kind() != '"' {
				break
			}
			s, _ := jsontext.AppendUnquote(nil, v)
			switch {
			case name == "dateString", name == "date" && d.date == "":
				d.date = strings.TrimSpace(string(s))
			case name == "periodType", name == "period" && d.period == "":
				d.period = strings.TrimSpace(string(s))
			}
		default:
			err = dec.SkipValue()
		}
	}
	if err == nil {
		if _, err = dec.ReadToken(); err == nil { // }
			if dec.PeekKind() != 0 {
				off := dec.InputOffset() + int64(len(dec.UnreadBuffer())-len(bytes.TrimLeft(dec.UnreadBuffer(), " \t\r\n")))
				err = &jsontext.SyntacticError{ByteOffset: off, Err: errors.New("text after the end of the object")}
			} else if _, err = dec.ReadToken(); errors.Is(err, io.EOF) {
				err = nil
			}
		}
	}
	switch {
	case err != nil && found:
		// The items can be read: the problem after them is reported
		// once they are.
		h.late = func() { h.jsonError(m, err) }
	case err != nil:
		h.jsonError(m, err)
		return d, false
	case !found:
		p.fatalf(e.nameAt[0], e.nameAt[1], CodeNotAListing, "the page's DailyPapers data (data-props) has no \"dailyPapers\" array of items: save the listing page itself, or fetch the API")
		return d, false
	}
	return d, true
}

// jsonError reports the DailyPapers data's JSON that cannot be read, at
// its place in the page; reading ends.
func (h *htmlReader) jsonError(m *attrMap, err error) {
	p := h.p
	var se *jsontext.SyntacticError
	switch {
	case errors.As(err, &se) && !errors.Is(se.Err, io.ErrUnexpectedEOF):
		line, col := m.at(se.ByteOffset)
		ptr := string(se.JSONPointer)
		p.errorp(ptr, line, col, CodeInvalidJSON, "the page's DailyPapers data (data-props) is not valid JSON%s: %s; stopped reading", pointerNote(ptr), se.Err)
	default:
		line, col := m.at(int64(len(m.val)))
		p.errorp("", line, col, CodeInvalidJSON, "the page's DailyPapers data (data-props) ends inside its JSON: it is cut short; stopped reading")
	}
	p.stopped, p.batch.cut = true, true
}

// setListing fills the listing from the page's address and data, and
// gives the papers of a daily page its date as their listing date, unless
// the Reader was given one.
func (h *htmlReader) setListing(url string, d pageData) {
	l := &h.page
	if url != "" {
		parseListingURL(l, url)
	}
	if l.Kind != "trending" && l.Kind != "search" {
		switch strings.ToLower(d.period) {
		case "day", "daily":
			l.Kind = "daily"
		case "week", "weekly":
			l.Kind = "weekly"
		case "month", "monthly":
			l.Kind = "monthly"
		}
	}
	date := ""
	if len(d.date) >= 10 && isISODate(d.date) {
		date = d.date[:10]
	} else if m := reURLDay.FindStringSubmatch(l.URL); m != nil && isISODate(m[1]) {
		date = m[1]
	}
	if l.Kind == "" && date != "" {
		l.Kind = "daily"
	}
	if !l.dated() {
		return
	}
	l.Date = date
	if l.Kind == "daily" && h.p.listingDate == "" {
		h.p.listingDate = date
	}
}

var reURLDay = regexp.MustCompile(`/papers/date/(\d{4}-\d{2}-\d{2})\b`)

// plainByte tells the bytes that stand for themselves in an attribute
// value, and for one column each: ASCII but for the ampersand of a
// character reference, line breaks and NUL.
var plainByte = func() (t [256]bool) {
	for c := 1; c < utf8.RuneSelf; c++ {
		t[c] = c != '&' && c != '\r' && c != '\n'
	}
	return t
}()
