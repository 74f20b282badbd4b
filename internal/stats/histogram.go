package stats

import (
	"maps"
	"slices"
)

// denseLimit is the value below which a Histogram counts in a slice; the
// rare larger values (an upvote count of a million) go into a map, so that
// one large value cannot make the slice large.
const denseLimit = 1 << 16

// Histogram counts non-negative integers exactly, giving exact order
// statistics. Its memory grows with the largest value added below
// denseLimit (5000 for an abstract's length) and with the number of
// distinct values above it, never with how many were added. The zero value
// is an empty histogram ready to use.
type Histogram struct {
	counts []int64       // counts[v] is how many times v was added, v < denseLimit
	large  map[int]int64 // the values from denseLimit up
	n      int64
}

// Add counts v once; a negative v counts as 0 (lengths and counts are never
// negative).
func (h *Histogram) Add(v int) {
	v = max(v, 0)
	h.n++
	if v >= denseLimit {
		if h.large == nil {
			h.large = make(map[int]int64)
		}
		h.large[v]++
		return
	}
	if v >= len(h.counts) {
		h.counts = append(h.counts, make([]int64, v+1-len(h.counts))...)
	}
	h.counts[v]++
}

// Len returns how many values were added.
func (h *Histogram) Len() int64 { return h.n }

// Each calls f with each distinct value added and its count, in increasing
// order of value.
func (h *Histogram) Each(f func(value int, count int64)) {
	for v, c := range h.counts {
		if c > 0 {
			f(v, c)
		}
	}
	for _, v := range slices.Sorted(maps.Keys(h.large)) {
		f(v, h.large[v])
	}
}

// rank returns the r-th smallest value added, r counted from 1 and at most
// Len.
func (h *Histogram) rank(r int64) int {
	var below int64
	last := 0
	found := false
	h.Each(func(v int, c int64) {
		if found {
			return
		}
		below += c
		last = v
		found = below >= r
	})
	return last
}

// Percentile returns the p-th percentile (0 < p <= 100) by the nearest-rank
// method: the smallest value that at least p percent of the values are
// less than or equal to, that is the ceil(p/100 * n)-th smallest. It is
// always one of the values added, and 0 when there are none.
func (h *Histogram) Percentile(p int) int {
	if h.n == 0 {
		return 0
	}
	r := (int64(p)*h.n + 99) / 100
	return h.rank(max(r, 1))
}

// Summary returns the minimum, the median, the 95th percentile and the
// maximum, or nil when nothing was added. The median is the lower median,
// the nearest-rank 50th percentile: the middle value of an odd count, the
// smaller of the two middle values of an even one, so it is always a
// value that occurs.
func (h *Histogram) Summary() *Summary {
	if h.n == 0 {
		return nil
	}
	return &Summary{Min: h.rank(1), Median: h.Percentile(50), P95: h.Percentile(95), Max: h.rank(h.n)}
}

// Summary describes a distribution: of lengths in characters (Unicode code
// points), or of counts.
type Summary struct {
	Min    int `json:"min"`
	Median int `json:"median"`
	P95    int `json:"p95"`
	Max    int `json:"max"`
}
