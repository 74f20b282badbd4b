package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"reflect"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/abstracts-dev/abstracts/schema"
)

// The saved pages of testdata/captures/html are built from the API files
// of testdata/captures/api by internal/cmd/genpage (go generate there).
var htmlFixtures = []struct {
	page, api, date string
	items           int
}{
	{"papers-date-2026-08-20.html", "daily-papers-2026-08-20.json", "2026-08-20", 15},
	{"papers-date-2024-06-03.html", "daily-papers-2024-06-03.json", "2024-06-03", 6}, // items without submittedOnDailyAt
}

// htmlFile returns a file of ../testdata/captures/html.
func htmlFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/captures/html/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readPage reads a saved page with the style detected.
func readPage(t *testing.T, data []byte, configure func(*Reader)) ([]*schema.Record, *Reader) {
	t.Helper()
	return readFrom(t, bytes.NewReader(data), "page.html", configure)
}

// sameRecords compares records every field but source and line.
func sameRecords(t *testing.T, got, want []*schema.Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := *got[i], *want[i]
		g.Source, g.Line, w.Source, w.Line = "", 0, "", 0
		if !reflect.DeepEqual(g, w) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// sameDiagnostics compares diagnostics but their positions, an item's
// pointer in the page (/dailyPapers/3/title) taken for the same in the
// response (/3/title).
func sameDiagnostics(t *testing.T, got, want List) {
	t.Helper()
	key := func(l List) []string {
		var out []string
		for _, d := range l {
			s := fmt.Sprintf("%v %s %s %s", d.Severity, d.Code, d.Pointer, d.Message)
			out = append(out, strings.ReplaceAll(s, "/dailyPapers/", "/")) // the items' pointers in the page
		}
		return out
	}
	if g, w := key(got), key(want); !reflect.DeepEqual(g, w) {
		t.Errorf("diagnostics:\n got %q\nwant %q", g, w)
	}
}

// posAt returns the line and column (in characters) of byte i of data.
func posAt(data []byte, i int) (int, int) { return advancePos(1, 1, data[:i]) }

// propsLine returns the line of the DailyPapers element's data-props,
// written on one line.
func propsLine(t *testing.T, page []byte) int {
	t.Helper()
	i := bytes.Index(page, []byte(`dailyPapers&`)) // the escaped object's member, "dailyPapers"
	if i < 0 {
		t.Fatal("no DailyPapers data-props in the page")
	}
	line, _ := posAt(page, i)
	return line
}

// TestHTMLPages reads the saved pages: each gives the records of its API
// file, field for field but source and line, and the same diagnostics; the
// page's date is the listing date of items that do not give theirs.
func TestHTMLPages(t *testing.T) {
	for _, tt := range htmlFixtures {
		t.Run(tt.page, func(t *testing.T) {
			page := htmlFile(t, tt.page)
			recs, r := readPage(t, page, nil)
			want, wr := readFrom(t, bytes.NewReader(apiFile(t, tt.api)), "api.json", func(r *Reader) { r.ListingDate = tt.date })
			if len(recs) != tt.items || r.Errors() != 0 {
				t.Fatalf("%d records, %v", len(recs), r.Diagnostics())
			}
			sameRecords(t, recs, want)
			sameDiagnostics(t, r.Diagnostics(), wr.Diagnostics())
			l := r.Listing()
			wantListing := Listing{Style: StyleHTML, URL: "https://huggingface.co/papers/date/" + tt.date, Kind: "daily", Date: tt.date}
			if l != wantListing {
				t.Errorf("listing %+v, want %+v", l, wantListing)
			}
			line := propsLine(t, page)
			for i, rec := range recs {
				if rec.ListingDate != tt.date || rec.Source != "page.html" || rec.Line != line {
					t.Errorf("record %d: listing date %q, source %q, line %d (data-props is on line %d)", i, rec.ListingDate, rec.Source, rec.Line, line)
				}
			}
			// With the schema checks on goroutines of their own, and for a
			// first pass that wants the listing only, the same.
			par, _ := readPage(t, page, func(r *Reader) { r.Concurrency = 2 })
			sameRecords(t, par, recs)
			if l, err := ReadListing(bytes.NewReader(page), "page.html", StyleAuto, 0); err != nil || l != wantListing {
				t.Errorf("ReadListing: %+v, %v", l, err)
			}
			// The API file alone gives the same listing dates only where the
			// items carry theirs.
			plain, _ := readFrom(t, bytes.NewReader(apiFile(t, tt.api)), "api.json", nil)
			if dated := plain[0].ListingDate != ""; dated != (tt.date == "2026-08-20") {
				t.Errorf("API file's first listing date %q", plain[0].ListingDate)
			}
		})
	}
}

// TestHTMLListingDate: --listing-date wins over the page's date, and an
// item listed on another day is the api reader's error, at its place.
func TestHTMLListingDate(t *testing.T) {
	recs, r := readPage(t, htmlFile(t, "papers-date-2024-06-03.html"), func(r *Reader) { r.ListingDate = "2024-06-05" })
	if len(recs) != 6 || recs[0].ListingDate != "2024-06-05" || r.Listing().Date != "2024-06-03" {
		t.Errorf("%d records, listing date %q, page %+v", len(recs), recs[0].ListingDate, r.Listing())
	}
	page := htmlFile(t, "papers-date-2026-08-20.html")
	recs, r = readPage(t, page, func(r *Reader) { r.ListingDate = "2026-08-19" })
	d := r.Diagnostics()
	if len(recs) != 0 || len(d) != 15 {
		t.Fatalf("%d records, %v", len(recs), d)
	}
	line := propsLine(t, page)
	for i, e := range d {
		if e.Code != CodeInvalidDate || e.Pointer != fmt.Sprintf("/dailyPapers/%d/paper/submittedOnDailyAt", i) || e.Pos.Line != line {
			t.Errorf("%d: %v (%s)", i, e, e.Pointer)
		}
	}
}

// TestHTMLDetect: a page is read as html with --style auto, whatever its
// first tag's case, and nothing else is.
func TestHTMLDetect(t *testing.T) {
	for _, head := range []string{"<!doctype html>", "<!DOCTYPE HTML>\n<html>", " \r\n\t<html lang=\"en\">", "<HEAD><title>x</title>", "<html>"} {
		if !detectHTML([]byte(head)) {
			t.Errorf("%q not detected", head)
		}
	}
	for _, head := range []string{"", "<", "<!doctype", "<div data-target=\"DailyPapers\">", "<?xml version=\"1.0\"?>", "[{\"paper\": {}}]", "# Daily Papers", "Mar 14\n\n<html>"} {
		if detectHTML([]byte(head)) {
			t.Errorf("%q detected", head)
		}
	}
	for _, tt := range htmlFixtures {
		for _, style := range []Style{StyleAuto, StyleHTML} {
			_, r := readPage(t, htmlFile(t, tt.page), func(r *Reader) { r.Style = style })
			if r.Listing().Style != StyleHTML || r.Errors() != 0 {
				t.Errorf("%s (%v): style %v, %v", tt.page, style, r.Listing().Style, r.Diagnostics())
			}
		}
	}
	if f := detect(htmlFile(t, htmlFixtures[0].page)); f.Style != StyleHTML {
		t.Errorf("detected %v", f.Style)
	}
}

// pageWith returns a saved page whose DailyPapers element is tag, after a
// head with the page's address.
func pageWith(tag string) string {
	return "<!DOCTYPE html>\n<html>\n<head>\n<meta property=\"og:url\" content=\"https://huggingface.co/papers/week/2026-W34\" />\n" +
		"<title>Daily Papers - Hugging Face</title>\n</head>\n<body>\n<main>" + tag + "</main>\n</body>\n</html>\n"
}

// propsPage returns a saved page whose DailyPapers data is props.
func propsPage(props string) string {
	return pageWith(`<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="` + html.EscapeString(props) + `"></div>`)
}

// htmlItems returns the items of an API file, compact.
func htmlItems(t testing.TB, name string) []string {
	t.Helper()
	var raws []json.RawMessage
	if err := json.Unmarshal(apiFile(t, name), &raws); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(raws))
	for i, r := range raws {
		var b bytes.Buffer
		if err := json.Compact(&b, r); err != nil {
			t.Fatal(err)
		}
		out[i] = b.String()
	}
	return out
}

// TestHTMLNotAListing: a page that is not a listing, or whose data is not
// a listing's, gives one error: at 1:1 without the element, at the
// attribute when its data is wrong.
func TestHTMLNotAListing(t *testing.T) {
	item := htmlItems(t, "daily-papers-2026-08-20.json")[0]
	attr := func(page string) (int, int) { return posAt([]byte(page), strings.Index(page, "data-props")) }
	value := func(page string) (int, int) {
		return posAt([]byte(page), strings.Index(page, "data-props=\"")+len("data-props=\""))
	}
	at11 := func(string) (int, int) { return 1, 1 }
	for _, tt := range []struct {
		name, page string
		code       Code
		at         func(page string) (int, int)
		says       string
	}{
		{"no element", pageWith(`<div class="SVELTE_HYDRATER contents" data-target="MainHeader" data-props="{}"></div><p>DailyPapers</p>`), CodeNotAListing, at11, `no DailyPapers data (the <div data-target="DailyPapers" data-props=…>`},
		{"empty page", "<!doctype html>", CodeNotAListing, at11, "no DailyPapers data"},
		{"not HTML", "Mar 14\n\nA title\n\n" + abstract(200) + "\n", CodeNotAListing, at11, "file is not HTML"},
		{"tag in a script", pageWith(`<script>const s = '<div data-target="DailyPapers" data-props="{}">';</script>`), CodeNotAListing, at11, "no DailyPapers data"},
		{"paper page", pageWith(`<div class="SVELTE_HYDRATER contents" data-target="PaperContent" data-props="{}"></div>`), CodeNotAListing, at11, "single paper"},
		{"no data-props", pageWith(`<div class="SVELTE_HYDRATER contents" data-target="DailyPapers"></div>`), CodeNotAListing,
			func(page string) (int, int) { return posAt([]byte(page), strings.Index(page, "<div")) }, "no data-props"},
		{"not JSON", pageWith(`<div data-target="DailyPapers" data-props="hello"></div>`), CodeInvalidJSON, value, "not valid JSON"},
		{"empty", pageWith(`<div data-target="DailyPapers" data-props=""></div>`), CodeNotAListing, attr, "is empty"},
		{"array", propsPage(`[` + item + `]`), CodeNotAListing, attr, "an array, not an object"},
		{"no dailyPapers", propsPage(`{"papers": [` + item + `], "dateString": "2026-08-20"}`), CodeNotAListing, attr, `no "dailyPapers" array`},
		{"dailyPapers not an array", propsPage(`{"dateString": "2026-08-20", "dailyPapers": {"paper": {}}}`), CodeNotAListing,
			func(page string) (int, int) { return posAt([]byte(page), strings.Index(page, "{&#34;paper")) }, "is an object, not an array"},
		{"no items", propsPage(`{"dailyPapers": [], "dateString": "2026-08-20"}`), CodeNoPapers,
			func(page string) (int, int) { return posAt([]byte(page), strings.Index(page, "[]")) }, "dailyPapers array is empty"},
		{"broken before the items", propsPage(`{"dateString": "2026-08-20" "dailyPapers": [` + item + `]}`), CodeInvalidJSON,
			func(page string) (int, int) { return posAt([]byte(page), strings.Index(page, "&#34;dailyPapers")) }, "not valid JSON"},
		{"cut short in the tag", "<!DOCTYPE html>\n<html><body>\n<main><div data-target=\"DailyPapers\" data-props=\"{&#34;dailyPapers&#34;: [", CodeTruncatedFile,
			func(page string) (int, int) { return posAt([]byte(page), strings.Index(page, "<div")) }, "cut short"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs, r := readPage(t, []byte(tt.page), func(r *Reader) { r.Style = StyleHTML })
			d := r.Diagnostics()
			line, col := tt.at(tt.page)
			if len(recs) != 0 || len(d) != 1 || d[0].Code != tt.code || d[0].Pos.Line != line || d[0].Pos.Column != col || !strings.Contains(d[0].Message, tt.says) {
				t.Errorf("%d records, %v; want one %s at %d:%d saying %q", len(recs), d, tt.code, line, col, tt.says)
			}
			if r.Listing().Style != StyleHTML {
				t.Errorf("style %v", r.Listing().Style)
			}
		})
	}
}

// TestHTMLBrokenItems: a broken item inside the data gives one error
// naming its place, /dailyPapers/N/…, at its line and column in the page;
// the other items give their records. Broken JSON stops reading where it
// breaks, after the records before it; broken JSON after the items is
// reported after their records.
func TestHTMLBrokenItems(t *testing.T) {
	items := htmlItems(t, "daily-papers-2026-08-20.json")
	summary := `"summary":`
	i := strings.Index(items[3], `"paper":{`)
	j := i + strings.Index(items[3][i:], summary) + len(summary)
	end := j + strings.Index(items[3][j:], `","`) + 1
	broken := append([]string(nil), items...)
	broken[3] = items[3][:j] + "12345678" + items[3][end:]
	page := propsPage(`{"dateString":"2026-08-20","periodType":"day","dailyPapers":[` + strings.Join(broken, ",") + `]}`)
	recs, r := readPage(t, []byte(page), nil)
	d := r.Diagnostics()
	line, col := posAt([]byte(page), strings.Index(page, "&#34;summary&#34;:12345678")+len("&#34;summary&#34;:"))
	if len(recs) != 14 || len(d) != 1 || d[0].Code != CodeBadItem || d[0].Pointer != "/dailyPapers/3/paper/summary" ||
		d[0].Pos.Line != line || d[0].Pos.Column != col || !strings.Contains(d[0].Message, "item 4") {
		t.Errorf("%d records, %v (%s); want one bad-item at %d:%d", len(recs), d, pointerList(d), line, col)
	}
	if l := r.Listing(); l.Kind != "daily" || l.Date != "2026-08-20" || l.URL != "https://huggingface.co/papers/week/2026-W34" {
		t.Errorf("listing %+v", l) // the data's period wins over the address
	}

	// Broken JSON in item 5: the records of items 0 to 4, then the error.
	cut := append([]string(nil), items...)
	cut[5] = strings.Replace(items[5], `"title":`, `"title"::`, 1)
	page = propsPage(`{"dailyPapers":[` + strings.Join(cut, ",") + `],"dateString":"2026-08-20"}`)
	recs, r = readPage(t, []byte(page), nil)
	d = r.Diagnostics()
	if len(recs) != 5 || len(d) != 1 || d[0].Code != CodeInvalidJSON || !strings.HasPrefix(d[0].Pointer, "/dailyPapers/5/") {
		t.Errorf("%d records, %v (%s)", len(recs), d, pointerList(d))
	}
	if line, col := posAt([]byte(page), strings.Index(page, "&#34;title&#34;::")+len("&#34;title&#34;:")); len(d) == 1 && (d[0].Pos.Line != line || d[0].Pos.Column != col) {
		t.Errorf("invalid JSON at %v, want %d:%d", d[0].Pos, line, col)
	}

	// Broken JSON after the items: every record, then the error.
	page = propsPage(`{"dailyPapers":[` + strings.Join(items[:4], ",") + `],"dateString":"2026-08-20",}`)
	recs, r = readPage(t, []byte(page), nil)
	d = r.Diagnostics()
	if len(recs) != 4 || len(d) != 1 || d[0].Code != CodeInvalidJSON {
		t.Errorf("%d records, %v", len(recs), d)
	}
}

func pointerList(d List) string {
	var ps []string
	for _, e := range d {
		ps = append(ps, e.Pointer)
	}
	return strings.Join(ps, " ")
}

// TestHTMLPositions: with the data written over many lines (an indented
// response, its line breaks CRLF or not, escaped as a page does), every
// record and every diagnostic stands at its line in the page: the line in
// the API file, moved down by the lines before the attribute.
func TestHTMLPositions(t *testing.T) {
	for _, name := range []string{"daily-papers-2025-03-14.json", "daily-papers-2026-08-20.json"} {
		api := apiFile(t, name)
		want, wr := readFrom(t, bytes.NewReader(api), "api.json", nil)
		for _, crlf := range []bool{false, true} {
			props := "{\"dailyPapers\":" + string(api) + "}"
			page := pageWith(`<div class="SVELTE_HYDRATER contents"` + "\n" + `  data-target="DailyPapers" data-props="` + html.EscapeString(props) + `"></div>`)
			if crlf {
				page = strings.ReplaceAll(page, "\n", "\r\n")
			}
			recs, r := readPage(t, []byte(page), nil)
			sameRecords(t, recs, want)
			sameDiagnostics(t, r.Diagnostics(), wr.Diagnostics())
			before, _ := posAt([]byte(page), strings.Index(page, "data-props"))
			for i := range recs {
				if recs[i].Line != want[i].Line+before-1 {
					t.Errorf("%s: record %d on line %d, want %d", name, i, recs[i].Line, want[i].Line+before-1)
				}
			}
			wd := wr.Diagnostics()
			for i, d := range r.Diagnostics() {
				if i < len(wd) && d.Pos.Line != wd[i].Pos.Line+before-1 {
					t.Errorf("%s: %v, want line %d", name, d, wd[i].Pos.Line+before-1)
				}
			}
			if l := r.Listing(); l.Kind != "weekly" || l.Date != "" {
				t.Errorf("listing %+v", l) // the address says weekly; the data says no date
			}
		}
	}
}

// TestHTMLListing: the page's address and period.
func TestHTMLListing(t *testing.T) {
	item := htmlItems(t, "daily-papers-2024-06-03.json")[0]
	body := func(head, props string) string {
		return "<!doctype html><html><head>" + head + "</head><body><div data-target=\"DailyPapers\" data-props=\"" +
			html.EscapeString(props) + "\"></div></body></html>"
	}
	data := func(members string) string { return `{` + members + `"dailyPapers":[` + item + `]}` }
	for _, tt := range []struct {
		name, page string
		want       Listing
		date       string // the record's listing date
	}{
		{"canonical before og:url", body(`<meta property="og:url" content="https://huggingface.co/papers/date/2024-06-02"><link rel="canonical" href="https://huggingface.co/papers/date/2024-06-03">`, data("")),
			Listing{URL: "https://huggingface.co/papers/date/2024-06-03", Kind: "daily", Date: "2024-06-03"}, "2024-06-03"},
		{"og:url", body(`<meta property="og:url" content="https://huggingface.co/papers/date/2024-06-02">`, data("")),
			Listing{URL: "https://huggingface.co/papers/date/2024-06-02", Kind: "daily", Date: "2024-06-02"}, "2024-06-02"},
		{"saved from", "<!DOCTYPE html>\n<!-- saved from url=(0029)https://huggingface.co/papers -->\n" + body("", data(`"dateString":"2024-06-03","periodType":"day",`)),
			Listing{URL: "https://huggingface.co/papers", Kind: "daily", Date: "2024-06-03"}, "2024-06-03"},
		{"no address", body("", data(`"date":"2024-06-03",`)), Listing{Kind: "daily", Date: "2024-06-03"}, "2024-06-03"},
		{"landing on a week", body(`<link rel="canonical" href="https://huggingface.co/papers">`, data(`"dateString":"2024-06-03","periodType":"week",`)),
			Listing{URL: "https://huggingface.co/papers", Kind: "weekly", Date: "2024-06-03"}, ""},
		{"month", body(`<link rel="canonical" href="https://huggingface.co/papers/month/2024-06">`, data(`"dateString":"2024-06","periodType":"month",`)),
			Listing{URL: "https://huggingface.co/papers/month/2024-06", Kind: "monthly"}, ""},
		{"trending", body(`<link rel="canonical" href="https://huggingface.co/papers/trending">`, data(`"dateString":"2024-06-03",`)),
			Listing{URL: "https://huggingface.co/papers/trending", Kind: "trending"}, ""},
		{"relative address", body(`<link rel="canonical" href="/papers/date/2024-06-03">`, data("")), Listing{}, ""},
		{"not a date", body("", data(`"dateString":"2024-02-30","periodType":7,`)), Listing{}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs, r := readPage(t, []byte(tt.page), nil)
			tt.want.Style = StyleHTML
			if len(recs) != 1 || r.Errors() != 0 || r.Listing() != tt.want || recs[0].ListingDate != tt.date {
				t.Errorf("%d records, %v; listing %+v, want %+v; listing date %q, want %q", len(recs), r.Diagnostics(), r.Listing(), tt.want, recs[0].ListingDate, tt.date)
			}
		})
	}
}

// TestAttrMap: offsets of an unescaped attribute value stand at the text
// they come from, through character references, CRLF and NUL; a value
// and raw text out of step place what follows where the walk stopped.
func TestAttrMap(t *testing.T) {
	raw := "a&quot;b&amp;c\r\nd&#233;e&notit;f&amp=g\x00h&fjlig;i&#x26;"
	val := "a\"b&c\ndée&notit;f&amp=g\uFFFDhfji&"
	z := xhtml.NewTokenizer(strings.NewReader(`<div x="` + raw + `">`))
	z.Next()
	z.TagName()
	if _, v, _ := z.TagAttr(); string(v) != val {
		t.Fatalf("the tokenizer reads %q, not %q", v, val)
	}
	m := &attrMap{raw: []byte(raw), val: val, line0: 3, col0: 10}
	m.reset()
	for _, tt := range []struct {
		sub       string // the first occurrence in val
		line, col int
	}{
		{"a", 3, 10}, {"\"", 3, 11}, {"b", 3, 17}, {"&c", 3, 18}, {"c", 3, 23}, {"\n", 3, 24},
		{"d", 4, 1}, {"é", 4, 2}, {"e", 4, 8}, {"&notit;", 4, 9}, {"f", 4, 16}, {"&amp=", 4, 17}, {"g", 4, 22},
		{"\uFFFD", 4, 23}, {"h", 4, 24}, {"fji", 4, 25}, {"i", 4, 32}, {"&", 3, 18},
	} {
		off := strings.Index(val, tt.sub)
		if tt.sub == "i" || tt.sub == "fji" {
			off = strings.LastIndex(val, tt.sub)
		}
		if line, col := m.at(int64(off)); line != tt.line || col != tt.col {
			t.Errorf("%q (offset %d) at %d:%d, want %d:%d", tt.sub, off, line, col, tt.line, tt.col)
		}
	}
	if line, col := m.at(int64(len(val))); line != 4 || col != 39 {
		t.Errorf("end at %d:%d", line, col)
	}
	// Out of step, the walk stays where it stopped.
	lost := &attrMap{raw: []byte("ab\ncd"), val: "ab\nXd", line0: 1, col0: 5}
	lost.reset()
	if line, col := lost.at(4); line != 2 || col != 1 || !lost.lost {
		t.Errorf("out of step: %d:%d, lost %v", line, col, lost.lost)
	}
}

// TestRawAttr finds attributes as the tokenizer reads them.
func TestRawAttr(t *testing.T) {
	for _, tt := range []struct {
		tag, key, want string
		ok             bool
	}{
		{`<div data-props="x">`, "data-props", "x", true},
		{`<div a='1' DATA-PROPS = 'y "z"' >`, "data-props", `y "z"`, true},
		{`<div data-props=unquoted/v data-props="second">`, "data-props", "unquoted/v", true},
		{`<div/data-props="s">`, "data-props", "s", true},
		{`<div data-target="DailyPapers" x="data-props=&quot;no&quot;">`, "data-props", "", false},
		{`<div =data-props="odd">`, "data-props", "", false},
		{`<div data-props>`, "data-props", "", true},
		{`<div data-props="cut`, "data-props", "cut", true},
	} {
		_, s, e, ok := rawAttr([]byte(tt.tag), tt.key)
		if ok != tt.ok || ok && tt.tag[s:e] != tt.want {
			t.Errorf("%s: %q, %v", tt.tag, tt.tag[s:e], ok)
		}
	}
}

// FuzzHTML: no input makes the reader panic or place a diagnostic outside
// it; the saved pages as they are give their API files' records.
func FuzzHTML(f *testing.F) {
	for _, tt := range htmlFixtures {
		f.Add(htmlFile(f, tt.page))
	}
	items := htmlItems(f, "daily-papers-2026-08-20.json")
	f.Add([]byte(propsPage(`{"dateString":"2026-08-20","periodType":"day","dailyPapers":[` + items[0] + `,` + items[1] + `]}`)))
	f.Add([]byte(pageWith(`<div data-target="DailyPapers" data-props='{"dailyPapers":[{"paper":{"id":"1"}}],"x":1}'></div>`)))
	f.Add([]byte("<html><div data-target=DailyPapers data-props=&#123;&#34;dailyPapers&#34;:[]}>"))
	pages := map[string]string{}
	for _, tt := range htmlFixtures {
		pages[string(htmlFile(f, tt.page))] = tt.api
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, r := readFrom(t, bytes.NewReader(data), "page.html", func(r *Reader) { r.Style = StyleHTML })
		lines := strings.Split(string(data), "\n")
		checkInside(t, lines, r.Diagnostics())
		for _, rec := range recs {
			if rec.Line < 1 || rec.Line > len(lines) {
				t.Fatalf("record of line %d outside the input", rec.Line)
			}
		}
		if api, ok := pages[string(data)]; ok {
			date := strings.TrimSuffix(strings.TrimPrefix(api, "daily-papers-"), ".json")
			want, _ := readFrom(t, bytes.NewReader(apiFile(t, api)), "api.json", func(r *Reader) { r.ListingDate = date })
			sameRecords(t, recs, want)
		}
	})
}
