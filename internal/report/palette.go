package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// palette is the colours of one theme, as CSS custom properties. Text
// and chart marks are drawn on bg and, in source excerpts and table
// headers, on surface; a test checks their contrast on both (WCAG 2.1: 4.5
// for text, which every colour here may be used for).
type palette struct {
	bg, surface, border string // backgrounds and rules
	fg, muted, link     string // text
	bar, median, p95    string // chart marks, also used for their labels
	ok, err, warn       string // validity and severities
}

// The two themes: light by default and in print, dark where the reader's
// system asks for it (prefers-color-scheme).
var (
	lightPalette = palette{
		bg: "#ffffff", surface: "#f3f5f7", border: "#c9d1d9",
		fg: "#1b1f24", muted: "#545d68", link: "#0550ae",
		bar: "#1f5fa8", median: "#9a3412", p95: "#7b2a9e",
		ok: "#1a6e2e", err: "#b3261e", warn: "#7a5200",
	}
	darkPalette = palette{
		bg: "#0f1317", surface: "#1b222b", border: "#3a4450",
		fg: "#e6edf3", muted: "#a6b0bb", link: "#79b8ff",
		bar: "#6ea8ff", median: "#ffab70", p95: "#d2a8ff",
		ok: "#56d364", err: "#ff8a80", warn: "#e3b341",
	}
)

// foregrounds returns the colours drawn on the backgrounds, by name.
func (p palette) foregrounds() map[string]string {
	return map[string]string{"fg": p.fg, "muted": p.muted, "link": p.link, "bar": p.bar,
		"median": p.median, "p95": p.p95, "ok": p.ok, "err": p.err, "warn": p.warn}
}

// css returns the palette as declarations of custom properties.
func (p palette) css() string {
	var b strings.Builder
	for _, kv := range [][2]string{{"bg", p.bg}, {"surface", p.surface}, {"border", p.border},
		{"fg", p.fg}, {"muted", p.muted}, {"link", p.link}, {"bar", p.bar}, {"median", p.median},
		{"p95", p.p95}, {"ok", p.ok}, {"err", p.err}, {"warn", p.warn}} {
		fmt.Fprintf(&b, "--%s:%s;", kv[0], kv[1])
	}
	return b.String()
}

// contrast returns the WCAG 2.1 contrast ratio of two "#rrggbb" colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance returns the relative luminance of a "#rrggbb" colour (WCAG
// 2.1), and NaN for anything else.
func luminance(hex string) float64 {
	if len(hex) != 7 || hex[0] != '#' {
		return math.NaN()
	}
	var l float64
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return math.NaN()
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += weight * c
	}
	return l
}
