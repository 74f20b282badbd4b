package report

import (
	"slices"
	"testing"

	"github.com/abstracts-dev/abstracts/internal/stats"
)

func histogram(values ...int) *stats.Histogram {
	var h stats.Histogram
	for _, v := range values {
		h.Add(v)
	}
	return &h
}

// TestLengthBins checks the equal-width bins: the width the smallest of
// 1, 2, 5, 10, … that keeps them at most about maxBins, the first starting
// at a multiple of it, and the median and p95 in the bins that hold them.
func TestLengthBins(t *testing.T) {
	tests := []struct {
		name        string
		values      []int
		want        []bin
		median, p95 int
	}{
		{"none", nil, nil, -1, -1},
		{"one", []int{7}, []bin{{"7", 1}}, 0, 0},
		{"width 1", []int{3, 5, 5}, []bin{{"3", 1}, {"4", 0}, {"5", 2}}, 2, 2},
		{"width 100", []int{100, 150, 299, 5000}, nil, 0, 49},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bins, median, p95 := lengthBins(histogram(tt.values...))
			if tt.want != nil && !slices.Equal(bins, tt.want) {
				t.Errorf("bins %v, want %v", bins, tt.want)
			}
			if median != tt.median || p95 != tt.p95 {
				t.Errorf("median in bin %d, p95 in %d; want %d, %d", median, p95, tt.median, tt.p95)
			}
		})
	}
	bins, _, _ := lengthBins(histogram(100, 150, 299, 5000))
	if len(bins) != 50 || bins[0] != (bin{"100–199", 2}) || bins[1] != (bin{"200–299", 1}) || bins[49] != (bin{"5000–5099", 1}) {
		t.Errorf("abstract bins: %d, first %v %v, last %v", len(bins), bins[0], bins[1], bins[len(bins)-1])
	}
}

// TestCountBins checks the bins of upvotes: one per value below maxBins,
// else from 1, 2 and 5 times a power of ten to the next.
func TestCountBins(t *testing.T) {
	bins, median, p95 := countBins(histogram(0, 1, 3, 4, 9, 10, 999, 1000, 1_000_000))
	want := []bin{{"0", 1}, {"1", 1}, {"2–4", 2}, {"5–9", 1}, {"10–19", 1}, {"20–49", 0}, {"50–99", 0},
		{"100–199", 0}, {"200–499", 0}, {"500–999", 1}, {"1000–1999", 1}, {"2000–4999", 0}, {"5000–9999", 0},
		{"10000–19999", 0}, {"20000–49999", 0}, {"50000–99999", 0}, {"100000–199999", 0}, {"200000–499999", 0},
		{"500000–999999", 0}, {"1000000–1999999", 1}}
	if !slices.Equal(bins, want) {
		t.Errorf("bins\n%v\nwant\n%v", bins, want)
	}
	if median != 3 || p95 != 19 { // the median is 9, the p95 1000000
		t.Errorf("median in bin %d, p95 in %d; want 3, 19", median, p95)
	}
	if bins, _, _ := countBins(histogram(0, 2, 2, 49)); len(bins) != 50 || bins[2].count != 2 {
		t.Errorf("small counts: %d bins, bin 2 %v; want 50, 2", len(bins), bins[2])
	}
}

// TestDateBins checks that dates become one bar per day, month or year as
// their span needs, the empty ones included.
func TestDateBins(t *testing.T) {
	d := func(date string, n int) stats.Date { return stats.Date{Date: date, Papers: n} }
	days := dateBins([]stats.Date{d("2024-02-28", 1), d("2024-03-01", 2)})
	if want := []bin{{"2024-02-28", 1}, {"2024-02-29", 0}, {"2024-03-01", 2}}; !slices.Equal(days, want) {
		t.Errorf("days %v, want %v", days, want)
	}
	months := dateBins([]stats.Date{d("2024-01-31", 1), d("2024-03-01", 1), d("2024-03-31", 1), d("2027-12-01", 4)})
	if len(months) != 48 || months[0] != (bin{"2024-01", 1}) || months[2] != (bin{"2024-03", 2}) || months[47] != (bin{"2027-12", 4}) {
		t.Errorf("months: %d, %v %v %v", len(months), months[0], months[2], months[len(months)-1])
	}
	years := dateBins([]stats.Date{d("1990-05-01", 1), d("2024-03-14", 2)})
	if len(years) != 35 || years[0] != (bin{"1990", 1}) || years[34] != (bin{"2024", 2}) {
		t.Errorf("years: %d, %v %v", len(years), years[0], years[len(years)-1])
	}
	decades := dateBins([]stats.Date{d("1900-01-01", 1), d("2024-03-14", 2)})
	if len(decades) > maxBins || decades[0] != (bin{"1899–1901", 1}) || decades[len(decades)-1].count != 2 {
		t.Errorf("a long span: %d bins, %v … %v", len(decades), decades[0], decades[len(decades)-1])
	}
}

// TestListingChart checks the bars of listing labels, papers without a
// date line (search and trending pages) in one of their own.
func TestListingChart(t *testing.T) {
	rep := &stats.Report{ListingDates: []stats.Listing{{Label: "Mar 9", Papers: 2}, {Label: "Mar 14", Papers: 3}, {Label: "", Papers: 4}}}
	c := listingChart(rep)
	var got []string
	for _, r := range c.Table.Rows {
		got = append(got, r[0]+"="+r[1])
	}
	if want := []string{"Mar 9=2", "Mar 14=3", "no date line=4"}; !slices.Equal(got, want) {
		t.Errorf("bars %v, want %v", got, want)
	}
}
