package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/store/gitfs"
	"github.com/codraft/codraft/internal/testenv"
	"github.com/codraft/codraft/internal/textcheck"
	"github.com/google/go-cmp/cmp"
)

var author = Signature{Name: "Ada Drafter", Email: "ada@example.org"}

func date(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func newRepo(t *testing.T, cfg *config.Config) (*Repo, string) {
	t.Helper()
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	if cfg == nil {
		cfg = config.Default()
		cfg.WorkingGroups = []config.WorkingGroup{{ID: "WG1", Name: "One"}, {ID: "WG2", Name: "Two"}}
	}
	r, err := Init(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r, dir
}

func record(t *testing.T, r *Repo, opts RoundOptions) Round {
	t.Helper()
	if opts.Author.IsZero() {
		opts.Author = author
	}
	rd, err := r.RecordRound(opts)
	if err != nil {
		t.Fatalf("RecordRound(%+v): %v", opts, err)
	}
	return rd
}

func TestRoundsReadWithGit(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "# Code\n\nFirst.\n")
	write(t, dir, "notes.txt", "not a draft\n")
	write(t, dir, "README.md", "# About\n")
	rd1 := record(t, r, RoundOptions{Label: "first draft", Date: date("2024-11-14"), WorkingGroups: []string{"WG1", "WG2 (measure-1-1, measure-1-2)"}, Message: "Kick-off text."})
	if rd1.Number != 1 || rd1.Tag != "round/1" || rd1.Label != "first draft" {
		t.Errorf("first round = %+v", rd1)
	}
	write(t, dir, "draft.md", "# Code\n\nSecond.\n")
	write(t, dir, "annex.md", "# Annex\n")
	rd2 := record(t, r, RoundOptions{Label: "second draft", Date: date("2024-12-19")})
	os.Remove(filepath.Join(dir, "annex.md"))
	record(t, r, RoundOptions{Label: "third draft", Date: date("2025-03-11")})

	log := testenv.Git(t, dir, "log", "--format=%s|%an|%ad", "--date=short")
	want := "Round 3: third draft|Ada Drafter|2025-03-11\nRound 2: second draft|Ada Drafter|2024-12-19\nRound 1: first draft|Ada Drafter|2024-11-14\n"
	if diff := cmp.Diff(want, log); diff != "" {
		t.Errorf("git log mismatch (-want +got):\n%s", diff)
	}
	if got := testenv.Git(t, dir, "show", "round/2:draft.md"); got != "# Code\n\nSecond.\n" {
		t.Errorf("git show round/2:draft.md = %q", got)
	}
	if got := testenv.Git(t, dir, "ls-tree", "--name-only", "round/2"); got != "annex.md\ncodraft.yaml\ndraft.md\n" {
		t.Errorf("round 2 tree = %q", got)
	}
	if got := testenv.Git(t, dir, "ls-tree", "--name-only", "round/3"); got != "codraft.yaml\ndraft.md\n" {
		t.Errorf("round 3 tree = %q (annex.md should be deleted)", got)
	}
	if got := testenv.Git(t, dir, "cat-file", "-t", "round/1"); got != "tag\n" {
		t.Errorf("round/1 is a %q, want an annotated tag", got)
	}
	trailers := testenv.Git(t, dir, "log", "-1", "--format=%(trailers)", "round/1")
	if want := "Codraft-Round: 1\nWorking-Group: WG1\nWorking-Group: WG2 (measure-1-1, measure-1-2)\n\n"; trailers != want {
		t.Errorf("trailers = %q, want %q", trailers, want)
	}
	testenv.Git(t, dir, "fsck", "--strict", "--no-dangling")
	if got := testenv.Git(t, dir, "status", "--porcelain"); got != "?? README.md\n?? notes.txt\n" {
		t.Errorf("git status --porcelain = %q", got)
	}

	rounds, err := r.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rd := range rounds {
		got = append(got, rd.Tag+" "+rd.Label+" "+rd.Date.Format(time.RFC3339)+" "+strings.Join(rd.Files, ",")+" "+strings.Join(rd.WorkingGroups, ";"))
	}
	wantRounds := []string{
		"round/1 first draft 2024-11-14T00:00:00Z draft.md WG1;WG2 (measure-1-1, measure-1-2)",
		"round/2 second draft 2024-12-19T00:00:00Z annex.md,draft.md ",
		"round/3 third draft 2025-03-11T00:00:00Z draft.md ",
	}
	if diff := cmp.Diff(wantRounds, got); diff != "" {
		t.Errorf("Rounds mismatch (-want +got):\n%s", diff)
	}
	if rounds[0].Message != "Kick-off text." || rounds[1].Commit != rd2.Commit {
		t.Errorf("round 1 message %q, round 2 commit %s want %s", rounds[0].Message, rounds[1].Commit, rd2.Commit)
	}
}

func TestOtherFilesAndIndexUntouched(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "one\n")
	write(t, dir, "other.txt", "staged elsewhere\n")
	testenv.Git(t, dir, "add", "other.txt")
	record(t, r, RoundOptions{Label: "one"})
	if got := testenv.Git(t, dir, "ls-tree", "--name-only", "HEAD"); got != "codraft.yaml\ndraft.md\n" {
		t.Errorf("round tree = %q, want only codraft.yaml and draft.md", got)
	}
	if got := testenv.Git(t, dir, "status", "--porcelain"); got != "A  other.txt\n" {
		t.Errorf("git status --porcelain = %q, want other.txt still staged", got)
	}
	testenv.Git(t, dir, "commit", "-q", "-m", "add other")
	testenv.Git(t, dir, "update-index", "--index-version", "4")
	write(t, dir, "other.txt", "edited, not staged\n")
	write(t, dir, "sub/x.md", "not a draft: documents is *.md at the root\n")
	write(t, dir, "draft.md", "two\n")
	record(t, r, RoundOptions{Label: "two"})
	if got := testenv.Git(t, dir, "status", "--porcelain"); got != " M other.txt\n?? sub/\n" {
		t.Errorf("git status --porcelain = %q", got)
	}
	if got := testenv.Git(t, dir, "show", "HEAD:other.txt"); got != "staged elsewhere\n" {
		t.Errorf("other.txt in round 2 = %q", got)
	}
	testenv.Git(t, dir, "fsck", "--strict", "--no-dangling")
}

func TestGlobsBelowRoot(t *testing.T) {
	cfg := config.Default()
	cfg.Documents = []string{"parts/**/*.md"}
	r, dir := newRepo(t, cfg)
	write(t, dir, "parts/a.md", "a\n")
	write(t, dir, "parts/deep/b.md", "b\n")
	write(t, dir, "top.md", "not matched\n")
	record(t, r, RoundOptions{Label: "one"})
	files, err := r.DraftAt(mustResolve(t, r, "1"))
	if err != nil {
		t.Fatal(err)
	}
	want := []File{{Path: "parts/a.md", Data: []byte("a\n")}, {Path: "parts/deep/b.md", Data: []byte("b\n")}}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("DraftAt mismatch (-want +got):\n%s", diff)
	}
	wt, err := r.DraftAt(r.Worktree())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, wt); diff != "" {
		t.Errorf("DraftAt(worktree) mismatch (-want +got):\n%s", diff)
	}
	testenv.Git(t, dir, "fsck", "--strict", "--no-dangling")
	if got := testenv.Git(t, dir, "status", "--porcelain"); got != "?? top.md\n" {
		t.Errorf("git status --porcelain = %q", got)
	}
}

func mustResolve(t *testing.T, r *Repo, spec string) Rev {
	t.Helper()
	rev, err := r.Resolve(spec)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", spec, err)
	}
	return rev
}

func TestPlainGitRounds(t *testing.T) {
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	testenv.Git(t, dir, "init", "-q", "-b", "main")
	write(t, dir, "codraft.yaml", "title: T\n")
	write(t, dir, "code.md", "# One\n")
	testenv.Git(t, dir, "add", ".")
	testenv.Git(t, dir, "commit", "-q", "-m", "First draft")
	testenv.Git(t, dir, "tag", "round/1")
	write(t, dir, "code.md", "# Two\n")
	testenv.Git(t, dir, "commit", "-q", "-am", "Second draft\n\nWorking-Group: WG2")
	testenv.Git(t, dir, "tag", "-a", "-m", "second", "round/2")
	testenv.Git(t, dir, "tag", "round/x")
	testenv.Git(t, dir, "tag", "round/03")

	r, err := Open(filepath.Join(dir))
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := r.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	if len(rounds) != 2 || rounds[0].Label != "First draft" || rounds[1].Label != "Second draft" ||
		!cmp.Equal(rounds[1].WorkingGroups, []string{"WG2"}) || !cmp.Equal(rounds[1].Files, []string{"code.md"}) {
		t.Fatalf("Rounds = %+v", rounds)
	}
	for _, spec := range []string{"2", "round/2", "Second draft", "second DRAFT", "HEAD", "main", rounds[1].Commit[:10]} {
		rev := mustResolve(t, r, spec)
		if rev.Round == nil || rev.Round.Number != 2 || rev.Commit != rounds[1].Commit {
			t.Errorf("Resolve(%q) = %+v, want round 2", spec, rev)
		}
	}
	if rev := mustResolve(t, r, "HEAD~1"); rev.Round == nil || rev.Round.Number != 1 {
		t.Errorf("Resolve(HEAD~1) = %+v, want round 1", rev)
	}
	data, err := r.FileAt(mustResolve(t, r, "1"), "code.md")
	if err != nil || string(data) != "# One\n" {
		t.Errorf("FileAt(1, code.md) = %q, %v", data, err)
	}
	// The next round recorded by codraft is round 3, on top of git's,
	// with every ref and object packed by git gc.
	testenv.Git(t, dir, "gc", "-q")
	write(t, dir, "code.md", "# Three\n")
	rd := record(t, r, RoundOptions{Label: "third"})
	if rd.Number != 3 {
		t.Errorf("next round = %d, want 3", rd.Number)
	}
	testenv.Git(t, dir, "fsck", "--strict", "--no-dangling")
	if got := testenv.Git(t, dir, "status", "--porcelain"); got != "" {
		t.Errorf("git status --porcelain = %q", got)
	}
}

func TestResolveErrors(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "one\n")
	record(t, r, RoundOptions{Label: "draft"})
	write(t, dir, "draft.md", "two\n")
	record(t, r, RoundOptions{Label: "draft"})
	write(t, dir, "draft.md", "three\n")
	record(t, r, RoundOptions{Label: "final"})
	tests := []struct {
		spec string
		err  error
		msg  string
	}{
		{"draft", ErrAmbiguous, `ambiguous revision: label "draft" names rounds 1 (round/1), 2 (round/2); use a round number`},
		{"9", ErrUnknownRevision, `unknown revision "9": there is no round 9`},
		{"round/9", ErrUnknownRevision, `unknown revision "round/9": not a round number, round tag, round label or git revision`},
		{"nope", ErrUnknownRevision, `unknown revision "nope": not a round number, round tag, round label or git revision`},
		{"", ErrUnknownRevision, `unknown revision: empty revision`},
	}
	for _, tt := range tests {
		_, err := r.Resolve(tt.spec)
		if !errors.Is(err, tt.err) || err.Error() != tt.msg {
			t.Errorf("Resolve(%q) = %v, want %q", tt.spec, err, tt.msg)
		}
	}
	if rev := mustResolve(t, r, "final"); rev.Round.Number != 3 {
		t.Errorf("Resolve(final) = round %d", rev.Round.Number)
	}
}

func TestNothingChangedAndAmend(t *testing.T) {
	r, dir := newRepo(t, nil)
	_, err := r.RecordRound(RoundOptions{Author: author})
	if !errors.Is(err, ErrNoDraftFiles) {
		t.Errorf("first round without drafts: %v, want ErrNoDraftFiles", err)
	}
	write(t, dir, "draft.md", "one\n")
	record(t, r, RoundOptions{Label: "one"})
	_, err = r.RecordRound(RoundOptions{Author: author, Label: "again"})
	if !errors.Is(err, ErrNothingChanged) || !strings.Contains(err.Error(), "since round 1") {
		t.Errorf("unchanged round: %v, want ErrNothingChanged since round 1", err)
	}
	rd := record(t, r, RoundOptions{Label: "empty", AllowEmpty: true, Date: date("2024-12-19")})
	if rd.Number != 2 {
		t.Errorf("--allow-empty round = %d", rd.Number)
	}
	write(t, dir, "draft.md", "two, fixed\n")
	am := record(t, r, RoundOptions{Amend: true, Message: "fixed a typo"})
	if am.Number != 2 || am.Label != "empty" || am.Commit == rd.Commit || !am.Date.Equal(rd.Date) {
		t.Errorf("amended round = %+v", am)
	}
	if got := testenv.Git(t, dir, "show", "round/2:draft.md"); got != "two, fixed\n" {
		t.Errorf("round/2:draft.md = %q", got)
	}
	if got := testenv.Git(t, dir, "rev-list", "--count", "HEAD"); got != "2\n" {
		t.Errorf("commits on HEAD = %q, want 2", got)
	}
	// A changed codraft.yaml is a change.
	cfg, _ := r.Config()
	cfg.Title = "New title"
	os.WriteFile(filepath.Join(dir, "codraft.yaml"), cfg.Marshal(), 0o644)
	record(t, r, RoundOptions{Label: "retitled"})

	// --amend refuses once the round is on a remote-tracking branch.
	testenv.Git(t, dir, "update-ref", "refs/remotes/origin/main", "HEAD")
	_, err = r.RecordRound(RoundOptions{Author: author, Amend: true})
	if !errors.Is(err, ErrPushed) || !strings.Contains(err.Error(), "origin/main") {
		t.Errorf("amend after push: %v, want ErrPushed naming origin/main", err)
	}
	// ... and when the round is not the tip.
	testenv.Git(t, dir, "commit", "-q", "--allow-empty", "-m", "later")
	_, err = r.RecordRound(RoundOptions{Author: author, Amend: true})
	if err == nil || !strings.Contains(err.Error(), "not the last commit") {
		t.Errorf("amend below tip: %v", err)
	}
	testenv.Git(t, dir, "fsck", "--strict", "--no-dangling")
}

func TestRecordRoundRefuses(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "one\n")
	if _, err := r.RecordRound(RoundOptions{}); !errors.Is(err, ErrNoAuthor) {
		t.Errorf("no author: %v", err)
	}
	if _, err := r.RecordRound(RoundOptions{Author: author, WorkingGroups: []string{"WG9"}}); !errors.Is(err, ErrBadWorkingGroup) || !strings.Contains(err.Error(), "WG1, WG2") {
		t.Errorf("unknown working group: %v", err)
	}
	record(t, r, RoundOptions{Label: "one"})
	testenv.Git(t, dir, "checkout", "-q", "--detach")
	write(t, dir, "draft.md", "two\n")
	if _, err := r.RecordRound(RoundOptions{Author: author}); !errors.Is(err, ErrDetachedHead) {
		t.Errorf("detached HEAD: %v", err)
	}
	before := testenv.Git(t, dir, "for-each-ref")
	for _, tt := range []struct {
		content string
		err     error
	}{
		{"bin\x00ary\n", textcheck.ErrBinary},
		{"caf\xe9\n", textcheck.ErrNotText},
	} {
		testenv.Git(t, dir, "checkout", "-q", "main")
		write(t, dir, "draft.md", tt.content)
		_, err := r.RecordRound(RoundOptions{Author: author})
		if !errors.Is(err, tt.err) || !strings.HasPrefix(err.Error(), "draft.md: ") {
			t.Errorf("draft %q: %v, want %v naming draft.md", tt.content, err, tt.err)
		}
	}
	if after := testenv.Git(t, dir, "for-each-ref"); after != before {
		t.Errorf("refs changed by failed rounds:\n%s\n%s", before, after)
	}
}

func TestDraftAtChecks(t *testing.T) {
	cfg := config.Default()
	cfg.Limits.MaxFileBytes = 10
	r, dir := newRepo(t, cfg)
	write(t, dir, "a.md", "short\n")
	write(t, dir, "b.md", "much too long\n")
	_, err := r.DraftAt(r.Worktree())
	if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "b.md: file too large: 14 bytes is over the limit of 10 bytes") {
		t.Errorf("DraftAt(worktree) = %v", err)
	}
	testenv.Git(t, dir, "add", ".")
	testenv.Git(t, dir, "commit", "-q", "-m", "plain")
	_, err = r.DraftAt(mustResolve(t, r, "HEAD"))
	if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "HEAD:b.md: ") {
		t.Errorf("DraftAt(HEAD) = %v", err)
	}
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		data string
		max  int64
		want string
	}{
		{"ok\n", 0, ""},
		{"\ufeffBOM is fine\n", 100, ""},
		{"a\nb\x00", 0, "f.md: binary file (NUL byte at line 2); a draft file must be UTF-8 text"},
		{"12345", 4, "f.md: file too large: 5 bytes is over the limit of 4 bytes (limits.max_file_bytes in codraft.yaml)"},
	}
	for _, tt := range tests {
		err := CheckText("f.md", []byte(tt.data), tt.max)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("CheckText(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func TestOpenAndInit(t *testing.T) {
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	if _, err := Open(dir); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Open(empty dir) = %v", err)
	}
	testenv.Git(t, dir, "init", "-q")
	if _, err := Open(dir); !errors.Is(err, ErrNotInitialised) {
		t.Errorf("Open(git repo) = %v", err)
	}
	r, err := Init(dir, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "a", "b")
	os.MkdirAll(sub, 0o777)
	r2, err := Open(sub)
	if err != nil || r2.Root() != r.Root() {
		t.Errorf("Open(sub) = %v, %v", r2, err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "codraft.yaml"))
	if _, err := Init(dir, &config.Config{Title: "other"}); !errors.Is(err, ErrAlreadyInitialised) {
		t.Errorf("second Init = %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "codraft.yaml"))
	if string(before) != string(after) {
		t.Errorf("second Init changed codraft.yaml")
	}
	// A fresh Init makes the branch "main" unless git's config says otherwise.
	fresh := t.TempDir()
	if _, err := Init(fresh, config.Default()); err != nil {
		t.Fatal(err)
	}
	if got := testenv.Git(t, fresh, "symbolic-ref", "HEAD"); got != "refs/heads/main\n" {
		t.Errorf("HEAD = %q", got)
	}
}

func TestRepairFinishesUntaggedRound(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "one\n")
	record(t, r, RoundOptions{Label: "one"})
	write(t, dir, "draft.md", "two\n")
	rd := record(t, r, RoundOptions{Label: "two"})
	// As if killed between the branch and the tag.
	testenv.Git(t, dir, "tag", "-d", "round/2")
	// As if killed while holding the lock files.
	for _, lock := range []string{"index.lock", "refs/heads/main.lock"} {
		tmp := filepath.Join(dir, ".git", gitfs.TempPrefix+strings.ReplaceAll(lock, "/", "%2F"))
		write(t, filepath.Join(dir, ".git"), filepath.Base(tmp), "junk\n")
		if err := os.Link(tmp, filepath.Join(dir, ".git", lock)); err != nil {
			t.Fatal(err)
		}
	}
	if rounds, _ := r.Rounds(); len(rounds) != 1 {
		t.Fatalf("rounds before repair: %d", len(rounds))
	}
	write(t, dir, "draft.md", "three\n")
	rd3 := record(t, r, RoundOptions{Label: "three"})
	if rd3.Number != 3 {
		t.Errorf("next round = %d, want 3", rd3.Number)
	}
	if got := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "round/2^{commit}")); got != rd.Commit {
		t.Errorf("round/2 = %s, want %s", got, rd.Commit)
	}
	for _, lock := range []string{"index.lock", "refs/heads/main.lock"} {
		if _, err := os.Stat(filepath.Join(dir, ".git", lock)); err == nil {
			t.Errorf("%s left behind", lock)
		}
	}
	testenv.Git(t, dir, "fsck", "--strict", "--no-dangling")
}

func TestForeignLockFileRefuses(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "one\n")
	write(t, dir, ".git/index.lock", "git holds this\n")
	_, err := r.RecordRound(RoundOptions{Author: author})
	if err == nil || !strings.Contains(err.Error(), "index.lock exists") {
		t.Errorf("with git's index.lock: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "index.lock")); err != nil {
		t.Errorf("git's index.lock was removed")
	}
}

func TestLockTimeout(t *testing.T) {
	r, dir := newRepo(t, nil)
	write(t, dir, "draft.md", "one\n")
	unlock, err := r.lock()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	r2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	r2.LockTimeout = 100 * time.Millisecond
	_, err = r2.RecordRound(RoundOptions{Author: author})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("RecordRound while locked = %v, want ErrLocked", err)
	}
}

func TestRoundMessage(t *testing.T) {
	_, msg := roundMessage(4, "final", "Text.\n\nSigned-off-by: A <a@b>", []string{"WG1"})
	if want := "Round 4: final\n\nText.\n\nSigned-off-by: A <a@b>\nCodraft-Round: 4\nWorking-Group: WG1\n"; msg != want {
		t.Errorf("roundMessage = %q, want %q", msg, want)
	}
}
