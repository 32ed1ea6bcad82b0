package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/testenv"
)

// The loose-object reader and go-git's reader agree on every blob, and a
// blob that is packed, damaged or too large falls back to go-git's reader,
// whose errors say what is wrong.
func TestReadDraftBlobLooseAndPacked(t *testing.T) {
	dir := lgRepo(t)
	body := strings.Repeat("# Section\n\nSome text of the draft, ünïcode and all.\n\n", 2000)
	lgCommit(t, dir, "draft.md", body, "a")
	hex := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD:draft.md"))
	e := DraftEntry{Path: "draft.md", Blob: hex}
	objects := filepath.Join(dir, ".git", "objects")
	loose := filepath.Join(objects, hex[:2], hex[2:])
	if _, err := os.Stat(loose); err != nil {
		t.Fatalf("the blob is not loose: %v", err)
	}
	if data, ok := readLooseBlob(objects, hex, 0); !ok || string(data) != body {
		t.Fatalf("readLooseBlob = %d bytes, %v; want the %d bytes committed", len(data), ok, len(body))
	}
	if _, ok := readLooseBlob(objects, hex, int64(len(body)-1)); ok {
		t.Error("readLooseBlob read a blob over the limit")
	}
	r := lgOpen(t, dir)
	if _, err := r.ReadDraftBlob(e, "HEAD:draft.md", int64(len(body)-1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a blob over the limit: %v, want ErrTooLarge", err)
	}

	// a commit is not a blob: the loose reader declines it
	if _, ok := readLooseBlob(objects, strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD")), 0); ok {
		t.Error("readLooseBlob read a commit as a blob")
	}

	// packed: go-git reads it
	testenv.Git(t, dir, "gc", "-q", "--prune=now")
	if _, err := os.Stat(loose); err == nil {
		t.Fatal("git gc left the blob loose")
	}
	if _, ok := readLooseBlob(objects, hex, 0); ok {
		t.Error("readLooseBlob read a packed blob")
	}
	if data, err := lgOpen(t, dir).ReadDraftBlob(e, "HEAD:draft.md", 0); err != nil || string(data) != body {
		t.Errorf("packed: ReadDraftBlob = %d bytes, %v", len(data), err)
	}
}

func TestReadDraftBlobDamagedLoose(t *testing.T) {
	dir := lgRepo(t)
	lgCommit(t, dir, "draft.md", "# A\n\nText.\n", "a")
	hex := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD:draft.md"))
	loose := filepath.Join(dir, ".git", "objects", hex[:2], hex[2:])
	data, err := os.ReadFile(loose)
	if err != nil {
		t.Fatal(err)
	}
	// cut the stream short: the content and its checksum are missing
	if err := os.Chmod(loose, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(loose, data[:len(data)-6], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := readLooseBlob(filepath.Join(dir, ".git", "objects"), hex, 0); ok {
		t.Error("readLooseBlob read a truncated object")
	}
	if _, err := lgOpen(t, dir).ReadDraftBlob(DraftEntry{Path: "draft.md", Blob: hex}, "HEAD:draft.md", 0); err == nil {
		t.Error("ReadDraftBlob read a truncated object without an error")
	}
}
