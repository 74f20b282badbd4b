package schema

import "fmt"

// Kind is the logical type of a column, from which each exporter picks its
// physical type.
type Kind int

// The column kinds a record uses.
const (
	String     Kind = iota // JSON string; Arrow utf8; Parquet BYTE_ARRAY STRING
	Int32                  // JSON integer; Arrow int32; Parquet INT32
	Date                   // JSON "YYYY-MM-DD"; Arrow date32; Parquet INT32 DATE
	StringList             // JSON array of strings; Arrow list<utf8>; Parquet LIST of STRING
)

func (k Kind) String() string {
	switch k {
	case String:
		return "string"
	case Int32:
		return "int32"
	case Date:
		return "date"
	case StringList:
		return "list<string>"
	}
	return "unknown"
}

// Column is one field of Record: its JSON property name, its JSON Schema,
// its column type and how to read it from a Record. Columns is the table of
// them all; the JSON Schema file, Record.Map, the JSONL encoder, the
// Parquet and Arrow writers, the partition values and the dataset card are
// derived from it.
//
// A Column is made by one of the constructors below, so that exactly the
// accessor of its kind is set: Text for String and Date, Int for Int32 and
// List for StringList.
type Column struct {
	Name        string // the JSON property name, also the column name
	Kind        Kind
	Nullable    bool
	Description string // the JSON Schema description

	// Schema holds the column's JSON Schema keywords other than its
	// description, one "key": value member per element, in the order the
	// schema file lists them.
	Schema []string

	// Text reads a String or Date column; "" is null in a nullable one.
	Text func(*Record) string
	// Int reads an Int32 column; an invalid NullInt is null.
	Int func(*Record) NullInt
	// List reads a StringList column; a nil list is null in a nullable
	// one, and an empty list (nil in a non-nullable one) is [].
	List func(*Record) []string
}

func textColumn(name string, kind Kind, nullable bool, description string, get func(*Record) string, keywords ...string) Column {
	return Column{Name: name, Kind: kind, Nullable: nullable, Description: description, Schema: keywords, Text: get}
}

func intColumn(name string, nullable bool, description string, get func(*Record) NullInt, keywords ...string) Column {
	return Column{Name: name, Kind: Int32, Nullable: nullable, Description: description, Schema: keywords, Int: get}
}

func listColumn(name string, nullable bool, description string, get func(*Record) []string, keywords ...string) Column {
	return Column{Name: name, Kind: StringList, Nullable: nullable, Description: description, Schema: keywords, List: get}
}

// Columns lists the record's fields in schema order. The Arrow and Parquet
// schemas are derived from it, never inferred from data; the embedded JSON
// Schema file is generated from it, and a test fails when they differ.
var Columns = []Column{
	textColumn("id", String, false,
		"First 16 lowercase hex digits of the SHA-256 of the normalized title (Unicode NFC, case-folded, inner white space collapsed); the same paper has the same id in every dump.",
		func(r *Record) string { return r.ID },
		`"type": "string"`,
		`"pattern": "^[0-9a-f]{16}$"`),
	textColumn("title", String, false,
		"The title as a reader of the page sees it: exactly as in a plain-text dump; in a Markdown or NotebookLM capture with its link wrapper removed, Markdown escapes undone and white space runs as one space. One line, no leading or trailing white space.",
		func(r *Record) string { return r.Title },
		`"type": "string"`,
		`"minLength": 1`,
		`"maxLength": 300`,
		`"pattern": "^[^\\s](?:[^\\r\\n]*[^\\s])?$"`),
	textColumn("abstract", String, false,
		"The abstract as a reader of the page sees it: exactly as in a plain-text dump; in a capture with its link wrapper removed, Markdown escapes undone, hard line breaks joined with one space and white space runs as one space. One paragraph on one line, scraped LaTeX remnants kept as written.",
		func(r *Record) string { return r.Abstract },
		`"type": "string"`,
		`"minLength": 100`,
		`"maxLength": 5000`),
	intColumn("position", false,
		"1-based order of the paper in its dump.",
		func(r *Record) NullInt { return Int(r.Position) },
		`"type": "integer"`,
		`"minimum": 1`,
		`"maximum": 2147483647`),
	textColumn("listing_label", String, true,
		`The listing's date line as written, such as "Mar 14", on a daily, weekly or monthly listing; null on a search or trending page, whose date line is the day of the capture, not of the papers.`,
		func(r *Record) string { return r.ListingLabel },
		`"type": ["string", "null"]`,
		`"pattern": "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12][0-9]|3[01])$"`),
	textColumn("listing_date", Date, true,
		"The listing date as YYYY-MM-DD when the year is known (--year, or the capture's own date), else null.",
		func(r *Record) string { return r.ListingDate },
		`"type": ["string", "null"]`,
		`"format": "date"`),
	listColumn("urls", false,
		`The URLs of the abstract, cleaned of trailing punctuation and \href brace remnants, in order of first appearance, without duplicates.`,
		func(r *Record) []string { return r.URLs },
		`"type": "array"`,
		`"items": {"type": "string", "format": "uri", "pattern": "^https?://"}`,
		`"uniqueItems": true`),
	textColumn("github_repo", String, true,
		"owner/name of the card's GitHub link, else of the first GitHub repository among the abstract's URLs, else null.",
		func(r *Record) string { return r.GitHubRepo },
		`"type": ["string", "null"]`,
		`"pattern": "^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$"`),
	textColumn("source", String, false,
		`The dump's path as given on the command line, "-" for standard input.`,
		func(r *Record) string { return r.Source },
		`"type": "string"`,
		`"minLength": 1`),
	intColumn("line", false,
		"1-based line of the title in its dump.",
		func(r *Record) NullInt { return Int(r.Line) },
		`"type": "integer"`,
		`"minimum": 1`,
		`"maximum": 2147483647`),
	textColumn("paper_id", String, true,
		`The paper's id on the Hugging Face Papers site, the arXiv id in its URL ("2606.00683"), where the capture links the paper; else null.`,
		func(r *Record) string { return r.PaperID },
		`"type": ["string", "null"]`,
		`"pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"`),
	textColumn("published_date", Date, true,
		`The paper's publication date as its card shows it ("Oct 7, 2024", "Published on Oct 4, 2026", or "May 29" in the year of the capture), as YYYY-MM-DD; else null.`,
		func(r *Record) string { return r.PublishedDate },
		`"type": ["string", "null"]`,
		`"format": "date"`),
	intColumn("upvotes", true,
		"The upvote count the card shows, 0 for its \"-\"; null where the capture carries no count.",
		func(r *Record) NullInt { return r.Upvotes },
		nullableCount...),
	intColumn("comments", true,
		"The comment count the card shows; null where the capture carries none.",
		func(r *Record) NullInt { return r.Comments },
		nullableCount...),
	intColumn("num_authors", true,
		`The number of authors: the count the card shows ("6 authors"), or the length of authors where the capture lists them; null where it shows an organization or nothing.`,
		func(r *Record) NullInt { return r.NumAuthors },
		nullableCount...),
	textColumn("organization", String, true,
		"The organization the card names, as displayed; else null.",
		func(r *Record) string { return r.Organization },
		`"type": ["string", "null"]`,
		`"minLength": 1`),
	textColumn("submitted_by", String, true,
		"The user the card says submitted the paper; else null.",
		func(r *Record) string { return r.SubmittedBy },
		`"type": ["string", "null"]`,
		`"minLength": 1`),
	intColumn("github_stars", true,
		`The stars of the card's GitHub link ("3.29k" reads as 3290); else null.`,
		func(r *Record) NullInt { return r.GitHubStars },
		nullableCount...),
	listColumn("authors", true,
		"The authors' names in order, as the Papers API or a saved page lists them; null where a capture shows only a count (see num_authors).",
		func(r *Record) []string { return r.Authors },
		nullableNames...),
	textColumn("ai_summary", String, true,
		"The site's short AI-written summary of the paper, as the Papers API or a saved page gives it; else null.",
		func(r *Record) string { return r.AISummary },
		`"type": ["string", "null"]`,
		`"minLength": 1`),
	listColumn("ai_keywords", true,
		"The site's AI-chosen keywords of the paper, in its order, as the Papers API or a saved page gives them; null where the capture has none.",
		func(r *Record) []string { return r.AIKeywords },
		nullableNames...),
	textColumn("project_page", String, true,
		"The URL of the paper's project page, as the Papers API or a saved page links it; else null.",
		func(r *Record) string { return r.ProjectPage },
		`"type": ["string", "null"]`,
		`"format": "uri"`,
		`"pattern": "^https?://"`),
}

// nullableCount is the JSON Schema of a count a card may not show.
var nullableCount = []string{`"type": ["integer", "null"]`, `"minimum": 0`, `"maximum": 2147483647`}

// nullableNames is the JSON Schema of a list of names a capture may not
// carry: null, or an array (maybe empty) of non-empty strings.
var nullableNames = []string{`"type": ["array", "null"]`, `"items": {"type": "string", "minLength": 1}`}

// Check reports whether the column can be written: a known kind, and
// exactly the accessor of that kind set. Every column of Columns passes;
// the writers check a column list they are given before writing anything.
func (c *Column) Check() error {
	text, num, list := c.Text != nil, c.Int != nil, c.List != nil
	var ok bool
	switch c.Kind {
	case String, Date:
		ok = text && !num && !list
	case Int32:
		ok = num && !text && !list
	case StringList:
		ok = list && !text && !num
	default:
		return fmt.Errorf("schema: column %q: unknown kind %d", c.Name, int(c.Kind))
	}
	if !ok {
		return fmt.Errorf("schema: column %q (%s) needs the accessor of its kind and no other: Text for string and date, Int for int32, List for a list", c.Name, c.Kind)
	}
	return nil
}

// ColumnNamed returns the column of that name, and false if there is none.
func ColumnNamed(name string) (Column, bool) {
	for _, c := range Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Map returns the record as the JSON value the schema describes, with nil
// for the null fields. It is what Validate checks, built directly from
// Columns rather than through a JSON round trip.
func (r *Record) Map() map[string]any {
	m := make(map[string]any, len(Columns))
	for _, c := range Columns {
		m[c.Name] = c.Value(r)
	}
	return m
}

// Value returns the column's value in r as a JSON value: a string, an int,
// a []any of strings, or nil for null.
func (c *Column) Value(r *Record) any {
	switch c.Kind {
	case String, Date:
		s := c.Text(r)
		if s == "" && c.Nullable {
			return nil
		}
		return s
	case Int32:
		n := c.Int(r)
		if !n.Valid {
			return nil
		}
		return n.Int
	case StringList:
		list := c.List(r)
		if list == nil && c.Nullable {
			return nil
		}
		out := make([]any, len(list))
		for i, s := range list {
			out[i] = s
		}
		return out
	}
	panic("schema: column " + c.Name + " of unknown kind " + c.Kind.String())
}
