package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/abstracts-dev/abstracts/internal/diff"
	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

// diffMaxErrors is validate's default --max-errors: the errors of a dump
// reported before reading it stops. diff has no flag for it, as any error
// stops the comparison.
const diffMaxErrors = 100

// runDiff compares the papers of OLD and NEW, matched by id, and reports
// those added, removed and changed. Each side is one dump or several
// (--old and --new take comma-separated lists and may be repeated); a paper
// found in more than one dump of a side is compared as its first copy, and
// later copies are ignored. Every dump is read and validated as validate
// does; if one is invalid or cannot be read, its diagnostics go to stderr
// and nothing is compared (exit 2). Otherwise the exit status is 0 when the
// sides hold the same papers with the same content, and 1 when they
// differ: the same titles, abstracts and URLs, and between two cards of
// captures the same card fields (package diff says which), and with
// --counts the same upvotes, comments and GitHub stars. Per paper only its
// id, title, URLs, card fields, position and a SHA-256 of its abstract are
// kept (see package diff), so memory grows with the number of papers, not
// with the size of the dumps.
func runDiff(e env, args []string) error {
	fs := newFlags("diff")
	format := newChoiceFlag(fs, "output-format", []string{"text", "json"}, "differences as `text` or json")
	year := newYearFlag(fs, "read listing labels as dates of this `YYYY`, as validate does (listing dates are not compared)")
	counts := fs.Bool("counts", false, "compare the counts that change by the minute too: upvotes, comments, github_stars")
	style := newStyleFlag(fs)
	listingDate := newListingDateFlag(fs)
	oldFlag := fs.StringSlice("old", nil, "the old side: dumps `DUMP,...` read as one, instead of OLD (repeatable)")
	newFlag := fs.StringSlice("new", nil, "the new side: dumps `DUMP,...` read as one, instead of NEW (repeatable)")
	if done, err := parseFlags(e, fs, args); done {
		return err
	}
	oldPaths, newPaths, err := diffSides(fs.Args(), *oldFlag, fs.Changed("old"), *newFlag, fs.Changed("new"))
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	if countStdin(oldPaths)+countStdin(newPaths) > 1 {
		return usagef("standard input (-) can be read only once")
	}

	opts := readOptions{year: *year, style: *style, listingDate: listingDate, maxErrors: diffMaxErrors}
	var results []dumpResult
	read := func(paths []string) *diff.Set {
		set := new(diff.Set)
		add := func(rec *schema.Record) error {
			set.Add(rec)
			return nil
		}
		for _, path := range paths {
			res, _ := readDump(e, path, opts, add) // add never fails
			results = append(results, res)
		}
		return set
	}
	oldSet, newSet := read(oldPaths), read(newPaths)
	if exitStatus(results) != exitOK {
		reportInvalid(e, results)
		return withStatus(exitTrouble, resultsError(results))
	}

	res := diff.Compare(oldSet, newSet, diff.Options{Counts: *counts})
	if err := diffReporters[*format](e.stdout, oldPaths, newPaths, &res); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, diffSummary(&res))
	if res.Same() {
		return nil
	}
	return withStatus(exitInvalid, nil) // diff(1)'s 1: the sides differ
}

// diffSides returns the dumps of each side: the two positional arguments
// OLD NEW, or the --old and --new lists, or one list and one positional
// argument for the other side.
func diffSides(args, oldList []string, oldSet bool, newList []string, newSet bool) (oldPaths, newPaths []string, err error) {
	switch {
	case oldSet && newSet:
		if len(args) > 0 {
			return nil, nil, fmt.Errorf("with --old and --new, no other dump is expected (got %s)", joinPaths(args))
		}
		oldPaths, newPaths = oldList, newList
	case oldSet:
		if len(args) != 1 {
			return nil, nil, fmt.Errorf("with --old, give NEW as the one other argument (got %d)", len(args))
		}
		oldPaths, newPaths = oldList, args
	case newSet:
		if len(args) != 1 {
			return nil, nil, fmt.Errorf("with --new, give OLD as the one other argument (got %d)", len(args))
		}
		oldPaths, newPaths = args, newList
	default:
		if len(args) != 2 {
			return nil, nil, fmt.Errorf("want two dumps, OLD and NEW, got %d (or use --old and --new lists)", len(args))
		}
		oldPaths, newPaths = args[:1], args[1:]
	}
	for _, side := range []struct {
		flag  string
		paths []string
	}{{"--old", oldPaths}, {"--new", newPaths}} {
		if len(side.paths) == 0 {
			return nil, nil, fmt.Errorf("%s: no dump given (a path, or - for standard input)", side.flag)
		}
		for _, p := range side.paths {
			if p == "" {
				return nil, nil, fmt.Errorf("%s: empty path in the list", side.flag)
			}
		}
	}
	return oldPaths, newPaths, nil
}

// reportInvalid writes to stderr what validate writes about the dumps that
// are invalid: their diagnostics in the text form, what was not shown, and
// the summary line. The errors of the dumps that could not be read are
// returned, and printed by run.
func reportInvalid(e env, results []dumpResult) {
	var invalid []dumpResult
	for _, r := range results {
		if !r.valid() {
			invalid = append(invalid, r)
		}
	}
	_ = writeText(e.stderr, invalid) // stderr: nowhere to report a failure
	writeNotShown(e.stderr, invalid, "abstracts validate --max-errors 0 shows all")
	fmt.Fprintln(e.stderr, summary(results))
}

// diffSummary is the line that goes to standard error after a comparison.
func diffSummary(res *diff.Result) string {
	if res.Same() {
		return "no differences"
	}
	return fmt.Sprintf("%d added, %d removed, %d changed", len(res.Added), len(res.Removed), len(res.Changed))
}

// diffReporters write a comparison in each --output-format.
var diffReporters = map[string]func(w io.Writer, oldPaths, newPaths []string, res *diff.Result) error{
	"text": writeDiffText,
	"json": writeDiffJSON,
}

// writeDiffText writes one line per difference: removed papers as
// "- PATH:LINE: TITLE" at their place in OLD, then added ones as
// "+ PATH:LINE: TITLE" and changed ones as "~ PATH:LINE: TITLE (FIELDS)" at
// their place in NEW. Each kind comes in the order of the dumps its lines
// point into. FIELDS names the fields that changed; a field of the card
// comes with its old and new value as the record's JSON writes them
// ("upvotes 101 -> 120", "published_date "2026-05-29" -> null").
func writeDiffText(w io.Writer, _, _ []string, res *diff.Result) error {
	bw := bufio.NewWriter(w)
	for _, p := range res.Removed {
		fmt.Fprintf(bw, "- %s:%d: %s\n", validate.Printable(p.Source), p.Line, p.Title)
	}
	for _, p := range res.Added {
		fmt.Fprintf(bw, "+ %s:%d: %s\n", validate.Printable(p.Source), p.Line, p.Title)
	}
	for _, c := range res.Changed {
		fields := make([]string, len(c.Fields))
		for i, f := range c.Fields {
			fields[i] = string(f)
			if f.OfCard() {
				was, err := jsonValue(c.Old.Value(f))
				if err != nil {
					return err
				}
				now, err := jsonValue(c.New.Value(f))
				if err != nil {
					return err
				}
				fields[i] = fmt.Sprintf("%s %s -> %s", f, was, now)
			}
		}
		fmt.Fprintf(bw, "~ %s:%d: %s (%s)\n", validate.Printable(c.New.Source), c.New.Line, c.New.Title, strings.Join(fields, ", "))
	}
	return bw.Flush() // a bufio.Writer keeps the first write error
}

// jsonValue returns v as the record's JSON writes it: without HTML
// escaping, control characters escaped.
func jsonValue(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

type diffReport struct {
	Old     []string         `json:"old"`
	New     []string         `json:"new"`
	Added   []diffJSONPaper  `json:"added"`
	Removed []diffJSONPaper  `json:"removed"`
	Changed []diffJSONChange `json:"changed"`
	Summary diffJSONSummary  `json:"summary"`
}

type diffJSONPaper struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Line   int    `json:"line"`
}

type diffJSONChange struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"` // NEW's
	Fields []diff.Field  `json:"fields"`
	Old    diffJSONPlace `json:"old"`
	New    diffJSONPlace `json:"new"`
}

// diffJSONPlace is one side of a change: where the paper is on that side,
// its title when the title changed (OLD's only: NEW's is the change's),
// and the value of each field of the card that changed.
type diffJSONPlace struct {
	Source string
	Line   int
	Title  string
	Values []diffJSONValue // in the order of the change's fields
}

type diffJSONValue struct {
	field diff.Field
	value any
}

// MarshalJSON writes the place as an object of source, line, title when
// there is one, and then each value under its field's name, in that order.
func (p diffJSONPlace) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	member := func(name string, v any) error {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		key, err := jsonValue(name)
		if err != nil {
			return err
		}
		value, err := jsonValue(v)
		if err != nil {
			return err
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(value)
		return nil
	}
	if err := member("source", p.Source); err != nil {
		return nil, err
	}
	if err := member("line", p.Line); err != nil {
		return nil, err
	}
	if p.Title != "" {
		if err := member("title", p.Title); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Values {
		if err := member(string(v.field), v.value); err != nil {
			return nil, err
		}
	}
	return append(append([]byte{'{'}, b.Bytes()...), '}'), nil
}

type diffJSONSummary struct {
	Added     int `json:"added"`
	Removed   int `json:"removed"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
}

// writeDiffJSON writes the comparison as one JSON document, the lists in
// the order writeDiffText uses.
func writeDiffJSON(w io.Writer, oldPaths, newPaths []string, res *diff.Result) error {
	rep := diffReport{
		Old: oldPaths, New: newPaths,
		Added: jsonPapers(res.Added), Removed: jsonPapers(res.Removed),
		Changed: make([]diffJSONChange, 0, len(res.Changed)),
		Summary: diffJSONSummary{len(res.Added), len(res.Removed), len(res.Changed), res.Unchanged},
	}
	for _, c := range res.Changed {
		ch := diffJSONChange{ID: c.New.ID, Title: c.New.Title, Fields: c.Fields,
			Old: diffJSONPlace{Source: c.Old.Source, Line: c.Old.Line},
			New: diffJSONPlace{Source: c.New.Source, Line: c.New.Line}}
		if c.Old.Title != c.New.Title {
			ch.Old.Title = c.Old.Title
		}
		for _, f := range c.Fields {
			if f.OfCard() {
				ch.Old.Values = append(ch.Old.Values, diffJSONValue{f, c.Old.Value(f)})
				ch.New.Values = append(ch.New.Values, diffJSONValue{f, c.New.Value(f)})
			}
		}
		rep.Changed = append(rep.Changed, ch)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

func jsonPapers(papers []diff.Paper) []diffJSONPaper {
	out := make([]diffJSONPaper, 0, len(papers))
	for _, p := range papers {
		out = append(out, diffJSONPaper{p.ID, p.Title, p.Source, p.Line})
	}
	return out
}
