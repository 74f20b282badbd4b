package export

// writeBackChunk is how many bytes a temporary file takes before the
// kernel is asked to write them to disk. Without it an export leaves all its
// output, gigabytes for a large dump, dirty in the page cache, and the
// syncs of Commit wait for all of it at the end, with the cores idle; past
// the kernel's dirty limits the writers are throttled at random points.
// Writing back as the files grow overlaps the disk with the encoding, keeps
// at most about two chunks per file dirty, and leaves Commit little to sync.
var writeBackChunk int64 = 16 << 20 // a variable only for tests

// writeBack tracks the write-back of one file written from start to end.
type writeBack struct {
	written int64 // bytes written so far
	started int64 // write-back started for [0, started)
	waited  int64 // write-back done for [0, waited)
	off     bool  // the file does not support it, or it failed once
}

// wrote counts n more bytes written to f. Every writeBackChunk bytes it
// starts the write-back of the new chunk and waits for that of the chunk
// before, so that a writer faster than the disk waits here, a chunk at a
// time, not at an arbitrary point or at the end. Write-back is advice: an
// error stops it for the file, and Sync, which Commit calls, reports any
// error writing the data.
func (b *writeBack) wrote(f any, n int) {
	b.written += int64(n)
	if b.off || b.written-b.started < writeBackChunk {
		return
	}
	if err := syncRange(f, b.waited, b.started-b.waited, true); err != nil {
		b.off = true
		return
	}
	b.waited = b.started
	if err := syncRange(f, b.started, b.written-b.started, false); err != nil {
		b.off = true
		return
	}
	b.started = b.written
}
