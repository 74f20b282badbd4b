package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
)

// Listing describes the page a dump was captured from, as far as the
// capture says: its front matter (url, retrieved, exported), a converter's
// "Source URL" line, its chrome and its date line. Empty fields are unknown.
type Listing struct {
	Style Style // the style the dump was read in (never StyleAuto once reading began)

	// URL is the page's address as the capture names it.
	URL string
	// Kind is "daily", "weekly", "monthly", "search" or "trending": from the
	// URL when there is one, else "trending" under a "Trending Papers"
	// heading and "daily" under a date line. Plain-text dumps leave it empty.
	Kind string
	// Query is the search's text on a search page ("source citations").
	Query string
	// CaptureDate is the day the capture was made, YYYY-MM-DD, from the front
	// matter's retrieved: or exported:.
	CaptureDate string
	// Label and Date are the listing's date line ("Oct 2") and that date
	// (YYYY-MM-DD, when the year is known: --year, the URL or the capture
	// date) on daily, weekly and monthly pages; search and trending pages have
	// none: their date line is the day of the capture.
	Label, Date string
}

// Patterns of the not-a-listing guard and the format detection.
var (
	// reCardHeading is a card's heading; converters wrap its link text over
	// a second line.
	reCardHeading  = regexp.MustCompile(`(?m)^### \[.*(?:\n.+)?\]\(https://huggingface\.co/papers/[^)\s]+\)\s*$`)
	reSourceURL    = regexp.MustCompile(`(?m)^- Source URL: (https?://\S+)\s*$`)
	reFrontURL     = regexp.MustCompile(`(?m)^url: *"?(https?://[^"\s]+)"?\s*$`)
	rePaperPageURL = regexp.MustCompile(`^https?://(?:www\.)?huggingface\.co/papers/\d{4}\.\d{4,5}(?:v\d+)?/?(?:[?#].*)?$`)
	reHeading3     = regexp.MustCompile(`(?m)^### \S`)
	reAnyPaperLink = regexp.MustCompile(`\]\(https://huggingface\.co/papers/[^)\s/#?]+\)`)
	reAbstractHead = regexp.MustCompile(`(?m)^#{1,3} Abstract\s*$`)
	reRefMarker    = regexp.MustCompile(`\[\d+\][A-Za-z]`)
	reRefList      = regexp.MustCompile(`(?m)^\s*\d+\. https?://`)
)

// notListing returns why a dump that starts with head is not a listing at
// all, with what to do, or "" when it may be one. It looks for the kinds of
// text file that people give the tool by mistake; binary files are the
// binary-data check's.
func notListing(head []byte) string {
	text := string(bytes.TrimLeft(head, " \t\r\n"))
	first := text
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	lower := strings.ToLower(strings.TrimSpace(first))
	switch {
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"), strings.HasPrefix(lower, "<head"):
		return "file is HTML (a saved web page), not a capture of the page's text; a saved Papers page is read with --style html (or auto)"
	case strings.HasPrefix(lower, "<?xml"), strings.HasPrefix(lower, "<rss"), strings.HasPrefix(lower, "<feed"):
		kind := "XML"
		if strings.Contains(strings.ToLower(text), "<rss") || strings.Contains(strings.ToLower(text), "<feed") {
			kind = "an RSS or Atom feed"
		}
		return fmt.Sprintf("file is %s, not a listing; capture the Papers page itself (copy its text, or firecrawl scrape https://huggingface.co/papers)", kind)
	case looksJSON(text):
		return "file is JSON, not a capture of the page's text; a Papers API response is read with --style api (or auto)"
	}
	pageURL := ""
	if m := reFrontURL.FindStringSubmatch(text); m != nil && strings.HasPrefix(text, "---") {
		pageURL = m[1]
	} else if m := reSourceURL.FindStringSubmatch(text); m != nil {
		pageURL = m[1]
	}
	cards := reCardHeading.MatchString(text)
	switch {
	case rePaperPageURL.MatchString(pageURL), !cards && reAbstractHead.MatchString(text) && strings.Contains(text, "arxiv.org/abs/"):
		return "file is a capture of a single paper's page, not a listing; capture a listing (https://huggingface.co/papers, a date, a search or the trending page)"
	case !cards && reHeading3.MatchString(text) && !reAnyPaperLink.MatchString(text) &&
		(strings.HasPrefix(text, "---") || strings.Contains(text, "# Daily Papers") || strings.Contains(text, "# Trending Papers")):
		return "file is a Markdown capture whose paper links are lost (### headings without a link to huggingface.co/papers/ID); capture the page again with its links (firecrawl scrape URL --formats markdown), or copy it as plain text"
	case !cards && len(reRefMarker.FindAllStringIndex(text, 4)) >= 3 && !reRefList.MatchString(text):
		return "file is a text-mode capture whose link targets are lost ([35]-style references without their list); capture the page again with its links (as Markdown), or copy it as plain text"
	}
	return ""
}

// looksJSON reports whether text starts like a JSON object or array (or a
// JSON Lines file), which a Markdown link ("[Subscribe](…)") does not.
func looksJSON(text string) bool {
	if text == "" || text[0] != '{' && text[0] != '[' {
		return false
	}
	rest := strings.TrimLeft(text[1:], " \t\r\n")
	if rest == "" {
		return false
	}
	switch rest[0] {
	case '"', '{', '}':
		return true
	case ']', '[':
		return text[0] == '['
	}
	return false
}

// parseListingURL fills the kind and query of l from its URL.
func parseListingURL(l *Listing, raw string) {
	l.URL = raw
	u, err := url.Parse(raw)
	if err != nil {
		return
	}
	path := strings.TrimSuffix(u.Path, "/")
	switch {
	case u.Query().Get("q") != "":
		l.Kind, l.Query = "search", u.Query().Get("q")
	case path == "/papers/trending":
		l.Kind = "trending"
	case strings.HasPrefix(path, "/papers/week"):
		l.Kind = "weekly"
	case strings.HasPrefix(path, "/papers/month"):
		l.Kind = "monthly"
	case path == "/papers", strings.HasPrefix(path, "/papers/date"):
		l.Kind = "daily"
	}
}

// dated reports whether the listing's date line is its listing date: on
// daily, weekly and monthly pages, not on a search (where it is the day of
// the capture) or the trending page.
func (l *Listing) dated() bool { return l.Kind != "search" && l.Kind != "trending" }

// yearOf returns the year of a YYYY-MM-DD date, or 0.
func yearOf(date string) int {
	y := 0
	if len(date) >= 4 {
		for _, c := range date[:4] {
			if c < '0' || c > '9' {
				return 0
			}
			y = y*10 + int(c-'0')
		}
	}
	return y
}

// ReadListing reads the start of a dump, up to its first papers, and
// returns what it says of the page it was captured from: what
// Reader.Listing holds once the first record is read, for a dump read with
// that style and year. It is for a first pass that needs the listing before
// the records, such as the metadata at the head of an Arrow file; the
// dump's diagnostics are left to the Reader that reads it whole. An error
// is a failure to read r.
func ReadListing(r io.Reader, name string, style Style, year int) (Listing, error) {
	rd := NewReader(r, name)
	rd.Style, rd.Year, rd.firstOnly = style, year, true // the listing is complete at the first record
	if _, err := rd.Read(); err != nil && !errors.Is(err, io.EOF) {
		return Listing{}, errors.Join(err, rd.Close())
	}
	return rd.Listing(), rd.Close()
}
