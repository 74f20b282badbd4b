package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/internal/stats"
	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

func runStats(e env, args []string) error {
	fs := newFlags("stats")
	format := newChoiceFlag(fs, "output-format", []string{"text", "json"}, "the figures as a `text` table or one json document")
	year := newYearFlag(fs, yearUsage)
	style := newStyleFlag(fs)
	listingDate := newListingDateFlag(fs)
	maxErrors := newCountFlag(fs, "max-errors", 100, "stop reading a dump after `N` errors (0: no limit)")
	quiet := fs.BoolP("quiet", "q", false, "show no progress bar, even on a terminal")
	if done, err := parseFlags(e, fs, args); done {
		return err
	}
	switch {
	case fs.NArg() == 0:
		return usagef("no dump given (a path, or - for standard input)")
	case countStdin(fs.Args()) > 1:
		return usagef("standard input (-) can be read only once")
	}
	opts := readOptions{year: *year, style: *style, listingDate: listingDate, maxErrors: *maxErrors, progress: newProgress(e, fs.Args(), *quiet)}
	s := stats.New()
	var results []dumpResult
	for i, path := range fs.Args() {
		res := readStatsDump(e, s, path, i, opts)
		res.diagnostics = onlyErrors(res.diagnostics)
		res.warningsNotShown = 0 // counted by code in the figures
		results = append(results, res)
	}
	opts.progress.done()
	if err := statsWriters[*format](e.stdout, statsDocument{s.Report(statsDumps(results)), summary(results)}); err != nil {
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

// readStatsDump reads the dump at path ("-" for stdin), the index-th of
// the command line, adding its valid records to s, and returns what
// reading it found.
func readStatsDump(e env, s *stats.Stats, path string, index int, opts readOptions) dumpResult {
	res, _ := readDump(e, path, opts, func(rec *schema.Record) error { // s.Add never fails
		s.Add(rec, index)
		return nil
	})
	return res
}

// onlyErrors returns the errors of diags, in place.
func onlyErrors(diags validate.List) validate.List {
	errs := diags[:0]
	for _, d := range diags {
		if d.Severity == validate.Error {
			errs = append(errs, d)
		}
	}
	return errs
}

// statsDumps returns the dumps of results as the stats package takes them.
func statsDumps(results []dumpResult) []stats.Dump {
	dumps := make([]stats.Dump, len(results))
	for i, r := range results {
		dumps[i] = stats.Dump{Path: r.path, Valid: r.valid(), Papers: r.records, Errors: r.errors,
			Warnings: r.warnings, Stopped: r.stopped, WarningsByCode: r.warningsByCode}
		if r.readErr != nil {
			dumps[i].ReadError = r.readErr.Error()
		}
	}
	return dumps
}

// statsDocument is the stats command's JSON document: the figures, then
// the summary line.
type statsDocument struct {
	*stats.Report
	Summary string `json:"summary"`
}

// statsWriters write the report in each --output-format.
var statsWriters = map[string]func(io.Writer, statsDocument) error{
	"text": writeStatsText,
	"json": writeStatsJSON,
}

func writeStatsJSON(w io.Writer, rep statsDocument) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// writeStatsText writes the report as aligned tables, one per topic.
func writeStatsText(w io.Writer, rep statsDocument) error {
	var tables []textTable
	papers := textTable{{"papers", strconv.Itoa(rep.Papers), ""}}
	papers.add("  distinct", rep.DistinctPapers, "")
	papers.add("  in more than one dump", rep.PapersInSeveralDumps, "")
	papers.add("  with URLs", rep.PapersWithURLs, percentOf(rep.PapersWithURLs, rep.Papers))
	papers.add("  with a GitHub repository", rep.PapersWithGitHubRepo, percentOf(rep.PapersWithGitHubRepo, rep.Papers))
	if rep.PageData.Any() { // dumps of the page's own data: all four, zeros too
		papers.add("  with an authors list", rep.PapersWithAuthors, percentOf(rep.PapersWithAuthors, rep.Papers))
		papers.add("  with an AI summary", rep.PapersWithAISummary, percentOf(rep.PapersWithAISummary, rep.Papers))
		papers.add("  with AI keywords", rep.PapersWithAIKeywords, percentOf(rep.PapersWithAIKeywords, rep.Papers))
		papers.add("  with a project page", rep.PapersWithProjectPage, percentOf(rep.PapersWithProjectPage, rep.Papers))
	}
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
		s    *stats.Summary
	}{{"title", rep.TitleLength}, {"abstract", rep.AbstractLength}} {
		if x.s == nil {
			lengths = append(lengths, []string{"  " + x.name, "-", "-", "-", "-"})
			continue
		}
		lengths = append(lengths, []string{"  " + x.name, strconv.Itoa(x.s.Min), strconv.Itoa(x.s.Median),
			strconv.Itoa(x.s.P95), strconv.Itoa(x.s.Max)})
	}
	tables = append(tables, lengths)

	if rep.Upvotes != nil {
		u := rep.Upvotes
		tables = append(tables, textTable{{"upvotes", "papers", "min", "median", "p95", "max"},
			{"  per paper", strconv.Itoa(rep.PapersWithUpvotes), strconv.Itoa(u.Min), strconv.Itoa(u.Median),
				strconv.Itoa(u.P95), strconv.Itoa(u.Max)}})
	}

	if len(rep.PublicationDates) > 0 {
		published := textTable{{"published", "papers"}}
		for _, d := range rep.PublicationDates {
			published.add("  "+d.Date, d.Papers)
		}
		tables = append(tables, published)
	}

	if len(rep.TopDomains) > 0 {
		domains := textTable{{"top URL domains", "URLs"}}
		for _, d := range rep.TopDomains {
			domains.add("  "+d.Domain, d.URLs)
		}
		tables = append(tables, domains)
	}

	if len(rep.TopOrganizations) > 0 {
		orgs := textTable{{"top organizations", "papers"}}
		for _, o := range rep.TopOrganizations {
			orgs.add("  "+o.Name, o.Papers)
		}
		tables = append(tables, orgs)
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
		for _, c := range rep.WarningCodes() {
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

func countInvalidDumps(dumps []stats.Dump) int {
	n := 0
	for _, d := range dumps {
		if !d.Valid {
			n++
		}
	}
	return n
}
