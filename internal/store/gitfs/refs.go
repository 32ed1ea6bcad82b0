package gitfs

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Ref is a ref read from the git directory: its full name and the object it
// names, or why it cannot be read.
type Ref struct {
	Name plumbing.ReferenceName
	Hash plumbing.Hash
	// Err, when not nil, wraps ErrCorrupt: the ref's file is empty, or
	// holds neither an object id nor a symbolic ref.
	Err error
}

// isObjectID reports whether s is an object id as git writes it: 40 (or,
// for SHA-256, 64) lower-case hex digits.
func isObjectID(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// ListRefs lists the refs whose full names start with prefix
// ("refs/tags/round/"), loose and packed, a loose one winning over a packed
// one of the same name. Unlike go-git's iterators, one damaged ref does not
// stop the listing: it is listed with its Err. A symbolic ref is resolved.
func (r *Repo) ListRefs(prefix string) (map[plumbing.ReferenceName]Ref, error) {
	out := map[plumbing.ReferenceName]Ref{}
	if err := r.packedRefs(prefix, out); err != nil {
		return nil, err
	}
	root := filepath.Join(r.CommonDir, filepath.FromSlash(prefix))
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == root {
			return filepath.SkipDir
		}
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasSuffix(p, ".lock") || strings.HasPrefix(d.Name(), TempPrefix) {
			return nil
		}
		rel, err := filepath.Rel(r.CommonDir, p)
		if err != nil {
			return err
		}
		name := plumbing.ReferenceName(filepath.ToSlash(rel))
		out[name] = r.looseRef(name, p)
		return nil
	})
	if err != nil && !errors.Is(err, filepath.SkipDir) {
		return nil, fmt.Errorf("reading %s: %w", prefix, err)
	}
	return out, nil
}

// looseRef reads the loose ref file at p.
func (r *Repo) looseRef(name plumbing.ReferenceName, p string) Ref {
	ref := Ref{Name: name}
	data, err := os.ReadFile(p)
	if err != nil {
		ref.Err = fmt.Errorf("%w: the ref %s cannot be read: %v", ErrCorrupt, name, err)
		return ref
	}
	v := strings.TrimSpace(string(data))
	switch {
	case isObjectID(v):
		ref.Hash = plumbing.NewHash(v)
	case strings.HasPrefix(v, "ref: "):
		target, err := storer.ResolveReference(r.Storer, plumbing.ReferenceName(strings.TrimPrefix(v, "ref: ")))
		if err != nil {
			ref.Err = fmt.Errorf("%w: the ref %s is a symbolic ref to %s, which cannot be read: %v", ErrCorrupt, name, strings.TrimPrefix(v, "ref: "), err)
		} else {
			ref.Hash = target.Hash()
		}
	case v == "":
		ref.Err = fmt.Errorf("%w: the ref %s is empty", ErrCorrupt, name)
	default:
		ref.Err = fmt.Errorf("%w: the ref %s holds %q, not an object id", ErrCorrupt, name, shorten(v))
	}
	return ref
}

// packedRefs adds the packed refs under prefix to out.
func (r *Repo) packedRefs(prefix string, out map[plumbing.ReferenceName]Ref) error {
	f, err := os.Open(filepath.Join(r.CommonDir, "packed-refs"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' || line[0] == '^' {
			continue
		}
		id, name, ok := strings.Cut(line, " ")
		if !ok || !strings.HasPrefix(name, prefix) {
			continue
		}
		ref := Ref{Name: plumbing.ReferenceName(name)}
		if isObjectID(id) {
			ref.Hash = plumbing.NewHash(id)
		} else {
			ref.Err = fmt.Errorf("%w: the packed ref %s holds %q, not an object id", ErrCorrupt, name, shorten(id))
		}
		out[ref.Name] = ref
	}
	return sc.Err()
}

// BranchRef reads the ref a branch name leads to: the commit it names, zero
// when the branch has no commit yet (an unborn branch). A ref that exists
// but holds no object id, a symbolic ref (a loop included), or a packed one
// that is garbled, is an error saying what the ref holds.
func (r *Repo) BranchRef(name plumbing.ReferenceName) (plumbing.Hash, error) {
	p := filepath.Join(r.CommonDir, filepath.FromSlash(name.String()))
	if _, err := os.Lstat(p); err == nil {
		data, err := os.ReadFile(p)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("reading %s: %w", name, err)
		}
		v := strings.TrimSpace(string(data))
		if strings.HasPrefix(v, "ref: ") {
			return plumbing.ZeroHash, fmt.Errorf("%s is a symbolic ref to %s, not a commit id", name, shorten(strings.TrimPrefix(v, "ref: ")))
		}
		if !isObjectID(v) {
			return plumbing.ZeroHash, fmt.Errorf("%s holds %q, not a commit id", name, shorten(v))
		}
		return plumbing.NewHash(v), nil
	}
	refs := map[plumbing.ReferenceName]Ref{}
	if err := r.packedRefs(name.String(), refs); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("reading packed-refs: %w", err)
	}
	if ref, ok := refs[name]; ok {
		if ref.Err != nil {
			return plumbing.ZeroHash, fmt.Errorf("%s in packed-refs holds no commit id", name)
		}
		return ref.Hash, nil
	}
	return plumbing.ZeroHash, nil
}

// shorten cuts a value quoted in a message to a few dozen bytes.
func shorten(s string) string {
	if len(s) > 48 {
		return s[:48] + "..."
	}
	return s
}
