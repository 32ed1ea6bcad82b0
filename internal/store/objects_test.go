package store

import (
	"os"
	"path/filepath"
	"testing"

	git "github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"

	"github.com/codraft/codraft/internal/testenv"
)

// The merged git configuration gives what go-git's ConfigScoped gave for
// the settings codraft reads (user.name, user.email, core.hooksPath), with
// each set in the repository, globally, in both or in neither.
func TestGitConfigAsConfigScoped(t *testing.T) {
	type setting struct{ key, local, global string }
	cases := [][]setting{
		{},
		{{"user.name", "Local Name", ""}, {"user.email", "", "global@example.org"}},
		{{"user.name", "Local Name", "Global Name"}, {"user.email", "local@example.org", "global@example.org"}},
		{{"core.hooksPath", "", "/global/hooks"}},
		{{"core.hooksPath", ".githooks", "/global/hooks"}, {"user.name", "", "Global Name"}},
	}
	for i, settings := range cases {
		home := testenv.SetGitEnv(t)
		dir := t.TempDir()
		testenv.Git(t, dir, "init", "-q", "-b", "main")
		if err := os.WriteFile(filepath.Join(home, ".gitconfig"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, s := range settings {
			if s.local != "" {
				testenv.Git(t, dir, "config", s.key, s.local)
			}
			if s.global != "" {
				testenv.Git(t, dir, "config", "--global", s.key, s.global)
			}
		}
		r, err := openAt(dir)
		if err != nil {
			t.Fatal(err)
		}
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
		gotHooks, wantHooks := got.Raw.Section("core").Option("hooksPath"), want.Raw.Section("core").Option("hooksPath")
		if gotHooks != wantHooks {
			t.Errorf("case %d: core.hooksPath %q, go-git's %q", i, gotHooks, wantHooks)
		}
	}
}
