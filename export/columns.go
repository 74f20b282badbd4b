package export

import "github.com/abstracts-dev/abstracts/schema"

// ColumnsWithout returns schema.Columns without the named columns, in
// schema order: the columns of a partition file, whose partition column is
// in its folder's name rather than in the file. It is the one place where
// a subset of the columns is derived; the Parquet, Arrow and JSONL writers
// take its result as their Columns.
func ColumnsWithout(names ...string) []schema.Column {
	cols := make([]schema.Column, 0, len(schema.Columns))
next:
	for _, c := range schema.Columns {
		for _, n := range names {
			if c.Name == n {
				continue next
			}
		}
		cols = append(cols, c)
	}
	return cols
}
