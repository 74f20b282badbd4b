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
}

// Output writes one record set to several files at once. Each file is
// written to a temporary file in the target folder; Commit syncs them all
// and renames them to their final names, Abort removes them. Either all
// files appear, complete, or none does.
type Output struct {
	dir     string
	madeDir []string // folders Create made, innermost first
	files   []*outFile
}

type outFile struct {
	path string
	tmp  *os.File
	w    Writer
}

// Create makes the target folder if needed and opens a temporary file and a
// writer for each format.
func Create(opts Options) (*Output, error) {
	if len(opts.Formats) == 0 {
		return nil, errors.New("export: no format to write")
	}
	if opts.Base == "" || strings.ContainsAny(opts.Base, `/\`) || opts.Base == "." || opts.Base == ".." {
		return nil, fmt.Errorf("export: invalid base name %q", opts.Base)
	}
	o := &Output{dir: opts.Dir}
	if err := o.makeDir(); err != nil {
		return nil, err
	}
	for _, f := range opts.Formats {
		if err := o.open(f, opts); err != nil {
			return nil, errors.Join(err, o.Abort())
		}
	}
	return o, nil
}

// makeDir creates the target folder and remembers which folders it made, so
// that Abort can leave the file system as it found it.
func (o *Output) makeDir() error {
	for d := filepath.Clean(o.dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("export: %w", err)
		}
		o.madeDir = append(o.madeDir, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func (o *Output) open(f Format, opts Options) error {
	path := filepath.Join(o.dir, opts.Base+"."+string(f))
	tmp, err := os.CreateTemp(o.dir, "."+opts.Base+"."+string(f)+".tmp-*")
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
	return err
}

// Paths returns the final paths of the files, in format order.
func (o *Output) Paths() []string {
	paths := make([]string, len(o.files))
	for i, f := range o.files {
		paths[i] = f.path
	}
	return paths
}

// Write writes one record to every file.
func (o *Output) Write(r *schema.Record) error {
	for _, f := range o.files {
		if err := f.w.Write(r); err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
	}
	return nil
}

// Commit finishes every file, syncs it to disk and renames it to its final
// name. On an error before the renames, nothing is left behind.
func (o *Output) Commit() error {
	for _, f := range o.files {
		if err := f.finish(); err != nil {
			return errors.Join(fmt.Errorf("%s: %w", f.path, err), o.Abort())
		}
	}
	for i, f := range o.files {
		if err := os.Rename(f.tmp.Name(), f.path); err != nil {
			err = fmt.Errorf("export: %w", err)
			for _, rest := range o.files[i:] {
				err = errors.Join(err, removeTemp(rest.tmp.Name()))
			}
			return err
		}
	}
	return syncDir(o.dir)
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
// are empty. It is safe to call after a failed Commit.
func (o *Output) Abort() error {
	var errs []error
	for _, f := range o.files {
		if err := f.tmp.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
			errs = append(errs, fmt.Errorf("export: %w", err))
		}
		errs = append(errs, removeTemp(f.tmp.Name()))
	}
	for _, d := range o.madeDir {
		if err := os.Remove(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("export: %w", err))
		}
	}
	o.madeDir = nil
	return errors.Join(errs...)
}

func removeTemp(name string) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := d.Sync(); err != nil {
		return errors.Join(fmt.Errorf("export: sync %s: %w", dir, err), d.Close())
	}
	if err := d.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
