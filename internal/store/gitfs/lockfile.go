package gitfs

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// TempPrefix names codraft's temporary files in the git directory. The rest
// of the name is the escaped path of the git lock file that the temporary
// file is (or was about to be) hard-linked to, so that a later writer can
// tell a lock file left by a killed codraft from one that git holds.
const TempPrefix = "codraft.tmp."

// replaceLocked writes data to dir/rel the way git does: through the lock
// file dir/rel.lock, created exclusively, then renamed over the target. So a
// reader never sees a half-written ref or index, and codraft and git never
// write the same file at once. The lock file is made as a hard link to a
// temporary file, which lets cleanTemps remove it if this process is killed
// before the rename. check, when not nil, runs while the lock is held (to
// compare the old value) and aborts the write when it fails.
func replaceLocked(dir, rel string, data []byte, check func() error) error {
	target := filepath.Join(dir, filepath.FromSlash(rel))
	lock := target + ".lock"
	tmp := filepath.Join(dir, TempPrefix+url.PathEscape(rel+".lock"))
	if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
		return err
	}
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("writing %s: %w", target, err)
	}
	if err := os.Link(tmp, lock); err != nil {
		os.Remove(tmp)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists: another git process seems to be writing to this repository; if none is running, remove that file", lock)
		}
		// No hard links here: create the lock file exclusively instead.
		f, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s exists: another git process seems to be writing to this repository; if none is running, remove that file", lock)
			}
			return err
		}
		_, werr := f.Write(data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(lock)
			return werr
		}
	}
	if check != nil {
		if err := check(); err != nil {
			os.Remove(lock)
			os.Remove(tmp)
			return err
		}
	}
	if err := os.Rename(lock, target); err != nil {
		os.Remove(lock)
		os.Remove(tmp)
		return err
	}
	os.Remove(tmp)
	return nil
}

// cleanTemps removes what a killed replaceLocked left in dir: its temporary
// files, and the git lock files that are the same file as one of them. It
// must run under the repository lock.
func cleanTemps(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name, ok := strings.CutPrefix(e.Name(), TempPrefix)
		if !ok {
			continue
		}
		tmp := filepath.Join(dir, e.Name())
		if rel, err := url.PathUnescape(name); err == nil && strings.HasSuffix(rel, ".lock") {
			lock := filepath.Join(dir, filepath.FromSlash(rel))
			ti, err1 := os.Stat(tmp)
			li, err2 := os.Stat(lock)
			if err1 == nil && err2 == nil && os.SameFile(ti, li) {
				os.Remove(lock)
			}
		}
		os.Remove(tmp)
	}
}
