// Command genpage writes a saved Papers page built from a Papers API
// response, the way the page carries its data: a page shell (head, header,
// footer, scripts) around the listing's DailyPapers element, whose
// data-props attribute is the HTML-escaped JSON object
// {"dailyPapers": ITEMS, "dateString": …, "periodType": …}, the items
// being the response's, compact, in order.
//
// Usage:
//
//	genpage -date YYYY-MM-DD [-period day|week|month] [-url URL] [-escape svelte|std] [-data-first] [-split-tag] [-o FILE] RESPONSE.json
//	genpage -testdata DIR
//
// -escape svelte escapes as the site's pages do (&amp; &quot; &lt;), std as
// Go's html.EscapeString (&amp; &#39; &lt; &gt; &#34;). -data-first writes
// dailyPapers before the page's date and period; -split-tag writes the
// element's attributes one a line. -testdata DIR rewrites the fixtures of
// DIR/html from DIR/api. Errors exit with status 2.
package main

//go:generate go run . -testdata ../../../testdata/captures

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// page says how to build a page.
type page struct {
	date      string // the page's date, YYYY-MM-DD
	period    string // day, week or month
	url       string // the page's address
	escape    string // svelte or std
	dataFirst bool   // dailyPapers before dateString and periodType
	splitTag  bool   // the DailyPapers element's attributes one a line
}

// fixture is one of testdata/captures/html, made from a file of
// testdata/captures/api.
type fixture struct {
	api, html string
	page      page
}

var fixtures = []fixture{
	{"daily-papers-2026-08-20.json", "papers-date-2026-08-20.html", page{
		date: "2026-08-20", period: "day", url: "https://huggingface.co/papers/date/2026-08-20", escape: "svelte",
	}},
	{"daily-papers-2024-06-03.json", "papers-date-2024-06-03.html", page{
		date: "2024-06-03", period: "day", url: "https://huggingface.co/papers/date/2024-06-03", escape: "std",
		dataFirst: true, splitTag: true,
	}},
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("genpage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var pg page
	fs.StringVar(&pg.date, "date", "", "the page's date, YYYY-MM-DD")
	fs.StringVar(&pg.period, "period", "day", "the page's period: day, week or month")
	fs.StringVar(&pg.url, "url", "", "the page's address (default: https://huggingface.co/papers/date/DATE)")
	fs.StringVar(&pg.escape, "escape", "svelte", "attribute escaping: svelte (&amp; &quot; &lt;) or std (html.EscapeString)")
	fs.BoolVar(&pg.dataFirst, "data-first", false, "write dailyPapers before the page's date and period")
	fs.BoolVar(&pg.splitTag, "split-tag", false, "write the DailyPapers element's attributes one a line")
	out := fs.String("o", "-", "output file, - for standard output")
	testdata := fs.String("testdata", "", "rewrite the fixtures of `DIR`/html from DIR/api")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: genpage -date YYYY-MM-DD [flags] [-o FILE] RESPONSE.json | genpage -testdata DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "genpage: %v\n", err)
		return 2
	}
	if *testdata != "" {
		if fs.NArg() != 0 {
			fs.Usage()
			return 2
		}
		for _, f := range fixtures {
			b, err := f.build(*testdata)
			if err == nil {
				err = os.WriteFile(filepath.Join(*testdata, "html", f.html), b, 0o644)
			}
			if err != nil {
				return fail(err)
			}
		}
		return 0
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if _, err := time.Parse(time.DateOnly, pg.date); err != nil {
		return fail(fmt.Errorf("-date: %q is not a date (YYYY-MM-DD)", pg.date))
	}
	if pg.url == "" {
		pg.url = "https://huggingface.co/papers/date/" + pg.date
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return fail(err)
	}
	b, err := build(data, pg)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", fs.Arg(0), err))
	}
	if *out == "-" {
		_, err = stdout.Write(b)
	} else {
		err = os.WriteFile(*out, b, 0o644)
	}
	if err != nil {
		return fail(err)
	}
	return 0
}

// build returns the fixture's page, from the API file of dir/api.
func (f fixture) build(dir string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dir, "api", f.api))
	if err != nil {
		return nil, err
	}
	b, err := build(data, f.page)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.api, err)
	}
	return b, nil
}

// item is what the page's own markup shows of an item.
type item struct {
	Title string `json:"title"`
	Paper struct {
		ID      string `json:"id"`
		Title   string `json:"title"`
		Upvotes int    `json:"upvotes"`
	} `json:"paper"`
	NumComments int    `json:"numComments"`
	Thumbnail   string `json:"thumbnail"`
}

// build returns the page of the API response data.
func build(data []byte, pg page) ([]byte, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, fmt.Errorf("not a JSON array of items: %w", err)
	}
	var items bytes.Buffer
	items.WriteByte('[')
	cards := make([]item, len(raws))
	for i, r := range raws {
		if i > 0 {
			items.WriteByte(',')
		}
		if err := json.Compact(&items, r); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(r, &cards[i]); err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
	}
	items.WriteByte(']')

	day, err := time.Parse(time.DateOnly, pg.date)
	if err != nil {
		return nil, err
	}
	meta := fmt.Sprintf(`"dateString":%q,"periodType":%q,"prevDate":%q`, pg.date, pg.period, day.AddDate(0, 0, -1).Format(time.DateOnly))
	var props string
	if pg.dataFirst {
		props = `{"dailyPapers":` + items.String() + `,` + meta + `}`
	} else {
		props = `{` + meta + `,"dailyPapers":` + items.String() + `}`
	}
	var escaped string
	switch pg.escape {
	case "svelte":
		escaped = strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;").Replace(props)
	case "std":
		escaped = html.EscapeString(props)
	default:
		return nil, fmt.Errorf("-escape: %q is neither svelte nor std", pg.escape)
	}

	var b bytes.Buffer
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	title := "Daily Papers - Hugging Face"
	w("%s", strings.ReplaceAll(head, "{{TITLE}}", title))
	w("\t\t<meta property=\"og:url\" content=\"%s\" />\n", html.EscapeString(pg.url))
	w("%s", headScripts)
	w("<link rel=\"canonical\" href=\"%s\">\n\n", html.EscapeString(pg.url))
	w("\t\t<title>%s</title>\n%s", title, hubConfig)
	w("%s", bodyStart)
	if pg.splitTag {
		w("\t<main class=\"flex flex-1 flex-col\"><div\n\t\tclass=\"SVELTE_HYDRATER contents\"\n\t\tdata-target=\"DailyPapers\"\n\t\tdata-props=\"%s\"\n\t>", escaped)
	} else {
		w("\t<main class=\"flex flex-1 flex-col\"><div class=\"SVELTE_HYDRATER contents\" data-target=\"DailyPapers\" data-props=\"%s\">", escaped)
	}
	w("<section class=\"container relative mb-20 mt-8 md:mt-14\"><div class=\"mb-12 flex items-center\"><h1 class=\"text-3xl font-bold\">Daily Papers</h1>\n")
	w("\t\t<p class=\"text-gray-500\">by <a href=\"/akhaliq\">AK</a> and the research community</p></div>\n")
	w("\t\t<div class=\"relative grid grid-cols-1 gap-14 lg:grid-cols-2\">")
	for _, c := range cards {
		t := c.Title
		if t == "" {
			t = c.Paper.Title
		}
		w("<article class=\"relative flex flex-col overflow-hidden rounded-xl border\">")
		if c.Thumbnail != "" {
			w("<a href=\"/papers/%s\" class=\"shadow-alternate-sm peer relative block h-56 w-full\"><img src=\"%s\" loading=\"lazy\" decoding=\"async\" alt=\"\" class=\"h-full w-full object-cover\"></a>", c.Paper.ID, html.EscapeString(c.Thumbnail))
		}
		w("<div class=\"from-gray-50-to-white flex flex-col bg-linear-to-b px-6 py-4\"><div class=\"flex items-start space-x-4\">")
		w("<div class=\"shadow-alternate flex h-14 w-12 flex-none cursor-pointer flex-col items-center justify-center rounded-xl border\"><div class=\"leading-none\">%d</div></div>", c.Paper.Upvotes)
		w("<div class=\"w-full\"><h3 class=\"mb-1 text-lg/6 font-semibold hover:underline peer-hover:underline md:text-2xl/7\"><a href=\"/papers/%s\" class=\"line-clamp-3 cursor-pointer text-balance\">%s</a></h3>", c.Paper.ID, html.EscapeString(strings.Join(strings.Fields(t), " ")))
		w("<a href=\"/papers/%s#community\" class=\"flex items-center rounded-md px-1.5 py-1 text-sm text-gray-400\">%d</a></div></div></div></article>\n", c.Paper.ID, c.NumComments)
	}
	w("</div></section></div></main>\n")
	w("%s", footer)
	return b.Bytes(), nil
}

const head = `<!doctype html>
<html class="">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width, initial-scale=1.0, user-scalable=no" />
		<meta name="description" content="Your daily dose of AI research from AK" />
		<meta property="fb:app_id" content="1321688464574422" />
		<meta name="twitter:card" content="summary_large_image" />
		<meta name="twitter:site" content="@huggingface" />
		<meta name="twitter:image" content="https://huggingface.co/front/thumbnails/papers.png" />
		<meta property="og:title" content="{{TITLE}}" />
		<meta property="og:type" content="website" />
		<meta property="og:image" content="https://huggingface.co/front/thumbnails/papers.png" />
`

const headScripts = `
		<link rel="stylesheet" href="/front/build/kube-a9fae47/style.css" />

		<link rel="preconnect" href="https://fonts.gstatic.com" />
		<link
			href="https://fonts.googleapis.com/css2?family=Source+Sans+Pro:ital,wght@0,200;0,300;0,400;0,600;0,700;0,900;1,200;1,300;1,400;1,600;1,700;1,900&display=swap"
			rel="stylesheet"
		/>

		<script>const guestTheme = document.cookie.match(/theme=(\w+)/)?.[1]; document.documentElement.classList.toggle('dark', guestTheme === 'dark' || ( (!guestTheme || guestTheme === 'system') && window.matchMedia('(prefers-color-scheme: dark)').matches));</script>
`

const hubConfig = `
		<script
			defer
			data-domain="huggingface.co"
			event-loggedIn="false"
			src="/js/script.pageview-props.js"
		></script>
		<script>
			window.plausible =
				window.plausible ||
				function () {
					(window.plausible.q = window.plausible.q || []).push(arguments);
				};
		</script>
		<script>
			window.hubConfig = {"features":{"signupDisabled":false},"sshGitUrl":"git@hf.co","moonHttpUrl":"https:\/\/huggingface.co","environment":"production","userAgent":"HuggingFace (production)","spacesIframeDomain":"hf.space","spacesApiUrl":"https:\/\/api.hf.space"};
			// Not the page's: a tag in a script is text, not an element (a trap for readers that search the bytes).
			window.__hydrateHint = '<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="{}">';
		</script>
	</head>
`

const bodyStart = `	<body class="flex flex-col min-h-dvh bg-white dark:bg-gray-950 text-black DailyPapersPage">
		<div class="flex min-h-dvh flex-col"><div class="SVELTE_HYDRATER contents" data-target="SystemThemeMonitor" data-props="{&quot;isLoggedIn&quot;:false}"></div>

	<div class="SVELTE_HYDRATER contents" data-target="MainHeader" data-props="{&quot;classNames&quot;:&quot;&quot;,&quot;isWide&quot;:true,&quot;isZh&quot;:false,&quot;isPro&quot;:false}"><header class="border-b border-gray-100 "><div class="w-full px-4 container flex h-16 items-center"><div class="flex flex-1 items-center"><a class="mr-5 flex flex-none items-center lg:mr-6" href="/"><img alt="Hugging Face's logo" class="w-7 md:mr-2" src="/front/assets/huggingface_logo-noborder.svg">
				<span class="hidden whitespace-nowrap text-lg font-bold md:block">Hugging Face</span></a>
			<div class="relative flex-1 lg:max-w-sm mr-2 sm:mr-4 md:mr-3 xl:mr-6"><input autocomplete="off" class="w-full dark:bg-gray-950 pl-8 form-input-alt h-9 pr-3 focus:shadow-xl " name="" placeholder="Search models, datasets, users..."   spellcheck="false" type="text" value=""></div></div>
		<nav aria-label="Main" class="ml-auto hidden lg:block"><ul class="flex items-center space-x-1.5 2xl:space-x-2"><li class="hover:text-indigo-700"><a class="group flex items-center px-2 py-0.5" href="/models">Models</a></li><li class="hover:text-red-700"><a class="group flex items-center px-2 py-0.5" href="/datasets">Datasets</a></li><li class="hover:text-blue-700"><a class="group flex items-center px-2 py-0.5" href="/spaces">Spaces</a></li><li class="hover:text-yellow-700"><a class="group flex items-center px-2 py-0.5" href="/docs">Docs</a></li><li><a class="group flex items-center px-2 py-0.5" href="/pricing">Pricing</a></li>
		<li><a class="block cursor-pointer whitespace-nowrap px-2 py-0.5" href="/login">Log In</a></li>
			<li><a class="whitespace-nowrap rounded-full border border-transparent bg-gray-900 px-3 py-1 leading-none text-white" href="/join">Sign Up</a></li></ul></nav></div></header></div>

	<div class="SVELTE_HYDRATER contents" data-target="SSOBanner" data-props="{}"></div>

`

const footer = `
	<footer class="b-12 mb-2 flex border-t border-gray-100 md:h-14"><nav class="container relative flex flex-col justify-between space-y-2 py-6 text-gray-500 md:flex-row md:items-center md:space-y-0 md:py-0 md:text-sm"><div class="SVELTE_HYDRATER contents" data-target="ThemeSwitcher" data-props="{&quot;theme&quot;:&quot;system&quot;,&quot;isLoggedIn&quot;:false,&quot;menuClassNames&quot;:&quot;md:-top-24&quot;,&quot;classNames&quot;:&quot;&quot;}"></div>
		<div class="order-last pt-6 md:order-none md:pt-0">&copy; Hugging Face</div>
		<ul class="flex flex-wrap items-center gap-x-4 gap-y-2"><li><a class="hover:underline" href="/terms-of-service">TOS</a></li><li><a class="hover:underline" href="/privacy">Privacy</a></li><li><a class="hover:underline" href="/huggingface">About</a></li><li><a class="hover:underline" href="https://apply.workable.com/huggingface/">Careers</a></li></ul></nav></footer></div>

		<script>
			import("/front/build/kube-a9fae47/index.js");
			window.moonSha = "kube-a9fae47/";
			window.__hf_deferred = {};
		</script>
	</body>
</html>
`
