package store

import (
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/codraft/codraft/internal/store/gitfs"
)

// readLooseBlob reads blob hex from its loose object file straight into a
// buffer of its size: one inflate and one copy, where go-git's reader grows
// a buffer as it goes and keeps the object in its cache. It returns ok
// false when the object is not loose, or not a well-formed blob of at most
// max bytes (max 0: any size), so that the caller falls back to go-git,
// which reports what is wrong.
func readLooseBlob(objects, hex string, max int64) (data []byte, ok bool) {
	t, data, ok := gitfs.ReadLoose(objects, hex, max)
	if !ok || t != plumbing.BlobObject {
		return nil, false
	}
	return data, true
}
