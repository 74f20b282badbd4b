package validate

import (
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// foundURL is a URL found in an abstract: the URL as the urls field holds
// it, the text it was made from (raw, as written, trailing punctuation cut),
// the byte offset where that text starts, and the \href brace remnant glued
// to it, if any.
type foundURL struct {
	url    string
	raw    string
	offset int
	debris string
}

// urlEnd reports whether c ends a URL in running text. Braces end it too:
// scraped \href{url}{text} leaves "url{url}" or "url{text}" behind. So do
// Unicode spaces and the punctuation of CJK and full-width text, which no
// URL holds as written in prose: "https://example.org/a。次の文".
func urlEnd(c rune) bool {
	switch c {
	case ' ', '\t', '{', '}', '<', '>', '"', '`', '|', '\\':
		return true
	}
	if c < utf8.RuneSelf {
		return false
	}
	return unicode.IsSpace(c) ||
		c >= 0x3000 && c <= 0x303F || // CJK symbols and punctuation: 、。「」『』【】〈〉《》
		c >= 0xFF01 && c <= 0xFF0F || c >= 0xFF1A && c <= 0xFF20 || // full-width ！＂＃…（）…，．／ and ：；＜＝＞？＠
		c >= 0xFF3B && c <= 0xFF40 || c >= 0xFF5B && c <= 0xFF65 || // full-width ［＼］＾＿｀ and ｛｜｝～ and half-width 。「」、・
		c == '“' || c == '”' || c == '‘' || c == '’' || c == '«' || c == '»' || c == '‹' || c == '›'
}

// indexScheme returns the byte offset of the first "http://" or "https://"
// in s, in any case ("HTTPS://"), or -1. It looks for the rare "://"
// first, then at the letters before it.
func indexScheme(s string) int {
	for k := 0; ; {
		p := strings.Index(s[k:], "://")
		if p < 0 {
			return -1
		}
		p += k
		switch {
		case p >= len("https") && strings.EqualFold(s[p-len("https"):p], "https"):
			return p - len("https")
		case p >= len("http") && strings.EqualFold(s[p-len("http"):p], "http"):
			return p - len("http")
		}
		k = p + len("://")
	}
}

// findURLs returns the http and https URLs of text in order of appearance,
// with trailing punctuation and brace remnants cut off and percent-encoded
// as a URI (see encodeURL). bad collects the offsets and texts of URL-like
// words that do not parse.
func findURLs(text string) (found []foundURL, bad []foundURL) {
	for i := 0; i < len(text); {
		j := indexScheme(text[i:])
		if j < 0 {
			break
		}
		start := i + j
		end := start
		for end < len(text) {
			c, size := utf8.DecodeRuneInString(text[end:])
			if urlEnd(c) {
				break
			}
			end += size
		}
		raw := trimURL(text[start:end])
		i = end
		cleaned := encodeURL(raw)
		if u, err := url.Parse(cleaned); err != nil || u.Host == "" {
			bad = append(bad, foundURL{url: text[start:end], raw: text[start:end], offset: start})
			continue
		}
		f := foundURL{url: cleaned, raw: raw, offset: start}
		if end < len(text) && text[end] == '{' {
			if k := strings.IndexByte(text[end:], '}'); k >= 0 {
				f.debris = text[end : end+k+1]
			} else {
				f.debris = text[end:]
			}
		}
		found = append(found, f)
	}
	return found, bad
}

// trimURL cuts the sentence punctuation that follows a URL in prose, ASCII
// or not ("。", "）", "”", "»"), keeping a closing parenthesis or bracket
// that closes one opened inside the URL.
func trimURL(s string) string {
	for len(s) > 0 {
		c, size := utf8.DecodeLastRuneInString(s)
		switch {
		case c < utf8.RuneSelf && strings.IndexByte(".,;:!?'*", byte(c)) >= 0:
		case c == ')' && strings.Count(s, "(") < strings.Count(s, ")"):
		case c == ']' && strings.Count(s, "[") < strings.Count(s, "]"):
		case c >= utf8.RuneSelf && unicode.IsPunct(c):
		default:
			return s
		}
		s = s[:len(s)-size]
	}
	return s
}

// encodeURL returns the URL raw (found by its "http://" or "https://") as a
// URI that RFC 3986 allows, which the schema's "format": "uri" asks for in
// every validator: the scheme in lower case, and every non-ASCII character
// and every ASCII character that RFC 3986 does not allow where it stands
// percent-encoded as UTF-8 bytes, as RFC 3987 maps an IRI to a URI
// ("https://ja.wikipedia.org/wiki/東京" becomes
// "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC", "?a=[1]" becomes
// "?a=%5B1%5D"). Brackets are kept only in the host, around an IPv6 literal;
// a "%" that starts no escape is encoded as "%25"; a second "#" as "%23",
// an "@" before the last one of the authority as "%40".
func encodeURL(raw string) string {
	sep := strings.Index(raw, "://") + len("://")
	var b strings.Builder
	b.Grow(len(raw))
	b.WriteString(strings.ToLower(raw[:sep]))
	rest := raw[sep:]
	authority := strings.IndexAny(rest, "/?#")
	if authority < 0 {
		authority = len(rest)
	}
	at := strings.LastIndexByte(rest[:authority], '@') // the end of the user information, if any
	lb, rb := -1, -1                                   // the brackets of an IPv6 literal host, kept as they are
	if l, r, ok := ipLiteral(rest[at+1 : authority]); ok {
		lb, rb = at+1+l, at+1+r
	}
	fragment := false
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c == '%' && i+2 < len(rest) && isHex(rest[i+1]) && isHex(rest[i+2]):
			b.WriteByte(c)
		case c == '#' && !fragment:
			fragment = true
			b.WriteByte(c)
		case c == '@' && i < authority && i != at, c == '[' || c == ']':
			if i == lb || i == rb {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		case uriAllowed(c):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// ipLiteral returns the offsets of the brackets of host when it is an
// IPv6 literal ("[::1]", "[::1]:8080").
func ipLiteral(host string) (lb, rb int, ok bool) {
	end := strings.IndexByte(host, ']')
	if !strings.HasPrefix(host, "[") || end < 0 || end+1 < len(host) && host[end+1] != ':' {
		return 0, 0, false
	}
	if a, err := netip.ParseAddr(host[1:end]); err != nil || !a.Is6() || a.Zone() != "" {
		return 0, 0, false
	}
	return 0, end, true
}

// uriAllowed reports whether RFC 3986 allows the byte c as it is in the
// authority, path, query or fragment of a URI: unreserved characters,
// sub-delimiters, ":", "/", "?" and "@".
func uriAllowed(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:/?@", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// githubReserved are first path segments of github.com that are not users
// or organizations, so that a URL under them is no repository.
var githubReserved = map[string]bool{
	"about": true, "account": true, "apps": true, "codespaces": true, "collections": true, "contact": true,
	"customer-stories": true, "dashboard": true, "enterprise": true, "enterprises": true, "events": true,
	"explore": true, "features": true, "issues": true, "join": true, "login": true, "logout": true,
	"marketplace": true, "new": true, "notifications": true, "organizations": true, "orgs": true,
	"pricing": true, "pulls": true, "readme": true, "search": true, "security": true, "settings": true,
	"site": true, "solutions": true, "sponsors": true, "stars": true, "team": true, "topics": true,
	"trending": true, "users": true, "watching": true,
}

var githubName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$`)

// githubRepo returns "owner/name" of the first URL that points into a GitHub
// repository, or "" if none does.
func githubRepo(urls []string) string {
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		host := strings.ToLower(u.Hostname())
		if host != "github.com" && host != "www.github.com" {
			continue
		}
		parts := strings.SplitN(strings.Trim(u.Path, "/"), "/", 3)
		if len(parts) < 2 || githubReserved[strings.ToLower(parts[0])] {
			continue
		}
		repo := parts[0] + "/" + strings.TrimSuffix(parts[1], ".git")
		if githubName.MatchString(repo) {
			return repo
		}
	}
	return ""
}
