package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileNamesEscaped gives every command, in every output format, file
// names that hold a terminal escape (ESC) and a line break, as dumps that
// are valid, invalid, cut by --max-errors and missing, and as arguments and
// flag values, and checks that neither reaches standard output or standard
// error as it is: a name must not recolor a terminal, nor forge a line of a
// report that CI or an editor would read.
func TestFileNamesEscaped(t *testing.T) {
	const evil = "e\x1b[31mvil\nname"
	dir := t.TempDir()
	seed, err := os.ReadFile(realDump)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	valid := write(evil+".txt", string(seed))
	// The page's chrome, the date and the first two papers.
	smaller := write(evil+"-smaller.txt", strings.Join(strings.SplitN(string(seed), "\n\n", 10)[:9], "\n\n")+"\n")
	broken := write(evil+"-broken.txt", brokenDump)
	missing := filepath.Join(dir, evil+"-missing.txt")
	out := filepath.Join(dir, evil+"-out")

	var cmds [][]string
	for _, format := range reporterNames {
		cmds = append(cmds,
			[]string{"validate", "--output-format", format, valid, broken, missing},
			[]string{"validate", "--output-format", format, "--max-errors", "1", valid, broken},
			[]string{"validate", "--output-format", format, "--strict", "--max-errors", "1", valid})
	}
	for _, format := range []string{"text", "json"} {
		cmds = append(cmds,
			[]string{"stats", "--output-format", format, valid, smaller, broken, missing},
			[]string{"stats", "--output-format", format, "--max-errors", "1", broken},
			[]string{"diff", "--output-format", format, valid, smaller},
			[]string{"diff", "--output-format", format, smaller, valid},
			[]string{"diff", "--output-format", format, "--old", valid + "," + smaller, "--new", smaller},
			[]string{"diff", "--output-format", format, broken, missing})
	}
	cmds = append(cmds,
		[]string{"export", "--out", out, valid},
		[]string{"export", "--out", out + "2", "--layout", "hf", "--year", "2024", valid, smaller},
		[]string{"export", "--out", out + "3", "--partition-by", "listing_date", "--year", "2024", valid},
		[]string{"export", "--out", out + "4", valid}, // exists: out holds files
		[]string{"export", "--out", out + "5", valid, broken, missing},
		[]string{"export", "--out", out + "6", "--max-errors", "1", broken},
		[]string{"report", "--out", out + "-report.html", valid, smaller, broken, missing},
		[]string{"report", "--out", "-", "--max-errors", "1", valid, broken},
		[]string{"export", "--out", out + "7", "--year", evil, valid},
		[]string{"export", "--out", out + "8", "--partition-by", evil, valid},
		[]string{"export", "--out", out + "9", "--layout", evil, valid},
		[]string{"export", "--out", out + "10", "--format", evil, valid},
		[]string{"export", "--out", out + "11", "--max-shard-size", evil, "--layout", "hf", valid},
		[]string{"validate", "--output-format", evil, valid},
		[]string{"validate", "--max-errors", evil, valid},
		[]string{"validate", "--" + evil, valid},
		[]string{"validate", "-" + evil, valid},
		[]string{"stats", "--output-format", evil, valid},
		[]string{"diff", "--old", valid, valid, smaller},
		[]string{"explain", evil},
		[]string{"explain"},
		[]string{"schema", evil},
		[]string{"version", evil},
		[]string{"--version", evil},
		[]string{evil, valid},
	)
	if err := os.MkdirAll(out+"4", 0o755); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(filepath.Base(out+"4"), "papers.jsonl"), "")
	for _, args := range cmds {
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, &stderr)
		for stream, text := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
			if strings.Contains(text, "\x1b") || strings.Contains(text, "\nname") {
				t.Errorf("abstracts %q (exit %d): raw ESC or line break from a name on %s:\n%s", args, code, stream, text)
			}
		}
		if stdout.Len()+stderr.Len() == 0 {
			t.Errorf("abstracts %q (exit %d): no output at all", args, code)
		}
	}
}
