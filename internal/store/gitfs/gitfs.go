// Package gitfs writes a git repository's files the way git does: objects,
// trees, the index, and refs through git's lock files, under codraft's
// writer lock; and it reports an object that cannot be read as damage. It
// knows nothing of rounds; package store builds rounds on it.
package gitfs

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// LockFile is the file in the git directory that writing commands lock.
const LockFile = "codraft.lock"

// ErrLocked is wrapped by the error of Lock when another process holds the
// writer lock past the timeout.
var ErrLocked = errors.New("another codraft process is writing to this repository")

// Repo is a git repository opened for writing.
type Repo struct {
	// Storer is go-git's storage of the repository (objects, refs,
	// configuration), its objects checked: an object that cannot be read
	// is ErrCorrupt.
	Storer storage.Storer
	// GitDir holds HEAD and the index; CommonDir the refs and objects (it
	// differs in a linked worktree).
	GitDir, CommonDir string
}

// Lock takes the writer lock, waiting up to timeout for another writer. It
// returns the function that releases it.
func (r *Repo) Lock(timeout time.Duration) (func(), error) {
	return lockRepo(filepath.Join(r.CommonDir, LockFile), timeout)
}

// CleanTemps removes what a killed writer left: temporary files and the
// git lock files made from them. It must run under the writer lock.
func (r *Repo) CleanTemps() {
	cleanTemps(r.GitDir)
	if r.CommonDir != r.GitDir {
		cleanTemps(r.CommonDir)
	}
}

// Entry is one non-tree entry of a flattened git tree.
type Entry struct {
	Mode filemode.FileMode
	Hash plumbing.Hash
}

// Flatten lists the non-tree entries of a commit's tree by slash path.
func (r *Repo) Flatten(c *object.Commit) (map[string]Entry, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", c.Hash, err)
	}
	out := map[string]Entry{}
	w := object.NewTreeWalker(tree, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading commit %s: %w", c.Hash, err)
		}
		if e.Mode == filemode.Dir {
			continue
		}
		out[name] = Entry{Mode: e.Mode, Hash: e.Hash}
	}
	return out, nil
}

// Encoder is a git object that can encode itself (a commit, a tree, a tag).
type Encoder interface {
	Encode(plumbing.EncodedObject) error
}

// WriteObject stores an object unless the repository has it already.
func (r *Repo) WriteObject(o Encoder) (plumbing.Hash, error) {
	obj := &plumbing.MemoryObject{}
	if err := o.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.storeObject(obj)
}

// WriteBlob stores a blob unless the repository has it already.
func (r *Repo) WriteBlob(data []byte) (plumbing.Hash, error) {
	obj := &plumbing.MemoryObject{}
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	if _, err := obj.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.storeObject(obj)
}

func (r *Repo) storeObject(obj *plumbing.MemoryObject) (plumbing.Hash, error) {
	h := obj.Hash()
	if r.Storer.HasEncodedObject(h) == nil {
		return h, nil
	}
	before := r.tempObjects()
	if _, err := r.Storer.SetEncodedObject(obj); err != nil {
		r.removeNewTempObjects(before)
		return plumbing.ZeroHash, fmt.Errorf("writing object %s: %w", h, err)
	}
	return h, nil
}

// dirNode is a directory while a tree is built.
type dirNode struct {
	files map[string]Entry
	dirs  map[string]*dirNode
}

func newDirNode() *dirNode { return &dirNode{files: map[string]Entry{}, dirs: map[string]*dirNode{}} }

// WriteTree writes the trees for flattened entries and returns the root's
// hash. Empty directories are left out.
func (r *Repo) WriteTree(entries map[string]Entry) (plumbing.Hash, error) {
	root := newDirNode()
	for p, e := range entries {
		d := root
		parts := strings.Split(p, "/")
		for _, dir := range parts[:len(parts)-1] {
			sub, ok := d.dirs[dir]
			if !ok {
				sub = newDirNode()
				d.dirs[dir] = sub
			}
			d = sub
		}
		d.files[parts[len(parts)-1]] = e
	}
	h, _, err := r.writeDir(root)
	return h, err
}

func (r *Repo) writeDir(d *dirNode) (plumbing.Hash, bool, error) {
	var es []object.TreeEntry
	for name, sub := range d.dirs {
		h, ok, err := r.writeDir(sub)
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		if ok {
			es = append(es, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
		}
	}
	for name, e := range d.files {
		es = append(es, object.TreeEntry{Name: name, Mode: e.Mode, Hash: e.Hash})
	}
	sort.Sort(object.TreeEntrySorter(es))
	h, err := r.WriteObject(&object.Tree{Entries: es})
	return h, len(es) > 0, err
}

// UpdateRef points the ref (a full name: refs/heads/main) at h through
// git's lock file. check, when not nil, runs while the lock is held (to
// compare the old value) and aborts the write when it fails.
func (r *Repo) UpdateRef(name plumbing.ReferenceName, h plumbing.Hash, check func() error) error {
	return replaceLocked(r.CommonDir, name.String(), []byte(h.String()+"\n"), check)
}
