package export

import "github.com/abstracts-dev/abstracts/schema"

// sampleRecords covers the shapes every writer must carry exactly:
// non-ASCII text, JSON-special characters, empty and several URLs, and null
// and present dates and repositories.
func sampleRecords() []schema.Record {
	abstract := func(s string) string {
		for len(s) < schema.MinAbstractLen {
			s += " More words to reach the minimum length of an abstract."
		}
		return s
	}
	return []schema.Record{
		{
			ID: schema.TitleID("Light Schrödinger Bridge"), Title: "Light Schrödinger Bridge",
			Abstract: abstract(`We use Schr"odinger bridges, $f$-divergences, ell_infty and <b>&</b> "quotes" \ backslash; ünïcödé 日本語 😀.`),
			Position: 1, ListingLabel: "Mar 14", ListingDate: "2024-03-14",
			URLs:       []string{"https://github.com/ngushchin/LightSB", "https://example.org/a?b=c&d=e"},
			GitHubRepo: "ngushchin/LightSB", Source: "dumps/mar14.txt", Line: 11,
		},
		{
			ID: schema.TitleID("No URLs, no date?"), Title: "No URLs, no date?",
			Abstract: abstract("An abstract without any link at all."),
			Position: 2, ListingLabel: "Nov 3", URLs: []string{},
			Source: "-", Line: 15,
		},
		{
			ID: schema.TitleID("A URL that is not on GitHub"), Title: "A URL that is not on GitHub",
			Abstract: abstract("Code is at https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md for review."),
			Position: 3, ListingLabel: "Feb 29", ListingDate: "2024-02-29",
			URLs:   []string{"https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md"},
			Source: "dumps/mar14.txt", Line: 2147483647,
		},
	}
}
