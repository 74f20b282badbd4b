package main

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/abstracts-dev/abstracts/validate"
)

// The JUnit XML report, in the form that GitLab, Jenkins and most CI test
// report viewers read: testsuites > testsuite > testcase, with a failure or
// an error inside a testcase that did not pass.
type junitTestsuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Suites   []junitTestsuite `xml:"testsuite"`
}

type junitTestsuite struct {
	Name      string          `xml:"name,attr"`
	Tests     int             `xml:"tests,attr"`
	Failures  int             `xml:"failures,attr"`
	Errors    int             `xml:"errors,attr"`
	Skipped   int             `xml:"skipped,attr"`
	Testcases []junitTestcase `xml:"testcase"`
}

type junitTestcase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// junitProblem is a <failure> (the dump is invalid) or an <error> (it could
// not be read).
type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes a JUnit XML report: one testsuite, "abstracts
// validate", with one testcase per dump named by its path. An invalid dump
// fails with its errors in the failure's text, one a line in the text
// form (with --strict, warnings are errors and are listed too); a dump that
// could not be read has an <error>. A dump's warnings go to its
// <system-out>, followed by a line saying what is not shown, if anything.
func writeJUnit(w io.Writer, results []dumpResult) error {
	suite := junitTestsuite{Name: "abstracts validate", Tests: len(results)}
	for _, r := range results {
		tc := junitTestcase{Name: validate.Printable(r.path), Classname: "abstracts"}
		errs, warns := diagnosticLines(r.diagnostics)
		switch {
		case r.readErr != nil:
			suite.Errors++
			tc.Error = &junitProblem{Message: validate.Printable(r.readErr.Error()), Type: "read-error", Text: errs}
		case !r.valid():
			suite.Failures++
			tc.Failure = &junitProblem{Message: plural(r.errors, "error") + ", " + plural(r.warnings, "warning"), Type: "invalid-dump", Text: errs}
		}
		tc.SystemOut = warns
		if note := r.notShown(showAll); note != "" {
			tc.SystemOut += note + "\n"
		}
		suite.Testcases = append(suite.Testcases, tc)
	}
	doc := junitTestsuites{Name: "abstracts", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors,
		Suites: []junitTestsuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// diagnosticLines returns the one-line forms of the errors and of the
// warnings of l, each line ended by a newline.
func diagnosticLines(l validate.List) (errs, warns string) {
	var e, w strings.Builder
	for _, d := range l {
		b := &e
		if d.Severity == validate.Warning {
			b = &w
		}
		b.WriteString(d.Error())
		b.WriteByte('\n')
	}
	return e.String(), w.String()
}
