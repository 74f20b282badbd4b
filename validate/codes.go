package validate

// Code is the stable name of a kind of diagnostic, such as
// "missing-abstract". Codes are part of the command-line contract: scripts
// grep for them, so a code is never renamed or reused.
type Code string

// The diagnostic codes. Codes lists each with its meaning, an example and a
// fix.
const (
	CodeBinaryData          Code = "binary-data"
	CodeUnsupportedEncoding Code = "unsupported-encoding"
	CodeInvalidUTF8         Code = "invalid-utf8"
	CodeControlCharacter    Code = "control-character"
	CodeLineTooLong         Code = "line-too-long"
	CodeLeadingWhitespace   Code = "leading-whitespace"
	CodeMissingBlankLine    Code = "missing-blank-line"
	CodeUnknownPreamble     Code = "unknown-preamble"
	CodeMissingDate         Code = "missing-date"
	CodeInvalidDate         Code = "invalid-date"
	CodeNoPapers            Code = "no-papers"
	CodeMissingTitle        Code = "missing-title"
	CodeMissingAbstract     Code = "missing-abstract"
	CodeSplitAbstract       Code = "split-abstract"
	CodeTitleTooLong        Code = "title-too-long"
	CodeAbstractTooShort    Code = "abstract-too-short"
	CodeAbstractTooLong     Code = "abstract-too-long"
	CodeDuplicatePaper      Code = "duplicate-paper"
	CodeTruncatedFile       Code = "truncated-file"
	CodeSchemaViolation     Code = "schema-violation"

	CodeNotAListing            Code = "not-a-listing"
	CodeBadFrontMatter         Code = "bad-front-matter"
	CodeCardMissingTitleLink   Code = "card-missing-title-link"
	CodeCardMissingAbstract    Code = "card-missing-abstract"
	CodeUnknownCardLine        Code = "unknown-card-line"
	CodeBadCount               Code = "bad-count"
	CodeInvalidPublicationDate Code = "invalid-publication-date"

	CodeTrailingWhitespace Code = "trailing-whitespace"
	CodeExtraBlankLines    Code = "extra-blank-lines"
	CodeLatexInTitle       Code = "latex-in-title"
	CodeHrefDebris         Code = "href-debris"
	CodeMalformedURL       Code = "malformed-url"
	CodeRepeatedCard       Code = "repeated-card"
)

// Codes of issue 12: the lines of today's paper cards, an abstract pasted
// twice.
const (
	CodeCardLine         Code = "card-line"
	CodeRepeatedAbstract Code = "repeated-abstract"
)

// Codes of the page's own data (the API and saved-page formats).
const (
	CodeInvalidJSON Code = "invalid-json"
	CodeBadItem     Code = "bad-item"
)

// CodeInfo documents one diagnostic code.
type CodeInfo struct {
	Code     Code
	Severity Severity
	Meaning  string // what was found
	Example  string // a diagnostic as the text output prints it
	Fix      string // what to do about it
}

// Codes documents every diagnostic code, errors first. docs/diagnostics.md
// is generated from it (internal/cmd/gendocs).
var Codes = []CodeInfo{
	{CodeBinaryData, Error, "The file holds NUL bytes, or starts like a compressed, archived, columnar or image file (gzip, zstd, zip, Parquet, Arrow, ...): it is not a text dump. One error names the format.",
		"dump.txt.gz:1:1: error: file is gzip-compressed, not text; decompress it first [binary-data]",
		"Give the tool the plain-text dump: decompress or extract it first (gunzip, unzstd, unzip). A Parquet or Arrow file is an export, not a dump: read it with a Parquet or Arrow reader."},
	{CodeUnsupportedEncoding, Error, "The file starts with a UTF-16 or UTF-32 byte-order mark; dumps are UTF-8.",
		"dump.txt:1:1: error: file is UTF-16; dumps must be UTF-8 (iconv -f UTF-16 -t UTF-8) [unsupported-encoding]",
		"Convert it: iconv -f UTF-16 -t UTF-8 dump.txt > dump-utf8.txt."},
	{CodeInvalidUTF8, Error, "A line holds bytes that are not UTF-8, as a file saved in Latin-1 or Windows-1252 does.",
		"dump.txt:171:11: error: invalid UTF-8 byte 0xf6; the file is not UTF-8 (Latin-1 or Windows-1252?) [invalid-utf8]",
		"Convert the file to UTF-8 from the encoding it was saved in, often Windows-1252 (iconv -f WINDOWS-1252 -t UTF-8 dump.txt > dump-utf8.txt); then check that accented letters read right, since a wrong source encoding gives valid UTF-8 with wrong letters."},
	{CodeControlCharacter, Error, "A line holds a control character (other than tab), which no title or abstract contains.",
		`dump.txt:13:57: error: control character U+0007 in text [control-character]`,
		"Remove the character together with any escape sequence it starts (ESC [31m is one sequence: remove all five characters); it came from a terminal or a broken copy."},
	{CodeLineTooLong, Error, "A line is longer than any paragraph can be (the limit bounds memory).",
		"dump.txt:3:1: error: line is longer than 65536 bytes; a title or abstract is at most 5000 characters [line-too-long]",
		"Check that the file is a dump; break run-together paragraphs apart."},
	{CodeLeadingWhitespace, Error, "A line starts with white space, so it may be a wrapped or indented fragment rather than a paragraph.",
		`dump.txt:15:1: error: line starts with white space [leading-whitespace]`,
		"If the line is the rest of the paragraph above it, join the two into one line; otherwise remove the indentation."},
	{CodeMissingBlankLine, Error, "Two non-blank lines follow each other: a title or abstract was wrapped over several lines, or a blank line was lost.",
		"dump.txt:14:1: error: line continues the paragraph of line 13 without a blank line between them; every title and abstract is one line [missing-blank-line]",
		"If the lines are one title or one abstract wrapped, join them into one line; if they are a title and its abstract (or two paragraphs), put the missing blank line back between them."},
	{CodeUnknownPreamble, Error, "Text before the date line is not page chrome the tool knows.",
		`dump.txt:5:1: error: unexpected text "Sign in" before the listing date [unknown-preamble]`,
		"Delete the line if it is page text, or add it to the page-chrome table in validate/chrome.go if the site shows it on every page. If it is the first paper's title, the date line is missing: add it above (see missing-date)."},
	{CodeMissingDate, Error, "Papers start without a date line such as \"Mar 14\" before them.",
		`dump.txt:9:1: error: no listing date line (like "Mar 14") before the first paper [missing-date]`,
		"Add the listing's date line before the first title."},
	{CodeInvalidDate, Error, "A date line names a day that does not exist, or is in another form (\"2024-03-14\", \"March 14\", \"14 Mar\"); the message gives the rewrite.",
		`dump.txt:9:1: error: impossible date "Mar 34": March has 31 days [invalid-date]`,
		"Write the date line as the listing page shows it: a three-letter month, a space and the day, \"Mar 14\" (the message says how); the year goes to --year (the message names it when the line has one). A paper's own date with its year (\"Oct 7, 2024\", from a card of today's page) is never read as a listing date: it is a card-line."},
	{CodeNoPapers, Error, "The file holds no paper at all: it is empty, or only page chrome.",
		"dump.txt:1:1: error: no papers found: the file holds no title and abstract [no-papers]",
		"Copy the listing again, including the titles and abstracts."},
	{CodeMissingTitle, Error, "A paragraph long enough to be an abstract stands where a title was expected.",
		"dump.txt:11:1: error: paragraph of 1835 characters where a title was expected; the title is missing [missing-title]",
		"Put the paper's title back above its abstract."},
	{CodeMissingAbstract, Error, "A title is followed by the next title, a date line or the end of the file instead of its abstract.",
		`dump.txt:11:1: error: title "Deep Stochastic Kinematic Models" has no abstract; the next paragraph (line 13) is another title [missing-abstract]`,
		"If the paragraph read as the next title is not a title (page text, a stray line), delete that paragraph instead. Otherwise copy the missing abstract in below the title, or delete the title to leave the paper out."},
	{CodeSplitAbstract, Error, "A paragraph continues the previous abstract: the abstract was cut in two by a blank line (the two parts fit in one arXiv abstract, 1920 characters, or the second starts in lower case).",
		"dump.txt:15:1: error: paragraph continues the abstract of line 13: an abstract cut in two by a blank line (or a title ending with a period) [split-abstract]",
		"If the paragraph is the rest of the abstract above it, delete the blank line between them so that the abstract is one line again. If it is another paper's abstract, put that paper's title back above it; if it is a title, remove the period that ends it."},
	{CodeTitleTooLong, Error, "A title is longer than the schema allows (300 characters).",
		"dump.txt:11:301: error: title is 412 characters long, at most 300 are allowed [title-too-long]",
		"Check whether a title and its abstract were run together; if so, put a blank line between them."},
	{CodeAbstractTooShort, Error, "An abstract is shorter than the schema allows (100 characters): it was probably cut.",
		"dump.txt:13:1: error: abstract is 42 characters long, at least 100 are expected [abstract-too-short]",
		"Copy the whole abstract in. If the paragraph is not an abstract but the next paper's title, this paper's abstract is missing: copy it in between the two titles."},
	{CodeAbstractTooLong, Error, "An abstract is longer than the schema allows (5000 characters): several abstracts may have run together.",
		"dump.txt:13:5001: error: abstract is 6210 characters long, at most 5000 are allowed [abstract-too-long]",
		"Separate the run-together paragraphs with blank lines."},
	{CodeDuplicatePaper, Error, "The same paper (same id, i.e. the same title up to case and spacing) appears twice in one dump.",
		"dump.txt:55:1: error: paper appears twice: same title as line 11 (id 3f1c9a0be7d2c481) [duplicate-paper]",
		"Delete the second copy (its title and abstract). If the two are different papers with the same title, keep them in separate dumps."},
	{CodeTruncatedFile, Error, "The file ends in the middle of an abstract, without a newline or closing punctuation.",
		"dump.txt:213:1520: error: file ends in the middle of this abstract (no final newline, no closing punctuation); it looks truncated [truncated-file]",
		"Copy the end of the listing again."},
	{CodeSchemaViolation, Error, "A record broke a rule of the JSON Schema that no reader check caught; the message names the field.",
		"dump.txt:57:1: error: record at line 57: /github_repo: does not match pattern [schema-violation]",
		"Fix the field in the dump; report the case so the reader checks it directly."},
	{CodeNotAListing, Error, "The file is text but not a capture of a listing: HTML, XML or RSS, JSON, a single paper's page, or a capture whose links to the papers are lost. Reading stops at once.",
		"page.html:1:1: error: file is HTML (a saved web page), not a listing; open the page in a browser and copy its text, or capture it as Markdown (firecrawl scrape URL) [not-a-listing]",
		"Capture the listing page itself, as the message says: copy its text, or scrape it as Markdown with its links."},
	{CodeBadFrontMatter, Error, "The YAML front matter of a capture is not closed, holds a line that is not \"key: value\", or gives a capture date that is not a date.",
		`capture.md:3:12: error: retrieved: "yesterday" is not a date (YYYY-MM-DD) [bad-front-matter]`,
		"Correct the front matter as the capture tool wrote it: a \"---\" line after it, retrieved: or exported: as YYYY-MM-DD."},
	{CodeCardMissingTitleLink, Error, "A card of a Markdown or NotebookLM capture has no title linked to its paper: a heading without its link, or a card whose heading is missing. Without the link the paper's id is unknown.",
		`capture.md:33:1: error: the card heading "### OCC-RAG: Optimal Cognitive Core" has no link to the paper (### [Title](https://huggingface.co/papers/ID)); the card's title link is missing [card-missing-title-link]`,
		"Capture the page again with its links; do not type the heading in by hand unless you know the paper's id."},
	{CodeCardMissingAbstract, Error, "A card of a Markdown or NotebookLM capture has a title but no abstract.",
		`capture.md:33:6: error: the card of "OCC-RAG: Optimal Cognitive Core" has no abstract [card-missing-abstract]`,
		"Capture the page again, or copy the abstract in below the card's heading; never delete the card's heading alone."},
	{CodeUnknownCardLine, Error, "A line inside the cards of a capture is not one the style knows (upvotes, submitter, heading, abstract, organization or authors, date, links), or stands in the wrong card.",
		`capture.md:41:1: error: unexpected text "Sign in to comment" in the card of line 33 [unknown-card-line]`,
		"Delete the line if it is not part of the page; if the page shows it, report it so the style learns it (validate/markdown.go, validate/notebooklm.go)."},
	{CodeBadCount, Error, "An upvote, comment, author or star count on a card is not a number.",
		`capture.md:31:2: error: upvote count "1o1" is not a number [bad-count]`,
		"Correct the count as the page shows it (\"-\" stands for no upvotes)."},
	{CodeInvalidPublicationDate, Error, "A card's publication date names a day that does not exist. It is the paper's date, not the listing's.",
		`capture.md:45:1: error: publication date "Feb 30, 2025" is not a real day: February has 28 days [invalid-publication-date]`,
		"Correct the date as the page shows it."},

	{CodeTrailingWhitespace, Warning, "A line ends with spaces, tabs or Unicode spaces (U+00A0, U+3000, ...); they were stripped. A line of them only is blank.",
		"dump.txt:11:81: warning: trailing white space stripped [trailing-whitespace]",
		"Nothing needed; strip them to silence the warning."},
	{CodeExtraBlankLines, Warning, "More than one blank line stands between two paragraphs.",
		"dump.txt:14:1: warning: 2 blank lines between paragraphs, one expected [extra-blank-lines]",
		"Nothing needed; delete the extra blank lines to silence the warning."},
	{CodeLatexInTitle, Warning, "A title holds scraped LaTeX remnants ($, \\, _, ^, { or }); the text is kept as written.",
		"dump.txt:95:40: warning: title holds a LaTeX remnant \"_\" (kept as written) [latex-in-title]",
		"Nothing needed; the title is kept exactly as in the dump."},
	{CodeHrefDebris, Warning, "A URL is glued to \\href brace remnants; the urls field holds the cleaned URL.",
		"dump.txt:105:1391: warning: URL glued to \\href remnant \"{https://github.com/alaamaalouf/AutoCoreset}\"; cleaned to https://github.com/alaamaalouf/AutoCoreset [href-debris]",
		"Nothing needed; the abstract keeps the text as written."},
	{CodeMalformedURL, Warning, "Text that starts like a URL does not parse as one; it is left out of the urls field.",
		`dump.txt:13:200: warning: "https://" is not a usable URL; left out of urls [malformed-url]`,
		"Nothing needed; the abstract keeps the text as written."},

	// issue 12
	{CodeCardLine, Error, "A line of a paper card of today's Papers page (Submitted by …, Upvote, a bare count, N authors, ·, a date with its year such as Oct 7, 2024, Published on …) stands in a plain-text dump, anywhere; it is no part of any title or abstract and is left out.",
		`dump.txt:13:1: error: "Submitted by someone" is the submitter line of a paper card on today's page, not part of a title or abstract; left out [card-line]`,
		"Delete the line; the papers around it are read as if it were not there."},
	{CodeRepeatedAbstract, Warning, "An abstract is the same text twice (pasted twice on one line); it is kept as written.",
		`dump.txt:13:1601: warning: abstract repeats itself: the text from column 1601 is a second copy of the first 1599 characters [repeated-abstract]`,
		"Delete the second copy so that the abstract is written once."},
	{CodeInvalidJSON, Error, "A Papers API response or a saved page's data is not valid JSON at this place (a stray comma, a bad escape, invalid UTF-8); reading stops there, since nothing after it can be placed.",
		"day.json:41:7: error: invalid JSON (/3/paper/title): invalid character ',' after object key; stopped reading [invalid-json]",
		"Fetch the response again (curl -o day.json 'https://huggingface.co/api/daily_papers?date=YYYY-MM-DD'); a file edited by hand can be checked with jq . day.json."},
	{CodeBadItem, Error, "An item of a Papers API response is not what the API writes: not a JSON object (a bot's str(item) writes a Python repr as a string), a key missing, a value of the wrong type, an id or URL that is not one. One error per item, at the value, with its JSON Pointer; the item gives no record.",
		`day.json:2:5: error: item 1 (/0) is a string holding a Python repr of an item, not a JSON object: the file was written with str(item); write the items themselves (json.dump) [bad-item]`,
		"Fetch the response again as the API gives it, or write the items with json.dump, not str(); never edit one field alone to make the error go away."},
	{CodeRepeatedCard, Warning, "A capture prints a card again (the trending page prints every card twice); the copies agree, so one record is kept. Counts may differ: a copy right after the first gives its counts, a later one does not.",
		"trending.md:78:1: warning: card of line 54 printed again; one record kept, with this copy's counts [repeated-card]",
		"Nothing needed."},
}
