package validate

import (
	"regexp"
	"strings"
)

// cardLines recognizes the lines of a paper card of today's Papers page
// (the page changed after plain-text dumps were first copied): who
// submitted the paper, the upvote button and count, the author count, the
// "·" separator and the publication date. None of them is part of a title
// or an abstract, wherever it stands in a plain-text dump. Some lines are
// recognized only after the line that introduces them: the user name after
// a bare "Submitted by", the date after "·".
type cardLines struct {
	expect cardFollower // what the previous card line announced
}

type cardFollower int

const (
	followNothing cardFollower = iota
	followUser                 // after a bare "Submitted by"
	followDate                 // after "·"
)

var (
	cardCount   = regexp.MustCompile(`^(?:-|[0-9]+(?:\.[0-9]+)?k?)$`)
	cardUpvote  = regexp.MustCompile(`^(?i:upvote)(?: (?:-|[0-9]+(?:\.[0-9]+)?k?))?$`)
	cardAuthors = regexp.MustCompile(`^[0-9]+ authors?$`)
	cardUser    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,38}$`)
	// cardYearDate is a card's publication date of another year ("Oct 7,
	// 2024"): listing date lines never carry a year.
	cardYearDate = regexp.MustCompile(`^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?:[1-9]|[12][0-9]|3[01]), [0-9]{4}$`)
)

// maxCardLine bounds the length of a card line: "Submitted by" and a user
// name, or "Published on" and a date. Titles are longer than most of them,
// abstracts far longer.
const maxCardLine = 60

// classify returns what the line text, of runes characters, is on a paper
// card, such as "the upvote button", or "" when it is not a card line.
func (c *cardLines) classify(text string, runes int) string {
	expect := c.expect
	c.expect = followNothing
	if runes > maxCardLine {
		return ""
	}
	switch {
	case expect == followUser && cardUser.MatchString(text):
		return "the user named by \"Submitted by\" on a paper card"
	case expect == followDate && isDateLike(text):
		return "the date of a paper card"
	case text == "Submitted by":
		c.expect = followUser
		return "the submitter line of a paper card"
	case strings.HasPrefix(text, "Submitted by ") && cardUser.MatchString(strings.TrimPrefix(text, "Submitted by ")):
		return "the submitter line of a paper card"
	case cardUpvote.MatchString(text):
		return "the upvote button of a paper card"
	case cardCount.MatchString(text):
		return "the upvote or comment count of a paper card"
	case cardAuthors.MatchString(text):
		return "the author count of a paper card"
	case text == "·":
		c.expect = followDate
		return "the separator before a paper card's date"
	case strings.HasPrefix(text, "· ") && isDateLike(strings.TrimPrefix(text, "· ")):
		return "the date of a paper card"
	case strings.HasPrefix(text, "Published on ") && isDateLike(strings.TrimPrefix(text, "Published on ")):
		return "the publication date of a paper card"
	case cardYearDate.MatchString(text):
		return "the publication date of a paper card"
	}
	return ""
}
