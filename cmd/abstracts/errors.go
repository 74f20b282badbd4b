package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/abstracts-dev/abstracts/validate"
)

// Exit statuses, as the command-line contract defines them.
const (
	exitOK      = 0 // every dump valid, or every file written
	exitInvalid = 1 // at least one dump is invalid (diff: the sides differ)
	exitTrouble = 2 // a file could not be read or written
	exitUsage   = 2 // the command was used wrongly
)

// exitError ends a command with an exit status. Its err, if not nil, is
// what run prints; without one the command has already said all there is
// (its diagnostics and summary) and only the status is left.
type exitError struct {
	status int
	err    error
}

// withStatus returns an error that ends the command with status, err being
// what is printed (nil: nothing).
func withStatus(status int, err error) error {
	return &exitError{status: status, err: err}
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.status)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// ExitCode returns the exit status the command ends with.
func (e *exitError) ExitCode() int { return e.status }

// usageError says that a command was used wrongly: a flag value it does not
// take, a missing or extra argument. run prints it with the command's name
// and where to read its usage, and exits with exitUsage.
type usageError struct {
	msg  string
	more string // printed as is after the message, instead of the pointer to -h
}

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func (e *usageError) Error() string { return e.msg }

// ExitCode returns exitUsage.
func (e *usageError) ExitCode() int { return exitUsage }

// printError writes what err says about the command cmd ("" for abstracts
// itself) to w, and returns the exit status it ends with: its ExitCode, or
// exitTrouble for an error without one. It is the one place where errors
// are printed: every line is escaped (see validate.Printable), so that
// neither a terminal escape nor a line break from a file name or an
// argument reaches the terminal as it is.
func printError(w io.Writer, cmd string, err error) int {
	if err == nil {
		return exitOK
	}
	status := exitTrouble
	var coded interface{ ExitCode() int }
	if errors.As(err, &coded) {
		status = coded.ExitCode()
	}
	name := "abstracts"
	if cmd != "" {
		name += " " + cmd
	}
	var usage *usageError
	if errors.As(err, &usage) {
		more := usage.more
		if more == "" {
			more = fmt.Sprintf("Run '%s -h' for usage.\n", name)
		}
		fmt.Fprintf(w, "%s: %s\n%s", name, validate.Printable(usage.msg), more)
		return status
	}
	for _, line := range errorLines(err) {
		fmt.Fprintf(w, "abstracts: %s\n", validate.Printable(line))
	}
	return status
}

// errorLines returns the messages of err, one for each error joined in it
// (errors.Join), none for an exitError without an error.
func errorLines(err error) []string {
	switch x := err.(type) {
	case nil:
		return nil
	case *exitError:
		return errorLines(x.err)
	case interface{ Unwrap() []error }:
		var lines []string
		for _, e := range x.Unwrap() {
			lines = append(lines, errorLines(e)...)
		}
		return lines
	}
	return []string{err.Error()}
}
