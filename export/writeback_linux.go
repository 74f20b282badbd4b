package export

import (
	"errors"
	"syscall"
)

// syncRange asks the kernel to write n bytes of f from off to disk: with
// wait, it returns when they are written (sync_file_range with
// SYNC_FILE_RANGE_WAIT_BEFORE|WRITE|WAIT_AFTER), else at once
// (SYNC_FILE_RANGE_WRITE). Neither makes metadata durable; Sync does. f
// must be a file with a SyscallConn method, such as *os.File.
func syncRange(f any, off, n int64, wait bool) error {
	if n == 0 {
		return nil
	}
	sc, ok := f.(syscall.Conn)
	if !ok {
		return errors.ErrUnsupported
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return err
	}
	const (
		waitBefore = 0x1 // SYNC_FILE_RANGE_WAIT_BEFORE
		write      = 0x2 // SYNC_FILE_RANGE_WRITE
		waitAfter  = 0x4 // SYNC_FILE_RANGE_WAIT_AFTER
	)
	flags := uintptr(write)
	if wait {
		flags |= waitBefore | waitAfter
	}
	var errno syscall.Errno
	err = rc.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, fd, uintptr(off), uintptr(n), flags, 0, 0)
	})
	if err != nil {
		return err
	}
	if errno != 0 {
		return errno
	}
	return nil
}
