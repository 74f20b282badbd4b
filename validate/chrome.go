package validate

// pageChrome is every line of the Hugging Face Papers page that a copied
// listing may hold before its date line. A new variant of the page is one
// more line here.
var pageChrome = map[string]bool{
	"new": true,
	"Get trending papers in your email inbox!": true,
	"Subscribe":                       true,
	"byAK and the research community": true,
}
