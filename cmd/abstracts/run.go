package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/abstracts-dev/abstracts/validate"
)

// env is what a command runs with: its streams, never the process's own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	// sequential runs reading, checking and writing on one goroutine: the
	// reference the tests hold the concurrent pipeline's output equal to.
	sequential bool
}

type command struct {
	name    string
	summary string
	usage   string // the synopsis, the flag list follows it
	example string
	// run runs the command; an error says what went wrong, and with an
	// ExitCode method (exitError, usageError) which status to exit with.
	run func(e env, args []string) error
}

var commands []command

// readFlagsSynopsis is the synopsis of the flags that say how dumps are
// read, with the styles of the format registry.
var readFlagsSynopsis = "[--style " + strings.Join(validate.StyleNames(), "|") + "] [--listing-date YYYY-MM-DD|name]"

func init() {
	commands = []command{
		{"validate", "check dumps and report every problem with its position",
			"abstracts validate [--output-format text|json|github|sarif|junit] [--strict] [--year YYYY] [--max-errors N] [--quiet]\n                   " + readFlagsSynopsis + " DUMP...",
			"abstracts validate testdata/hf-papers-mar14.txt\n  abstracts validate dumps/*.txt --output-format github\n  abstracts validate --strict --output-format sarif dumps/*.txt > abstracts.sarif",
			runValidate},
		{"export", "validate dumps and write them as JSONL, Parquet and Arrow files",
			"abstracts export --out DIR [--format jsonl,parquet,arrow] [--name BASE] [--year YYYY]\n                 [--compression zstd|snappy|gzip|none] [--arrow-compression none|lz4|zstd]\n                 [--jsonl-compression none|gzip|zstd] [--layout flat|hf] [--max-shard-size SIZE]\n                 [--partition-by listing_date|source] [--max-errors N] [--quiet]\n                 " + readFlagsSynopsis + " DUMP...",
			"abstracts export --out out --year 2024 testdata/hf-papers-mar14.txt\n  abstracts export --out out --format jsonl - < dump.txt\n  abstracts export --out dataset --layout hf --year 2024 dumps/*.txt\n  abstracts export --out table --partition-by listing_date --format parquet --year 2024 dumps/*.txt",
			runExport},
		{"diff", "compare dumps: papers added, removed and changed (exit 0 same, 1 different)", "abstracts diff [--output-format text|json] [--year YYYY] [--counts] [--style STYLE] [--listing-date DATE] OLD NEW\n  abstracts diff [--output-format text|json] [--year YYYY] [--counts] [--style STYLE] [--listing-date DATE] --old DUMP[,DUMP...] --new DUMP[,DUMP...]", "abstracts diff old.txt new.txt\n  abstracts diff --old mon.txt,tue.txt --new wed.txt --output-format json", runDiff},
		{"stats", "summarize dumps: papers, listing dates, lengths, URLs, shared papers, warnings", "abstracts stats [--output-format text|json] [--year YYYY] [--max-errors N] [--quiet] " + readFlagsSynopsis + " DUMP...", "abstracts stats testdata/hf-papers-mar14.txt\n  abstracts stats --output-format json dumps/*.txt", runStats},
		{"report", "write the figures and diagnostics of dumps as one self-contained HTML page",
			"abstracts report --out FILE [--year YYYY] [--max-errors N] [--quiet] " + readFlagsSynopsis + " DUMP...",
			"abstracts report --out report.html dumps/*.txt\n  abstracts report --out report.html --year 2024 testdata/hf-papers-mar14.txt",
			runReport},
		{"explain", "print what a diagnostic code means, an example and the fix, or what an input style reads", "abstracts explain CODE|STYLE", "abstracts explain missing-abstract\n  abstracts explain trailing-whitespace\n  abstracts explain api", runExplain},
		{"schema", "print the record JSON Schema", "abstracts schema", "abstracts schema > record.schema.json", runSchema},
		{"version", "print the version", "abstracts version", "abstracts version", runVersion},
	}
}

// run runs the command line args (without the program name) and returns the
// exit status. It is where the error a command returns is printed (see
// printError).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	tuneGC()
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	case "--version":
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands {
		if c.name == args[0] {
			return printError(stderr, c.name, c.run(e, args[1:]))
		}
	}
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return printError(stderr, "", usagef("unknown command %q%s", args[0], didYouMean(args[0], names, "abstracts ")))
}

// Garbage collector settings, unless GOGC or GOMEMLIMIT say otherwise. The
// live heap stays small whatever the input (records stream through, and
// the writers hold one row group or batch each), so letting the heap grow to
// five times it before collecting saves about a fifth of validate's CPU
// time; the soft memory limit makes the collector work harder before an
// export's heap passes it, which keeps the peak memory near it.
const (
	gcPercent   = 400
	memoryLimit = 128 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, "abstracts turns paper-abstract dumps into validated datasets.\n\nUsage:\n  abstracts COMMAND [flags] [DUMP...]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nA DUMP is a file path, or - for standard input. Run 'abstracts COMMAND -h' for a command's flags.\n"+
		"Exit status: 0 valid or written, 1 a dump is invalid, 2 wrong usage or a file could not be read or written.\n")
}

// newFlags returns a flag set for a command. Flags and dump paths may come
// in any order.
func newFlags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse errors are reported by parseFlags
	fs.SortFlags = false
	return fs
}

// parseFlags parses args and checks every flag's value (see checkFlags).
// It returns done when the command has nothing more to do: -h printed the
// command's usage and example on stdout, or err is the usage error to
// return.
func parseFlags(e env, fs *pflag.FlagSet, args []string) (done bool, err error) {
	fs.BoolP("help", "h", false, "show this help")
	err = fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) || err == nil && mustBool(fs, "help") {
		commandUsage(e.stdout, fs)
		return true, nil
	}
	if err != nil {
		return true, flagError(fs, err)
	}
	if err := checkFlags(fs); err != nil {
		return true, err
	}
	return false, nil
}

func commandUsage(w io.Writer, fs *pflag.FlagSet) {
	for _, c := range commands {
		if c.name == fs.Name() {
			fmt.Fprintf(w, "%s: %s.\n\nUsage:\n  %s\n\nFlags:\n%s\nExample:\n  %s\n",
				c.name, c.summary, c.usage, fs.FlagUsages(), c.example)
		}
	}
}

func mustBool(fs *pflag.FlagSet, name string) bool {
	v, err := fs.GetBool(name)
	return err == nil && v
}

// plural returns "1 dump" or "2 dumps".
func plural(n int, word string) string {
	return fmt.Sprintf("%d %s", n, pluralWord(n, word))
}

// pluralWord returns "dump" for 1, "dumps" for any other n.
func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func joinPaths(paths []string) string { return strings.Join(paths, ", ") }

// countStdin counts the dumps that name standard input.
func countStdin(paths []string) int {
	n := 0
	for _, p := range paths {
		if p == "-" {
			n++
		}
	}
	return n
}
