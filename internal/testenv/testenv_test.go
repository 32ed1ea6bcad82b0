package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// recorder stands in for a test, to see what the helpers tell it: the
// first Fatalf and Skip are kept, and neither stops the caller.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	if r.fatal == "" {
		r.fatal = fmt.Sprintf(format, args...)
	}
}

func (r *recorder) Skip(args ...any) {
	if r.skip == "" {
		r.skip = fmt.Sprint(args...)
	}
}

// TestGitVars: the variables themselves, HOME inside the directory given.
func TestGitVars(t *testing.T) {
	home := filepath.Join("some", "home")
	vars := GitVars(home)
	want := map[string]string{
		"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config"), "GIT_CONFIG_NOSYSTEM": "1", "TZ": "UTC",
		"GIT_AUTHOR_NAME": "Git User", "GIT_AUTHOR_EMAIL": "git@example.org", "GIT_AUTHOR_DATE": GitDate,
		"GIT_COMMITTER_NAME": "Git User", "GIT_COMMITTER_EMAIL": "git@example.org", "GIT_COMMITTER_DATE": GitDate,
	}
	if len(vars) != len(want) {
		t.Errorf("GitVars has %d variables, want %d: %v", len(vars), len(want), vars)
	}
	for k, v := range want {
		if vars[k] != v {
			t.Errorf("GitVars[%s] = %q, want %q", k, vars[k], v)
		}
	}
}

// TestEnviron: the variables come after the process environment, so that
// they win, in a fixed order.
func TestEnviron(t *testing.T) {
	t.Setenv("CODRAFT_TESTENV_X", "machine")
	env := Environ(map[string]string{"CODRAFT_TESTENV_X": "test", "A_FIRST": "1"})
	n := len(os.Environ())
	if len(env) != n+2 {
		t.Fatalf("Environ has %d entries, want %d", len(env), n+2)
	}
	if got := env[n:]; got[0] != "A_FIRST=1" || got[1] != "CODRAFT_TESTENV_X=test" {
		t.Errorf("Environ ends with %q", got)
	}
}

// TestSetGitEnv: git reads no configuration but the one in the new HOME,
// and signs with the fixed identity and date.
func TestSetGitEnv(t *testing.T) {
	NeedGit(t)
	home := SetGitEnv(t)
	if os.Getenv("HOME") != home || os.Getenv("GIT_AUTHOR_DATE") != GitDate {
		t.Fatalf("SetGitEnv did not set the process environment: HOME=%q", os.Getenv("HOME"))
	}
	if entries, err := os.ReadDir(home); err != nil || len(entries) != 0 {
		t.Fatalf("HOME %s is not an empty directory: %v %v", home, entries, err)
	}
	dir := t.TempDir()
	if got := Git(t, dir, "config", "--list", "--show-origin", "--includes"); got != "" {
		t.Errorf("git reads configuration outside the test:\n%s", got)
	}
	// the HOME given is the one git reads
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte("[codraft]\n\tprobe = home\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Git(t, dir, "config", "--get", "codraft.probe"); got != "home\n" {
		t.Errorf("git config --get codraft.probe = %q, want the value from HOME", got)
	}
	for _, who := range []string{"AUTHOR", "COMMITTER"} {
		if got := Git(t, dir, "var", "GIT_"+who+"_IDENT"); got != "Git User <git@example.org> 1727784000 +0000\n" {
			t.Errorf("git var GIT_%s_IDENT = %q", who, got)
		}
	}
}

// TestCommitIDsFixed: the same commit made twice, in two repositories and
// with the environment given through cmd.Env, has the same id.
func TestCommitIDsFixed(t *testing.T) {
	NeedGit(t)
	commit := func() string {
		dir := t.TempDir()
		env := Environ(GitVars(t.TempDir()))
		for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"commit", "-q", "--allow-empty", "-m", "first"}} {
			cmd := GitCommand(t, dir, args...)
			cmd.Env = env
			Run(t, cmd)
		}
		cmd := GitCommand(t, dir, "rev-parse", "HEAD")
		cmd.Env = env
		return strings.TrimSpace(Run(t, cmd))
	}
	if a, b := commit(), commit(); a != b || len(a) != 40 {
		t.Errorf("two identical commits have ids %q and %q", a, b)
	}
}

// TestGitFails: a failing git fails the test, naming the command and
// showing git's message.
func TestGitFails(t *testing.T) {
	NeedGit(t)
	SetGitEnv(t)
	r := &recorder{TB: t}
	Git(r, t.TempDir(), "rev-parse", "--verify", "no-such-ref")
	if !strings.HasPrefix(r.fatal, "git rev-parse --verify no-such-ref: exit status ") || !strings.Contains(r.fatal, "fatal:") {
		t.Errorf("Fatalf message %q", r.fatal)
	}
}

// TestNeedGit: without git on PATH, the test is skipped with a reason.
func TestNeedGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if HasGit() {
		t.Fatal("HasGit is true with an empty PATH")
	}
	r := &recorder{TB: t}
	GitCommand(r, t.TempDir(), "status")
	if r.skip != "git is not installed" {
		t.Errorf("skip message %q", r.skip)
	}
}

// TestWithin: the watchdog passes a function that returns, reports one that
// panics, and one that does not return in time. The hanging function is
// held on a channel until the watchdog has spoken, so the outcome does not
// depend on the machine's speed.
func TestWithin(t *testing.T) {
	r := &recorder{TB: t}
	ran := false
	Within(r, time.Minute, "quick", func() { ran = true })
	if !ran || r.fatal != "" {
		t.Errorf("quick: ran=%v, Fatalf %q", ran, r.fatal)
	}

	r = &recorder{TB: t}
	Within(r, time.Minute, "boom", func() { panic("bad input") })
	if r.fatal != "boom: panic: bad input" {
		t.Errorf("panic: Fatalf %q", r.fatal)
	}

	r = &recorder{TB: t}
	release := make(chan struct{})
	defer close(release)
	Within(r, time.Millisecond, "hang", func() { <-release })
	if r.fatal != "hang: no result after 1ms: a hang, or time growing with the square of the input" {
		t.Errorf("hang: Fatalf %q", r.fatal)
	}
}
