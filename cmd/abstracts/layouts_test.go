package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"gopkg.in/yaml.v3"

	"github.com/abstracts-dev/abstracts/export"
	"github.com/abstracts-dev/abstracts/internal/gendump"
	"github.com/abstracts-dev/abstracts/schema"
)

// genDump writes a generated dump of n papers under the label to path.
func genDump(t *testing.T, path string, n int, seed uint64, label string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = gendump.Write(f, gendump.Options{Papers: n, Seed: seed, Label: label})
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
}

// tree maps every file under root to its bytes.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Fatalf("%s: different files:\n%v\n%v", what, slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b)))
	}
	for k := range a {
		if a[k] != b[k] {
			t.Errorf("%s: %s differs", what, k)
		}
	}
}

// hfCard is the part of the dataset card's YAML front matter the Hub reads.
type hfCard struct {
	Configs []struct {
		ConfigName string `yaml:"config_name"`
		DataFiles  []struct {
			Split string `yaml:"split"`
			Path  string `yaml:"path"`
		} `yaml:"data_files"`
	} `yaml:"configs"`
	DatasetInfo struct {
		Features []map[string]string `yaml:"features"`
		Splits   []struct {
			Name        string `yaml:"name"`
			NumBytes    int64  `yaml:"num_bytes"`
			NumExamples int64  `yaml:"num_examples"`
		} `yaml:"splits"`
		DownloadSize int64 `yaml:"download_size"`
		DatasetSize  int64 `yaml:"dataset_size"`
	} `yaml:"dataset_info"`
}

func readCard(t *testing.T, path string) (hfCard, string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	front, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
	if !ok || !strings.HasPrefix(string(b), "---\n") {
		t.Fatalf("%s has no YAML front matter", path)
	}
	var card hfCard
	dec := yaml.NewDecoder(strings.NewReader(front))
	dec.KnownFields(true)
	if err := dec.Decode(&card); err != nil {
		t.Fatalf("front matter: %v\n%s", err, front)
	}
	return card, body
}

var shardName = regexp.MustCompile(`^train-([0-9]{5})-of-([0-9]{5})\.parquet$`)

func TestExportHFLayout(t *testing.T) {
	dump := filepath.Join(t.TempDir(), "gen.txt")
	genDump(t, dump, 3000, 5, "Mar 14")
	want := parse(t, dump, 2024)
	const max = 512 << 10
	dir := filepath.Join(t.TempDir(), "hf")
	exportTo(t, dir, "--layout", "hf", "--year", "2024", "--max-shard-size", "512KiB", dump)

	entries, err := os.ReadDir(filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 3 {
		t.Fatalf("%d shards, want several of at most 512 KiB", len(entries))
	}
	var got []row
	var download int64
	for i, e := range entries {
		m := shardName.FindStringSubmatch(e.Name())
		if m == nil || m[1] != fmt.Sprintf("%05d", i) || m[2] != fmt.Sprintf("%05d", len(entries)) {
			t.Fatalf("shard %d is named %s", i, e.Name())
		}
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		download += info.Size()
		t.Logf("%s: %d bytes", e.Name(), info.Size())
		if info.Size() > max*11/10 {
			t.Errorf("%s: %d bytes, more than --max-shard-size 512KiB", e.Name(), info.Size())
		}
		if i > 0 && i < len(entries)-1 && info.Size() < max/2 {
			t.Errorf("%s: %d bytes, far below 512 KiB", e.Name(), info.Size())
		}
		got = append(got, readParquet(t, filepath.Join(dir, "data", e.Name()))...)
	}
	compare(t, "hf shards", got, want)

	card, body := readCard(t, filepath.Join(dir, "README.md"))
	if len(card.Configs) != 1 || card.Configs[0].ConfigName != "default" || len(card.Configs[0].DataFiles) != 1 ||
		card.Configs[0].DataFiles[0].Split != "train" || card.Configs[0].DataFiles[0].Path != "data/train-*" {
		t.Errorf("configs = %+v", card.Configs)
	}
	dtypes := map[schema.Kind][2]string{schema.String: {"dtype", "string"}, schema.Int32: {"dtype", "int32"},
		schema.Date: {"dtype", "date32"}, schema.StringList: {"list", "string"}}
	if len(card.DatasetInfo.Features) != len(schema.Columns) {
		t.Fatalf("features = %v", card.DatasetInfo.Features)
	}
	for i, c := range schema.Columns {
		f, kd := card.DatasetInfo.Features[i], dtypes[c.Kind]
		if f["name"] != c.Name || f[kd[0]] != kd[1] || len(f) != 2 {
			t.Errorf("feature %d = %v, want name %s and %s: %s", i, f, c.Name, kd[0], kd[1])
		}
	}
	info := card.DatasetInfo
	if len(info.Splits) != 1 || info.Splits[0].Name != "train" || info.Splits[0].NumExamples != int64(len(want)) {
		t.Errorf("splits = %+v, want train with %d examples", info.Splits, len(want))
	}
	var text int64
	for _, r := range want {
		text += int64(len(r.Title) + len(r.Abstract))
	}
	if info.DownloadSize != download || info.DatasetSize != info.Splits[0].NumBytes || info.DatasetSize < text {
		t.Errorf("download_size %d (files: %d), dataset_size %d, num_bytes %d (text alone: %d)",
			info.DownloadSize, download, info.DatasetSize, info.Splits[0].NumBytes, text)
	}
	sources, _, err := hashSources(env{}, []string{dump}, catchInterrupts())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{sources[0].SHA256, "Mar 14 (2024-03-14)", "load_dataset(", "| `abstract` | string | The abstract as a reader of the page sees it"} {
		if !strings.Contains(body, s) {
			t.Errorf("card body lacks %q", s)
		}
	}

	// The same dump gives the same folder, byte for byte.
	again := filepath.Join(t.TempDir(), "hf")
	exportTo(t, again, "--layout", "hf", "--max-shard-size", "512KiB", "--year", "2024", dump)
	sameTree(t, "hf repeat run", tree(t, dir), tree(t, again))

	// A new run with larger shards replaces them all: no stale shard is left.
	exportTo(t, dir, "--layout", "hf", "--year", "2024", dump)
	files := slices.Sorted(maps.Keys(tree(t, dir)))
	if !slices.Equal(files, []string{"README.md", "data/train-00000-of-00001.parquet"}) {
		t.Errorf("after a second run: %v", files)
	}
	compare(t, "one shard", readParquet(t, filepath.Join(dir, "data", "train-00000-of-00001.parquet")), want)
}

// readPartitioned reads every file of a partitioned export, adding the
// partition value from the folder name, and returns the records of each
// format sorted by source and line, with the files per folder.
func readPartitioned(t *testing.T, dir, column string) (map[string][]row, map[string][]string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	cols := export.ColumnsWithout(column)
	byFormat := map[string][]row{}
	files := map[string][]string{}
	for _, e := range entries {
		name, ok := strings.CutPrefix(e.Name(), column+"=")
		if !ok || !e.IsDir() {
			t.Fatalf("%s in a partitioned folder", e.Name())
		}
		value := ""
		if name != export.HiveDefaultPartition {
			if value, err = url.PathUnescape(name); err != nil {
				t.Fatal(err)
			}
		}
		parts, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			path := filepath.Join(dir, e.Name(), p.Name())
			files[e.Name()] = append(files[e.Name()], p.Name())
			var recs []row
			format := strings.SplitN(p.Name(), ".", 2)[1]
			switch format {
			case "parquet":
				recs = readParquetColumns(t, path, cols)
			case "arrow":
				recs = readArrow(t, path)
			case "jsonl", "jsonl.gz", "jsonl.zst":
				var fill any
				if value != "" {
					fill = value
				}
				recs = decodeJSONL(t, decompressed(t, path), map[string]any{column: fill})
			default:
				t.Fatalf("unexpected file %s", path)
			}
			for _, r := range recs {
				r[column] = nil
				if value != "" {
					r[column] = value
				}
			}
			byFormat[format] = append(byFormat[format], recs...)
		}
	}
	for _, recs := range byFormat {
		slices.SortStableFunc(recs, func(a, b row) int {
			return cmp.Or(strings.Compare(a["source"].(string), b["source"].(string)), cmp.Compare(a["line"].(int), b["line"].(int)))
		})
	}
	return byFormat, files
}

func sortRecords(recs []schema.Record) {
	slices.SortStableFunc(recs, func(a, b schema.Record) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
}

// decompressed reads a JSONL file, decompressing it by its extension.
func decompressed(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	switch filepath.Ext(path) {
	case ".gz":
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		if zr.Name != "" || !zr.ModTime.IsZero() {
			t.Errorf("%s: gzip header names %q, time %v", path, zr.Name, zr.ModTime)
		}
		r = zr
	case ".zst":
		zr, err := zstd.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExportPartitionedByDate(t *testing.T) {
	// Twelve dumps over ten dates, the first two dates again at the end:
	// more dates than open partition files (8), so the first date's
	// writer is closed before its second dump and gets a second file.
	tmp := t.TempDir()
	var dumps []string
	var want []schema.Record
	for i := range 12 {
		path := filepath.Join(tmp, fmt.Sprintf("d%02d.txt", i))
		genDump(t, path, 30, uint64(i+1), fmt.Sprintf("Jan %d", i%10+1))
		dumps = append(dumps, path)
		want = append(want, parse(t, path, 2024)...)
	}
	sortRecords(want)
	dirs := []string{filepath.Join(tmp, "a"), filepath.Join(tmp, "b"), filepath.Join(tmp, "c")}
	args := append([]string{"--partition-by", "listing_date", "--year", "2024", "--jsonl-compression", "gzip"}, dumps...)
	exportTo(t, dirs[0], args...)
	exportTo(t, dirs[1], args...)
	var stderr bytes.Buffer
	if err := runExport(env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, sequential: true},
		append([]string{"--out", dirs[2]}, args...)); err != nil {
		t.Fatalf("sequential export: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "wrote 360 records to "+dirs[2]+" (10 partitions by listing_date, 36 files)") {
		t.Errorf("stderr: %s", stderr.String())
	}

	got, files := readPartitioned(t, dirs[0], "listing_date")
	for _, format := range []string{"parquet", "arrow", "jsonl.gz"} {
		compare(t, format, got[format], want)
	}
	wantFiles := []string{"part-00000.arrow", "part-00000.jsonl.gz", "part-00000.parquet",
		"part-00001.arrow", "part-00001.jsonl.gz", "part-00001.parquet"}
	for _, d := range []string{"listing_date=2024-01-01", "listing_date=2024-01-02"} {
		if !slices.Equal(files[d], wantFiles) {
			t.Errorf("%s holds %v, want %v", d, files[d], wantFiles)
		}
	}
	if len(files) != 10 || len(files["listing_date=2024-01-10"]) != 3 {
		t.Errorf("partitions: %v", files)
	}
	sameTree(t, "repeat run", tree(t, dirs[0]), tree(t, dirs[1]))
	sameTree(t, "sequential run", tree(t, dirs[0]), tree(t, dirs[2]))

	// A later run of fewer dumps replaces the partition files: those of
	// dates no longer present go, with their folders; other files stay.
	keep := filepath.Join(dirs[0], "listing_date=2024-01-05", "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	exportTo(t, dirs[0], "--partition-by", "listing_date", "--year", "2024", "--format", "parquet", dumps[0])
	// Only Parquet was written: the other formats' files stay as they were.
	var wantLeft []string
	for d := range files {
		for _, f := range files[d] {
			if !strings.HasSuffix(f, ".parquet") {
				wantLeft = append(wantLeft, d+"/"+f)
			}
		}
	}
	wantLeft = append(wantLeft, "listing_date=2024-01-01/part-00000.parquet", "listing_date=2024-01-05/notes.txt")
	slices.Sort(wantLeft)
	if left := slices.Sorted(maps.Keys(tree(t, dirs[0]))); !slices.Equal(left, wantLeft) {
		t.Errorf("after a Parquet run:\n%v\nwant\n%v", left, wantLeft)
	}
	exportTo(t, dirs[0], "--partition-by", "listing_date", "--year", "2024", "--jsonl-compression", "gzip", dumps[0])
	wantLeft = []string{"listing_date=2024-01-01/part-00000.arrow", "listing_date=2024-01-01/part-00000.jsonl.gz",
		"listing_date=2024-01-01/part-00000.parquet", "listing_date=2024-01-05/notes.txt"}
	if left := slices.Sorted(maps.Keys(tree(t, dirs[0]))); !slices.Equal(left, wantLeft) {
		t.Errorf("after a run of one date:\n%v\nwant\n%v", left, wantLeft)
	}
	if names := listNames(t, dirs[0]); !slices.Equal(names, []string{"listing_date=2024-01-01", "listing_date=2024-01-05"}) {
		t.Errorf("folders left: %v", names)
	}
}

func listNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestExportPartitionedBySource(t *testing.T) {
	tmp := t.TempDir()
	dumps := []string{filepath.Join(tmp, "dumps", "a b#1.txt"), filepath.Join(tmp, "dumps", "mar=14.txt")}
	var want []schema.Record
	for i, d := range dumps {
		genDump(t, d, 40, uint64(i+7), "Mar 14")
		want = append(want, parse(t, d, 0)...)
	}
	sortRecords(want)
	dir := filepath.Join(tmp, "out")
	exportTo(t, dir, append([]string{"--partition-by", "source", "--jsonl-compression", "zstd"}, dumps...)...)
	got, files := readPartitioned(t, dir, "source")
	for _, format := range []string{"parquet", "arrow", "jsonl.zst"} {
		compare(t, format, got[format], want)
	}
	escaped := "source=" + strings.ReplaceAll(filepath.Join(tmp, "dumps"), "/", "%2F") + "%2F"
	for _, name := range []string{escaped + "a b%231.txt", escaped + "mar%3D14.txt"} {
		if len(files[name]) != 3 {
			t.Errorf("no partition %s: %v", name, slices.Sorted(maps.Keys(files)))
		}
	}

	// Without --year every date is null: one default partition.
	nulls := filepath.Join(tmp, "nulls")
	exportTo(t, nulls, "--partition-by", "listing_date", "--format", "parquet", dumps[0])
	if names := slices.Sorted(maps.Keys(tree(t, nulls))); !slices.Equal(names, []string{"listing_date=__HIVE_DEFAULT_PARTITION__/part-00000.parquet"}) {
		t.Errorf("null dates: %v", names)
	}
}

func TestExportCompressedJSONL(t *testing.T) {
	plain := t.TempDir()
	exportTo(t, plain, "--format", "jsonl", "--year", "2024", realDump)
	want, err := os.ReadFile(filepath.Join(plain, "papers.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ codec, ext string }{{"gzip", ".gz"}, {"zstd", ".zst"}, {"none", ""}} {
		a, b := t.TempDir(), t.TempDir()
		exportTo(t, a, "--jsonl-compression", c.codec, "--year", "2024", realDump)
		exportTo(t, b, "--jsonl-compression", c.codec, "--year", "2024", realDump)
		sameTree(t, c.codec+" repeat run", tree(t, a), tree(t, b))
		path := filepath.Join(a, "papers.jsonl"+c.ext)
		if got := decompressed(t, path); !bytes.Equal(got, want) {
			t.Errorf("%s: decompressed JSONL differs from the plain file", path)
		}
		compare(t, c.codec, decodeJSONL(t, decompressed(t, path), nil), parse(t, realDump, 2024))
		if names := slices.Sorted(maps.Keys(tree(t, a))); !slices.Equal(names, []string{"papers.arrow", "papers.jsonl" + c.ext, "papers.parquet"}) {
			t.Errorf("files: %v", names)
		}
	}
}
