package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/abstracts-dev/abstracts/validate"
)

// TestJUnitParsesBack writes reports of valid, invalid and unreadable
// dumps, with text that XML must escape (markup, quotes, control and
// invalid characters), parses them back and checks every field.
func TestJUnitParsesBack(t *testing.T) {
	var broken validate.List
	broken.Add(validate.Position{File: `a&b <c>.txt`, Line: 3, Column: 1}, validate.Error, validate.CodeUnknownPreamble,
		`unexpected text "<b>Sign in</b> & ]]> 100%" before the listing date`)
	broken.Add(validate.Position{File: `a&b <c>.txt`, Line: 5, Column: 2}, validate.Warning, validate.CodeLatexInTitle, "LaTeX \x07 \x00 \ufffe")
	broken.Add(validate.Position{File: `a&b <c>.txt`, Line: 9, Column: 1}, validate.Error, validate.CodeAbstractTooShort, "too short")
	var warned validate.List
	warned.Add(validate.Position{File: "ok.txt", Line: 1, Column: 7}, validate.Warning, validate.CodeTrailingWhitespace, "trailing white space stripped")
	results := []dumpResult{
		{path: "ok.txt", records: 2, warnings: 1, diagnostics: warned},
		{path: `a&b <c>.txt`, records: 1, errors: 2, warnings: 1, diagnostics: broken},
		{path: "missing.txt", readErr: &fs.PathError{Op: "open", Path: "missing.txt", Err: errors.New("no such file or directory")}},
		{path: "clean.txt", records: 5},
	}
	var out bytes.Buffer
	if err := writeJUnit(&out, results); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), `<?xml version="1.0" encoding="UTF-8"?>`+"\n<testsuites ") {
		t.Errorf("report starts %q", out.String()[:60])
	}

	// Parse with a decoder of its own, strict, so that nothing is read by
	// the code that wrote it.
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Errors   int      `xml:"errors,attr"`
		Suites   []struct {
			Name      string `xml:"name,attr"`
			Tests     int    `xml:"tests,attr"`
			Failures  int    `xml:"failures,attr"`
			Errors    int    `xml:"errors,attr"`
			Testcases []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
				Error *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
				} `xml:"error"`
				SystemOut string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out.Bytes()))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("report does not parse: %v\n%s", err, out.Bytes())
	}
	if doc.Tests != 4 || doc.Failures != 1 || doc.Errors != 1 || len(doc.Suites) != 1 {
		t.Fatalf("testsuites: %d tests, %d failures, %d errors, %d suites", doc.Tests, doc.Failures, doc.Errors, len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Name != "abstracts validate" || s.Tests != 4 || s.Failures != 1 || s.Errors != 1 || len(s.Testcases) != 4 {
		t.Fatalf("testsuite %q: %d tests, %d failures, %d errors, %d testcases", s.Name, s.Tests, s.Failures, s.Errors, len(s.Testcases))
	}
	for i, tc := range s.Testcases {
		if tc.Name != results[i].path || tc.Classname != "abstracts" {
			t.Errorf("testcase %d: name %q, classname %q", i, tc.Name, tc.Classname)
		}
	}
	ok, bad, missing, clean := s.Testcases[0], s.Testcases[1], s.Testcases[2], s.Testcases[3]
	if ok.Failure != nil || ok.Error != nil || ok.SystemOut != "ok.txt:1:7: warning: trailing white space stripped [trailing-whitespace]\n" {
		t.Errorf("valid dump with a warning: %+v", ok)
	}
	wantFailure := "a&b <c>.txt:3:1: error: unexpected text \"<b>Sign in</b> & ]]> 100%\" before the listing date [unknown-preamble]\n" +
		"a&b <c>.txt:9:1: error: too short [abstract-too-short]\n"
	if bad.Failure == nil || bad.Failure.Text != wantFailure || bad.Failure.Message != "2 errors, 1 warning" || bad.Error != nil {
		t.Errorf("invalid dump: failure %+v, want text\n%s", bad.Failure, wantFailure)
	}
	// Characters that XML 1.0 cannot hold become U+FFFD.
	if want := "a&b <c>.txt:5:2: warning: LaTeX \ufffd \ufffd \ufffd [latex-in-title]\n"; bad.SystemOut != want {
		t.Errorf("invalid dump: system-out %q, want %q", bad.SystemOut, want)
	}
	if missing.Error == nil || missing.Error.Message != "open missing.txt: no such file or directory" || missing.Error.Type != "read-error" || missing.Failure != nil {
		t.Errorf("unreadable dump: %+v", missing)
	}
	if clean.Failure != nil || clean.Error != nil || clean.SystemOut != "" {
		t.Errorf("clean dump: %+v", clean)
	}
}
