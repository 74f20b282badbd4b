package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// document is the parts of the embedded JSON Schema that the Go side
// mirrors.
type document struct {
	Required   []string `json:"required"`
	Properties map[string]struct {
		Type      any    `json:"type"`
		Format    string `json:"format"`
		MinLength *int   `json:"minLength"`
		MaxLength *int   `json:"maxLength"`
	} `json:"properties"`
}

func loadDocument(t *testing.T) document {
	t.Helper()
	var doc document
	if err := json.Unmarshal(JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestColumnsMatchSchema(t *testing.T) {
	doc := loadDocument(t)
	if len(doc.Required) != len(Columns) || len(doc.Properties) != len(Columns) {
		t.Fatalf("schema has %d required and %d properties, Columns has %d", len(doc.Required), len(doc.Properties), len(Columns))
	}
	for i, col := range Columns {
		if doc.Required[i] != col.Name {
			t.Errorf("column %d is %q, schema order says %q", i, col.Name, doc.Required[i])
		}
		p, ok := doc.Properties[col.Name]
		if !ok {
			t.Errorf("column %q is not a schema property", col.Name)
			continue
		}
		types := map[string]bool{}
		switch v := p.Type.(type) {
		case string:
			types[v] = true
		case []any:
			for _, x := range v {
				types[x.(string)] = true
			}
		}
		if types["null"] != col.Nullable {
			t.Errorf("column %q nullable = %v, schema types %v", col.Name, col.Nullable, p.Type)
		}
		var kind Kind
		switch {
		case types["string"] && p.Format == "date":
			kind = Date
		case types["string"]:
			kind = String
		case types["integer"]:
			kind = Int32
		case types["array"]:
			kind = StringList
		default:
			t.Errorf("column %q has unmapped schema type %v", col.Name, p.Type)
		}
		if kind != col.Kind {
			t.Errorf("column %q kind = %v, schema says %v", col.Name, col.Kind, kind)
		}
	}
}

func TestLengthLimitsMatchSchema(t *testing.T) {
	doc := loadDocument(t)
	for _, c := range []struct {
		field    string
		min, max int
	}{{"title", MinTitleLen, MaxTitleLen}, {"abstract", MinAbstractLen, MaxAbstractLen}} {
		p := doc.Properties[c.field]
		if p.MinLength == nil || p.MaxLength == nil || *p.MinLength != c.min || *p.MaxLength != c.max {
			t.Errorf("%s: schema lengths %v..%v, constants %d..%d", c.field, p.MinLength, p.MaxLength, c.min, c.max)
		}
	}
}

func TestIdentity(t *testing.T) {
	if Version == "" || !strings.Contains(ID, Version) {
		t.Errorf("schema $id %q does not carry version %q", ID, Version)
	}
}

func validRecord() Record {
	return Record{
		ID: TitleID("A Title"), Title: "A Title", Abstract: strings.TrimSpace(strings.Repeat("An abstract. ", 10)),
		Position: 1, ListingLabel: "Mar 14", ListingDate: "2024-03-14",
		URLs: []string{"https://github.com/o/r"}, GitHubRepo: "o/r", Source: "d.txt", Line: 11,
	}
}

// decode turns JSON into the value Validate takes, as an independent
// consumer of a JSONL line would.
func decode(t *testing.T, js string) any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestValidate(t *testing.T) {
	r := validRecord()
	if err := Validate(r.Map()); err != nil {
		t.Fatalf("valid record rejected: %v", err)
	}
	base, err := json.Marshal(r.Map())
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(decode(t, string(base))); err != nil {
		t.Fatalf("valid record rejected after a JSON round trip: %v", err)
	}
	tests := []struct {
		name    string
		edit    func(m map[string]any)
		pointer string
	}{
		{"missing title", func(m map[string]any) { delete(m, "title") }, ""},
		{"empty title", func(m map[string]any) { m["title"] = "" }, "/title"},
		{"multi-line title", func(m map[string]any) { m["title"] = "A\nTitle" }, "/title"},
		{"title with trailing space", func(m map[string]any) { m["title"] = "A Title " }, "/title"},
		{"non-string abstract", func(m map[string]any) { m["abstract"] = json.Number("42") }, "/abstract"},
		{"short abstract", func(m map[string]any) { m["abstract"] = "Too short." }, "/abstract"},
		{"unknown field", func(m map[string]any) { m["extra"] = true }, ""},
		{"position 0", func(m map[string]any) { m["position"] = json.Number("0") }, "/position"},
		{"line 0", func(m map[string]any) { m["line"] = json.Number("0") }, "/line"},
		{"bad id", func(m map[string]any) { m["id"] = "XYZ" }, "/id"},
		{"bad date", func(m map[string]any) { m["listing_date"] = "2024-02-30" }, "/listing_date"},
		{"bad label", func(m map[string]any) { m["listing_label"] = "March 14" }, "/listing_label"},
		{"relative URL", func(m map[string]any) { m["urls"] = []any{"github.com/o/r"} }, "/urls/0"},
		{"duplicate URL", func(m map[string]any) { m["urls"] = []any{"https://a.org", "https://a.org"} }, "/urls"},
		{"bad repo", func(m map[string]any) { m["github_repo"] = "no-slash" }, "/github_repo"},
		{"null source", func(m map[string]any) { m["source"] = nil }, "/source"},
		{"null urls", func(m map[string]any) { m["urls"] = nil }, "/urls"},
		{"empty AI summary", func(m map[string]any) { m["ai_summary"] = "" }, "/ai_summary"},
		{"relative project page", func(m map[string]any) { m["project_page"] = "example.org/p" }, "/project_page"},
		{"project page not a URI", func(m map[string]any) { m["project_page"] = "https://exa mple.org/" }, "/project_page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := decode(t, string(base)).(map[string]any)
			tt.edit(m)
			err := Validate(m)
			if err == nil {
				t.Fatal("accepted")
			}
			found := false
			for _, v := range Violations(err) {
				found = found || v.Pointer == tt.pointer
			}
			if !found {
				t.Errorf("violations %v do not name %q", Violations(err), tt.pointer)
			}
		})
	}
}

func TestNullableFields(t *testing.T) {
	r := validRecord()
	r.ListingDate, r.GitHubRepo, r.URLs = "", "", []string{}
	m := r.Map()
	if m["listing_date"] != nil || m["github_repo"] != nil {
		t.Errorf("empty nullable fields map to %v, %v", m["listing_date"], m["github_repo"])
	}
	if err := Validate(m); err != nil {
		t.Errorf("record with nulls rejected: %v", err)
	}
}

func TestTitleID(t *testing.T) {
	id := TitleID("Light Schrödinger Bridge")
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(id) {
		t.Fatalf("id %q is not 16 hex digits", id)
	}
	same := []string{"light schrödinger  bridge", "LIGHT SCHRÖDINGER\tBRIDGE", "Light Schro\u0308dinger Bridge", " Light Schrödinger Bridge "}
	for _, s := range same {
		if TitleID(s) != id {
			t.Errorf("TitleID(%q) = %s, want %s", s, TitleID(s), id)
		}
	}
	if TitleID("Light Schrodinger Bridge") == id {
		t.Error("a different title has the same id")
	}
	// Pinned: ids are stable across releases, so a change here breaks users.
	if got := TitleID("PowerNorm: Rethinking Batch Normalization in Transformers"); got != "b475a9095468d18b" {
		t.Errorf("pinned id changed: %s", got)
	}
}

func TestJSONIsTheEmbeddedFile(t *testing.T) {
	if !bytes.HasPrefix(JSON(), []byte("{")) || !json.Valid(JSON()) {
		t.Error("embedded schema is not a JSON object")
	}
}

// FuzzNormalizeTitle checks the ASCII fast path of TitleID against the
// general normalization.
func FuzzNormalizeTitle(f *testing.F) {
	for _, s := range []string{"Light Schrödinger Bridge", "  A\tB  c ", "ALL CAPS?", "", "\x85x", "a\u00a0b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		want := strings.Join(strings.Fields(cases.Fold().String(norm.NFC.String(title))), " ")
		if got := string(normalizeTitle(title)); got != want {
			t.Fatalf("normalizeTitle(%q) = %q, want %q", title, got, want)
		}
	})
}

var updateSchema = flag.Bool("update-schema", false, "rewrite record.schema.json's properties from Columns")

// TestSchemaFileIsColumns holds record.schema.json's required list and
// properties equal, byte for byte, to their rendering from Columns: the
// table is the one place a field is written; the file is generated from it
// (go test ./schema -update-schema) and keeps only its header by hand.
func TestSchemaFileIsColumns(t *testing.T) {
	const path = "record.schema.json"
	lines := strings.Split(string(JSON()), "\n")
	var header []string
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, `  "required"`) {
			break
		}
		header = append(header, strings.TrimSuffix(strings.TrimPrefix(l, "  "), ","))
	}
	want := schemaFile(header)
	if *updateSchema {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(JSON(), want) {
		t.Errorf("%s is not the rendering of Columns; run go test ./schema -update-schema\n got: %s\nwant: %s", path, JSON(), want)
	}
}

// schemaFile renders the JSON Schema file from its header members (each a
// "key": value line) and Columns, in the layout of record.schema.json.
func schemaFile(header []string) []byte {
	var b strings.Builder
	b.WriteString("{\n")
	for _, h := range header {
		b.WriteString("  " + h + ",\n")
	}
	b.WriteString(`  "required": [`)
	for i, c := range Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(c.Name))
	}
	b.WriteString("],\n  \"properties\": {\n")
	for i, c := range Columns {
		desc, err := json.Marshal(c.Description)
		if err != nil {
			panic(err)
		}
		b.WriteString("    " + strconv.Quote(c.Name) + ": {\n      \"description\": " + string(desc))
		for _, k := range c.Schema {
			b.WriteString(",\n      " + k)
		}
		b.WriteString("\n    }")
		if i < len(Columns)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("  }\n}\n")
	return []byte(b.String())
}

// TestColumnAccessors holds each column's accessor to its kind, and
// checks that Check refuses a column without it.
func TestColumnAccessors(t *testing.T) {
	for _, c := range Columns {
		if err := c.Check(); err != nil {
			t.Error(err)
		}
	}
	for _, c := range []Column{
		{Name: "k", Kind: Kind(99), Text: func(*Record) string { return "" }},
		{Name: "none", Kind: String},
		{Name: "two", Kind: String, Text: func(*Record) string { return "" }, Int: func(*Record) NullInt { return NullInt{} }},
		{Name: "int-as-text", Kind: Int32, Text: func(*Record) string { return "" }},
		{Name: "list-as-text", Kind: StringList, Nullable: true, Text: func(*Record) string { return "" }},
	} {
		if err := c.Check(); err == nil {
			t.Errorf("column %q passes Check", c.Name)
		}
	}
	nullList := Column{Name: "null-list", Kind: StringList, Nullable: true, List: func(*Record) []string { return nil }}
	if err := nullList.Check(); err != nil {
		t.Errorf("a nullable list column fails Check: %v", err)
	}
}

// TestNullableLists holds the nullable list columns to what the schema
// says of them: a nil list is null and an empty one [], in Map and after
// a JSON round trip; an item must be a non-empty string. A non-nullable
// list (urls) stays [] when nil.
func TestNullableLists(t *testing.T) {
	for _, name := range []string{"authors", "ai_keywords"} {
		c, ok := ColumnNamed(name)
		if !ok || c.Kind != StringList || !c.Nullable {
			t.Fatalf("%s is not a nullable list column: %+v", name, c)
		}
	}
	r := validRecord()
	r.URLs, r.Authors, r.AIKeywords = nil, nil, []string{}
	m := r.Map()
	if m["authors"] != nil {
		t.Errorf("nil authors map to %#v, want nil", m["authors"])
	}
	if v, ok := m["ai_keywords"].([]any); !ok || v == nil || len(v) != 0 {
		t.Errorf("empty ai_keywords map to %#v, want an empty []any", m["ai_keywords"])
	}
	if v, ok := m["urls"].([]any); !ok || v == nil || len(v) != 0 {
		t.Errorf("nil urls (not nullable) map to %#v, want an empty []any", m["urls"])
	}
	if err := Validate(m); err != nil {
		t.Fatalf("null authors and empty ai_keywords rejected: %v", err)
	}
	r.Authors, r.AIKeywords = []string{"Łukasz Kaiser", "Ashish Vaswani"}, []string{"attention", "transformer"}
	r.AISummary, r.ProjectPage = "A summary.", "https://example.org/project?x=1"
	m = r.Map()
	if !reflect.DeepEqual(m["authors"], []any{"Łukasz Kaiser", "Ashish Vaswani"}) {
		t.Errorf("authors map to %#v", m["authors"])
	}
	if err := Validate(m); err != nil {
		t.Fatalf("filled lists rejected: %v", err)
	}
	base, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"authors", "ai_keywords"} {
		for _, ok := range []string{`null`, `[]`, `["A"]`, `["Zoë Ó", "李明"]`} {
			v := decode(t, string(base)).(map[string]any)
			v[name] = decode(t, ok)
			if err := Validate(v); err != nil {
				t.Errorf("%s = %s rejected: %v", name, ok, err)
			}
		}
		for _, bad := range []struct{ js, pointer string }{
			{`[42]`, "/" + name + "/0"},
			{`["A", null]`, "/" + name + "/1"},
			{`["A", ""]`, "/" + name + "/1"},
			{`"A"`, "/" + name},
			{`{}`, "/" + name},
		} {
			v := decode(t, string(base)).(map[string]any)
			v[name] = decode(t, bad.js)
			err := Validate(v)
			if err == nil {
				t.Errorf("%s = %s accepted", name, bad.js)
				continue
			}
			found := false
			for _, x := range Violations(err) {
				found = found || x.Pointer == bad.pointer
			}
			if !found {
				t.Errorf("%s = %s: violations %v do not name %q", name, bad.js, Violations(err), bad.pointer)
			}
		}
	}
}
