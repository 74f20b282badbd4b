// Package report writes the figures and diagnostics of dumps as one
// self-contained HTML page: the dumps with their SHA-256 and validity, the
// diagnostics grouped by code with their source excerpts, charts drawn as
// inline SVG, and the figures of the stats command as tables.
//
// The page loads nothing (no script, style sheet, font or image from
// anywhere), needs no JavaScript, follows the reader's light or dark
// preference (prefers-color-scheme), prints in the light theme, and gives
// every chart a title, a description with its numbers and a table of them.
// The same input gives the same bytes.
//
// Its size is bounded whatever the number of papers: every list is a top-N
// (domains, organizations, shared papers), a binned distribution (at most
// about 50 bars per chart, dates per day, month or year as their span
// needs) or bounded by the calendar (at most 366 listing dates); the
// diagnostics are at most MaxExamples per code. What grows is only the
// number of dumps and of distinct codes.
package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/abstracts-dev/abstracts/internal/stats"
	"github.com/abstracts-dev/abstracts/validate"
)

// MaxExamples is how many diagnostics of each code the page shows with
// their source excerpt; all are counted.
const MaxExamples = 10

// Input is what a report shows.
type Input struct {
	// Stats is the figures of the dumps; its Dumps are the dumps, in order.
	Stats *stats.Report
	// Dumps holds what the page shows of each dump besides its figures,
	// in the order of Stats.Dumps.
	Dumps []Dump
	// Summary is the one-line summary of the run ("2 dumps, 1 invalid, …").
	Summary string
	// Version is the version of the tool, shown in the footer.
	Version string
	// DocsURL is the page documenting each diagnostic code, which has an
	// anchor per code ("…/docs/diagnostics.md").
	DocsURL string
}

// Dump is what the page shows of one dump besides its figures.
type Dump struct {
	// Style is the capture style the dump was read in ("text",
	// "markdown", …) and Kind the kind of listing it captured ("daily",
	// "search", …), each "" when not known; the page shows the columns
	// when a dump has them.
	Style, Kind string
	// SHA256 is the hex SHA-256 of the dump, "" when it was not read to
	// its end.
	SHA256 string
	// Diagnostics are those kept of the dump (see validate.Reader's
	// MaxErrors and MaxWarnings), in order.
	Diagnostics []Diagnostic
}

// Diagnostic is a diagnostic with the source line it points at.
type Diagnostic struct {
	*validate.Diagnostic
	// Source is the source line and a caret under the column, as the
	// terminal view of validate shows them below the one-line form (without
	// color): " 12 | line\n    |   ^\n", control characters escaped and a
	// long line cut around the column; "" when the line is not known.
	Source string
}

//go:embed page.html.tmpl
var pageTemplate string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"n": func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
}).Parse(pageTemplate))

// Write writes the page of in to w.
func Write(w io.Writer, in Input) error {
	bw := bufio.NewWriter(w)
	if err := page.Execute(bw, build(in)); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// view is the page's data, every figure already formatted.
type view struct {
	Title     string
	Summary   string
	Valid     bool
	Version   string
	LightCSS  template.CSS
	DarkCSS   template.CSS
	Dumps     []dumpRow
	Styled    bool // a dump's style or listing kind is known
	Overview  table
	Lengths   table
	Warnings  table
	Listings  chart
	Published *chart
	TitleLen  chart
	AbsLen    chart
	Upvotes   *chart
	Domains   chart
	Orgs      *chart
	Shared    table
	// SharedChart counts the papers by how many dumps they are in, when
	// there are several dumps.
	SharedChart *chart
	SharedN     int
	Groups      []group
}

type dumpRow struct {
	Path, Style, Kind, SHA256, State, StateClass string
	Papers, Errors, Warnings                     int
	ReadError                                    string
}

// group is the diagnostics of one code.
type group struct {
	Code, Severity, Meaning, Link string
	Count                         int // found, in every dump
	Shown                         []example
	More                          int // found but not shown
}

type example struct {
	Pos, Message string
	// The source view, cut at its caret (the last "^"), so that the caret
	// can be coloured; HasSource false when there is none.
	HasSource               bool
	BeforeCaret, AfterCaret string
}

func build(in Input) view {
	rep := in.Stats
	v := view{
		Title:    fmt.Sprintf("abstracts report: %s", plural(len(rep.Dumps), "dump")),
		Summary:  in.Summary,
		Valid:    rep.Valid,
		Version:  in.Version,
		LightCSS: template.CSS(lightPalette.css()),
		DarkCSS:  template.CSS(darkPalette.css()),
	}
	for i, d := range rep.Dumps {
		row := dumpRow{Path: validate.Printable(d.Path), Papers: d.Papers, Errors: d.Errors, Warnings: d.Warnings,
			State: "valid", StateClass: "ok", ReadError: validate.Printable(d.ReadError)}
		switch {
		case d.ReadError != "":
			row.State, row.StateClass = "unreadable", "err"
		case !d.Valid && d.Stopped:
			row.State, row.StateClass = "invalid, stopped early", "err"
		case !d.Valid:
			row.State, row.StateClass = "invalid", "err"
		}
		if i < len(in.Dumps) {
			row.SHA256, row.Style, row.Kind = in.Dumps[i].SHA256, in.Dumps[i].Style, in.Dumps[i].Kind
			v.Styled = v.Styled || row.Style != "" || row.Kind != ""
		}
		v.Dumps = append(v.Dumps, row)
	}
	v.Overview = overview(rep)
	v.Lengths = lengthsTable(rep)
	v.Warnings = warningsTable(rep)
	v.Listings = listingChart(rep)
	if len(rep.PublicationDates) > 0 {
		c := columnChart("chart-published", "Papers per publication date", "papers",
			[]string{"published", "papers"}, dateBins(rep.PublicationDates), nil)
		v.Published = &c
	}
	bins, med, p95 := lengthBins(rep.TitleLengths)
	v.TitleLen = columnChart("chart-title-length", "Title length (characters)", "papers",
		[]string{"characters", "papers"}, bins, summaryMarks(rep.TitleLength, med, p95))
	bins, med, p95 = lengthBins(rep.AbstractLengths)
	v.AbsLen = columnChart("chart-abstract-length", "Abstract length (characters)", "papers",
		[]string{"characters", "papers"}, bins, summaryMarks(rep.AbstractLength, med, p95))
	if rep.Upvotes != nil {
		bins, med, p95 = countBins(rep.UpvoteCounts)
		c := columnChart("chart-upvotes", "Upvotes per paper", "papers",
			[]string{"upvotes", "papers"}, bins, summaryMarks(rep.Upvotes, med, p95))
		v.Upvotes = &c
	}
	var names []string
	var counts []int
	for _, d := range rep.TopDomains {
		names, counts = append(names, d.Domain), append(counts, d.URLs)
	}
	v.Domains = barChart("chart-domains", fmt.Sprintf("Top URL domains (at most %d)", stats.TopDomains), "URLs",
		[]string{"domain", "URLs"}, names, counts)
	if len(rep.TopOrganizations) > 0 {
		names, counts = nil, nil
		for _, o := range rep.TopOrganizations {
			names, counts = append(names, o.Name), append(counts, o.Papers)
		}
		c := barChart("chart-organizations", fmt.Sprintf("Top organizations (at most %d)", stats.TopOrganizations),
			"papers", []string{"organization", "papers"}, names, counts)
		v.Orgs = &c
	}
	if len(rep.Dumps) > 1 && rep.DistinctPapers > 0 {
		var bins []bin
		for n := 1; n < len(rep.PapersByDumps); n++ {
			bins = append(bins, bin{plural(n, "dump"), int64(rep.PapersByDumps[n])})
		}
		c := columnChart("chart-shared", "Distinct papers by the number of dumps they are in", "papers",
			[]string{"in", "papers"}, bins, nil)
		v.SharedChart = &c
	}
	v.SharedN = rep.PapersInSeveralDumps
	v.Shared = table{Caption: "Papers in more than one dump", Header: []string{"title", "id", "dumps", "first in"},
		Numeric: []bool{false, false, true, false}}
	for _, x := range rep.SharedPapers {
		in := make([]string, len(x.In))
		for i, p := range x.In {
			in[i] = validate.Printable(p)
		}
		v.Shared.Rows = append(v.Shared.Rows, []string{x.Title, x.ID, strconv.Itoa(x.Dumps), strings.Join(in, ", ")})
	}
	v.Groups = groups(in)
	return v
}

// summaryMarks returns the median and p95 marks of a histogram.
func summaryMarks(s *stats.Summary, median, p95 int) []mark {
	if s == nil {
		return nil
	}
	return []mark{{median, "median", "median " + strconv.Itoa(s.Median)}, {p95, "p95", "p95 " + strconv.Itoa(s.P95)}}
}

func overview(rep *stats.Report) table {
	invalid := 0
	for _, d := range rep.Dumps {
		if !d.Valid {
			invalid++
		}
	}
	t := table{Caption: "Papers", Header: []string{"figure", "count", "share"}, Numeric: []bool{false, true, true}}
	add := func(name string, n int, share string) {
		t.Rows = append(t.Rows, []string{name, strconv.Itoa(n), share})
	}
	add("papers", rep.Papers, "")
	add("distinct papers", rep.DistinctPapers, "")
	add("in more than one dump", rep.PapersInSeveralDumps, "")
	add("with URLs", rep.PapersWithURLs, pct(rep.PapersWithURLs, rep.Papers))
	add("with a GitHub repository", rep.PapersWithGitHubRepo, pct(rep.PapersWithGitHubRepo, rep.Papers))
	if rep.Upvotes != nil {
		add("with upvotes", rep.PapersWithUpvotes, pct(rep.PapersWithUpvotes, rep.Papers))
	}
	if rep.PageData.Any() { // dumps of the page's own data: all four, zeros too
		add("with an authors list", rep.PapersWithAuthors, pct(rep.PapersWithAuthors, rep.Papers))
		add("with an AI summary", rep.PapersWithAISummary, pct(rep.PapersWithAISummary, rep.Papers))
		add("with AI keywords", rep.PapersWithAIKeywords, pct(rep.PapersWithAIKeywords, rep.Papers))
		add("with a project page", rep.PapersWithProjectPage, pct(rep.PapersWithProjectPage, rep.Papers))
	}
	add("URLs", rep.URLs, "")
	add("warnings", rep.Warnings, "")
	add("dumps", len(rep.Dumps), "")
	add("invalid dumps", invalid, "")
	return t
}

func lengthsTable(rep *stats.Report) table {
	t := table{Caption: "Lengths in characters, and upvotes", Header: []string{"", "min", "median", "p95", "max"},
		Numeric: []bool{false, true, true, true, true}}
	for _, x := range []struct {
		name string
		s    *stats.Summary
	}{{"title", rep.TitleLength}, {"abstract", rep.AbstractLength}, {"upvotes", rep.Upvotes}} {
		switch {
		case x.s != nil:
			t.Rows = append(t.Rows, []string{x.name, strconv.Itoa(x.s.Min), strconv.Itoa(x.s.Median),
				strconv.Itoa(x.s.P95), strconv.Itoa(x.s.Max)})
		case x.name != "upvotes":
			t.Rows = append(t.Rows, []string{x.name, "-", "-", "-", "-"})
		}
	}
	return t
}

func warningsTable(rep *stats.Report) table {
	t := table{Caption: "Warnings by code", Header: []string{"code", "count"}, Numeric: []bool{false, true}}
	for _, c := range rep.WarningCodes() {
		t.Rows = append(t.Rows, []string{c, strconv.Itoa(rep.WarningsByCode[c])})
	}
	return t
}

// listingChart draws the papers per listing: over time, the days without
// papers included, when every listing has a date (--year), else one bar
// per listing label in calendar order (papers of pages without a date
// line, search and trending, in a bar of their own).
func listingChart(rep *stats.Report) chart {
	dated := len(rep.ListingDates) > 0
	var dates []stats.Date
	var bins []bin
	for _, l := range rep.ListingDates {
		if l.Date == nil {
			dated = false
		} else {
			dates = append(dates, stats.Date{Date: *l.Date, Papers: l.Papers})
		}
		label := l.Label
		if label == "" {
			label = "no date line" // search and trending pages
		}
		bins = append(bins, bin{label, int64(l.Papers)})
	}
	if dated {
		bins = dateBins(dates)
	}
	return columnChart("chart-listings", "Papers per listing date", "papers", []string{"listing", "papers"}, bins, nil)
}

// groups gathers the diagnostics of every dump by code: the codes in the
// order of validate.Codes (errors first), each with how many were found and
// at most MaxExamples of them.
func groups(in Input) []group {
	byCode := map[validate.Code]*group{}
	errorsFound := map[validate.Code]int{}
	for i, d := range in.Dumps {
		for _, x := range d.Diagnostics {
			g := byCode[x.Code]
			if g == nil {
				g = &group{Code: string(x.Code), Severity: x.Severity.String(), Link: in.DocsURL + "#" + string(x.Code)}
				byCode[x.Code] = g
			}
			if x.Severity == validate.Error {
				errorsFound[x.Code]++ // every error is kept: reading stops at --max-errors
			}
			if len(g.Shown) < MaxExamples {
				g.Shown = append(g.Shown, newExample(x))
			}
		}
		if i < len(in.Stats.Dumps) {
			for c := range in.Stats.Dumps[i].WarningsByCode {
				if byCode[c] == nil { // warnings found but none kept
					byCode[c] = &group{Code: string(c), Severity: validate.Warning.String(), Link: in.DocsURL + "#" + string(c)}
				}
			}
		}
	}
	var out []group
	seen := map[validate.Code]bool{}
	order := func(c validate.Code, meaning string) {
		g := byCode[c]
		if g == nil || seen[c] {
			return
		}
		seen[c] = true
		g.Meaning = meaning
		g.Count = errorsFound[c]
		if g.Severity == validate.Warning.String() {
			g.Count = in.Stats.WarningsByCode[string(c)]
		}
		g.Count = max(g.Count, len(g.Shown))
		g.More = g.Count - len(g.Shown)
		out = append(out, *g)
	}
	for _, info := range validate.Codes {
		order(info.Code, info.Meaning)
	}
	rest := make([]validate.Code, 0, len(byCode))
	for c := range byCode {
		rest = append(rest, c)
	}
	slices.Sort(rest)
	for _, c := range rest { // codes validate.Codes does not document: not reached
		order(c, "")
	}
	return out
}

func newExample(d Diagnostic) example {
	x := example{Pos: d.Pos.String(), Message: validate.Printable(d.Message)}
	src := strings.TrimRight(d.Source, "\n")
	if i := strings.LastIndexByte(src, '^'); i >= 0 {
		x.HasSource, x.BeforeCaret, x.AfterCaret = true, src[:i], src[i+1:]
	}
	return x
}

// plural returns "1 dump" or "2 dumps".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
