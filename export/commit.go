package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
)

// committer owns every temporary file of one export, whatever the layout:
// each is made in the folder of its final path, and commit moves all of
// them to their final paths at once, or none. It also owns the folders it
// made (the target folder, data/, partition folders), which abort removes.
// It is safe for concurrent use: the format writers' goroutines open files
// through it.
type committer struct {
	fs   fileSystem
	root string

	mu    sync.Mutex
	made  []string        // folders made, in the order they were made
	known map[string]bool // folders known to exist
	files []*tempFile     // in the order they were made
}

// tempFile is a temporary file that becomes path at commit. It is written
// by one goroutine at a time.
type tempFile struct {
	outputFile
	path     string // the final path; may be set up to commit
	finished bool   // synced and closed
	wb       writeBack
}

// Write writes to the file, writing back what it holds as it grows.
func (t *tempFile) Write(p []byte) (int, error) {
	n, err := t.outputFile.Write(p)
	t.wb.wrote(t.outputFile, n)
	return n, err
}

// newCommitter makes the root folder if needed, remembering which folders
// it made, so that abort can leave the file system as it found it.
func newCommitter(fsys fileSystem, root string) (*committer, error) {
	c := &committer{fs: fsys, root: root, known: map[string]bool{}}
	if err := c.mkdir(root); err != nil {
		return nil, err
	}
	return c, nil
}

// mkdir makes dir and its missing parents, remembering the ones it made.
func (c *committer) mkdir(dir string) error {
	dir = filepath.Clean(dir)
	if c.known[dir] {
		return nil
	}
	var missing []string // innermost first
	for d := dir; ; d = filepath.Dir(d) {
		if c.known[d] {
			break
		}
		if _, err := c.fs.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("export: %w", err)
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	made := len(c.made)
	for i := len(missing) - 1; i >= 0; i-- {
		c.made = append(c.made, missing[i])
	}
	if err := c.fs.MkdirAll(dir, 0o755); err != nil {
		// Only what this call made goes; folders made before stay until
		// abort.
		var errs []error
		for i := len(c.made) - 1; i >= made; i-- {
			errs = append(errs, removeDir(c.fs, c.made[i]))
		}
		c.made = c.made[:made]
		return errors.Join(append([]error{fmt.Errorf("export: %w", err)}, errs...)...)
	}
	c.known[dir] = true
	return nil
}

// create makes a temporary file in dir for the final name name ("" if the
// name is known only later: set tempFile.path before commit). dir is made
// if needed.
func (c *committer) create(dir, name, pattern string) (*tempFile, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.mkdir(dir); err != nil {
		return nil, err
	}
	f, err := c.fs.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	t := &tempFile{outputFile: f}
	if name != "" {
		t.path = filepath.Join(dir, name)
	}
	c.files = append(c.files, t)
	return t, nil
}

// finish makes the file readable by all, syncs it, so that a crash after
// the rename cannot leave an empty file, and closes it.
func (t *tempFile) finish() error {
	if err := t.Chmod(0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := t.Sync(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	t.finished = true // closed, or failed to close: not closed again
	if err := t.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// commit renames every temporary file, each finished, to its final path and
// removes the stale files (those of an earlier run that the new files do
// not replace, such as a shard beyond the new count). Files of an earlier
// run are kept as hard links until every rename is done and the folders
// are synced; if a step fails they are put back, the new files are
// removed, and so are the temporary files and the folders the export made.
func (c *committer) commit(stale []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range c.files {
		if f.path == "" || !f.finished {
			return errors.Join(fmt.Errorf("export: internal error: %s not finished or not named", f.Name()), c.abortLocked())
		}
	}
	// Keep a hard link to each file an earlier run left, so that a failed
	// rename can put it back.
	backups := make([]string, len(c.files))
	for i, f := range c.files {
		b, err := c.fs.Backup(f.path)
		if err != nil {
			return errors.Join(fmt.Errorf("export: keep %s: %w", f.path, err), c.dropBackups(backups), c.abortLocked())
		}
		backups[i] = b
	}
	for i, f := range c.files {
		if err := c.fs.Rename(f.Name(), f.path); err != nil {
			err = fmt.Errorf("export: %w", err)
			return errors.Join(err, c.rollBack(i, backups), c.dropBackups(backups), c.abortLocked())
		}
	}
	trashed := make([]string, len(stale))
	for i, p := range stale {
		b, err := c.fs.Trash(p)
		if err != nil {
			err = fmt.Errorf("export: remove stale %s: %w", p, err)
			return errors.Join(err, c.restore(stale, trashed), c.rollBack(len(c.files), backups),
				c.dropBackups(backups), c.abortLocked())
		}
		trashed[i] = b
	}
	for _, dir := range c.syncDirs(stale) {
		if err := c.fs.SyncDir(dir); err != nil {
			err = fmt.Errorf("export: sync %s: %w", dir, err)
			return errors.Join(err, c.restore(stale, trashed), c.rollBack(len(c.files), backups),
				c.dropBackups(backups), c.abortLocked())
		}
	}
	c.made = nil // they hold the new files now
	return errors.Join(c.dropBackups(backups), c.dropBackups(trashed))
}

// syncDirs lists the folders whose entries commit changed, parents after
// their children, so that new folders are durable along with their files.
func (c *committer) syncDirs(stale []string) []string {
	seen := map[string]bool{}
	var dirs []string
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	for _, f := range c.files {
		add(filepath.Dir(f.path))
	}
	for _, p := range stale {
		add(filepath.Dir(p))
	}
	for i := len(c.made) - 1; i >= 0; i-- {
		if d := c.made[i]; filepath.Dir(d) != d {
			add(filepath.Dir(d))
		}
	}
	add(filepath.Clean(c.root))
	slices.SortStableFunc(dirs, func(a, b string) int { return len(b) - len(a) }) // deepest first
	return dirs
}

// rollBack undoes the first n renames: the earlier file comes back, or the
// new one goes if there was none.
func (c *committer) rollBack(n int, backups []string) error {
	var errs []error
	for i, f := range c.files[:n] {
		if backups[i] == "" {
			errs = append(errs, remove(c.fs, f.path))
			continue
		}
		if err := c.fs.Rename(backups[i], f.path); err != nil {
			errs = append(errs, fmt.Errorf("export: restore %s: %w", f.path, err))
		}
		backups[i] = ""
	}
	return errors.Join(errs...)
}

// restore puts back the stale files moved aside so far.
func (c *committer) restore(stale, trashed []string) error {
	var errs []error
	for i, b := range trashed {
		if b == "" {
			continue
		}
		if err := c.fs.Rename(b, stale[i]); err != nil {
			errs = append(errs, fmt.Errorf("export: restore %s: %w", stale[i], err))
		}
		trashed[i] = ""
	}
	return errors.Join(errs...)
}

func (c *committer) dropBackups(backups []string) error {
	var errs []error
	for _, b := range backups {
		if b != "" {
			errs = append(errs, remove(c.fs, b))
		}
	}
	return errors.Join(errs...)
}

// abort closes and removes every temporary file, and the folders the export
// made if they are empty. It is safe to call more than once.
func (c *committer) abort() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.abortLocked()
}

func (c *committer) abortLocked() error {
	var errs []error
	for _, f := range c.files {
		if !f.finished {
			f.finished = true
			if err := f.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
				errs = append(errs, fmt.Errorf("export: %w", err))
			}
		}
		errs = append(errs, remove(c.fs, f.Name()))
	}
	c.files = nil
	for i := len(c.made) - 1; i >= 0; i-- {
		errs = append(errs, removeDir(c.fs, c.made[i]))
	}
	c.made = nil
	c.known = map[string]bool{}
	return errors.Join(errs...)
}

// remove removes a file or an empty folder; one already gone is no error.
func remove(fsys fileSystem, name string) error {
	if err := fsys.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// removeDir removes a folder the export made. One that is no longer empty
// stays: another export writes into it too.
func removeDir(fsys fileSystem, dir string) error {
	err := remove(fsys, dir)
	if errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST) {
		return nil
	}
	return err
}
