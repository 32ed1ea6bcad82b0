package gitfs

import (
	"bytes"
	"compress/zlib"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/codraft/codraft/internal/testenv"
)

// Small loose objects are read straight from their files and kept: they
// are the objects go-git reads, of every type; an object whose content
// does not hash to its id, or that is packed, is left to go-git.
func TestSmallObjects(t *testing.T) {
	testenv.NeedGit(t)
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	testenv.Git(t, dir, "init", "-q", "-b", "main")
	for i, text := range []string{"first draft\n", "second draft\n"} {
		if err := os.WriteFile(filepath.Join(dir, "draft.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		testenv.Git(t, dir, "add", "draft.md")
		testenv.Git(t, dir, "commit", "-q", "-m", []string{"one", "two"}[i])
	}
	r, err := Open(filepath.Join(dir, ".git"), filepath.Join(dir, ".git"))
	if err != nil {
		t.Fatal(err)
	}
	objects := filepath.Join(dir, ".git", "objects")
	s := r.Storer.(*checkedStorage)
	rev := func(name string) plumbing.Hash {
		return plumbing.NewHash(strings.TrimSpace(testenv.Git(t, dir, "rev-parse", name)))
	}
	for _, c := range []struct {
		name string
		t    plumbing.ObjectType
	}{{"HEAD", plumbing.CommitObject}, {"HEAD^{tree}", plumbing.TreeObject}, {"HEAD:draft.md", plumbing.BlobObject}} {
		h := rev(c.name)
		want := testenv.Git(t, dir, "cat-file", c.t.String(), h.String())
		for range 2 { // read, then kept
			o, err := s.EncodedObject(plumbing.AnyObject, h)
			if err != nil {
				t.Fatal(err)
			}
			if o.Type() != c.t || string(content(t, o)) != want {
				t.Errorf("%s: %s %q, want %s %q", c.name, o.Type(), content(t, o), c.t, want)
			}
		}
		if s.small[h] == nil {
			t.Errorf("%s is not kept", c.name)
		}
		if _, err := s.EncodedObject(plumbing.TagObject, h); err == nil {
			t.Errorf("%s read as a tag", c.name)
		}
	}

	// the blob of the first commit, its file rewritten with the content
	// of another: not the object named, so go-git reads it
	old := rev("HEAD^:draft.md")
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte("blob 11\x00not a draft"))
	zw.Close()
	p := filepath.Join(objects, old.String()[:2], old.String()[2:])
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := s.smallObject(old); o != nil {
		t.Errorf("a file holding another object's content was read as %s", old)
	}

	// packed: not loose, left to go-git, which reads it
	testenv.Git(t, dir, "gc", "-q", "--prune=now")
	head := rev("HEAD")
	s.small = nil
	if o := s.smallObject(head); o != nil {
		t.Error("a packed object was read as loose")
	}
	if o, err := s.EncodedObject(plumbing.CommitObject, head); err != nil || o.Hash() != head {
		t.Errorf("packed commit: %v", err)
	}
}

func content(t *testing.T, o plumbing.EncodedObject) []byte {
	t.Helper()
	rd, err := o.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(rd); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
