package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("u", false, "update testscript output files")

// TestMain lets the test binary run as the abstracts command inside the
// scripts: testscript puts it on $PATH under that name.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"abstracts": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the scripts in testdata/script. Each holds small dumps
// and the exact diagnostics expected for them; run
//
//	go test ./cmd/abstracts -run TestScripts -u
//
// to rewrite the expected files after a deliberate change (then review the
// diff: every line and column was checked by hand).
//
// Besides the testscript built-ins, scripts have $SEED (the real dump),
// $CAPTURES (testdata/captures), $SCHEMA (schema/record.schema.json) and the commands mkdump, status and
// ls defined below. Scripts named bug_*.txtar expect the correct behaviour
// of a known bug and start with a skip line to remove once it is fixed.
func TestScripts(t *testing.T) {
	t.Parallel()
	seed, err := filepath.Abs(filepath.Join("..", "..", "testdata", "hf-papers-mar14.txt"))
	if err != nil {
		t.Fatal(err)
	}
	schemaFile, err := filepath.Abs(filepath.Join("..", "..", "schema", "record.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	captures, err := filepath.Abs(filepath.Join("..", "..", "testdata", "captures"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("SEED", seed)         // the real dump, 51 papers
			e.Setenv("SCHEMA", schemaFile) // the record JSON Schema as committed
			e.Setenv("CAPTURES", captures) // real captures of today's page, one per style
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkdump": cmdMkdump,
			"status": cmdStatus,
			"ls":     cmdLs,
		},
	})
}

// cmdMkdump writes a dump that a txtar file cannot hold as is:
//
//	mkdump [-crlf] [-bom] SRC DST
//
// SRC is run as a Go text/template and the result written to DST. Actions
// make bytes and sizes: {{"\x00"}} or {{"\u2028"}} (a Go string literal,
// escapes included), {{repeat "word " 70}}, and {{/* comment */ -}} at the
// end of the last line leaves out the final newline. With -crlf every "\n"
// becomes "\r\n"; with -bom the file starts with a UTF-8 byte-order mark.
func cmdMkdump(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! mkdump")
	}
	var crlf, bom bool
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-crlf":
			crlf = true
		case "-bom":
			bom = true
		default:
			ts.Fatalf("mkdump: unknown flag %s", args[0])
		}
		args = args[1:]
	}
	if len(args) != 2 {
		ts.Fatalf("usage: mkdump [-crlf] [-bom] SRC DST")
	}
	tmpl, err := template.New(args[0]).Funcs(template.FuncMap{
		"repeat": strings.Repeat,
	}).Parse(ts.ReadFile(args[0]))
	ts.Check(err)
	var b bytes.Buffer
	if bom {
		b.WriteString("\uFEFF")
	}
	ts.Check(tmpl.Execute(&b, nil))
	out := b.Bytes()
	if crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o666))
}

// cmdLs prints the names in a folder, hidden ones included, one a line, so
// that a script can check that no temporary file was left behind:
//
//	ls DIR
func cmdLs(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: ls DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	// Stdout is called even for an empty folder, so that the script's
	// stdout is reset; ReadDir sorts by name.
	stdout := ts.Stdout()
	for _, e := range entries {
		fmt.Fprintln(stdout, e.Name())
	}
}

// cmdStatus runs a program as exec does and checks its exit status, which
// exec alone cannot tell apart (1: invalid dump, 2: wrong usage):
//
//	status N PROG [ARGS...]
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! status")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: status N PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
