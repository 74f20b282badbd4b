package validate

import (
	"net/url"
	"regexp"
	"strings"
)

// foundURL is a URL found in an abstract: the cleaned URL, the byte offset
// where it starts, and the \href brace remnant glued to it, if any.
type foundURL struct {
	url    string
	offset int
	debris string
}

// urlEnd reports whether c ends a URL in running text. Braces end it too:
// scraped \href{url}{text} leaves "url{url}" or "url{text}" behind.
func urlEnd(c byte) bool {
	switch c {
	case ' ', '\t', '{', '}', '<', '>', '"', '`', '|', '\\':
		return true
	}
	return false
}

// findURLs returns the http and https URLs of text in order of appearance,
// with trailing punctuation and brace remnants cut off. bad collects the
// offsets and texts of URL-like words that do not parse.
func findURLs(text string) (found []foundURL, bad []foundURL) {
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "http")
		if j < 0 {
			break
		}
		start := i + j
		rest := text[start:]
		if !strings.HasPrefix(rest, "https://") && !strings.HasPrefix(rest, "http://") {
			i = start + 4
			continue
		}
		end := start
		for end < len(text) && !urlEnd(text[end]) {
			end++
		}
		raw := trimURL(text[start:end])
		i = end
		if u, err := url.Parse(raw); err != nil || u.Host == "" {
			bad = append(bad, foundURL{url: text[start:end], offset: start})
			continue
		}
		f := foundURL{url: raw, offset: start}
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

// trimURL cuts the sentence punctuation that follows a URL in prose, keeping
// a closing parenthesis or bracket that closes one opened inside the URL.
func trimURL(s string) string {
	for len(s) > 0 {
		c := s[len(s)-1]
		switch {
		case strings.IndexByte(".,;:!?'*", c) >= 0:
		case c == ')' && strings.Count(s, "(") < strings.Count(s, ")"):
		case c == ']' && strings.Count(s, "[") < strings.Count(s, "]"):
		default:
			return s
		}
		s = s[:len(s)-1]
	}
	return s
}

// githubReserved are first path segments of github.com that are not users
// or organizations.
var githubReserved = map[string]bool{
	"orgs": true, "topics": true, "features": true, "sponsors": true, "marketplace": true,
	"collections": true, "about": true, "apps": true, "settings": true, "login": true,
	"search": true, "explore": true, "trending": true, "site": true, "pricing": true,
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
		host := strings.ToLower(u.Host)
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
