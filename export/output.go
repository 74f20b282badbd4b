package export

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/abstracts-dev/abstracts/schema"
)

// Format names an output format; it is also the file name extension.
type Format string

// The output formats.
const (
	JSONL   Format = "jsonl"
	Parquet Format = "parquet"
	Arrow   Format = "arrow"
)

// Formats lists every output format, in the order files are written.
var Formats = []Format{JSONL, Parquet, Arrow}

// ParseFormats parses a comma-separated list of format names such as
// "jsonl,parquet". It returns them in the order of Formats, each once.
func ParseFormats(list string) ([]Format, error) {
	want := make(map[Format]bool)
	for _, name := range strings.Split(list, ",") {
		f := Format(strings.TrimSpace(name))
		if !isFormat(f) {
			return nil, fmt.Errorf("unknown format %q (want a comma-separated list of jsonl, parquet, arrow)", name)
		}
		want[f] = true
	}
	var out []Format
	for _, f := range Formats {
		if want[f] {
			out = append(out, f)
		}
	}
	return out, nil
}

func isFormat(f Format) bool {
	for _, g := range Formats {
		if f == g {
			return true
		}
	}
	return false
}

// Layout is how the files of an export are laid out in the target folder.
type Layout string

// The layouts.
const (
	// Flat writes DIR/BASE.jsonl, DIR/BASE.parquet and DIR/BASE.arrow, or,
	// with Options.PartitionBy, one folder per value of a column.
	Flat Layout = "flat"
	// HF writes a dataset the Hugging Face Hub and the datasets library
	// load as is: Parquet shards DIR/data/train-NNNNN-of-NNNNN.parquet and
	// a dataset card, DIR/README.md.
	HF Layout = "hf"
)

// ParseLayout checks a layout name: "" is Flat.
func ParseLayout(s string) (Layout, error) {
	switch Layout(s) {
	case "", Flat:
		return Flat, nil
	case HF:
		return HF, nil
	}
	return "", fmt.Errorf("unknown layout %q (want flat or hf)", s)
}

// PartitionColumns are the columns an export can be partitioned by.
var PartitionColumns = []string{"listing_date", "source"}

// Defaults of Options.
const (
	// DefaultMaxShardBytes is the size of a Parquet shard of the HF
	// layout, the Hub's own recommendation for Parquet files.
	DefaultMaxShardBytes = 500_000_000
	// DefaultMaxOpenPartitions is how many partition files of one format
	// are open at once. Each holds up to a row group or a record batch in
	// memory, so this bounds memory however many partitions there are.
	DefaultMaxOpenPartitions = 8
)

// Options says what Create writes and where.
type Options struct {
	Dir     string   // created if missing
	Base    string   // file name without extension, such as "papers"; partition files are BASE-NNNNN.EXT
	Formats []Format // at least one; Parquet alone for the HF layout
	Parquet ParquetOptions
	Arrow   ArrowOptions

	// JSONLCompression compresses the JSONL files; "" means JSONLPlain.
	JSONLCompression JSONLCompression

	// Layout is Flat (also "") or HF.
	Layout Layout
	// MaxShardBytes is the size at which an HF shard is closed and the
	// next one begun; 0 means DefaultMaxShardBytes. A shard holds at least
	// one record and may pass the size by about one record.
	MaxShardBytes int64
	// PartitionBy names a column of PartitionColumns: each value gets a
	// folder DIR/COLUMN=VALUE (Hive style) of files without that column.
	// Only with the Flat layout.
	PartitionBy string
	// MaxOpenPartitions is how many partition files of each format are
	// open at once; 0 means DefaultMaxOpenPartitions. Opening another one
	// closes the least recently used, and a later record of that partition
	// goes to a new file, BASE-00001.EXT and so on.
	MaxOpenPartitions int

	// Sequential writes the formats one after the other on the goroutine
	// that calls Write, instead of each on a goroutine of its own. The files
	// are the same byte for byte either way.
	Sequential bool
}

// writeBatch is how many records Write collects before handing them to the
// format writers' goroutines: the hand-over is cheap per record, and a few
// batches in flight (two per format) hold little memory.
const writeBatch = 256

// Output writes one record set to several files at once. Each file is
// written to a temporary file in the folder of its final path; Commit syncs
// them all and renames them to their final names, Abort removes them.
// Either all files appear, complete, or none does: files of an earlier run
// are kept until every new file is ready, and put back if a rename fails.
// This holds for every layout: the shards and card of the HF layout, and
// every file of every partition folder.
type Output struct {
	c       *committer
	opts    Options
	sinks   []*sink
	hf      *shardWriter     // the HF layout's Parquet shards
	pending []*schema.Record // records not yet handed to the writers
	running bool             // the writers' goroutines run
	paths   []string         // the final paths, once committed
}

// sink is what one format writes to: a single file (Flat), the shards of
// the HF layout, or the files of the partitions. Its goroutine writes the
// batches of its queue.
type sink struct {
	name   string // for messages: the final path, or the folder and format
	w      Writer
	finish func() error // closes w and finishes (syncs, closes) its files

	queue chan []*schema.Record // to the writer's goroutine
	done  chan struct{}         // closed when the goroutine ends
	err   error                 // why it ended early; read after done
}

// Create makes the target folder if needed and opens a temporary file and a
// writer for each format.
func Create(opts Options) (*Output, error) { return create(osFS{}, opts) }

func create(fsys fileSystem, opts Options) (*Output, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	c, err := newCommitter(fsys, opts.Dir)
	if err != nil {
		return nil, err
	}
	o := &Output{c: c, opts: opts}
	for _, f := range opts.Formats {
		if err := o.open(f); err != nil {
			return nil, errors.Join(err, o.Abort())
		}
	}
	if !opts.Sequential {
		o.running = true
		for _, s := range o.sinks {
			s.queue, s.done = make(chan []*schema.Record, 2), make(chan struct{})
			go s.run()
		}
	}
	return o, nil
}

func checkOptions(opts *Options) error {
	if len(opts.Formats) == 0 {
		return errors.New("export: no format to write")
	}
	if opts.Base == "" || strings.ContainsAny(opts.Base, `/\`) || opts.Base == "." || opts.Base == ".." {
		return fmt.Errorf("export: invalid base name %q", opts.Base)
	}
	var err error
	if opts.Layout, err = ParseLayout(string(opts.Layout)); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if opts.JSONLCompression, err = ParseJSONLCompression(string(opts.JSONLCompression)); err != nil {
		return fmt.Errorf("export: JSONL: %w", err)
	}
	if opts.Parquet.Compression, err = ParseParquetCompression(string(opts.Parquet.Compression)); err != nil {
		return fmt.Errorf("export: Parquet: %w", err)
	}
	if opts.Arrow.Compression, err = ParseArrowCompression(string(opts.Arrow.Compression)); err != nil {
		return fmt.Errorf("export: Arrow: %w", err)
	}
	if opts.PartitionBy != "" && !slices.Contains(PartitionColumns, opts.PartitionBy) {
		return fmt.Errorf("export: cannot partition by %q (want one of %s)", opts.PartitionBy, strings.Join(PartitionColumns, ", "))
	}
	if opts.Layout == HF {
		if !slices.Equal(opts.Formats, []Format{Parquet}) {
			return errors.New("export: the hf layout writes Parquet only")
		}
		if opts.PartitionBy != "" {
			return errors.New("export: the hf layout is not partitioned")
		}
	}
	opts.Parquet.Metadata.ToolVersion = opts.Parquet.Metadata.toolVersion() // the card shows it
	opts.Arrow.Metadata.ToolVersion = opts.Arrow.Metadata.toolVersion()
	if opts.MaxShardBytes < 0 || opts.MaxOpenPartitions < 0 {
		return errors.New("export: negative shard size or partition count")
	}
	if opts.MaxShardBytes == 0 {
		opts.MaxShardBytes = DefaultMaxShardBytes
	}
	if opts.MaxOpenPartitions == 0 {
		opts.MaxOpenPartitions = DefaultMaxOpenPartitions
	}
	return nil
}

// run writes the batches of the queue until it is closed or a write fails.
func (s *sink) run() {
	defer close(s.done)
	for recs := range s.queue {
		for _, r := range recs {
			if err := s.w.Write(r); err != nil {
				s.err = fmt.Errorf("%s: %w", s.name, err)
				return
			}
		}
	}
}

// extension returns the file name extension of a format.
func (o *Output) extension(f Format) string {
	if f == JSONL {
		return jsonlExtension(o.opts.JSONLCompression)
	}
	return string(f)
}

// newWriter returns the writer of format f to w, writing cols (nil: all
// of schema.Columns).
func (o *Output) newWriter(f Format, w io.Writer, cols []schema.Column) (Writer, error) {
	switch f {
	case JSONL:
		var out io.Writer = w
		var z io.WriteCloser
		if o.opts.JSONLCompression != JSONLPlain {
			var err error
			if z, err = newCompressor(w, o.opts.JSONLCompression); err != nil {
				return nil, err
			}
			out = z
		}
		if cols == nil {
			cols = schema.Columns
		}
		jw, err := newJSONLWriter(out, cols)
		if err != nil {
			return nil, err
		}
		if z != nil {
			return &compressedWriter{Writer: jw, z: z}, nil
		}
		return jw, nil
	case Parquet:
		opts := o.opts.Parquet
		opts.Columns = cols
		return NewParquetWriter(w, opts)
	case Arrow:
		opts := o.opts.Arrow
		opts.Columns = cols
		return NewArrowWriter(w, opts)
	}
	return nil, fmt.Errorf("export: unknown format %q", f)
}

// open makes the sink of format f.
func (o *Output) open(f Format) error {
	if !isFormat(f) {
		return fmt.Errorf("export: unknown format %q", f)
	}
	ext := o.extension(f)
	switch {
	case o.opts.Layout == HF:
		o.hf = &shardWriter{c: o.c, dir: filepath.Join(o.opts.Dir, "data"), max: o.opts.MaxShardBytes,
			newWriter: func(w io.Writer) (*ParquetWriter, error) { return NewParquetWriter(w, o.opts.Parquet) },
			ratio:     1}
		o.sinks = append(o.sinks, &sink{name: filepath.Join(o.opts.Dir, "data"), w: o.hf, finish: o.hf.Close})
		return nil
	case o.opts.PartitionBy != "":
		cols := ColumnsWithout(o.opts.PartitionBy)
		p := newPartitionWriter(o.c, o.opts.Dir, o.opts.PartitionBy, o.opts.Base, ext, o.opts.MaxOpenPartitions,
			func(w io.Writer) (Writer, error) { return o.newWriter(f, w, cols) })
		o.sinks = append(o.sinks, &sink{name: filepath.Join(o.opts.Dir, o.opts.PartitionBy+"=*", o.opts.Base+"-*."+ext), w: p, finish: p.Close})
		return nil
	}
	name := o.opts.Base + "." + ext
	tmp, err := o.c.create(o.opts.Dir, name, "."+name+".tmp-*")
	if err != nil {
		return err
	}
	w, err := o.newWriter(f, tmp, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", tmp.path, err)
	}
	o.sinks = append(o.sinks, &sink{name: tmp.path, w: w, finish: func() error {
		if err := w.Close(); err != nil {
			return err
		}
		return tmp.finish()
	}})
	return nil
}

// Paths returns the final paths of the files: in format order for the
// flat layout, sorted for the others. Before Commit it returns the paths
// known so far.
func (o *Output) Paths() []string {
	if o.paths != nil {
		return o.paths
	}
	return o.finalPaths()
}

func (o *Output) finalPaths() []string {
	o.c.mu.Lock()
	defer o.c.mu.Unlock()
	var paths []string
	for _, f := range o.c.files {
		if f.path != "" {
			paths = append(paths, f.path)
		}
	}
	if o.opts.Layout == HF || o.opts.PartitionBy != "" {
		slices.Sort(paths)
	}
	return paths
}

// Write writes one record to every file. The record is written later, on
// the writers' goroutines: the caller must not change it afterwards.
func (o *Output) Write(r *schema.Record) error {
	if !o.running {
		for _, s := range o.sinks {
			if err := s.w.Write(r); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
		return nil
	}
	o.pending = append(o.pending, r)
	if len(o.pending) < writeBatch {
		return nil
	}
	return o.flush()
}

// flush hands the pending records to every writer's goroutine. It blocks
// while a writer is two batches behind, which bounds the memory in flight.
func (o *Output) flush() error {
	recs := o.pending
	o.pending = make([]*schema.Record, 0, writeBatch)
	for _, s := range o.sinks {
		select {
		case s.queue <- recs:
		case <-s.done:
			err := s.err
			s.err = nil // reported here, not again by stop
			return err
		}
	}
	return nil
}

// stop closes the writers' queues and waits for their goroutines to end,
// returning the first error one of them met.
func (o *Output) stop() error {
	if !o.running {
		return nil
	}
	o.running = false
	var errs []error
	for _, s := range o.sinks {
		close(s.queue)
	}
	for _, s := range o.sinks {
		<-s.done
		errs = append(errs, s.err)
	}
	return errors.Join(errs...)
}

// Commit finishes every file, syncs it to disk and renames it to its final
// name. If any step fails, the temporary files are removed and files of an
// earlier run are left as they were (put back, if some renames had already
// happened). Files of an earlier run of the same layout that the new ones
// do not replace (shards beyond the new count, partition files of values
// no longer present) are removed with the same guarantee.
func (o *Output) Commit() error {
	var err error
	if o.running && len(o.pending) > 0 {
		err = o.flush()
	}
	if err := errors.Join(err, o.stop()); err != nil {
		return errors.Join(err, o.Abort())
	}
	if err := o.finish(); err != nil {
		return errors.Join(err, o.Abort())
	}
	if o.hf != nil {
		if err := o.writeCard(); err != nil {
			return errors.Join(err, o.Abort())
		}
	}
	stale, err := o.stale()
	if err != nil {
		return errors.Join(err, o.Abort())
	}
	paths := o.finalPaths()
	if err := o.c.commit(stale); err != nil {
		return err // the committer has aborted
	}
	o.paths = paths
	return o.removeEmptied(stale)
}

// finish closes every sink's writer and syncs its files, each sink on a
// goroutine of its own unless Options.Sequential, so that the last
// encoding and the sync of one format overlap those of the others. It
// returns the error of the first format that failed.
func (o *Output) finish() error {
	errs := make([]error, len(o.sinks))
	var wg sync.WaitGroup
	for i, s := range o.sinks {
		if o.opts.Sequential {
			if errs[i] = s.finish(); errs[i] != nil {
				break
			}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.finish()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("%s: %w", o.sinks[i].name, err)
		}
	}
	return nil
}

// Abort removes every temporary file, and the folders Create made if they
// are empty. It is safe to call more than once, and after a failed Commit.
func (o *Output) Abort() error {
	return errors.Join(o.stop(), o.c.abort())
}

// WriteFileAtomic writes the file at path, creating its folder if needed,
// the way Output writes each of its files: write gets a temporary file in
// the same folder; if write returns nil, the file is synced and renamed to
// path, replacing any file there, and the folder is synced. Otherwise, or if
// a step fails, the temporary file and the folders made are removed and a
// file already at path is left as it was. write should not keep w.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	return writeFileAtomic(osFS{}, path, write)
}

func writeFileAtomic(fsys fileSystem, path string, write func(w io.Writer) error) error {
	dir, name := filepath.Split(filepath.Clean(path))
	if dir == "" {
		dir = "."
	}
	if name == "" || name == "." || name == ".." || name == string(filepath.Separator) {
		return fmt.Errorf("export: cannot write a file at %q", path)
	}
	c, err := newCommitter(fsys, dir)
	if err != nil {
		return err
	}
	tmp, err := c.create(dir, name, "."+name+".tmp-*")
	if err != nil {
		return errors.Join(err, c.abort())
	}
	if err := write(tmp); err != nil {
		return errors.Join(err, c.abort())
	}
	if err := tmp.finish(); err != nil {
		return errors.Join(fmt.Errorf("%s: %w", tmp.path, err), c.abort())
	}
	return c.commit(nil)
}
