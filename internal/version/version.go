// Package version holds the release version of abstracts, which the binary
// prints and the exporters write into their files' metadata.
package version

// Version is the release version of abstracts.
const Version = "0.1.0"
