package validate

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFindURLs(t *testing.T) {
	tests := []struct {
		text   string
		urls   []string
		debris []string
		repo   string
	}{
		{"Code at https://github.com/fudan-zvg/SOFT.", []string{"https://github.com/fudan-zvg/SOFT"}, []string{""}, "fudan-zvg/SOFT"},
		{"at https://github.com/alaamaalouf/AutoCoreset{https://github.com/alaamaalouf/AutoCoreset}.",
			[]string{"https://github.com/alaamaalouf/AutoCoreset", "https://github.com/alaamaalouf/AutoCoreset"},
			[]string{"{https://github.com/alaamaalouf/AutoCoreset}", ""}, "alaamaalouf/AutoCoreset"},
		{"https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md{here.}",
			[]string{"https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md"}, []string{"{here.}"}, ""},
		{"(see http://x.org/a_(b)), and https://www.github.com/o/r.git;", []string{"http://x.org/a_(b)", "https://www.github.com/o/r.git"},
			[]string{"", ""}, "o/r"},
		{"https://github.com/orgs/o and https://github.com/topics/x", []string{"https://github.com/orgs/o", "https://github.com/topics/x"},
			[]string{"", ""}, ""},
		{"no links, httpx://nope, http//nope", nil, nil, ""},
		// an unbalanced closing bracket is prose, a balanced one is the URL's
		{"[see https://x.org/a]", []string{"https://x.org/a"}, []string{""}, ""},
		{"https://x.org/a_[1] and https://x.org/?a=[1]", []string{"https://x.org/a_%5B1%5D", "https://x.org/?a=%5B1%5D"}, []string{"", ""}, ""},
		// non-ASCII characters are percent-encoded; non-ASCII punctuation ends the URL
		{"見て https://ja.wikipedia.org/wiki/東京。次の文", []string{"https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC"}, []string{""}, ""},
		{"（https://x.org/a），“https://x.org/b”, «https://x.org/c» and https://x.org/d…", []string{
			"https://x.org/a", "https://x.org/b", "https://x.org/c", "https://x.org/d"}, []string{"", "", "", ""}, ""},
		{"https://x.org/a\u00a0and https://x.org/b\u3000", []string{"https://x.org/a", "https://x.org/b"}, []string{"", ""}, ""},
		{"https://x.org/100% and https://x.org/a%20b#c#d", []string{"https://x.org/100%25", "https://x.org/a%20b#c%23d"}, []string{"", ""}, ""},
		{"https://[::1]:8080/a", []string{"https://[::1]:8080/a"}, []string{""}, ""},
		// schemes in any case; the first repository, with a port too
		{"HTTPS://GitHub.com/O/R and Http://x.org", []string{"https://GitHub.com/O/R", "http://x.org"}, []string{"", ""}, "O/R"},
		{"https://github.com:443/first/one then https://github.com/second/two", []string{"https://github.com:443/first/one", "https://github.com/second/two"},
			[]string{"", ""}, "first/one"},
		// no repository under GitHub's own pages
		{"https://github.com/users/alice/projects/1 https://github.com/sponsors/a https://github.com/settings/keys https://github.com/marketplace/x",
			[]string{"https://github.com/users/alice/projects/1", "https://github.com/sponsors/a", "https://github.com/settings/keys", "https://github.com/marketplace/x"},
			[]string{"", "", "", ""}, ""},
	}
	for _, tt := range tests {
		found, bad := findURLs(tt.text)
		var urls, debris []string
		for _, f := range found {
			urls = append(urls, f.url)
			debris = append(debris, f.debris)
		}
		if strings.Join(urls, " ") != strings.Join(tt.urls, " ") || strings.Join(debris, " ") != strings.Join(tt.debris, " ") || len(bad) != 0 {
			t.Errorf("findURLs(%q) = %q %q (bad %v), want %q %q", tt.text, urls, debris, bad, tt.urls, tt.debris)
		}
		for _, u := range urls {
			if !ajvURI.MatchString(u) {
				t.Errorf("findURLs(%q): %q is no URI for Ajv", tt.text, u)
			}
		}
		if got := githubRepo(urls); got != tt.repo {
			t.Errorf("githubRepo(%q) = %q, want %q", urls, got, tt.repo)
		}
	}
}

// ajvURI is the "uri" format of ajv-formats 3.0.1 (full mode), an RFC 3986
// URI, as Ajv checks the schema's "format": "uri": an independent oracle
// for the URLs the reader writes.
var ajvURI = regexp.MustCompile(`(?i)^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$`)

// anyScheme finds "http://" and "https://" in any case: the independent
// finder FuzzFindURLs compares findURLs with.
var anyScheme = regexp.MustCompile(`(?i)https?://`)

// decodePercent decodes every %XX escape of s, leaving anything else as it
// is, so that a URL and the text it was made from compare equal however
// they were escaped.
func decodePercent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			n, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b.WriteByte(byte(n))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// FuzzFindURLs checks what URL finding promises for any text, against
// oracles that share no code with it: every "http://" or "https://" of the
// text (found by a regular expression, in any case) starts a URL or a bad
// URL, or stands inside one found before; each URL is an RFC 3986 URI as
// Ajv's "uri" format reads it, starts with a lower-case scheme, and is the
// text it was made from with nothing but percent-escapes added; that text
// stands in the input where it was found and ends with no sentence
// punctuation; the repository, if any, has the schema's shape.
func FuzzFindURLs(f *testing.F) {
	for _, s := range []string{
		"Code: https://github.com/fudan-zvg/SOFT.", "https://github.com/a/b{https://github.com/a/b}.",
		"README.md{here.} https://anonymous.4open.science/r/X/README.md{here.}", "(http://x.org/a_(b)).", "https://", "http://[::1",
		"https://ja.wikipedia.org/wiki/東京。", "HTTPS://x.org/?a=[1]#b#c%zz", "http://[::1]:80/", "http://a@b@c/", "http://[zz]/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		found, bad := findURLs(text)
		type span struct{ start, end int }
		var spans []span
		var urls []string
		for _, u := range found {
			if !strings.HasPrefix(text[u.offset:], u.raw) {
				t.Fatalf("URL text %q is not at offset %d of the text", u.raw, u.offset)
			}
			if !ajvURI.MatchString(u.url) || !strings.HasPrefix(u.url, "http://") && !strings.HasPrefix(u.url, "https://") {
				t.Fatalf("URL %q (from %q) is no RFC 3986 URI with a lower-case scheme", u.url, u.raw)
			}
			if p, err := url.Parse(u.url); err != nil || p.Host == "" {
				t.Fatalf("URL %q does not parse with a host: %v", u.url, err)
			}
			sep := strings.Index(u.raw, "://")
			if decodePercent(u.url) != decodePercent(strings.ToLower(u.raw[:sep])+u.raw[sep:]) {
				t.Fatalf("URL %q is not its text %q with percent-escapes added", u.url, u.raw)
			}
			if last, _ := utf8.DecodeLastRuneInString(u.raw); strings.ContainsRune(".,;:!?'*", last) || last > 0x7F && unicode.IsPunct(last) {
				t.Fatalf("URL %q keeps trailing punctuation", u.raw)
			}
			spans = append(spans, span{u.offset, u.offset + len(u.raw) + len(u.debris)})
			urls = append(urls, u.url)
		}
		for _, b := range bad {
			if !strings.HasPrefix(text[b.offset:], b.url) {
				t.Fatalf("bad URL %q is not at offset %d", b.url, b.offset)
			}
			spans = append(spans, span{b.offset, b.offset + len(b.url)})
		}
		for _, m := range anyScheme.FindAllStringIndex(text, -1) {
			covered := false
			for _, s := range spans {
				covered = covered || s.start <= m[0] && m[0] < s.end
			}
			if !covered {
				t.Fatalf("%q at offset %d is in no URL found: %q, bad %v", text[m[0]:m[1]], m[0], urls, bad)
			}
		}
		if repo := githubRepo(urls); repo != "" && !githubName.MatchString(repo) {
			t.Fatalf("repository %q does not have the owner/name shape", repo)
		}
	})
}
