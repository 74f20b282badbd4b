package export

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

var errInjected = errors.New("injected fault")

// faultFS is the real file system with one failure injected: the n-th call
// (1-based) of operation op fails. With n == 0 it only counts calls.
type faultFS struct {
	osFS
	op     string
	n      int
	mu     sync.Mutex // the format writers call from their goroutines
	counts map[string]int
}

func (f *faultFS) hit(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.counts == nil {
		f.counts = map[string]int{}
	}
	f.counts[op]++
	if op == f.op && f.counts[op] == f.n {
		return fmt.Errorf("%s: %w", op, errInjected)
	}
	return nil
}

func (f *faultFS) MkdirAll(path string, perm fs.FileMode) error {
	if err := f.hit("mkdir"); err != nil {
		return err
	}
	return f.osFS.MkdirAll(path, perm)
}

func (f *faultFS) CreateTemp(dir, pattern string) (outputFile, error) {
	if err := f.hit("create"); err != nil {
		return nil, err
	}
	file, err := f.osFS.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &faultFile{outputFile: file, fs: f}, nil
}

func (f *faultFS) Rename(oldpath, newpath string) error {
	if err := f.hit("rename"); err != nil {
		return err
	}
	return f.osFS.Rename(oldpath, newpath)
}

func (f *faultFS) Backup(path string) (string, error) {
	if err := f.hit("backup"); err != nil {
		return "", err
	}
	return f.osFS.Backup(path)
}

func (f *faultFS) SyncDir(dir string) error {
	if err := f.hit("syncdir"); err != nil {
		return err
	}
	return f.osFS.SyncDir(dir)
}

type faultFile struct {
	outputFile
	fs *faultFS
}

func (f *faultFile) Write(p []byte) (int, error) {
	if err := f.fs.hit("write"); err != nil {
		return 0, err
	}
	return f.outputFile.Write(p)
}

func (f *faultFile) Chmod(mode fs.FileMode) error {
	if err := f.fs.hit("chmod"); err != nil {
		return err
	}
	return f.outputFile.Chmod(mode)
}

func (f *faultFile) Sync() error {
	if err := f.fs.hit("sync"); err != nil {
		return err
	}
	return f.outputFile.Sync()
}

func (f *faultFile) Close() error {
	if err := f.fs.hit("close"); err != nil {
		f.outputFile.Close() // the fault stands for this close; the file must still be released
		return err
	}
	return f.outputFile.Close()
}

func (f *faultFS) Trash(path string) (string, error) {
	if err := f.hit("trash"); err != nil {
		return "", err
	}
	return f.osFS.Trash(path)
}

// exportAll writes the sample records many times over to all formats.
func exportAll(fsys fileSystem, dir string, sequential bool) error {
	return exportWith(fsys, Options{Dir: dir, Base: "papers", Formats: Formats, Sequential: sequential})
}

// exportWith writes the sample records 2,000 times over, in runs of 250
// records of the same sample, with small row groups and batches.
func exportWith(fsys fileSystem, opts Options) error {
	opts.Parquet.RowGroupRows, opts.Arrow.BatchRows = 500, 500
	o, err := create(fsys, opts)
	if err != nil {
		return err
	}
	recs := sampleRecords()
	for i := 0; i < 2000; i++ {
		if err := o.Write(&recs[(i/250)%len(recs)]); err != nil {
			return errors.Join(err, o.Abort())
		}
	}
	return o.Commit()
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// snapshot maps every file and folder under root (folders with a trailing
// slash) to its content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			tree[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(path)
		tree[rel] = string(b)
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// faultScenario is one export whose every file-system step gets a fault:
// the options (Dir is filled in) and the files an earlier run left.
type faultScenario struct {
	name    string
	opts    Options
	earlier map[string]string
}

var faultScenarios = []faultScenario{
	{"flat", Options{Base: "papers", Formats: Formats},
		map[string]string{"papers.parquet": "earlier run"}},
	{"flat, compressed JSONL", Options{Base: "papers", Formats: []Format{JSONL}, JSONLCompression: JSONLZstd},
		map[string]string{"papers.jsonl.zst": "earlier run"}},
	{"hf", Options{Base: "papers", Formats: []Format{Parquet}, Layout: HF, MaxShardBytes: 200 << 10},
		map[string]string{"README.md": "earlier card", "data/train-00000-of-00009.parquet": "earlier shard",
			"data/train-00008-of-00009.parquet": "stale shard", "data/notes.txt": "not ours"}},
	{"partitioned", Options{Base: "part", Formats: Formats, PartitionBy: "listing_date", MaxOpenPartitions: 2, JSONLCompression: JSONLGzip},
		map[string]string{"listing_date=2024-03-14/part-00000.parquet": "earlier run",
			"listing_date=2024-03-14/keep.txt":         "not ours",
			"listing_date=2020-01-01/part-00000.arrow": "stale partition"}},
}

// TestOutputFaults injects a failure at every call of every file-system
// step of an export, for each layout, with the formats written in turn and
// concurrently, and checks that each one is reported, leaves no new or
// temporary file or folder, and keeps the files of an earlier run as they
// were.
func TestOutputFaults(t *testing.T) {
	for _, sc := range faultScenarios {
		for _, sequential := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/sequential=%v", sc.name, sequential), func(t *testing.T) {
				t.Parallel()
				testOutputFaults(t, sc, sequential)
			})
		}
	}
}

func testOutputFaults(t *testing.T, sc faultScenario, sequential bool) {
	run := func(fsys fileSystem, dir string) error {
		opts := sc.opts
		opts.Dir, opts.Sequential = dir, sequential
		return exportWith(fsys, opts)
	}
	// Calls are counted as the fault runs make them: mkdir into a new
	// folder, the others into one that holds an earlier run's files.
	fresh, earlier := &faultFS{}, &faultFS{}
	if err := run(fresh, filepath.Join(t.TempDir(), "out")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	writeFiles(t, dir, sc.earlier)
	if err := run(earlier, dir); err != nil {
		t.Fatal(err)
	}
	ops := []string{"mkdir", "create", "write", "chmod", "sync", "close", "backup", "rename", "trash", "syncdir"}
	for _, op := range ops {
		count := earlier
		if op == "mkdir" {
			count = fresh
		}
		calls := count.counts[op]
		if calls == 0 && op != "trash" {
			t.Fatalf("a clean export makes no %s call", op)
		}
		for n := 1; n <= calls; n++ {
			if calls > 12 && n > 3 && n < calls-3 && n%(calls/6) != 0 {
				continue // the first calls, some in the middle, the last ones
			}
			t.Run(fmt.Sprintf("%s#%d", op, n), func(t *testing.T) {
				parent := t.TempDir()
				dir := filepath.Join(parent, "out")
				if op != "mkdir" {
					writeFiles(t, dir, sc.earlier)
				}
				before := snapshot(t, parent)
				err := run(&faultFS{op: op, n: n}, dir)
				if !errors.Is(err, errInjected) {
					t.Fatalf("error = %v, want the injected fault", err)
				}
				after := snapshot(t, parent)
				if !maps.Equal(before, after) {
					t.Fatalf("files changed:\nbefore %v\nafter  %v", before, after)
				}
			})
		}
	}
}

func TestOutputReplacesEarlierRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "papers.jsonl"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := exportAll(osFS{}, dir, false); err != nil {
		t.Fatal(err)
	}
	if names := listDir(t, dir); !slices.Equal(names, []string{"papers.arrow", "papers.jsonl", "papers.parquet"}) {
		t.Fatalf("files = %v", names)
	}
	b, err := os.ReadFile(filepath.Join(dir, "papers.jsonl"))
	if err != nil || strings.Count(string(b), "\n") != 2000 {
		t.Fatalf("papers.jsonl not replaced: %d lines, %v", strings.Count(string(b), "\n"), err)
	}
	info, err := os.Stat(filepath.Join(dir, "papers.arrow"))
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("papers.arrow mode %v, %v", info.Mode(), err)
	}
}

func TestOutputAbortRemovesMadeFolders(t *testing.T) {
	parent := t.TempDir()
	o, err := Create(Options{Dir: filepath.Join(parent, "a", "b"), Base: "papers", Formats: []Format{JSONL}})
	if err != nil {
		t.Fatal(err)
	}
	recs := sampleRecords()
	if err := o.Write(&recs[0]); err != nil {
		t.Fatal(err)
	}
	if err := o.Abort(); err != nil {
		t.Fatal(err)
	}
	if names := listDir(t, parent); len(names) != 0 {
		t.Fatalf("left %v", names)
	}
}

func TestParseFormats(t *testing.T) {
	got, err := ParseFormats("arrow, jsonl,arrow")
	if err != nil || !slices.Equal(got, []Format{JSONL, Arrow}) {
		t.Errorf("ParseFormats = %v, %v", got, err)
	}
	if _, err := ParseFormats("jsonl,csv"); err == nil || !strings.Contains(err.Error(), `"csv"`) {
		t.Errorf("unknown format error = %v", err)
	}
}
