package gendump

// Papers API archives: what a bot that saves /api/daily_papers?date=DAY
// every weekday keeps (one JSON file a day, written with Python's
// json.dump(items, f, indent=2 or 4, ensure_ascii=False)), and JSON Lines
// of the same items (jq -c '.[]').
//
// The items take the shape of the API's three generations, by listing day
// (see apiShape): 2024's (paper {id, authors, publishedAt, title, summary,
// upvotes} with the title and summary hard-wrapped by "\n" as arXiv gives
// them, and the item's mediaUrl), 2025's (discussionId, githubRepo,
// projectPage, ai_keywords, the item's summary, thumbnail and submittedBy)
// and 2026's (submittedOnDailyAt and submittedOnDailyBy, ai_summary,
// githubStars, organization, mediaUrls). Authors are 1 to 40 objects with
// ids, some with a user object and an avatar URL, as in the real files.
// About 16 papers are listed a weekday, so a file is some 30 to 130 KB, and
// about one listing in 40 is a paper listed again a few days after its
// first day. Everything is deterministic for a given seed.

import (
	"bufio"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// APIStart is the first listing day of an archive when APIOptions.Start is
// empty: the real archive's first month.
const APIStart = "2024-05-01"

// APIOptions says what Papers API data to write.
type APIOptions struct {
	// Days is the number of daily files of WriteAPIArchive: one for each
	// weekday from Start on, but for about one weekday in 40 (a holiday).
	Days int
	// Bytes is the size of WriteAPI's one file: it stops after the first
	// item that brings the output to at least this many bytes.
	Bytes int64
	// Seed selects the pseudo-random sequence; equal options give equal
	// bytes.
	Seed uint64
	// Start is the first listing day, YYYY-MM-DD; "" means APIStart.
	Start string
	// JSONL makes WriteAPI write JSON Lines, one compact item a line (as
	// jq -c '.[]' does), instead of one indented JSON array.
	JSONL bool
	// Indent is the indentation of WriteAPI's array, in spaces; 0 means 2.
	// WriteAPIArchive indents each day as the bot did: 4 spaces in 2024,
	// 2 later.
	Indent int
}

// APIStats counts what was written.
type APIStats struct {
	Files   int   // daily files (1 for WriteAPI)
	Items   int   // items, that is, listings
	Repeats int   // items that list a paper listed on an earlier day
	Bytes   int64 // bytes written
}

// WriteAPIArchive writes opts.Days daily responses into dir (created if
// missing), each as dir/YYYY-MM-DD.json, and returns what it wrote.
func WriteAPIArchive(dir string, opts APIOptions) (APIStats, error) {
	var st APIStats
	if opts.Days <= 0 {
		return st, errors.New("gendump: APIOptions.Days must be positive")
	}
	g, err := newAPIGenerator(opts, true)
	if err != nil {
		return st, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	var buf []byte
	for range opts.Days {
		day, items := g.nextDay()
		w := &jsonWriter{b: buf[:0], indent: day.indent}
		w.open('[')
		for _, it := range items {
			w.item()
			g.writeItem(w, day, it)
		}
		w.close(']')
		buf = w.b
		name := filepath.Join(dir, day.date.Format(time.DateOnly)+".json")
		if err := os.WriteFile(name, buf, 0o644); err != nil {
			return st, err
		}
		st.Files++
		st.Items += len(items)
		st.Bytes += int64(len(buf))
		for _, it := range items {
			if it.repeat {
				st.Repeats++
			}
		}
	}
	return st, nil
}

// WriteAPI writes one file of opts.Bytes: JSON Lines of items with
// opts.JSONL, else a JSON array of items indented by opts.Indent, the
// items of the archive's days in order (starting over at Start after the
// archive's 580 days, with new papers) but never a paper twice, which in
// one file is a duplicate. Output goes through a buffer that is flushed
// before WriteAPI returns; the first error of w ends it.
func WriteAPI(w io.Writer, opts APIOptions) (APIStats, error) {
	var st APIStats
	if opts.Bytes <= 0 {
		return st, errors.New("gendump: APIOptions.Bytes must be positive")
	}
	if opts.Indent < 0 || opts.Indent > 8 {
		return st, errors.New("gendump: APIOptions.Indent must be 0 to 8")
	}
	g, err := newAPIGenerator(opts, false)
	if err != nil {
		return st, err
	}
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, bufSize)
	jw := &jsonWriter{}
	indent := opts.Indent
	if indent == 0 {
		indent = 2
	}
	if opts.JSONL {
		indent = 0
	} else {
		jw.indent = indent
		jw.open('[')
	}
	var written int64
	flush := func() error {
		n, err := bw.Write(jw.b)
		written += int64(n)
		jw.b = jw.b[:0]
		return err
	}
	st.Files = 1
	for written+int64(len(jw.b)) < opts.Bytes {
		day, items := g.nextDay()
		for _, it := range items {
			if !opts.JSONL {
				jw.item()
			}
			g.writeItem(jw, day, it)
			if opts.JSONL {
				jw.b = append(jw.b, '\n')
			}
			st.Items++
			if err := flush(); err != nil {
				st.Bytes = cw.n
				return st, err
			}
			if written >= opts.Bytes {
				break
			}
		}
	}
	if !opts.JSONL {
		jw.close(']')
		if err := flush(); err != nil {
			st.Bytes = cw.n
			return st, err
		}
	}
	err = bw.Flush()
	st.Bytes = cw.n
	return st, err
}

// The three generations of the API's items.
const (
	shape2024 = iota
	shape2025
	shape2026
)

// apiShape returns the generation of the items listed on day.
func apiShape(day time.Time) int {
	switch {
	case day.Year() <= 2024:
		return shape2024
	case day.Year() == 2025:
		return shape2025
	}
	return shape2026
}

// apiDay is a listing day.
type apiDay struct {
	date   time.Time
	shape  int
	indent int
}

// apiUser is a Hugging Face account.
type apiUser struct {
	id, avatar, fullname, user string
	isPro                      bool
	followers                  int // 0: no followerCount
}

// apiAuthor is an author of a paper.
type apiAuthor struct {
	id, name string
	user     *apiUser // a claimed author
	status   string
	changed  time.Time
}

// apiOrg is an organization.
type apiOrg struct{ id, name, fullname, avatar string }

// apiPaper is a paper, as every listing of it shows it.
type apiPaper struct {
	id           string
	title        string // paper.title, unwrapped
	itemTitle    string // the item's title: title, or title with the LaTeX paper.title drops
	summary      string // unwrapped
	wrapped      bool   // 2026 papers with a hard-wrapped summary
	authors      []apiAuthor
	published    time.Time
	discussionID string
	githubRepo   string
	stars        int
	projectPage  string
	aiSummary    string
	aiKeywords   []string // nil: none
	org          *apiOrg
	media        string // a mediaUrls entry, or ""
	submitter    *apiUser
	listedFirst  int // the index of its first day
}

// apiListing is an item: a paper listed on a day, with that day's counts.
type apiListing struct {
	paper       *apiPaper
	upvotes     int
	comments    int
	listedAt    time.Time // the item's publishedAt
	participant bool      // isAuthorParticipating
	repeat      bool
}

// apiGenerator draws days of items.
type apiGenerator struct {
	*generator
	start, next time.Time
	days        int // days drawn
	cycleDays   int // days drawn since the last start over (WriteAPI)
	repeats     bool
	recent      []*apiPaper     // papers of the last days, for repeats
	titles      map[uint64]bool // the titles drawn, case-folded
	ids         map[string]int  // the last arXiv number used, by YYMM
	users       []*apiUser      // submitters
	stamp       []byte          // scratch
	seenToday   map[*apiPaper]bool
}

// archiveDays is how many days WriteAPI draws before starting over at the
// first: the real archive's 580.
const archiveDays = 580

func newAPIGenerator(opts APIOptions, repeats bool) (*apiGenerator, error) {
	start := opts.Start
	if start == "" {
		start = APIStart
	}
	d, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return nil, fmt.Errorf("gendump: APIOptions.Start %q is not a date (YYYY-MM-DD)", start)
	}
	g := &apiGenerator{
		generator: newGenerator(opts.Seed),
		start:     d, next: d,
		repeats:   repeats,
		titles:    make(map[uint64]bool),
		ids:       make(map[string]int),
		seenToday: make(map[*apiPaper]bool),
	}
	// The first submitter is AK, who submitted about half of the papers
	// before 2026.
	ak := g.user("AK", d)
	ak.user = "akhaliq"
	g.users = append(g.users, ak)
	for range 399 {
		g.users = append(g.users, g.user(g.personName(), d))
	}
	return g, nil
}

// nextDay draws the next listing day and its items, the most upvoted
// first, as the API orders them.
func (g *apiGenerator) nextDay() (apiDay, []apiListing) {
	for {
		if !g.repeats && g.cycleDays == archiveDays {
			g.next, g.recent, g.cycleDays = g.start, nil, 0
		}
		d := g.next
		g.next = g.next.AddDate(0, 0, 1)
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || g.chance(40) {
			continue
		}
		g.days++
		g.cycleDays++
		day := apiDay{date: d, shape: apiShape(d), indent: 2}
		if day.shape == shape2024 {
			day.indent = 4
		}
		n := 5 + g.intn(12) + g.intn(13)
		clear(g.seenToday)
		items := make([]apiListing, 0, n)
		for range n {
			var p *apiPaper
			repeat := false
			if g.repeats && len(g.recent) > 0 && g.chance(40) {
				q := g.recent[g.intn(len(g.recent))]
				if !g.seenToday[q] && q.listedFirst < g.days {
					p, repeat = q, true
				}
			}
			if p == nil {
				p = g.paper(day)
				g.recent = append(g.recent, p)
			}
			g.seenToday[p] = true
			items = append(items, g.listing(day, p, repeat))
		}
		// Keep about a week of papers for repeats.
		if len(g.recent) > 80 {
			g.recent = append(g.recent[:0], g.recent[len(g.recent)-80:]...)
		}
		slices.SortStableFunc(items, func(a, b apiListing) int { return b.upvotes - a.upvotes })
		return day, items
	}
}

// listing draws the counts of a paper listed on day.
func (g *apiGenerator) listing(day apiDay, p *apiPaper, repeat bool) apiListing {
	up := g.intn(8)
	if g.chance(2) {
		up += g.intn(30)
	}
	if g.chance(6) {
		up += g.intn(150)
	}
	if g.chance(60) {
		up += g.intn(500)
	}
	comments := g.intn(3)
	if g.chance(10) {
		comments += g.intn(12)
	}
	at := day.date.Add(time.Duration(g.intn(86_400_000)) * time.Millisecond)
	if day.shape == shape2026 {
		at = p.published.Add(-4 * time.Hour)
	}
	return apiListing{paper: p, upvotes: up, comments: comments, listedAt: at, participant: g.chance(3), repeat: repeat}
}

// paper draws a new paper first listed on day.
func (g *apiGenerator) paper(day apiDay) *apiPaper {
	p := &apiPaper{listedFirst: g.days, stars: -1}
	// Published one to four days before the listing, at a random time
	// (at midnight in 2026's items).
	p.published = day.date.AddDate(0, 0, -1-g.intn(4))
	if day.shape == shape2026 {
		p.published = p.published.Truncate(24 * time.Hour)
	} else {
		p.published = p.published.Add(time.Duration(g.intn(86_400)) * time.Second)
	}
	yymm := p.published.Format("0601")
	num := g.ids[yymm]
	if num == 0 {
		num = 1 + g.intn(3000)
	}
	num += 1 + g.intn(3)
	g.ids[yymm] = num
	p.id = fmt.Sprintf("%s.%05d", yymm, num)

	name := ""
	if g.chance(2) {
		name = g.modelName()
	}
	for {
		b := make([]byte, 0, 160)
		if name != "" {
			b = append(b, name...)
			if g.chance(40) {
				b = append(b, greek[g.intn(len(greek))]...)
			}
			b = append(b, ": "...)
		}
		b = g.appendTitleBody(b)
		key := fnv.New64a()
		key.Write([]byte(strings.ToLower(string(b))))
		if h := key.Sum64(); !g.titles[h] {
			g.titles[h] = true
			p.title = string(b)
			break
		}
		name = g.modelName()
	}
	p.itemTitle = p.title
	if name != "" && g.chance(500) {
		// The item's title keeps the LaTeX that paper.title drops.
		p.itemTitle = `$\textit{` + name + `}$` + p.title[len(name):]
	}

	p.discussionID = g.objectID(day.date)
	if g.chance(3) {
		p.githubRepo = "https://github.com/" + owners[g.intn(len(owners))] + "/" + string(g.appendName(nil, g.chance(2)))
		p.stars = g.intn(20)
		if g.chance(3) {
			p.stars += g.intn(2000)
		}
	}
	if g.chance(3) {
		p.projectPage = g.projectPage(p)
	}
	var url string
	switch {
	case p.githubRepo != "" && g.chance(2):
		url = p.githubRepo
	case p.projectPage != "" && g.chance(3):
		url = p.projectPage
	case p.githubRepo == "" && g.chance(8):
		url = "https://github.com/" + owners[g.intn(len(owners))] + "/" + string(g.appendName(nil, true))
	}
	p.summary = string(g.appendAPIAbstract(make([]byte, 0, 2048), 800+g.intn(600)+g.intn(550), url))
	p.wrapped = g.chance(15)

	n := 1 + g.intn(6) + g.intn(6)
	if g.chance(5) {
		n += g.intn(20)
	}
	if g.chance(60) {
		n = 25 + g.intn(16)
	}
	claimed := 20 // one author in claimed is a claimed account
	if day.shape == shape2024 {
		claimed = 3
	}
	base := g.objectID(day.date)
	p.authors = make([]apiAuthor, n)
	for i := range p.authors {
		a := &p.authors[i]
		a.id = objectIDPlus(base, i)
		a.name = g.personName()
		if g.chance(claimed) {
			a.user = g.user(a.name, day.date)
			a.status = authorStatus[g.intn(len(authorStatus))]
			a.changed = day.date.Add(time.Duration(g.intn(86_400_000)) * time.Millisecond)
		}
	}

	if g.chance(8) {
		p.aiKeywords = nil
	} else {
		k := 5 + g.intn(10) + g.intn(13)
		p.aiKeywords = make([]string, k)
		for i := range p.aiKeywords {
			p.aiKeywords[i] = g.keyword()
		}
	}
	s, _ := g.appendSentence(make([]byte, 0, 512), 0, 120+g.intn(150))
	p.aiSummary = string(s)
	if g.chance(5) {
		s, _ := g.appendSentence(append(s, ' '), len(s)+1, len(s)+100)
		p.aiSummary = string(s)
	}
	if g.intn(10) < 6 {
		p.org = &orgs[g.intn(len(orgs))]
	}
	if g.chance(3) {
		p.media = "https://cdn-uploads.huggingface.co/production/uploads/" + g.hex(24) + "/" + g.token(21) + mediaExt[g.intn(len(mediaExt))]
	}
	if day.shape != shape2026 && g.chance(2) {
		p.submitter = g.users[0] // AK submitted about half of the papers then
	} else {
		// A few submitters submit often, most rarely.
		p.submitter = g.users[min(g.intn(len(g.users)), g.intn(len(g.users)))]
	}
	return p
}

// appendTitleBody appends a title's words: 2 to 4 title words, then up to
// two phrases "connector words", then more words if it is still short.
func (g *apiGenerator) appendTitleBody(b []byte) []byte {
	runes := utf8.RuneCount(b)
	question := g.chance(12)
	if question {
		b = append(b, titleQuestion[g.intn(len(titleQuestion))]...)
		runes = utf8.RuneCount(b)
	} else {
		// appendTitleWords puts a space before each word after the first.
		w := titleWords[g.intn(len(titleWords))]
		b = append(b, w.s...)
		runes += w.runes
	}
	b, runes = g.appendTitleWords(b, runes, 1+g.intn(3))
	return g.appendTitleTail(b, runes, question)
}

// appendAPIAbstract appends an abstract of about target characters,
// ending with a sentence that gives url when it is not "".
func (g *apiGenerator) appendAPIAbstract(b []byte, target int, url string) []byte {
	var tail string
	if url != "" {
		tail = urlLeads[g.intn(len(urlLeads))] + " " + url + "."
	}
	limit := target - utf8.RuneCountInString(tail) - 1
	b = g.appendSentences(b, limit)
	if tail != "" {
		b = append(b, ' ')
		b = append(b, tail...)
	}
	return b
}

// modelName draws a made-up method name for a title: "Zetta", "CoSTA",
// "Lumira-VL", "GRAPE".
func (g *apiGenerator) modelName() string {
	var b []byte
	if g.chance(4) {
		for range 3 + g.intn(4) {
			b = append(b, byte('A'+g.intn(26)))
		}
	} else {
		for i := range 2 + g.intn(2) {
			s := syllables[g.intn(len(syllables))]
			if i == 0 {
				s = strings.ToUpper(s[:1]) + s[1:]
			}
			b = append(b, s...)
		}
	}
	if g.chance(5) {
		b = append(b, nameSuffixes[g.intn(len(nameSuffixes))]...)
	}
	return string(b)
}

// personName draws an author's name.
func (g *apiGenerator) personName() string {
	f := firstNames[g.intn(len(firstNames))]
	if g.chance(15) {
		f += " " + string(rune('A'+g.intn(26))) + "."
	}
	return f + " " + lastNames[g.intn(len(lastNames))]
}

// user draws the account of the person name.
func (g *apiGenerator) user(name string, day time.Time) *apiUser {
	u := &apiUser{id: g.objectID(day.AddDate(0, -g.intn(36), 0)), fullname: name, isPro: g.chance(12)}
	handle := strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return r
		}
		return -1
	}, name)
	switch g.intn(4) {
	case 0:
		handle = strings.ToLower(handle)
	case 1:
		handle += strconv.Itoa(g.intn(100))
	case 2:
		if i := strings.IndexByte(name, ' '); i > 0 && utf8.ValidString(name[:i]) {
			handle = strings.Map(func(r rune) rune {
				if r < utf8.RuneSelf && r != '.' && r != ' ' {
					return r
				}
				return -1
			}, name[:i]) + strconv.Itoa(g.intn(1000))
		}
	}
	if handle == "" {
		handle = "user" + strconv.Itoa(g.intn(100000))
	}
	u.user = handle
	switch g.intn(5) {
	case 0, 1, 2:
		u.avatar = "/avatars/" + g.hex(32) + ".svg"
	case 3:
		u.avatar = "https://cdn-avatars.huggingface.co/v1/production/uploads/" + strconv.FormatInt(1_600_000_000_000+int64(g.intn(150_000_000_000)), 10) + "-" + u.id + ".jpeg"
	default:
		u.avatar = "https://cdn-avatars.huggingface.co/v1/production/uploads/" + u.id + "/" + g.token(21) + ".png"
	}
	if g.chance(3) {
		u.followers = 1 + g.intn(300)
	}
	return u
}

// projectPage draws a project page URL.
func (g *apiGenerator) projectPage(p *apiPaper) string {
	n := string(g.appendName(nil, false))
	switch g.intn(6) {
	case 0, 1, 2:
		return "https://" + n + ".github.io/"
	case 3:
		return "https://" + owners[g.intn(len(owners))] + ".github.io/" + string(g.appendName(nil, true)) + "/"
	case 4:
		return "https://arxiv.org/pdf/" + p.id
	}
	return "https://huggingface.co/collections/" + owners[g.intn(len(owners))] + "/" + n + "-" + g.hex(24)
}

// keyword draws an AI keyword: a phrase of one to three words, sometimes
// with an acronym.
func (g *apiGenerator) keyword() string {
	var b []byte
	k := 1 + g.intn(3)
	for i := range k {
		if i > 0 {
			b = append(b, ' ')
		}
		if g.chance(6) {
			b = append(b, titleWords[g.intn(len(titleWords))].s...)
		} else {
			b = append(b, content[g.intn(len(content))]...)
		}
	}
	if k > 1 && g.chance(8) {
		b = append(b, " ("...)
		for _, f := range strings.Fields(string(b[:len(b)-2])) {
			b = append(b, strings.ToUpper(f[:1])...)
		}
		b = append(b, "s)"...)
	}
	return string(b)
}

// objectID draws a MongoDB ObjectId of day: its time, then 8 random bytes.
func (g *apiGenerator) objectID(day time.Time) string {
	ts := uint32(day.Unix()) + uint32(g.intn(86_400))
	return fmt.Sprintf("%08x%016x", ts, g.pcg.Uint64())
}

// objectIDPlus returns the ObjectId that follows id by i, as the ids of a
// paper's authors do.
func objectIDPlus(id string, i int) string {
	n, _ := strconv.ParseUint(id[16:], 16, 32)
	return id[:16] + fmt.Sprintf("%08x", uint32(n)+uint32(i))
}

// hex draws n lowercase hexadecimal digits.
func (g *apiGenerator) hex(n int) string {
	const digits = "0123456789abcdef"
	b := g.stamp[:0]
	for len(b) < n {
		v := g.pcg.Uint64()
		for j := 0; j < 16 && len(b) < n; j++ {
			b = append(b, digits[v&15])
			v >>= 4
		}
	}
	g.stamp = b
	return string(b)
}

// token draws n characters of an upload's name.
func (g *apiGenerator) token(n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := g.stamp[:0]
	for range n {
		b = append(b, chars[g.intn(len(chars))])
	}
	g.stamp = b
	return string(b)
}

// writeItem writes the item of listing l on day, in day's shape.
func (g *apiGenerator) writeItem(w *jsonWriter, day apiDay, l apiListing) {
	p := l.paper
	shape := day.shape
	wrap := shape != shape2026 || p.wrapped
	summary := p.summary
	if wrap {
		summary = hardWrap(p.summary, 80, "\n")
	}
	title := p.title
	if shape != shape2026 {
		title = hardWrap(p.title, 72, "\n  ")
	}
	w.open('{')
	w.key("paper")
	w.open('{')
	w.key("id")
	w.str(p.id)
	w.key("authors")
	w.open('[')
	for i := range p.authors {
		a := &p.authors[i]
		w.item()
		w.open('{')
		w.key("_id")
		w.str(a.id)
		if a.user != nil {
			w.key("user")
			writeUser(w, a.user, shape != shape2024, shape == shape2026)
		}
		w.key("name")
		w.str(a.name)
		if a.user != nil {
			w.key("status")
			w.str(a.status)
			w.key("statusLastChangedAt")
			w.str(stamp(a.changed))
		}
		w.key("hidden")
		w.bool(false)
		w.close('}')
	}
	w.close(']')
	if shape == shape2026 && p.media != "" {
		w.key("mediaUrls")
		w.open('[')
		w.item()
		w.str(p.media)
		w.close(']')
	}
	w.key("publishedAt")
	w.str(stamp(p.published))
	if shape == shape2026 {
		w.key("submittedOnDailyAt")
		w.str(stamp(day.date))
	}
	w.key("title")
	w.str(title)
	if shape == shape2026 {
		w.key("submittedOnDailyBy")
		writeUser(w, p.submitter, true, true)
	}
	w.key("summary")
	w.str(summary)
	w.key("upvotes")
	w.int(l.upvotes)
	if shape != shape2024 {
		w.key("discussionId")
		w.str(p.discussionID)
		if p.projectPage != "" {
			w.key("projectPage")
			w.str(p.projectPage)
		}
		if p.githubRepo != "" {
			w.key("githubRepo")
			w.str(p.githubRepo)
			if shape == shape2026 {
				w.key("githubRepoAddedBy")
				w.str("user")
			}
		}
		if shape == shape2026 {
			w.key("ai_summary")
			w.str(p.aiSummary)
		}
		if p.aiKeywords != nil || shape == shape2026 {
			w.key("ai_keywords")
			w.open('[')
			for _, k := range p.aiKeywords {
				w.item()
				w.str(k)
			}
			w.close(']')
		}
		if shape == shape2026 {
			w.key("ai_summary_model")
			w.str("thinkingmachines/Inkling-Small")
			if p.githubRepo != "" {
				w.key("githubStars")
				w.int(p.stars)
			}
			if p.org != nil {
				w.key("organization")
				writeOrg(w, p.org)
			}
		}
	}
	w.close('}')
	w.key("publishedAt")
	w.str(stamp(l.listedAt))
	w.key("title")
	w.str(p.itemTitle)
	if shape == shape2024 {
		w.key("mediaUrl")
		w.str("https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/" + p.id + ".png")
		w.key("numComments")
		w.int(l.comments)
		w.close('}')
		return
	}
	w.key("summary")
	w.str(summary)
	if shape == shape2026 && p.media != "" {
		w.key("mediaUrls")
		w.open('[')
		w.item()
		w.str(p.media)
		w.close(']')
	}
	w.key("thumbnail")
	w.str("https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/" + p.id + ".png")
	w.key("numComments")
	w.int(l.comments)
	w.key("submittedBy")
	u := p.submitter
	w.open('{')
	w.key("_id")
	w.str(u.id)
	w.key("avatarUrl")
	w.str(u.avatar)
	w.key("fullname")
	w.str(u.fullname)
	w.key("name")
	w.str(u.user)
	w.key("type")
	w.str("user")
	w.key("isPro")
	w.bool(u.isPro)
	w.key("isHf")
	w.bool(false)
	w.key("isHfAdmin")
	w.bool(false)
	w.key("isMod")
	w.bool(false)
	if u.followers > 0 {
		w.key("followerCount")
		w.int(u.followers)
	}
	w.key("isUserFollowing")
	w.bool(false)
	w.close('}')
	if shape == shape2026 && p.org != nil {
		w.key("organization")
		writeOrg(w, p.org)
	}
	w.key("isAuthorParticipating")
	w.bool(l.participant)
	w.close('}')
}

// writeUser writes a user as an author's "user" and the paper's
// "submittedOnDailyBy" hold one; the 2025 and 2026 shapes add its _id, the
// 2026 one its name.
func writeUser(w *jsonWriter, u *apiUser, withID, withName bool) {
	w.open('{')
	if withID {
		w.key("_id")
		w.str(u.id)
	}
	w.key("avatarUrl")
	w.str(u.avatar)
	w.key("isPro")
	w.bool(u.isPro)
	w.key("fullname")
	w.str(u.fullname)
	w.key("user")
	w.str(u.user)
	w.key("type")
	w.str("user")
	if withName {
		w.key("name")
		w.str(u.user)
	}
	w.close('}')
}

func writeOrg(w *jsonWriter, o *apiOrg) {
	w.open('{')
	w.key("_id")
	w.str(o.id)
	w.key("name")
	w.str(o.name)
	w.key("fullname")
	w.str(o.fullname)
	w.key("avatar")
	w.str(o.avatar)
	w.close('}')
}

// stamp formats a time as the API does: 2024-06-03T03:44:01.558Z.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// hardWrap breaks s at spaces into lines of at most width characters (a
// longer word stays whole), joined by sep, as arXiv wraps titles ("\n  ")
// and abstracts ("\n").
func hardWrap(s string, width int, sep string) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/width*len(sep))
	line := 0
	for i, w := range strings.Split(s, " ") {
		n := utf8.RuneCountInString(w)
		switch {
		case i == 0:
		case line+1+n > width:
			b.WriteString(sep)
			line = len(sep) - 1 // the continuation's indent
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += n
	}
	return b.String()
}

// jsonWriter writes JSON as Python's json.dump(…, indent=N,
// ensure_ascii=False) does, or, with indent 0, compact as jq -c does: the
// caller opens and closes containers and calls item before each array
// element and key before each member.
type jsonWriter struct {
	b      []byte
	indent int // spaces a level; 0: compact
	depth  int
	first  bool // nothing yet in the open container
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.first {
		w.newline()
	}
	w.b = append(w.b, c)
	w.first = false
}

func (w *jsonWriter) newline() {
	if w.indent > 0 {
		w.b = append(w.b, '\n')
		for range w.depth * w.indent {
			w.b = append(w.b, ' ')
		}
	}
}

// item starts an array element.
func (w *jsonWriter) item() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.first = false
}

// key starts an object member.
func (w *jsonWriter) key(name string) {
	w.item()
	w.str(name)
	w.b = append(w.b, ':')
	if w.indent > 0 {
		w.b = append(w.b, ' ')
	}
}

func (w *jsonWriter) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

func (w *jsonWriter) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

// str writes a string as Python's json module does with ensure_ascii=False:
// only the quote, the backslash and control characters are escaped.
func (w *jsonWriter) str(s string) {
	b := append(w.b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			b = append(b, '\\', '"')
		case c == '\\':
			b = append(b, '\\', '\\')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c == '\b':
			b = append(b, '\\', 'b')
		case c == '\f':
			b = append(b, '\\', 'f')
		case c < 0x20:
			b = append(b, fmt.Sprintf(`\u%04x`, c)...)
		default:
			b = append(b, c)
		}
	}
	w.b = append(b, '"')
}

var (
	authorStatus = []string{"claimed_verified", "extracted_confirmed", "extracted_pending", "admin_assigned"}
	greek        = []string{" ζ", " π", " α", "-Ω", " λ", "²"}
	mediaExt     = []string{".png", ".png", ".gif", ".mp4", ".jpeg"}
	syllables    = strings.Fields(`ze tta co sta lu mi na ra vo xi qu en ar go ta ri ka mo del on ix gen
		flow seg vid med lo sy nth pha ro bo vi sion kai tex ul tra mer lin hy per vex ion zen`)
	nameSuffixes = []string{"-VL", "-R1", "-2", "Bench", "-Agent", "-3B", "++", "-Zero", "-o1", "-Pro"}
	firstNames   = strings.Fields(`Wei Xin Liang Mingzhe Zixuan Chao Zixu Fu Xiangyu Yikai Yaoyu Weijun
		Kun Hao Yunxin Ting Tri Albert Advait NandaKiran Dang Tianyi Wenhu Jiachen Viktor Allison
		Mia Yifan Jing Yu Lei Jun Hui Yang Haoran Ziyang Ruoyu Shuai Qi Bo Jiaming Peng Yuxuan
		Zhen Ming Rui Xiaoyu Junyang Sanghyun Minjoon Jiwoo Seungwon Hyunwoo Takashi Yuki Kenji
		Arjun Priya Rohan Ananya Siddharth Aditya John Michael David Sarah Emily James Daniel
		Anna Maria Luca Marco Giulia Pierre Camille Thomas Lukas Felix Hannah Omar Ahmed Fatima
		Ivan Dmitry Olga Elena Carlos Lucía Andrés José Jörg Zoë Łukasz Çağlar Søren André
		Mónica Thắng François Chloé Björn Mikaël`)
	lastNames = strings.Fields(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo
		He Lin Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Mi Hao Ding Kim Park Lee Choi
		Jung Nguyen Tran Pham Gupta Sharma Singh Patel Kumar Reddy Iyer Smith Johnson Brown
		Garcia Miller Davis Wilson Taylor Anderson Müller Schmidt Schneider Fischer Rossi Bianchi
		Dubois Martin Bernard Silva Santos Oliveira Ivanov Petrov Smirnov Cohen Levy Tanaka Suzuki
		Sato Yamamoto Watanabe Moskvoretskii Andreyev Dao Gu Velaga Imran Hernández Gómez
		Kowalski Nowak Jensen Olsen Ødegård Nguyễn Çelik Yılmaz`)
	orgs = func() []apiOrg {
		names := []string{
			"UCSanDiego|University of California at San Diego", "Tsinghua|Tsinghua University",
			"PKU|Peking University", "ZJU|Zhejiang University", "SJTU|Shanghai Jiao Tong University",
			"Fudan|Fudan University", "NUS|National University of Singapore", "NTU|Nanyang Technological University",
			"HKUST|The Hong Kong University of Science and Technology", "CUHK|The Chinese University of Hong Kong",
			"stanford|Stanford University", "mit|Massachusetts Institute of Technology", "cmu|Carnegie Mellon University",
			"berkeley|UC Berkeley", "google|Google", "nvidia|NVIDIA", "microsoft|Microsoft", "facebook|AI at Meta",
			"Qwen|Qwen", "deepseek-ai|DeepSeek", "alibaba|Alibaba Group", "ByteDance|ByteDance",
			"ByteDance-Seed|ByteDance Seed", "tencent|Tencent", "OpenGVLab|OpenGVLab", "allenai|Ai2",
			"HuggingFaceTB|Hugging Face Smol Models Research", "amazon|Amazon", "apple|Apple",
			"Salesforce|Salesforce", "kaist-ai|KAIST AI", "ethz|ETH Zürich", "epfl|EPFL",
			"mila|Mila - Quebec AI Institute", "oxford|University of Oxford", "ucl|University College London",
			"shailab|Shanghai AI Laboratory", "BAAI|Beijing Academy of Artificial Intelligence",
			"moonshotai|Moonshot AI", "zai-org|Z.ai", "kuaishou|快手 Kuaishou",
		}
		g := newGenerator(0x6f726773)
		out := make([]apiOrg, len(names))
		ag := &apiGenerator{generator: g}
		for i, n := range names {
			name, full, _ := strings.Cut(n, "|")
			id := ag.objectID(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
			out[i] = apiOrg{id: id, name: name, fullname: full,
				avatar: "https://cdn-avatars.huggingface.co/v1/production/uploads/" + ag.hex(24) + "/" + ag.token(21) + ".png"}
		}
		return out
	}()
)
