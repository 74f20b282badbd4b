package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/abstracts-dev/abstracts/export"
	"github.com/abstracts-dev/abstracts/internal/size"
	"github.com/abstracts-dev/abstracts/internal/version"
	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

func runExport(e env, args []string) (err error) {
	fs := newFlags("export")
	out := fs.String("out", "", "write the files into `DIR` (created if missing)")
	formats := fs.String("format", "jsonl,parquet,arrow", "comma-separated `list` of formats to write")
	base := fs.String("name", "papers", "file name `BASE`: writes BASE.jsonl, BASE.parquet, BASE.arrow")
	year := newYearFlag(fs, yearUsage)
	style := newStyleFlag(fs)
	listingDate := newListingDateFlag(fs)
	compression := fs.String("compression", "zstd", "Parquet `codec`: zstd, snappy, gzip or none")
	arrowCompression := fs.String("arrow-compression", "none", "Arrow IPC body `codec`: none, lz4 or zstd")
	jsonlCompression := fs.String("jsonl-compression", "none", "JSONL `codec`: none, gzip (BASE.jsonl.gz) or zstd (BASE.jsonl.zst)")
	layout := fs.String("layout", "flat", "`layout` of DIR: flat (DIR/BASE.*) or hf (a Hugging Face dataset: DIR/data/train-*.parquet, DIR/README.md)")
	maxShard := fs.String("max-shard-size", "500MB", "with --layout hf, start a new Parquet shard at this `SIZE` (such as 500MB, 1GB, 64MiB)")
	partitionBy := fs.String("partition-by", "", "write one folder per value of `COLUMN` (listing_date or source): DIR/COLUMN=VALUE/part-NNNNN.*")
	maxErrors := newCountFlag(fs, "max-errors", 100, "stop reading a dump after `N` errors, and keep at most N warnings (0: no limit)")
	quiet := fs.BoolP("quiet", "q", false, "show no progress bar (even on a terminal), and no note that dates are null without --year")
	if done, err := parseFlags(e, fs, args); done {
		return err
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
		return usagef("--out DIR is required")
	case err != nil:
		return usagef("--format: %v", err)
	case layoutErr != nil:
		return usagef("--layout: %v", layoutErr)
	case codecErr != nil:
		return usagef("%v", codecErr)
	case shardErr != nil:
		return usagef("--max-shard-size: %v", shardErr)
	case *partitionBy != "" && !slices.Contains(export.PartitionColumns, *partitionBy):
		return usagef("--partition-by: unknown column %q (want %s)%s", *partitionBy, orList(export.PartitionColumns), didYouMean(*partitionBy, export.PartitionColumns, ""))
	case fileBase == "" || fileBase == "." || fileBase == ".." || strings.ContainsAny(fileBase, `/\`):
		return usagef("--name: invalid base name %q (want a file name, without / or \\)", fileBase)
	case lay == export.HF && !slices.Equal(list, []export.Format{export.Parquet}):
		return usagef("--layout hf writes Parquet only; leave out --format or give --format parquet")
	case lay == export.HF && *partitionBy != "":
		return usagef("--partition-by does not go with --layout hf (a Hugging Face dataset is split into shards, not partitions)")
	case lay == export.HF && fs.Changed("name"):
		return usagef("--name does not go with --layout hf (the shards are named data/train-NNNNN-of-NNNNN.parquet)")
	case lay != export.HF && fs.Changed("max-shard-size"):
		return usagef("--max-shard-size goes with --layout hf only")
	case fs.Changed("jsonl-compression") && !slices.Contains(list, export.JSONL):
		return usagef("--jsonl-compression needs jsonl among the formats written")
	case fs.NArg() == 0:
		return usagef("no dump given (a path, or - for standard input)")
	case countStdin(fs.Args()) > 1:
		return usagef("standard input (-) can be read only once")
	}

	interrupt := catchInterrupts()
	defer interrupt.stop()

	// The dumps are hashed before the export: the Arrow schema, which comes
	// first in its file, records each dump's SHA-256.
	sources, stdin, err := hashSources(e, fs.Args(), interrupt)
	if stdin != nil {
		defer func() { err = errors.Join(err, removeSpool(stdin)) }()
		e.stdin = stdin
	}
	if status := interrupt.status(); status != 0 {
		return withStatus(status, errNothingWritten)
	}
	if err != nil {
		return err
	}
	if err := readListings(sources, stdin, *style, *year); err != nil {
		return err
	}
	meta := export.Metadata{ToolVersion: version.Version, Sources: sources}
	output, err := export.Create(export.Options{
		Dir: *out, Base: fileBase, Formats: list, Sequential: e.sequential,
		Layout: lay, MaxShardBytes: shardBytes, PartitionBy: *partitionBy, JSONLCompression: codecs.jsonl,
		Parquet: export.ParquetOptions{Compression: codecs.parquet, Metadata: meta},
		Arrow:   export.ArrowOptions{Compression: codecs.arrow, Metadata: meta},
	})
	if err != nil {
		return err
	}

	opts := readOptions{year: *year, style: *style, listingDate: listingDate, maxErrors: *maxErrors, progress: newProgress(e, fs.Args(), *quiet), interrupt: interrupt}
	var results []dumpResult
	invalid := false
	records, undated, unlisted := 0, 0, 0
	emit := func(rec *schema.Record) error {
		if invalid {
			return nil // nothing will be written; keep reading for the diagnostics
		}
		records++
		switch {
		case rec.ListingLabel != "" && rec.ListingDate == "":
			undated++
		case rec.Authors != nil && rec.ListingDate == "": // the page's own data, which names no day
			unlisted++
		}
		return output.Write(rec)
	}
	err = readDumps(e, fs.Args(), opts, emit, func(res dumpResult, err error) error {
		results = append(results, res)
		if status := interrupt.status(); status != 0 {
			opts.progress.done()
			return withStatus(status, errors.Join(output.Abort(), errNothingWritten))
		}
		if err != nil {
			return errors.Join(err, output.Abort())
		}
		invalid = invalid || !res.valid()
		return nil
	})
	if err != nil {
		return err
	}
	opts.progress.done()
	if err := writeText(e.stderr, results); err != nil {
		return errors.Join(err, output.Abort())
	}
	writeNotShown(e.stderr, results, showAll)
	fmt.Fprintln(e.stderr, summary(results))
	if err := resultsError(results); err != nil {
		if abortErr := output.Abort(); abortErr != nil {
			return withStatus(exitTrouble, errors.Join(err, abortErr))
		}
		fmt.Fprintln(e.stderr, "nothing written")
		return err
	}
	if err := output.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s to %s\n", plural(records, "record"), validate.Printable(describeOutput(*out, lay, *partitionBy, output.Paths())))
	if undated > 0 && !*quiet {
		fmt.Fprintf(e.stderr, noYearNote, plural(undated, "record"))
	}
	if unlisted > 0 && !*quiet {
		fmt.Fprintf(e.stderr, noListingDateNote, plural(unlisted, "record"))
	}
	return nil
}

// noYearNote is what export says once when records have a listing label
// but no date: no --year was given, and their capture has no date of its
// own. Search and trending pages have no listing label, so their null
// dates are as they should be and go unmentioned.
const noYearNote = "note: %s with a listing label but listing_date null: no --year was given and the capture has no date of its own; give --year YYYY, the year of the listing, to set the dates\n"

// readDumps reads the dumps at paths in order, passing their records to
// emit and each dump's result to done, which may end reading by returning
// an error. While the records of one dump are emitted, the next dump is
// read and checked on goroutines of its own, at most dumpsAheadRecords
// records ahead: an archive of many small files keeps both cores busy,
// where each file alone is too small for the Reader's own pipeline. The
// records reach emit in the order of a sequential reading (as they do with
// e.sequential, which reads one dump after the other).
func readDumps(e env, paths []string, opts readOptions, emit func(*schema.Record) error, done func(dumpResult, error) error) error {
	if e.sequential {
		for _, path := range paths {
			res, err := readDump(e, path, opts, emit)
			if err := done(res, err); err != nil {
				return err
			}
		}
		return nil
	}
	quit := make(chan struct{})
	start := func(path string) *dumpAhead {
		d := &dumpAhead{recs: make(chan *schema.Record, dumpsAheadRecords), finished: make(chan struct{})}
		go func() {
			defer close(d.finished)
			defer close(d.recs)
			d.res, d.err = readDump(e, path, opts, func(rec *schema.Record) error {
				select {
				case d.recs <- rec:
					return nil
				case <-quit:
					return errStopReading
				}
			})
		}()
		return d
	}
	next := start(paths[0])
	defer func() { // a dump read ahead, when done or emit ended reading
		close(quit)
		if next != nil {
			for range next.recs {
			}
			<-next.finished
		}
	}()
	for i := range paths {
		cur := next
		next = nil
		if i+1 < len(paths) {
			next = start(paths[i+1])
		}
		var emitErr error
		for rec := range cur.recs {
			if emitErr == nil {
				emitErr = emit(rec)
			}
		}
		<-cur.finished
		err := cur.err
		if emitErr != nil {
			err = emitErr
		}
		if err := done(cur.res, err); err != nil {
			return err
		}
	}
	return nil
}

// dumpAhead is a dump being read by readDumps: its records as they come,
// and its result once finished is closed.
type dumpAhead struct {
	recs     chan *schema.Record
	finished chan struct{}
	res      dumpResult
	err      error
}

// dumpsAheadRecords bounds the records of the next dump that wait while
// the current one is written.
const dumpsAheadRecords = 1024

// errStopReading ends the reading of a dump read ahead that is not wanted.
var errStopReading = errors.New("stopped reading")

// noListingDateNote is what export says once when records of Papers API
// responses or saved pages have no listing date: their items do not say the
// day they were listed (the API's responses before 2025), and no
// --listing-date was given.
const noListingDateNote = "note: %s of Papers API data with listing_date null: the items do not say the day they were listed (responses before 2025); give --listing-date name (the date in each file's name) or --listing-date YYYY-MM-DD\n"

// errNothingWritten ends an interrupted export.
var errNothingWritten = errors.New("interrupted; nothing written")

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
			err = readAhead(validate.Guard(io.MultiWriter(spool, h), 0), interrupt.reader(e.stdin))
			if errors.Is(err, validate.ErrNotDump) {
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

// readListings fills in what each dump says of the page it was captured
// from (validate.ReadListing), before any file is written: the Arrow
// schema at the head of its file records it with each dump's SHA-256.
// Only the first lines of each dump are read; spool, the copy of standard
// input, is rewound for the export.
func readListings(sources []export.Source, spool *os.File, style validate.Style, year int) error {
	for i := range sources {
		src := &sources[i]
		var l validate.Listing
		var err error
		if src.Path == "-" {
			l, err = validate.ReadListing(spool, src.Path, style, year)
			if err == nil {
				_, err = spool.Seek(0, io.SeekStart)
			}
		} else {
			var f *os.File
			if f, err = os.Open(src.Path); err == nil {
				l, err = validate.ReadListing(f, src.Path, style, year)
				err = errors.Join(err, f.Close())
			}
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", src.Path, err)
		}
		src.Style, src.Kind, src.URL, src.Query, src.CaptureDate = l.Style.String(), l.Kind, l.URL, l.Query, l.CaptureDate
	}
	return nil
}

// hashBuffer is the size of the reads of the hashing pass: at 1 MiB a
// gigabyte takes a thousand read calls, against 32,000 with io.Copy's
// default.
const hashBuffer = 1 << 20

// hashBuffers holds the hashBuffer chunks of readAhead between dumps: an
// archive of 580 small files would otherwise allocate and zero 1.7 GiB.
var hashBuffers = sync.Pool{New: func() any { buf := make([]byte, hashBuffer); return &buf }}

// readAhead copies src to dst, as io.Copy does, but reads on a goroutine
// of its own, up to two hashBuffer chunks ahead of dst: the hashing pass
// takes one core for the hash and another for the kernel's copying of the
// dump, instead of one for both in turn. It returns the first error of dst,
// at once, else that of src.
func readAhead(dst io.Writer, src io.Reader) error {
	const chunks = 3
	free := make(chan []byte, chunks)
	for range chunks {
		free <- *hashBuffers.Get().(*[]byte)
	}
	defer func() { // the buffers the goroutine does not hold go back to the pool
		for {
			select {
			case buf := <-free:
				buf = buf[:cap(buf)]
				hashBuffers.Put(&buf)
			default:
				return
			}
		}
	}()
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
	f, err := openDump(path)
	if err != nil {
		return err
	}
	err = readAhead(validate.Guard(h, 0), interrupt.reader(f))
	if errors.Is(err, validate.ErrNotDump) {
		err = nil // the reader reports it, with a position
	}
	return errors.Join(err, f.Close())
}

// removeSpool closes and removes the file that standard input was read
// into.
func removeSpool(f *os.File) error {
	return errors.Join(f.Close(), os.Remove(f.Name()))
}
