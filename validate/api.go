package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/abstracts-dev/abstracts/schema"
)

// The API format: what the Papers API answers (/api/daily_papers?date=…),
// a JSON array of daily-papers items, compact as curl saves it or indented
// as scripts rewrite it, or JSON Lines of the same items. Each item holds
// the paper, "paper", and beside it the listing entry's title, comment
// count, submitter and organization:
//
//	[{"paper": {"id": "2608.16590", "authors": [{"name": "Xin Ding", …}, …],
//	  "publishedAt": "2026-08-17T00:00:00.000Z", "submittedOnDailyAt": "2026-08-20T00:00:00.000Z",
//	  "title": "…", "summary": "…", "upvotes": 92, "githubRepo": "https://github.com/o/r",
//	  "githubStars": 152, "projectPage": "…", "ai_summary": "…", "ai_keywords": […], …},
//	  "title": "…", "numComments": 1, "submittedBy": {"name": "Xin64", …}, "organization": {…}, …}, …]
//
// The reader streams: it keeps one item's fields at a time and skips the
// rest (avatars, ids, media) without decoding it.

// StyleAPI is a Papers API response: a JSON array of daily-papers items, or
// JSON Lines of them.
const StyleAPI Style = "api"

var apiFormat = Format{
	Style:   StyleAPI,
	Summary: "a Papers API response (/api/daily_papers): a JSON array of items, compact or indented, or JSON Lines of items",
	Doc: `What curl saves from https://huggingface.co/api/daily_papers?date=YYYY-MM-DD (also
week= and month=): a JSON array of items, compact or indented, or JSON Lines of the same
items (jq -c '.[]'). Each item's "paper" gives paper_id, the abstract (summary, hard
wraps joined), authors, upvotes, publication date, listing date (submittedOnDailyAt),
GitHub repository and stars, project page and the AI summary and keywords; the item
gives the title (its own, which keeps the LaTeX that paper.title drops), the comment
count, the submitter and the organization. Every problem is an error at the line and
column of the value at fault, with its JSON Pointer; one error per broken item.`,
	Detect: detectAPI,
	raw:    true,
	open:   func(p *parser) cardReader { return newAPIReader(p, p.br, nil) },
}

// detectAPI reports whether a dump starts as JSON: an array or an object,
// which a Markdown link ("[Subscribe](…)") does not.
func detectAPI(head []byte) bool { return looksJSON(string(trimHead(head))) }

// apiReader reads the items of a Papers API response.
type apiReader struct {
	p     *parser
	dec   *jsontext.Decoder
	where func(off int64) (line, col int) // a byte offset's position in the dump
	page  Listing

	opened bool
	array  bool   // the items are an array's elements (else JSON Lines)
	prefix string // the JSON Pointer of the array, "" at the top
	items  int    // items read

	// scratch is the buffer strings are unquoted into.
	scratch []byte

	// item is the item being read; fault is its first problem.
	item  apiItem
	fault *apiFault
}

// apiFault is the first problem of an item, reported once it is read.
type apiFault struct {
	pointer   string
	line, col int
	code      Code
	msg       string
}

// apiItem is what the reader keeps of one item.
type apiItem struct {
	card
	line, col   int    // where the item starts
	pointer     string // its JSON Pointer
	hasPaper    bool
	itemTitle   string // the listing entry's title, which keeps LaTeX
	paperTitle  string
	titleAt     [2]int // line and column of the title taken
	paperAt     [2]int // line and column of the paper object, where its missing keys are reported
	summarySeen bool
	authorsSeen bool
	upvotesSeen bool
	commentSeen bool
	pubSeen     bool
	listed      string   // submittedOnDailyAt, YYYY-MM-DD
	orgDisplay  string   // the entry's organization
	paperOrg    string   // the paper's organization
	submitter   string   // the entry's submittedBy
	dailyBy     string   // the paper's submittedOnDailyBy
	arrays      []string // of a first item without a paper: the name of its first array member, the wrapped list
}

// newAPIReader returns the reader of the API items in r. where maps a byte
// offset of r to its position in the dump; nil counts lines and columns of
// r itself.
func newAPIReader(p *parser, r io.Reader, where func(off int64) (int, int)) *apiReader {
	a := &apiReader{p: p, page: Listing{Style: StyleAPI}, where: where}
	if where == nil {
		lc := &lineCounter{r: r, line: 1, col: 1}
		a.where, r = lc.at, lc
	}
	a.dec = jsontext.NewDecoder(r)
	return a
}

func (a *apiReader) listing() Listing { return a.page }

// parseBatch reads items until it has size records or the input ends.
func (a *apiReader) parseBatch(size int) *batch { return a.p.fill(size, a.step, a.finish) }

// finish ends the dump.
func (a *apiReader) finish() {
	if a.items == 0 && !a.p.stopped {
		a.p.errorf(1, 1, CodeNoPapers, "no papers found: the response holds no item")
	}
	a.p.stopped = true
}

// step reads the next item; it returns false at the end of the items.
func (a *apiReader) step() bool {
	if !a.opened {
		a.opened = true
		switch a.dec.PeekKind() {
		case '[':
			if _, err := a.dec.ReadToken(); err != nil {
				a.syntaxError(err)
				return false
			}
			a.array = true
		case '{':
		case 0:
			if _, err := a.dec.ReadToken(); err != nil && !errors.Is(err, io.EOF) {
				a.syntaxError(err)
				return false
			}
			a.p.errorf(1, 1, CodeNoPapers, "no papers found: the file is empty")
			a.p.stopped = true
			return false
		default:
			a.p.fatalf(1, 1, CodeNotAListing, "file is JSON but not a Papers API response: it is not an array of items nor JSON Lines of them")
			return false
		}
	}
	kind := a.dec.PeekKind()
	switch {
	case a.array && kind == ']':
		if _, err := a.dec.ReadToken(); err != nil {
			a.syntaxError(err)
			return false
		}
		a.array = false
		if a.prefix == "" {
			a.expectEnd()
		}
		return false
	case kind == 0:
		_, err := a.dec.ReadToken()
		switch {
		case errors.Is(err, io.EOF) && a.array:
			a.truncated()
		case err != nil && !errors.Is(err, io.EOF):
			a.syntaxError(err)
		}
		return false
	}
	a.readItem()
	return !a.p.stopped
}

// expectEnd checks that nothing follows the array.
func (a *apiReader) expectEnd() {
	if a.dec.PeekKind() == 0 {
		if _, err := a.dec.ReadToken(); err != nil && !errors.Is(err, io.EOF) {
			a.syntaxError(err)
		}
		return
	}
	line, col := a.where(a.dec.InputOffset())
	a.p.fatalf(line, col+1, CodeNotAListing, "text after the end of the array of items")
}

// truncated reports a file that ends inside the items.
func (a *apiReader) truncated() {
	line, col := a.where(a.dec.InputOffset())
	a.p.fatalf(line, col, CodeTruncatedFile, "file ends inside item %d (%s): the response is cut short", a.items, a.itemPointer(a.items-1))
}

// syntaxError reports JSON that cannot be read on, at its place.
func (a *apiReader) syntaxError(err error) {
	if errors.Is(err, errJSONSpan) {
		line, col := a.where(a.dec.InputOffset() + a.leadingSpace())
		a.p.fatalf(line, col, CodeLineTooLong, "the JSON value here runs on for more than %d MiB; stopped reading: no value of a Papers API response is that long", MaxJSONSpan>>20)
		return
	}
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			a.truncated()
			return
		}
		a.p.batch.err = readError(a.p.name, err)
		a.p.stopped = true
		return
	}
	if errors.Is(se.Err, io.ErrUnexpectedEOF) {
		a.truncated()
		return
	}
	line, col := a.where(se.ByteOffset)
	ptr := string(se.JSONPointer)
	a.p.errorp(ptr, line, col, CodeInvalidJSON, "invalid JSON%s: %s; stopped reading", pointerNote(ptr), se.Err)
	a.p.stopped, a.p.batch.cut = true, true
}

// itemPointer returns the JSON Pointer of item i.
func (a *apiReader) itemPointer(i int) string {
	if a.array || a.prefix != "" {
		return a.prefix + "/" + strconv.Itoa(i)
	}
	return ""
}

// readItem reads one item and builds its record.
func (a *apiReader) readItem() {
	a.items++
	a.item = apiItem{pointer: a.itemPointer(a.items - 1)}
	a.fault = nil
	it := &a.item
	it.position = a.items
	kind := a.dec.PeekKind()
	if kind != '{' {
		a.notObject(kind)
		return
	}
	it.line, it.col = a.where(a.dec.InputOffset() + a.leadingSpace())
	if !a.object(it.pointer, a.itemMember) {
		return
	}
	if a.items == 1 && !it.hasPaper && a.fault == nil {
		a.notAPI(it)
		return
	}
	a.buildItem()
}

// notAPI reports JSON whose first item has no paper: a file that is not
// a Papers API response at all, such as a mirror's own format, or the
// items wrapped in an object by a bot's script. It is one error at 1:1.
func (a *apiReader) notAPI(it *apiItem) {
	switch {
	case !a.array && a.prefix == "" && len(it.arrays) > 0:
		a.p.fatalf(1, 1, CodeNotAListing,
			"file is a JSON object whose %q member holds a list, not a Papers API response (a JSON array of items, or JSON Lines of them): the items are wrapped by a script of its own; unwrap them: jq '.%s' FILE",
			it.arrays[0], it.arrays[0])
	default:
		a.p.fatalf(1, 1, CodeNotAListing,
			"file is JSON but not a Papers API response: its first item has no \"paper\" object; abstracts reads what /api/daily_papers answers (curl -o day.json 'https://huggingface.co/api/daily_papers?date=YYYY-MM-DD')")
	}
}

// leadingSpace returns how many bytes (white space, and the comma or colon
// before a value) come between the last token read and the next one, whose
// kind PeekKind has seen: a value is placed at its first byte.
func (a *apiReader) leadingSpace() int64 {
	buf := a.dec.UnreadBuffer()
	return int64(len(buf) - len(bytes.TrimLeft(buf, " \t\r\n,:")))
}

// notObject reports an item that is not a JSON object.
func (a *apiReader) notObject(kind jsontext.Kind) {
	v, line, col, err := a.value()
	if err != nil {
		a.syntaxError(err)
		return
	}
	it := &a.item
	if kind == '"' {
		s, _ := jsontext.AppendUnquote(nil, v)
		held := ""
		switch t := strings.TrimSpace(string(s)); {
		case strings.HasPrefix(t, "{'"):
			held = "a Python repr" // str(item) of a dict
		case strings.HasPrefix(t, `{"`):
			held = "the JSON text" // json.dumps(item) written as a string
		}
		if held != "" {
			a.p.errorp(it.pointer, line, col, CodeBadItem,
				"item %d%s is a string holding %s of an item, not a JSON object: the file was written with str(item); write the items themselves (json.dump)",
				a.items, pointerNote(it.pointer), held)
			return
		}
	}
	a.p.errorp(it.pointer, line, col, CodeBadItem, "item %d%s is %s, not a JSON object", a.items, pointerNote(it.pointer), kindName(kind))
}

// kindName names a JSON kind for a message.
func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '[':
		return "an array"
	case '{':
		return "an object"
	}
	return "not a value"
}

// object reads an object member by member, calling member with each name
// and the object's pointer (a member's is join(pointer, name), made only
// for the members read: most are skipped); member reads the value, or
// returns false to have it skipped. It returns false when the JSON is
// broken.
func (a *apiReader) object(pointer string, member func(name []byte, pointer string) (bool, error)) bool {
	if _, err := a.dec.ReadToken(); err != nil {
		a.syntaxError(err)
		return false
	}
	for a.dec.PeekKind() != '}' {
		if a.dec.PeekKind() == 0 {
			_, err := a.dec.ReadToken()
			if err == nil || errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			a.syntaxError(err)
			return false
		}
		name, err := a.name()
		if err != nil {
			a.syntaxError(err)
			return false
		}
		read, err := member(name, pointer)
		if err == nil && !read {
			err = a.dec.SkipValue()
		}
		if errors.Is(err, errStopped) {
			return false
		}
		if err != nil {
			a.syntaxError(err)
			return false
		}
	}
	if _, err := a.dec.ReadToken(); err != nil {
		a.syntaxError(err)
		return false
	}
	return true
}

// name reads an object member's name. It is the raw bytes between the
// quotes, valid until the decoder next reads (PeekKind included), unless
// the name holds an escape:
// members are told apart without a string made of each name, most of
// which are skipped.
func (a *apiReader) name() ([]byte, error) {
	v, err := a.dec.ReadValue()
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(v, '\\') < 0 {
		return v[1 : len(v)-1], nil
	}
	return jsontext.AppendUnquote(nil, v)
}

// join returns the JSON Pointer of member name of the value at pointer,
// the name escaped as RFC 6901 says.
func join(pointer, name string) string {
	if strings.ContainsAny(name, "~/") {
		name = strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
	}
	return pointer + "/" + name
}

// value reads the next value, with where it starts.
func (a *apiReader) value() (jsontext.Value, int, int, error) {
	v, err := a.dec.ReadValue()
	if err != nil {
		return nil, 0, 0, err
	}
	line, col := a.where(a.dec.InputOffset() - int64(len(v)))
	return v, line, col, nil
}

// failAt notes the item's first problem.
func (a *apiReader) failAt(pointer string, line, col int, code Code, format string, args ...any) {
	if a.fault == nil {
		a.fault = &apiFault{pointer: pointer, line: line, col: col, code: code, msg: fmt.Sprintf(format, args...)}
	}
}

// mistyped notes a value of the wrong type.
func (a *apiReader) mistyped(pointer string, line, col int, v jsontext.Value, want string) {
	a.failAt(pointer, line, col, CodeBadItem, "%s is %s, %s was expected", pointer, kindName(v.Kind()), want)
}

// text reads a string value; null gives "" and ok when nullable.
func (a *apiReader) text(pointer string, nullable bool) (s string, line, col int, ok bool, err error) {
	v, line, col, err := a.value()
	if err != nil {
		return "", 0, 0, false, err
	}
	switch v.Kind() {
	case 'n':
		if nullable {
			return "", line, col, true, nil
		}
	case '"':
		b, uerr := jsontext.AppendUnquote(a.scratch[:0], v)
		a.scratch = b[:0]
		if uerr != nil {
			a.failAt(pointer, line, col, CodeBadItem, "%s: %v", pointer, uerr)
			return "", line, col, false, nil
		}
		b = collapseBytes(b) // line breaks and white space runs are one space
		if _, off, code, msg := checkText(b); code != "" {
			a.failAt(pointer, line, col, code, "%s: %s (character %d)", pointer, msg, utf8.RuneCount(b[:off])+1)
			return "", line, col, false, nil
		}
		return string(b), line, col, true, nil
	}
	want := "a string"
	if nullable {
		want = "a string or null"
	}
	a.mistyped(pointer, line, col, v, want)
	return "", line, col, false, nil
}

// count reads a count: an integer from 0 to 2^31-1, or null when nullable.
func (a *apiReader) count(pointer string, nullable bool) (schema.NullInt, error) {
	v, line, col, err := a.value()
	if err != nil {
		return schema.NullInt{}, err
	}
	if v.Kind() == 'n' && nullable {
		return schema.NullInt{}, nil
	}
	if v.Kind() == '0' {
		if n, perr := strconv.ParseInt(string(v), 10, 32); perr == nil && n >= 0 {
			return schema.Int(int(n)), nil
		}
		a.failAt(pointer, line, col, CodeBadCount, "%s is %s, a count (a whole number from 0) was expected", pointer, v)
		return schema.NullInt{}, nil
	}
	a.mistyped(pointer, line, col, v, "a count")
	return schema.NullInt{}, nil
}

// texts reads an array of non-empty strings, or null (nil).
func (a *apiReader) texts(pointer string) ([]string, error) {
	if a.dec.PeekKind() != '[' {
		v, line, col, err := a.value()
		if err != nil || v.Kind() == 'n' {
			return nil, err
		}
		a.mistyped(pointer, line, col, v, "an array of strings")
		return nil, nil
	}
	if _, err := a.dec.ReadToken(); err != nil {
		return nil, err
	}
	list := []string{}
	for i := 0; a.dec.PeekKind() != ']'; i++ {
		if a.dec.PeekKind() == 0 {
			return nil, io.ErrUnexpectedEOF
		}
		ptr := pointer + "/" + strconv.Itoa(i)
		s, line, col, ok, err := a.text(ptr, false)
		if err != nil {
			return nil, err
		}
		if ok && strings.TrimSpace(s) == "" {
			a.failAt(ptr, line, col, CodeBadItem, "%s is an empty string", ptr)
		}
		list = append(list, s)
	}
	_, err := a.dec.ReadToken()
	return list, err
}

// date reads a date-time string ("2026-08-17T00:00:00.000Z") and returns
// its day, YYYY-MM-DD; null gives "" when nullable.
func (a *apiReader) date(pointer string, nullable bool) (string, error) {
	s, line, col, ok, err := a.text(pointer, nullable)
	if err != nil || !ok || s == "" {
		return "", err
	}
	if !isISODate(s) {
		a.failAt(pointer, line, col, CodeInvalidPublicationDate, "%s: %s is not a date (YYYY-MM-DDTHH:MM:SSZ)", pointer, quote(s))
		return "", nil
	}
	return s[:10], nil
}

// displayName reads the display name of a user or an organization object (its
// key member, "name" or "fullname"), or null.
func (a *apiReader) displayName(pointer, key string) (string, error) {
	if k := a.dec.PeekKind(); k != '{' {
		v, line, col, err := a.value()
		if err == nil && v.Kind() != 'n' {
			a.mistyped(pointer, line, col, v, "an object or null")
		}
		return "", err
	}
	var found, fallback string
	ok := a.object(pointer, func(raw []byte, parent string) (bool, error) {
		name := string(raw) // a few names: the object's own members are not skipped here
		if name != key && name != "name" {
			return false, nil
		}
		s, _, _, _, err := a.text(join(parent, name), true)
		if name == key {
			found = s
		} else {
			fallback = s
		}
		return true, err
	})
	if !ok {
		return "", errStopped
	}
	if found == "" {
		found = fallback
	}
	return found, nil
}

// errStopped ends an item whose JSON is broken; the error is reported.
var errStopped = errors.New("stopped")

// itemMember reads a member of an item.
func (a *apiReader) itemMember(raw []byte, parent string) (bool, error) {
	it := &a.item
	var err error
	var name, ptr string
	switch string(raw) {
	case "paper", "title", "numComments", "submittedBy", "organization":
		name = string(raw)
		ptr = join(parent, name)
	}
	switch name {
	case "paper":
		it.hasPaper = true
		if a.dec.PeekKind() != '{' {
			v, line, col, err := a.value()
			if err == nil {
				a.mistyped(ptr, line, col, v, "an object")
			}
			return true, err
		}
		it.paperAt[0], it.paperAt[1] = a.where(a.dec.InputOffset() + a.leadingSpace())
		if !a.object(ptr, a.paperMember) {
			return true, errStopped
		}
		return true, nil
	case "title":
		var line, col int
		it.itemTitle, line, col, _, err = a.text(ptr, false)
		it.titleAt = [2]int{line, col}
	case "numComments":
		it.commentSeen = true
		it.comments, err = a.count(ptr, false)
	case "submittedBy":
		it.submitter, err = a.displayName(ptr, "name")
	case "organization":
		it.orgDisplay, err = a.displayName(ptr, "fullname")
	default:
		if len(it.arrays) == 0 && !it.hasPaper {
			name := string(raw) // before PeekKind, which may read over raw
			if a.dec.PeekKind() == '[' {
				it.arrays = append(it.arrays, name)
			}
		}
		return false, nil
	}
	return true, err
}

// paperMember reads a member of an item's paper.
func (a *apiReader) paperMember(raw []byte, parent string) (bool, error) {
	it := &a.item
	if !paperMembers[string(raw)] {
		return false, nil
	}
	name := string(raw)
	ptr := join(parent, name)
	var err error
	switch name {
	case "id":
		var line, col int
		var ok bool
		it.paperID, line, col, ok, err = a.text(ptr, false)
		if ok && !rePaperID.MatchString(it.paperID) {
			a.failAt(ptr, line, col, CodeBadItem, "%s: %s is not a paper id", ptr, quote(it.paperID))
		}
	case "title":
		var line, col int
		it.paperTitle, line, col, _, err = a.text(ptr, false)
		if it.itemTitle == "" {
			it.titleAt = [2]int{line, col}
		}
	case "summary":
		it.summarySeen = true
		it.abstract, it.absLine, it.absCol, _, err = a.text(ptr, false)
		it.absPointer = ptr
	case "authors":
		it.authorsSeen = true
		err = a.authors(ptr)
	case "upvotes":
		it.upvotesSeen = true
		it.upvotes, err = a.count(ptr, false)
	case "publishedAt":
		it.pubSeen = true
		it.published, err = a.date(ptr, false)
	case "submittedOnDailyAt":
		it.listed, err = a.date(ptr, true)
	case "submittedOnDailyBy":
		it.dailyBy, err = a.displayName(ptr, "name")
	case "githubRepo":
		var line, col int
		it.githubURL, line, col, _, err = a.text(ptr, true)
		if it.githubURL != "" && githubRepo([]string{it.githubURL}) == "" {
			a.failAt(ptr, line, col, CodeBadItem, "%s: %s is not a GitHub repository URL", ptr, quote(it.githubURL))
		}
	case "githubStars":
		it.stars, err = a.count(ptr, true)
	case "projectPage":
		var line, col int
		it.projectPage, line, col, _, err = a.text(ptr, true)
		it.projectPage = strings.TrimSpace(it.projectPage)
		if it.projectPage != "" && !reWebURL.MatchString(it.projectPage) {
			a.failAt(ptr, line, col, CodeBadItem, "%s: %s is not an http(s) URL", ptr, quote(it.projectPage))
		}
	case "ai_summary":
		it.aiSummary, _, _, _, err = a.text(ptr, true)
	case "ai_keywords":
		it.aiKeywords, err = a.texts(ptr)
	case "organization":
		it.paperOrg, err = a.displayName(ptr, "fullname")
	default:
		return false, nil
	}
	return true, err
}

// paperMembers are the members of an item's paper that the reader reads.
var paperMembers = map[string]bool{
	"id": true, "title": true, "summary": true, "authors": true, "upvotes": true, "publishedAt": true,
	"submittedOnDailyAt": true, "submittedOnDailyBy": true, "githubRepo": true, "githubStars": true,
	"projectPage": true, "ai_summary": true, "ai_keywords": true, "organization": true,
}

var (
	rePaperID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	reWebURL  = regexp.MustCompile(`^https?://\S+$`)
)

// authors reads the paper's authors, keeping their names in order.
func (a *apiReader) authors(pointer string) error {
	it := &a.item
	if a.dec.PeekKind() != '[' {
		v, line, col, err := a.value()
		if err == nil {
			a.mistyped(pointer, line, col, v, "an array of authors")
		}
		return err
	}
	if _, err := a.dec.ReadToken(); err != nil {
		return err
	}
	it.authors = []string{}
	for i := 0; a.dec.PeekKind() != ']'; i++ {
		ptr := func() string { return pointer + "/" + strconv.Itoa(i) }
		switch a.dec.PeekKind() {
		case 0:
			return io.ErrUnexpectedEOF
		case '{':
		default:
			v, line, col, err := a.value()
			if err != nil {
				return err
			}
			a.mistyped(ptr(), line, col, v, "an author object")
			continue
		}
		line, col := a.where(a.dec.InputOffset() + a.leadingSpace())
		var name string
		seen := false
		ok := a.object("", func(key []byte, _ string) (bool, error) {
			if string(key) != "name" {
				return false, nil
			}
			seen = true
			var err error
			var ok bool
			var l, c int
			p := ptr() + "/name"
			name, l, c, ok, err = a.text(p, false)
			if ok && strings.TrimSpace(name) == "" {
				a.failAt(p, l, c, CodeBadItem, "%s is an empty name", p)
			}
			return true, err
		})
		if !ok {
			return errStopped
		}
		if !seen {
			a.failAt(ptr()+"/name", line, col, CodeBadItem, "%s/name is missing: author %s has no \"name\"", ptr(), ptr())
		}
		it.authors = append(it.authors, name)
	}
	_, err := a.dec.ReadToken()
	return err
}

// buildItem checks that the item had what every item has and hands its
// card to the record builder.
func (a *apiReader) buildItem() {
	it := &a.item
	missing := func(what, where string, line, col int) {
		a.failAt(where+"/"+what, line, col, CodeBadItem, "%s/%s is missing: %s has no %q", where, what, pointer(where), what)
	}
	switch {
	case !it.hasPaper:
		missing("paper", it.pointer, it.line, it.col)
	case it.paperID == "" && a.fault == nil:
		missing("id", it.pointer+"/paper", it.paperAt[0], it.paperAt[1])
	case it.itemTitle == "" && it.paperTitle == "":
		missing("title", it.pointer, it.line, it.col)
	case !it.summarySeen:
		missing("summary", it.pointer+"/paper", it.paperAt[0], it.paperAt[1])
	case !it.authorsSeen:
		missing("authors", it.pointer+"/paper", it.paperAt[0], it.paperAt[1])
	case !it.upvotesSeen:
		missing("upvotes", it.pointer+"/paper", it.paperAt[0], it.paperAt[1])
	case !it.pubSeen:
		missing("publishedAt", it.pointer+"/paper", it.paperAt[0], it.paperAt[1])
	case !it.commentSeen:
		missing("numComments", it.pointer, it.line, it.col)
	}
	if f := a.fault; f != nil {
		a.p.errorp(f.pointer, f.line, f.col, f.code, "item %d: %s", a.items, f.msg)
		return
	}
	k := &it.card
	k.title, k.titlePointer = it.itemTitle, it.pointer+"/title" // text collapsed their white space
	if k.title == "" {
		k.title, k.titlePointer = it.paperTitle, it.pointer+"/paper/title"
	}
	k.line, k.col = it.titleAt[0], it.titleAt[1]
	k.organization = it.orgDisplay
	if k.organization == "" {
		k.organization = it.paperOrg
	}
	k.submittedBy = it.submitter
	if k.submittedBy == "" {
		k.submittedBy = it.dailyBy
	}
	if !a.listingDate(k, it) {
		return
	}
	a.p.build(k)
}

// listingDate gives the card the day its item was listed: the item's
// submittedOnDailyAt, else the date the page or --listing-date gives. It
// reports an item whose date contradicts the given one.
func (a *apiReader) listingDate(k *card, it *apiItem) bool {
	given := a.p.listingDate
	switch {
	case it.listed != "" && given != "" && it.listed != given:
		a.p.errorp(it.pointer+"/paper/submittedOnDailyAt", it.line, it.col, CodeInvalidDate,
			"item %d was listed on %s (submittedOnDailyAt), not on %s as --listing-date or the page says", a.items, it.listed, given)
		return false
	case it.listed != "":
		k.date = it.listed
	default:
		k.date = given
	}
	return true
}

// MaxJSONSpan is the most a Papers API response may hold between two
// values the reader places (an item's members, an author), 16 MiB: the
// longest item of a real response is some 200 KB, and memory stays
// bounded on a string without end. Past it, reading stops with a
// line-too-long error.
const MaxJSONSpan = 16 << 20

// errJSONSpan is what the line counter returns past MaxJSONSpan.
var errJSONSpan = errors.New("JSON value too long")

// collapseBytes rewrites b in place with its runs of white space (as
// unicode.IsSpace has it: line breaks, tabs, U+00A0, U+3000, …) as one
// space, and none at its ends, as collapseSpace does a string; it returns
// the shortened b.
func collapseBytes(b []byte) []byte {
	out, space := b[:0], false
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c >= '\t' && c <= '\r' {
				space = true
				continue
			}
			if space && len(out) > 0 {
				out = append(out, ' ')
			}
			space = false
			out = append(out, c)
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			space, i = true, i+size
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, b[i:i+size]...) // out never passes i: it writes what was read
		i += size
	}
	return out
}

// lineCounter passes a reader's bytes through and tells the line and
// column of any offset at or after the last one asked for, keeping only
// the bytes read ahead of that.
type lineCounter struct {
	r         io.Reader
	buf       []byte // the bytes from offset base on
	start     int    // the index in buf of offset base
	base      int64
	line, col int // the position of base
}

func (c *lineCounter) Read(p []byte) (int, error) {
	if len(c.buf)-c.start > MaxJSONSpan {
		return 0, errJSONSpan // sticky: nothing more is read
	}
	n, err := c.r.Read(p)
	if c.start > 0 && c.start >= len(c.buf)/2 {
		c.buf = c.buf[:copy(c.buf, c.buf[c.start:])]
		c.start = 0
	}
	c.buf = append(c.buf, p[:n]...)
	return n, err
}

// at returns the 1-based line and column, in characters, of offset off.
func (c *lineCounter) at(off int64) (int, int) {
	n := int(off - c.base)
	if n <= 0 {
		return c.line, c.col
	}
	n = min(n, len(c.buf)-c.start)
	seg := c.buf[c.start : c.start+n]
	if nl := bytes.Count(seg, []byte{'\n'}); nl > 0 {
		c.line += nl
		c.col = 1 + utf8.RuneCount(seg[bytes.LastIndexByte(seg, '\n')+1:])
	} else {
		c.col += utf8.RuneCount(seg)
	}
	c.start += n
	c.base += int64(n)
	return c.line, c.col
}
