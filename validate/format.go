package validate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Style names the format a dump is written in: a capture style of the
// Papers page (text, markdown, notebooklm) or the page's own data (api,
// html). Formats lists them all. The zero value, StyleAuto, detects the
// format from the first bytes of the dump.
type Style string

// StyleAuto detects a dump's format from its first bytes.
const StyleAuto Style = ""

// String returns the style's name as --style takes it: "auto" for StyleAuto.
func (s Style) String() string {
	if s == StyleAuto {
		return "auto"
	}
	return string(s)
}

// A Format is one way of writing a listing that a Reader reads: a name, a
// detector over the first bytes of a dump, and a reader that turns the
// dump into cards, each one paper with the positions of its parts. What
// every format shares, the checks of titles, abstracts and URLs, the
// warnings, the duplicate check, batches and the schema check, is done on
// those cards by one record builder, so a format's file holds only its
// grammar. Formats lists the registered formats.
type Format struct {
	// Style is the name --style takes.
	Style Style
	// Summary says in one line what the format is, for -h and the docs.
	Summary string
	// Doc describes the format for `abstracts explain STYLE` and the docs:
	// what it reads, and how.
	Doc string
	// Detect reports whether a dump that starts with head is in this
	// format; head is at most the first 32 KiB. Nil marks the fallback,
	// the format of a dump that no other detector claims.
	Detect func(head []byte) bool

	// raw says that the format reads the dump's bytes itself rather than
	// its lines (JSON, HTML): the line layer's guard against files that
	// are not listings is for the others.
	raw bool

	// open returns the reader of a dump in this format. The parser's line
	// layer is open: p.br reads the dump from its first byte (after a
	// byte-order mark).
	open func(p *parser) cardReader
}

// formats is the registry, in the order --style lists them; detection asks
// each detector in this order (those of raw formats first) and takes the
// first that claims the dump.
var formats = []*Format{&textFormat, &markdownFormat, &notebookLMFormat, &apiFormat, &htmlFormat}

// Formats returns the registered formats, in the order --style lists them.
func Formats() []Format {
	out := make([]Format, len(formats))
	for i, f := range formats {
		out[i] = *f
	}
	return out
}

// ParseStyle returns the style a --style value names: auto or the name of
// one of the Formats.
func ParseStyle(name string) (Style, error) {
	if name == "auto" {
		return StyleAuto, nil
	}
	if _, ok := formatOf(Style(name)); ok {
		return Style(name), nil
	}
	return StyleAuto, fmt.Errorf("unknown style %q (want %s)", name, strings.Join(StyleNames(), ", "))
}

// StyleNames returns the names --style takes: auto, then each format's.
func StyleNames() []string {
	names := []string{StyleAuto.String()}
	for _, f := range formats {
		names = append(names, string(f.Style))
	}
	return names
}

// formatOf returns the registered format of style s.
func formatOf(s Style) (*Format, bool) {
	for _, f := range formats {
		if f.Style == s {
			return f, true
		}
	}
	return nil, false
}

// detect returns the format of a dump that starts with head. The formats
// that read bytes (JSON, HTML) are asked first: their detectors look at the
// first bytes only, where the capture styles' search the whole head.
func detect(head []byte) *Format {
	var fallback *Format
	for _, raw := range []bool{true, false} {
		for _, f := range formats {
			switch {
			case f.raw != raw:
			case f.Detect == nil:
				fallback = f
			case f.Detect(head):
				return f
			}
		}
	}
	return fallback
}

// cardReader is what a Reader takes batches from: a format's reader, which
// hands its cards to the record builder.
type cardReader interface {
	// parseBatch reads until it has size records or the input ends, and
	// returns them with the diagnostics found on the way; nil once
	// everything has been handed out.
	parseBatch(size int) *batch
	// listing says what the dump says of its page so far.
	listing() Listing
}

// detectBytes is how much of the start of a dump the format detection and
// the not-a-listing guard look at.
const detectBytes = 32 << 10

// styled picks the reader of a dump on its first batch: it opens the line
// layer, refuses what is not a listing, detects the format unless one is
// named, and then hands every batch to that format's reader.
type styled struct {
	p     *parser
	style Style
	impl  cardReader
}

func newStyled(p *parser, style Style) *styled { return &styled{p: p, style: style} }

func (s *styled) parseBatch(size int) *batch {
	if s.impl == nil {
		if s.p.started {
			return nil // open stopped reading
		}
		if b := s.open(); b != nil {
			return b
		}
	}
	b := s.impl.parseBatch(size)
	if b != nil {
		l := s.impl.listing()
		b.listing = &l
	}
	return b
}

// open starts the line layer and chooses the format's reader. It returns a
// last batch when the dump cannot be read as a listing at all.
func (s *styled) open() *batch {
	p := s.p
	b := &batch{warningsByCode: make(map[Code]int)}
	p.batch = b
	p.started = true
	p.br = bufio.NewReaderSize(p.src, p.maxLineBytes+len("\r\n"))
	var f *Format
	if s.style != StyleAuto {
		f, _ = formatOf(s.style)
	}
	if p.checkStart() {
		head, err := p.br.Peek(min(detectBytes, p.br.Size()))
		switch {
		case err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull):
			b.err = readError(p.name, err)
			p.stopped = true
		default:
			if f == nil {
				f = detect(head)
			}
			if f.raw {
				break
			}
			if why := notListing(head); why != "" {
				p.fatalf(1, 1, CodeNotAListing, "%s", why)
			}
		}
	}
	if p.stopped {
		if f == nil {
			f = &textFormat
		}
		b.last = true
		b.listing = &Listing{Style: f.Style}
		return b
	}
	s.style = f.Style
	s.impl = f.open(p)
	return nil
}

// trimHead returns the start of a dump without its leading white space.
func trimHead(head []byte) []byte { return bytes.TrimLeft(head, " \t\r\n") }
