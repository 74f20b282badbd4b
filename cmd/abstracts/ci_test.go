package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The CI wiring in the repository root, action.yml (a composite GitHub
// Action) and .pre-commit-hooks.yaml, cannot run here; these tests check
// that both parse, have the keys their hosts need, and that the abstracts
// commands they run work, run in-process on the bundled dump.

type actionFile struct {
	Name        string
	Description string
	Author      string
	Branding    map[string]string
	Inputs      map[string]struct {
		Description string
		Required    bool
		Default     string
	}
	Runs struct {
		Using string
		Steps []struct {
			Name  string
			If    string
			Uses  string
			Shell string
			Run   string
			With  map[string]string
			Env   map[string]string
		}
	}
}

type preCommitHook struct {
	ID          string
	Name        string
	Description string
	Entry       string
	Language    string
	Files       string
	Types       []string
}

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true) // a misspelled key fails
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func seedPath(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "hf-papers-mar14.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// runShellLine runs one "abstracts ..." line of a CI script in-process,
// with the variables of vars expanded and split into words as bash does
// for unquoted variables ("$X" is one word), and a "> FILE" redirection or
// "|| ..." dropped.
// It returns stdout and the exit status.
func runShellLine(t *testing.T, line string, vars map[string]string) (string, int) {
	t.Helper()
	line, _, _ = strings.Cut(line, "||")
	line, _, _ = strings.Cut(line, ">")
	var args []string
	for _, word := range strings.Fields(line) {
		quoted := len(word) > 2 && strings.HasPrefix(word, `"`) && strings.HasSuffix(word, `"`)
		if v, ok := strings.CutPrefix(strings.Trim(word, `"`), "$"); ok {
			val, known := vars[v]
			switch {
			case !known:
				t.Fatalf("%q: unknown variable $%s", line, v)
			case quoted:
				args = append(args, val)
			default:
				args = append(args, strings.Fields(val)...)
			}
			continue
		}
		args = append(args, word)
	}
	if len(args) == 0 || args[0] != "abstracts" {
		t.Fatalf("%q does not run abstracts", line)
	}
	var out, errs bytes.Buffer
	code := run(args[1:], strings.NewReader(""), &out, &errs)
	t.Logf("%q: exit %d, stderr: %s", args, code, errs.String())
	return out.String(), code
}

func TestGitHubAction(t *testing.T) {
	var a actionFile
	readYAML(t, "action.yml", &a)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" {
		t.Fatalf("name %q, description %q, runs.using %q", a.Name, a.Description, a.Runs.Using)
	}
	// version defaults to the action's own ref (see the install step).
	for input, def := range map[string]string{"dumps": "dumps/*.txt", "version": "", "sarif": "false"} {
		in, ok := a.Inputs[input]
		if !ok || in.Description == "" || in.Required || in.Default != def {
			t.Errorf("input %s = %+v, want an optional input with default %q", input, in, def)
		}
	}
	goMod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	module := regexp.MustCompile(`(?m)^module (\S+)$`).FindSubmatch(goMod)
	if module == nil {
		t.Fatal("no module line in go.mod")
	}
	if in, ok := a.Inputs["report"]; !ok || in.Description == "" || in.Required || in.Default != "" {
		t.Errorf("input report = %+v, want an optional input, empty by default", in)
	}
	var setupGo, install, upload, uploadReport bool
	var validates, reports []string
	for i, s := range a.Runs.Steps {
		switch {
		case strings.HasPrefix(s.Uses, "actions/setup-go@"):
			setupGo = true
		case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
			upload = s.With["sarif_file"] == "abstracts.sarif" && strings.Contains(s.If, "inputs.sarif == 'true'")
		case strings.HasPrefix(s.Uses, "actions/upload-artifact@"):
			uploadReport = s.With["path"] == "${{ inputs.report }}" && s.With["name"] == "abstracts-report" &&
				strings.Contains(s.If, "!cancelled()") && strings.Contains(s.If, "inputs.report != ''")
		case s.Uses != "":
			t.Errorf("step %d uses %s", i, s.Uses)
		case s.Shell != "bash":
			t.Errorf("step %d (%s): a composite step that runs a script needs shell: bash, has %q", i, s.Name, s.Shell)
		}
		if strings.Contains(s.Run, "go install") {
			install = strings.Contains(s.Run, `go install "`+string(module[1])+`/cmd/abstracts@${ABSTRACTS_VERSION}"`) &&
				s.Env["ABSTRACTS_VERSION"] == "${{ inputs.version || github.action_ref || 'latest' }}"
		}
		for _, line := range strings.Split(s.Run, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "abstracts ") {
				if s.Env["DUMPS"] != "${{ inputs.dumps }}" {
					t.Errorf("step %d runs %q without DUMPS from inputs.dumps", i, line)
				}
				if strings.HasPrefix(strings.TrimSpace(line), "abstracts report ") {
					if s.Env["REPORT"] != "${{ inputs.report }}" || !strings.Contains(s.If, "inputs.report != ''") {
						t.Errorf("step %d runs %q without REPORT from inputs.report, or whether or not it is set", i, line)
					}
					reports = append(reports, strings.TrimSpace(line))
					continue
				}
				validates = append(validates, strings.TrimSpace(line))
			}
		}
	}
	if !setupGo || !install || !upload || !uploadReport {
		t.Errorf("steps: setup-go %v, go install of %s/cmd/abstracts@version %v, upload-sarif of abstracts.sarif %v, upload-artifact of the report %v",
			setupGo, module[1], install, upload, uploadReport)
	}
	if len(validates) != 2 || !strings.HasPrefix(validates[0], "abstracts validate --output-format github ") ||
		!strings.HasPrefix(validates[1], "abstracts validate --output-format sarif ") || !strings.Contains(validates[1], "> abstracts.sarif") {
		t.Fatalf("commands %q, want a github and a sarif validate", validates)
	}

	// The commands, as the action runs them on a valid dump.
	vars := map[string]string{"DUMPS": seedPath(t), "STRICT": ""}
	out, code := runShellLine(t, validates[0], vars)
	if code != exitOK || !strings.HasPrefix(out, "::warning file=") {
		t.Errorf("%s: exit %d, output %q", validates[0], code, out)
	}
	out, code = runShellLine(t, validates[1], vars)
	var log struct {
		Version string
		Runs    []struct{ Results []any }
	}
	if err := json.Unmarshal([]byte(out), &log); code != exitOK || err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Errorf("%s: exit %d, %v, version %q", validates[1], code, err, log.Version)
	}
	// The report, written where the input says.
	if len(reports) != 1 {
		t.Fatalf("report commands %q, want one", reports)
	}
	page := filepath.Join(t.TempDir(), "abstracts report.html")
	vars["REPORT"] = page
	if _, code := runShellLine(t, reports[0], vars); code != exitOK {
		t.Errorf("%s: exit %d", reports[0], code)
	}
	if b, err := os.ReadFile(page); err != nil || !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		t.Errorf("%s wrote no page to %s: %v", reports[0], page, err)
	}
	// With strict: true the seed's warnings fail the step (exit 1), which
	// the SARIF step accepts.
	vars["STRICT"] = "--strict"
	if _, code := runShellLine(t, validates[0], vars); code != exitInvalid {
		t.Errorf("%s with --strict: exit %d, want 1", validates[0], code)
	}
}

func TestPreCommitHook(t *testing.T) {
	var hooks []preCommitHook
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	if len(hooks) != 1 {
		t.Fatalf("%d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	if h.ID != "abstracts-validate" || h.Name == "" || h.Language != "golang" || h.Entry != "abstracts validate" ||
		len(h.Types) != 1 || h.Types[0] != "text" {
		t.Errorf("hook %+v", h)
	}
	// pre-commit matches files with Python's re.search; this pattern means
	// the same in Go's syntax.
	files, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatalf("files: %v", err)
	}
	for path, want := range map[string]bool{
		"dumps/mar14.txt": true, "data/dumps/2024/mar14.txt": true,
		"dumps/mar14.md": false, "mar14.txt": false, "notdumps/mar14.txt": false, "dumps/mar14.txt.bak": false,
	} {
		if files.MatchString(path) != want {
			t.Errorf("files %q matches %s: %v, want %v", h.Files, path, !want, want)
		}
	}
	// pre-commit appends the staged files that match to the entry.
	if out, code := runShellLine(t, h.Entry+" $FILES", map[string]string{"FILES": seedPath(t)}); code != exitOK || out == "" {
		t.Errorf("%s: exit %d, output %q", h.Entry, code, out)
	}
}
