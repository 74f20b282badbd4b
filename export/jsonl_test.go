package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// standardJSON is what encoding/json writes for a record, the reference the
// append-style encoder must equal byte for byte.
func standardJSON(t testing.TB, r *schema.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	m := r.Map()
	for i, c := range schema.Columns {
		buf.WriteString(map[bool]string{true: "{", false: ","}[i == 0])
		if err := enc.Encode(c.Name); err != nil {
			t.Fatal(err)
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		buf.WriteByte(':')
		if err := enc.Encode(m[c.Name]); err != nil {
			t.Fatal(err)
		}
		buf.Truncate(buf.Len() - 1)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	var edge []string
	for c := 0; c < 0x80; c++ {
		edge = append(edge, "a"+string(rune(c))+"b")
	}
	edge = append(edge, "<>&", "\u2028\u2029", "\xff", "a\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\U0001F600", "\ufffd", "é", "\x7f", "")
	for _, s := range edge {
		r := sampleRecords()[0]
		r.Title, r.Abstract, r.URLs = s, s+s, []string{s}
		r.Authors, r.AISummary, r.AIKeywords, r.ProjectPage = []string{s, s}, s, []string{s}, s
		if got, want := AppendJSON(nil, &r), standardJSON(t, &r); !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
}

func FuzzAppendJSON(f *testing.F) {
	for _, s := range []string{"plain", "\"\\\n\t<&>", "\u2028", "\xff\xfe", "Schrödinger"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, title, abstract string) {
		r := sampleRecords()[1]
		r.Title, r.Abstract = title, abstract
		got := AppendJSON(nil, &r)
		if want := standardJSON(t, &r); !bytes.Equal(got, want) {
			t.Fatalf("got %s\nwant %s", got, want)
		}
		var back struct{ Title, Abstract string }
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(title) && back.Title != title || utf8.ValidString(abstract) && back.Abstract != abstract {
			t.Fatalf("round trip changed the text: %q %q", back.Title, back.Abstract)
		}
	})
}

func TestAppendJSONRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune{'a', ' ', '"', '\\', '\n', '\x00', '\x1f', '<', 'é', '\u2028', '😀', utf8.RuneError}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for j := rng.IntN(40); j > 0; j-- {
			if rng.IntN(10) == 0 {
				b.WriteByte(byte(0x80 + rng.IntN(0x80))) // a stray byte: invalid UTF-8
				continue
			}
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		r := sampleRecords()[0]
		r.Abstract = b.String()
		if got, want := AppendJSON(nil, &r), standardJSON(t, &r); !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %s\nwant %s", r.Abstract, got, want)
		}
	}
}

// readJSONL decodes a JSONL file as a notebook would, checking every line
// against the schema.
func readJSONL(t *testing.T, data []byte) []row {
	t.Helper()
	var out []row
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		d := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); err != nil {
			t.Fatalf("line %d fails the schema: %v", len(out)+1, err)
		}
		m := v.(map[string]any)
		for k, x := range m {
			if n, ok := x.(json.Number); ok {
				i, err := n.Int64()
				if err != nil {
					t.Fatal(err)
				}
				m[k] = int(i)
			}
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJSONLReadBack(t *testing.T) {
	recs := sampleRecords()
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if bytes.Count(buf.Bytes(), []byte("\n")) != len(recs) || !bytes.HasSuffix(buf.Bytes(), []byte("}\n")) {
		t.Fatalf("not one record per line:\n%s", buf.Bytes())
	}
	if !bytes.Contains(buf.Bytes(), []byte("<b>&</b>")) {
		t.Error("HTML characters were escaped")
	}
	sameRecords(t, readJSONL(t, buf.Bytes()), recs)
}

// TestRecordJSONNames checks that a JSONL line has exactly the schema's
// columns as keys.
func TestRecordJSONNames(t *testing.T) {
	r := sampleRecords()[0]
	var m map[string]any
	if err := json.Unmarshal(AppendJSON(nil, &r), &m); err != nil {
		t.Fatal(err)
	}
	for _, c := range schema.Columns {
		if _, ok := m[c.Name]; !ok {
			t.Errorf("JSONL lacks column %q", c.Name)
		}
	}
	if len(m) != len(schema.Columns) {
		t.Errorf("JSONL has %d keys, schema %d", len(m), len(schema.Columns))
	}
}

type brokenDisk struct{}

func (brokenDisk) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestJSONLWriteError(t *testing.T) {
	w := NewJSONLWriter(brokenDisk{})
	recs := sampleRecords()
	err := w.Write(&recs[0])
	if err == nil {
		err = w.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "export/jsonl: disk full") {
		t.Fatalf("error = %v", err)
	}
}

// BenchmarkJSONLWriter measures the JSONL encoder and its buffering on
// records of realistic size.
func BenchmarkJSONLWriter(b *testing.B) {
	recs := syntheticRecords(20000)
	var size int64
	for i := range recs {
		size += int64(len(recs[i].Title) + len(recs[i].Abstract))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		w := NewJSONLWriter(io.Discard)
		for i := range recs {
			if err := w.Write(&recs[i]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
