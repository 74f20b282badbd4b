package export

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/internal/version"
)

// An empty Metadata.ToolVersion is the module's version in every place a
// file names its writer, never "abstracts version ".
func TestDefaultToolVersion(t *testing.T) {
	want := "abstracts version " + version.Version
	if version.Version == "" || CreatedBy("") != want {
		t.Errorf("CreatedBy(\"\") = %q, want %q", CreatedBy(""), want)
	}
	md := openParquet(t, writeParquet(t, sampleRecords(), ParquetOptions{})).MetaData()
	if got := md.GetCreatedBy(); got != want {
		t.Errorf("created_by %q, want %q", got, want)
	}
	if v := md.KeyValueMetadata().FindValue(KeyToolVersion); v == nil || *v != version.Version {
		t.Errorf("Parquet %s = %v, want %q", KeyToolVersion, v, version.Version)
	}
	if v, ok := ArrowSchema(Metadata{}).Metadata().GetValue(KeyToolVersion); !ok || v != version.Version {
		t.Errorf("Arrow %s = %q, want %q", KeyToolVersion, v, version.Version)
	}
	// A version given is kept.
	if got := CreatedBy("9.9.9"); got != "abstracts version 9.9.9" {
		t.Errorf("CreatedBy(\"9.9.9\") = %q", got)
	}
}

// The compression values are checked by Create before any folder is made.
func TestCreateChecksCompressions(t *testing.T) {
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{Parquet: ParquetOptions{Compression: "lz4"}}, `export: Parquet: unknown compression "lz4" (want zstd, snappy, gzip or none)`},
		{Options{Arrow: ArrowOptions{Compression: "gzip"}}, `export: Arrow: unknown compression "gzip" (want none, lz4 or zstd)`},
		{Options{JSONLCompression: "ZSTD"}, `export: JSONL: unknown compression "ZSTD" (want none, gzip or zstd)`},
	} {
		dir := filepath.Join(t.TempDir(), "out")
		opts := c.opts
		opts.Dir, opts.Base, opts.Formats = dir, "papers", Formats
		if _, err := Create(opts); err == nil || err.Error() != c.want {
			t.Errorf("Create(%+v) = %v, want %q", c.opts, err, c.want)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%+v: the folder was made (%v)", c.opts, err)
		}
	}
	for _, s := range []string{"", "zstd", "snappy", "gzip", "none"} {
		if _, err := ParseParquetCompression(s); err != nil {
			t.Errorf("ParseParquetCompression(%q): %v", s, err)
		}
	}
	for in, want := range map[string]ArrowCompression{"": ArrowNone, "none": ArrowNone, "lz4": ArrowLZ4, "zstd": ArrowZstd} {
		if got, err := ParseArrowCompression(in); got != want || err != nil {
			t.Errorf("ParseArrowCompression(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]JSONLCompression{"": JSONLPlain, "none": JSONLPlain, "gzip": JSONLGzip, "zstd": JSONLZstd} {
		if got, err := ParseJSONLCompression(in); got != want || err != nil {
			t.Errorf("ParseJSONLCompression(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "papers.parquet")
	write := func(text string, fail error) error {
		return WriteFileAtomic(path, func(w io.Writer) error {
			if _, err := io.WriteString(w, text); err != nil {
				return err
			}
			return fail
		})
	}
	ls := func() string {
		var names []string
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && p != dir {
				rel, _ := filepath.Rel(dir, p)
				names = append(names, filepath.ToSlash(rel))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(names, " ")
	}
	content := func() string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	// A failed first write leaves nothing, not even the folder it made.
	boom := errors.New("boom")
	if err := write("half", boom); !errors.Is(err, boom) {
		t.Fatalf("failing write: %v, want boom", err)
	}
	if got := ls(); got != "" {
		t.Errorf("after a failed write: %q, want nothing", got)
	}

	if err := write("first", nil); err != nil {
		t.Fatal(err)
	}
	if got := ls(); got != "sub sub/papers.parquet" || content() != "first" {
		t.Errorf("after a write: %q holding %q", got, content())
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
	}

	// A failed second write keeps the first file as it was.
	if err := write("second, half", boom); !errors.Is(err, boom) {
		t.Fatalf("failing write: %v, want boom", err)
	}
	if got := ls(); got != "sub sub/papers.parquet" || content() != "first" {
		t.Errorf("after a failed rewrite: %q holding %q", got, content())
	}

	if err := write("second", nil); err != nil {
		t.Fatal(err)
	}
	if content() != "second" {
		t.Errorf("after a rewrite: %q", content())
	}

	for _, bad := range []string{"", dir + string(filepath.Separator), filepath.Join(dir, "..")} {
		if err := WriteFileAtomic(bad, func(io.Writer) error { return nil }); err == nil {
			t.Errorf("WriteFileAtomic(%q) = nil, want an error", bad)
		}
	}
}
