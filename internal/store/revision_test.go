package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/codraft/codraft/internal/testenv"
)

// revisionRepo makes a git repository with the git command line: a merge,
// branches, lightweight, annotated and nested tags, a remote-tracking
// branch and a packed ref. It returns its directory and git's id for each
// revision named.
func revisionRepo(t *testing.T) string {
	t.Helper()
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	testenv.Git(t, dir, "init", "-q", "-b", "main")
	commit := func(file, text, msg string) {
		write(t, dir, file, text)
		testenv.Git(t, dir, "add", file)
		testenv.Git(t, dir, "commit", "-q", "-m", msg)
	}
	commit("codraft.yaml", "title: Revisions\n", "config")
	commit("draft.md", "one\n", "first draft\n\nWorking-Group: WG1")
	testenv.Git(t, dir, "tag", "light")
	commit("draft.md", "two\n", "second draft")
	testenv.Git(t, dir, "tag", "-a", "-m", "annotated", "anno")
	testenv.Git(t, dir, "tag", "-a", "-m", "nested", "nest", "anno")
	testenv.Git(t, dir, "switch", "-q", "-c", "side", "light")
	commit("side.md", "side\n", "side work")
	testenv.Git(t, dir, "switch", "-q", "main")
	testenv.Git(t, dir, "merge", "-q", "--no-ff", "-m", "merge side", "side")
	commit("draft.md", "three\n", "third draft")
	testenv.Git(t, dir, "update-ref", "refs/remotes/origin/main", "HEAD~1")
	testenv.Git(t, dir, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
	testenv.Git(t, dir, "tag", "packed", "HEAD~2")
	testenv.Git(t, dir, "pack-refs", "--all")
	testenv.Git(t, dir, "tag", "-a", "-m", "on a tree", "treetag", "HEAD^{tree}")
	write(t, dir, "draft.md", "uncommitted\n")
	return dir
}

// The git revisions that go-git's Repository.ResolveRevision resolved, and
// that users type, resolve to the commit the git command line names, and
// to the one go-git named.
func TestResolveRevisionAsGit(t *testing.T) {
	dir := revisionRepo(t)
	r, err := openAt(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD"))
	merge := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD~1"))
	specs := []string{
		"HEAD", "@", "main", "heads/main", "refs/heads/main", "side", "light", "anno", "nest",
		"tags/anno", "refs/tags/nest", "packed", "origin/main", "origin", "refs/remotes/origin/main",
		"HEAD~", "HEAD~1", "HEAD~2", "HEAD~3", "@~2", "HEAD^", "HEAD^1", "HEAD~1^2", "HEAD^^", "HEAD~~",
		"HEAD~1^2~1", "HEAD^0", "main~0", "anno~1", "nest^", "side^", "anno^{}", "anno^{commit}",
		"nest^{commit}", "HEAD^{commit}", "HEAD^{/second}", "HEAD^{/^first}", "HEAD^{/!-third}",
		"side^{/work}", "HEAD^{/draft}~1",
		head, head[:4], head[:7], head[:12], strings.ToUpper(head[:8]), head + "~1", merge[:9] + "^2",
	}
	for _, spec := range specs {
		want := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "--verify", "-q", spec+"^{commit}"))
		h, err := r.resolveRevision(spec)
		if err != nil {
			t.Errorf("resolveRevision(%q): %v, want %s", spec, err, want)
			continue
		}
		if h.String() != want {
			t.Errorf("resolveRevision(%q) = %s, git says %s", spec, h, want)
		}
		if gh, err := g.ResolveRevision(plumbing.Revision(spec)); err == nil && gh.String() != want && spec != strings.ToUpper(head[:8]) {
			t.Errorf("go-git resolved %q to %s, not git's %s: the test's premise is wrong", spec, gh, want)
		}
	}
}

// Revisions that name no commit are errors: unknown names, refs out of
// the grammar, steps past the root, trees, files and reflogs.
func TestResolveRevisionErrors(t *testing.T) {
	dir := revisionRepo(t)
	r, err := openAt(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range []string{
		"", "nope", "refs/heads/nope", "HEAD~9", "HEAD^3", "side~5", "HEAD^{/no such message}",
		"HEAD^{tree}", "HEAD^{blob}", "treetag", "HEAD:draft.md", "HEAD@{1}", "@{-1}", "main@{u}",
		"../HEAD", "refs/../HEAD", "refs//heads/main", "main.", "main.lock", "ma in", "ma*n", "ma?n",
		"ma[n", "ma\\n", ".main", "/main", "HEAD^{nope}", "HEAD^{/!x}", "HEAD^{/(}", "HEAD^{", "HEAD!",
		"abc", "0000000000000000000000000000000000000000", "deadbeefdeadbeef",
	} {
		if h, err := r.resolveRevision(spec); err == nil {
			t.Errorf("resolveRevision(%q) = %s, want an error", spec, h)
		} else if errors.Is(err, ErrAmbiguous) {
			t.Errorf("resolveRevision(%q): %v, want no ambiguity", spec, err)
		}
	}
}

// An abbreviated id that starts the ids of two commits is ambiguous, unless
// a ref has that name; a longer one that starts one of them is not.
func TestResolveRevisionAmbiguous(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "base\n")
	base := record(t, r, RoundOptions{Label: "base"})
	parent := mustCommit(t, r, plumbing.NewHash(base.Commit))
	// commits on the same parent with different messages, until two ids
	// share their first four hex digits; both are written
	seen := map[string]*object.Commit{}
	var a, b plumbing.Hash
	for i := 0; a.IsZero(); i++ {
		c := &object.Commit{
			Author:       object.Signature{Name: "A", Email: "a@example.org"},
			Committer:    object.Signature{Name: "A", Email: "a@example.org"},
			Message:      fmt.Sprintf("trial %d\n", i),
			TreeHash:     parent.TreeHash,
			ParentHashes: []plumbing.Hash{parent.Hash},
		}
		h, err := r.plumb.WriteObject(c)
		if err != nil {
			t.Fatal(err)
		}
		if other, ok := seen[h.String()[:4]]; ok {
			a, b = other.Hash, h
		}
		c.Hash = h
		seen[h.String()[:4]] = c
	}
	prefix := a.String()[:4]
	_, err := r.resolveRevision(prefix)
	if !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), a.String()[:12]) || !strings.Contains(err.Error(), b.String()[:12]) {
		t.Errorf("resolveRevision(%q) = %v, want ErrAmbiguous naming %s and %s", prefix, err, a, b)
	}
	if _, err := r.Resolve(prefix); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("Resolve(%q) = %v, want ErrAmbiguous", prefix, err)
	}
	n := 4
	for a.String()[:n] == b.String()[:n] {
		n++
	}
	if h, err := r.resolveRevision(a.String()[:n]); err != nil || *h != a {
		t.Errorf("resolveRevision(%q) = %v, %v, want %s", a.String()[:n], h, err, a)
	}
	testenv.Git(t, dir, "branch", prefix, base.Commit)
	if h, err := r.resolveRevision(prefix); err != nil || h.String() != base.Commit {
		t.Errorf("resolveRevision(%q) with a branch of that name = %v, %v, want the branch's %s", prefix, h, err, base.Commit)
	}
}

func mustCommit(t *testing.T, r *Repo, h plumbing.Hash) *object.Commit {
	t.Helper()
	c, err := r.commitObject(h)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A linked worktree ("git worktree add") is a draft repository of its own
// branch: rounds recorded there are in the common repository, which git
// finds sound.
func TestLinkedWorktree(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "# A\n\none\n")
	record(t, r, RoundOptions{Label: "one"})
	linked := filepath.Join(t.TempDir(), "linked")
	testenv.Git(t, dir, "worktree", "add", "-q", "-b", "alt", linked)
	lr, err := Open(linked)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(linked, "draft.md"), []byte("# A\n\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rd := record(t, lr, RoundOptions{Label: "two"})
	if rd.Number != 2 {
		t.Errorf("round %d in the linked worktree, want 2", rd.Number)
	}
	if got := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "alt")); got != rd.Commit {
		t.Errorf("branch alt = %s, want %s", got, rd.Commit)
	}
	if got := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "main")); got == rd.Commit {
		t.Error("the round moved main, not the linked worktree's branch")
	}
	rev, err := lr.Resolve("HEAD~1")
	if err != nil || rev.Round == nil || rev.Round.Number != 1 {
		t.Errorf("Resolve(HEAD~1) in the linked worktree = %+v, %v, want round 1", rev, err)
	}
	testenv.Git(t, dir, "fsck", "--strict", "--no-dangling")
	if got := testenv.Git(t, linked, "status", "--porcelain"); got != "" {
		t.Errorf("git status --porcelain in the linked worktree = %q", got)
	}
}

// A clone that borrows its objects from another repository (git clone
// --shared: objects/info/alternates) reads the rounds it borrows.
func TestAlternates(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "# A\n\none\n")
	one := record(t, r, RoundOptions{Label: "one"})
	clone := filepath.Join(t.TempDir(), "clone")
	testenv.Git(t, dir, "clone", "-q", "--shared", dir, clone)
	if _, err := os.Stat(filepath.Join(clone, ".git", "objects", "info", "alternates")); err != nil {
		t.Fatal(err)
	}
	cr, err := Open(clone)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := cr.Resolve(one.Commit)
	if err != nil {
		t.Fatal(err)
	}
	data, err := cr.FileAt(rev, "draft.md")
	if err != nil || string(data) != "# A\n\none\n" {
		t.Errorf("FileAt = %q, %v", data, err)
	}
	write(t, clone, "draft.md", "# A\n\ntwo\n")
	if rd := record(t, cr, RoundOptions{Label: "two"}); rd.Number != 2 {
		t.Errorf("round %d in the clone, want 2", rd.Number)
	}
	testenv.Git(t, clone, "fsck", "--strict", "--no-dangling")
}

// shortHex accepts exactly what ^[0-9a-fA-F]{1,3}$ matches.
func TestShortHexAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-fA-F]{1,3}$`)
	alphabet := "09afAFgG/:@`\x10\x19 "
	cases := []string{""}
	for _, a := range alphabet {
		cases = append(cases, string(a))
		for _, b := range alphabet {
			cases = append(cases, string(a)+string(b), string(a)+string(b)+"0", string(a)+string(b)+"00")
		}
	}
	for _, s := range cases {
		if got, want := shortHex(s), re.MatchString(s); got != want {
			t.Errorf("shortHex(%q) = %v, want %v", s, got, want)
		}
	}
}
