package report

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/abstracts-dev/abstracts/internal/stats"
	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

var sample = flag.String("sample", "", "write the page of TestSamplePage to this `file` (scripts/report/check.sh uses it)")

const docsURL = "https://github.com/abstracts-dev/abstracts/blob/main/docs/diagnostics.md"

// record returns a valid record of the i-th paper of a made-up capture;
// with card, it carries the fields of today's cards (upvotes, publication
// date, organization).
func record(i int, card bool) *schema.Record {
	title := fmt.Sprintf("Paper %d on %s", i, strings.Repeat("learned things ", 1+i*7%11))
	r := &schema.Record{ID: schema.TitleID(title), Title: title, Abstract: strings.Repeat("word ", 20+i%700),
		ListingLabel: "Mar " + strconv.Itoa(1+i%28), ListingDate: fmt.Sprintf("2024-03-%02d", 1+i%28),
		URLs: []string{fmt.Sprintf("https://github.com/o%d/r", i%3), "https://arxiv.org/abs/" + strconv.Itoa(i)}}
	if card {
		r.Upvotes = schema.Int(int(math.Pow(float64(i*7919%1000)/1000, 6) * 3000)) // a long tail
		r.PublishedDate = fmt.Sprintf("2024-02-%02d", 1+i%29)
		r.Organization = "Org " + strconv.Itoa(i%13)
	}
	return r
}

// input builds the report input of two dumps of n papers each (the second
// half shared with the first), the first invalid with the given
// diagnostics.
func input(n int, card bool, diags ...Diagnostic) Input {
	s := stats.New()
	for i := range n {
		s.Add(record(i, card), 0)
	}
	for i := n / 2; i < n+n/2; i++ {
		s.Add(record(i, card), 1)
	}
	errs, warnings := 0, map[validate.Code]int{}
	for _, d := range diags {
		if d.Severity == validate.Error {
			errs++
		} else {
			warnings[d.Code]++
		}
	}
	dumps := []stats.Dump{
		{Path: "mon.txt", Valid: errs == 0, Papers: n, Errors: errs, Warnings: len(diags) - errs,
			WarningsByCode: warnings},
		{Path: "tue.txt", Valid: true, Papers: n},
	}
	return Input{Stats: s.Report(dumps), Summary: "2 dumps", Version: "test", DocsURL: docsURL,
		Dumps: []Dump{{SHA256: strings.Repeat("ab", 32), Diagnostics: diags}, {SHA256: strings.Repeat("cd", 32)}}}
}

// diagnostic returns a diagnostic of mon.txt; with an excerpt, its source
// view as validate renders it, the caret under the column.
func diagnostic(line, col int, sev validate.Severity, code validate.Code, msg, excerpt string) Diagnostic {
	d := Diagnostic{Diagnostic: &validate.Diagnostic{Pos: validate.Position{File: "mon.txt", Line: line, Column: col},
		Severity: sev, Code: code, Message: msg}}
	if excerpt != "" {
		num := strconv.Itoa(line)
		d.Source = fmt.Sprintf(" %s | %s\n %s | %s^\n", num, excerpt, strings.Repeat(" ", len(num)), strings.Repeat(" ", col-1))
	}
	return d
}

func render(t *testing.T, in Input) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func parse(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// find returns the elements under n for which ok holds, in document order.
func find(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && ok(c) {
			out = append(out, c)
		}
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func byID(doc *html.Node, id string) *html.Node {
	nodes := find(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id })
	if len(nodes) != 1 {
		return nil
	}
	return nodes[0]
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// TestPageSections checks that a report finds every section and chart, and
// that each chart has a title, a description and a table of its numbers,
// one row per bar; the sections of the card fields only when records carry
// them.
func TestPageSections(t *testing.T) {
	always := []string{"summary", "dumps", "figures", "listings", "lengths", "domains", "shared", "diagnostics"}
	alwaysCharts := []string{"chart-listings", "chart-title-length", "chart-abstract-length", "chart-domains", "chart-shared"}
	card := []string{"published", "upvotes", "organizations"}
	cardCharts := []string{"chart-published", "chart-upvotes", "chart-organizations"}
	for _, withCard := range []bool{false, true} {
		t.Run(fmt.Sprintf("card=%v", withCard), func(t *testing.T) {
			doc := parse(t, render(t, input(300, withCard)))
			for _, id := range slices.Concat(always, alwaysCharts) {
				if byID(doc, id) == nil {
					t.Errorf("no element with id %q", id)
				}
			}
			for _, id := range slices.Concat(card, cardCharts) {
				if got := byID(doc, id) != nil; got != withCard {
					t.Errorf("element %q present: %v, want %v", id, got, withCard)
				}
			}
			figures := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Figure })
			want := len(alwaysCharts)
			if withCard {
				want += len(cardCharts)
			}
			if len(figures) != want {
				t.Errorf("%d charts, want %d", len(figures), want)
			}
			for _, f := range figures {
				checkChart(t, doc, f)
			}
		})
	}
}

// TestPageNoPapers checks the page of dumps without a valid paper: every
// section, and no empty chart.
func TestPageNoPapers(t *testing.T) {
	s := stats.New()
	in := Input{Stats: s.Report([]stats.Dump{{Path: "missing.txt", ReadError: "open missing.txt: no such file or directory"}}),
		Dumps: []Dump{{}}, Summary: "1 dump, 1 invalid", Version: "test", DocsURL: docsURL}
	doc := parse(t, render(t, in))
	for _, id := range []string{"summary", "dumps", "figures", "listings", "lengths", "domains", "shared", "diagnostics"} {
		if byID(doc, id) == nil {
			t.Errorf("no element with id %q", id)
		}
	}
	if figures := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Figure }); len(figures) != 0 {
		t.Errorf("%d charts of no papers, want none", len(figures))
	}
	if got := text(byID(doc, "dumps")); !strings.Contains(got, "unreadable: open missing.txt: no such file or directory") {
		t.Errorf("dumps section %q does not say why the dump is unreadable", got)
	}
}

// checkChart checks one chart's figure: an svg with role img, labelled by
// the figure's caption and described by its desc, which names numbers; a
// table with a row per bar.
func checkChart(t *testing.T, doc, fig *html.Node) {
	id, _ := attr(fig, "id")
	svgs := find(fig, func(n *html.Node) bool { return n.DataAtom == atom.Svg })
	if len(svgs) != 1 {
		t.Fatalf("%s: %d svg elements, want 1", id, len(svgs))
	}
	svg := svgs[0]
	if role, _ := attr(svg, "role"); role != "img" {
		t.Errorf("%s: svg role %q, want img", id, role)
	}
	for _, key := range []string{"aria-labelledby", "aria-describedby"} {
		ref, _ := attr(svg, key)
		target := byID(doc, ref)
		if target == nil || strings.TrimSpace(text(target)) == "" {
			t.Errorf("%s: %s=%q names no element with text", id, key, ref)
		}
	}
	titles := find(svg, func(n *html.Node) bool { return n.Data == "title" && n.Parent == svg })
	if len(titles) != 1 || text(titles[0]) == "" {
		t.Errorf("%s: svg has %d titles, want one with text", id, len(titles))
	}
	desc := find(svg, func(n *html.Node) bool { return n.Data == "desc" })
	if len(desc) != 1 || !strings.ContainsAny(text(desc[0]), "0123456789") {
		t.Errorf("%s: no desc with the numbers", id)
	}
	bars := find(svg, func(n *html.Node) bool { return n.Data == "rect" })
	rows := find(fig, func(n *html.Node) bool { return n.DataAtom == atom.Tr && n.Parent.DataAtom == atom.Tbody })
	nonzero := 0
	for _, r := range rows {
		cells := find(r, func(n *html.Node) bool { return n.DataAtom == atom.Td })
		if n, _ := strconv.Atoi(text(cells[len(cells)-1])); n > 0 {
			nonzero++
		}
	}
	if len(bars) == 0 || len(bars) != nonzero {
		t.Errorf("%s: %d bars, %d table rows with a count; want the same, more than 0", id, len(bars), nonzero)
	}
}

// networkAttrs are the attributes that make a browser fetch their value.
var networkAttrs = []string{"src", "srcset", "href", "xlink:href", "poster", "data", "action", "formaction",
	"background", "ping", "manifest", "cite", "longdesc", "codebase", "archive", "lowsrc", "dynsrc"}

// TestNoNetwork checks that nothing in the page loads anything: no element
// that fetches (script, img, iframe, …), no fetching attribute but links a
// reader follows and data: URLs, no url() or @import in a style, and a
// Content-Security-Policy that forbids every load.
func TestNoNetwork(t *testing.T) {
	page := render(t, input(200, true,
		diagnostic(3, 5, validate.Error, validate.CodeMissingAbstract, "a title <b>x</b>", "see https://example.org/x.png")))
	doc := parse(t, page)
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Script, atom.Img, atom.Iframe, atom.Object, atom.Embed, atom.Video, atom.Audio, atom.Source,
			atom.Picture, atom.Frame, atom.Base, atom.Form, atom.Input:
			t.Errorf("page has a <%s> element", n.Data)
		}
		if n.Data == "image" || n.Data == "use" || n.Data == "foreignObject" {
			t.Errorf("page has an svg <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			if strings.HasPrefix(key, "on") {
				t.Errorf("<%s %s>: an event handler", n.Data, a.Key)
			}
			if key == "style" && loads(a.Val) {
				t.Errorf("<%s style=%q> loads something", n.Data, a.Val)
			}
			if !slices.Contains(networkAttrs, key) {
				continue
			}
			v := strings.TrimSpace(a.Val)
			switch {
			case strings.HasPrefix(v, "#"), strings.HasPrefix(v, "data:"):
			case key == "href" && n.DataAtom == atom.A && strings.HasPrefix(v, docsURL+"#"):
				// A link to the code's documentation, followed only when clicked.
			default:
				t.Errorf("<%s %s=%q> may load from the network", n.Data, a.Key, a.Val)
			}
		}
		if n.DataAtom == atom.Style && loads(text(n)) {
			t.Errorf("<style> loads something:\n%s", text(n))
		}
		if n.DataAtom == atom.Link {
			if rel, _ := attr(n, "rel"); rel != "icon" {
				t.Errorf("<link rel=%q>", rel)
			}
		}
	}
	csp := find(doc, func(n *html.Node) bool { v, _ := attr(n, "http-equiv"); return v == "Content-Security-Policy" })
	if len(csp) != 1 {
		t.Fatalf("%d Content-Security-Policy meta elements, want 1", len(csp))
	}
	if c, _ := attr(csp[0], "content"); !strings.HasPrefix(c, "default-src 'none';") || strings.Contains(c, "http") {
		t.Errorf("Content-Security-Policy %q does not forbid every load", c)
	}
}

// loads reports whether CSS text may fetch something.
func loads(css string) bool {
	css = strings.ToLower(css)
	return strings.Contains(css, "url(") || strings.Contains(css, "@import") || strings.Contains(css, "image-set(") ||
		strings.Contains(css, "@font-face") || strings.Contains(css, "//")
}

// TestDiagnostics checks the diagnostics section: grouped by code in the
// order of validate.Codes, each with its count, a link to its entry of the
// documentation, file:line:column, and the excerpt escaped with its caret.
func TestDiagnostics(t *testing.T) {
	var diags []Diagnostic
	for i := range MaxExamples + 3 {
		diags = append(diags, diagnostic(10+i, 1, validate.Warning, validate.CodeTrailingWhitespace, "trailing space", ""))
	}
	diags = append(diags,
		diagnostic(7, 9, validate.Error, validate.CodeControlCharacter, "control character U+001B in text",
			`<script>alert("x")</script> \x1b[31m`),
		diagnostic(2, 1, validate.Error, validate.CodeMissingDate, "papers start without a date line", ""))
	in := input(20, false, diags...)
	in.Stats.WarningsByCode = map[string]int{"trailing-whitespace": 40}
	page := render(t, in)
	doc := parse(t, page)
	groups := find(doc, func(n *html.Node) bool { v, _ := attr(n, "class"); return strings.HasPrefix(v, "code ") })
	var codes []string
	for _, g := range groups {
		id, _ := attr(g, "id")
		codes = append(codes, strings.TrimPrefix(id, "code-"))
		links := find(g, func(n *html.Node) bool { return n.DataAtom == atom.A })
		if href, _ := attr(links[0], "href"); href != docsURL+"#"+strings.TrimPrefix(id, "code-") {
			t.Errorf("%s links to %q", id, href)
		}
	}
	if want := []string{"control-character", "missing-date", "trailing-whitespace"}; !slices.Equal(codes, want) {
		t.Errorf("groups %v, want %v", codes, want)
	}
	trailing := text(byID(doc, "code-trailing-whitespace"))
	if !strings.Contains(trailing, "40 found") || !strings.Contains(trailing, "And 30 more") ||
		strings.Count(trailing, "mon.txt:") != MaxExamples {
		t.Errorf("trailing-whitespace group: want 40 found, %d shown, 30 more:\n%s", MaxExamples, trailing)
	}
	control := byID(doc, "code-control-character")
	pre := find(control, func(n *html.Node) bool { return n.DataAtom == atom.Pre })
	if len(pre) != 1 {
		t.Fatalf("control-character: %d excerpts, want 1", len(pre))
	}
	want := " 7 | <script>alert(\"x\")</script> \\x1b[31m\n   |         ^"
	if got := text(pre[0]); got != want {
		t.Errorf("excerpt\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(text(control), "mon.txt:7:9: control character U+001B in text") {
		t.Errorf("control-character group lacks the position and message:\n%s", text(control))
	}
	if bytes.Contains(page, []byte("<script")) || bytes.Contains(page, []byte("\x1b")) {
		t.Errorf("the page holds a raw <script or ESC")
	}
}

// TestDumpsTable checks the table of dumps: the style and listing columns
// only when a dump's style or listing kind is known.
func TestDumpsTable(t *testing.T) {
	in := input(10, false)
	doc := parse(t, render(t, in))
	if got := text(find(byID(doc, "dumps"), func(n *html.Node) bool { return n.DataAtom == atom.Thead })[0]); got != "dumpSHA-256paperserrorswarningsstate" {
		t.Errorf("columns %q without styles", got)
	}
	in.Dumps[0].Style, in.Dumps[0].Kind = "markdown", "daily"
	doc = parse(t, render(t, in))
	if got := text(find(byID(doc, "dumps"), func(n *html.Node) bool { return n.DataAtom == atom.Thead })[0]); got != "dumpstylelistingSHA-256paperserrorswarningsstate" {
		t.Errorf("columns %q with styles", got)
	}
	rows := find(byID(doc, "dumps"), func(n *html.Node) bool { return n.DataAtom == atom.Tr && n.Parent.DataAtom == atom.Tbody })
	var cells []string
	for _, c := range find(rows[0], func(n *html.Node) bool { return n.DataAtom == atom.Td }) {
		cells = append(cells, text(c))
	}
	if want := []string{"mon.txt", "markdown", "daily", strings.Repeat("ab", 32), "10", "0", "0", "valid"}; !slices.Equal(cells, want) {
		t.Errorf("first row %q, want %q", cells, want)
	}
}

// TestDeterministic checks that the same dumps give the same bytes, from
// figures gathered twice (maps iterate in a different order each time).
func TestDeterministic(t *testing.T) {
	d := diagnostic(3, 1, validate.Error, validate.CodeMissingTitle, "no title", "abc")
	a, b := render(t, input(500, true, d)), render(t, input(500, true, d))
	if !bytes.Equal(a, b) {
		t.Error("two reports of the same input differ")
	}
}

// TestSizeBudget checks the stated budget: under 1 MB for a million papers
// spread over every listing day, decades of publication dates, thousands
// of organizations and domains, with every code's examples shown.
func TestSizeBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("a million records")
	}
	const papers = 1_000_000
	s := stats.New()
	var abstracts []string // of every length the schema allows, 100 apart
	for n := schema.MinAbstractLen; n <= schema.MaxAbstractLen; n += 100 {
		abstracts = append(abstracts, strings.Repeat("x", n))
	}
	r := &schema.Record{Title: "a title"}
	for i := range papers {
		r.ID = strconv.FormatUint(uint64(i)|1<<60, 16)
		day := time.Date(2024, 1, 1+i%366, 0, 0, 0, 0, time.UTC)
		r.ListingLabel, r.ListingDate = day.Format("Jan 2"), day.Format(time.DateOnly)
		r.PublishedDate = time.Date(1990+i%36, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		r.Upvotes = schema.Int(i % 5003)
		r.Organization = "Organization with a long name " + strconv.Itoa(i%5000)
		r.URLs = []string{"https://host" + strconv.Itoa(i%7000) + ".example.org/p"}
		r.Abstract = abstracts[i%len(abstracts)]
		s.Add(r, i%3)
	}
	dumps := make([]stats.Dump, 3)
	for i := range dumps {
		dumps[i] = stats.Dump{Path: "dump" + strconv.Itoa(i) + ".txt", Papers: papers / 3}
	}
	var diags []Diagnostic
	long := strings.Repeat("&<\u2028", 40)
	for _, c := range validate.Codes {
		for i := range 3 * MaxExamples {
			diags = append(diags, diagnostic(i+1, 50, c.Severity, c.Code, "a message "+long, long))
		}
	}
	in := Input{Stats: s.Report(dumps), Dumps: []Dump{{Diagnostics: diags}, {}, {}}, Summary: "3 dumps",
		Version: "test", DocsURL: docsURL}
	page := render(t, in)
	t.Logf("%d bytes for %d papers", len(page), papers)
	if len(page) >= 1<<20 {
		t.Errorf("the page is %d bytes, over the 1 MB budget", len(page))
	}
	parse(t, page)
}

// TestContrast checks that every colour used for text or chart marks has a
// contrast ratio of at least 4.5 (WCAG 2.1 AA for text) with the page's
// background and with the surface of excerpts and table headers, in both
// themes.
func TestContrast(t *testing.T) {
	for name, p := range map[string]palette{"light": lightPalette, "dark": darkPalette} {
		for fgName, fg := range p.foregrounds() {
			for bgName, bg := range map[string]string{"bg": p.bg, "surface": p.surface} {
				if c := contrast(fg, bg); !(c >= 4.5) {
					t.Errorf("%s theme: %s %s on %s %s has contrast %.2f, want at least 4.5", name, fgName, fg, bgName, bg, c)
				}
			}
		}
	}
	if c := contrast("#000000", "#ffffff"); c < 20.99 || c > 21.01 {
		t.Errorf("contrast of black on white = %.3f, want 21", c)
	}
}

// TestSamplePage renders the page of two dumps whose records carry the
// fields of today's cards (upvotes, publication dates, organizations), as
// no capture style fills them yet, and parses it; with -sample FILE it
// writes it there for scripts/report/check.sh to look at in a browser.
func TestSamplePage(t *testing.T) {
	in := input(300, true, diagnostic(41, 9, validate.Warning, validate.CodeLatexInTitle,
		`title holds a LaTeX remnant "$" (kept as written)`, `Scaling $\alpha$-Transformers to a Million Tokens`))
	page := render(t, in)
	doc := parse(t, page)
	if byID(doc, "upvotes") == nil || byID(doc, "organizations") == nil {
		t.Error("the sample page lacks the upvotes or organizations section")
	}
	if *sample != "" {
		if err := os.WriteFile(*sample, page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFiguresPageData checks the rows of the page's own data in the
// figures table: all four, zeros too, when a paper carries any of it, and
// none otherwise.
func TestFiguresPageData(t *testing.T) {
	rows := func(in Input) map[string][]string {
		out := map[string][]string{}
		for _, r := range overview(in.Stats).Rows {
			out[r[0]] = r[1:]
		}
		return out
	}
	names := []string{"with an authors list", "with an AI summary", "with AI keywords", "with a project page"}
	for name := range rows(input(40, true)) {
		if slices.Contains(names, name) {
			t.Errorf("a report without page data has the row %q", name)
		}
	}

	s := stats.New()
	for i := range 8 {
		r := record(i, true)
		switch i % 4 {
		case 0:
			r.Authors, r.AIKeywords = []string{"Zoë Ó", "李明"}, []string{"rag"}
		case 1:
			r.Authors, r.AISummary = []string{}, "A summary."
		}
		s.Add(r, 0)
	}
	in := Input{Stats: s.Report([]stats.Dump{{Path: "api.json", Valid: true, Papers: 8}}), Summary: "1 dump", Version: "test", DocsURL: docsURL,
		Dumps: []Dump{{SHA256: strings.Repeat("ab", 32)}}}
	got := rows(in)
	for name, want := range map[string][]string{
		names[0]: {"4", "50.0%"}, names[1]: {"2", "25.0%"}, names[2]: {"2", "25.0%"}, names[3]: {"0", "0.0%"},
	} {
		if !slices.Equal(got[name], want) {
			t.Errorf("row %q = %q, want %q", name, got[name], want)
		}
	}
	page := string(render(t, in))
	for _, name := range names {
		if !strings.Contains(page, ">"+name+"<") {
			t.Errorf("the page lacks the row %q", name)
		}
	}
}
