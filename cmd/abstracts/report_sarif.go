package main

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/abstracts-dev/abstracts/internal/version"
	"github.com/abstracts-dev/abstracts/validate"
)

// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/):
// only the objects and properties that validate fills in.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// informationURI is the home of the tool; helpURIs point into its docs.
	informationURI = "https://github.com/abstracts-dev/abstracts"
	diagnosticsDoc = informationURI + "/blob/main/docs/diagnostics.md"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

// sarifMessage is a SARIF message or multiformatMessageString.
type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

// writeSARIF writes one SARIF 2.1.0 log with one run: every diagnostic code
// as a rule, every diagnostic as a result located by the dump's path as
// given (as a relative URI reference; absolute paths as file URIs), its
// line and its column counted in Unicode code points. A dump that could
// not be read is a tool execution notification, and makes the invocation
// unsuccessful; a dump whose diagnostics are not all there (--max-errors)
// has a notification of level "note" that says so.
func writeSARIF(w io.Writer, results []dumpResult) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            "abstracts",
			Version:         version.Version,
			SemanticVersion: version.Version,
			InformationURI:  informationURI,
			Rules:           sarifRules(),
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Results:     []sarifResult{},
		ColumnKind:  "unicodeCodePoints",
	}
	ruleIndex := map[validate.Code]int{}
	for i, c := range validate.Codes {
		ruleIndex[c.Code] = i
	}
	inv := &run.Invocations[0]
	for _, r := range results {
		artifact := sarifArtifactLocation{URI: sarifURI(r.path)}
		for _, d := range r.diagnostics {
			run.Results = append(run.Results, sarifResult{
				RuleID:    string(d.Code),
				RuleIndex: ruleIndex[d.Code],
				Level:     d.Severity.String(),
				Message:   sarifMessage{Text: sentence(d.Message)},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: artifact,
					Region:           &sarifRegion{StartLine: d.Pos.Line, StartColumn: d.Pos.Column},
				}}},
			})
		}
		if note := r.notShown(showAll); note != "" {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level:     "note",
				Message:   sarifMessage{Text: sentence(note)},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifact}}},
			})
		}
		if r.readErr != nil {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level:     "error",
				Message:   sarifMessage{Text: sentence(r.readErr.Error())},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifact}}},
			})
		}
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// sarifRules describes every diagnostic code as a SARIF reportingDescriptor,
// in the order of validate.Codes (errors first), so that a result's
// ruleIndex is its code's index there.
func sarifRules() []sarifRule {
	rules := make([]sarifRule, 0, len(validate.Codes))
	for _, c := range validate.Codes {
		rules = append(rules, sarifRule{
			ID:               string(c.Code),
			Name:             ruleName(c.Code),
			ShortDescription: sarifMessage{Text: c.Meaning},
			FullDescription:  sarifMessage{Text: c.Meaning + " Fix: " + c.Fix},
			Help: sarifMessage{
				Text:     c.Fix + "\nExample: " + c.Example,
				Markdown: c.Fix + "\n\nExample:\n\n```\n" + c.Example + "\n```",
			},
			HelpURI:              diagnosticsDoc + "#" + string(c.Code),
			DefaultConfiguration: sarifConfiguration{Level: c.Severity.String()},
		})
	}
	return rules
}

// ruleName turns a code into the Pascal-case name SARIF suggests for a
// rule: "missing-abstract" becomes "MissingAbstract", "invalid-utf8"
// "InvalidUtf8".
func ruleName(c validate.Code) string {
	var b strings.Builder
	for _, part := range strings.Split(string(c), "-") {
		for i, r := range part {
			if i == 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sentence ends s with a period, as SARIF asks of every message.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// sarifURI turns a dump path as given into a URI reference: a relative
// path stays relative (with "/" separators and percent-escapes where a URI
// needs them), an absolute one becomes a file URI, and standard input is
// "-".
func sarifURI(path string) string {
	if path == "-" {
		return "-"
	}
	slashed := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(slashed, "/") {
			slashed = "/" + slashed // C:/x becomes /C:/x
		}
		return (&url.URL{Scheme: "file", Path: slashed}).String()
	}
	// String escapes what a URI path cannot hold, and starts with "./" a
	// path whose first segment has a colon, which would read as a scheme.
	return (&url.URL{Path: slashed}).String()
}
