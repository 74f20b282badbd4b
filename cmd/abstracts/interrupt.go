package main

import (
	"errors"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// errInterrupted ends reading when the user interrupts an export.
var errInterrupted = errors.New("interrupted")

// interruption catches SIGINT and SIGTERM while an export runs, so that it
// can stop reading, remove its temporary files and exit with the status a
// shell expects: 128 plus the signal's number (130, 143). Its nil value
// catches nothing.
type interruption struct {
	signals chan os.Signal
	caught  atomic.Int32 // the signal's number, once one came
}

// catchInterrupts starts catching SIGINT and SIGTERM; stop ends it.
func catchInterrupts() *interruption {
	in := &interruption{signals: make(chan os.Signal, 1)}
	signal.Notify(in.signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range in.signals {
			if n, ok := s.(syscall.Signal); ok {
				in.caught.CompareAndSwap(0, int32(n))
			}
		}
	}()
	return in
}

func (in *interruption) stop() {
	if in != nil {
		signal.Stop(in.signals)
		close(in.signals)
	}
}

// status returns the exit status for the signal caught, or 0 if none was.
func (in *interruption) status() int {
	if in == nil || in.caught.Load() == 0 {
		return 0
	}
	return 128 + int(in.caught.Load())
}

// reader wraps r so that reading fails with errInterrupted once a signal
// has been caught.
func (in *interruption) reader(r io.Reader) io.Reader {
	if in == nil {
		return r
	}
	return &interruptibleReader{r: r, in: in}
}

type interruptibleReader struct {
	r  io.Reader
	in *interruption
}

func (i *interruptibleReader) Read(p []byte) (int, error) {
	if i.in.caught.Load() != 0 {
		return 0, errInterrupted
	}
	return i.r.Read(p)
}
