package cli

import (
	"errors"
	"io/fs"
	"syscall"
)

// systemHint is the next step after an error of the system beneath
// codraft, for an error that carries no hint of its own: a full disk, a
// read-only file system, a file codraft may not write.
func systemHint(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "free some space on that disk, then run the command again; what was recorded before is intact (\"git fsck\" checks it)"
	case errors.Is(err, syscall.EROFS):
		return "that file system is mounted read-only: record rounds in a writable clone (\"git clone\"), or write the output elsewhere with -o"
	case errors.Is(err, fs.ErrPermission):
		return "codraft may not write there: check the owner and permissions of the file or directory named"
	}
	return ""
}
