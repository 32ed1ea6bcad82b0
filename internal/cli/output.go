package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// writeFileAtomic writes a file through a temporary file in the same
// folder, synced and renamed over path, so that a failed write never leaves
// a half-written file in its place.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	shown := path
	if wd, werr := os.Getwd(); werr == nil {
		if rel, rerr := filepath.Rel(wd, path); rerr == nil && !strings.HasPrefix(rel, "..") {
			shown = rel
		}
	}
	path0 := path
	path = shown
	defer func() { path = path0 }()
	if fi, serr := os.Stat(path0); serr == nil && !fi.Mode().IsRegular() {
		// a device, a pipe or a terminal (-o /dev/null, -o /dev/stdout):
		// written to, never replaced by a file
		return writeDirect(path0, shown, write)
	}
	if real, rerr := filepath.EvalSymlinks(path0); rerr == nil && real != path0 {
		// a link: the file it names is replaced, and the link stays
		path0, dir = real, filepath.Dir(real)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path0)+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path0); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	return nil
}

// writeDirect writes to a file that is not a regular file, in place.
func writeDirect(path, shown string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", shown, unwrapPathError(err))
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", shown, unwrapPathError(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", shown, unwrapPathError(err))
	}
	return nil
}
