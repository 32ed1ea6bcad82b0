package gitfs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// ErrCorrupt is wrapped by the error for an object of the repository that
// cannot be read: its file is damaged, or missing though something refers to
// it.
var ErrCorrupt = errors.New("the repository is damaged")

// checkedStorage is the repository's object storage, reporting an object
// that cannot be read as ErrCorrupt, naming the object and its file, rather
// than as the decoder's own error ("invalid object type", "zlib: invalid
// header") or as an object that is not there. Everything else is the
// filesystem storage's own.
type checkedStorage struct {
	*filesystem.Storage
	objects string // the objects directory
	// small objects read from their loose files (commits, trees, tags
	// and small blobs), which a command such as check reads many times
	mu    sync.Mutex
	small map[plumbing.Hash]*plumbing.MemoryObject
	held  int // bytes of content in small
}

// maxSmallObject is the largest object kept in checkedStorage.small, and
// maxSmallBytes the most content kept there together.
const (
	maxSmallObject = 64 << 10
	maxSmallBytes  = 16 << 20
)

func (s *checkedStorage) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	if o := s.smallObject(h); o != nil && (t == plumbing.AnyObject || o.Type() == t) {
		return o, nil
	}
	o, err := s.Storage.EncodedObject(t, h)
	switch {
	case err == nil:
		return o, nil
	case !errors.Is(err, plumbing.ErrObjectNotFound):
		return nil, s.corrupt(h, err.Error())
	case (t == plumbing.TreeObject || t == plumbing.BlobObject) && s.Storage.HasEncodedObject(h) != nil:
		// a tree or blob is only ever asked for because a commit or a
		// tree refers to it
		return nil, Missing(h)
	}
	return nil, err
}

// smallObject returns object h when it is small and loose: from memory,
// or read from its file, checked against its id, and kept. It returns nil
// otherwise (go-git then reads it, and reports what is wrong).
func (s *checkedStorage) smallObject(h plumbing.Hash) *plumbing.MemoryObject {
	s.mu.Lock()
	o := s.small[h]
	s.mu.Unlock()
	if o != nil {
		return o
	}
	t, data, ok := ReadLoose(s.objects, h.String(), maxSmallObject)
	if !ok {
		return nil
	}
	o = &plumbing.MemoryObject{}
	o.SetType(t)
	o.SetSize(int64(len(data)))
	if _, err := o.Write(data); err != nil || o.Hash() != h {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.small == nil || s.held+len(data) > maxSmallBytes {
		s.small, s.held = map[plumbing.Hash]*plumbing.MemoryObject{}, 0
	}
	s.small[h] = o
	s.held += len(data)
	return o
}

// corrupt describes object h as damaged: its loose file when there is one.
func (s *checkedStorage) corrupt(h plumbing.Hash, why string) error {
	hex := h.String()
	where := "in a pack file"
	if p := filepath.Join(s.objects, hex[:2], hex[2:]); exists(p) {
		where = p
	}
	return fmt.Errorf("%w: object %s (%s) cannot be read: %s", ErrCorrupt, hex, where, why)
}

// Missing describes object h, which something refers to, as missing.
func Missing(h plumbing.Hash) error {
	return fmt.Errorf("%w: object %s is missing", ErrCorrupt, h)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
