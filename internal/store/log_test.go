package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/testenv"
)

// lgRepo makes a git repository with the git command line, isolated from
// the machine's configuration, with codraft.yaml committed.
func lgRepo(t *testing.T) string {
	t.Helper()
	testenv.NeedGit(t)
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	testenv.Git(t, dir, "init", "-q", "-b", "main")
	lgWrite(t, dir, "codraft.yaml", "documents: [\"*.md\"]\n")
	testenv.Git(t, dir, "add", "codraft.yaml")
	testenv.Git(t, dir, "commit", "-q", "-m", "config")
	return dir
}

func lgWrite(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func lgCommit(t *testing.T, dir, file, content, msg string) string {
	t.Helper()
	lgWrite(t, dir, file, content)
	testenv.Git(t, dir, "add", file)
	testenv.Git(t, dir, "commit", "-q", "-m", msg)
	return strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD"))
}

func lgOpen(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// historyRepo has a first-parent line, a side branch merged into it, and
// a commit after the merge:
//
//	config - a - b ------ m - d
//	          \          /
//	           c1 - c2 -'
func historyRepo(t *testing.T) (dir string, ids map[string]string) {
	dir = lgRepo(t)
	ids = map[string]string{"config": strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD"))}
	ids["a"] = lgCommit(t, dir, "draft.md", "# A\n", "a")
	testenv.Git(t, dir, "switch", "-q", "-c", "side")
	ids["c1"] = lgCommit(t, dir, "annex.md", "# C1\n", "c1")
	ids["c2"] = lgCommit(t, dir, "annex.md", "# C2\n", "c2")
	testenv.Git(t, dir, "switch", "-q", "main")
	ids["b"] = lgCommit(t, dir, "draft.md", "# B\n", "b")
	testenv.Git(t, dir, "merge", "-q", "--no-ff", "-m", "m", "side")
	ids["m"] = strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD"))
	ids["d"] = lgCommit(t, dir, "draft.md", "# D\n", "d\n\nWorking-Group: WG1")
	return dir, ids
}

func TestCommitsBetween(t *testing.T) {
	dir, ids := historyRepo(t)
	r := lgOpen(t, dir)
	names := map[string]string{}
	for k, v := range ids {
		names[v] = k
	}
	tests := []struct {
		from, to string
		want     []string
	}{
		{"", "d", []string{"config", "a", "b", "c1", "c2", "m", "d"}},
		{"a", "d", []string{"b", "c1", "c2", "m", "d"}},
		{"b", "d", []string{"c1", "c2", "m", "d"}},
		{"c2", "d", []string{"b", "m", "d"}},
		{"m", "d", []string{"d"}},
		{"d", "d", nil},
		{"d", "a", nil},
		{"c1", "b", []string{"b"}},
	}
	for _, tt := range tests {
		from := ""
		if tt.from != "" {
			from = ids[tt.from]
		}
		cs, err := r.CommitsBetween(from, ids[tt.to])
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cs {
			got = append(got, names[c.Hash])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("CommitsBetween(%s, %s) mismatch (-want +got):\n%s", tt.from, tt.to, diff)
		}
		// the same set as git rev-list
		spec := ids[tt.to]
		if from != "" {
			spec = from + ".." + spec
		}
		revs := strings.Fields(testenv.Git(t, dir, "rev-list", spec))
		if len(revs) != len(cs) {
			t.Errorf("%s..%s: git rev-list lists %d commits, CommitsBetween %d", tt.from, tt.to, len(revs), len(cs))
		}
	}
	cs, err := r.CommitsBetween("", ids["d"])
	if err != nil {
		t.Fatal(err)
	}
	m := cs[5]
	if m.Hash != ids["m"] || !cmp.Equal(m.Parents, []string{ids["b"], ids["c2"]}) || m.Message != "m\n" {
		t.Errorf("merge commit = %+v", m)
	}
	if cs[6].Message != "d\n\nWorking-Group: WG1\n" {
		t.Errorf("message of d = %q", cs[6].Message)
	}
}

func TestCommitsBetweenShallow(t *testing.T) {
	dir, ids := historyRepo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	testenv.Git(t, dir, "clone", "-q", "--depth", "1", "file://"+dir, clone)
	r := lgOpen(t, clone)
	if _, err := r.CommitsBetween("", ids["d"]); !errors.Is(err, ErrShallow) {
		t.Errorf("whole history of a shallow clone: err = %v, want ErrShallow", err)
	}
	testenv.Git(t, clone, "fetch", "-q", "--deepen", "1")
	r = lgOpen(t, clone)
	cs, err := r.CommitsBetween(ids["m"], ids["d"])
	if err != nil || len(cs) != 1 || cs[0].Hash != ids["d"] {
		t.Errorf("m..d in a clone of depth 2 = %v, %v", cs, err)
	}
}

func TestLastRoundBefore(t *testing.T) {
	dir, ids := historyRepo(t)
	r := lgOpen(t, dir)
	if rd, err := r.LastRoundBefore(ids["d"]); err != nil || rd != nil {
		t.Errorf("no round tags: %v, %v", rd, err)
	}
	testenv.Git(t, dir, "tag", "round/1", ids["a"])
	testenv.Git(t, dir, "tag", "-a", "-m", "Round 2", "round/2", ids["c1"])
	testenv.Git(t, dir, "tag", "round/3", ids["d"])
	tests := map[string]int{"d": 2, "m": 2, "b": 1, "c2": 2, "c1": 1, "a": 0, "config": 0}
	for at, want := range tests {
		rd, err := r.LastRoundBefore(ids[at])
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		if rd != nil {
			got = rd.Number
		}
		if got != want {
			t.Errorf("LastRoundBefore(%s) = round %d, want %d", at, got, want)
		}
	}
}

func TestDraftEntriesAndIndex(t *testing.T) {
	dir, ids := historyRepo(t)
	r := lgOpen(t, dir)
	cfg := config.Default()
	es, err := r.DraftEntries(ids["m"], cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []DraftEntry{
		{"annex.md", strings.TrimSpace(testenv.Git(t, dir, "rev-parse", ids["m"]+":annex.md"))},
		{"draft.md", strings.TrimSpace(testenv.Git(t, dir, "rev-parse", ids["m"]+":draft.md"))},
	}
	if diff := cmp.Diff(want, es); diff != "" {
		t.Errorf("DraftEntries mismatch (-want +got):\n%s", diff)
	}
	data, err := r.ReadDraftBlob(es[1], "m:draft.md", cfg.Limits.MaxFileBytes)
	if err != nil || string(data) != "# B\n" {
		t.Errorf("ReadDraftBlob = %q, %v", data, err)
	}

	// The index, and an index of its own as a hook gets it.
	lgWrite(t, dir, "draft.md", "# Staged\n")
	lgWrite(t, dir, "new.md", "# New\n")
	testenv.Git(t, dir, "add", "draft.md")
	testenv.Git(t, dir, "add", "--intent-to-add", "new.md")
	env := func(string) string { return "" }
	idx := r.IndexFile(env, dir)
	es, err = r.IndexDraftEntries(idx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[1].Path != "draft.md" || es[1].Blob != strings.TrimSpace(testenv.Git(t, dir, "rev-parse", ":draft.md")) {
		t.Errorf("IndexDraftEntries = %+v", es)
	}
	other := filepath.Join(t.TempDir(), "other-index")
	cmd := testenv.GitCommand(t, dir, "read-tree", ids["a"])
	cmd.Env = append(os.Environ(), "GIT_INDEX_FILE="+other)
	testenv.Run(t, cmd)
	idx = r.IndexFile(func(k string) string {
		if k == "GIT_INDEX_FILE" {
			return "../" + filepath.Base(filepath.Dir(other)) + "/other-index"
		}
		return ""
	}, dir)
	if idx != other {
		t.Errorf("IndexFile = %s, want %s", idx, other)
	}
	es, err = r.IndexDraftEntries(idx, cfg)
	if err != nil || len(es) != 1 || es[0].Blob != strings.TrimSpace(testenv.Git(t, dir, "rev-parse", ids["a"]+":draft.md")) {
		t.Errorf("IndexDraftEntries(GIT_INDEX_FILE) = %+v, %v", es, err)
	}
	if c, err := r.IndexConfig(idx); err != nil || c == nil {
		t.Errorf("IndexConfig = %v, %v", c, err)
	}
}

func TestMergeHeads(t *testing.T) {
	dir, _ := historyRepo(t)
	r := lgOpen(t, dir)
	if hs, err := r.MergeHeads(); err != nil || hs != nil {
		t.Errorf("MergeHeads outside a merge = %v, %v", hs, err)
	}
	testenv.Git(t, dir, "switch", "-q", "-c", "other", "HEAD~1")
	lgCommit(t, dir, "third.md", "# T\n", "t")
	testenv.Git(t, dir, "merge", "-q", "--no-commit", "--no-ff", "main")
	hs, err := r.MergeHeads()
	if err != nil || len(hs) != 1 || hs[0] != strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "main")) {
		t.Errorf("MergeHeads = %v, %v", hs, err)
	}
}

func TestHeadCommit(t *testing.T) {
	dir := lgRepo(t)
	r := lgOpen(t, dir)
	if h, err := r.HeadCommit(); err != nil || h != strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD")) {
		t.Errorf("HeadCommit = %s, %v", h, err)
	}
	testenv.Git(t, dir, "switch", "-q", "--orphan", "empty")
	if h, err := r.HeadCommit(); err != nil || h != "" {
		t.Errorf("HeadCommit on an unborn branch = %q, %v", h, err)
	}
}

func TestInstallHook(t *testing.T) {
	dir := lgRepo(t)
	r := lgOpen(t, dir)
	ours := func(b []byte) bool { return strings.Contains(string(b), "# codraft hook") }
	script := []byte("#!/bin/sh\n# codraft hook\nexit 0\n")
	path := filepath.Join(dir, ".git", "hooks", "commit-msg")

	res, err := r.InstallHook("commit-msg", script, ours, false)
	if err != nil || res.Path != path || res.Unchanged || res.Replaced || res.Saved != "" {
		t.Fatalf("first install = %+v, %v", res, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("hook mode = %v, %v", fi, err)
	}
	if res, err := r.InstallHook("commit-msg", script, ours, false); err != nil || !res.Unchanged {
		t.Errorf("second install = %+v, %v", res, err)
	}
	v2 := []byte("#!/bin/sh\n# codraft hook\nexit 1\n")
	if res, err := r.InstallHook("commit-msg", v2, ours, false); err != nil || !res.Replaced {
		t.Errorf("update = %+v, %v", res, err)
	}

	foreign := []byte("#!/bin/sh\necho mine\n")
	if err := os.WriteFile(path, foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := r.InstallHook("commit-msg", script, ours, false); !errors.Is(err, ErrForeignHook) {
		t.Errorf("over a foreign hook: err = %v, want ErrForeignHook", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(foreign) {
		t.Errorf("the foreign hook was changed: %q", got)
	}
	res, err = r.InstallHook("commit-msg", script, ours, true)
	if err != nil || res.Saved != path+".before-codraft" {
		t.Fatalf("forced install = %+v, %v", res, err)
	}
	if got, _ := os.ReadFile(res.Saved); string(got) != string(foreign) {
		t.Errorf("saved hook = %q", got)
	}

	// core.hooksPath, relative to the worktree root
	testenv.Git(t, dir, "config", "core.hooksPath", ".githooks")
	r = lgOpen(t, dir)
	res, err = r.InstallHook("commit-msg", script, ours, false)
	if err != nil || res.Path != filepath.Join(dir, ".githooks", "commit-msg") {
		t.Errorf("install with core.hooksPath = %+v, %v", res, err)
	}
}
