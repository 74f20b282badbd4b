package validate

import (
	"bytes"
	"fmt"
)

// binaryFormats are the first bytes of files that are often given by
// mistake where a dump is expected: compressed files and archives, the
// columnar files export writes, and a few others.
var binaryFormats = []struct {
	magic  string
	format string
	advice string
}{
	{"\x1F\x8B", "gzip-compressed", "decompress it first"},
	{"\x28\xB5\x2F\xFD", "zstd-compressed", "decompress it first"},
	{"BZh", "bzip2-compressed", "decompress it first"}, // checked further in binaryFormat
	{"\xFD7zXZ\x00", "xz-compressed", "decompress it first"},
	{"\x04\x22\x4D\x18", "lz4-compressed", "decompress it first"},
	{"\xFF\x06\x00\x00sNaPpY", "snappy-compressed", "decompress it first"},
	{"PK\x03\x04", "a zip archive", "extract the dump first"},
	{"PK\x05\x06", "an empty zip archive", "extract the dump first"},
	{"7z\xBC\xAF\x27\x1C", "a 7z archive", "extract the dump first"},
	{"PAR1", "a Parquet file", "read it with a Parquet reader, not as a dump"},
	{"ARROW1", "an Arrow IPC file", "read it with an Arrow reader, not as a dump"},
	{"\xFF\xFF\xFF\xFF", "an Arrow IPC stream", "read it with an Arrow reader, not as a dump"},
	{"Obj\x01", "an Avro file", "give the text dump instead"},
	{"SQLite format 3\x00", "an SQLite database", "give the text dump instead"},
	{"%PDF-", "a PDF document", "copy the listing's text into a file instead"},
	{"\x89PNG\r\n\x1A\n", "a PNG image", "copy the listing's text into a file instead"},
	{"\xFF\xD8\xFF", "a JPEG image", "copy the listing's text into a file instead"},
}

// binaryFormat returns the message for a file whose first bytes, head,
// name a binary format, or "" for any other.
func binaryFormat(head []byte) string {
	for _, f := range binaryFormats {
		if !bytes.HasPrefix(head, []byte(f.magic)) {
			continue
		}
		if f.magic == "BZh" && !(len(head) >= 10 && head[3] >= '1' && head[3] <= '9' && string(head[4:10]) == "1AY&SY") {
			continue // "BZh" alone may start a line of text
		}
		return fmt.Sprintf("file is %s, not text; %s", f.format, f.advice)
	}
	return ""
}
