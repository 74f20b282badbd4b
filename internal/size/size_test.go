package size

import "testing"

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"1000", 1000}, {"500MB", 500e6}, {"500mb", 500e6}, {"1GB", 1e9}, {"1.5GB", 1.5e9},
		{"64MiB", 64 << 20}, {"64 KiB", 64 << 10}, {"2TiB", 2 << 40}, {"12B", 12}, {" 3kb ", 3000},
	} {
		if got, err := Parse(c.in); err != nil || got != c.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "MB", "0", "-5MB", "12XB", "1e30GB", "0.1", "NaN", "Inf"} {
		if got, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %d, want an error", in, got)
		}
	}
}
