package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abstracts-dev/abstracts/schema"
)

// apiFile returns a file of ../testdata/captures/api.
func apiFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/captures/api/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// expectedAPIRecords reads an API response independently of the reader,
// with encoding/json into generic values, and derives the record of each
// item as docs/formats.md says: everything but position, line and source,
// and the URLs, which come from the abstract.
func expectedAPIRecords(t testing.TB, data []byte) []schema.Record {
	t.Helper()
	var items []map[string]any
	if err := json.Unmarshal(data, &items); err != nil {
		t.Fatal(err)
	}
	str := func(v any) string { s, _ := v.(string); return strings.Join(strings.Fields(s), " ") }
	count := func(v any) schema.NullInt {
		if f, ok := v.(float64); ok {
			return schema.Int(int(f))
		}
		return schema.NullInt{}
	}
	display := func(v any, key string) string {
		m, _ := v.(map[string]any)
		if s := str(m[key]); s != "" {
			return s
		}
		return str(m["name"])
	}
	var out []schema.Record
	for _, it := range items {
		p := it["paper"].(map[string]any)
		title := str(it["title"])
		rec := schema.Record{
			ID: schema.TitleID(title), Title: title, Abstract: str(p["summary"]),
			PaperID: str(p["id"]), PublishedDate: str(p["publishedAt"])[:10],
			Upvotes: count(p["upvotes"]), Comments: count(it["numComments"]), GitHubStars: count(p["githubStars"]),
			Organization: display(it["organization"], "fullname"), SubmittedBy: display(it["submittedBy"], "name"),
			AISummary: str(p["ai_summary"]), ProjectPage: str(p["projectPage"]),
		}
		if rec.Organization == "" {
			rec.Organization = display(p["organization"], "fullname")
		}
		if rec.SubmittedBy == "" {
			rec.SubmittedBy = display(p["submittedOnDailyBy"], "name")
		}
		if d := str(p["submittedOnDailyAt"]); d != "" {
			rec.ListingDate = d[:10]
		}
		if repo := str(p["githubRepo"]); repo != "" {
			rec.GitHubRepo = strings.TrimPrefix(repo, "https://github.com/")
		} else if m := reGitHubInText.FindStringSubmatch(rec.Abstract); m != nil {
			rec.GitHubRepo = m[1] // the first repository the abstract links
		}
		rec.Authors = []string{}
		for _, a := range p["authors"].([]any) {
			rec.Authors = append(rec.Authors, str(a.(map[string]any)["name"]))
		}
		rec.NumAuthors = schema.Int(len(rec.Authors))
		if kw, ok := p["ai_keywords"].([]any); ok {
			rec.AIKeywords = []string{}
			for _, k := range kw {
				rec.AIKeywords = append(rec.AIKeywords, str(k))
			}
		}
		out = append(out, rec)
	}
	return out
}

var reGitHubInText = regexp.MustCompile(`https://github\.com/([A-Za-z0-9-]+/[A-Za-z0-9_.-]*[A-Za-z0-9_-])`)

// compareAPIRecords compares the records read with those expected, every
// field but position, line, source and URLs.
func compareAPIRecords(t *testing.T, got []*schema.Record, want []schema.Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	for i, g := range got {
		c := *g
		if c.Position != i+1 {
			t.Errorf("record %d: position %d", i, c.Position)
		}
		c.Position, c.Line, c.Source, c.URLs = 0, 0, "", nil
		if !reflect.DeepEqual(c, want[i]) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, c, want[i])
		}
	}
}

// compactAPI returns the response on one line, as curl saves it.
func compactAPI(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// linesAPI returns the response as JSON Lines, one compact item a line, as
// jq -c '.[]' writes it.
func linesAPI(t testing.TB, data []byte) []byte {
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, it := range items {
		if err := json.Compact(&b, it); err != nil {
			t.Fatal(err)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// TestAPIResponses reads the real responses indented (as saved), compact
// and as JSON Lines: each gives every field an independent reading of the
// JSON gives, and the same records in all three forms.
func TestAPIResponses(t *testing.T) {
	for _, tt := range []struct {
		file     string
		items    int
		warnings int
		dated    bool // the items carry submittedOnDailyAt
	}{
		{"daily-papers-2024-06-03.json", 6, 0, false},
		{"daily-papers-2025-03-14.json", 26, 2, false}, // two titles with LaTeX: "^", "$"
		{"daily-papers-2026-08-20.json", 15, 0, true},
	} {
		data := apiFile(t, tt.file)
		want := expectedAPIRecords(t, data)
		for _, form := range []struct {
			name  string
			data  []byte
			style Style
		}{
			{"indented", data, StyleAuto},
			{"indented", data, StyleAPI},
			{"compact", compactAPI(t, data), StyleAuto},
			{"lines", linesAPI(t, data), StyleAuto},
		} {
			t.Run(tt.file+"/"+form.name+"/"+form.style.String(), func(t *testing.T) {
				recs, r := readFrom(t, bytes.NewReader(form.data), tt.file, func(r *Reader) { r.Style = form.style })
				if err := r.Err(); err != nil {
					t.Fatalf("invalid:\n%v", err)
				}
				if r.Warnings() != tt.warnings {
					t.Errorf("%d warnings, want %d: %v", r.Warnings(), tt.warnings, r.Diagnostics())
				}
				if got := r.Listing(); got.Style != StyleAPI {
					t.Errorf("listing %+v", got)
				}
				if len(recs) != tt.items {
					t.Fatalf("%d records, want %d", len(recs), tt.items)
				}
				compareAPIRecords(t, recs, want)
				for _, rec := range recs {
					if (rec.ListingDate != "") != tt.dated {
						t.Errorf("listing date %q", rec.ListingDate)
					}
					if form.name != "indented" {
						continue
					}
					lines := strings.Split(string(form.data), "\n")
					want := `"title": ` + jsonString(rec.Title)[:12]
					if rec.Line < 1 || rec.Line > len(lines) || !strings.Contains(lines[rec.Line-1], want) {
						t.Errorf("%s: line %d does not hold %s", rec.PaperID, rec.Line, want)
					}
				}
			})
		}
	}
}

// jsonString returns s as json.dump writes it, ensure_ascii=False.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// lineColOf returns the 1-based line and column, in characters, of the
// first occurrence of s in data, or 0, 0.
func lineColOf(data []byte, s string) (int, int) {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0, 0
	}
	return lineColAt(data, i)
}

// lineColAt returns the 1-based line and column of byte offset i.
func lineColAt(data []byte, i int) (int, int) {
	line := 1 + bytes.Count(data[:i], []byte{'\n'})
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	return line, utf8.RuneCount(data[start:i]) + 1
}

// TestAPIListingDate: --listing-date dates the items that do not say their
// day, and an item that names another day is an error at that item.
func TestAPIListingDate(t *testing.T) {
	recs, r := readFrom(t, bytes.NewReader(apiFile(t, "daily-papers-2024-06-03.json")), "day.json",
		func(r *Reader) { r.ListingDate = "2024-06-03" })
	if r.Err() != nil || len(recs) != 6 {
		t.Fatalf("%d records: %v", len(recs), r.Err())
	}
	for _, rec := range recs {
		if rec.ListingDate != "2024-06-03" {
			t.Errorf("%s: listing date %q", rec.PaperID, rec.ListingDate)
		}
	}
	data := apiFile(t, "daily-papers-2026-08-20.json")
	recs, r = readFrom(t, bytes.NewReader(data), "day.json", func(r *Reader) { r.ListingDate = "2026-08-19" })
	if len(recs) != 0 || r.Errors() != 15 {
		t.Fatalf("%d records, %d errors: %v", len(recs), r.Errors(), r.Diagnostics())
	}
	d := r.Diagnostics()[0]
	if line, col := lineColOf(data, "{\n    \"paper\""); d.Code != CodeInvalidDate || d.Pos.Line != line || d.Pos.Column != col || d.Pointer != "/0/paper/submittedOnDailyAt" {
		t.Errorf("%v (pointer %s), want %d:%d", d, d.Pointer, line, col)
	}
}

// TestAPIBrokenItems reads the real response whose items are Python reprs
// in strings: one error per item, at the item's own line and column.
func TestAPIBrokenItems(t *testing.T) {
	data := apiFile(t, "daily-papers-2024-12-11.json")
	recs, r := readFrom(t, bytes.NewReader(data), "broken.json", nil)
	d := r.Diagnostics()
	if len(recs) != 0 || len(d) != 26 {
		t.Fatalf("%d records, %d diagnostics: %v", len(recs), len(d), d)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		t.Fatal(err)
	}
	for i, diag := range d {
		line, col := lineColOf(data, string(items[i]))
		if diag.Code != CodeBadItem || diag.Pos.Line != line || diag.Pos.Column != col ||
			diag.Pointer != fmt.Sprintf("/%d", i) || !strings.Contains(diag.Message, "Python repr") {
			t.Errorf("item %d: %v (pointer %q), want %d:%d", i, diag, diag.Pointer, line, col)
		}
	}
}

// apiItems returns the items of the 2026 response as they are written in
// it, indented.
func apiItems(t testing.TB) []string {
	var items []json.RawMessage
	if err := json.Unmarshal(apiFile(t, "daily-papers-2026-08-20.json"), &items); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = string(it)
	}
	return out
}

// apiArray writes items as an indented response.
func apiArray(items []string) string { return "[\n  " + strings.Join(items, ",\n  ") + "\n]\n" }

// TestAPIDefects breaks the first, a middle and the last item of a
// response in each way a response can be broken: each gives exactly one
// error, at the value at fault (line, column and JSON Pointer), and every
// other item its record.
func TestAPIDefects(t *testing.T) {
	items := apiItems(t)
	n := len(items)
	tests := []struct {
		name    string
		code    Code
		old     string // replaced in the item, once
		new     string
		at      string // the text, in the broken file, where the error is; "" is the item's start
		pointer string // after the item's pointer
	}{
		{"upvotes a string", CodeBadItem, `"upvotes": `, `"upvotes": "x", "y": `, `"x`, "/paper/upvotes"},
		{"negative upvotes", CodeBadCount, `"upvotes": `, `"upvotes": -1, "u": `, `-`, "/paper/upvotes"},
		{"no summary", CodeBadItem, `"summary": `, `"summery": `, `{`, "/paper/summary"},
		{"summary null", CodeBadItem, `"summary": "`, `"summary": null, "x": "`, `null`, "/paper/summary"},
		{"no paper id", CodeBadItem, `"id": `, `"idx": `, `{`, "/paper/id"},
		{"authors a string", CodeBadItem, `"authors": [`, `"authors": "none", "authorz": [`, `"none"`, "/paper/authors"},
		{"publishedAt no date", CodeInvalidPublicationDate, `"publishedAt": "`, `"publishedAt": "soon`, `"soon`, "/paper/publishedAt"},
		{"githubRepo not GitHub", CodeBadItem, `"githubRepo": "https://github.com/`, `"githubRepo": "https://gitlab.com/`, `"https://gitlab.com/`, "/paper/githubRepo"},
		{"control character", CodeControlCharacter, `"summary": "`, `"summary": "\u001b[31m`, `"\u001b[31m`, "/paper/summary"},
		{"short abstract", CodeAbstractTooShort, `"summary": "`, `"summary": "Too short.", "x": "`, `"Too short.`, "/paper/summary"},
		{"numComments missing", CodeBadItem, `"numComments": `, `"numComents": `, "", "/numComments"},
	}
	for _, tt := range tests {
		var have []int // the items that hold what the defect replaces
		for i, it := range items {
			if strings.Contains(it, tt.old) {
				have = append(have, i)
			}
		}
		if len(have) < 3 {
			t.Fatalf("%s: only %d items hold %q", tt.name, len(have), tt.old)
		}
		for _, k := range []int{have[0], have[len(have)/2], have[len(have)-1]} {
			t.Run(fmt.Sprintf("%s/item%d", tt.name, k), func(t *testing.T) {
				broken := append([]string(nil), items...)
				if !strings.Contains(broken[k], tt.old) {
					t.Fatalf("item %d has no %q", k, tt.old)
				}
				broken[k] = strings.Replace(broken[k], tt.old, tt.new, 1)
				data := apiArray(broken)
				start := strings.Index(data, broken[k])
				at := start
				if tt.at != "" {
					at = start + strings.Index(broken[k], tt.new) + strings.Index(tt.new, tt.at)
					if tt.at == "{" { // the paper object
						at = start + strings.Index(broken[k], `"paper": {`) + len(`"paper": `)
					}
				}
				line, col := lineColAt([]byte(data), at)
				recs, r := readAll(t, data, nil)
				d := r.Diagnostics()
				ptr := fmt.Sprintf("/%d%s", k, tt.pointer)
				if len(d) != 1 || d[0].Code != tt.code || d[0].Pos.Line != line || d[0].Pos.Column != col ||
					d[0].Pointer != ptr || !strings.Contains(d[0].Message, ptr) {
					t.Fatalf("diagnostics %v (pointer %q), want one %s at %d:%d with %s", d, pointerOf(d), tt.code, line, col, ptr)
				}
				if len(recs) != n-1 {
					t.Fatalf("%d records, want %d", len(recs), n-1)
				}
				for _, rec := range recs {
					if rec.Position == k+1 || !strings.Contains(items[rec.Position-1], jsonString(rec.Title)) {
						t.Errorf("record at position %d is %q", rec.Position, rec.Title)
					}
				}
			})
		}
	}
}

func pointerOf(d List) []string {
	var out []string
	for _, x := range d {
		out = append(out, x.Pointer)
	}
	return out
}

// TestAPIFiles: whole files that are broken or not responses at all give
// one error each.
func TestAPIFiles(t *testing.T) {
	items := apiItems(t)
	whole := apiArray(items)
	tests := []struct {
		name, input string
		code        Code
		line, col   int
		says        string
	}{
		{"empty array", "[]\n", CodeNoPapers, 1, 1, "no item"},
		{"wrapped", `{"status": "success", "date": "2026-08-20", "count": 15, "data": ` + apiArray(items) + "}", CodeNotAListing, 1, 1, `"data"`},
		{"mirror's JSON", `[{"title": "T", "abstract": "A"}]`, CodeNotAListing, 1, 1, "not a Papers API response"},
		{"truncated", whole[:len(whole)/2], CodeTruncatedFile, 0, 0, "cut short"},
		{"text after the array", whole + "]\n", CodeNotAListing, 0, 0, "after the end"},
		{"stray comma", strings.Replace(whole, `"upvotes": 92,`, `"upvotes": 92,,`, 1), CodeInvalidJSON, 0, 0, "invalid JSON"},
		{"duplicate paper", apiArray(append(append([]string(nil), items...), items[3])), CodeDuplicatePaper, 0, 0, "appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, r := readAll(t, tt.input, nil)
			d := r.Diagnostics()
			if len(d) != 1 || d[0].Code != tt.code || !strings.Contains(d[0].Message, tt.says) ||
				tt.line != 0 && (d[0].Pos.Line != tt.line || d[0].Pos.Column != tt.col) {
				t.Fatalf("records %d, diagnostics %v", len(recs), d)
			}
			switch tt.name {
			case "stray comma":
				line, col := lineColOf([]byte(tt.input), ",,")
				if d[0].Pos.Line != line || d[0].Pos.Column != col+1 {
					t.Errorf("at %v, want %d:%d", d[0].Pos, line, col+1)
				}
			case "duplicate paper":
				if len(recs) != len(items) {
					t.Errorf("%d records", len(recs))
				}
				start, _ := lineColOf([]byte(tt.input), items[3])
				first := start + strings.Count(items[3][:strings.LastIndex(items[3], `"title": `)], "\n") // the item's own title
				if !strings.Contains(d[0].Message, fmt.Sprintf("same paper as line %d", first)) || d[0].Pos.Line <= first {
					t.Errorf("%v, want the second copy's title and line %d", d[0], first)
				}
			}
		})
	}
}

// TestAPIValueTooLong: a value longer than any of a real response (a
// string without end, say) stops reading with one error where it starts,
// and memory does not grow with the value: the reader never holds more
// than MaxJSONSpan of it, whether it runs on for 8 MiB past that or 40.
func TestAPIValueTooLong(t *testing.T) {
	var allocs []uint64
	for _, past := range []int{8 << 20, 40 << 20} {
		input := `[{"paper": {"id": "2608.16590", "summary": "` + strings.Repeat("abstract ", (MaxJSONSpan+past)/9) + `"}}]`
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		recs, r := readAll(t, input, nil)
		runtime.ReadMemStats(&after)
		d := r.Diagnostics()
		if len(recs) != 0 || len(d) != 1 || d[0].Code != CodeLineTooLong || d[0].Pos.Line != 1 ||
			d[0].Pos.Column != strings.Index(input, `"abstract`)+1 {
			t.Fatalf("%d records, diagnostics %v", len(recs), d)
		}
		allocs = append(allocs, after.TotalAlloc-before.TotalAlloc)
	}
	if allocs[1] > allocs[0]+allocs[0]/4 {
		t.Errorf("reading allocated %d MB for a value 8 MiB past the limit, %d MB for one 40 MiB past it", allocs[0]>>20, allocs[1]>>20)
	}
}

// TestCollapseBytes holds collapseBytes to collapseSpace, which the other
// formats use.
func TestCollapseBytes(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a  b\n\tc", "\u00a0x\u3000y\u0085", "Zetta ζ:\n  An", "a\u2028b", "ü  ö", "\r\n"} {
		if got, want := string(collapseBytes([]byte(s))), collapseSpace(s); got != want {
			t.Errorf("collapseBytes(%q) = %q, collapseSpace %q", s, got, want)
		}
	}
}
