// Command gendump writes a synthetic abstract dump, for load tests and
// benchmarks.
//
// Usage:
//
//	gendump (-size SIZE | -papers N) [-seed N] [-label "Mar 14"] [-markdown] [-o FILE]
//	gendump -api -days N [-seed N] [-start YYYY-MM-DD] -out DIR
//	gendump -api -size SIZE [-jsonl] [-indent N] [-seed N] [-start YYYY-MM-DD] -out FILE
//
// With -api it writes Papers API responses instead (see
// gendump.WriteAPIArchive): -days N daily files DIR/YYYY-MM-DD.json,
// indented as json.dump writes them, one for each weekday from -start on
// (2024-05-01) but for a holiday now and then; or, with -size, one file of
// that size: a JSON array of items indented by -indent (2), or with -jsonl
// JSON Lines of items.
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
	api := fs.Bool("api", false, "write Papers API responses: -days N daily files into -out DIR, or one file of -size")
	days := fs.Int("days", 0, "with -api: the number of daily files")
	jsonl := fs.Bool("jsonl", false, "with -api -size: JSON Lines of items instead of an indented array")
	indent := fs.Int("indent", 2, "with -api -size: the array's indentation in spaces")
	apiStart := fs.String("start", gendump.APIStart, "with -api: the first listing day")
	apiOut := fs.String("out", "", "with -api: the folder of the daily files, or the file of -size (- for standard output)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gendump (-size SIZE | -papers N) [-seed N] [-label LABEL] [-markdown] [-o FILE]")
		fmt.Fprintln(stderr, "       gendump -api -days N [-seed N] [-start YYYY-MM-DD] -out DIR")
		fmt.Fprintln(stderr, "       gendump -api -size SIZE [-jsonl] [-indent N] [-seed N] [-start YYYY-MM-DD] -out FILE")
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
	if *api {
		if *apiOut == "" && *out != "-" {
			*apiOut = *out // -o FILE as without -api
		}
		return runAPI(stdout, stderr, fail, apiArgs{days: *days, size: *size, jsonl: *jsonl, indent: *indent,
			seed: *seed, start: *apiStart, out: *apiOut, papers: *papers, markdown: *markdown})
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

// apiArgs are the flags of -api.
type apiArgs struct {
	days       int
	size       string
	jsonl      bool
	indent     int
	seed       uint64
	start, out string
	papers     int
	markdown   bool
}

// runAPI is gendump -api.
func runAPI(stdout, stderr io.Writer, fail func(string, ...any) int, a apiArgs) int {
	switch {
	case a.papers != 0 || a.markdown:
		return fail("-papers and -markdown do not go with -api")
	case (a.days > 0) == (a.size != ""):
		return fail("with -api give exactly one of -days N (daily files) and -size SIZE (one file)")
	case a.days < 0:
		return fail("-days must be positive")
	case a.out == "":
		return fail("-api needs -out (a folder with -days, a file with -size)")
	case a.days > 0 && a.jsonl:
		return fail("-jsonl goes with -size")
	}
	opts := gendump.APIOptions{Days: a.days, Seed: a.seed, Start: a.start, JSONL: a.jsonl, Indent: a.indent}
	begin := time.Now()
	var st gendump.APIStats
	var err error
	name := a.out
	if a.days > 0 {
		st, err = gendump.WriteAPIArchive(a.out, opts)
	} else {
		if opts.Bytes, err = parseSize(a.size); err != nil {
			return fail("%v", err)
		}
		var w io.Writer = stdout
		var f *os.File
		if a.out != "-" {
			if f, err = os.Create(a.out); err != nil {
				return fail("%v", err)
			}
			w = f
		} else {
			name = "standard output"
		}
		st, err = gendump.WriteAPI(w, opts)
		if f != nil {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
	}
	if err != nil {
		return fail("writing %s: %v", name, err)
	}
	d := time.Since(begin)
	fmt.Fprintf(stderr, "gendump: wrote %d items (%d listed again) in %d files, %d bytes, to %s in %.2fs\n",
		st.Items, st.Repeats, st.Files, st.Bytes, name, d.Seconds())
	return 0
}
