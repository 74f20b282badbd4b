package validate

// The page chrome each capture style knows: the lines of the Hugging Face
// Papers page that are not papers. A new variant of the page is one more
// line in its style's table, here and nowhere else.

// pageChrome is every line of the page that a plain-text copy may hold
// before its date line: the 2024 page, then today's.
var pageChrome = map[string]bool{
	"new": true,
	"Get trending papers in your email inbox!": true,
	"Subscribe":                       true,
	"byAK and the research community": true,

	"Daily Papers": true,
	"Get trending papers in your email inbox once a day!": true,
	"by AK and the research community":                    true,
	"Daily":                                               true,
	"Weekly":                                              true,
	"Monthly":                                             true,
	"Trending Papers":                                     true,
}

// chromePlace says where on the page a chrome line stands.
type chromePlace uint8

const (
	chromeHeader chromePlace = 1 << iota // before the first card
	chromeFooter                         // after the last card
)

// markdownChrome is the chrome of a Markdown capture, each line as a reader
// sees it (see visibleText: links as their text, images, image placeholders
// and anchors left out), so that "[Subscribe](https://huggingface.co/login?next=%2Fpapers)"
// is "Subscribe".
var markdownChrome = map[string]chromePlace{
	"new": chromeHeader,
	"Get trending papers in your email inbox once a day!": chromeHeader,
	"Get trending papers in your email inbox!":            chromeHeader,
	"Subscribe":                           chromeHeader,
	"# Daily Papers":                      chromeHeader,
	"# Trending Papers":                   chromeHeader,
	"## by AK and the research community": chromeHeader,
	"- Daily":                             chromeHeader,
	"- Weekly":                            chromeHeader,
	"- Monthly":                           chromeHeader,
	"-":                                   chromeHeader, // a converter's empty list item
	"Daily":                               chromeHeader,
	"Weekly":                              chromeHeader,
	"Monthly":                             chromeHeader,
	"Trending Papers":                     chromeHeader,
	"## Extracted Text":                   chromeHeader, // a converter's heading above the page
	"Previous":                            chromeFooter,
	"Next":                                chromeFooter,
	"Trending Papers ranked by GitHub stars activity": chromeFooter,
}

// notebookLMChrome is the chrome of a NotebookLM web-page export, each line
// with its white space trimmed; a link's URL follows its text on a line of
// its own and is read with it.
var notebookLMChrome = map[string]chromePlace{
	// site navigation
	"Hugging Face": chromeHeader | chromeFooter,
	"Models":       chromeHeader | chromeFooter,
	"Datasets":     chromeHeader | chromeFooter,
	"Spaces":       chromeHeader | chromeFooter,
	"Buckets new":  chromeHeader,
	"Docs":         chromeHeader | chromeFooter,
	"Enterprise":   chromeHeader | chromeFooter,
	"Pricing":      chromeHeader | chromeFooter,
	"Log In":       chromeHeader,
	"Sign Up":      chromeHeader,
	// the listing's chrome
	"new": chromeHeader,
	"Get trending papers in your email inbox once a day!": chromeHeader,
	"Get trending papers in your email inbox!":            chromeHeader,
	"Subscribe":                  chromeHeader,
	"Daily Papers":               chromeHeader,
	"Trending Papers":            chromeHeader,
	"by":                         chromeHeader,
	"AK":                         chromeHeader,
	"and the research community": chromeHeader,
	"Daily":                      chromeHeader,
	"Weekly":                     chromeHeader,
	"Monthly":                    chromeHeader,
	"Previous":                   chromeFooter,
	"Next":                       chromeFooter,
	"System theme":               chromeFooter,
	"TOS":                        chromeFooter,
	"Privacy":                    chromeFooter,
	"About":                      chromeFooter,
	"Careers":                    chromeFooter,
	"Company":                    chromeFooter,
	"Website":                    chromeFooter,
	"Resources":                  chromeFooter,
	"Learn":                      chromeFooter,
	"Blog":                       chromeFooter,
	"Forum":                      chromeFooter,
	"Service Status":             chromeFooter,
	"Changelog":                  chromeFooter,
	"Trending Papers ranked by GitHub stars activity": chromeFooter,
}
