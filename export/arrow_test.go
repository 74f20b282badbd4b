package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/abstracts-dev/abstracts/schema"
)

var testMetadata = Metadata{
	ToolVersion: "1.2.3-test",
	Sources: []Source{
		{Path: "dumps/mar14.txt", SHA256: strings.Repeat("ab", 32)},
		{Path: "-", SHA256: strings.Repeat("01", 32)},
	},
}

// writeArrow writes recs with opts (the allocator set to mem) and returns the
// file's bytes.
func writeArrow(t testing.TB, mem memory.Allocator, opts ArrowOptions, recs []schema.Record) []byte {
	t.Helper()
	opts.Allocator = mem
	var buf bytes.Buffer
	w, err := NewArrowWriter(&buf, opts)
	if err != nil {
		t.Fatalf("NewArrowWriter: %v", err)
	}
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			w.Close()
			t.Fatalf("Write record %d: %v", i, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.Bytes()
}

// arrowFile is what readArrow found in a file.
type arrowFile struct {
	schema  *arrow.Schema
	records []row
	batches []int // rows per record batch, in file order
	days    []*int32
}

// readArrow reads an Arrow IPC file back into rows with the IPC reader,
// independently of the writer, and fails the test on any column or column
// type it does not expect.
func readArrow(t *testing.T, mem memory.Allocator, data []byte) arrowFile {
	t.Helper()
	r, err := ipc.NewFileReader(bytes.NewReader(data), ipc.WithAllocator(mem))
	if err != nil {
		t.Fatalf("ipc.NewFileReader: %v", err)
	}
	defer r.Close()
	out := arrowFile{schema: r.Schema()}
	for b := 0; b < r.NumRecords(); b++ {
		rec, err := r.RecordAt(b)
		if err != nil {
			t.Fatalf("batch %d: %v", b, err)
		}
		n := int(rec.NumRows())
		out.batches = append(out.batches, n)
		rows := make([]row, n)
		days := make([]*int32, n)
		for i := range rows {
			rows[i] = row{}
		}
		for c, col := range rec.Columns() {
			name := rec.ColumnName(c)
			if _, ok := schema.ColumnNamed(name); !ok {
				t.Fatalf("unexpected column %q", name)
			}
			for i := 0; i < n; i++ {
				rows[i][name] = arrowValue(t, col, i)
				if d, ok := col.(*array.Date32); ok && name == "listing_date" && d.IsValid(i) {
					v := int32(d.Value(i))
					days[i] = &v
				}
			}
		}
		rec.Release()
		out.records = append(out.records, rows...)
		out.days = append(out.days, days...)
	}
	return out
}

func TestArrowWriterRoundTrip(t *testing.T) {
	for _, codec := range []ArrowCompression{"", ArrowNone, ArrowLZ4, ArrowZstd} {
		t.Run("codec="+string(codec), func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			want := sampleRecords()
			data := writeArrow(t, mem, ArrowOptions{Compression: codec, Metadata: testMetadata}, want)
			f := readArrow(t, mem, data)
			sameRecords(t, f.records, want)
			if !reflect.DeepEqual(f.batches, []int{4}) {
				t.Errorf("batches = %v, want [4]", f.batches)
			}
			// Days since 1970-01-01, worked out by hand.
			wantDays := []int32{19796, -1, 19782, 19796} // 2024-03-14, null, 2024-02-29, 2024-03-14
			for i, d := range f.days {
				switch {
				case wantDays[i] < 0 && d != nil:
					t.Errorf("record %d: listing_date = %d, want null", i, *d)
				case wantDays[i] >= 0 && (d == nil || *d != wantDays[i]):
					t.Errorf("record %d: listing_date = %v, want %d", i, d, wantDays[i])
				}
			}
			if f.records[2]["line"] != math.MaxInt32 {
				t.Errorf("line = %v, want %d", f.records[2]["line"], math.MaxInt32)
			}
		})
	}
}

func TestArrowWriterSchema(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	data := writeArrow(t, mem, ArrowOptions{Metadata: testMetadata}, sampleRecords())
	s := readArrow(t, mem, data).schema

	if s.NumFields() != len(schema.Columns) {
		t.Fatalf("%d fields, want %d", s.NumFields(), len(schema.Columns))
	}
	for i, c := range schema.Columns {
		f := s.Field(i)
		if f.Name != c.Name || f.Nullable != c.Nullable {
			t.Errorf("field %d = %s nullable=%v, want %s nullable=%v", i, f.Name, f.Nullable, c.Name, c.Nullable)
		}
		var ok bool
		switch c.Kind {
		case schema.String:
			ok = f.Type.ID() == arrow.STRING
		case schema.Int32:
			ok = f.Type.ID() == arrow.INT32
		case schema.Date:
			ok = f.Type.ID() == arrow.DATE32
		case schema.StringList:
			if l, isList := f.Type.(*arrow.ListType); isList {
				e := l.ElemField()
				ok = e.Name == "element" && !e.Nullable && e.Type.ID() == arrow.STRING
			}
		default:
			t.Fatalf("column %s: unknown kind %v", c.Name, c.Kind)
		}
		if !ok {
			t.Errorf("column %s (%s): Arrow type %s", c.Name, c.Kind, f.Type)
		}
	}
	// Some of the nullable columns, spelled out: the lists too.
	for _, name := range []string{"listing_date", "github_repo", "authors", "ai_summary", "ai_keywords", "project_page"} {
		if i := s.FieldIndices(name); len(i) != 1 || !s.Field(i[0]).Nullable {
			t.Errorf("%s is not one nullable field", name)
		}
	}

	md := s.Metadata()
	keys, values := testMetadata.KeyValues()
	if !reflect.DeepEqual(md.Keys(), keys) || !reflect.DeepEqual(md.Values(), values) {
		t.Errorf("metadata = %v %v\nwant %v %v", md.Keys(), md.Values(), keys, values)
	}
	if v, _ := md.GetValue(KeySchemaVersion); v != schema.Version || v == "" {
		t.Errorf("%s = %q, want %q", KeySchemaVersion, v, schema.Version)
	}
	if v, _ := md.GetValue(KeySources); !strings.Contains(v, `"path":"dumps/mar14.txt"`) {
		t.Errorf("%s = %q", KeySources, v)
	}
	if want := ArrowSchema(testMetadata); !s.Equal(want) {
		t.Errorf("schema read back:\n%s\nArrowSchema:\n%s", s, want)
	}
}

// TestArrowNullableLists reads the nullable list columns of sampleRecords
// at the level of their buffers: a null list has its validity bit cleared
// and an empty range of offsets, an empty list its bit set and an empty
// range, so that null and [] stay apart for every reader.
func TestArrowNullableLists(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	recs := sampleRecords()
	data := writeArrow(t, mem, ArrowOptions{Metadata: testMetadata}, recs)
	r, err := ipc.NewFileReader(bytes.NewReader(data), ipc.WithAllocator(mem))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rec, err := r.RecordAt(0)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	for _, c := range []struct {
		name  string
		lists func(*schema.Record) []string
	}{
		{"authors", func(r *schema.Record) []string { return r.Authors }},
		{"ai_keywords", func(r *schema.Record) []string { return r.AIKeywords }},
	} {
		col := rec.Column(rec.Schema().FieldIndices(c.name)[0]).(*array.List)
		nulls := 0
		for i := range recs {
			want := c.lists(&recs[i])
			start, end := col.ValueOffsets(i)
			if want == nil {
				nulls++
			}
			if col.IsNull(i) != (want == nil) || int(end-start) != len(want) {
				t.Errorf("%s of record %d: null %v, %d elements; want null %v, %d elements (%q)",
					c.name, i+1, col.IsNull(i), end-start, want == nil, len(want), want)
			}
		}
		if col.NullN() != nulls || nulls == 0 {
			t.Errorf("%s: %d nulls, want %d (more than none)", c.name, col.NullN(), nulls)
		}
	}
}

func TestArrowWriterDeterministic(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	recs := append(sampleRecords(), syntheticRecords(500)...)
	for _, codec := range ArrowCompressions {
		opts := ArrowOptions{Compression: codec, BatchRows: 128, Metadata: testMetadata}
		a := writeArrow(t, mem, opts, recs)
		b := writeArrow(t, mem, opts, recs)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes of the same records differ (%d and %d bytes)", codec, len(a), len(b))
		}
	}
}

func TestArrowWriterCompression(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	recs := syntheticRecords(1000)
	sizes := map[string]int{}
	for _, codec := range ArrowCompressions {
		data := writeArrow(t, mem, ArrowOptions{Compression: codec, BatchRows: 300}, recs)
		sizes[string(codec)] = len(data)
		f := readArrow(t, mem, data)
		sameRecords(t, f.records, recs)
		if !reflect.DeepEqual(f.batches, []int{300, 300, 300, 100}) {
			t.Errorf("%s: batches = %v", codec, f.batches)
		}
	}
	if sizes["lz4"] >= sizes["none"] || sizes["zstd"] >= sizes["lz4"] {
		t.Errorf("sizes %v: want zstd < lz4 < none", sizes)
	}
}

func TestArrowWriterBatches(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)

	recs := syntheticRecords(10)
	f := readArrow(t, mem, writeArrow(t, mem, ArrowOptions{BatchRows: 3}, recs))
	sameRecords(t, f.records, recs)
	if !reflect.DeepEqual(f.batches, []int{3, 3, 3, 1}) {
		t.Errorf("BatchRows 3: batches = %v, want [3 3 3 1]", f.batches)
	}

	recs = syntheticRecords(DefaultArrowBatchRows + 1)
	f = readArrow(t, mem, writeArrow(t, mem, ArrowOptions{}, recs))
	sameRecords(t, f.records, recs)
	if !reflect.DeepEqual(f.batches, []int{DefaultArrowBatchRows, 1}) {
		t.Errorf("default: batches = %v, want [%d 1]", f.batches, DefaultArrowBatchRows)
	}

	// No records: a valid file with the schema and no batch.
	f = readArrow(t, mem, writeArrow(t, mem, ArrowOptions{Metadata: testMetadata}, nil))
	if len(f.batches) != 0 || !f.schema.Equal(ArrowSchema(testMetadata)) {
		t.Errorf("empty file: batches %v, schema %s", f.batches, f.schema)
	}
}

func TestArrowWriterBatchBytes(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	recs := syntheticRecords(7)
	var buf bytes.Buffer
	w, err := NewArrowWriter(&buf, ArrowOptions{Allocator: mem})
	if err != nil {
		t.Fatal(err)
	}
	// Each record's text is over 1000 bytes: a cap of 2000 flushes every
	// second record.
	w.maxBatchBytes = 2000
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f := readArrow(t, mem, buf.Bytes())
	sameRecords(t, f.records, recs)
	if !reflect.DeepEqual(f.batches, []int{2, 2, 2, 1}) {
		t.Errorf("batches = %v, want [2 2 2 1]", f.batches)
	}
}

var errDiskFull = errors.New("disk full")

// failingWriter accepts limit bytes, then fails.
type failingWriter struct {
	limit int
	short bool // fail with a short write and no error
}

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) <= f.limit {
		f.limit -= len(p)
		return len(p), nil
	}
	n := f.limit
	f.limit = 0
	if f.short {
		return n, nil
	}
	return n, errDiskFull
}

func TestArrowWriterFailingWriter(t *testing.T) {
	recs := sampleRecords()
	full := len(writeArrow(t, memory.NewGoAllocator(), ArrowOptions{BatchRows: 2}, recs))
	for _, short := range []bool{false, true} {
		for _, limit := range []int{0, 1, 8, 100, full / 2, full - 10, full - 1} {
			for _, codec := range []ArrowCompression{ArrowNone, ArrowZstd} {
				name := fmt.Sprintf("limit=%d/short=%v/%s", limit, short, codec)
				t.Run(name, func(t *testing.T) {
					mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
					defer mem.AssertSize(t, 0)
					w, err := NewArrowWriter(&failingWriter{limit: limit, short: short},
						ArrowOptions{Compression: codec, BatchRows: 2, Allocator: mem})
					if err != nil {
						t.Fatal(err)
					}
					var first error
					for i := range recs {
						if err := w.Write(&recs[i]); err != nil {
							first = err
							break
						}
					}
					closeErr := w.Close()
					if first == nil {
						first = closeErr
					} else if closeErr == nil {
						t.Errorf("Close after failed Write = nil")
					}
					if first == nil {
						t.Fatal("no error from a failing writer")
					}
					if !strings.HasPrefix(first.Error(), "export/arrow: ") {
						t.Errorf("error %q lacks the export/arrow prefix", first)
					}
					want := errDiskFull
					if short {
						want = io.ErrShortWrite
					}
					if !errors.Is(first, want) {
						t.Errorf("error %v does not wrap %v", first, want)
					}
					if err := w.Write(&recs[0]); err == nil {
						t.Error("Write after Close = nil")
					}
				})
			}
		}
	}
}

func TestArrowWriterBadInput(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)

	for _, opts := range []ArrowOptions{{Compression: "gzip"}, {Compression: "ZSTD"}, {BatchRows: -1}} {
		opts.Allocator = mem
		if _, err := NewArrowWriter(io.Discard, opts); err == nil || !strings.HasPrefix(err.Error(), "export/arrow: ") {
			t.Errorf("NewArrowWriter(%+v) = %v, want an export/arrow error", opts, err)
		}
	}

	bad := map[string]func(r *schema.Record){
		"listing_date": func(r *schema.Record) { r.ListingDate = "2024-02-30" },
		"position":     func(r *schema.Record) { r.Position = math.MaxInt32 + 1 },
		"line":         func(r *schema.Record) { r.Line = -math.MaxInt32 - 2 },
	}
	for col, spoil := range bad {
		w, err := NewArrowWriter(io.Discard, ArrowOptions{Allocator: mem, BatchRows: 2})
		if err != nil {
			t.Fatal(err)
		}
		recs := sampleRecords()
		spoil(&recs[1])
		if err := w.Write(&recs[0]); err != nil {
			t.Fatal(err)
		}
		err = w.Write(&recs[1])
		if err == nil || !strings.Contains(err.Error(), "export/arrow: record 2: column \""+col+"\"") {
			t.Errorf("%s: Write = %v", col, err)
		}
		if err2 := w.Write(&recs[2]); err2 != err {
			t.Errorf("%s: Write after error = %v, want the first error", col, err2)
		}
		if err2 := w.Close(); err2 != err {
			t.Errorf("%s: Close = %v, want the Write error", col, err2)
		}
		if err2 := w.Close(); err2 != err {
			t.Errorf("%s: second Close = %v, want the Write error", col, err2)
		}
	}
}

func TestArrowSchemaColumns(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, cols := range [][]schema.Column{
		{{Name: "id", Kind: schema.Kind(99), Text: schema.Columns[0].Text}},
		{{Name: "no_accessor", Kind: schema.String}},
		{schema.Columns[0], {Name: "title", Kind: schema.Int32, Text: schema.Columns[1].Text}},
	} {
		if _, err := newArrowWriter(io.Discard, ArrowOptions{Allocator: mem}, cols); err == nil ||
			!strings.HasPrefix(err.Error(), "export/arrow: ") || !strings.Contains(err.Error(), fmt.Sprintf("column %q", cols[len(cols)-1].Name)) {
			t.Errorf("columns %v: err = %v", cols, err)
		}
	}
	if _, err := arrowSchema([]schema.Column{{Name: "x", Kind: schema.Kind(-1), Text: schema.Columns[0].Text}}, Metadata{}); err == nil {
		t.Error("arrowSchema accepted an unknown kind")
	}
	// Every column of the record has a field accessor of the right type.
	w, err := newArrowWriter(io.Discard, ArrowOptions{Allocator: mem}, schema.Columns)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// words is the vocabulary of syntheticRecords.
var words = strings.Fields(`the a of and to in for with on by from is are we our this that
model models language learning neural network networks training data large deep
method methods approach results performance benchmark benchmarks task tasks
propose show state art transformer attention diffusion image images video text
generation reasoning agents reinforcement policy optimization evaluation dataset
datasets fine-tuning inference efficient scalable robust novel framework
representation representations multimodal vision retrieval alignment human
preference reward zero-shot few-shot accuracy significantly outperforms existing`)

// syntheticRecords returns n records of realistic size, the same on every
// call: titles of about 80 characters, abstracts of about 1600, some URLs
// and dates.
func syntheticRecords(n int) []schema.Record {
	rng := rand.New(rand.NewPCG(2024, 314))
	text := func(size int) string {
		var b strings.Builder
		for b.Len() < size {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	recs := make([]schema.Record, n)
	line := 1
	for i := range recs {
		title := text(60 + rng.IntN(40))
		abstract := text(1300 + rng.IntN(600))
		r := schema.Record{
			ID: schema.TitleID(title), Title: title, Position: i + 1,
			Source: "dumps/synthetic.txt", Line: line, URLs: []string{},
		}
		day := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(366))
		r.ListingLabel = fmt.Sprintf("%s %d", months[day.Month()-1], day.Day())
		if rng.IntN(4) != 0 {
			r.ListingDate = day.Format(time.DateOnly)
		}
		if rng.IntN(3) == 0 {
			repo := fmt.Sprintf("lab%d/project-%d", rng.IntN(100), i)
			r.URLs = append(r.URLs, "https://github.com/"+repo)
			r.GitHubRepo = repo
			abstract += " Code is available at https://github.com/" + repo + "."
		}
		if rng.IntN(5) == 0 {
			u := fmt.Sprintf("https://example.org/paper/%d", i)
			r.URLs = append(r.URLs, u)
			abstract += " Project page: " + u + "."
		}
		r.Abstract = abstract
		recs[i] = r
		line += 4
	}
	return recs
}

func BenchmarkArrowWriter(b *testing.B) {
	recs := syntheticRecords(20000)
	size := 0
	for i := range recs {
		size += len(recs[i].Title) + len(recs[i].Abstract)
	}
	for _, codec := range ArrowCompressions {
		b.Run(string(codec), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				w, err := NewArrowWriter(io.Discard, ArrowOptions{Compression: codec})
				if err != nil {
					b.Fatal(err)
				}
				for i := range recs {
					if err := w.Write(&recs[i]); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
