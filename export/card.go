package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/abstracts-dev/abstracts/schema"
)

// cardSource is one dump as the dataset card describes it.
type cardSource struct {
	Path     string
	SHA256   string
	Rows     int64
	Listings []listing // in order of first appearance
}

type listing struct{ Label, Date string }

func (s *cardSource) addListing(label, date string) {
	for _, l := range s.Listings {
		if l.Label == label && l.Date == date {
			return
		}
	}
	s.Listings = append(s.Listings, listing{label, date})
}

// hfFeatureType is the dtype of a column in the datasets library's YAML
// feature syntax: a Value dtype, or a list of one.
func hfFeatureType(k schema.Kind) (key, dtype string, err error) {
	switch k {
	case schema.String:
		return "dtype", "string", nil
	case schema.Int32:
		return "dtype", "int32", nil
	case schema.Date:
		return "dtype", "date32", nil
	case schema.StringList:
		return "list", "string", nil
	}
	return "", "", fmt.Errorf("export: column kind %s has no Hugging Face feature type", k)
}

// writeCard writes DIR/README.md, the dataset card of the HF layout, as a
// temporary file of the commit. Its YAML front matter is what the Hub
// reads: the config pointing at the shards, and dataset_info with the
// features (derived from schema.Columns), the split's row count and size
// in memory, and the size of the files.
func (o *Output) writeCard() error {
	f, err := o.c.create(o.opts.Dir, "README.md", ".README.md.tmp-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := o.card(w); err != nil {
		return fmt.Errorf("%s: %w", f.path, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("%s: export: %w", f.path, err)
	}
	return f.finish()
}

func (o *Output) card(w io.Writer) error {
	hf := o.hf
	var download int64
	for _, sh := range hf.shards {
		download += sh.size
	}
	// Each nullable column has a validity bitmap.
	nullable := 0
	for _, c := range schema.Columns {
		if c.Nullable {
			nullable++
		}
	}
	memBytes := hf.memBytes + int64(nullable)*((hf.rows+7)/8)

	var b strings.Builder
	b.WriteString("---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/train-*\n")
	b.WriteString("dataset_info:\n  features:\n")
	for _, c := range schema.Columns {
		key, dtype, err := hfFeatureType(c.Kind)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "  - name: %s\n    %s: %s\n", c.Name, key, dtype)
	}
	fmt.Fprintf(&b, "  splits:\n  - name: train\n    num_bytes: %d\n    num_examples: %d\n", memBytes, hf.rows)
	fmt.Fprintf(&b, "  download_size: %d\n  dataset_size: %d\n---\n\n", download, memBytes)

	md := o.opts.Parquet.Metadata
	b.WriteString("# Paper abstracts\n\n")
	fmt.Fprintf(&b, "Papers of Hugging Face Papers listings, validated and converted by "+
		"[abstracts](https://github.com/abstracts-dev/abstracts) version %s (record schema %s, `%s`).\n\n",
		mdText(md.ToolVersion), schema.Version, schema.ID)
	codec := o.opts.Parquet.Compression // made canonical by checkOptions
	fmt.Fprintf(&b, "%s in %s, `data/train-NNNNN-of-%05d.parquet` (%s of Parquet, %s; one split, `train`).\n\n",
		plural(hf.rows, "paper"), plural(int64(len(hf.shards)), "shard"), len(hf.shards), plural(download, "byte"), codec)

	b.WriteString("## Fields\n\n| field | type | description |\n| --- | --- | --- |\n")
	for _, c := range schema.Columns {
		_, dtype, _ := hfFeatureType(c.Kind)
		if c.Kind == schema.StringList {
			dtype = "list of " + dtype
		}
		if c.Nullable {
			dtype += ", may be null"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Name, dtype, mdText(c.Description))
	}

	b.WriteString("\n## Sources\n\nThe dumps the papers were read from, in order; `abstracts.sources` in each shard's " +
		"Parquet metadata holds the same paths, digests and pages.\n\n| dump | SHA-256 | style | page | papers | listings |\n| --- | --- | --- | --- | --- | --- |\n")
	counted := map[string]*cardSource{}
	for _, s := range hf.sources {
		counted[s.Path] = s
	}
	for _, src := range md.Sources {
		s := counted[src.Path]
		if s == nil {
			s = &cardSource{}
		}
		delete(counted, src.Path) // a dump named twice is counted once
		var ls []string
		for _, l := range s.Listings {
			switch {
			case l.Label == "": // a search or trending page: no listing date
			case l.Date != "":
				ls = append(ls, fmt.Sprintf("%s (%s)", l.Label, l.Date))
			default:
				ls = append(ls, l.Label)
			}
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %d | %s |\n", mdText(src.Path), src.SHA256, mdText(src.Style),
			mdText(pageOf(src)), s.Rows, mdText(strings.Join(ls, ", ")))
	}

	b.WriteString("\n## Load it\n\nWith the `datasets` library, from this folder or from its repository on the Hub:\n\n```python\n" +
		"from datasets import load_dataset\n" +
		"papers = load_dataset(\"path/to/this/folder\", split=\"train\")   # or \"user/repo\" on the Hub\n" +
		"papers = load_dataset(\"parquet\", data_files=\"path/to/this/folder/data/train-*.parquet\", split=\"train\")\n```\n\n" +
		"With pandas, or DuckDB:\n\n```python\nimport pandas as pd\npapers = pd.read_parquet(\"path/to/this/folder/data\")\n```\n\n" +
		"```sql\nSELECT listing_date, count(*) FROM read_parquet('path/to/this/folder/data/*.parquet') GROUP BY ALL ORDER BY 1;\n```\n\n" +
		"`id` identifies a paper across dumps (the same title gives the same id), so `GROUP BY id HAVING count(*) > 1` finds papers listed more than once.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// pageOf describes the page a dump was captured from, as far as it says:
// `search "source citations" https://huggingface.co/papers?q=…, captured
// 2026-10-02`.
func pageOf(src Source) string {
	var parts []string
	if src.Kind != "" {
		parts = append(parts, src.Kind)
	}
	if src.Query != "" {
		parts = append(parts, strconv.Quote(src.Query))
	}
	if src.URL != "" {
		parts = append(parts, src.URL)
	}
	page := strings.Join(parts, " ")
	if src.CaptureDate != "" {
		page = strings.TrimPrefix(page+", captured "+src.CaptureDate, ", ")
	}
	return page
}

// mdText makes text safe in a Markdown table cell: control characters
// escaped, pipes and backslashes escaped, angle brackets as entities.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '|' || r == '\\' || r == '`' || r == '*' || r == '_' || r == '[' || r == ']':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r < 0x20 || r == 0x7F:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func plural(n int64, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
