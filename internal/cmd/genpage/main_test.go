package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testdata = "../../../testdata/captures"

// TestFixtures: the saved pages of testdata/captures/html are what genpage
// makes of the API files now (go generate rewrites them).
func TestFixtures(t *testing.T) {
	for _, f := range fixtures {
		want, err := f.build(testdata)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(testdata, "html", f.html))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what genpage makes of %s: go generate ./internal/cmd/genpage", f.html, f.api)
		}
	}
}

func TestRun(t *testing.T) {
	var out, errs bytes.Buffer
	api := filepath.Join(testdata, "api", "daily-papers-2024-06-03.json")
	if code := run([]string{"-date", "2024-06-03", "-period", "week", "-escape", "std", api}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	page := out.String()
	for _, s := range []string{`<link rel="canonical" href="https://huggingface.co/papers/date/2024-06-03">`,
		`data-target="DailyPapers" data-props="{&#34;dateString&#34;:&#34;2024-06-03&#34;,&#34;periodType&#34;:&#34;week&#34;`} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %s", s)
		}
	}
	for _, args := range [][]string{{"-date", "2024-6-3", api}, {"-date", "2024-06-03"}, {"-date", "2024-06-03", "-escape", "none", api}} {
		errs.Reset()
		if code := run(args, &out, &errs); code != 2 || errs.Len() == 0 {
			t.Errorf("%q: exit %d, %q", args, code, errs.String())
		}
	}
}
