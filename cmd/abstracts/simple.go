package main

import (
	"fmt"

	"github.com/abstracts-dev/abstracts/internal/version"
	"github.com/abstracts-dev/abstracts/schema"
)

func runSchema(e env, args []string) error {
	fs := newFlags("schema")
	if done, err := parseFlags(e, fs, args); done {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("takes no arguments")
	}
	_, err := e.stdout.Write(schema.JSON())
	return err
}

func runVersion(e env, args []string) error {
	fs := newFlags("version")
	if done, err := parseFlags(e, fs, args); done {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("takes no arguments")
	}
	_, err := fmt.Fprintf(e.stdout, "abstracts %s (record schema %s)\n", version.Version, schema.Version)
	return err
}
