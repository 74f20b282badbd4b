//go:build !linux

package export

import "errors"

// syncRange is supported on Linux only; elsewhere Commit's syncs write
// everything back.
func syncRange(f any, off, n int64, wait bool) error { return errors.ErrUnsupported }
