// Package schema defines the paper record: its Go type, its JSON Schema and
// the typed columns that the exporters derive from it. It is the one place
// that says what a record is; it imports nothing else of this module.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed record.schema.json
var schemaJSON []byte

// JSON returns the record's JSON Schema (draft 2020-12) as embedded in the
// binary. The caller must not modify the returned slice.
func JSON() []byte { return schemaJSON }

// Identity of the embedded JSON Schema, read from it once.
var (
	// ID is the JSON Schema's $id.
	ID string
	// Version is the schema version (the x-schema-version keyword); it is
	// written into every Parquet and Arrow file.
	Version string
)

func init() {
	var head struct {
		ID      string `json:"$id"`
		Version string `json:"x-schema-version"`
	}
	if err := json.Unmarshal(schemaJSON, &head); err != nil {
		panic(fmt.Sprintf("schema: embedded record.schema.json: %v", err))
	}
	ID, Version = head.ID, head.Version
}

// Length limits of the text fields, in characters (Unicode code points). A
// test checks that they equal the JSON Schema's minLength and maxLength.
const (
	MinTitleLen    = 1
	MaxTitleLen    = 300
	MinAbstractLen = 100
	MaxAbstractLen = 5000
)

// Record is one paper of a dump. Columns says which fields are nullable; a
// nullable string or date holds "" for null, which the schema never allows
// as a value, and a nullable count is a NullInt.
type Record struct {
	ID           string   // 16 hex digits, see TitleID
	Title        string   // exactly as in the dump
	Abstract     string   // exactly as in the dump
	Position     int      // 1-based order in its dump
	ListingLabel string   // the date line as written, "Mar 14", "" where the page has none for its papers
	ListingDate  string   // "2024-03-14" when the year is known, else ""
	URLs         []string // cleaned, in order of first appearance, unique
	GitHubRepo   string   // "owner/name", else ""
	Source       string   // the dump's path as given, "-" for stdin
	Line         int      // 1-based line of the title in its dump

	// What a card of today's page shows, in captures that carry it (the
	// Markdown and NotebookLM styles); the zero value is null.
	PaperID       string  // the paper's id on the site, the arXiv id in its URL ("2606.00683"), else ""
	PublishedDate string  // the paper's publication date, "2024-10-07", else ""
	Upvotes       NullInt // the card's upvote count
	Comments      NullInt // the card's comment count
	NumAuthors    NullInt // the card's number of authors, or the length of Authors
	Organization  string  // the organization the card names, else ""
	SubmittedBy   string  // the user the card says submitted the paper, else ""
	GitHubStars   NullInt // the stars of the card's GitHub repository

	// What only the page's own data carries (the Papers API and saved
	// pages); the zero value is null. A nil list is null, an empty one is
	// an empty list.
	Authors     []string // the authors' names, in order; nil where a capture shows only a count
	AISummary   string   // the site's AI summary of the paper, else ""
	AIKeywords  []string // the site's AI keywords, in order; nil where the capture has none
	ProjectPage string   // the paper's project page URL, else ""
}

// NullInt is an integer that may be null, as database/sql.NullInt64 is.
type NullInt struct {
	Int   int
	Valid bool // Int is set
}

// Int returns a valid NullInt holding n.
func Int(n int) NullInt { return NullInt{Int: n, Valid: true} }

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true // format is only an annotation in 2020-12 otherwise
	if err := c.AddResource(ID, bytes.NewReader(schemaJSON)); err != nil {
		return nil, err
	}
	return c.Compile(ID)
})

// Validate checks a JSON value (as decoded by encoding/json with UseNumber,
// or as built by Record.Map) against the record schema. A failure is a
// *jsonschema.ValidationError; Violations flattens it.
func Validate(v any) error {
	s, err := compiled()
	if err != nil {
		return fmt.Errorf("schema: compile: %w", err)
	}
	return s.Validate(v)
}

// Violation is one broken rule of the schema: where in the record
// (a JSON Pointer such as "/title") and what.
type Violation struct {
	Pointer string
	Message string
}

// Violations lists the leaf failures of a Validate error, in the library's
// order. For any other error it returns one violation at the root.
func Violations(err error) []Violation {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Violation{{Pointer: "", Message: err.Error()}}
	}
	var out []Violation
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, Violation{Pointer: e.InstanceLocation, Message: e.Message})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}
