// Package size parses byte counts written for people, such as "500MB",
// "1.5GB" or "64MiB".
package size

import (
	"fmt"
	"strconv"
	"strings"
)

// Parse parses a positive byte count with an optional suffix: B, KB, MB,
// GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024),
// case-insensitive, with optional space before the suffix. A fraction is
// allowed ("1.5GB") and rounded down to whole bytes.
func Parse(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := 1.0
	for _, u := range []struct {
		suffix string
		mult   float64
	}{
		{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"TIB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1},
	} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || !(v*mult >= 1 && v*mult <= 1<<62) {
		return 0, fmt.Errorf("bad size %q: want a positive byte count such as 500MB, 1GB or 64MiB", s)
	}
	return int64(v * mult), nil
}
