package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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

// Options says what Create writes and where.
type Options struct {
	Dir     string   // created if missing
	Base    string   // file name without extension, such as "papers"
	Formats []Format // at least one
	Parquet ParquetOptions
	Arrow   ArrowOptions

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
// written to a temporary file in the target folder; Commit syncs them all
// and renames them to their final names, Abort removes them. Either all
// files appear, complete, or none does: files of an earlier run are kept
// until every new file is ready, and put back if a rename fails.
type Output struct {
	fs      fileSystem
	dir     string
	madeDir []string // folders Create made, innermost first
	files   []*outFile
	pending []*schema.Record // records not yet handed to the writers
	running bool             // the writers' goroutines run
}

type outFile struct {
	path string
	tmp  outputFile
	w    Writer

	queue chan []*schema.Record // to the writer's goroutine
	done  chan struct{}         // closed when the goroutine ends
	err   error                 // why it ended early; read after done
}

// Create makes the target folder if needed and opens a temporary file and a
// writer for each format.
func Create(opts Options) (*Output, error) { return create(osFS{}, opts) }

func create(fsys fileSystem, opts Options) (*Output, error) {
	if len(opts.Formats) == 0 {
		return nil, errors.New("export: no format to write")
	}
	if opts.Base == "" || strings.ContainsAny(opts.Base, `/\`) || opts.Base == "." || opts.Base == ".." {
		return nil, fmt.Errorf("export: invalid base name %q", opts.Base)
	}
	o := &Output{fs: fsys, dir: opts.Dir}
	if err := o.makeDir(); err != nil {
		return nil, err
	}
	for _, f := range opts.Formats {
		if err := o.open(f, opts); err != nil {
			return nil, errors.Join(err, o.Abort())
		}
	}
	if !opts.Sequential {
		o.running = true
		for _, f := range o.files {
			f.queue, f.done = make(chan []*schema.Record, 2), make(chan struct{})
			go f.run()
		}
	}
	return o, nil
}

// run writes the batches of the queue until it is closed or a write fails.
func (f *outFile) run() {
	defer close(f.done)
	for recs := range f.queue {
		for _, r := range recs {
			if err := f.w.Write(r); err != nil {
				f.err = fmt.Errorf("%s: %w", f.path, err)
				return
			}
		}
	}
}

// makeDir creates the target folder and remembers which folders it made, so
// that Abort can leave the file system as it found it.
func (o *Output) makeDir() error {
	for d := filepath.Clean(o.dir); ; d = filepath.Dir(d) {
		if _, err := o.fs.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("export: %w", err)
		}
		o.madeDir = append(o.madeDir, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := o.fs.MkdirAll(o.dir, 0o755); err != nil {
		return errors.Join(fmt.Errorf("export: %w", err), o.removeMadeDirs())
	}
	return nil
}

func (o *Output) open(f Format, opts Options) error {
	path := filepath.Join(o.dir, opts.Base+"."+string(f))
	tmp, err := o.fs.CreateTemp(o.dir, "."+opts.Base+"."+string(f)+".tmp-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	file := &outFile{path: path, tmp: tmp}
	o.files = append(o.files, file)
	switch f {
	case JSONL:
		file.w = NewJSONLWriter(tmp)
	case Parquet:
		file.w, err = NewParquetWriter(tmp, opts.Parquet)
	case Arrow:
		file.w, err = NewArrowWriter(tmp, opts.Arrow)
	default:
		err = fmt.Errorf("export: unknown format %q", f)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Paths returns the final paths of the files, in format order.
func (o *Output) Paths() []string {
	paths := make([]string, len(o.files))
	for i, f := range o.files {
		paths[i] = f.path
	}
	return paths
}

// Write writes one record to every file. The record is written later, on
// the writers' goroutines: the caller must not change it afterwards.
func (o *Output) Write(r *schema.Record) error {
	if !o.running {
		for _, f := range o.files {
			if err := f.w.Write(r); err != nil {
				return fmt.Errorf("%s: %w", f.path, err)
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
	for _, f := range o.files {
		select {
		case f.queue <- recs:
		case <-f.done:
			err := f.err
			f.err = nil // reported here, not again by stop
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
	for _, f := range o.files {
		close(f.queue)
	}
	for _, f := range o.files {
		<-f.done
		errs = append(errs, f.err)
	}
	return errors.Join(errs...)
}

// Commit finishes every file, syncs it to disk and renames it to its final
// name. If any step fails, the temporary files are removed and files of an
// earlier run are left as they were (put back, if some renames had already
// happened).
func (o *Output) Commit() error {
	var err error
	if o.running && len(o.pending) > 0 {
		err = o.flush()
	}
	if err := errors.Join(err, o.stop()); err != nil {
		return errors.Join(err, o.Abort())
	}
	for _, f := range o.files {
		if err := f.finish(); err != nil {
			return errors.Join(fmt.Errorf("%s: %w", f.path, err), o.Abort())
		}
	}
	// Keep a hard link to each file an earlier run left, so that a failed
	// rename can put it back.
	backups := make([]string, len(o.files))
	for i, f := range o.files {
		b, err := o.fs.Backup(f.path)
		if err != nil {
			return errors.Join(fmt.Errorf("export: keep %s: %w", f.path, err), o.dropBackups(backups), o.Abort())
		}
		backups[i] = b
	}
	for i, f := range o.files {
		if err := o.fs.Rename(f.tmp.Name(), f.path); err != nil {
			err = fmt.Errorf("export: %w", err)
			return errors.Join(err, o.rollBack(i, backups), o.dropBackups(backups), o.Abort())
		}
	}
	if err := o.fs.SyncDir(o.dir); err != nil {
		err = fmt.Errorf("export: sync %s: %w", o.dir, err)
		return errors.Join(err, o.rollBack(len(o.files), backups), o.dropBackups(backups), o.Abort())
	}
	return o.dropBackups(backups)
}

// rollBack undoes the first n renames: the earlier file comes back, or the
// new one goes if there was none.
func (o *Output) rollBack(n int, backups []string) error {
	var errs []error
	for i, f := range o.files[:n] {
		if backups[i] == "" {
			errs = append(errs, remove(o.fs, f.path))
			continue
		}
		if err := o.fs.Rename(backups[i], f.path); err != nil {
			errs = append(errs, fmt.Errorf("export: restore %s: %w", f.path, err))
		}
		backups[i] = ""
	}
	return errors.Join(errs...)
}

func (o *Output) dropBackups(backups []string) error {
	var errs []error
	for _, b := range backups {
		if b != "" {
			errs = append(errs, remove(o.fs, b))
		}
	}
	return errors.Join(errs...)
}

// finish flushes the format writer, then syncs and closes the file, so that
// a crash after the rename cannot leave an empty file.
func (f *outFile) finish() error {
	if err := f.w.Close(); err != nil {
		return err
	}
	if err := f.tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := f.tmp.Sync(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := f.tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// Abort removes every temporary file, and the folders Create made if they
// are empty. It is safe to call more than once, and after a failed Commit.
func (o *Output) Abort() error {
	errs := []error{o.stop()}
	for _, f := range o.files {
		if err := f.tmp.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
			errs = append(errs, fmt.Errorf("export: %w", err))
		}
		errs = append(errs, remove(o.fs, f.tmp.Name()))
	}
	return errors.Join(append(errs, o.removeMadeDirs())...)
}

func (o *Output) removeMadeDirs() error {
	var errs []error
	for _, d := range o.madeDir {
		errs = append(errs, remove(o.fs, d))
	}
	o.madeDir = nil
	return errors.Join(errs...)
}

// remove removes a file or an empty folder; one already gone is no error.
func remove(fsys fileSystem, name string) error {
	if err := fsys.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
