package gitfs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplaceLocked: a write goes through git's lock file and leaves none;
// a failing check leaves the target as it was; a lock file held by someone
// else refuses the write.
func TestReplaceLocked(t *testing.T) {
	dir := t.TempDir()
	if err := replaceLocked(dir, "refs/heads/main", []byte("one\n"), nil); err != nil {
		t.Fatal(err)
	}
	moved := errors.New("moved")
	if err := replaceLocked(dir, "refs/heads/main", []byte("two\n"), func() error { return moved }); err != moved {
		t.Errorf("failing check: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "refs", "heads", "main")); string(data) != "one\n" {
		t.Errorf("after a failed check the ref holds %q", data)
	}
	if err := os.WriteFile(filepath.Join(dir, "refs", "heads", "main.lock"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := replaceLocked(dir, "refs/heads/main", []byte("three\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "main.lock exists: another git process seems to be writing") {
		t.Errorf("foreign lock: %v", err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
}

// TestCleanTemps: what a killed writer left (its temporary file and the
// lock file linked to it) goes; a lock file of git's own stays.
func TestCleanTemps(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, TempPrefix+"index.lock")
	if err := os.WriteFile(tmp, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(tmp, filepath.Join(dir, "index.lock")); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "HEAD.lock"), []byte("git's"), 0o644); err != nil {
		t.Fatal(err)
	}
	cleanTemps(dir)
	for name, want := range map[string]bool{TempPrefix + "index.lock": false, "index.lock": false, "HEAD.lock": true} {
		if _, err := os.Stat(filepath.Join(dir, name)); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", name, err == nil, want)
		}
	}
}
