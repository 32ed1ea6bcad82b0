package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/testenv"
)

// TestNoDraftFiles: a round with no draft file is refused; --allow-empty
// records one that keeps the previous round's files.
func TestNoDraftFiles(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "# A\n\none\n")
	record(t, r, RoundOptions{Label: "one"})
	before := testenv.Git(t, dir, "for-each-ref")
	if err := os.Remove(filepath.Join(dir, "draft.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := r.RecordRound(RoundOptions{Author: author, Label: "two"}); !errors.Is(err, ErrNoDraftFiles) {
		t.Errorf("a round with no draft file: %v, want ErrNoDraftFiles", err)
	}
	if after := testenv.Git(t, dir, "for-each-ref"); after != before {
		t.Errorf("a refused round changed the refs:\n%s\n%s", before, after)
	}
	rd := record(t, r, RoundOptions{Label: "two", AllowEmpty: true})
	if got := testenv.Git(t, dir, "ls-tree", "--name-only", "round/2"); got != "codraft.yaml\ndraft.md\n" {
		t.Errorf("round 2 holds %q, want the previous draft kept", got)
	}
	if rd.Number != 2 {
		t.Errorf("round %d, want 2", rd.Number)
	}
}

// TestDamagedBranchRef: a branch ref that holds no commit id, or a loop of
// symbolic refs, is refused and left as it was (a root commit was recorded
// over it before).
func TestDamagedBranchRef(t *testing.T) {
	for name, content := range map[string]string{
		"garbage": "zzzz\n",
		"empty":   "",
		"short":   "abcd\n",
		"loop":    "ref: refs/heads/main\n",
	} {
		t.Run(name, func(t *testing.T) {
			r, dir := newRepo(t, nil)
			write(t, dir, "draft.md", "# A\n\none\n")
			record(t, r, RoundOptions{Label: "one"})
			write(t, dir, "draft.md", "# A\n\ntwo\n")
			ref := filepath.Join(dir, ".git", "refs", "heads", "main")
			if err := os.WriteFile(ref, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := r.RecordRound(RoundOptions{Author: author, Label: "two"})
			if !errors.Is(err, ErrBadBranch) || !strings.HasPrefix(err.Error(), "the branch ref is damaged: refs/heads/main ") {
				t.Errorf("RecordRound = %v, want ErrBadBranch naming refs/heads/main", err)
			}
			if data, _ := os.ReadFile(ref); string(data) != content {
				t.Errorf("the branch ref now holds %q, want %q as it was", data, content)
			}
			if got := testenv.Git(t, dir, "tag", "-l"); got != "round/1\n" {
				t.Errorf("tags %q", got)
			}
		})
	}
}

// TestRoundTagBounds: a round tag past MaxRound, or a plain tag round/N on a
// commit off the first-parent history of HEAD, is no round; the next round
// is numbered from the rounds on that history, and a tag in its way stops
// it before anything is written.
func TestRoundTagBounds(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "# A\n\none\n")
	record(t, r, RoundOptions{Label: "one"})
	testenv.Git(t, dir, "tag", "round/9223372036854775807", "HEAD")
	testenv.Git(t, dir, "tag", "round/1000001", "HEAD")
	testenv.Git(t, dir, "checkout", "-q", "-b", "side")
	testenv.Git(t, dir, "commit", "-q", "--allow-empty", "-m", "unrelated")
	testenv.Git(t, dir, "tag", "round/3")
	testenv.Git(t, dir, "checkout", "-q", "main")

	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := r.Rounds()
	if err != nil || len(rounds) != 1 || rounds[0].Number != 1 {
		t.Fatalf("Rounds = %+v, %v; want round 1 alone", rounds, err)
	}
	want := []string{
		"the tag round/1000001 is not a round: round numbers end at 1000000",
		"the tag round/3 is not a round: commit ",
		"the tag round/9223372036854775807 is not a round: round numbers end at 1000000",
	}
	got := r.Warnings()
	if len(got) != len(want) {
		t.Fatalf("warnings %q, want %d", got, len(want))
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, w)
		}
		if !found {
			t.Errorf("no warning %q in %q", w, got)
		}
	}
	if _, err := r.Resolve("3"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("Resolve(3) = %v: a plain tag off the history is a round", err)
	}

	write(t, dir, "draft.md", "# A\n\ntwo\n")
	if rd := record(t, r, RoundOptions{Label: "two"}); rd.Number != 2 {
		t.Errorf("next round %d, want 2 (the overflowing tag made it negative before)", rd.Number)
	}
	write(t, dir, "draft.md", "# A\n\nthree\n")
	head := testenv.Git(t, dir, "rev-parse", "HEAD")
	_, err = r.RecordRound(RoundOptions{Author: author, Label: "three"})
	if !errors.Is(err, ErrTagExists) || !strings.Contains(err.Error(), "round/3 is on commit ") {
		t.Errorf("round 3 with round/3 taken off the history: %v, want ErrTagExists", err)
	}
	if now := testenv.Git(t, dir, "rev-parse", "HEAD"); now != head {
		t.Errorf("a refused round moved HEAD")
	}
	testenv.Git(t, dir, "tag", "-d", "round/3")
	if rd := record(t, r, RoundOptions{Label: "three"}); rd.Number != 3 {
		t.Errorf("round %d, want 3", rd.Number)
	}
}

// TestDamagedTagRef: an empty tag ref, or one naming a missing object, only
// breaks what needs its round.
func TestDamagedTagRef(t *testing.T) {
	for _, how := range []string{"empty", "missing"} {
		t.Run(how, func(t *testing.T) {
			r, dir := newRepo(t, nil)
			for _, s := range []string{"one", "two", "three"} {
				write(t, dir, "draft.md", "# A\n\n"+s+"\n")
				record(t, r, RoundOptions{Label: s})
			}
			ref := filepath.Join(dir, ".git", "refs", "tags", "round", "2")
			content := ""
			if how == "missing" {
				content = strings.Repeat("ab", 20) + "\n"
			}
			if err := os.WriteFile(ref, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			rounds, err := r.Rounds()
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("Rounds error %v, want ErrCorrupt", err)
			}
			if len(rounds) != 3 || rounds[1].Damaged == nil || rounds[0].Damaged != nil || rounds[2].Label != "three" {
				t.Errorf("Rounds = %+v, want three with round 2 damaged", rounds)
			}
			for _, spec := range []string{"1", "3", "three", "round/3:draft.md"} {
				rev, path, err := r.ResolveFile(spec)
				if err == nil {
					_, err = r.DraftAt(rev)
				}
				if err != nil {
					t.Errorf("%s (%s): %v", spec, path, err)
				}
			}
			if _, err := r.Resolve("2"); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Resolve(2) = %v, want ErrCorrupt", err)
			}
			write(t, dir, "draft.md", "# A\n\nfour\n")
			if rd := record(t, r, RoundOptions{Label: "four"}); rd.Number != 4 {
				t.Errorf("round %d, want 4", rd.Number)
			}
		})
	}
}
