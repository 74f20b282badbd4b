package validate

import (
	"bytes"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/abstracts-dev/abstracts/internal/gendump"
	"github.com/abstracts-dev/abstracts/schema"
)

// defectiveDump is a generated dump of n papers with problems sprinkled in:
// a duplicate, a lost abstract, a short abstract, trailing spaces.
func defectiveDump(t *testing.T, n int) string {
	t.Helper()
	var buf bytes.Buffer
	if _, _, err := gendump.Write(&buf, gendump.Options{Papers: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	for i := 200; i+40 < len(lines); i += 997 {
		lines[i] += "  "                  // a trailing-whitespace warning wherever it lands
		lines[i+12] = lines[i+4]          // a duplicate paper, or a duplicated abstract
		lines[i+22] = "Short."            // a short abstract, or a title ending with a period
		lines[i+30], lines[i+31] = "", "" // a paragraph lost
	}
	return strings.Join(lines, "\n")
}

func TestConcurrencyMatchesSequential(t *testing.T) {
	input := defectiveDump(t, 3000)
	for _, maxErrors := range []int{0, 7} {
		seqRecs, seq := readAll(t, input, func(r *Reader) { r.Concurrency, r.MaxErrors = 1, maxErrors })
		if len(seq.Diagnostics()) < 10 && maxErrors == 0 {
			t.Fatalf("the defective dump has only %d diagnostics", len(seq.Diagnostics()))
		}
		for _, c := range []int{2, 5} {
			recs, r := readAll(t, input, func(r *Reader) { r.Concurrency, r.MaxErrors = c, maxErrors })
			if !reflect.DeepEqual(recs, seqRecs) {
				t.Errorf("max %d, concurrency %d: %d records differ from the sequential %d", maxErrors, c, len(recs), len(seqRecs))
			}
			if !reflect.DeepEqual(r.Diagnostics(), seq.Diagnostics()) || r.Warnings() != seq.Warnings() ||
				r.Errors() != seq.Errors() || r.Stopped() != seq.Stopped() {
				t.Errorf("max %d, concurrency %d: diagnostics differ:\n%v\nsequential:\n%v", maxErrors, c, r.Diagnostics(), seq.Diagnostics())
			}
		}
	}
}

func TestCloseStopsGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	r := NewReader(strings.NewReader(defectiveDump(t, 2000)), "dump.txt")
	r.Concurrency = 3
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	if runtime.NumGoroutine() <= before {
		t.Fatal("no pipeline goroutines started")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines left running after Close, %d before", n, before)
	}
}

func TestCheckReportsSchemaViolations(t *testing.T) {
	good := &schema.Record{ID: schema.TitleID("T"), Title: "T", Abstract: abstract(200), Position: 1,
		ListingLabel: "Mar 14", URLs: []string{}, Source: "d.txt", Line: 11}
	bad := *good
	bad.Title, bad.Line = "T ", 15
	b := &batch{recs: []*schema.Record{good, &bad}}
	check(b)
	if b.recs[0] != good || b.recs[1] != nil {
		t.Fatalf("records after check: %v", b.recs)
	}
	if d := b.recDiags[1]; len(b.recDiags[0]) != 0 || len(d) != 1 || d[0].Code != CodeSchemaViolation ||
		d[0].Pos != (Position{"d.txt", 15, 1}) || !strings.Contains(d[0].Message, "record at line 15: /title:") {
		t.Fatalf("diagnostics = %v", b.recDiags)
	}
}

func TestWarningsByCode(t *testing.T) {
	input := defectiveDump(t, 3000)
	_, r := readAll(t, input, func(r *Reader) { r.MaxWarnings = 1 })
	total := 0
	for code, n := range r.WarningsByCode() {
		if severityOf(code) != Warning || n <= 0 {
			t.Errorf("WarningsByCode()[%s] = %d", code, n)
		}
		total += n
	}
	if total != r.Warnings() || total < 2 {
		t.Errorf("warnings by code add up to %d, Warnings() = %d", total, r.Warnings())
	}
	if len(r.Diagnostics().warnings()) != 1 {
		t.Errorf("MaxWarnings 1 kept %d warnings", len(r.Diagnostics().warnings()))
	}
}

func (l List) warnings() List {
	var out List
	for _, d := range l {
		if d.Severity == Warning {
			out = append(out, d)
		}
	}
	return out
}
