package stats

import (
	"encoding/json"
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
		want   *Summary
	}{
		{"none", nil, nil},
		{"one", []int{7}, &Summary{7, 7, 7, 7}},
		{"zero", []int{0, 0, 3}, &Summary{0, 0, 3, 3}},
		// Odd count: the middle one; p95 rank ceil(4.75) = 5.
		{"odd", []int{5, 1, 4, 2, 3}, &Summary{1, 3, 5, 5}},
		// Even count: the lower of the two middle ones (2, not 2.5).
		{"even", []int{4, 3, 2, 1}, &Summary{1, 2, 4, 4}},
		{"even two", []int{10, 20}, &Summary{10, 10, 20, 20}},
		{"ties", []int{5, 5, 7, 5}, &Summary{5, 5, 7, 7}},
		// 20 values: p95 rank is exactly 19; the median rank 10.
		{"1..20", seq(1, 20), &Summary{1, 10, 19, 20}},
		// 21 values: p95 rank ceil(19.95) = 20; the median rank 11.
		{"1..21", seq(1, 21), &Summary{1, 11, 20, 21}},
		// 100 values: ranks 50 and 95 exactly.
		{"1..100", seq(1, 100), &Summary{1, 50, 95, 100}},
		// 101 values: ranks 51 and ceil(95.95) = 96.
		{"0..100", seq(0, 100), &Summary{0, 50, 95, 100}},
		{"longest abstract", []int{schema.MaxAbstractLen, schema.MinAbstractLen}, &Summary{100, 100, 5000, 5000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h Histogram
			for _, v := range tt.values {
				h.Add(v)
			}
			got := h.Summary()
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
		var h Histogram
		for i := range values {
			values[i] = rng.IntN(1 + rng.IntN(schema.MaxAbstractLen))
			h.Add(values[i])
		}
		slices.Sort(values)
		for p := 1; p <= 100; p++ {
			rank := (p*n + 99) / 100 // ceil(p*n/100), at least 1 since p, n >= 1
			if got, want := h.Percentile(p), values[rank-1]; got != want {
				t.Fatalf("n=%d p=%d: percentile = %d, want %d (sorted %v)", n, p, got, want, values)
			}
		}
		s := h.Summary()
		if s.Min != values[0] || s.Max != values[n-1] || s.Median != values[(n+1)/2-1] {
			t.Fatalf("n=%d: summary %+v, want min %d, lower median %d, max %d", n, *s, values[0], values[(n+1)/2-1], values[n-1])
		}
	}
}

// TestStatsShared checks the count of papers seen in more than one dump: a
// paper twice in one dump (which the Reader reports, not returns) is not
// shared; one in three dumps counts once, with three dumps.
func TestStatsShared(t *testing.T) {
	s := New()
	rec := func(title string, urls ...string) *schema.Record {
		return &schema.Record{ID: schema.TitleID(title), Title: title, Abstract: strings.Repeat("a", 120),
			ListingLabel: "Mar 14", URLs: urls}
	}
	s.Add(rec("A", "https://GitHub.com/x/y", "https://arxiv.org/abs/1"), 0)
	s.Add(rec("A"), 0)
	s.Add(rec("B"), 0)
	s.Add(rec("A"), 1)
	s.Add(rec("a"), 2) // same id: case is folded
	s.Add(rec("C", "https://github.com/z"), 2)
	rep := s.Report([]Dump{{Path: "one"}, {Path: "two"}, {Path: "three"}})
	if rep.Papers != 6 || rep.DistinctPapers != 3 || rep.PapersInSeveralDumps != 1 {
		t.Errorf("papers %d, distinct %d, in several dumps %d; want 6, 3, 1", rep.Papers, rep.DistinctPapers, rep.PapersInSeveralDumps)
	}
	want := Shared{ID: schema.TitleID("A"), Title: "A", In: []string{"one", "two"}, Dumps: 3}
	if len(rep.SharedPapers) != 1 || rep.SharedPapers[0].ID != want.ID || rep.SharedPapers[0].Dumps != 3 ||
		!slices.Equal(rep.SharedPapers[0].In, want.In) {
		t.Errorf("shared papers %+v, want [%+v]", rep.SharedPapers, want)
	}
	if want := []int{0, 2, 0, 1}; !slices.Equal(rep.PapersByDumps, want) {
		t.Errorf("papers by dumps %v, want %v", rep.PapersByDumps, want)
	}
	if want := []Domain{{"github.com", 2}, {"arxiv.org", 1}}; !slices.Equal(rep.TopDomains, want) {
		t.Errorf("top domains %v, want %v", rep.TopDomains, want)
	}
	if rep.PapersWithURLs != 2 || rep.URLs != 3 {
		t.Errorf("papers with URLs %d, URLs %d; want 2, 3", rep.PapersWithURLs, rep.URLs)
	}
}

// TestListingOrder checks that listings sort by date, not by label text.
func TestListingOrder(t *testing.T) {
	d := func(s string) *string { return &s }
	got := []Listing{{Label: "Mar 9"}, {Label: "Feb 29"}, {Label: "Mar 14"}, {Label: "Dec 1"}}
	slices.SortFunc(got, compareListings)
	var labels []string
	for _, l := range got {
		labels = append(labels, l.Label)
	}
	if want := []string{"Feb 29", "Mar 9", "Mar 14", "Dec 1"}; !slices.Equal(labels, want) {
		t.Errorf("order %v, want %v", labels, want)
	}
	dated := []Listing{{Label: "Mar 9", Date: d("2024-03-09")}, {Label: "Mar 10", Date: d("2024-03-10")}}
	if compareListings(dated[0], dated[1]) >= 0 {
		t.Errorf("2024-03-09 sorts after 2024-03-10")
	}
}

// TestStatsCardFields checks the figures of the fields only some capture
// styles fill: upvotes, publication dates and organizations are counted
// over the records that carry them, and left out when none does.
func TestStatsCardFields(t *testing.T) {
	rec := func(title string, upvotes schema.NullInt, published, org string) *schema.Record {
		return &schema.Record{ID: schema.TitleID(title), Title: title, Abstract: strings.Repeat("a", 120),
			ListingLabel: "Mar 14", Upvotes: upvotes, PublishedDate: published, Organization: org}
	}
	plain := New()
	plain.Add(rec("A", schema.NullInt{}, "", ""), 0)
	rep := plain.Report([]Dump{{Path: "one"}})
	if rep.Upvotes != nil || rep.PapersWithUpvotes != 0 || rep.PublicationDates != nil || rep.TopOrganizations != nil {
		t.Errorf("a record without card fields gave upvotes %v (%d), dates %v, organizations %v",
			rep.Upvotes, rep.PapersWithUpvotes, rep.PublicationDates, rep.TopOrganizations)
	}

	s := New()
	s.Add(rec("A", schema.Int(3), "2024-03-12", "Meta"), 0)
	s.Add(rec("B", schema.Int(0), "2024-03-13", "Google"), 0)
	s.Add(rec("C", schema.Int(1_000_000), "2024-03-12", "Meta"), 0)
	s.Add(rec("D", schema.NullInt{}, "", ""), 0)
	s.Add(rec("E", schema.Int(3), "2024-03-01", "Allen AI"), 0)
	rep = s.Report([]Dump{{Path: "one"}})
	if want := (Summary{Min: 0, Median: 3, P95: 1_000_000, Max: 1_000_000}); rep.Upvotes == nil || *rep.Upvotes != want || rep.PapersWithUpvotes != 4 {
		t.Errorf("upvotes %+v of %d papers, want %+v of 4", rep.Upvotes, rep.PapersWithUpvotes, want)
	}
	if want := []Date{{"2024-03-01", 1}, {"2024-03-12", 2}, {"2024-03-13", 1}}; !slices.Equal(rep.PublicationDates, want) {
		t.Errorf("publication dates %v, want %v", rep.PublicationDates, want)
	}
	if want := []Organization{{"Meta", 2}, {"Allen AI", 1}, {"Google", 1}}; !slices.Equal(rep.TopOrganizations, want) {
		t.Errorf("organizations %v, want %v", rep.TopOrganizations, want)
	}
}

// TestStatsPageData checks the counts of the page's own data: a field
// counts where it is not null, an empty list included, and the JSON leaves
// out each count that is 0.
func TestStatsPageData(t *testing.T) {
	rec := func(title string, edit func(*schema.Record)) *schema.Record {
		r := &schema.Record{ID: schema.TitleID(title), Title: title, Abstract: strings.Repeat("a", 120), ListingLabel: "Mar 14"}
		edit(r)
		return r
	}
	s := New()
	s.Add(rec("A", func(r *schema.Record) {
		r.Authors, r.AISummary, r.AIKeywords = []string{"Zoë Ó", "李明"}, "A summary.", []string{"rag"}
	}), 0)
	s.Add(rec("B", func(r *schema.Record) { r.Authors, r.AIKeywords = []string{}, []string{} }), 0)
	s.Add(rec("C", func(r *schema.Record) { r.Authors = []string{"Ann"} }), 1)
	s.Add(rec("D", func(*schema.Record) {}), 1)
	rep := s.Report([]Dump{{Path: "one"}, {Path: "two"}})
	if want := (PageData{PapersWithAuthors: 3, PapersWithAISummary: 1, PapersWithAIKeywords: 2}); rep.PageData != want || !rep.Any() {
		t.Errorf("page data %+v (any %v), want %+v", rep.PageData, rep.Any(), want)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"papers_with_github_repo":0,"papers_with_authors":3,"papers_with_ai_summary":1,"papers_with_ai_keywords":2,"papers_in_several_dumps":0`; !strings.Contains(string(js), want) {
		t.Errorf("JSON %s\nlacks %s", js, want)
	}

	plain := New()
	plain.Add(rec("A", func(*schema.Record) {}), 0)
	rep = plain.Report([]Dump{{Path: "one"}})
	if rep.Any() || rep.PageData != (PageData{}) {
		t.Errorf("a record without page data gave %+v", rep.PageData)
	}
	if js, _ := json.Marshal(rep); strings.Contains(string(js), "papers_with_a") || strings.Contains(string(js), "project_page") {
		t.Errorf("JSON of a dump without page data names its counts: %s", js)
	}
}

// TestHistogramLargeValues checks that values past the dense part are
// counted exactly, in order, without a slice as long as the value.
func TestHistogramLargeValues(t *testing.T) {
	var h Histogram
	for _, v := range []int{5, 1 << 40, 70_000, 5, 1 << 40} {
		h.Add(v)
	}
	if len(h.counts) > 6 {
		t.Errorf("dense counts grew to %d for values up to 5", len(h.counts))
	}
	var got [][2]int64
	h.Each(func(v int, c int64) { got = append(got, [2]int64{int64(v), c}) })
	if want := [][2]int64{{5, 2}, {70_000, 1}, {1 << 40, 2}}; !slices.Equal(got, want) {
		t.Errorf("Each gave %v, want %v", got, want)
	}
	if want := (Summary{Min: 5, Median: 70_000, P95: 1 << 40, Max: 1 << 40}); *h.Summary() != want {
		t.Errorf("summary %+v, want %+v", *h.Summary(), want)
	}
}

func TestWarningCodesOrder(t *testing.T) {
	r := Report{WarningsByCode: map[string]int{"b": 2, "a": 2, "c": 5, "d": 1}}
	if got, want := r.WarningCodes(), []string{"c", "a", "b", "d"}; !slices.Equal(got, want) {
		t.Errorf("WarningCodes() = %v, want %v", got, want)
	}
}
