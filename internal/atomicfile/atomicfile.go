// Package atomicfile writes a file so that a reader sees its old content or
// its new content, never a part: through a temporary file beside it, synced,
// then renamed over it, and the folder synced.
package atomicfile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// maxLinks is how many symbolic links in a row a path may go through, as
// the kernel allows.
const maxLinks = 40

// WriteFile writes data to path; see Write.
func WriteFile(path, name string, data []byte) error {
	return Write(path, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes the file at path with what write writes:
//   - a regular file (or none yet) is replaced atomically, through a
//     temporary file in the same folder that is synced, then renamed over
//     it, after which the folder is synced too;
//   - a symbolic link stays: the file it leads to is written (and made, when
//     the link dangles);
//   - an existing file keeps its permissions (a 0600 file stays 0600); a new
//     one gets those the umask leaves of 0666;
//   - anything else (a device such as /dev/null, a pipe, a terminal) is
//     written to in place, never replaced by a file.
//
// Errors name the file as name ("" means path) and say "cannot write";
// an error that write returns is returned as it is. On any error the file
// is as it was and no temporary file is left.
func Write(path, name string, write func(io.Writer) error) error {
	if name == "" {
		name = path
	}
	target, err := resolveLinks(path)
	if err != nil {
		return fail(name, err)
	}
	fi, err := os.Stat(target)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		if fi.IsDir() {
			return fail(name, errors.New("is a directory"))
		}
		return writeInPlace(target, name, write)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fail(name, err)
	}
	var keep fs.FileMode
	if err == nil {
		keep = fi.Mode().Perm()
	}
	return replace(target, name, keep, write)
}

// replace writes target through a temporary file; keep, when not zero, is
// the permission the file gets.
func replace(target, name string, keep fs.FileMode, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(target)
	f, err := createTemp(dir, filepath.Base(target))
	if err != nil {
		return fail(name, err)
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
		return fail(name, err)
	}
	if keep != 0 {
		if err = f.Chmod(keep); err != nil {
			return fail(name, err)
		}
	}
	if err = f.Sync(); err != nil {
		return fail(name, err)
	}
	if err = f.Close(); err != nil {
		return fail(name, err)
	}
	if err = os.Rename(f.Name(), target); err != nil {
		return fail(name, err)
	}
	if err := syncDir(dir); err != nil {
		// the file is in place; only its durability is in doubt
		return fail(name, err)
	}
	return nil
}

// createTemp makes a new, empty temporary file in dir, with the permissions
// the umask leaves of 0666 (os.CreateTemp would give 0600).
func createTemp(dir, base string) (*os.File, error) {
	for range 100 {
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		p := filepath.Join(dir, "."+base+".tmp"+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("no free name for a temporary file")
}

// writeInPlace writes to a file that is not a regular file.
func writeInPlace(path, name string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fail(name, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fail(name, err)
	}
	if err := f.Close(); err != nil {
		return fail(name, err)
	}
	return nil
}

// resolveLinks follows symbolic links from path to the file they lead to,
// which need not exist.
func resolveLinks(path string) (string, error) {
	for range maxLinks {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", errors.New("too many levels of symbolic links")
}

// fail says which file could not be written and why, without the temporary
// file's name that an *fs.PathError would carry.
func fail(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return fmt.Errorf("cannot write %s: %w", name, err)
}
