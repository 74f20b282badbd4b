package validate

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// goroutinesBack waits a little for the goroutine count to fall back to n
// and reports whether it did.
func goroutinesBack(n int) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if runtime.NumGoroutine() <= n {
			return true
		}
	}
	return false
}

// TestZeroConcurrencyStartsNoGoroutine reads part of a dump with a Reader
// whose fields are all zero and leaves it without Close: nothing may be
// left running.
func TestZeroConcurrencyStartsNoGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	r := NewReader(strings.NewReader(defectiveDump(t, 2000)), "dump.txt")
	for range 3 {
		if _, err := r.Read(); err != nil {
			t.Fatal(err)
		}
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines while reading with Concurrency 0, %d before", n, before)
	}
	r = nil // left without Close
	if !goroutinesBack(before) {
		t.Errorf("%d goroutines left after leaving a Reader, %d before", runtime.NumGoroutine(), before)
	}
}

// TestPipelineStopsWithoutClose checks that a Reader with goroutines stops
// them when Read returns io.EOF or a read error, without Close.
func TestPipelineStopsWithoutClose(t *testing.T) {
	input := defectiveDump(t, 2000)
	readers := map[string]io.Reader{
		"io.EOF":     strings.NewReader(input),
		"read error": io.MultiReader(strings.NewReader(input[:len(input)/2]), iotest.ErrReader(errors.New("disk on fire"))),
	}
	for name, in := range readers {
		t.Run(name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			r := NewReader(in, "dump.txt")
			r.Concurrency = 3
			started := false
			for {
				_, err := r.Read()
				started = started || runtime.NumGoroutine() > before
				if err != nil {
					break
				}
			}
			if !started {
				t.Fatal("no pipeline goroutines started")
			}
			if !goroutinesBack(before) {
				t.Errorf("%d goroutines left after the last Read, %d before", runtime.NumGoroutine(), before)
			}
		})
	}
}

func TestErrHoldsErrorsOnly(t *testing.T) {
	a := abstract(200)
	t.Run("warnings only", func(t *testing.T) {
		_, r := readAll(t, dump("T  ", a), nil)
		if r.Warnings() != 1 || r.Err() != nil {
			t.Errorf("%d warnings, Err() = %v; want 1 warning and nil", r.Warnings(), r.Err())
		}
	})
	t.Run("an error and warnings", func(t *testing.T) {
		_, r := readAll(t, dump("T  ", a, "U", "Short.", "V  ", a), nil)
		var l List
		if !errors.As(r.Err(), &l) || len(l) != 1 || l[0].Code != CodeAbstractTooShort {
			t.Fatalf("Err() = %v, want the abstract-too-short error alone", r.Err())
		}
		if len(r.Diagnostics()) != 3 {
			t.Errorf("Diagnostics() = %v, want the error and both warnings", r.Diagnostics())
		}
	})
}

func TestStrict(t *testing.T) {
	a := abstract(200)
	// Warnings on lines 11, 19 and 23, errors on 16 and 28.
	input := dump("T  ", a, "U", "Short.", "V  ", "W  ", a, "X", "Short.")
	for _, concurrency := range []int{1, 3} {
		t.Run(fmt.Sprintf("concurrency=%d", concurrency), func(t *testing.T) {
			_, loose := readAll(t, input, func(r *Reader) { r.Concurrency = concurrency })
			_, strict := readAll(t, input, func(r *Reader) { r.Concurrency, r.Strict = concurrency, true })
			if loose.Errors() < 1 || loose.Warnings() < 1 {
				t.Fatalf("the input gives %d errors and %d warnings; want some of each", loose.Errors(), loose.Warnings())
			}
			if strict.Errors() != loose.Errors()+loose.Warnings() || strict.Warnings() != 0 {
				t.Errorf("strict: %d errors, %d warnings; want %d and 0", strict.Errors(), strict.Warnings(), loose.Errors()+loose.Warnings())
			}
			ld, sd := loose.Diagnostics(), strict.Diagnostics()
			if len(sd) != len(ld) {
				t.Fatalf("strict diagnostics %v, loose %v", sd, ld)
			}
			for i := range sd {
				if sd[i].Severity != Error || sd[i].Pos != ld[i].Pos || sd[i].Code != ld[i].Code {
					t.Errorf("strict diagnostic %v, loose %v", sd[i], ld[i])
				}
				if ld[i].Severity != severityOf(ld[i].Code) {
					t.Errorf("loose diagnostic %v changed", ld[i])
				}
			}
			var l List
			if !errors.As(strict.Err(), &l) || len(l) != len(sd) {
				t.Errorf("strict Err() = %v, want all %d diagnostics", strict.Err(), len(sd))
			}
			if fmt.Sprint(strict.WarningsByCode()) != fmt.Sprint(loose.WarningsByCode()) {
				t.Errorf("strict WarningsByCode %v, loose %v", strict.WarningsByCode(), loose.WarningsByCode())
			}
		})
	}
	t.Run("MaxErrors counts the errors found as such", func(t *testing.T) {
		_, r := readAll(t, input, func(r *Reader) { r.Strict, r.MaxErrors = true, 1 })
		found := 0 // errors found as such; the warnings read before the stop are kept too
		for _, d := range r.Diagnostics() {
			if d.Code != CodeTrailingWhitespace {
				found++
			}
		}
		if found != 1 || r.Diagnostics()[0].Code != CodeTrailingWhitespace || !r.Stopped() {
			t.Errorf("diagnostics %v, stopped %v; want a promoted warning, one error, then a stop", r.Diagnostics(), r.Stopped())
		}
	})
}
