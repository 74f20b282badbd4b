// Package export writes validated records as JSONL, Parquet and Arrow IPC
// files. Each format has a Writer that encodes records to an io.Writer one at
// a time; Output (in output.go) puts several of them behind temporary files
// that appear together under their final names, or not at all, in one of
// the layouts: flat files, a Hugging Face dataset of Parquet shards and a
// dataset card (hf.go, card.go), or Hive-style partition folders
// (partition.go). The committer (commit.go) owns the temporary files of
// every layout.
package export

import (
	"encoding/json"
	"io"

	"github.com/abstracts-dev/abstracts/internal/version"
	"github.com/abstracts-dev/abstracts/schema"
)

// Writer encodes records, one Write at a time, to the io.Writer it was made
// with. Close flushes what is buffered and writes any footer; it does not
// close the underlying io.Writer. After an error the output is unusable.
type Writer interface {
	Write(r *schema.Record) error
	Close() error
}

// Source identifies one dump a record set was read from, and what it says
// of the page it was captured from (validate.Listing); a field the dump
// does not give is empty and left out of the JSON.
type Source struct {
	Path   string `json:"path"`   // as given on the command line, "-" for stdin
	SHA256 string `json:"sha256"` // hex digest of the dump's bytes

	Style       string `json:"style,omitempty"`        // the capture style: text, markdown or notebooklm
	Kind        string `json:"kind,omitempty"`         // daily, weekly, monthly, search or trending
	URL         string `json:"url,omitempty"`          // the page's address
	Query       string `json:"query,omitempty"`        // a search page's query
	CaptureDate string `json:"capture_date,omitempty"` // the day of the capture, YYYY-MM-DD
}

// Metadata describes a record set; the Parquet and Arrow writers store it as
// key-value metadata so a file says what produced it.
type Metadata struct {
	// ToolVersion names the program that wrote the files; "" means this
	// module's version (DefaultToolVersion).
	ToolVersion string
	Sources     []Source
}

// DefaultToolVersion is the version of abstracts, written as the tool
// version of files whose Metadata.ToolVersion is empty.
const DefaultToolVersion = version.Version

// toolVersion returns ToolVersion, or DefaultToolVersion if it is empty.
func (m Metadata) toolVersion() string {
	if m.ToolVersion == "" {
		return DefaultToolVersion
	}
	return m.ToolVersion
}

// Metadata keys, in the order KeyValues returns them.
const (
	KeySchemaVersion = "abstracts.schema_version"
	KeySchemaID      = "abstracts.schema_id"
	KeyToolVersion   = "abstracts.tool_version"
	KeySources       = "abstracts.sources"
)

// KeyValues returns the metadata as ordered key/value pairs: the schema
// version and $id, the tool version (DefaultToolVersion if empty), and the sources as a JSON array of
// {"path", "sha256"} objects. The order is fixed so that output is
// byte-identical across runs.
func (m Metadata) KeyValues() (keys, values []string) {
	sources := m.Sources
	if sources == nil {
		sources = []Source{}
	}
	js, err := json.Marshal(sources)
	if err != nil {
		panic(err) // a slice of string pairs always marshals
	}
	return []string{KeySchemaVersion, KeySchemaID, KeyToolVersion, KeySources},
		[]string{schema.Version, schema.ID, m.toolVersion(), string(js)}
}

// CreatedBy is the writer name stored in Parquet footers; it is pinned to
// the tool version ("" means DefaultToolVersion) so that output does not
// depend on the library's build.
func CreatedBy(toolVersion string) string {
	return "abstracts version " + Metadata{ToolVersion: toolVersion}.toolVersion()
}

// countingWriter counts the bytes written through it, and turns a short
// write without an error into io.ErrShortWrite.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	return n, err
}
