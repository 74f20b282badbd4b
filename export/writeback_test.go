package export

import (
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A file is written back a chunk at a time as it grows, where the kernel
// supports it, and stops trying where it does not.
func TestWriteBack(t *testing.T) {
	defer func(n int64) { writeBackChunk = n }(writeBackChunk)
	writeBackChunk = 4096

	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var wb writeBack
	chunk := make([]byte, 1500)
	for i := 0; i < 20; i++ {
		n, err := f.Write(chunk)
		if err != nil {
			t.Fatal(err)
		}
		wb.wrote(f, n)
	}
	if runtime.GOOS == "linux" {
		// 30,000 bytes: started at 4500, 9000, ... 27000, waited up to
		// the chunk before the last.
		if wb.off || wb.written != 30000 || wb.started != 27000 || wb.waited != 22500 {
			t.Errorf("after 30000 bytes: %+v, want started 27000 and waited 22500", wb)
		}
	} else if !wb.off {
		t.Errorf("write-back on %s: %+v, want it off", runtime.GOOS, wb)
	}

	// A pipe cannot be written back: the first attempt turns it off.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	var pwb writeBack
	pwb.wrote(w, 5000)
	pwb.wrote(w, 5000)
	if !pwb.off || pwb.written != 10000 {
		t.Errorf("pipe: %+v, want write-back off", pwb)
	}
}

// Writing back does not change a byte of any file.
func TestWriteBackSameFiles(t *testing.T) {
	defer func(n int64) { writeBackChunk = n }(writeBackChunk)
	var trees []map[string]string
	for _, chunk := range []int64{1 << 40, 4096} {
		writeBackChunk = chunk
		dir := t.TempDir()
		if err := exportAll(osFS{}, dir, false); err != nil {
			t.Fatal(err)
		}
		trees = append(trees, snapshot(t, dir))
	}
	if len(trees[0]) < 3 || !maps.Equal(trees[0], trees[1]) {
		t.Errorf("with and without write-back: %d and %d files, or different bytes", len(trees[0]), len(trees[1]))
	}
}
