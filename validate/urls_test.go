package validate

import (
	"net/url"
	"strings"
	"testing"
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
		if got := githubRepo(urls); got != tt.repo {
			t.Errorf("githubRepo(%q) = %q, want %q", urls, got, tt.repo)
		}
	}
}

// FuzzFindURLs checks what URL cleaning promises for any text: each URL
// stands in the text where it was found, is absolute with a host, carries no
// trailing punctuation, white space or braces; the repository, if any, has
// the schema's shape.
func FuzzFindURLs(f *testing.F) {
	for _, s := range []string{
		"Code: https://github.com/fudan-zvg/SOFT.", "https://github.com/a/b{https://github.com/a/b}.",
		"README.md{here.} https://anonymous.4open.science/r/X/README.md{here.}", "(http://x.org/a_(b)).", "https://", "http://[::1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		found, bad := findURLs(text)
		var urls []string
		for _, u := range found {
			if !strings.HasPrefix(text[u.offset:], u.url) {
				t.Fatalf("URL %q is not at offset %d of the text", u.url, u.offset)
			}
			p, err := url.Parse(u.url)
			if err != nil || p.Host == "" || !p.IsAbs() {
				t.Fatalf("URL %q does not parse as absolute with a host: %v", u.url, err)
			}
			if strings.ContainsAny(u.url, " \t{}<>\"`|\\") || strings.ContainsAny(u.url[len(u.url)-1:], ".,;:!?'*") {
				t.Fatalf("URL %q keeps a delimiter or trailing punctuation", u.url)
			}
			urls = append(urls, u.url)
		}
		for _, b := range bad {
			if !strings.HasPrefix(text[b.offset:], b.url) {
				t.Fatalf("bad URL %q is not at offset %d", b.url, b.offset)
			}
		}
		if repo := githubRepo(urls); repo != "" && !githubName.MatchString(repo) {
			t.Fatalf("repository %q does not have the owner/name shape", repo)
		}
	})
}
