package export

import (
	"errors"
	"fmt"
	"io/fs"
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

// exportAll writes the sample records many times over to all formats.
func exportAll(fsys fileSystem, dir string, sequential bool) error {
	o, err := create(fsys, Options{Dir: dir, Base: "papers", Formats: Formats, Sequential: sequential,
		Parquet: ParquetOptions{RowGroupRows: 500}, Arrow: ArrowOptions{BatchRows: 500}})
	if err != nil {
		return err
	}
	recs := sampleRecords()
	for i := 0; i < 2000; i++ {
		if err := o.Write(&recs[i%len(recs)]); err != nil {
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

// TestOutputFaults injects a failure at every call of every file-system
// step of an export, with the formats written in turn and concurrently, and
// checks that each one is reported, leaves no new or temporary file, and
// keeps the file of an earlier run as it was.
func TestOutputFaults(t *testing.T) {
	for _, sequential := range []bool{true, false} {
		t.Run(fmt.Sprintf("sequential=%v", sequential), func(t *testing.T) { testOutputFaults(t, sequential) })
	}
}

func testOutputFaults(t *testing.T, sequential bool) {
	count := &faultFS{}
	if err := exportAll(count, filepath.Join(t.TempDir(), "out"), sequential); err != nil {
		t.Fatal(err)
	}
	ops := []string{"mkdir", "create", "write", "chmod", "sync", "close", "backup", "rename", "syncdir"}
	for _, op := range ops {
		calls := count.counts[op]
		if calls == 0 {
			t.Fatalf("a clean export makes no %s call", op)
		}
		for n := 1; n <= calls; n++ {
			if op == "write" && n > 3 && n < calls-3 && n%25 != 0 {
				continue // the first writes, some in the middle, the last ones
			}
			t.Run(fmt.Sprintf("%s#%d", op, n), func(t *testing.T) {
				parent := t.TempDir()
				dir := filepath.Join(parent, "out")
				if op != "mkdir" {
					if err := os.MkdirAll(dir, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, "papers.parquet"), []byte("earlier run"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				err := exportAll(&faultFS{op: op, n: n}, dir, sequential)
				if !errors.Is(err, errInjected) {
					t.Fatalf("error = %v, want the injected fault", err)
				}
				if op == "mkdir" {
					if names := listDir(t, parent); len(names) != 0 {
						t.Fatalf("left %v", names)
					}
					return
				}
				if names := listDir(t, dir); !slices.Equal(names, []string{"papers.parquet"}) {
					t.Fatalf("left %v, want only the earlier papers.parquet", names)
				}
				if b, err := os.ReadFile(filepath.Join(dir, "papers.parquet")); err != nil || string(b) != "earlier run" {
					t.Fatalf("earlier papers.parquet changed: %q, %v", b, err)
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
