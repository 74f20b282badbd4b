package report

import (
	"fmt"
	"strconv"
	"time"

	"github.com/abstracts-dev/abstracts/internal/stats"
)

// chart is an SVG chart as the page template draws it: shapes in a
// coordinate system of width by height units, a title, a one-sentence
// description for assistive technology, and the same numbers as a table.
type chart struct {
	ID            string // the id of its figure element
	Title         string
	Desc          string // the figures in words, the svg's aria description
	Width, Height int
	Rects         []rect
	Lines         []line
	Texts         []label
	Table         table
}

type rect struct {
	X, Y, W, H float64
	Class      string
	Tip        string // a tooltip, the bar's figures
}

type line struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

type label struct {
	X, Y   float64
	Anchor string // start, middle or end
	Class  string
	Text   string
}

// table is a table of text; numeric columns are aligned right.
type table struct {
	Caption string
	Header  []string
	Numeric []bool // per column
	Rows    [][]string
}

// Geometry of the charts, in SVG user units.
const (
	chartWidth   = 720
	chartHeight  = 240
	plotLeft     = 56  // room for the count axis labels
	plotRight    = 12  // room after the last bar
	plotTop      = 36  // room for the marks' labels
	plotBottom   = 28  // room for the category labels
	maxAxisTicks = 6   // category labels under a chart, at most
	hbarRow      = 24  // height of a row of a horizontal bar chart
	hbarLabel    = 240 // width of its labels' column
	maxBarWidth  = 48  // of a column, when there are few
)

// bin is one bar of a vertical bar chart.
type bin struct {
	label string // the category under the bar and in the table
	count int64
}

// columnChart draws bins as vertical bars from left to right, a count axis
// with 0 and the largest count, and marks (median, p95) over the bins with
// the given indexes (-1 for none).
func columnChart(id, title, unit string, header []string, bins []bin, marks []mark) chart {
	c := chart{ID: id, Title: title, Width: chartWidth, Height: chartHeight,
		Table: table{Caption: title, Header: header, Numeric: []bool{false, true}}}
	var most int64
	for _, b := range bins {
		most = max(most, b.count)
		c.Table.Rows = append(c.Table.Rows, []string{b.label, strconv.FormatInt(b.count, 10)})
	}
	plotW := float64(chartWidth - plotLeft - plotRight)
	plotH := float64(chartHeight - plotTop - plotBottom)
	base := float64(chartHeight - plotBottom)
	step := plotW / float64(max(len(bins), 1))
	gap := 0.0
	if step >= 4 {
		gap = step * 0.15
	}
	for i, b := range bins {
		if b.count == 0 {
			continue
		}
		h := plotH * float64(b.count) / float64(most)
		w := min(step-gap, maxBarWidth)
		c.Rects = append(c.Rects, rect{X: plotLeft + float64(i)*step + (step-w)/2, Y: base - h, W: w, H: h,
			Class: "bar", Tip: fmt.Sprintf("%s: %d %s", b.label, b.count, unit)})
	}
	c.Lines = append(c.Lines, line{plotLeft, base, chartWidth - plotRight, base, "axis"},
		line{plotLeft, plotTop, chartWidth - plotRight, plotTop, "grid"})
	c.Texts = append(c.Texts, label{plotLeft - 6, base + 4, "end", "tick", "0"},
		label{plotLeft - 6, plotTop + 4, "end", "tick", strconv.FormatInt(most, 10)})
	every := (len(bins) + maxAxisTicks - 1) / maxAxisTicks
	for i := 0; i < len(bins); i += max(every, 1) {
		c.Texts = append(c.Texts, label{plotLeft + (float64(i)+0.5)*step, base + 18, "middle", "tick", bins[i].label})
	}
	for k, m := range marks {
		if m.bin < 0 {
			continue
		}
		x := plotLeft + (float64(m.bin)+0.5)*step
		c.Lines = append(c.Lines, line{x, plotTop - 4 - 14*float64(1-k), x, base, "mark " + m.class})
		anchor := "start"
		tx := x + 4
		if x > chartWidth/2 {
			anchor, tx = "end", x-4
		}
		c.Texts = append(c.Texts, label{tx, plotTop - 8 - 14*float64(1-k), anchor, "marklabel " + m.class, m.text})
	}
	c.Desc = describeBins(title, unit, bins, marks)
	return c
}

// mark is a vertical line over one bin, labelled.
type mark struct {
	bin   int // index of the bin, -1 for none
	class string
	text  string
}

// describeBins says in words what a column chart shows.
func describeBins(title, unit string, bins []bin, marks []mark) string {
	if len(bins) == 0 {
		return title + ": none."
	}
	var total int64
	peak := 0
	for i, b := range bins {
		total += b.count
		if b.count > bins[peak].count {
			peak = i
		}
	}
	s := fmt.Sprintf("%s: %d %s in %d bars from %s to %s; the tallest, %s, has %d.", title, total, unit,
		len(bins), bins[0].label, bins[len(bins)-1].label, bins[peak].label, bins[peak].count)
	for _, m := range marks {
		if m.bin >= 0 {
			s += " " + m.text + "."
		}
	}
	return s + " The table below has every bar."
}

// barChart draws named counts as horizontal bars, largest first as given.
func barChart(id, title, unit string, header []string, names []string, counts []int) chart {
	c := chart{ID: id, Title: title, Width: chartWidth, Height: max(len(names), 1)*hbarRow + 8,
		Table: table{Caption: title, Header: header, Numeric: []bool{false, true}}}
	most := 1
	for _, n := range counts {
		most = max(most, n)
	}
	barMax := float64(chartWidth - hbarLabel - 64)
	var desc []byte
	for i, name := range names {
		y := float64(i*hbarRow + 4)
		w := barMax * float64(counts[i]) / float64(most)
		c.Rects = append(c.Rects, rect{X: hbarLabel, Y: y + 3, W: w, H: hbarRow - 8, Class: "bar",
			Tip: fmt.Sprintf("%s: %d %s", name, counts[i], unit)})
		c.Texts = append(c.Texts, label{hbarLabel - 8, y + hbarRow/2 + 4, "end", "name", ellipsize(name, 34)},
			label{hbarLabel + w + 6, y + hbarRow/2 + 4, "start", "tick", strconv.Itoa(counts[i])})
		c.Table.Rows = append(c.Table.Rows, []string{name, strconv.Itoa(counts[i])})
		if i > 0 {
			desc = append(desc, ", "...)
		}
		desc = fmt.Appendf(desc, "%s %d", name, counts[i])
	}
	c.Desc = fmt.Sprintf("%s, %s: %s.", title, unit, desc)
	return c
}

// ellipsize cuts s to at most n characters, marking the cut with "…".
func ellipsize(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// maxBins is about how many bars a histogram or a date chart has at most.
const maxBins = 50

// lengthBins bins a histogram of lengths into at most about maxBins bars of
// equal width (1, 2 or 5 times a power of ten), and returns the bins of the
// median and the p95.
func lengthBins(h *stats.Histogram) (bins []bin, median, p95 int) {
	s := h.Summary()
	if s == nil {
		return nil, -1, -1
	}
	width := niceWidth((s.Max - s.Min + maxBins) / maxBins)
	first := s.Min / width * width
	bins = make([]bin, (s.Max-first)/width+1)
	for i := range bins {
		lo := first + i*width
		bins[i].label = strconv.Itoa(lo)
		if width > 1 {
			bins[i].label += "–" + strconv.Itoa(lo+width-1)
		}
	}
	h.Each(func(v int, n int64) { bins[(v-first)/width].count += n })
	return bins, (s.Median - first) / width, (s.P95 - first) / width
}

// niceWidth returns the smallest of 1, 2, 5, 10, 20, 50, … at least w.
func niceWidth(w int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if m*p >= w {
				return m * p
			}
		}
	}
}

// countBins bins a histogram of counts (upvotes), which have a long tail:
// one bar per value up to maxBins, else bars from 1, 2, 5 times a power of
// ten to the next ([0], [1], [2–4], [5–9], [10–19], …).
func countBins(h *stats.Histogram) (bins []bin, median, p95 int) {
	s := h.Summary()
	if s == nil {
		return nil, -1, -1
	}
	if s.Max < maxBins {
		return lengthBins(h)
	}
	edges := []int{0, 1}
	for p := 1; edges[len(edges)-1] <= s.Max; p *= 10 {
		for _, m := range []int{2, 5, 10} {
			if e := m * p; e > edges[len(edges)-1] && edges[len(edges)-1] <= s.Max {
				edges = append(edges, e)
			}
		}
	}
	index := func(v int) int {
		i := 0
		for i+1 < len(edges) && edges[i+1] <= v {
			i++
		}
		return i
	}
	bins = make([]bin, len(edges)-1)
	for i := range bins {
		lo, hi := edges[i], edges[i+1]-1
		bins[i].label = strconv.Itoa(lo)
		if hi > lo {
			bins[i].label += "–" + strconv.Itoa(hi)
		}
	}
	h.Each(func(v int, n int64) { bins[index(v)].count += n })
	return bins, index(s.Median), index(s.P95)
}

// dateBins turns counts per date ("2024-03-14", sorted) into bars over
// time, the days without papers included: one bar per day when they span
// at most maxBins days, else per month, else per year (or per several
// years).
func dateBins(dates []stats.Date) []bin {
	if len(dates) == 0 {
		return nil
	}
	first, err1 := time.Parse(time.DateOnly, dates[0].Date)
	last, err2 := time.Parse(time.DateOnly, dates[len(dates)-1].Date)
	if err1 != nil || err2 != nil { // not reached: the reader checks dates
		var bins []bin
		for _, d := range dates {
			bins = append(bins, bin{d.Date, int64(d.Papers)})
		}
		return bins
	}
	months := (last.Year()-first.Year())*12 + int(last.Month()-first.Month()) + 1
	var key func(time.Time) string
	var next func(time.Time) time.Time
	switch years := last.Year() - first.Year() + 1; {
	case last.Sub(first) < maxBins*24*time.Hour:
		key = func(t time.Time) string { return t.Format(time.DateOnly) }
		next = func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	case months <= maxBins:
		first = time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
		key = func(t time.Time) string { return t.Format("2006-01") }
		next = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	default:
		span := (years + maxBins - 1) / maxBins
		start := first.Year() / span * span
		first = time.Date(start, 1, 1, 0, 0, 0, 0, time.UTC)
		key = func(t time.Time) string {
			y := t.Year() / span * span
			if span == 1 {
				return strconv.Itoa(y)
			}
			return fmt.Sprintf("%d–%d", y, y+span-1)
		}
		next = func(t time.Time) time.Time { return t.AddDate(span, 0, 0) }
	}
	var bins []bin
	index := map[string]int{}
	for t := first; !t.After(last); t = next(t) {
		index[key(t)] = len(bins)
		bins = append(bins, bin{label: key(t)})
	}
	for _, d := range dates {
		t, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			continue // not reached: the dates were parsed above
		}
		bins[index[key(t)]].count += int64(d.Papers)
	}
	return bins
}

// pct returns part of whole as a percentage with one decimal, "" for no
// whole.
func pct(part, whole int) string {
	if whole == 0 {
		return ""
	}
	return strconv.FormatFloat(100*float64(part)/float64(whole), 'f', 1, 64) + "%"
}
