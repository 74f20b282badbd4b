package main

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

// Limits of the stats command.
const (
	// statsTopDomains is how many URL domains the report lists.
	statsTopDomains = 10
	// statsSharedExamples is how many papers seen in more than one dump the
	// report names; all of them are counted.
	statsSharedExamples = 10
)

func runStats(e env, args []string) error {
	fs := newFlags("stats")
	format := newChoiceFlag(fs, "output-format", []string{"text", "json"}, "the figures as a `text` table or one json document")
	year := newYearFlag(fs, yearUsage)
	styleName := styleFlag(fs)
	maxErrors := newCountFlag(fs, "max-errors", 100, "stop reading a dump after `N` errors (0: no limit)")
	quiet := fs.BoolP("quiet", "q", false, "show no progress bar, even on a terminal")
	if done, err := parseFlags(e, fs, args); done {
		return err
	}
	style, styleErr := checkStyle(*styleName)
	switch {
	case fs.NArg() == 0:
		return usagef("no dump given (a path, or - for standard input)")
	case styleErr != nil:
		return usagef("%v", styleErr)
	case countStdin(fs.Args()) > 1:
		return usagef("standard input (-) can be read only once")
	}
	opts := readOptions{year: *year, style: style, maxErrors: *maxErrors, progress: newProgress(e, fs.Args(), *quiet)}
	s := newStats()
	var results []dumpResult
	for i, path := range fs.Args() {
		results = append(results, s.readDump(e, path, i, opts))
	}
	opts.progress.done()
	if err := statsWriters[*format](e.stdout, s.report(results)); err != nil {
		return err
	}
	// The errors of invalid dumps, as validate prints them; the warnings
	// are in the figures, by code ('abstracts validate' shows where).
	if err := writeText(e.stderr, results); err != nil {
		return err
	}
	writeNotShown(e.stderr, results, showAll)
	fmt.Fprintln(e.stderr, summary(results))
	return resultsError(results)
}

// stats accumulates the figures of the valid records of every dump in one
// streaming pass. Its memory does not grow with the input's bytes: the
// lengths go into histograms bounded by the longest length, the listing
// labels and URL domains into maps of distinct values, and the papers into
// a map of 8-byte ids to 8-byte sightings (some 16 bytes of data a paper,
// 30 to 40 with the map's own overhead), which is what telling the papers
// seen in more than one dump takes.
type stats struct {
	papers    int
	withURLs  int
	withRepo  int
	urls      int
	titles    lengthHistogram
	abstracts lengthHistogram
	listings  map[listing]int
	domains   map[string]int
	seen      map[uint64]sighting
	shared    int         // papers seen in more than one dump
	examples  []sharedRef // the first statsSharedExamples of them

	warnings       int
	warningsByCode map[validate.Code]int
	idSeed         maphash.Seed
}

// listing is a listing label with its date, "" without --year.
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

func newStats() *stats {
	return &stats{
		listings:       make(map[listing]int),
		domains:        make(map[string]int),
		seen:           make(map[uint64]sighting),
		warningsByCode: make(map[validate.Code]int),
		idSeed:         maphash.MakeSeed(),
	}
}

// readDump reads the dump at path ("-" for stdin), the index-th of the
// command line, into s, and returns what reading it found. Its diagnostics
// are reduced to its errors: its warnings are counted by code into s.
func (s *stats) readDump(e env, path string, index int, opts readOptions) dumpResult {
	res, _ := readDump(e, path, opts, func(rec *schema.Record) error { // s.add never fails
		s.add(rec, index)
		return nil
	})
	errs := res.diagnostics[:0]
	for _, d := range res.diagnostics {
		if d.Severity == validate.Error {
			errs = append(errs, d)
		}
	}
	res.diagnostics = errs
	res.warningsNotShown = 0 // counted by code in the figures
	for code, n := range res.warningsByCode {
		s.warningsByCode[code] += n
	}
	s.warnings += res.warnings
	return res
}

// add counts one valid record of the dump with the given index.
func (s *stats) add(rec *schema.Record, dump int) {
	s.papers++
	s.titles.add(utf8.RuneCountInString(rec.Title))
	s.abstracts.add(utf8.RuneCountInString(rec.Abstract))
	s.listings[listing{rec.ListingLabel, rec.ListingDate}]++
	if len(rec.URLs) > 0 {
		s.withURLs++
	}
	if rec.GitHubRepo != "" {
		s.withRepo++
	}
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
			if len(s.examples) < statsSharedExamples {
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
func (s *stats) idKey(id string) uint64 {
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

// lengthHistogram counts small non-negative integers exactly: counts[n] is how
// many times n was added. Its memory grows with the largest value added
// (5000 for an abstract's length), never with how many were added, and it
// gives exact order statistics.
type lengthHistogram struct {
	counts []int64
	n      int64
}

func (h *lengthHistogram) add(v int) {
	if v < 0 {
		v = 0 // lengths are never negative
	}
	if v >= len(h.counts) {
		h.counts = append(h.counts, make([]int64, v+1-len(h.counts))...)
	}
	h.counts[v]++
	h.n++
}

// rank returns the r-th smallest value added, r counted from 1.
func (h *lengthHistogram) rank(r int64) int {
	var below int64
	for v, c := range h.counts {
		below += c
		if below >= r {
			return v
		}
	}
	return len(h.counts) - 1
}

// percentile returns the p-th percentile (0 < p <= 100) by the nearest-rank
// method: the smallest value that at least p percent of the values are
// less than or equal to, that is the ceil(p/100 * n)-th smallest. It is
// always one of the values added, and 0 when there are none.
func (h *lengthHistogram) percentile(p int) int {
	if h.n == 0 {
		return 0
	}
	r := (int64(p)*h.n + 99) / 100
	return h.rank(max(r, 1))
}

// summary returns the minimum, the median, the 95th percentile and the
// maximum, or nil when nothing was added. The median is the lower median,
// the nearest-rank 50th percentile: the middle value of an odd count, the
// smaller of the two middle values of an even one, so it is always a
// length that occurs.
func (h *lengthHistogram) summary() *lengthSummary {
	if h.n == 0 {
		return nil
	}
	return &lengthSummary{Min: h.rank(1), Median: h.percentile(50), P95: h.percentile(95), Max: h.rank(h.n)}
}

// lengthSummary describes lengths in characters (Unicode code points).
type lengthSummary struct {
	Min    int `json:"min"`
	Median int `json:"median"`
	P95    int `json:"p95"`
	Max    int `json:"max"`
}

// statsReport is the stats command's JSON document, and what the text
// table is made from. Its keys are stable; lists are in a fixed order.
type statsReport struct {
	Valid                bool              `json:"valid"`
	Papers               int               `json:"papers"`
	DistinctPapers       int               `json:"distinct_papers"`
	PapersWithURLs       int               `json:"papers_with_urls"`
	PapersWithGitHubRepo int               `json:"papers_with_github_repo"`
	PapersInSeveralDumps int               `json:"papers_in_several_dumps"`
	SharedPapers         []statsShared     `json:"shared_papers"`
	ListingDates         []statsListing    `json:"listing_dates"`
	TitleLength          *lengthSummary    `json:"title_length"`
	AbstractLength       *lengthSummary    `json:"abstract_length"`
	URLs                 int               `json:"urls"`
	TopDomains           []statsDomain     `json:"top_domains"`
	Warnings             int               `json:"warnings"`
	WarningsByCode       map[string]int    `json:"warnings_by_code"`
	Dumps                []statsDumpReport `json:"dumps"`
	Summary              string            `json:"summary"`
}

// statsShared is a paper seen in more than one dump: its id, its title as
// the second dump has it, the first two dumps it is in and how many.
type statsShared struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	In    []string `json:"in"`
	Dumps int      `json:"dumps"`
}

// statsListing is a listing label, its date (null without --year) and how
// many papers it lists.
type statsListing struct {
	Label  string  `json:"label"`
	Date   *string `json:"date"`
	Papers int     `json:"papers"`
}

type statsDomain struct {
	Domain string `json:"domain"`
	URLs   int    `json:"urls"`
}

type statsDumpReport struct {
	Path      string `json:"path"`
	Valid     bool   `json:"valid"`
	Papers    int    `json:"papers"`
	Errors    int    `json:"errors"`
	Warnings  int    `json:"warnings"`
	Stopped   bool   `json:"stopped"`
	ReadError string `json:"read_error,omitempty"`
}

// report returns the figures gathered from the dumps of results.
func (s *stats) report(results []dumpResult) *statsReport {
	rep := &statsReport{
		Valid:                true,
		Papers:               s.papers,
		DistinctPapers:       len(s.seen),
		PapersWithURLs:       s.withURLs,
		PapersWithGitHubRepo: s.withRepo,
		PapersInSeveralDumps: s.shared,
		SharedPapers:         []statsShared{},
		ListingDates:         []statsListing{},
		TitleLength:          s.titles.summary(),
		AbstractLength:       s.abstracts.summary(),
		URLs:                 s.urls,
		TopDomains:           []statsDomain{},
		Warnings:             s.warnings,
		WarningsByCode:       make(map[string]int, len(s.warningsByCode)),
		Dumps:                []statsDumpReport{},
		Summary:              summary(results),
	}
	for _, x := range s.examples {
		rep.SharedPapers = append(rep.SharedPapers, statsShared{ID: x.id, Title: x.title,
			In: []string{results[x.firstDump].path, results[x.secondDump].path}, Dumps: int(s.seen[x.key].dumps)})
	}
	for l, n := range s.listings {
		x := statsListing{Label: l.label, Papers: n}
		if l.date != "" {
			x.Date = &l.date
		}
		rep.ListingDates = append(rep.ListingDates, x)
	}
	slices.SortFunc(rep.ListingDates, compareListings)
	for d, n := range s.domains {
		rep.TopDomains = append(rep.TopDomains, statsDomain{d, n})
	}
	slices.SortFunc(rep.TopDomains, func(a, b statsDomain) int {
		if a.URLs != b.URLs {
			return b.URLs - a.URLs
		}
		return strings.Compare(a.Domain, b.Domain)
	})
	rep.TopDomains = rep.TopDomains[:min(len(rep.TopDomains), statsTopDomains)]
	for c, n := range s.warningsByCode {
		rep.WarningsByCode[string(c)] = n
	}
	for _, r := range results {
		d := statsDumpReport{Path: r.path, Valid: r.valid(), Papers: r.records, Errors: r.errors,
			Warnings: r.warnings, Stopped: r.stopped}
		if r.readErr != nil {
			d.ReadError = r.readErr.Error()
		}
		rep.Valid = rep.Valid && d.Valid
		rep.Dumps = append(rep.Dumps, d)
	}
	return rep
}

// compareListings orders listings by date: the date when there is one,
// else the day of the year the label names ("Mar 14"), then the label.
func compareListings(a, b statsListing) int {
	ad, bd := listingOrder(a), listingOrder(b)
	if ad != bd {
		return strings.Compare(ad, bd)
	}
	return strings.Compare(a.Label, b.Label)
}

// listingOrder returns a key that sorts listings by date.
func listingOrder(l statsListing) string {
	if l.Date != nil {
		return *l.Date
	}
	if t, err := time.Parse("Jan 2 2006", l.Label+" 2024"); err == nil { // 2024 has Feb 29
		return t.Format("01-02")
	}
	return "~" + l.Label // after the dates; not reached for valid records
}

// statsWriters write the report in each --output-format.
var statsWriters = map[string]func(io.Writer, *statsReport) error{
	"text": writeStatsText,
	"json": writeStatsJSON,
}

func writeStatsJSON(w io.Writer, rep *statsReport) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// writeStatsText writes the report as aligned tables, one per topic.
func writeStatsText(w io.Writer, rep *statsReport) error {
	var tables []textTable
	papers := textTable{{"papers", strconv.Itoa(rep.Papers), ""}}
	papers.add("  distinct", rep.DistinctPapers, "")
	papers.add("  in more than one dump", rep.PapersInSeveralDumps, "")
	papers.add("  with URLs", rep.PapersWithURLs, percentOf(rep.PapersWithURLs, rep.Papers))
	papers.add("  with a GitHub repository", rep.PapersWithGitHubRepo, percentOf(rep.PapersWithGitHubRepo, rep.Papers))
	papers.add("URLs", rep.URLs, "")
	papers.add("warnings", rep.Warnings, "")
	papers.add("dumps", len(rep.Dumps), fmt.Sprintf("%d invalid", countInvalidDumps(rep.Dumps)))
	tables = append(tables, papers)

	dumps := textTable{{"dump", "papers", "errors", "warnings", ""}}
	for _, d := range rep.Dumps {
		state := "valid"
		switch {
		case d.ReadError != "":
			state = "unreadable"
		case !d.Valid && d.Stopped:
			state = "invalid, stopped early"
		case !d.Valid:
			state = "invalid"
		}
		dumps = append(dumps, []string{"  " + validate.Printable(d.Path), strconv.Itoa(d.Papers), strconv.Itoa(d.Errors), strconv.Itoa(d.Warnings), state})
	}
	tables = append(tables, dumps)

	if len(rep.ListingDates) > 0 {
		dated := rep.ListingDates[0].Date != nil
		listings := textTable{{"listing", "papers"}}
		if dated {
			listings = textTable{{"listing", "date", "papers"}}
		}
		for _, l := range rep.ListingDates {
			row := []string{"  " + l.Label}
			if dated {
				row = append(row, dateText(l.Date))
			}
			listings = append(listings, append(row, strconv.Itoa(l.Papers)))
		}
		tables = append(tables, listings)
	}

	lengths := textTable{{"length (characters)", "min", "median", "p95", "max"}}
	for _, x := range []struct {
		name string
		s    *lengthSummary
	}{{"title", rep.TitleLength}, {"abstract", rep.AbstractLength}} {
		if x.s == nil {
			lengths = append(lengths, []string{"  " + x.name, "-", "-", "-", "-"})
			continue
		}
		lengths = append(lengths, []string{"  " + x.name, strconv.Itoa(x.s.Min), strconv.Itoa(x.s.Median),
			strconv.Itoa(x.s.P95), strconv.Itoa(x.s.Max)})
	}
	tables = append(tables, lengths)

	if len(rep.TopDomains) > 0 {
		domains := textTable{{"top URL domains", "URLs"}}
		for _, d := range rep.TopDomains {
			domains.add("  "+d.Domain, d.URLs)
		}
		tables = append(tables, domains)
	}

	if len(rep.SharedPapers) > 0 {
		shared := textTable{{"in more than one dump", "id", "dumps", "first in"}}
		for _, x := range rep.SharedPapers {
			shared = append(shared, []string{"  " + ellipsize(x.Title, 50), x.ID, strconv.Itoa(x.Dumps),
				validate.Printable(strings.Join(x.In, ", "))})
		}
		if more := rep.PapersInSeveralDumps - len(rep.SharedPapers); more > 0 {
			shared = append(shared, []string{fmt.Sprintf("  and %d more", more), "", "", ""})
		}
		tables = append(tables, shared)
	}

	if len(rep.WarningsByCode) > 0 {
		codes := textTable{{"warnings by code", "count"}}
		names := make([]string, 0, len(rep.WarningsByCode))
		for c := range rep.WarningsByCode {
			names = append(names, c)
		}
		slices.SortFunc(names, func(a, b string) int {
			if na, nb := rep.WarningsByCode[a], rep.WarningsByCode[b]; na != nb {
				return nb - na
			}
			return strings.Compare(a, b)
		})
		for _, c := range names {
			codes.add("  "+c, rep.WarningsByCode[c])
		}
		tables = append(tables, codes)
	}

	for i, t := range tables {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := t.write(w); err != nil {
			return err
		}
	}
	return nil
}

// textTable is rows of cells, written with two spaces between columns. A
// column whose cells below the first row are all numbers (or empty) is
// aligned right, any other left.
type textTable [][]string

// add appends a row of a label, a count and optional more cells.
func (t *textTable) add(label string, n int, more ...string) {
	*t = append(*t, append([]string{label, strconv.Itoa(n)}, more...))
}

func (t textTable) write(w io.Writer) error {
	var width []int
	var right []bool
	for k, row := range t {
		for i, c := range row {
			if i == len(width) {
				width, right = append(width, 0), append(right, i > 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
			if k > 0 && c != "" && !isCount(c) {
				right[i] = false
			}
		}
	}
	var b strings.Builder
	for _, row := range t {
		var line strings.Builder
		for i, c := range row {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if right[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// isCount reports whether a cell holds a count ("-" stands for none).
func isCount(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil || s == "-"
}

// percentOf returns "39.2%" for 20 of 51, and "" when there is no whole.
func percentOf(part, whole int) string {
	if whole == 0 {
		return ""
	}
	return strconv.FormatFloat(100*float64(part)/float64(whole), 'f', 1, 64) + "%"
}

// ellipsize cuts s to at most n characters, marking the cut with "…".
func ellipsize(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// dateText returns a listing date, or "" when there is none (no --year).
func dateText(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func countInvalidDumps(dumps []statsDumpReport) int {
	n := 0
	for _, d := range dumps {
		if !d.Valid {
			n++
		}
	}
	return n
}
