package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/schema"
)

func TestHiveEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2024-03-14", "2024-03-14"},
		{"", HiveDefaultPartition},
		{"dumps/mar14.txt", "dumps%2Fmar14.txt"},
		{"/abs/a b.txt", "%2Fabs%2Fa b.txt"},
		{`a=b:c?d#e%f'g"h*i\j{k[l]m^n`, "a%3Db%3Ac%3Fd%23e%25f%27g%22h%2Ai%5Cj%7Bk%5Bl%5Dm%5En"},
		{"tab\there\x7f", "tab%09here%7F"},
		{"ünï 日本.txt", "ünï 日本.txt"},
		{"-", "-"},
		{"..", ".."},
	} {
		if got := HiveEscape(c.in); got != c.want {
			t.Errorf("HiveEscape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestColumnsWithout(t *testing.T) {
	cols := ColumnsWithout("listing_date")
	if len(cols) != len(schema.Columns)-1 {
		t.Fatalf("%d columns", len(cols))
	}
	for _, c := range cols {
		if c.Name == "listing_date" {
			t.Fatal("listing_date kept")
		}
	}
	if !slices.Equal(columnNames(ColumnsWithout()), columnNames(schema.Columns)) {
		t.Error("ColumnsWithout() differs from schema.Columns")
	}
}

// TestColumnsJSONL holds the column-driven JSONL encoder, with every
// column, equal to AppendJSON, and checks that a subset leaves out exactly
// the columns dropped.
func TestColumnsJSONL(t *testing.T) {
	for _, r := range sampleRecords() {
		var all, some bytes.Buffer
		w, err := newJSONLWriter(&all, schema.Columns)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(&r); err != nil || w.Close() != nil {
			t.Fatal(err)
		}
		if want := string(AppendJSON(nil, &r)) + "\n"; all.String() != want {
			t.Errorf("all columns:\n got %s\nwant %s", all.String(), want)
		}
		w, err = newJSONLWriter(&some, ColumnsWithout("source"))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(&r); err != nil || w.Close() != nil {
			t.Fatal(err)
		}
		want := strings.Replace(all.String(), `,"source":`+string(appendString(nil, r.Source)), "", 1)
		if some.String() != want {
			t.Errorf("without source:\n got %s\nwant %s", some.String(), want)
		}
	}
}

// TestPartitionLRU writes records of 40 dates interleaved (each record a
// different date from the one before) with two files open per format:
// every record after the second closes a file, and each later record of a
// partition starts its next file, part-00001 and on. The files then hold
// every record once.
func TestPartitionLRU(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	o, err := Create(Options{Dir: dir, Base: "part", Formats: []Format{JSONL}, PartitionBy: "listing_date", MaxOpenPartitions: 2})
	if err != nil {
		t.Fatal(err)
	}
	base := sampleRecords()[0]
	const dates, rounds = 40, 3
	recs := make([]schema.Record, 0, dates*rounds)
	for round := range rounds {
		for d := range dates {
			r := base
			r.ListingDate = fmt.Sprintf("2024-01-%02d", d%28+1)
			if d >= 28 {
				r.ListingDate = fmt.Sprintf("2024-02-%02d", d-27)
			}
			r.Line = round*dates + d + 1
			recs = append(recs, r)
		}
	}
	for i := range recs {
		if err := o.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := len(o.Paths()); got != dates*rounds {
		t.Errorf("%d files, want %d (one per record)", got, dates*rounds)
	}
	lines := 0
	for d := range dates {
		date := fmt.Sprintf("2024-01-%02d", d%28+1)
		if d >= 28 {
			date = fmt.Sprintf("2024-02-%02d", d-27)
		}
		names := listDir(t, filepath.Join(dir, "listing_date="+date))
		if !slices.Equal(names, []string{"part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"}) {
			t.Fatalf("%s: %v", date, names)
		}
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, "listing_date="+date, n))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "listing_date") {
				t.Errorf("%s/%s holds the partition column", date, n)
			}
			lines += strings.Count(string(b), "\n")
		}
	}
	if lines != len(recs) {
		t.Errorf("%d lines, want %d", lines, len(recs))
	}
}

// TestCompressedJSONLDeterministic compresses the same records twice with
// each codec, on their own and concurrently with other formats.
func TestCompressedJSONLDeterministic(t *testing.T) {
	for _, codec := range []JSONLCompression{JSONLGzip, JSONLZstd} {
		var files [2][]byte
		for i := range files {
			dir := t.TempDir()
			if err := exportWith(osFS{}, Options{Dir: dir, Base: "papers", Formats: Formats, JSONLCompression: codec, Sequential: i == 0}); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, "papers."+jsonlExtension(codec)))
			if err != nil {
				t.Fatal(err)
			}
			files[i] = b
		}
		if !bytes.Equal(files[0], files[1]) {
			t.Errorf("%s: two runs differ", codec)
		}
	}
}

func TestCheckOptions(t *testing.T) {
	for _, c := range []struct {
		opts Options
		err  string
	}{
		{Options{Layout: "tree"}, `unknown layout "tree"`},
		{Options{Layout: HF}, "Parquet only"},
		{Options{Layout: HF, Formats: []Format{Parquet}, PartitionBy: "source"}, "not partitioned"},
		{Options{PartitionBy: "title"}, `cannot partition by "title"`},
		{Options{JSONLCompression: "lz4"}, `unknown compression "lz4"`},
	} {
		opts := c.opts
		opts.Dir, opts.Base = t.TempDir(), "papers"
		if opts.Formats == nil {
			opts.Formats = Formats
		}
		if _, err := Create(opts); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("Create(%+v) = %v, want an error with %q", c.opts, err, c.err)
		}
	}
}

func columnNames(cols []schema.Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}
