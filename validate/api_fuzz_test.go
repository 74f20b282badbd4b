package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// FuzzAPI reads arbitrary bytes as a Papers API response. Besides never
// panicking, every diagnostic must stand inside the input, every record's
// paper id and title must come from it, and where the input is valid JSON
// its compact form (what curl saves) must give the same records and the
// same diagnostics, by code and JSON Pointer.
func FuzzAPI(f *testing.F) {
	items := apiItems(f)
	f.Add([]byte(apiArray(items[:2])))
	f.Add(compactAPI(f, []byte(apiArray(items[:3]))))
	f.Add(linesAPI(f, []byte(apiArray(items[3:5]))))
	f.Add([]byte(apiArray([]string{items[0], `"{'paper': {'id': '2412.07730'}}"`, items[1]})))
	f.Add([]byte(`{"status": "success", "data": [` + items[0] + `]}`))
	f.Add(apiFile(f, "daily-papers-2024-06-03.json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, r := readAPI(t, data)
		lines := strings.Split(string(data), "\n")
		checkInside(t, lines, r.Diagnostics())
		for _, rec := range recs {
			if !bytes.Contains(data, []byte(`"`+rec.PaperID+`"`)) {
				t.Fatalf("paper id %q is not in the input", rec.PaperID)
			}
			if w := strings.Fields(rec.Title)[0]; !bytes.Contains(data, []byte(strings.Trim(jsonString(w), `"`))) {
				t.Fatalf("title %q is not in the input", rec.Title)
			}
			if rec.Line < 1 || rec.Line > len(lines) {
				t.Fatalf("record of line %d outside the input", rec.Line)
			}
		}
		if !json.Valid(data) || r.Listing().Style != StyleAPI {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, data); err != nil {
			t.Fatal(err)
		}
		again, r2 := readAPI(t, compact.Bytes())
		if got, want := diagKeys(r2.Diagnostics()), diagKeys(r.Diagnostics()); !reflect.DeepEqual(got, want) {
			t.Fatalf("compact form: diagnostics %v, indented %v", got, want)
		}
		if len(again) != len(recs) {
			t.Fatalf("compact form: %d records, indented %d", len(again), len(recs))
		}
		for i := range recs {
			a, b := *recs[i], *again[i]
			a.Line, b.Line = 0, 0
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("compact form: record %d differs:\n%+v\n%+v", i, a, b)
			}
		}
	})
}

// checkInside fails when a diagnostic stands outside the input's lines,
// its column allowed up to two past a line's last character (where a file
// that ends inside a value is reported).
func checkInside(t *testing.T, lines []string, diags List) {
	t.Helper()
	for _, d := range diags {
		if d.Pos.Line < 1 || d.Pos.Line > len(lines) || d.Pos.Column < 1 ||
			d.Pos.Column > utf8.RuneCountInString(lines[d.Pos.Line-1])+2 {
			t.Fatalf("%v stands outside the input (%d lines)", d, len(lines))
		}
	}
}

// readAPI reads data with a Reader that detects the format.
func readAPI(t *testing.T, data []byte) ([]*schema.Record, *Reader) {
	return readFrom(t, bytes.NewReader(data), "fuzz.json", nil)
}

// diagKeys lists the code and pointer of each diagnostic, sorted as the
// Reader sorts them but for positions.
func diagKeys(list List) []string {
	var out []string
	for _, d := range list {
		out = append(out, fmt.Sprintf("%s %s", d.Code, d.Pointer))
	}
	return out
}
