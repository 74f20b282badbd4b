// Command gendump writes a synthetic abstract dump, for load tests and
// benchmarks.
//
// Usage:
//
//	gendump (-size SIZE | -papers N) [-seed N] [-label "Mar 14"] [-markdown] [-o FILE]
//
// SIZE is a byte count with an optional suffix: KB, MB, GB (powers of 1000)
// or KiB, MiB, GiB (powers of 1024), case-insensitive, e.g. 500MB. The dump
// stops after the first paper that reaches SIZE. Without -o, or with -o -,
// the dump goes to standard output. A summary goes to standard error.
// Errors exit with status 2.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/abstracts-dev/abstracts/internal/gendump"
	"github.com/abstracts-dev/abstracts/internal/size"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gendump", flag.ContinueOnError)
	fs.SetOutput(stderr)
	size := fs.String("size", "", "stop once at least this many bytes are written (e.g. 500MB, 1GiB)")
	papers := fs.Int("papers", 0, "number of papers to write")
	seed := fs.Uint64("seed", 1, "random seed")
	label := fs.String("label", gendump.DefaultLabel, "date line")
	markdown := fs.Bool("markdown", false, "write a Markdown capture of today's page (firecrawl's form) instead of a plain-text dump")
	out := fs.String("o", "-", "output file, - for standard output")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gendump (-size SIZE | -papers N) [-seed N] [-label LABEL] [-markdown] [-o FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "gendump: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	opts := gendump.Options{Papers: *papers, Seed: *seed, Label: *label, Markdown: *markdown}
	if *size != "" {
		b, err := parseSize(*size)
		if err != nil {
			return fail("%v", err)
		}
		opts.Bytes = b
	}
	if (opts.Papers > 0) == (opts.Bytes > 0) || opts.Papers < 0 {
		return fail("give exactly one of -size and -papers, positive")
	}

	var w io.Writer = stdout
	var f *os.File
	name := "standard output"
	if *out != "-" && *out != "" {
		var err error
		if f, err = os.Create(*out); err != nil {
			return fail("%v", err)
		}
		w, name = f, *out
	}
	start := time.Now()
	p, n, err := gendump.Write(w, opts)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fail("writing %s: %v", name, err)
	}
	d := time.Since(start)
	fmt.Fprintf(stderr, "gendump: wrote %d papers, %d bytes to %s in %.2fs (%.0f MB/s)\n",
		p, n, name, d.Seconds(), float64(n)/1e6/d.Seconds())
	return 0
}

// parseSize parses a byte count such as "500MB", "1.5GB", "64KiB" or "1000".
func parseSize(s string) (int64, error) {
	n, err := size.Parse(s)
	if err != nil {
		return 0, fmt.Errorf("bad -size %q: want a positive byte count such as 500MB or 1GiB", s)
	}
	return n, nil
}
