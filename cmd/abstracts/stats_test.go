package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/internal/stats"
	"github.com/abstracts-dev/abstracts/schema"
)

// TestStatsWarningsByCode checks that warnings are counted by code
// exactly, however many there are and however few are kept.
func TestStatsWarningsByCode(t *testing.T) {
	const papers = 1003
	var b strings.Builder
	b.WriteString("Mar 14\n\n")
	abstract := strings.Repeat("An abstract long enough for the schema. ", 4)
	for i := range papers {
		fmt.Fprintf(&b, "Paper %d\n\n%s \n\n", i, abstract) // a trailing space: one warning each
	}
	var stdout, stderr strings.Builder
	s := stats.New()
	res := readStatsDump(env{stdin: strings.NewReader(b.String()), stdout: &stdout, stderr: &stderr}, s, "-", 0,
		readOptions{maxErrors: 10})
	if !res.valid() || res.records != papers || res.warnings != papers {
		t.Fatalf("valid %v, records %d, warnings %d; want true, %d, %d (%v)", res.valid(), res.records, res.warnings, papers, papers, res.diagnostics)
	}
	rep := s.Report(statsDumps([]dumpResult{res}))
	if rep.Warnings != papers || rep.WarningsByCode["trailing-whitespace"] != papers {
		t.Errorf("warnings %d, by code %v; want %d of trailing-whitespace", rep.Warnings, rep.WarningsByCode, papers)
	}
}

// TestStatsTextCardFields checks the tables of upvotes, publication dates
// and organizations, which only records of some capture styles fill.
func TestStatsTextCardFields(t *testing.T) {
	s := stats.New()
	for i, up := range []int{4, 0, 12} {
		title := fmt.Sprintf("Paper %d", i)
		s.Add(&schema.Record{ID: schema.TitleID(title), Title: title, Abstract: strings.Repeat("a", 120),
			ListingLabel: "Mar 14", Upvotes: schema.Int(up), PublishedDate: "2024-03-1" + strconv.Itoa(i),
			Organization: "Org " + strconv.Itoa(i%2)}, 0)
	}
	var out strings.Builder
	if err := writeStatsText(&out, statsDocument{s.Report([]stats.Dump{{Path: "d.txt", Valid: true, Papers: 3}}), ""}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"upvotes      papers  min  median  p95  max\n  per paper       3    0       4   12   12\n",
		"published     papers\n  2024-03-10       1\n  2024-03-11       1\n  2024-03-12       1\n",
		"top organizations  papers\n  Org 0                 2\n  Org 1                 1\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text lacks\n%s\ngot\n%s", want, out.String())
		}
	}
}

// TestStatsPageData checks the counts of the page's own data in both
// renderings: in the papers table, all four (zeros too) when a paper
// carries any of it, and in the JSON each count that is not 0; a dump
// without that data shows none.
func TestStatsPageData(t *testing.T) {
	s := stats.New()
	for i := range 4 {
		title := fmt.Sprintf("Paper %d", i)
		r := &schema.Record{ID: schema.TitleID(title), Title: title, Abstract: strings.Repeat("a", 120), ListingLabel: "Mar 14"}
		switch i {
		case 0:
			r.Authors, r.AIKeywords, r.AISummary = []string{"Zoë Ó", "李明"}, []string{"rag"}, "A summary."
		case 1:
			r.Authors, r.AIKeywords = []string{}, []string{}
		case 2:
			r.Authors = []string{"Ann"}
		}
		s.Add(r, 0)
	}
	doc := statsDocument{s.Report([]stats.Dump{{Path: "api.json", Valid: true, Papers: 4}}), "1 dump"}
	var out strings.Builder
	if err := writeStatsText(&out, doc); err != nil {
		t.Fatal(err)
	}
	want := "  with a GitHub repository  0  0.0%\n" +
		"  with an authors list      3  75.0%\n" +
		"  with an AI summary        1  25.0%\n" +
		"  with AI keywords          2  50.0%\n" +
		"  with a project page       0  0.0%\n" +
		"URLs                        0\n"
	if !strings.Contains(out.String(), want) {
		t.Errorf("text lacks\n%s\ngot\n%s", want, out.String())
	}
	out.Reset()
	if err := writeStatsJSON(&out, doc); err != nil {
		t.Fatal(err)
	}
	want = "  \"papers_with_github_repo\": 0,\n  \"papers_with_authors\": 3,\n  \"papers_with_ai_summary\": 1,\n" +
		"  \"papers_with_ai_keywords\": 2,\n  \"papers_in_several_dumps\": 0,\n"
	if !strings.Contains(out.String(), want) {
		t.Errorf("JSON lacks\n%s\ngot\n%s", want, out.String())
	}

	plain := stats.New()
	plain.Add(&schema.Record{ID: schema.TitleID("P"), Title: "P", Abstract: strings.Repeat("a", 120), ListingLabel: "Mar 14"}, 0)
	doc = statsDocument{plain.Report([]stats.Dump{{Path: "d.txt", Valid: true, Papers: 1}}), "1 dump"}
	for _, write := range []func(io.Writer, statsDocument) error{writeStatsText, writeStatsJSON} {
		out.Reset()
		if err := write(&out, doc); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), "author") || strings.Contains(out.String(), "project") || strings.Contains(out.String(), "AI") ||
			strings.Contains(out.String(), "ai_") {
			t.Errorf("a dump without page data shows its counts:\n%s", out.String())
		}
	}
}
