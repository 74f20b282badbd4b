package export

import (
	"container/list"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"github.com/abstracts-dev/abstracts/schema"
)

// HiveDefaultPartition is the folder value of a null partition value, as
// Hive, Spark, Trino, DuckDB and Polars read it.
const HiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// maxFolderName is the longest partition folder name: most file systems
// allow 255 bytes per name.
const maxFolderName = 255

// HiveEscape escapes a partition value for a folder name the way Hive and
// Spark do (FileUtils.escapePathName): control characters and
// "#%'*/:=?\{[]^ and DEL become %XX, upper-case hex; everything else,
// non-ASCII included, stays as it is. The empty string is the default
// partition.
func HiveEscape(v string) string {
	if v == "" {
		return HiveDefaultPartition
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if hiveEscaped(c) {
			b.WriteByte('%')
			b.WriteByte(upperHex[c>>4])
			b.WriteByte(upperHex[c&0xF])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

const upperHex = "0123456789ABCDEF"

func hiveEscaped(c byte) bool {
	if c < 0x20 || c == 0x7F {
		return true
	}
	return strings.IndexByte("\"#%'*/:=?\\{[]^", c) >= 0
}

// partitionWriter writes the records of one format to one file per
// partition, DIR/COLUMN=VALUE/BASE-NNNNN.EXT, without the partition column.
// At most maxOpen files are open; opening one more closes the least
// recently used, and a later record of its partition starts the next file
// of that partition. Records of a dump come grouped by date and by dump,
// so in practice each partition gets one file. Every file is a temporary
// file of the committer until Commit.
type partitionWriter struct {
	c         *committer
	root      string
	column    string
	value     func(*schema.Record) string
	base, ext string
	maxOpen   int
	newWriter func(io.Writer) (Writer, error)

	open  map[string]*partFile // by partition value
	lru   *list.List           // of *partFile, most recently used first
	files map[string]int       // files made so far, by folder
	last  *partFile            // the file of the last record
}

type partFile struct {
	value  string
	w      Writer
	f      *tempFile
	elem   *list.Element
	folder string
}

func newPartitionWriter(c *committer, root, column, base, ext string, maxOpen int, newWriter func(io.Writer) (Writer, error)) *partitionWriter {
	col, _ := schema.ColumnNamed(column) // a text column of PartitionColumns, as Options checked
	return &partitionWriter{c: c, root: root, column: column, value: col.Text, base: base, ext: ext,
		maxOpen: maxOpen, newWriter: newWriter, open: map[string]*partFile{}, lru: list.New(), files: map[string]int{}}
}

func (p *partitionWriter) Write(r *schema.Record) error {
	v := p.value(r)
	if p.last == nil || p.last.value != v {
		pf, err := p.get(v)
		if err != nil {
			return err
		}
		p.last = pf
	}
	return p.last.w.Write(r)
}

// get returns the open file of partition value v, opening it (and closing
// the least recently used one) if needed.
func (p *partitionWriter) get(v string) (*partFile, error) {
	if pf := p.open[v]; pf != nil {
		p.lru.MoveToFront(pf.elem)
		return pf, nil
	}
	if p.lru.Len() >= p.maxOpen {
		if err := p.closeFile(p.lru.Back().Value.(*partFile)); err != nil {
			return nil, err
		}
	}
	folder := p.column + "=" + HiveEscape(v)
	if len(folder) > maxFolderName {
		return nil, fmt.Errorf("partition folder name of %d bytes is too long (%.40q...)", len(folder), folder)
	}
	n := p.files[folder]
	p.files[folder] = n + 1
	name := fmt.Sprintf("%s-%05d.%s", p.base, n, p.ext)
	f, err := p.c.create(filepath.Join(p.root, folder), name, "."+p.base+"."+p.ext+".tmp-*")
	if err != nil {
		return nil, err
	}
	w, err := p.newWriter(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.path, err)
	}
	pf := &partFile{value: v, w: w, f: f, folder: folder}
	pf.elem = p.lru.PushFront(pf)
	p.open[v] = pf
	return pf, nil
}

// closeFile finishes one partition file.
func (p *partitionWriter) closeFile(pf *partFile) error {
	p.lru.Remove(pf.elem)
	delete(p.open, pf.value)
	if p.last == pf {
		p.last = nil
	}
	if err := pf.w.Close(); err != nil {
		return fmt.Errorf("%s: %w", pf.f.path, err)
	}
	if err := pf.f.finish(); err != nil {
		return fmt.Errorf("%s: %w", pf.f.path, err)
	}
	return nil
}

// Close finishes the open files, most recently used first.
func (p *partitionWriter) Close() error {
	for p.lru.Len() > 0 {
		if err := p.closeFile(p.lru.Front().Value.(*partFile)); err != nil {
			return err
		}
	}
	return nil
}

// stale lists the files of an earlier run of the same layout that this
// one does not replace: for the HF layout the shards data/train-*-of-*
// not written now; for partitions, the files BASE-NNNNN.EXT of the formats
// written, in any COLUMN=VALUE folder, not written now. Nothing else is
// touched.
func (o *Output) stale() ([]string, error) {
	fresh := map[string]bool{}
	for _, p := range o.finalPaths() {
		fresh[p] = true
	}
	var stale []string
	add := func(dir string, match func(string) bool) error {
		entries, err := o.c.fs.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if e.Type().IsRegular() && match(e.Name()) && !fresh[p] {
				stale = append(stale, p)
			}
		}
		return nil
	}
	switch {
	case o.opts.Layout == HF:
		shard := regexp.MustCompile(`^train-[0-9]{5,}-of-[0-9]{5,}\.parquet$`)
		return stale, add(filepath.Join(o.opts.Dir, "data"), shard.MatchString)
	case o.opts.PartitionBy != "":
		exts := make([]string, len(o.opts.Formats))
		for i, f := range o.opts.Formats {
			exts[i] = regexp.QuoteMeta(o.extension(f))
		}
		part := regexp.MustCompile(`^` + regexp.QuoteMeta(o.opts.Base) + `-[0-9]{5,}\.(` + strings.Join(exts, "|") + `)$`)
		entries, err := o.c.fs.ReadDir(o.opts.Dir)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		for _, e := range entries {
			if e.IsDir() && strings.HasPrefix(e.Name(), o.opts.PartitionBy+"=") {
				if err := add(filepath.Join(o.opts.Dir, e.Name()), part.MatchString); err != nil {
					return nil, err
				}
			}
		}
	}
	return stale, nil
}

// removeEmptied removes the partition folders that held only stale files,
// now removed. A folder that holds anything else stays.
func (o *Output) removeEmptied(stale []string) error {
	fresh := map[string]bool{}
	for _, p := range o.paths {
		fresh[filepath.Dir(p)] = true
	}
	var errs []error
	done := map[string]bool{}
	for _, p := range stale {
		d := filepath.Dir(p)
		if fresh[d] || done[d] || o.opts.PartitionBy == "" {
			continue
		}
		done[d] = true
		if err := o.c.fs.Remove(d); err != nil && !errors.Is(err, fs.ErrNotExist) &&
			!errors.Is(err, syscall.ENOTEMPTY) && !errors.Is(err, syscall.EEXIST) {
			errs = append(errs, fmt.Errorf("export: %w", err))
		}
	}
	return errors.Join(errs...)
}
