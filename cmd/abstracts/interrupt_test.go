package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/abstracts-dev/abstracts/internal/gendump"
)

// TestInterruptedExport interrupts a long export of the built binary with
// SIGINT and SIGTERM and checks that it exits with 130 and 143 and leaves
// nothing behind: no output, no temporary file, not even the folder it
// made.
func TestInterruptedExport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and exports 300 MB")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "abstracts")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dump := filepath.Join(dir, "big.txt")
	f, err := os.Create(dump)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = gendump.Write(f, gendump.Options{Bytes: 300 << 20, Seed: 1})
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig    syscall.Signal
		status int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			out := filepath.Join(dir, "out-"+c.sig.String())
			var stderr strings.Builder
			cmd := exec.Command(bin, "export", "--out", out, dump)
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait until the export has made its temporary files.
			deadline := time.Now().Add(20 * time.Second)
			for {
				if names, _ := filepath.Glob(filepath.Join(out, ".papers.*")); len(names) > 0 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("no temporary file appeared")
				}
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond)
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != c.status {
				t.Fatalf("exit = %v, want status %d\n%s", err, c.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted; nothing written") {
				t.Errorf("stderr = %q", stderr.String())
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				names, _ := filepath.Glob(filepath.Join(out, "*"))
				hidden, _ := filepath.Glob(filepath.Join(out, ".*"))
				t.Fatalf("left %s behind: %v %v", out, names, hidden)
			}
		})
	}
}
