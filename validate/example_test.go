package validate_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/abstracts-dev/abstracts/validate"
)

// A small dump: the listing date, then each paper's title and abstract,
// one line each, separated by blank lines. The third paper repeats the
// first, and the second's title holds a LaTeX remnant.
const dump = `Mar 14

Attention Is All You Need

The dominant sequence transduction models are based on complex recurrent or convolutional neural networks. We propose the Transformer.

Score Matching with $\alpha$-Divergences

Deeper neural networks are more difficult to train. We present a residual learning framework to ease the training of such networks.

attention is all you need

The dominant sequence transduction models are based on complex recurrent or convolutional neural networks. We propose the Transformer.
`

// Read a dump and validate it: Read returns the valid records, and the
// problems come out as diagnostics, errors and warnings, each with its
// position and code.
func Example() {
	r := validate.NewReader(strings.NewReader(dump), "dump.txt")
	r.Year = 2024 // "Mar 14" becomes 2024-03-14
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			log.Fatal(err) // the input could not be read
		}
		fmt.Printf("record %s at line %d: %s (%s)\n", rec.ID, rec.Line, rec.Title, rec.ListingDate)
	}
	for _, d := range r.Diagnostics() {
		fmt.Println(d)
	}
	if err := r.Err(); err != nil {
		fmt.Printf("invalid: %d error(s), %d warning(s)\n", r.Errors(), r.Warnings())
	}
	// Output:
	// record 4a1c934d3d98f3ce at line 3: Attention Is All You Need (2024-03-14)
	// record 0e825d4fbb27ae4d at line 7: Score Matching with $\alpha$-Divergences (2024-03-14)
	// dump.txt:7:21: warning: title holds a LaTeX remnant "$" (kept as written) [latex-in-title]
	// dump.txt:11:1: error: paper appears twice: same title as line 3 (id 4a1c934d3d98f3ce) [duplicate-paper]
	// invalid: 1 error(s), 1 warning(s)
}

// Show each diagnostic as a person reads it at a terminal: the one-line
// form, then the source line and a caret under the column. The lines are
// read again from the dump; with color true, the view has ANSI colors.
func ExampleDiagnostic_Caret() {
	r := validate.NewReader(strings.NewReader(dump), "dump.txt")
	for {
		if _, err := r.Read(); err != nil {
			break // io.EOF, or a read error that Diagnostics does not show
		}
	}
	lines, err := validate.SourceLines(strings.NewReader(dump), r.Diagnostics())
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range r.Diagnostics() {
		fmt.Print(d.Caret(lines, false))
	}
	// Output:
	// dump.txt:7:21: warning: title holds a LaTeX remnant "$" (kept as written) [latex-in-title]
	//  7 | Score Matching with $\alpha$-Divergences
	//    |                     ^
	// dump.txt:11:1: error: paper appears twice: same title as line 3 (id 4a1c934d3d98f3ce) [duplicate-paper]
	//  11 | attention is all you need
	//     | ^
}

// Hash input before parsing it, stopping where a Reader would give up on
// it: a NUL byte here. What the Guard passed on ends with the NUL, enough
// for a Reader to report the input as not a dump.
func ExampleGuard() {
	h := sha256.New()
	n, err := io.Copy(validate.Guard(h, 0), strings.NewReader("Mar 14\n\nTitle\x00\x00\x00 and more"))
	fmt.Println(n, errors.Is(err, validate.ErrNotDump))
	// Output: 14 true
}
