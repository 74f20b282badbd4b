package export_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/abstracts-dev/abstracts/export"
	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

// dump is a dump of one paper, as copied from the Papers site.
const dump = `Mar 14

Light Schrödinger Bridge

Despite the recent advances in the field of computational Schrödinger Bridges (SB), most existing SB solvers are still heavy-weighted and require complex optimization of several neural networks. It turns out that there is no principal solver which plays the role of simple-yet-effective baseline for SB.
`

// readRecords returns the records of a dump, or an error if it is invalid.
func readRecords(text, name string) ([]*schema.Record, error) {
	r := validate.NewReader(strings.NewReader(text), name)
	r.Year = 2024
	defer r.Close()
	var recs []*schema.Record
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
	if r.Errors() > 0 {
		return nil, fmt.Errorf("%s is invalid: %v", name, r.Diagnostics())
	}
	return recs, nil
}

// Write one Parquet file atomically: the file appears complete under its
// name, or not at all, and a file already there stays as it was if
// anything fails.
func ExampleWriteFileAtomic() {
	recs, err := readRecords(dump, "mar14.txt")
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	path := filepath.Join(dir, "papers.parquet")
	err = export.WriteFileAtomic(path, func(w io.Writer) error {
		pw, err := export.NewParquetWriter(w, export.ParquetOptions{Compression: export.ParquetZstd})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if err := pw.Write(rec); err != nil {
				return errors.Join(err, pw.Close())
			}
		}
		return pw.Close()
	})
	if err != nil {
		log.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entries {
		fmt.Println(e.Name())
	}
	// Output:
	// papers.parquet
}

// Write a whole export folder: the same records as JSONL, Parquet and
// Arrow files, which appear together when Commit returns, or not at all.
func ExampleOutput() {
	recs, err := readRecords(dump, "mar14.txt")
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	meta := export.Metadata{Sources: []export.Source{{Path: "mar14.txt", SHA256: "(the dump's SHA-256)"}}}
	out, err := export.Create(export.Options{
		Dir:     filepath.Join(dir, "out"),
		Base:    "papers",
		Formats: export.Formats,
		Parquet: export.ParquetOptions{Compression: export.ParquetZstd, Metadata: meta},
		Arrow:   export.ArrowOptions{Compression: export.ArrowNone, Metadata: meta},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, rec := range recs {
		if err := out.Write(rec); err != nil {
			log.Fatal(errors.Join(err, out.Abort()))
		}
	}
	if err := out.Commit(); err != nil {
		log.Fatal(err) // Commit has removed the temporary files
	}
	for _, p := range out.Paths() {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(filepath.ToSlash(rel))
	}
	// Output:
	// out/papers.jsonl
	// out/papers.parquet
	// out/papers.arrow
}
