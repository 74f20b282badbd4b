package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/abstracts-dev/abstracts/export"
	"github.com/abstracts-dev/abstracts/internal/size"
	"github.com/abstracts-dev/abstracts/internal/version"
	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

func runExport(e env, args []string) int {
	fs := newFlags("export")
	out := fs.String("out", "", "write the files into `DIR` (created if missing)")
	formats := fs.String("format", "jsonl,parquet,arrow", "comma-separated `list` of formats to write")
	base := fs.String("name", "papers", "file name `BASE`: writes BASE.jsonl, BASE.parquet, BASE.arrow")
	year := fs.Int("year", 0, "turn listing labels into dates of this `YYYY`")
	compression := fs.String("compression", "zstd", "Parquet `codec`: zstd, snappy, gzip or none")
	arrowCompression := fs.String("arrow-compression", "none", "Arrow IPC body `codec`: none, lz4 or zstd")
	jsonlCompression := fs.String("jsonl-compression", "none", "JSONL `codec`: none, gzip (BASE.jsonl.gz) or zstd (BASE.jsonl.zst)")
	layout := fs.String("layout", "flat", "`layout` of DIR: flat (DIR/BASE.*) or hf (a Hugging Face dataset: DIR/data/train-*.parquet, DIR/README.md)")
	maxShard := fs.String("max-shard-size", "500MB", "with --layout hf, start a new Parquet shard at this `SIZE` (such as 500MB, 1GB, 64MiB)")
	partitionBy := fs.String("partition-by", "", "write one folder per value of `COLUMN` (listing_date or source): DIR/COLUMN=VALUE/part-NNNNN.*")
	maxErrors := fs.Int("max-errors", 100, "stop reading a dump after `N` errors, and keep at most N warnings (0: no limit)")
	quiet := fs.BoolP("quiet", "q", false, "show no progress bar, even on a terminal")
	if code := parseFlags(e, fs, args); code >= 0 {
		return code
	}
	list, err := export.ParseFormats(*formats)
	lay, layoutErr := export.ParseLayout(*layout)
	codecs, codecErr := parseCompressions(*compression, *arrowCompression, *jsonlCompression)
	shardBytes, shardErr := size.Parse(*maxShard)
	if lay == export.HF && !fs.Changed("format") {
		list, err = []export.Format{export.Parquet}, nil
	}
	fileBase := *base
	if *partitionBy != "" && !fs.Changed("name") {
		fileBase = "part"
	}
	switch {
	case *out == "":
		return usageError(e, "export", "--out DIR is required")
	case err != nil:
		return usageError(e, "export", "--format: %v", err)
	case layoutErr != nil:
		return usageError(e, "export", "--layout: %v", layoutErr)
	case codecErr != nil:
		return usageError(e, "export", "%v", codecErr)
	case shardErr != nil:
		return usageError(e, "export", "--max-shard-size: %v", shardErr)
	case *partitionBy != "" && !slices.Contains(export.PartitionColumns, *partitionBy):
		return usageError(e, "export", "--partition-by: unknown column %q (want listing_date or source)", *partitionBy)
	case lay == export.HF && !slices.Equal(list, []export.Format{export.Parquet}):
		return usageError(e, "export", "--layout hf writes Parquet only; leave out --format or give --format parquet")
	case lay == export.HF && *partitionBy != "":
		return usageError(e, "export", "--partition-by does not go with --layout hf (a Hugging Face dataset is split into shards, not partitions)")
	case lay == export.HF && fs.Changed("name"):
		return usageError(e, "export", "--name does not go with --layout hf (the shards are named data/train-NNNNN-of-NNNNN.parquet)")
	case lay != export.HF && fs.Changed("max-shard-size"):
		return usageError(e, "export", "--max-shard-size goes with --layout hf only")
	case fs.Changed("jsonl-compression") && !slices.Contains(list, export.JSONL):
		return usageError(e, "export", "--jsonl-compression needs jsonl among the formats written")
	case fs.NArg() == 0:
		return usageError(e, "export", "no dump given (a path, or - for standard input)")
	case checkYear(*year) != nil:
		return usageError(e, "export", "%v", checkYear(*year))
	case countStdin(fs.Args()) > 1:
		return usageError(e, "export", "standard input (-) can be read only once")
	case *maxErrors < 0:
		return usageError(e, "export", "--max-errors must be 0 or more")
	}

	interrupt := catchInterrupts()
	defer interrupt.stop()

	// The dumps are hashed before the export: the Arrow schema, which comes
	// first in its file, records each dump's SHA-256.
	sources, stdin, err := hashSources(e, fs.Args(), interrupt)
	if stdin != nil {
		defer removeSpool(e, stdin)
		e.stdin = stdin
	}
	if status := interrupt.status(); status != 0 {
		fmt.Fprintln(e.stderr, "abstracts: interrupted; nothing written")
		return status
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
		return exitTrouble
	}
	meta := export.Metadata{ToolVersion: version.Version, Sources: sources}
	output, err := export.Create(export.Options{
		Dir: *out, Base: fileBase, Formats: list, Sequential: e.sequential,
		Layout: lay, MaxShardBytes: shardBytes, PartitionBy: *partitionBy, JSONLCompression: codecs.jsonl,
		Parquet: export.ParquetOptions{Compression: codecs.parquet, Metadata: meta},
		Arrow:   export.ArrowOptions{Compression: codecs.arrow, Metadata: meta},
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
		return exitTrouble
	}

	opts := readOptions{year: *year, maxErrors: *maxErrors, progress: newProgress(e, fs.Args(), *quiet), interrupt: interrupt}
	var results []dumpResult
	invalid := false
	records := 0
	emit := func(rec *schema.Record) error {
		if invalid {
			return nil // nothing will be written; keep reading for the diagnostics
		}
		records++
		return output.Write(rec)
	}
	for _, path := range fs.Args() {
		res, err := readDump(e, path, opts, emit)
		results = append(results, res)
		if status := interrupt.status(); status != 0 {
			opts.progress.done()
			if err := output.Abort(); err != nil {
				fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
			}
			fmt.Fprintln(e.stderr, "abstracts: interrupted; nothing written")
			return status
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "abstracts: %v\n", errors.Join(err, output.Abort()))
			return exitTrouble
		}
		invalid = invalid || !res.valid()
	}
	opts.progress.done()
	if err := writeText(e.stderr, results); err != nil {
		fmt.Fprintf(e.stderr, "abstracts: %v\n", errors.Join(err, output.Abort()))
		return exitTrouble
	}
	reportTrouble(e, results, *maxErrors)
	fmt.Fprintln(e.stderr, summary(results))
	if status := exitStatus(results); status != exitOK {
		if err := output.Abort(); err != nil {
			fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
			return exitTrouble
		}
		fmt.Fprintln(e.stderr, "nothing written")
		return status
	}
	if err := output.Commit(); err != nil {
		fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
		return exitTrouble
	}
	fmt.Fprintf(e.stderr, "wrote %s to %s\n", plural(records, "record"), describeOutput(*out, lay, *partitionBy, output.Paths()))
	return exitOK
}

// compressions are the codecs of an export's formats.
type compressions struct {
	parquet export.ParquetCompression
	arrow   export.ArrowCompression
	jsonl   export.JSONLCompression
}

// parseCompressions checks the values of --compression, --arrow-compression
// and --jsonl-compression; an error names the flag and its valid values.
func parseCompressions(parquet, arrow, jsonl string) (compressions, error) {
	var c compressions
	var err error
	if c.parquet, err = export.ParseParquetCompression(parquet); err != nil {
		return c, fmt.Errorf("--compression: %w", err)
	}
	if c.arrow, err = export.ParseArrowCompression(arrow); err != nil {
		return c, fmt.Errorf("--arrow-compression: %w", err)
	}
	if c.jsonl, err = export.ParseJSONLCompression(jsonl); err != nil {
		return c, fmt.Errorf("--jsonl-compression: %w", err)
	}
	return c, nil
}

// describeOutput names what an export wrote: the files of a flat export,
// the shards and card of an hf one, the partitions of a partitioned one.
func describeOutput(dir string, lay export.Layout, partitionBy string, paths []string) string {
	switch {
	case lay == export.HF:
		return fmt.Sprintf("%s (%s) and %s", filepath.Join(dir, "data"), plural(len(paths)-1, "shard"), filepath.Join(dir, "README.md"))
	case partitionBy != "":
		folders := map[string]bool{}
		for _, p := range paths {
			folders[filepath.Dir(p)] = true
		}
		return fmt.Sprintf("%s (%s by %s, %s)", dir, plural(len(folders), "partition"), partitionBy, plural(len(paths), "file"))
	}
	return joinPaths(paths)
}

// hashSources returns the path and SHA-256 of every dump. Standard input,
// if named, is read into a temporary file, returned as the new stdin, so
// that it can be hashed first and parsed after.
func hashSources(e env, paths []string, interrupt *interruption) ([]export.Source, *os.File, error) {
	var spool *os.File
	sources := make([]export.Source, 0, len(paths))
	for _, path := range paths {
		h := sha256.New()
		var err error
		if path == "-" {
			spool, err = os.CreateTemp("", "abstracts-stdin-*")
			if err != nil {
				return nil, nil, err
			}
			err = readAhead(&notDumpGuard{w: io.MultiWriter(spool, h)}, interrupt.reader(e.stdin))
			if errors.Is(err, errNotDump) {
				err = nil // the spool holds enough for the reader to report it
			}
			if err == nil {
				_, err = spool.Seek(0, io.SeekStart)
			}
		} else {
			err = hashFile(path, h, interrupt)
		}
		if err != nil {
			return nil, spool, fmt.Errorf("read %s: %w", path, err)
		}
		sources = append(sources, export.Source{Path: path, SHA256: hex.EncodeToString(h.Sum(nil))})
	}
	return sources, spool, nil
}

// hashBuffer is the size of the reads of the hashing pass: at 1 MiB a
// gigabyte takes a thousand read calls, against 32,000 with io.Copy's
// default.
const hashBuffer = 1 << 20

// readAhead copies src to dst, as io.Copy does, but reads on a goroutine
// of its own, up to two hashBuffer chunks ahead of dst: the hashing pass
// takes one core for the hash and another for the kernel's copying of the
// dump, instead of one for both in turn. It returns the first error of dst,
// at once, else that of src.
func readAhead(dst io.Writer, src io.Reader) error {
	const chunks = 3
	free := make(chan []byte, chunks)
	for range chunks {
		free <- make([]byte, hashBuffer)
	}
	full := make(chan []byte, chunks)
	stop := make(chan struct{})
	var readErr error // set before full is closed
	go func() {
		defer close(full)
		for {
			var buf []byte
			select {
			case buf = <-free:
			case <-stop:
				return
			}
			n, err := src.Read(buf)
			if n > 0 {
				select {
				case full <- buf[:n]:
				case <-stop:
					return
				}
			} else {
				free <- buf
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				return
			}
		}
	}()
	for buf := range full {
		if _, err := dst.Write(buf); err != nil {
			close(stop) // the goroutine ends after the read it is in
			return err
		}
		free <- buf[:cap(buf)]
	}
	return readErr
}

func hashFile(path string, h io.Writer, interrupt *interruption) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = readAhead(&notDumpGuard{w: h}, interrupt.reader(f))
	if errors.Is(err, errNotDump) {
		err = nil // the reader reports it, with a position
	}
	return errors.Join(err, f.Close())
}

// errNotDump stops hashing input that the reader will refuse anyway.
var errNotDump = errors.New("not a dump")

// notDumpGuard passes writes on until it sees what makes the reader give up
// on its input (a NUL byte, or a line running past validate.MaxLineSkip), so
// that hashing /dev/zero or another endless stream without line breaks ends
// as reading it does. The hash is then of a prefix, but nothing is exported.
type notDumpGuard struct {
	w   io.Writer
	run int // bytes since the last line break
}

func (g *notDumpGuard) Write(p []byte) (int, error) {
	if bytes.IndexByte(p, 0) >= 0 {
		return 0, errNotDump
	}
	if i := bytes.LastIndexByte(p, '\n'); i >= 0 {
		g.run = len(p) - i - 1
	} else {
		g.run += len(p)
	}
	if g.run > validate.DefaultMaxLineBytes+validate.MaxLineSkip {
		return 0, errNotDump
	}
	return g.w.Write(p)
}

func removeSpool(e env, f *os.File) {
	if err := errors.Join(f.Close(), os.Remove(f.Name())); err != nil {
		fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
	}
}
