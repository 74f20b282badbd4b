package main

import (
	"fmt"

	"github.com/abstracts-dev/abstracts/internal/version"
	"github.com/abstracts-dev/abstracts/schema"
)

func runSchema(e env, args []string) int {
	fs := newFlags("schema")
	if code := parseFlags(e, fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(e, "schema", "takes no arguments")
	}
	if _, err := e.stdout.Write(schema.JSON()); err != nil {
		fmt.Fprintf(e.stderr, "abstracts: %v\n", err)
		return exitTrouble
	}
	return exitOK
}

func runVersion(e env, args []string) int {
	fs := newFlags("version")
	if code := parseFlags(e, fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(e, "version", "takes no arguments")
	}
	fmt.Fprintf(e.stdout, "abstracts %s (record schema %s)\n", version.Version, schema.Version)
	return exitOK
}
