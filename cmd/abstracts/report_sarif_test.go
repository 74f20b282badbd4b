package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/abstracts-dev/abstracts/internal/version"
	"github.com/abstracts-dev/abstracts/validate"
)

// brokenDump has errors and warnings, non-ASCII text and characters that
// JSON and HTML escape.
const brokenDump = "new\n\n<b>Sign in</b> & get 100% \"more\"\n\nMar 14 \n\n" +
	"Light Schrödinger Bridge with $ell_infty$ Bounds\n\n" +
	"Despite the recent advances in the field of computational Schrödinger Bridges (SB), most existing SB solvers are still heavy-weighted and require complex optimization of several neural networks. Code: https://github.com/ngushchin/LightSB{https://github.com/ngushchin/LightSB}.\n\n" +
	"Deep Stochastic\x07 Kinematic Models\n\nToo short.\n"

// sarifSchemaForTest compiles testdata/sarif-schema-2.1.0.json, the SARIF 2.1.0
// JSON Schema as the SARIF Multitool ships it (npm
// @microsoft/sarif-multitool-linux 5.7.0, sarif-2.1.0.json), with formats
// (uri, uri-reference) asserted.
func sarifSchemaForTest(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat = true
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := c.AddResource("sarif-schema-2.1.0.json", f); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// runSARIF runs validate --output-format sarif with args in dir and returns
// the decoded log and the exit status.
func runSARIF(t *testing.T, dir string, stdin string, args ...string) (map[string]any, []byte, int) {
	t.Helper()
	t.Chdir(dir)
	var out, errs bytes.Buffer
	code := run(append([]string{"validate", "--output-format", "sarif"}, args...), strings.NewReader(stdin), &out, &errs)
	var log map[string]any
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatalf("%v: output is not JSON: %v\n%s\nstderr: %s", args, err, out.Bytes(), errs.Bytes())
	}
	return log, out.Bytes(), code
}

// TestSARIFSchema checks the SARIF logs of several runs against the SARIF
// 2.1.0 JSON Schema. scripts/sarif/check.sh also runs Microsoft's
// validator, which checks the schema and SARIF's own rules.
func TestSARIFSchema(t *testing.T) {
	schema := sarifSchemaForTest(t)
	dir := t.TempDir()
	for name, content := range map[string]string{"broken dump.txt": brokenDump, "dumps/a,b.txt": brokenDump} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	seed, err := filepath.Abs(filepath.Join("..", "..", "testdata", "hf-papers-mar14.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"valid", "", []string{seed}, exitOK},
		{"broken", "", []string{"broken dump.txt", "dumps/a,b.txt"}, exitInvalid},
		{"strict", "", []string{"--strict", seed}, exitInvalid},
		{"missing", "", []string{"broken dump.txt", "missing.txt"}, exitTrouble},
		{"stdin", brokenDump, []string{"-"}, exitInvalid},
		{"max-errors", "", []string{"--max-errors", "1", "broken dump.txt"}, exitInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log, _, code := runSARIF(t, dir, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d", code, tc.code)
			}
			if err := schema.Validate(log); err != nil {
				t.Errorf("not valid SARIF 2.1.0: %#v", err)
			}
		})
	}

	// The schema check is not vacuous: a level outside the schema fails.
	log, out, _ := runSARIF(t, dir, "", "broken dump.txt")
	bad := bytes.Replace(out, []byte(`"level": "warning"`), []byte(`"level": "fatal"`), 1)
	if err := json.Unmarshal(bad, &log); err != nil {
		t.Fatal(err)
	}
	if schema.Validate(log) == nil {
		t.Error(`a result of level "fatal" passed the schema`)
	}
}

// TestSARIFContent checks what the schema cannot: the rules are the codes,
// each result points at its rule and at the diagnostic's position, and
// --strict shows warnings as errors.
func TestSARIFContent(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dump.txt"), []byte(brokenDump), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, strict := range []bool{false, true} {
		args := []string{"dump.txt"}
		if strict {
			args = append(args, "--strict")
		}
		raw, _, _ := runSARIF(t, dir, "", args...)
		var log sarifLog
		b, _ := json.Marshal(raw)
		if err := json.Unmarshal(b, &log); err != nil {
			t.Fatal(err)
		}
		if log.Version != "2.1.0" || len(log.Runs) != 1 {
			t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
		}
		r := log.Runs[0]
		d := r.Tool.Driver
		if d.Name != "abstracts" || d.Version != version.Version || r.ColumnKind != "unicodeCodePoints" {
			t.Errorf("driver %q %q, columnKind %q", d.Name, d.Version, r.ColumnKind)
		}
		if len(d.Rules) != len(validate.Codes) {
			t.Fatalf("%d rules for %d codes", len(d.Rules), len(validate.Codes))
		}
		for i, c := range validate.Codes {
			rule := d.Rules[i]
			if rule.ID != string(c.Code) || rule.ShortDescription.Text != c.Meaning ||
				rule.DefaultConfiguration.Level != c.Severity.String() ||
				!strings.Contains(rule.Help.Text, c.Fix) || !strings.Contains(rule.Help.Text, c.Example) ||
				!strings.HasSuffix(rule.HelpURI, "/docs/diagnostics.md#"+string(c.Code)) {
				t.Errorf("rule %d = %+v, want code %s", i, rule, c.Code)
			}
		}
		var want []string
		res, _ := readDump(env{}, filepath.Join(dir, "dump.txt"), readOptions{strict: strict}, nil)
		for _, x := range res.diagnostics {
			want = append(want, x.Error())
		}
		var got []string
		for _, x := range r.Results {
			if d.Rules[x.RuleIndex].ID != x.RuleID {
				t.Errorf("result %s has ruleIndex %d, the rule of %s", x.RuleID, x.RuleIndex, d.Rules[x.RuleIndex].ID)
			}
			if strict && x.Level != "error" {
				t.Errorf("--strict: result %s of level %s", x.RuleID, x.Level)
			}
			loc := x.Locations[0].PhysicalLocation
			got = append(got, (&validate.Diagnostic{
				Pos:      validate.Position{File: filepath.Join(dir, loc.ArtifactLocation.URI), Line: loc.Region.StartLine, Column: loc.Region.StartColumn},
				Severity: map[string]validate.Severity{"error": validate.Error, "warning": validate.Warning}[x.Level],
				Code:     validate.Code(x.RuleID),
				Message:  strings.TrimSuffix(x.Message.Text, "."),
			}).Error())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("strict %v: results\n%s\nwant the diagnostics\n%s", strict, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestSARIFURI(t *testing.T) {
	tests := map[string]string{
		"dump.txt":           "dump.txt",
		"dumps/mar14,v1.txt": "dumps/mar14,v1.txt",
		"my dumps/a b.txt":   "my%20dumps/a%20b.txt",
		"100%.txt":           "100%25.txt",
		"a#b?.txt":           "a%23b%3F.txt",
		"c:dump.txt":         "./c:dump.txt",
		"Schrödinger.txt":    "Schr%C3%B6dinger.txt",
		"-":                  "-",
	}
	if filepath.Separator == '/' {
		tests["/tmp/my dumps/a.txt"] = "file:///tmp/my%20dumps/a.txt"
	}
	for path, want := range tests {
		if got := sarifURI(path); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestRuleName(t *testing.T) {
	for code, want := range map[validate.Code]string{
		"missing-abstract": "MissingAbstract",
		"invalid-utf8":     "InvalidUtf8",
		"no-papers":        "NoPapers",
	} {
		if got := ruleName(code); got != want {
			t.Errorf("ruleName(%s) = %s, want %s", code, got, want)
		}
	}
	if got := sentence("done."); got != "done." {
		t.Errorf("sentence(done.) = %q", got)
	}
}
