package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// TitleID returns the record id of a title: the first 16 lowercase hex
// digits of the SHA-256 of the title normalized to Unicode NFC, case-folded
// and with runs of white space collapsed to one space. Titles that differ
// only in case, spacing or composition share an id.
func TitleID(title string) string {
	key := strings.Join(strings.Fields(cases.Fold().String(norm.NFC.String(title))), " ")
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}
