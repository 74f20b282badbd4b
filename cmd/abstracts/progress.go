package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressMinBytes is the input size from which a progress bar is worth
// showing: below it a run takes about a second.
const progressMinBytes = 64 << 20

// progress shows how much of the dumps has been read, with rate and time
// left, on a terminal. Its nil value shows nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns a progress bar on e.stderr for reading the dumps at
// paths, or nil when none should be shown: when quiet, when stderr is not a
// terminal (CI logs, pipes, files), when CI is set, or when the regular
// files among the dumps are small.
func newProgress(e env, paths []string, quiet bool) *progress {
	f, ok := e.stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("CI") != "" {
		return nil
	}
	return newProgressBar(f, totalSize(paths))
}

// newProgressBar returns a progress bar for total bytes written to w, or nil
// if total is too small to be worth one.
func newProgressBar(w io.Writer, total int64) *progress {
	if total < progressMinBytes {
		return nil
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("reading"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(progressThrottle),
		progressbar.OptionClearOnFinish(),
	)
	// The bar starts its clock at its first frame, which made the first
	// rate that of one read ("267 GB/s"). Reset starts it now, and makes
	// the first frame wait progressThrottle, so that the first rate is
	// measured over that time at least.
	bar.Reset()
	return &progress{bar: bar}
}

// progressThrottle is the least time between two frames of the bar, and
// before the first.
const progressThrottle = 200 * time.Millisecond

// totalSize adds up the sizes of the regular files among paths; standard
// input and anything that cannot be stated count as nothing.
func totalSize(paths []string) int64 {
	var total int64
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			total += info.Size()
		}
	}
	return total
}

// reader wraps r so that what is read from it advances the bar.
func (p *progress) reader(r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return &countingReader{r: r, bar: p.bar}
}

// done clears the bar so that the summary line stands alone.
func (p *progress) done() {
	if p != nil {
		_ = p.bar.Clear() // a failed redraw of a progress bar is nothing to report
	}
}

type countingReader struct {
	r   io.Reader
	bar *progressbar.ProgressBar
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	_ = c.bar.Add(n) // drawing errors must not fail the read
	return n, err
}
