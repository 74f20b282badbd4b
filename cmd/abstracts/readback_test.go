package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/abstracts-dev/abstracts/export"
	"github.com/abstracts-dev/abstracts/internal/gendump"
	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

const realDump = "../../testdata/hf-papers-mar14.txt"

// parse reads a dump with the validate package alone: the records every
// exported file must hold.
func parse(t *testing.T, path string, year int) []schema.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := validate.NewReader(f, path)
	r.Year = year
	var recs []schema.Record
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, *rec)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return recs
}

// exportTo runs "abstracts export" in-process and fails the test unless it
// exits 0.
func exportTo(t *testing.T, dir string, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"export", "--out", dir}, args...), strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("export %v: exit %d\n%s", args, code, stderr.String())
	}
}

// nonASCIIDump writes a small dump with non-ASCII text, a paper without
// URLs and quotes and HTML characters, returning its path.
func nonASCIIDump(t *testing.T) string {
	abstract := strings.Repeat("Über die Schrödinger-Brücke: <b>&</b> \"quoted\" 日本語 😀 text. ", 3)
	abstract = strings.TrimSpace(abstract)
	text := "new\n\nNov 3\n\nLight Schrödinger Bridge\n\n" + abstract + " Code: https://github.com/ngushchin/LightSB.\n\n" +
		"Ünïcödé Title Without Links\n\n" + abstract + "\n"
	path := filepath.Join(t.TempDir(), "unicode.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportReadBack(t *testing.T) {
	cases := []struct {
		name string
		dump string
		year int
		args []string
	}{
		{"real dump, dated", realDump, 2024, []string{"--year", "2024"}},
		{"real dump, null dates, snappy and lz4", realDump, 0, []string{"--compression", "snappy", "--arrow-compression", "lz4"}},
		{"non-ASCII, empty URL lists", "", 0, []string{"--compression", "gzip", "--arrow-compression", "zstd"}},
		{"uncompressed", "", 2023, []string{"--year", "2023", "--compression", "none"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dump := c.dump
			if dump == "" {
				dump = nonASCIIDump(t)
			}
			want := parse(t, dump, c.year)
			dir := t.TempDir()
			exportTo(t, dir, append(c.args, dump)...)

			compare(t, "jsonl", readJSONL(t, filepath.Join(dir, "papers.jsonl")), want)
			compare(t, "parquet", readParquet(t, filepath.Join(dir, "papers.parquet")), want)
			compare(t, "arrow", readArrow(t, filepath.Join(dir, "papers.arrow")), want)
		})
	}
}

// row is a record as a reader gives it back: each column's JSON value (a
// string, an int, a []any of strings, or nil for null), the form
// schema.Record.Map gives, so that every column of schema.Columns is
// compared without listing them.
type row = map[string]any

// rowsOf returns the records as rows.
func rowsOf(recs []schema.Record) []row {
	out := make([]row, len(recs))
	for i := range recs {
		out[i] = recs[i].Map()
	}
	return out
}

// compare fails the test unless the rows read back equal the parsed
// records, column by column.
func compare(t *testing.T, format string, got []row, want []schema.Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d records, want %d", format, len(got), len(want))
	}
	for i, w := range rowsOf(want) {
		for _, c := range schema.Columns {
			if g, ok := got[i][c.Name]; !ok || !reflect.DeepEqual(g, w[c.Name]) {
				t.Errorf("%s: record %d, column %s: got %#v, want %#v", format, i+1, c.Name, g, w[c.Name])
			}
		}
		if len(got[i]) != len(schema.Columns) {
			t.Errorf("%s: record %d has %d columns, want %d", format, i+1, len(got[i]), len(schema.Columns))
		}
	}
}

// readJSONL reads a JSONL file line by line, checks each line against the
// schema and decodes it.
func readJSONL(t *testing.T, path string) []row {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return decodeJSONL(t, data, nil)
}

// decodeJSONL decodes JSON Lines; fill holds the values of the columns a
// partition file leaves out, added to each line before the schema check.
func decodeJSONL(t *testing.T, data []byte, fill map[string]any) []row {
	t.Helper()
	var out []row
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		d := json.NewDecoder(strings.NewReader(line))
		d.UseNumber()
		var v map[string]any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		for k, x := range fill {
			if _, ok := v[k]; ok {
				t.Fatalf("line %d holds the partition column %q", i+1, k)
			}
			v[k] = x
		}
		if err := schema.Validate(v); err != nil {
			t.Fatalf("line %d fails the schema: %v", i+1, err)
		}
		for k, x := range v {
			if n, ok := x.(json.Number); ok {
				n64, err := n.Int64()
				if err != nil {
					t.Fatalf("line %d: %s: %v", i+1, k, err)
				}
				v[k] = int(n64)
			}
		}
		out = append(out, v)
	}
	return out
}

// readParquet reads a Parquet file with Arrow's own Parquet implementation,
// independent of the writer, and checks the footer's logical types.
func readParquet(t *testing.T, path string) []row {
	t.Helper()
	return readParquetColumns(t, path, schema.Columns)
}

// readParquetColumns reads a Parquet file that holds the columns cols (a
// partition file lacks its partition column, read as the zero value).
func readParquetColumns(t *testing.T, path string, cols []schema.Column) []row {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	checkParquetTypes(t, rdr, cols)
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	tr := array.NewTableReader(tbl, -1)
	defer tr.Release()
	var out []row
	for tr.Next() {
		out = append(out, recordsOf(t, tr.Record())...)
	}
	return out
}

func checkParquetTypes(t *testing.T, rdr *file.Reader, cols []schema.Column) {
	t.Helper()
	sc := rdr.MetaData().Schema
	logical := map[schema.Kind]string{
		schema.String: "String", schema.Int32: "Int(bitWidth=32, isSigned=true)",
		schema.Date: "Date", schema.StringList: "List",
	}
	root := sc.Root()
	if root.NumFields() != len(cols) {
		t.Fatalf("parquet has %d columns", root.NumFields())
	}
	for i, col := range cols {
		n := root.Field(i)
		if n.Name() != col.Name {
			t.Errorf("parquet column %d is %q, want %q", i, n.Name(), col.Name)
		}
		lt := n.LogicalType()
		if got := lt.String(); got != logical[col.Kind] && !(col.Kind == schema.Int32 && lt.IsNone()) {
			t.Errorf("parquet column %q logical type %s, want %s", col.Name, got, logical[col.Kind])
		}
		if (n.RepetitionType() == parquet.Repetitions.Optional) != col.Nullable {
			t.Errorf("parquet column %q repetition %v, nullable %v", col.Name, n.RepetitionType(), col.Nullable)
		}
	}
	kv := rdr.MetaData().KeyValueMetadata()
	if v := kv.FindValue(export.KeySchemaVersion); v == nil || *v != schema.Version {
		t.Errorf("parquet metadata %s = %v", export.KeySchemaVersion, v)
	}
}

// readArrow reads an Arrow IPC file with the IPC file reader.
func readArrow(t *testing.T, path string) []row {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ipc.NewFileReader(f, ipc.WithAllocator(mem))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if v, ok := r.Schema().Metadata().GetValue(export.KeySchemaVersion); !ok || v != schema.Version {
		t.Errorf("arrow metadata %s = %q", export.KeySchemaVersion, v)
	}
	var out []row
	for i := 0; i < r.NumRecords(); i++ {
		rec, err := r.Record(i)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, recordsOf(t, rec)...)
	}
	return out
}

// recordsOf converts an Arrow record batch back to rows, column by column
// name, checking each column's type against its kind. A partition file has
// no partition column; its rows lack that key.
func recordsOf(t *testing.T, rec arrow.Record) []row {
	t.Helper()
	out := make([]row, rec.NumRows())
	for i := range out {
		out[i] = row{}
	}
	for i, f := range rec.Schema().Fields() {
		c, ok := schema.ColumnNamed(f.Name)
		if !ok {
			t.Fatalf("unknown column %q", f.Name)
		}
		arr := rec.Column(i)
		want := map[schema.Kind]arrow.DataType{
			schema.String: arrow.BinaryTypes.String, schema.Int32: arrow.PrimitiveTypes.Int32,
			schema.Date: arrow.FixedWidthTypes.Date32, schema.StringList: arrow.ListOf(arrow.BinaryTypes.String),
		}[c.Kind]
		typ := arr.DataType()
		if l, ok := typ.(*arrow.ListType); ok {
			typ = arrow.ListOf(l.Elem()) // the element's name and nullability vary by reader
		}
		if !arrow.TypeEqual(typ, want) {
			t.Fatalf("column %q is %s, want %s", c.Name, arr.DataType(), want)
		}
		for r := range out {
			if arr.IsNull(r) {
				out[r][c.Name] = nil
				continue
			}
			switch a := arr.(type) {
			case *array.String:
				out[r][c.Name] = a.Value(r)
			case *array.Int32:
				out[r][c.Name] = int(a.Value(r))
			case *array.Date32:
				out[r][c.Name] = a.Value(r).ToTime().Format(time.DateOnly)
			case *array.List:
				start, end := a.ValueOffsets(r)
				elems := a.ListValues().(*array.String)
				list := []any{}
				for j := start; j < end; j++ {
					list = append(list, elems.Value(int(j)))
				}
				out[r][c.Name] = list
			}
		}
	}
	return out
}

func TestExportIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	exportTo(t, a, "--year", "2024", realDump)
	exportTo(t, b, realDump, "--year", "2024")
	for _, name := range []string{"papers.jsonl", "papers.parquet", "papers.arrow"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestConcurrentMatchesSequential holds the concurrent pipeline's files
// equal, byte for byte, to those of the single-goroutine path, on the real
// dump and on a generated one.
func TestConcurrentMatchesSequential(t *testing.T) {
	generated := filepath.Join(t.TempDir(), "generated.txt")
	f, err := os.Create(generated)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = gendump.Write(f, gendump.Options{Papers: 5000, Seed: 3})
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
	// Many dumps are read one ahead of the one being written (readDumps):
	// the records still come in the order of the arguments.
	api, err := filepath.Glob(filepath.Join("..", "..", "testdata", "captures", "api", "daily-papers-202[56]-*.json"))
	if err != nil || len(api) != 2 {
		t.Fatalf("API responses %v: %v", api, err)
	}
	many := append([]string{api[1], realDump, generated, api[0]}, captureFiles...)
	for _, dumps := range [][]string{{realDump}, {generated}, many} {
		dump := strings.Join(dumps, ", ")
		dirs := [2]string{t.TempDir(), t.TempDir()}
		for i, sequential := range []bool{true, false} {
			var stderr bytes.Buffer
			e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, sequential: sequential}
			if err := runExport(e, append([]string{"--out", dirs[i], "--year", "2024"}, dumps...)); err != nil {
				t.Fatalf("export %s (sequential %v): %v\n%s", dump, sequential, err, stderr.String())
			}
		}
		for _, name := range []string{"papers.jsonl", "papers.parquet", "papers.arrow"} {
			a, errA := os.ReadFile(filepath.Join(dirs[0], name))
			b, errB := os.ReadFile(filepath.Join(dirs[1], name))
			if err := errors.Join(errA, errB); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s of %s: concurrent output differs from sequential", name, dump)
			}
		}
	}
}

// TestConcurrentExportsIntoOneFolder runs two exports of different dumps
// into the same folder at once: both succeed, no temporary file is left, and
// every file is complete, from one run or the other.
func TestConcurrentExportsIntoOneFolder(t *testing.T) {
	dir := t.TempDir()
	dumps := []string{realDump, nonASCIIDump(t)}
	wants := [][]schema.Record{parse(t, dumps[0], 0), parse(t, dumps[1], 0)}
	codes := make([]int, len(dumps))
	stderrs := make([]bytes.Buffer, len(dumps))
	var wg sync.WaitGroup
	for i, dump := range dumps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = run([]string{"export", "--out", dir, dump}, strings.NewReader(""), io.Discard, &stderrs[i])
		}()
	}
	wg.Wait()
	for i, code := range codes {
		if code != 0 {
			t.Fatalf("export %d: exit %d\n%s", i, code, stderrs[i].String())
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Fatalf("folder holds %v", entries)
	}
	matches := func(got []row) bool {
		return reflect.DeepEqual(got, rowsOf(wants[0])) || reflect.DeepEqual(got, rowsOf(wants[1]))
	}
	if !matches(readJSONL(t, filepath.Join(dir, "papers.jsonl"))) ||
		!matches(readParquet(t, filepath.Join(dir, "papers.parquet"))) ||
		!matches(readArrow(t, filepath.Join(dir, "papers.arrow"))) {
		t.Error("a file is not the complete output of either export")
	}
}

// TestExportListingMetadata checks that each dump's page (style, kind,
// URL, query, capture date) is in the Parquet footer's and the Arrow
// schema's abstracts.sources, read by Arrow's readers, standard input
// included.
func TestExportListingMetadata(t *testing.T) {
	dir := t.TempDir()
	notebook, err := os.ReadFile(captureFiles[2])
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"export", "--quiet", "--out", dir, captureFiles[0], realDump, "-"}, bytes.NewReader(notebook), io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	want := []export.Source{
		{Path: captureFiles[0], Style: "markdown", Kind: "search", URL: "https://huggingface.co/papers?q=source%20citations",
			Query: "source citations", CaptureDate: "2026-10-02"},
		{Path: realDump, Style: "text"},
		{Path: "-", Style: "notebooklm", Kind: "search", URL: "https://huggingface.co/papers?q=Intercode%20Bash",
			Query: "Intercode Bash", CaptureDate: "2026-07-28"},
	}
	check := func(format, js string) {
		var got []export.Source
		if err := json.Unmarshal([]byte(js), &got); err != nil {
			t.Fatalf("%s: %s: %v", format, export.KeySources, err)
		}
		for i := range got {
			got[i].SHA256 = "" // checked by the hash tests
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: sources\n got %+v\nwant %+v", format, got, want)
		}
	}
	rdr, err := file.OpenParquetFile(filepath.Join(dir, "papers.parquet"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	if v := rdr.MetaData().KeyValueMetadata().FindValue(export.KeySources); v == nil {
		t.Error("parquet: no sources")
	} else {
		check("parquet", *v)
	}
	f, err := os.Open(filepath.Join(dir, "papers.arrow"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ar, err := ipc.NewFileReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer ar.Close()
	v, _ := ar.Schema().Metadata().GetValue(export.KeySources)
	check("arrow", v)
}
