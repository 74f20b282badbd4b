// Package docs holds no code: its tests check the README and the pages of
// docs/, so that a page moved, renamed or rewritten leaves no dead link, and
// that the diagnostic the README shows is one the reader prints.
package docs

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/abstracts-dev/abstracts/schema"
	"github.com/abstracts-dev/abstracts/validate"
)

// TestLinksResolve checks every relative link of README.md and docs/*.md:
// its file exists in the repository, and its #anchor is a heading (or an
// explicit anchor) of the page it points at. Links inside code are not
// links and are skipped; links with a scheme (https:, mailto:) are not
// checked.
func TestLinksResolve(t *testing.T) {
	for _, problem := range checkLinks("..", pages(t)) {
		t.Error(problem)
	}
}

// TestREADMELinksEveryPage keeps every page of docs/ reachable from the
// README, so that a newcomer finds it.
func TestREADMELinksEveryPage(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var linked []string
	for _, l := range links(string(readme)) {
		linked = append(linked, strings.SplitN(l.target, "#", 2)[0])
	}
	for _, page := range pages(t)[1:] {
		if !slices.Contains(linked, page) {
			t.Errorf("README.md does not link %s", page)
		}
	}
}

// pages returns README.md and then docs/*.md, as paths from the module root.
func pages(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob("*.md")
	if err != nil || len(docs) == 0 {
		t.Fatalf("no docs/*.md pages (%v)", err)
	}
	files := []string{"README.md"}
	for _, d := range docs {
		files = append(files, "docs/"+d)
	}
	return files
}

// TestCheckLinksFindsDeadLinks gives the checker a small tree with every kind
// of dead link and some live ones that look dead to a naive checker.
func TestCheckLinksFindsDeadLinks(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	write("code/main.go", "package main\n")
	write("docs/a.md", "# A page\n\n## Compare two dumps: `abstracts diff`\n\n## Notes\n\n## Notes\n\n<a id=\"custom\"></a>\n")
	write("README.md", strings.Join([]string{
		"# Top",
		"[ok](docs/a.md) [ok](docs/a.md#compare-two-dumps-abstracts-diff) [ok](docs/a.md#notes-1)",
		"[ok](docs/a.md#custom) [ok](#top) [ok](code/main.go) [ok](code/main.go#L1) [ok](code)",
		"[ok](https://example.org/missing.md) ![ok](docs/a.md \"title\") `[not a link](nowhere.md)`",
		"```sh",
		"# not a heading",
		"[not a link](nowhere.md)",
		"```",
		"[dead file](docs/b.md) [dead anchor](docs/a.md#notes-2) [dead local](#nowhere)",
		"[outside](../x.md) [dead anchor in code](code/main.go#main) [in fence](#not-a-heading)",
		"",
		"[ref]: docs/c.md",
	}, "\n"))
	got := checkLinks(root, []string{"README.md", "docs/a.md"})
	want := []string{
		`README.md:9: docs/b.md: no such file`,
		`README.md:9: docs/a.md#notes-2: no heading or anchor "notes-2" in docs/a.md`,
		`README.md:9: #nowhere: no heading or anchor "nowhere" in README.md`,
		`README.md:10: ../x.md: outside the repository`,
		`README.md:10: code/main.go#main: anchor "main" in a file that is not Markdown`,
		`README.md:10: #not-a-heading: no heading or anchor "not-a-heading" in README.md`,
		`README.md:12: docs/c.md: no such file`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("checkLinks found\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"Compare two dumps: `abstracts diff`":            "compare-two-dumps-abstracts-diff",
		"`binary-data`":                                  "binary-data",
		"Partitions for Spark, Trino, DuckDB and Polars": "partitions-for-spark-trino-duckdb-and-polars",
		"Use it from [Python](python.md) & DuckDB":       "use-it-from-python--duckdb",
		"Schrödinger's ÄBC_1":                            "schrödingers-äbc_1",
	} {
		if got := slug(heading); got != want {
			t.Errorf("slug(%q) = %q, want %q", heading, got, want)
		}
	}
}

// link is one link target of a page, with its line.
type link struct {
	line   int
	target string
}

var (
	inlineLink = regexp.MustCompile(`!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	refDef     = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?`)
	codeSpan   = regexp.MustCompile("(`+)[^`]*?(`+)")
	heading    = regexp.MustCompile(`^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$`)
	htmlAnchor = regexp.MustCompile(`<a\s+(?:id|name)="([^"]+)"`)
	linkText   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	hasScheme  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	lineAnchor = regexp.MustCompile(`^L\d+(-L\d+)?$`)
)

// lines calls f with each line of a Markdown page that is outside a fenced
// code block, with its number.
func lines(page string, f func(n int, line string)) {
	fence := ""
	for i, line := range strings.Split(page, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		f(i+1, line)
	}
}

// links returns the targets of the inline links, images and reference
// definitions of a page, outside code.
func links(page string) []link {
	var found []link
	lines(page, func(n int, line string) {
		line = codeSpan.ReplaceAllString(line, "")
		for _, m := range inlineLink.FindAllStringSubmatch(line, -1) {
			found = append(found, link{n, m[1]})
		}
		if m := refDef.FindStringSubmatch(line); m != nil {
			found = append(found, link{n, m[1]})
		}
	})
	return found
}

// anchors returns the anchors of a page as GitHub makes them: one per
// heading (a repeated slug gets -1, -2, ...), and the explicit <a id>s.
func anchors(page string) map[string]bool {
	set := map[string]bool{}
	seen := map[string]int{}
	lines(page, func(_ int, line string) {
		for _, m := range htmlAnchor.FindAllStringSubmatch(line, -1) {
			set[m[1]] = true
		}
		m := heading.FindStringSubmatch(line)
		if m == nil {
			return
		}
		s := slug(m[1])
		if k := seen[s]; k > 0 {
			set[fmt.Sprintf("%s-%d", s, k)] = true
		} else {
			set[s] = true
		}
		seen[s]++
	})
	return set
}

// slug is GitHub's anchor for a heading: its text as rendered (link
// targets dropped), in lower case, without characters other than letters,
// marks, digits, '_', '-' and spaces, and spaces as '-'.
func slug(heading string) string {
	text := strings.ToLower(linkText.ReplaceAllString(heading, "$1"))
	var b strings.Builder
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Pc) || r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// checkLinks returns a line for every relative link of files (paths from
// root, with /) whose file or anchor does not exist under root.
func checkLinks(root string, files []string) []string {
	var problems []string
	cache := map[string]map[string]bool{}
	pageAnchors := func(path string) (map[string]bool, error) {
		if a, ok := cache[path]; ok {
			return a, nil
		}
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
		if err != nil {
			return nil, err
		}
		cache[path] = anchors(string(text))
		return cache[path], nil
	}
	for _, file := range files {
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for _, l := range links(string(text)) {
			if hasScheme.MatchString(l.target) {
				continue
			}
			report := func(format string, args ...any) {
				problems = append(problems, fmt.Sprintf("%s:%d: %s: ", file, l.line, l.target)+fmt.Sprintf(format, args...))
			}
			ref, fragment, _ := strings.Cut(l.target, "#")
			path, err := url.PathUnescape(ref)
			if err != nil {
				report("%v", err)
				continue
			}
			target := file
			if path != "" {
				target = filepath.ToSlash(filepath.Join(filepath.Dir(file), path))
				if target == ".." || strings.HasPrefix(target, "../") {
					report("outside the repository")
					continue
				}
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(target))); err != nil {
					report("no such file")
					continue
				}
			}
			switch {
			case fragment == "":
			case !strings.HasSuffix(target, ".md"):
				if !lineAnchor.MatchString(fragment) {
					report("anchor %q in a file that is not Markdown", fragment)
				}
			default:
				a, err := pageAnchors(target)
				if err != nil {
					report("%v", err)
				} else if !a[fragment] {
					report("no heading or anchor %q in %s", fragment, target)
				}
			}
		}
	}
	return problems
}

// TestREADMEDiagnosticExample keeps the diagnostic the README shows one that
// the reader prints: the example of its code in validate.Codes.
func TestREADMEDiagnosticExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## Diagnostics\n")
	_, block, ok := strings.Cut(section, "```text\n")
	example, _, closed := strings.Cut(block, "\n```")
	if !ok || !closed {
		t.Fatal("README.md: no ```text block in the section Diagnostics")
	}
	for _, c := range validate.Codes {
		if c.Example == example {
			return
		}
	}
	t.Errorf("README.md shows the diagnostic %q, which is no code's example in validate.Codes", example)
}

// TestColumnTables holds the column tables of the README and the docs to
// schema.Columns: every column once, in schema order, with its nullability
// where the table has a nullable column.
func TestColumnTables(t *testing.T) {
	for _, page := range []string{"../README.md", "python.md", "formats.md"} {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for line := range strings.Lines(string(data)) {
			cells := strings.Split(strings.TrimSpace(line), " | ")
			name, ok := strings.CutPrefix(cells[0], "| `")
			if !ok || len(cells) < 3 {
				continue
			}
			name = strings.TrimSuffix(name, "`")
			c, ok := schema.ColumnNamed(name)
			if !ok {
				continue // a table of something else, such as flags
			}
			names = append(names, name)
			last := strings.TrimSuffix(cells[len(cells)-1], " |")
			if nullable := strings.HasPrefix(last, "yes"); (last == "yes" || strings.HasPrefix(last, "no")) && nullable != c.Nullable {
				t.Errorf("%s: column %s nullable %q, schema says %v", page, name, last, c.Nullable)
			}
		}
		var want []string
		for _, c := range schema.Columns {
			want = append(want, c.Name)
		}
		if !slices.Equal(names, want) {
			t.Errorf("%s: column table lists %v, schema.Columns %v", page, names, want)
		}
	}
}
