package gendump_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/abstracts-dev/abstracts/internal/gendump"
	"github.com/abstracts-dev/abstracts/validate"
)

// readAPI reads data with the validate package as a Papers API response
// and returns its records' paper ids; it fails the test on any error.
func readAPI(t *testing.T, name string, data []byte) []string {
	t.Helper()
	r := validate.NewReader(bytes.NewReader(data), name)
	r.Style = validate.StyleAPI
	var ids []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids = append(ids, rec.PaperID)
	}
	if r.Errors() != 0 || r.Err() != nil {
		for _, d := range r.Diagnostics() {
			t.Log(d.Error())
		}
		t.Fatalf("%s: %d errors: %v", name, r.Errors(), r.Err())
	}
	for _, d := range r.Diagnostics() {
		if d.Code != validate.CodeLatexInTitle { // the items' LaTeX titles, as in the real archive
			t.Errorf("%s: unexpected warning %s", name, d.Error())
		}
	}
	return ids
}

// item is what the tests look at in an item.
type item struct {
	Paper map[string]json.RawMessage `json:"paper"`
	Title string                     `json:"title"`
	Media *string                    `json:"mediaUrl"`
	Thumb *string                    `json:"thumbnail"`
	By    json.RawMessage            `json:"submittedBy"`
}

func field[T any](t *testing.T, it item, name string) (T, bool) {
	t.Helper()
	var v T
	raw, ok := it.Paper[name]
	if ok {
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("paper.%s: %v", name, err)
		}
	}
	return v, ok
}

// TestAPIArchive writes archives across the API's three generations and
// reads every file back with the validate package: every item gives a
// record, without an error; each file is indented as json.dump writes it,
// and items take their generation's shape.
func TestAPIArchive(t *testing.T) {
	for _, start := range []string{"2024-12-02", "2025-12-08"} {
		t.Run(start, func(t *testing.T) {
			dir := t.TempDir()
			st, err := gendump.WriteAPIArchive(dir, gendump.APIOptions{Days: 40, Seed: 7, Start: start})
			if err != nil {
				t.Fatal(err)
			}
			names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
			sort.Strings(names)
			if len(names) != 40 || st.Files != 40 {
				t.Fatalf("%d files, stats say %d; want 40", len(names), st.Files)
			}
			first := map[string]string{} // paper id -> first day
			items, repeats, size := 0, 0, int64(0)
			shapes := map[int]bool{}
			for _, name := range names {
				data, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				size += int64(len(data))
				day := strings.TrimSuffix(filepath.Base(name), ".json")
				d, err := time.Parse(time.DateOnly, day)
				if err != nil {
					t.Fatalf("file name %s: %v", name, err)
				}
				if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
					t.Errorf("%s is a %s", day, wd)
				}
				indent := "  "
				if d.Year() == 2024 {
					indent = "    "
				}
				again := bytes.Clone(data)
				if err := (*jsontext.Value)(&again).Indent(jsontext.WithIndent(indent)); err != nil || !bytes.Equal(again, data) {
					t.Fatalf("%s is not indented by %q as json.dump writes (%v)", day, indent, err)
				}
				var list []item
				if err := json.Unmarshal(data, &list); err != nil {
					t.Fatal(err)
				}
				ids := readAPI(t, name, data)
				if len(ids) != len(list) {
					t.Fatalf("%s: %d records of %d items", day, len(ids), len(list))
				}
				if len(list) < 5 || len(list) > 30 {
					t.Errorf("%s: %d items", day, len(list))
				}
				items += len(list)
				today := map[string]bool{}
				for i, it := range list {
					id, _ := field[string](t, it, "id")
					if ids[i] != id {
						t.Errorf("%s item %d: record of paper %s, item of %s", day, i, ids[i], id)
					}
					if today[id] {
						t.Errorf("%s: paper %s listed twice on the day", day, id)
					}
					today[id] = true
					if f, ok := first[id]; ok {
						if f >= day {
							t.Errorf("paper %s listed again on %s, first on %s", id, day, f)
						}
						repeats++
					} else {
						first[id] = day
					}
					authors, _ := field[[]map[string]any](t, it, "authors")
					if len(authors) < 1 || len(authors) > 40 {
						t.Errorf("%s: %d authors", day, len(authors))
					}
					title, _ := field[string](t, it, "title")
					summary, _ := field[string](t, it, "summary")
					daily, hasDaily := field[string](t, it, "submittedOnDailyAt")
					_, hasDiscussion := field[string](t, it, "discussionId")
					switch d.Year() {
					case 2024:
						shapes[2024] = true
						if it.Media == nil || hasDaily || hasDiscussion || it.Thumb != nil || it.By != nil {
							t.Errorf("%s item %d is not of 2024's shape", day, i)
						}
						if len(summary) > 100 && !strings.Contains(summary, "\n") {
							t.Errorf("%s item %d: 2024's summary is not hard-wrapped", day, i)
						}
						if len(title) > 80 && !strings.Contains(title, "\n  ") {
							t.Errorf("%s item %d: 2024's title is not hard-wrapped", day, i)
						}
					case 2025:
						shapes[2025] = true
						if it.Media != nil || hasDaily || !hasDiscussion || it.Thumb == nil || it.By == nil {
							t.Errorf("%s item %d is not of 2025's shape", day, i)
						}
					default:
						shapes[2026] = true
						_, hasAI := field[string](t, it, "ai_summary")
						if !hasDaily || daily != day+"T00:00:00.000Z" || !hasAI || !hasDiscussion {
							t.Errorf("%s item %d is not of 2026's shape (submittedOnDailyAt %q)", day, i, daily)
						}
					}
				}
			}
			if items != st.Items || repeats != st.Repeats || size != st.Bytes {
				t.Errorf("read %d items, %d repeats, %d bytes; stats say %d, %d, %d", items, repeats, size, st.Items, st.Repeats, st.Bytes)
			}
			if repeats == 0 || repeats > items/10 {
				t.Errorf("%d of %d items list a paper again, want a small share", repeats, items)
			}
			if mean := size / int64(items); mean < 3500 || mean > 8000 {
				t.Errorf("%d bytes an item", mean)
			}
			if len(shapes) != 2 {
				t.Errorf("shapes %v, want two generations", shapes)
			}
		})
	}
}

// TestAPIOneFile writes JSON Lines and an indented array of a size, reads
// them with the validate package and counts the items.
func TestAPIOneFile(t *testing.T) {
	const size = 3 << 20
	for _, jsonl := range []bool{true, false} {
		name := map[bool]string{true: "jsonl", false: "array"}[jsonl]
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			st, err := gendump.WriteAPI(&buf, gendump.APIOptions{Bytes: size, Seed: 3, JSONL: jsonl, Start: "2026-07-01"})
			if err != nil {
				t.Fatal(err)
			}
			data := buf.Bytes()
			if int64(len(data)) != st.Bytes || st.Bytes < size || st.Bytes > size+64<<10 {
				t.Fatalf("%d bytes, stats say %d, want a little over %d", len(data), st.Bytes, size)
			}
			items := 0
			if jsonl {
				sc := bufio.NewScanner(bytes.NewReader(data))
				sc.Buffer(nil, 1<<20)
				for sc.Scan() {
					line := bytes.Clone(sc.Bytes())
					if err := (*jsontext.Value)(&line).Compact(); err != nil || !bytes.Equal(line, sc.Bytes()) || line[0] != '{' {
						t.Fatalf("line %d is not one compact object (%v)", items+1, err)
					}
					items++
				}
			} else {
				var list []json.RawMessage
				if err := json.Unmarshal(data, &list); err != nil {
					t.Fatal(err)
				}
				items = len(list)
			}
			ids := readAPI(t, name, data)
			if len(ids) != items || items != st.Items {
				t.Fatalf("%d records, %d items, stats say %d", len(ids), items, st.Items)
			}
		})
	}
}

// TestAPIDeterministic checks that a seed gives the same bytes and another
// seed others.
func TestAPIDeterministic(t *testing.T) {
	write := func(seed uint64) []byte {
		var buf bytes.Buffer
		if _, err := gendump.WriteAPI(&buf, gendump.APIOptions{Bytes: 200 << 10, Seed: seed, JSONL: true}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(write(1), write(1)) {
		t.Error("seed 1 gave different bytes")
	}
	if bytes.Equal(write(1), write(2)) {
		t.Error("seeds 1 and 2 gave the same bytes")
	}
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := gendump.WriteAPIArchive(dir, gendump.APIOptions{Days: 3, Seed: 5}); err != nil {
			t.Fatal(err)
		}
	}
	for _, day := range []string{"2024-05-01", "2024-05-02", "2024-05-03"} {
		x, err1 := os.ReadFile(filepath.Join(a, day+".json"))
		y, err2 := os.ReadFile(filepath.Join(b, day+".json"))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two archives of seed 5 (%v, %v)", day, err1, err2)
		}
	}
}

func TestAPIOptionsChecked(t *testing.T) {
	if _, err := gendump.WriteAPIArchive(t.TempDir(), gendump.APIOptions{}); err == nil {
		t.Error("WriteAPIArchive without Days: no error")
	}
	if _, err := gendump.WriteAPI(io.Discard, gendump.APIOptions{}); err == nil {
		t.Error("WriteAPI without Bytes: no error")
	}
	if _, err := gendump.WriteAPI(io.Discard, gendump.APIOptions{Bytes: 1, Start: "May 1"}); err == nil {
		t.Error("WriteAPI with a bad Start: no error")
	}
}
