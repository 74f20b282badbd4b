package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The examples of the README and docs/commands.md are output of the bundled
// dump; these tests run the commands and compare, so that the pages change
// with the output. When one fails after a deliberate change, paste the new
// output into the page.

// TestREADMERecordExample checks the record the README shows, byte for byte
// but for the middle of its abstract, which it shortens to " [...] ".
func TestREADMERecordExample(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	shown := docBlock(t, "README.md", "## The record", "json")
	var doc struct{ ID, Abstract string }
	if err := json.Unmarshal([]byte(shown), &doc); err != nil {
		t.Fatalf("README.md: the record is not JSON: %v", err)
	}
	head, tail, ok := strings.Cut(doc.Abstract, " [...] ")
	if !ok {
		t.Fatalf("README.md: the record's abstract is not shortened with \" [...] \": %q", doc.Abstract)
	}

	out := t.TempDir()
	runExample(t, "export", "--out", out, "--format", "jsonl", "--year", "2024", "testdata/hf-papers-mar14.txt")
	jsonl, err := os.ReadFile(filepath.Join(out, "papers.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(jsonl)) {
		line = strings.TrimSuffix(line, "\n")
		var rec struct{ ID, Abstract string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.ID != doc.ID {
			continue
		}
		if !strings.HasPrefix(rec.Abstract, head) || !strings.HasSuffix(rec.Abstract, tail) || len(head)+len(tail) >= len(rec.Abstract) {
			t.Errorf("README.md: the record's abstract %q is not the start and end of\n%q", doc.Abstract, rec.Abstract)
		}
		want := strings.Replace(line, jsonString(t, rec.Abstract), jsonString(t, doc.Abstract), 1)
		if strings.TrimSpace(shown) != want {
			t.Errorf("README.md shows the record\n%s\nexport writes (abstract shortened)\n%s", strings.TrimSpace(shown), want)
		}
		return
	}
	t.Errorf("README.md: no record with id %s in the export of the bundled dump", doc.ID)
}

// TestCommandsDocStatsExamples checks the text and JSON output of stats that
// docs/commands.md shows.
func TestCommandsDocStatsExamples(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	const section = "## Figures of a dump"

	session := strings.Split(strings.TrimSuffix(docBlock(t, "docs/commands.md", section, "sh"), "\n"), "\n")
	command, ok := strings.CutPrefix(session[0], "$ abstracts ")
	if !ok {
		t.Fatalf("docs/commands.md: the stats example starts with %q, not with $ abstracts", session[0])
	}
	summary, ok := strings.CutSuffix(session[len(session)-1], "# on standard error")
	if !ok {
		t.Fatalf("docs/commands.md: the stats example's last line is not marked # on standard error")
	}
	stdout, stderr := runExample(t, strings.Fields(command)...)
	shown := strings.Join(session[1:len(session)-1], "\n") + "\n"
	if shown != stdout || strings.TrimSpace(summary)+"\n" != stderr {
		t.Errorf("docs/commands.md shows\n%s%s\nabstracts %s prints\n%s%s", shown, summary, command, stdout, stderr)
	}

	// The JSON example is compacted; its values must be the output's.
	var docJSON, gotJSON any
	if err := json.Unmarshal([]byte(docBlock(t, "docs/commands.md", section, "json")), &docJSON); err != nil {
		t.Fatalf("docs/commands.md: the stats JSON example is not JSON: %v", err)
	}
	stdout, _ = runExample(t, "stats", "--year", "2024", "--output-format", "json", "testdata/hf-papers-mar14.txt")
	if err := json.Unmarshal([]byte(stdout), &gotJSON); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(docJSON, gotJSON) {
		t.Errorf("docs/commands.md shows the stats JSON\n%v\nabstracts stats --year 2024 --output-format json prints\n%s", docJSON, stdout)
	}
}

// TestCommandsDocSynopsis holds the synopsis at the top of docs/commands.md
// to the commands: each command has a line, and its lines name exactly the
// flags that its -h lists.
func TestCommandsDocSynopsis(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	synopsis := docBlock(t, "docs/commands.md", "Every command, its flags", "")
	flagRE := regexp.MustCompile(`--[a-z][a-z-]*`)
	helpFlagRE := regexp.MustCompile(`(?m)^\s+(?:-[a-z], )?(--[a-z][a-z-]*)`)
	for _, c := range commands {
		var lines []string
		in := false
		for line := range strings.Lines(synopsis) {
			switch {
			case strings.HasPrefix(line, "abstracts "+c.name+" "), line == "abstracts "+c.name+"\n":
				in = true
			case !strings.HasPrefix(line, " "):
				in = false
			}
			if in {
				code, _, _ := strings.Cut(line, "#") // the comments name flags of other commands
				lines = append(lines, code)
			}
		}
		if len(lines) == 0 {
			t.Errorf("docs/commands.md: no synopsis line for abstracts %s", c.name)
			continue
		}
		documented := flagRE.FindAllString(strings.Join(lines, ""), -1)
		slices.Sort(documented)
		documented = slices.Compact(documented)

		help, _ := runExample(t, c.name, "-h")
		var flags []string
		for _, m := range helpFlagRE.FindAllStringSubmatch(help, -1) {
			if m[1] != "--help" {
				flags = append(flags, m[1])
			}
		}
		slices.Sort(flags)
		if !slices.Equal(documented, flags) {
			t.Errorf("docs/commands.md: the synopsis of abstracts %s names the flags\n%v\nits -h lists\n%v", c.name, documented, flags)
		}
	}
}

// docBlock returns the first fenced code block tagged lang that follows
// the line starting with after in the Markdown file path.
func docBlock(t *testing.T, path, after, lang string) string {
	t.Helper()
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(page)
	i := strings.Index(text, "\n"+after)
	if i < 0 {
		t.Fatalf("%s: no line %q", path, after)
	}
	open := "\n```" + lang + "\n"
	j := strings.Index(text[i:], open)
	if j < 0 {
		t.Fatalf("%s: no ```%s block after %q", path, lang, after)
	}
	block := text[i+j+len(open):]
	end := strings.Index(block, "\n```")
	if end < 0 {
		t.Fatalf("%s: the ```%s block after %q is not closed", path, lang, after)
	}
	return block[:end+1]
}

// runExample runs abstracts with args as a reader of the docs would, and
// fails the test unless it exits 0.
func runExample(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	if code := run(args, strings.NewReader(""), &out, &errs); code != 0 {
		t.Fatalf("abstracts %s: exit %d\n%s", strings.Join(args, " "), code, errs.String())
	}
	return out.String(), errs.String()
}

// jsonString is s as the JSONL writer encodes it (no HTML escaping).
func jsonString(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
