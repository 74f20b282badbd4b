package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/abstracts-dev/abstracts/validate"
)

// runExplain prints what a diagnostic code means, an example and the fix,
// from validate.Codes, the table that docs/diagnostics.md is generated from;
// or, given the name of an input style, what that format reads, from the
// format registry (validate.Formats).
func runExplain(e env, args []string) error {
	fs := newFlags("explain")
	if done, err := parseFlags(e, fs, args); done {
		return err
	}
	switch fs.NArg() {
	case 0:
		return &usageError{msg: "no code given", more: codeList()}
	case 1:
	default:
		return usagef("takes one code, got %d", fs.NArg())
	}
	if f, ok := lookupFormat(fs.Arg(0)); ok {
		_, err := fmt.Fprintf(e.stdout, "%s (input style, --style %s)\n\n%s.\n\n%s\n", f.Style, f.Style, upperFirst(f.Summary), f.Doc)
		return err
	}
	info, ok := lookupCode(fs.Arg(0))
	if !ok {
		names := make([]string, len(validate.Codes))
		for i, c := range validate.Codes {
			names[i] = string(c.Code)
		}
		return &usageError{msg: fmt.Sprintf("unknown code %q%s", fs.Arg(0), didYouMean(codeName(fs.Arg(0)), names, "")), more: codeList()}
	}
	return writeExplanation(e.stdout, info)
}

// codeName returns the code that name spells: as printed ("missing-abstract"),
// as copied from a diagnostic ("[missing-abstract]"), in any case and with
// "_" for "-" ("MISSING_ABSTRACT").
func codeName(name string) string {
	name = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(name), "["), "]")
	return strings.ReplaceAll(strings.ToLower(name), "_", "-")
}

// lookupCode returns the code that name spells (see codeName).
func lookupCode(name string) (validate.CodeInfo, bool) {
	name = codeName(name)
	for _, c := range validate.Codes {
		if string(c.Code) == name {
			return c, true
		}
	}
	return validate.CodeInfo{}, false
}

// lookupFormat returns the registered format of the style name spells, in
// any case.
func lookupFormat(name string) (validate.Format, bool) {
	for _, f := range validate.Formats() {
		if strings.EqualFold(string(f.Style), strings.TrimSpace(name)) {
			return f, true
		}
	}
	return validate.Format{}, false
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// codeList lists every code, errors then warnings, for the messages of
// explain.
func codeList() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Input styles: %s\n", strings.Join(validate.StyleNames()[1:], ", "))
	for _, sev := range []validate.Severity{validate.Error, validate.Warning} {
		fmt.Fprintf(&b, "Codes (%ss):\n", sev)
		for _, c := range validate.Codes {
			if c.Severity == sev {
				fmt.Fprintf(&b, "  %s\n", c.Code)
			}
		}
	}
	return b.String()
}

// writeExplanation writes one entry of the table of codes.
func writeExplanation(w io.Writer, c validate.CodeInfo) error {
	_, err := fmt.Fprintf(w, "%s (%s)\n\n%s\n\nExample:\n  %s\n\nFix:\n  %s\n",
		c.Code, c.Severity, c.Meaning, c.Example, c.Fix)
	return err
}
