package validate

// StyleText is the page's text copied as plain text: page chrome, a date
// line, then one title and one abstract per paragraph. Its reader is the
// parser (parser.go).
const StyleText Style = "text"

var textFormat = Format{
	Style:   StyleText,
	Summary: "the page copied as plain text: chrome, a date line (\"Mar 14\"), then title and abstract paragraphs",
	Doc: `Page chrome, a date line ("Mar 14"), then each paper as a title paragraph and an
abstract paragraph, separated by blank lines; a new date line starts the papers of
another day. Each title and each abstract is one line. CRLF, a byte-order mark and
trailing spaces are normalized with a warning. It is the format of a dump that no other
format claims.`,
	open: func(p *parser) cardReader { return p },
}
