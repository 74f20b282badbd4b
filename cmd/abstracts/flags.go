package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/abstracts-dev/abstracts/validate"
)

// A checkedValue is a flag value that takes any text when the command line
// is parsed and is checked after, by parseFlags, before a command reads a
// dump or makes a file. check returns the message of the usage error for a
// bad value, naming the flag and what it takes, so that no parser's
// message (strconv.ParseInt: parsing "abc") reaches the user.
type checkedValue interface {
	pflag.Value
	check(flag string) error
}

// checkFlags checks the value of every checkedValue flag of fs, in the
// order they were defined, and returns the first bad one as a usage error.
func checkFlags(fs *pflag.FlagSet) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if v, ok := f.Value.(checkedValue); ok && err == nil {
			err = v.check("--" + f.Name)
		}
	})
	return err
}

// yearUsage is the help of --year.
const yearUsage = "turn listing labels into dates of this `YYYY`"

// yearFlag is --year: a four-digit year, or 0 (the default) for none.
type yearFlag struct {
	text string
	year int
}

// newYearFlag defines --year, with usage as its help (yearUsage unless the
// command reads years otherwise).
func newYearFlag(fs *pflag.FlagSet, usage string) *int {
	v := &yearFlag{text: "0"}
	fs.Var(v, "year", usage)
	return &v.year
}

func (v *yearFlag) String() string { return v.text }
func (v *yearFlag) Type() string   { return "int" }

func (v *yearFlag) Set(s string) error {
	v.text = s
	v.year, _ = strconv.Atoi(s) // checked by check
	return nil
}

func (v *yearFlag) check(flag string) error {
	n, err := strconv.Atoi(v.text)
	if err != nil || n != 0 && (n < 1000 || n > 9999) {
		return usagef("%s %s is not a four-digit year", flag, v.text)
	}
	return nil
}

// listingDateFlag is --listing-date: the listing day of the papers of a
// Papers API response or saved page that do not name their own, as
// YYYY-MM-DD, or "name" for the date in each dump's file name
// (daily-papers-2024-06-03.json); "" (the default) for none.
type listingDateFlag struct{ text string }

// newListingDateFlag defines --listing-date on a command that reads dumps.
func newListingDateFlag(fs *pflag.FlagSet) *listingDateFlag {
	v := &listingDateFlag{}
	fs.Var(v, "listing-date", "the listing day (`YYYY-MM-DD`, or name: the date in each file's name) of API items that do not say theirs (responses before 2025)")
	return v
}

func (v *listingDateFlag) String() string     { return v.text }
func (v *listingDateFlag) Type() string       { return "string" }
func (v *listingDateFlag) Set(s string) error { v.text = s; return nil }

var (
	reISODay     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reDayInName  = regexp.MustCompile(`(?:^|[^0-9])(\d{4}-\d{2}-\d{2})(?:[^0-9]|$)`)
	errNoDayName = errors.New("has no date (YYYY-MM-DD) in its file name, which --listing-date name takes")
)

func (v *listingDateFlag) check(flag string) error {
	if v.text == "" || v.text == "name" || isDay(v.text) {
		return nil
	}
	return usagef("%s %q is not a date (YYYY-MM-DD) or \"name\"", flag, v.text)
}

// isDay reports whether s is a real day as YYYY-MM-DD.
func isDay(s string) bool {
	if !reISODay.MatchString(s) {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// forDump returns the listing date for the dump at path: the flag's date,
// or with "name" the one date in the file's name.
func (v *listingDateFlag) forDump(path string) (string, error) {
	if v == nil || v.text != "name" {
		return v.date(), nil
	}
	m := reDayInName.FindAllStringSubmatch(filepath.Base(path), -1)
	if len(m) != 1 || !isDay(m[0][1]) {
		return "", fmt.Errorf("%s %w", path, errNoDayName)
	}
	return m[0][1], nil
}

func (v *listingDateFlag) date() string {
	if v == nil {
		return ""
	}
	return v.text
}

// countFlag is a whole number, 0 or more, such as --max-errors.
type countFlag struct {
	text string
	n    int
}

func newCountFlag(fs *pflag.FlagSet, name string, value int, usage string) *int {
	v := &countFlag{text: strconv.Itoa(value), n: value}
	fs.Var(v, name, usage)
	return &v.n
}

func (v *countFlag) String() string { return v.text }
func (v *countFlag) Type() string   { return "int" }

func (v *countFlag) Set(s string) error {
	v.text = s
	v.n, _ = strconv.Atoi(s) // checked by check
	return nil
}

func (v *countFlag) check(flag string) error {
	n, err := strconv.Atoi(v.text)
	switch {
	case err != nil:
		return usagef("%s %s is not a number; it must be 0 or more", flag, v.text)
	case n < 0:
		return usagef("%s must be 0 or more", flag)
	}
	return nil
}

// choiceFlag is a flag that takes one of a few words, such as
// --output-format.
type choiceFlag struct {
	value   string
	choices []string
}

func newChoiceFlag(fs *pflag.FlagSet, name string, choices []string, usage string) *string {
	v := &choiceFlag{value: choices[0], choices: choices}
	fs.Var(v, name, usage)
	return &v.value
}

func (v *choiceFlag) String() string { return v.value }
func (v *choiceFlag) Type() string   { return "string" }

func (v *choiceFlag) Set(s string) error {
	v.value = s
	return nil
}

func (v *choiceFlag) check(flag string) error {
	if slices.Contains(v.choices, v.value) {
		return nil
	}
	return usagef("unknown %s %q (want %s)%s", flag, v.value, orList(v.choices), didYouMean(v.value, v.choices, ""))
}

// styleFlag is --style: a capture style, checked with the other flags;
// auto (detected from the first lines) by default.
type styleFlag struct {
	choiceFlag
	style validate.Style
}

// newStyleFlag defines --style on a command that reads dumps.
func newStyleFlag(fs *pflag.FlagSet) *validate.Style {
	names := validate.StyleNames()
	v := &styleFlag{choiceFlag: choiceFlag{value: names[0], choices: names}}
	fs.Var(v, "style", "the dumps' `STYLE`: auto (detected from the first bytes), "+orList(names[1:])+" (abstracts explain STYLE says what each reads)")
	return &v.style
}

func (v *styleFlag) check(flag string) error {
	if err := v.choiceFlag.check(flag); err != nil {
		return err
	}
	var err error
	v.style, err = validate.ParseStyle(v.value)
	return err
}

// orList returns "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// flagError rewrites an error of pflag's parser: an unknown flag gets the
// closest of fs's flags as a suggestion ("--outputformat": did you mean
// --output-format?), as does a long flag written with one dash, which pflag
// reads as shorthands ("-year"); a bad value of a flag pflag checks itself
// (a boolean's) says what the flag takes, not strconv's message.
func flagError(fs *pflag.FlagSet, err error) error {
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, "--"+f.Name) })
	var notExist *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() == "":
		return usagef("%v%s", err, didYouMean("--"+notExist.GetSpecifiedName(), names, ""))
	case errors.As(err, &notExist):
		word, _, _ := strings.Cut(notExist.GetSpecifiedShortnames(), "=")
		return usagef("%v%s", err, didYouMean("--"+word, names, ""))
	case errors.As(err, &invalid) && invalid.GetFlag().Value.Type() == "bool":
		return usagef("--%s takes no value, or true or false, not %q", invalid.GetFlag().Name, invalid.GetValue())
	case errors.As(err, &invalid):
		return usagef("--%s: invalid value %q", invalid.GetFlag().Name, invalid.GetValue())
	}
	return usagef("%v", err)
}

// didYouMean returns "; did you mean W?" for the word W of candidates
// closest to s, if one is close enough to be a likely misspelling, else "".
// prefix is put before W, as in "abstracts validate".
func didYouMean(s string, candidates []string, prefix string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	// Up to a third of the word, and at least one edit: "valdate",
	// "outputformat", "jsno" (a swap is two edits).
	if best == "" || bestDist > max(2, len([]rune(best))/3) {
		return ""
	}
	return fmt.Sprintf("; did you mean %s%s?", prefix, best)
}

// editDistance is the Levenshtein distance between a and b, in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// openDump opens the dump at path. When it does not exist and its name
// holds a glob pattern's characters, the error says that it looks like a
// pattern that matched no file, which the shell passes on as it is.
func openDump(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil && os.IsNotExist(err) && strings.ContainsAny(path, "*?[") {
		return nil, fmt.Errorf("%w (it looks like a glob pattern that matched no file; the shell passes such a pattern on unexpanded)", err)
	}
	return f, err
}
