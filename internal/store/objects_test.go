package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"

	"github.com/codraft/codraft/internal/testenv"
)

// The merged git configuration gives what go-git's ConfigScoped gave for
// user.name and user.email, with each set in the repository, globally, in
// both or in neither.
func TestGitConfigAsConfigScoped(t *testing.T) {
	// each setting is {key, repository's value, global value}
	cases := [][][3]string{
		{},
		{{"user.name", "Local Name", ""}, {"user.email", "", "global@example.org"}},
		{{"user.name", "Local Name", "Global Name"}, {"user.email", "local@example.org", "global@example.org"}},
		{{"user.name", "", "Global Name"}},
	}
	for i, settings := range cases {
		dir, r := configuredRepo(t, settings...)
		got, err := r.gitConfig()
		if err != nil {
			t.Fatal(err)
		}
		g, err := git.PlainOpen(dir)
		if err != nil {
			t.Fatal(err)
		}
		want, err := g.ConfigScoped(gitconfig.GlobalScope)
		if err != nil {
			t.Fatal(err)
		}
		if got.User != want.User {
			t.Errorf("case %d: user %+v, go-git's %+v", i, got.User, want.User)
		}
	}
}

// HooksDir is where git itself runs hooks from (git rev-parse --git-path
// hooks), with core.hooksPath set in the repository, globally, in both or
// in neither, relative, absolute or under "~/".
func TestHooksDirAsGit(t *testing.T) {
	cases := []struct{ local, global string }{
		{"", ""},
		{".githooks", ""},
		{"", "/global/hooks"},
		{"", "~/hooks"},
		{".githooks", "/global/hooks"},
		{"/local/hooks", "~/hooks"},
	}
	for i, c := range cases {
		dir, r := configuredRepo(t, [3]string{"core.hooksPath", c.local, c.global})
		got, err := r.HooksDir()
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "--git-path", "hooks"))
		if !filepath.IsAbs(want) {
			want = filepath.Join(dir, want)
		}
		if got != filepath.Clean(want) {
			t.Errorf("case %d (local %q, global %q): hooks in %s, git's %s", i, c.local, c.global, got, want)
		}
	}
}

// configuredRepo makes a repository, in a fresh home with an empty global
// configuration, with each {key, local value, global value} set where its
// value is not empty, and opens it.
func configuredRepo(t *testing.T, settings ...[3]string) (string, *Repo) {
	t.Helper()
	home := testenv.SetGitEnv(t)
	dir := t.TempDir()
	testenv.Git(t, dir, "init", "-q", "-b", "main")
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		if s[1] != "" {
			testenv.Git(t, dir, "config", s[0], s[1])
		}
		if s[2] != "" {
			testenv.Git(t, dir, "config", "--global", s[0], s[2])
		}
	}
	r, err := openAt(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, r
}
