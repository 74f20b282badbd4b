package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// TitleID returns the record id of a title: the first 16 lowercase hex
// digits of the SHA-256 of the title normalized to Unicode NFC, case-folded
// and with runs of white space collapsed to one space. Titles that differ
// only in case, spacing or composition share an id.
func TitleID(title string) string {
	sum := sha256.Sum256(normalizeTitle(title))
	return hex.EncodeToString(sum[:8])
}

// normalizeTitle returns the key TitleID hashes. ASCII titles, nearly all
// of them, take a fast path that gives the same key: NFC leaves ASCII as it
// is, and case folding maps A-Z to a-z and nothing else.
func normalizeTitle(title string) []byte {
	key := make([]byte, 0, len(title))
	space := false
	for i := 0; i < len(title); i++ {
		c := title[i]
		switch {
		case c >= utf8.RuneSelf:
			return []byte(strings.Join(strings.Fields(cases.Fold().String(norm.NFC.String(title))), " "))
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			space = len(key) > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			key = append(key, ' ')
			space = false
		}
		key = append(key, c)
	}
	return key
}
