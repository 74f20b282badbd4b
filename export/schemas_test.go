package export

import (
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/abstracts-dev/abstracts/schema"
)

// TestFormatsAgree reads the schema of a Parquet file we wrote back through
// Arrow's Parquet reader and checks it field for field against the schema
// of our Arrow files: the same names in schema.Columns order, the same types
// and the same nullability, so the two binary formats cannot drift.
func TestFormatsAgree(t *testing.T) {
	fromParquet, err := pqarrow.FromParquet(openParquet(t, writeParquet(t, sampleRecords(), ParquetOptions{})).MetaData().Schema,
		&pqarrow.ArrowReadProperties{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fromArrow := ArrowSchema(Metadata{})
	if fromParquet.NumFields() != len(schema.Columns) || fromArrow.NumFields() != len(schema.Columns) {
		t.Fatalf("parquet %d fields, arrow %d, columns %d", fromParquet.NumFields(), fromArrow.NumFields(), len(schema.Columns))
	}
	for i, col := range schema.Columns {
		p, a := fromParquet.Field(i), fromArrow.Field(i)
		if p.Name != col.Name || a.Name != col.Name {
			t.Errorf("field %d: parquet %q, arrow %q, want %q", i, p.Name, a.Name, col.Name)
		}
		pt, at := p.Type, a.Type
		if col.Kind == schema.StringList {
			// Arrow v15's Parquet reader names a LIST's child after the
			// repeated group ("list") and always makes it nullable; compare
			// the element types.
			pt, at = pt.(*arrow.ListType).Elem(), at.(*arrow.ListType).Elem()
		}
		if !arrow.TypeEqual(pt, at) {
			t.Errorf("%s: parquet reads as %s, arrow writes %s", col.Name, p.Type, a.Type)
		}
		if p.Nullable != col.Nullable || a.Nullable != col.Nullable {
			t.Errorf("%s: nullable parquet %v, arrow %v, schema %v", col.Name, p.Nullable, a.Nullable, col.Nullable)
		}
	}
}
