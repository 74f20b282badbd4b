package schema

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

// Column describes one field of Record as a typed, possibly nullable column.
type Column struct {
	Name     string // the JSON property name, also the column name
	Kind     Kind
	Nullable bool
}

// Columns lists the record's fields in schema order. The Arrow and Parquet
// schemas are derived from it, never inferred from data; a test checks it
// against the JSON Schema's properties.
var Columns = []Column{
	{Name: "id", Kind: String},
	{Name: "title", Kind: String},
	{Name: "abstract", Kind: String},
	{Name: "position", Kind: Int32},
	{Name: "listing_label", Kind: String, Nullable: true},
	{Name: "listing_date", Kind: Date, Nullable: true},
	{Name: "urls", Kind: StringList},
	{Name: "github_repo", Kind: String, Nullable: true},
	{Name: "source", Kind: String},
	{Name: "line", Kind: Int32},
}
