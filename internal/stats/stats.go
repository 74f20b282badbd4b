// Package stats computes the figures of dumps in one streaming pass: how
// many papers, their listing and publication dates, title and abstract
// lengths, URLs and their domains, upvotes and organizations where the
// captures carry them, how many papers carry the page's own data (authors,
// AI summary and keywords, project page), papers seen in more than one
// dump, and warnings by code. The stats command renders them as text or JSON, the report command
// as HTML; both call Add for each valid record and Report at the end.
//
// Memory does not grow with the input's bytes: lengths and upvotes go into
// histograms bounded by the largest value, listing labels, dates, URL
// domains and organizations into maps of distinct values, and the papers
// into a map of 8-byte ids to 8-byte sightings (some 16 bytes of data a
// distinct paper, 30 to 40 with the map's own overhead), which is what an
// exact count of distinct papers and of papers seen in several dumps takes.
package stats

import (
	"hash/maphash"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

// Limits of a Report.
const (
	// TopDomains is how many URL domains a report lists.
	TopDomains = 10
	// TopOrganizations is how many organizations a report lists.
	TopOrganizations = 10
	// SharedExamples is how many papers seen in more than one dump a
	// report names; all of them are counted.
	SharedExamples = 10
)

// Stats accumulates the figures of the valid records of every dump. The
// zero value is not ready to use; call New.
type Stats struct {
	papers        int
	withURLs      int
	withRepo      int
	page          PageData // papers carrying each field of the page's own data
	urls          int
	titles        Histogram
	abstracts     Histogram
	upvotes       Histogram
	listings      map[listing]int
	published     map[string]int
	domains       map[string]int
	organizations map[string]int
	seen          map[uint64]sighting
	shared        int         // papers seen in more than one dump
	examples      []sharedRef // the first SharedExamples of them
	idSeed        maphash.Seed
}

// listing is a listing label with its date, "" without a year.
type listing struct{ label, date string }

// sighting is where a paper was seen: the last dump (by index) and in how
// many dumps.
type sighting struct{ last, dumps int32 }

// sharedRef names a paper seen in more than one dump.
type sharedRef struct {
	key        uint64
	id, title  string
	firstDump  int32
	secondDump int32
}

// New returns an empty Stats.
func New() *Stats {
	return &Stats{
		listings:      make(map[listing]int),
		published:     make(map[string]int),
		domains:       make(map[string]int),
		organizations: make(map[string]int),
		seen:          make(map[uint64]sighting),
		idSeed:        maphash.MakeSeed(),
	}
}

// Add counts one valid record of the dump with the given index, the
// index of the dump in the list later given to Report.
func (s *Stats) Add(rec *schema.Record, dump int) {
	s.papers++
	s.titles.Add(utf8.RuneCountInString(rec.Title))
	s.abstracts.Add(utf8.RuneCountInString(rec.Abstract))
	s.listings[listing{rec.ListingLabel, rec.ListingDate}]++
	if rec.PublishedDate != "" {
		s.published[rec.PublishedDate]++
	}
	if rec.Upvotes.Valid {
		s.upvotes.Add(rec.Upvotes.Int)
	}
	if rec.Organization != "" {
		s.organizations[rec.Organization]++
	}
	if len(rec.URLs) > 0 {
		s.withURLs++
	}
	if rec.GitHubRepo != "" {
		s.withRepo++
	}
	s.page.add(rec)
	for _, u := range rec.URLs {
		s.urls++
		s.domains[urlHost(u)]++
	}
	key := s.idKey(rec.ID)
	seen, ok := s.seen[key]
	switch {
	case !ok:
		s.seen[key] = sighting{last: int32(dump), dumps: 1}
	case seen.last != int32(dump):
		if seen.dumps == 1 {
			s.shared++
			if len(s.examples) < SharedExamples {
				s.examples = append(s.examples, sharedRef{key: key, id: rec.ID, title: rec.Title,
					firstDump: seen.last, secondDump: int32(dump)})
			}
		}
		s.seen[key] = sighting{last: int32(dump), dumps: seen.dumps + 1}
	}
}

// idKey turns a record id, 16 hex digits by the schema, into the 64-bit
// number it spells. Anything else, which the schema check does not let
// through, is hashed instead.
func (s *Stats) idKey(id string) uint64 {
	if k, err := strconv.ParseUint(id, 16, 64); err == nil && len(id) == 16 {
		return k
	}
	return maphash.String(s.idSeed, id)
}

// urlHost returns the host of a URL in lower case, without a port. The
// Reader has checked that every record URL parses and has a host.
func urlHost(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "" // not reached: record URLs parse
	}
	return strings.ToLower(p.Hostname())
}

// Dump is what reading one dump found, as the caller tells it to Report.
type Dump struct {
	Path      string `json:"path"`
	Valid     bool   `json:"valid"`
	Papers    int    `json:"papers"`
	Errors    int    `json:"errors"`
	Warnings  int    `json:"warnings"`
	Stopped   bool   `json:"stopped"`
	ReadError string `json:"read_error,omitempty"`
	// WarningsByCode counts every warning found, kept or not; Report sums
	// them over the dumps.
	WarningsByCode map[validate.Code]int `json:"-"`
}

// Report is the figures of the dumps: the stats command's JSON document,
// and what its text tables and the HTML report are made from. Its keys are
// stable; lists are in a fixed order. The figures of upvotes, publication
// dates and organizations are left out when no record carries them, and
// each count of the page's own data (PageData) when it is 0.
type Report struct {
	Valid                bool `json:"valid"`
	Papers               int  `json:"papers"`
	DistinctPapers       int  `json:"distinct_papers"`
	PapersWithURLs       int  `json:"papers_with_urls"`
	PapersWithGitHubRepo int  `json:"papers_with_github_repo"`
	PageData
	PapersInSeveralDumps int            `json:"papers_in_several_dumps"`
	SharedPapers         []Shared       `json:"shared_papers"`
	ListingDates         []Listing      `json:"listing_dates"`
	PublicationDates     []Date         `json:"publication_dates,omitempty"`
	TitleLength          *Summary       `json:"title_length"`
	AbstractLength       *Summary       `json:"abstract_length"`
	PapersWithUpvotes    int            `json:"papers_with_upvotes,omitempty"`
	Upvotes              *Summary       `json:"upvotes,omitempty"`
	URLs                 int            `json:"urls"`
	TopDomains           []Domain       `json:"top_domains"`
	TopOrganizations     []Organization `json:"top_organizations,omitempty"`
	Warnings             int            `json:"warnings"`
	WarningsByCode       map[string]int `json:"warnings_by_code"`
	Dumps                []Dump         `json:"dumps"`

	// PapersByDumps counts the distinct papers by how many dumps they
	// are in: PapersByDumps[n] papers are in n dumps (index 0 is unused).
	PapersByDumps []int `json:"-"`

	// The distributions the summaries are taken from, for charts.
	TitleLengths    *Histogram `json:"-"`
	AbstractLengths *Histogram `json:"-"`
	UpvoteCounts    *Histogram `json:"-"` // empty when no record has upvotes
}

// PageData counts the papers that carry each field of the page's own data
// (the Papers API, a saved page), that is whose column is not null: an
// empty authors or ai_keywords list counts, as SQL's count(authors) does.
// Only dumps of that data carry them; a plain-text dump or a capture of
// the listing has none.
type PageData struct {
	PapersWithAuthors     int `json:"papers_with_authors,omitempty"`
	PapersWithAISummary   int `json:"papers_with_ai_summary,omitempty"`
	PapersWithAIKeywords  int `json:"papers_with_ai_keywords,omitempty"`
	PapersWithProjectPage int `json:"papers_with_project_page,omitempty"`
}

// Any reports whether a paper carries any of the page's own data: then
// the renderings show all four counts, zeros too.
func (p PageData) Any() bool {
	return p.PapersWithAuthors+p.PapersWithAISummary+p.PapersWithAIKeywords+p.PapersWithProjectPage > 0
}

func (p *PageData) add(rec *schema.Record) {
	if rec.Authors != nil {
		p.PapersWithAuthors++
	}
	if rec.AISummary != "" {
		p.PapersWithAISummary++
	}
	if rec.AIKeywords != nil {
		p.PapersWithAIKeywords++
	}
	if rec.ProjectPage != "" {
		p.PapersWithProjectPage++
	}
}

// WarningCodes returns the codes of WarningsByCode, the most frequent
// first, ties in name order: the order every rendering lists them in.
func (r *Report) WarningCodes() []string {
	codes := make([]string, 0, len(r.WarningsByCode))
	for c := range r.WarningsByCode {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		if na, nb := r.WarningsByCode[a], r.WarningsByCode[b]; na != nb {
			return nb - na
		}
		return strings.Compare(a, b)
	})
	return codes
}

// Shared is a paper seen in more than one dump: its id, its title as the
// second dump has it, the first two dumps it is in and how many.
type Shared struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	In    []string `json:"in"`
	Dumps int      `json:"dumps"`
}

// Listing is a listing label, its date (null without a year) and how many
// papers it lists.
type Listing struct {
	Label  string  `json:"label"`
	Date   *string `json:"date"`
	Papers int     `json:"papers"`
}

// Date is a publication date and how many papers were published on it.
type Date struct {
	Date   string `json:"date"`
	Papers int    `json:"papers"`
}

// Domain is a URL host and how many record URLs point at it.
type Domain struct {
	Domain string `json:"domain"`
	URLs   int    `json:"urls"`
}

// Organization is an organization and how many papers name it.
type Organization struct {
	Name   string `json:"name"`
	Papers int    `json:"papers"`
}

// Report returns the figures gathered so far from dumps, the dumps Add was
// told about, in the order of their indexes.
func (s *Stats) Report(dumps []Dump) *Report {
	rep := &Report{
		Valid:                true,
		Papers:               s.papers,
		DistinctPapers:       len(s.seen),
		PapersWithURLs:       s.withURLs,
		PapersWithGitHubRepo: s.withRepo,
		PageData:             s.page,
		PapersInSeveralDumps: s.shared,
		SharedPapers:         []Shared{},
		ListingDates:         []Listing{},
		TitleLength:          s.titles.Summary(),
		AbstractLength:       s.abstracts.Summary(),
		PapersWithUpvotes:    int(s.upvotes.Len()),
		Upvotes:              s.upvotes.Summary(),
		URLs:                 s.urls,
		TopDomains:           []Domain{},
		WarningsByCode:       map[string]int{},
		Dumps:                []Dump{},
		TitleLengths:         &s.titles,
		AbstractLengths:      &s.abstracts,
		UpvoteCounts:         &s.upvotes,
	}
	for _, x := range s.examples {
		rep.SharedPapers = append(rep.SharedPapers, Shared{ID: x.id, Title: x.title,
			In: []string{dumps[x.firstDump].Path, dumps[x.secondDump].Path}, Dumps: int(s.seen[x.key].dumps)})
	}
	rep.PapersByDumps = make([]int, len(dumps)+1)
	for _, x := range s.seen {
		if int(x.dumps) < len(rep.PapersByDumps) { // not reached otherwise: dump indexes are below len(dumps)
			rep.PapersByDumps[x.dumps]++
		}
	}
	for l, n := range s.listings {
		x := Listing{Label: l.label, Papers: n}
		if l.date != "" {
			x.Date = &l.date
		}
		rep.ListingDates = append(rep.ListingDates, x)
	}
	slices.SortFunc(rep.ListingDates, compareListings)
	for d, n := range s.published {
		rep.PublicationDates = append(rep.PublicationDates, Date{d, n})
	}
	slices.SortFunc(rep.PublicationDates, func(a, b Date) int { return strings.Compare(a.Date, b.Date) })
	for d, n := range s.domains {
		rep.TopDomains = append(rep.TopDomains, Domain{d, n})
	}
	rep.TopDomains = top(rep.TopDomains, TopDomains, func(d Domain) (string, int) { return d.Domain, d.URLs })
	for o, n := range s.organizations {
		rep.TopOrganizations = append(rep.TopOrganizations, Organization{o, n})
	}
	rep.TopOrganizations = top(rep.TopOrganizations, TopOrganizations, func(o Organization) (string, int) { return o.Name, o.Papers })
	for _, d := range dumps {
		rep.Valid = rep.Valid && d.Valid
		rep.Warnings += d.Warnings
		for c, n := range d.WarningsByCode {
			rep.WarningsByCode[string(c)] += n
		}
		rep.Dumps = append(rep.Dumps, d)
	}
	return rep
}

// top sorts xs by count, most first, then by name, and keeps the first n.
func top[T any](xs []T, n int, key func(T) (string, int)) []T {
	slices.SortFunc(xs, func(a, b T) int {
		an, ac := key(a)
		bn, bc := key(b)
		if ac != bc {
			return bc - ac
		}
		return strings.Compare(an, bn)
	})
	return xs[:min(len(xs), n)]
}

// compareListings orders listings by date: the date when there is one,
// else the day of the year the label names ("Mar 14"), then the label.
func compareListings(a, b Listing) int {
	ad, bd := listingOrder(a), listingOrder(b)
	if ad != bd {
		return strings.Compare(ad, bd)
	}
	return strings.Compare(a.Label, b.Label)
}

// listingOrder returns a key that sorts listings by date.
func listingOrder(l Listing) string {
	if l.Date != nil {
		return *l.Date
	}
	if t, err := time.Parse("Jan 2 2006", l.Label+" 2024"); err == nil { // 2024 has Feb 29
		return t.Format("01-02")
	}
	return "~" + l.Label // after the dates; not reached for valid records
}
