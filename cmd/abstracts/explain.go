package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/abstracts-dev/abstracts/validate"
)

// runExplain prints what a diagnostic code means, an example and the fix,
// from validate.Codes, the table that docs/diagnostics.md is generated from.
func runExplain(e env, args []string) int {
	fs := newFlags("explain")
	if code := parseFlags(e, fs, args); code >= 0 {
		return code
	}
	switch fs.NArg() {
	case 0:
		fmt.Fprintf(e.stderr, "abstracts explain: no code given\n%s", codeList())
		return exitTrouble
	case 1:
	default:
		return usageError(e, "explain", "takes one code, got %d", fs.NArg())
	}
	// "[missing-abstract]" as copied from a diagnostic works too.
	name := strings.TrimSuffix(strings.TrimPrefix(fs.Arg(0), "["), "]")
	info, ok := lookupCode(name)
	if !ok {
		fmt.Fprintf(e.stderr, "abstracts explain: unknown code %q\n%s", fs.Arg(0), codeList())
		return exitTrouble
	}
	if err := writeExplanation(e.stdout, info); err != nil {
		fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
		return exitTrouble
	}
	return exitOK
}

func lookupCode(name string) (validate.CodeInfo, bool) {
	for _, c := range validate.Codes {
		if string(c.Code) == name {
			return c, true
		}
	}
	return validate.CodeInfo{}, false
}

// codeList lists every code, errors then warnings, for the messages of
// explain.
func codeList() string {
	var b strings.Builder
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
