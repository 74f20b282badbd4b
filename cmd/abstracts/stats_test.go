package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/schema"
)

// TestHistogram checks the order statistics on hand-worked cases: the
// median is the lower median (the ceil(n/2)-th smallest) and p95 the
// nearest rank, the ceil(0.95*n)-th smallest.
func TestHistogram(t *testing.T) {
	tests := []struct {
		name   string
		values []int
		want   *lengthSummary
	}{
		{"none", nil, nil},
		{"one", []int{7}, &lengthSummary{7, 7, 7, 7}},
		{"zero", []int{0, 0, 3}, &lengthSummary{0, 0, 3, 3}},
		// Odd count: the middle one; p95 rank ceil(4.75) = 5.
		{"odd", []int{5, 1, 4, 2, 3}, &lengthSummary{1, 3, 5, 5}},
		// Even count: the lower of the two middle ones (2, not 2.5).
		{"even", []int{4, 3, 2, 1}, &lengthSummary{1, 2, 4, 4}},
		{"even two", []int{10, 20}, &lengthSummary{10, 10, 20, 20}},
		{"ties", []int{5, 5, 7, 5}, &lengthSummary{5, 5, 7, 7}},
		// 20 values: p95 rank is exactly 19; the median rank 10.
		{"1..20", seq(1, 20), &lengthSummary{1, 10, 19, 20}},
		// 21 values: p95 rank ceil(19.95) = 20; the median rank 11.
		{"1..21", seq(1, 21), &lengthSummary{1, 11, 20, 21}},
		// 100 values: ranks 50 and 95 exactly.
		{"1..100", seq(1, 100), &lengthSummary{1, 50, 95, 100}},
		// 101 values: ranks 51 and ceil(95.95) = 96.
		{"0..100", seq(0, 100), &lengthSummary{0, 50, 95, 100}},
		{"longest abstract", []int{schema.MaxAbstractLen, schema.MinAbstractLen}, &lengthSummary{100, 100, 5000, 5000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h lengthHistogram
			for _, v := range tt.values {
				h.add(v)
			}
			got := h.summary()
			if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
				t.Errorf("summary of %v = %+v, want %+v", tt.values, got, tt.want)
			}
		})
	}
}

func seq(from, to int) []int {
	var s []int
	for v := from; v <= to; v++ {
		s = append(s, v)
	}
	return s
}

// TestHistogramMatchesSorting compares every percentile with the nearest
// rank taken from the sorted values, for random counts odd and even.
func TestHistogramMatchesSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		n := 1 + rng.IntN(300)
		values := make([]int, n)
		var h lengthHistogram
		for i := range values {
			values[i] = rng.IntN(1 + rng.IntN(schema.MaxAbstractLen))
			h.add(values[i])
		}
		slices.Sort(values)
		for p := 1; p <= 100; p++ {
			rank := (p*n + 99) / 100 // ceil(p*n/100), at least 1 since p, n >= 1
			if got, want := h.percentile(p), values[rank-1]; got != want {
				t.Fatalf("n=%d p=%d: percentile = %d, want %d (sorted %v)", n, p, got, want, values)
			}
		}
		s := h.summary()
		if s.Min != values[0] || s.Max != values[n-1] || s.Median != values[(n+1)/2-1] {
			t.Fatalf("n=%d: summary %+v, want min %d, lower median %d, max %d", n, *s, values[0], values[(n+1)/2-1], values[n-1])
		}
	}
}

// TestStatsShared checks the count of papers seen in more than one dump: a
// paper twice in one dump (which the Reader reports, not returns) is not
// shared; one in three dumps counts once, with three dumps.
func TestStatsShared(t *testing.T) {
	s := newStats()
	rec := func(title string, urls ...string) *schema.Record {
		return &schema.Record{ID: schema.TitleID(title), Title: title, Abstract: strings.Repeat("a", 120),
			ListingLabel: "Mar 14", URLs: urls}
	}
	s.add(rec("A", "https://GitHub.com/x/y", "https://arxiv.org/abs/1"), 0)
	s.add(rec("A"), 0)
	s.add(rec("B"), 0)
	s.add(rec("A"), 1)
	s.add(rec("a"), 2) // same id: case is folded
	s.add(rec("C", "https://github.com/z"), 2)
	rep := s.report([]dumpResult{{path: "one"}, {path: "two"}, {path: "three"}})
	if rep.Papers != 6 || rep.DistinctPapers != 3 || rep.PapersInSeveralDumps != 1 {
		t.Errorf("papers %d, distinct %d, in several dumps %d; want 6, 3, 1", rep.Papers, rep.DistinctPapers, rep.PapersInSeveralDumps)
	}
	want := statsShared{ID: schema.TitleID("A"), Title: "A", In: []string{"one", "two"}, Dumps: 3}
	if len(rep.SharedPapers) != 1 || rep.SharedPapers[0].ID != want.ID || rep.SharedPapers[0].Dumps != 3 ||
		!slices.Equal(rep.SharedPapers[0].In, want.In) {
		t.Errorf("shared papers %+v, want [%+v]", rep.SharedPapers, want)
	}
	if want := []statsDomain{{"github.com", 2}, {"arxiv.org", 1}}; !slices.Equal(rep.TopDomains, want) {
		t.Errorf("top domains %v, want %v", rep.TopDomains, want)
	}
	if rep.PapersWithURLs != 2 || rep.URLs != 3 {
		t.Errorf("papers with URLs %d, URLs %d; want 2, 3", rep.PapersWithURLs, rep.URLs)
	}
}

// TestListingOrder checks that listings sort by date, not by label text.
func TestListingOrder(t *testing.T) {
	d := func(s string) *string { return &s }
	got := []statsListing{{Label: "Mar 9"}, {Label: "Feb 29"}, {Label: "Mar 14"}, {Label: "Dec 1"}}
	slices.SortFunc(got, compareListings)
	var labels []string
	for _, l := range got {
		labels = append(labels, l.Label)
	}
	if want := []string{"Feb 29", "Mar 9", "Mar 14", "Dec 1"}; !slices.Equal(labels, want) {
		t.Errorf("order %v, want %v", labels, want)
	}
	dated := []statsListing{{Label: "Mar 9", Date: d("2024-03-09")}, {Label: "Mar 10", Date: d("2024-03-10")}}
	if compareListings(dated[0], dated[1]) >= 0 {
		t.Errorf("2024-03-09 sorts after 2024-03-10")
	}
}

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
	s := newStats()
	res := s.readDump(env{stdin: strings.NewReader(b.String()), stdout: &stdout, stderr: &stderr}, "-", 0,
		readOptions{maxErrors: 10})
	if !res.valid() || res.records != papers || res.warnings != papers {
		t.Fatalf("valid %v, records %d, warnings %d; want true, %d, %d (%v)", res.valid(), res.records, res.warnings, papers, papers, res.diagnostics)
	}
	rep := s.report([]dumpResult{res})
	if rep.Warnings != papers || rep.WarningsByCode["trailing-whitespace"] != papers {
		t.Errorf("warnings %d, by code %v; want %d of trailing-whitespace", rep.Warnings, rep.WarningsByCode, papers)
	}
}
