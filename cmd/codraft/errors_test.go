package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/cli"
)

// goInternals are words of Go's own errors that a user should never read.
var goInternals = regexp.MustCompile(`strconv\.|Parse(Int|Float|Bool)|invalid syntax|unmarshal|!!str|!!int|%!|<nil>|runtime error|goroutine|\*errors\.|\*fs\.|\bos\.|yaml:`)

// TestErrorsHaveOneHint runs every error path it lists and checks that
// each exits 2 with one "codraft: error:" line, exactly one
// "codraft: hint:" line, and no wording of Go's internals.
func TestErrorsHaveOneHint(t *testing.T) {
	dir, home := t.TempDir(), t.TempDir()
	env := testEnv(home)
	files := map[string]string{
		"old.md":                     "# Code\n\n## Measure 2.1 Risk\n\nProviders shall estimate risk.\n",
		"new.md":                     "# Code\n\n## Measure 2.1 Risk\n\nProviders should estimate risk.\n",
		"latin1.md":                  "# A\n\ncaf\xe9\n",
		"nul.md":                     "# A\n\x00\n",
		"repo/draft.md":              "# Code\n\n## Definitions\n\nA model.\n",
		"plain/README.md":            "not a draft repository\n",
		"badcfg/codraft.yaml":        "limits:\n  max_sections: lots\n",
		"src/01-2020-01-01-early.md": "# Code\n\nEarly.\n",
		"empty/.keep":                "",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) (int, string) {
		ios, _, _, errOut := cli.Test()
		ios.Dir = dir
		ios.Env = func(k string) string { return env[k] }
		return cli.Run(ios, args), errOut.String()
	}
	mustRun := func(args ...string) {
		if code, stderr := run(args...); code != 0 {
			t.Fatalf("codraft %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	mustRun("init", "repo", "--wg", "WG1=One", "--wg", "WG2=Two")
	mustRun("-C", "repo", "round", "first", "--date", "2024-11-14", "--wg", "WG1")
	if err := os.MkdirAll(filepath.Join(dir, "badcfg", ".git"), 0o777); err != nil {
		t.Fatal(err)
	}

	for _, args := range [][]string{
		// usage
		{"nope"},
		{"dif", "old.md", "new.md"},
		{"diff", "old.md", "new.md", "--formt", "json"},
		{"diff", "old.md", "new.md", "--context", "abc"},
		{"diff", "old.md", "new.md", "--color", "sometimes"},
		{"diff", "old.md", "new.md", "--format", "pdf"},
		{"diff", "a", "b", "c"},
		{"diff", "old.md", "new.md", "-o", "r.pdf"},
		{"summary", "old.md", "new.md", "--format", "html"},
		{"summary", "--all", "1"},
		{"export", "old.md", "new.md"},
		{"export", "old.md", "new.md", "-o", "r.pdf"},
		{"export", "old.md", "new.md", "-o", "r"},
		{"export", "old.md", "new.md", "-o", "r.txt"},
		{"export", "old.md", "new.md", "-o", "r.md", "--layout", "side-by-side"},
		{"export", "old.md", "new.md", "-o", "r.html", "--layout", "diagonal"},
		{"rounds", "--format", "yaml"},
		{"check", "--format", "xml"},
		{"log"},
		{"site"},
		{"init", "x", "--wg", "WG1"},
		{"round", "--date", "yesterday"},
		{"show"},
		{"hooks"},
		// files
		{"diff", "old.md", "nope.md"},
		{"diff", "nope.md", "old.md"},
		{"diff", "old.md", "latin1.md"},
		{"diff", "old.md", "nul.md"},
		{"diff", "old.md"},
		{"diff", "old.md", "new.md", "-o", "/nonexistent/dir/x.json"},
		{"diff", "old.md", "new.md", "--section", "9.9"},
		{"diff", "old.md", "new.md", "--section", "nothing-like-this"},
		{"diff", "old.md", "new.md", "--wg", "WG1"},
		{"summary", "old.md", "new.md", "--section", "risky"},
		{"export", "old.md", "new.md", "-o", "r.html", "--section", "nope"},
		{"import", "nope/"},
		{"import", "empty"},
		// repositories
		{"-C", "nowhere", "diff"},
		{"-C", "plain", "rounds"},
		{"-C", "badcfg", "rounds"},
		{"-C", "repo", "diff", "7"},
		{"-C", "repo", "show", "7"},
		{"-C", "repo", "show", "1", "nope.md"},
		{"-C", "repo", "diff", "1", "--wg", "WG9"},
		{"-C", "repo", "diff", "1", "--wg", "WG2"},
		{"-C", "repo", "diff", "1", "--section", "defintions"},
		{"-C", "repo", "round", "--wg", "WG1 (a"},
		{"-C", "repo", "round", "--wg", "WG9"},
		{"-C", "repo", "round", "second", "--wg", "WG1 (no-such-section)"},
		{"-C", "repo", "round", "second"},
		{"-C", "repo", "import", "../src", "--init"},
		{"-C", "repo", "import", "../src"},
		{"-C", "repo", "import", "../src", "--wg", "WG1 (nothing)"},
		{"-C", "repo", "log", "--section", "nothing"},
		{"-C", "repo", "blame", "7"},
		{"-C", "repo", "summary", "--all"},
		{"-C", "repo", "check", "--from", "nope"},
	} {
		code, stderr := run(args...)
		name := strings.Join(args, " ")
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		errs, hints := 0, 0
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "codraft: error: "):
				errs++
			case strings.HasPrefix(l, "codraft: hint: "):
				hints++
			}
		}
		switch {
		case code != 2:
			t.Errorf("codraft %s: exit %d, want 2\n%s", name, code, stderr)
		case errs != 1 || hints != 1:
			t.Errorf("codraft %s: %d error and %d hint lines, want one each:\n%s", name, errs, hints, stderr)
		case goInternals.MatchString(stderr):
			t.Errorf("codraft %s: Go's internals in the message:\n%s", name, stderr)
		}
	}
}
