package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/testenv"
	"github.com/go-git/go-git/v5/plumbing"
)

// TestDamagedObjects damages, in turn, each object of round 2 (the draft's
// blob, the tree, the commit, the tag), by garbling its file or removing
// it. Reading round 2 then fails with ErrCorrupt naming the object; round 1
// stays readable; the listing of rounds says what is damaged rather than
// leaving the round out. (Before, a damaged tag or commit hid its round,
// and a damaged blob read as "draft.md is not in round 2".)
func TestDamagedObjects(t *testing.T) {
	for _, what := range []string{"blob", "tree", "commit", "tag"} {
		for _, how := range []string{"garbled", "missing"} {
			t.Run(what+"-"+how, func(t *testing.T) {
				r, dir := newRepo(t, nil)
				write(t, dir, "draft.md", "# A\n\nfirst\n")
				record(t, r, RoundOptions{Label: "one", Date: date("2024-11-14")})
				write(t, dir, "draft.md", "# A\n\nsecond\n")
				record(t, r, RoundOptions{Label: "two", Date: date("2024-12-19")})
				spec := map[string]string{"blob": "round/2:draft.md", "tree": "round/2^{tree}", "commit": "round/2^{commit}", "tag": "round/2"}[what]
				h := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", spec))
				damage(t, filepath.Join(dir, ".git", "objects", h[:2], h[2:]), how)

				r, err := Open(dir)
				if err != nil {
					t.Fatal(err)
				}
				wantCorrupt := func(op string, err error) {
					t.Helper()
					if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), h) {
						t.Errorf("%s: error %v, want ErrCorrupt naming %s", op, err, h)
					}
				}
				// the listing reads tags, commits and trees, not blobs
				if _, err = r.Rounds(); what != "blob" {
					wantCorrupt("Rounds", err)
				} else if err != nil {
					t.Errorf("Rounds: %v", err)
				}
				one, err := r.Resolve("1")
				if err != nil {
					t.Fatalf("Resolve(1): %v", err)
				}
				if data, err := r.FileAt(one, "draft.md"); err != nil || string(data) != "# A\n\nfirst\n" {
					t.Errorf("round 1's draft: %q, %v", data, err)
				}
				if files, err := r.DraftAt(one); err != nil || len(files) != 1 {
					t.Errorf("DraftAt(1): %v", err)
				}
				two, err := r.Resolve("2")
				if err == nil {
					_, err = r.DraftAt(two)
				}
				wantCorrupt("round 2", err)
				if _, err := r.Resolve("no such label"); !errors.Is(err, ErrUnknownRevision) {
					t.Errorf("an unknown label: %v", err)
				}
			})
		}
	}
}

// damage garbles the object file at p, or removes it.
func damage(t *testing.T, p, how string) {
	t.Helper()
	if how == "missing" {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	copy(data[min(5, len(data)-1):], "garbage")
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRecordOnDamagedHead: a round on top of a damaged or missing commit at
// HEAD fails with ErrCorrupt and writes nothing.
func TestRecordOnDamagedHead(t *testing.T) {
	for _, how := range []string{"garbled", "missing"} {
		r, dir := newRepo(t, nil)
		write(t, dir, "draft.md", "# A\n\nfirst\n")
		rd := record(t, r, RoundOptions{Label: "one"})
		h := plumbing.NewHash(rd.Commit).String()
		damage(t, filepath.Join(dir, ".git", "objects", h[:2], h[2:]), how)
		write(t, dir, "draft.md", "# A\n\nsecond\n")
		r, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.RecordRound(RoundOptions{Label: "two", Author: author})
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), h) {
			t.Errorf("%s: RecordRound: %v, want ErrCorrupt naming %s", how, err, h)
		}
		if head := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD")); head != h {
			t.Errorf("%s: HEAD moved to %s", how, head)
		}
	}
}

// TestInitAfterKilledInit: an init killed before it wrote HEAD leaves .git
// without it, which no git command can open; init makes the repository
// there again, as git init does, instead of failing with "run codraft init"
// for ever.
func TestInitAfterKilledInit(t *testing.T) {
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".git", "objects", "pack"), 0o777); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrNotRepository) {
		t.Fatalf("Open of a half-made repository: %v", err)
	}
	r, err := Init(dir, config.Default())
	if err != nil {
		t.Fatalf("Init over a half-made repository: %v", err)
	}
	write(t, dir, "draft.md", "# A\n")
	record(t, r, RoundOptions{Label: "one"})
	testenv.Git(t, dir, "fsck", "--strict", "--no-dangling")
}
