package export

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// fileSystem is what Output needs of the operating system. Tests replace it
// to inject a failure at each step.
type fileSystem interface {
	Stat(name string) (fs.FileInfo, error)
	MkdirAll(path string, perm fs.FileMode) error
	CreateTemp(dir, pattern string) (outputFile, error)
	Rename(oldpath, newpath string) error
	Remove(name string) error
	// Backup makes a hard link to path beside it and returns its name, or
	// "" if path does not exist.
	Backup(path string) (string, error)
	// Trash moves path aside to a hard link beside it, as Backup names it,
	// and returns the link's name ("" if path does not exist), so that a
	// failed commit can put the file back by renaming the link.
	Trash(path string) (string, error)
	// ReadDir lists a folder, sorted by name.
	ReadDir(name string) ([]fs.DirEntry, error)
	// SyncDir makes the renames in dir durable.
	SyncDir(dir string) error
}

// outputFile is an open temporary file.
type outputFile interface {
	io.Writer
	Name() string
	Chmod(mode fs.FileMode) error
	Sync() error
	Close() error
}

// osFS is the real file system.
type osFS struct{}

func (osFS) Stat(name string) (fs.FileInfo, error)        { return os.Stat(name) }
func (osFS) MkdirAll(path string, perm fs.FileMode) error { return os.MkdirAll(path, perm) }
func (osFS) Rename(oldpath, newpath string) error         { return os.Rename(oldpath, newpath) }
func (osFS) Remove(name string) error                     { return os.Remove(name) }

func (osFS) CreateTemp(dir, pattern string) (outputFile, error) {
	return os.CreateTemp(dir, pattern)
}

func (osFS) Backup(path string) (string, error) {
	dir, name := filepath.Split(path)
	for i := 0; ; i++ {
		b := filepath.Join(dir, "."+name+".old-"+strconv.FormatInt(time.Now().UnixNano(), 36)+strconv.Itoa(i))
		err := os.Link(path, b)
		switch {
		case err == nil:
			return b, nil
		case errors.Is(err, fs.ErrNotExist):
			return "", nil
		case !errors.Is(err, fs.ErrExist):
			return "", err
		}
	}
}

func (f osFS) Trash(path string) (string, error) {
	b, err := f.Backup(path)
	if err != nil || b == "" {
		return "", err
	}
	if err := os.Remove(path); err != nil {
		return "", errors.Join(err, os.Remove(b))
	}
	return b, nil
}

func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

func (osFS) SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}
