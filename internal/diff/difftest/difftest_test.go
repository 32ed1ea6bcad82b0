package difftest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenDirs are the renderers' golden folders. Each file in them is
// expected by a case, or records a hand-built result (named "built-...").
var goldenDirs = []string{
	"internal/render/json/testdata",
	"internal/render/term/testdata",
	"internal/render/html/testdata",
	"internal/render/markdown/testdata",
}

func TestExpectFilesExist(t *testing.T) {
	for _, c := range Cases(t) {
		if len(c.Expect) == 0 {
			t.Errorf("%s: expects nothing of any package", c.Name)
		}
		for _, e := range c.Expect {
			if filepath.IsAbs(e) || strings.Contains(e, "..") {
				t.Errorf("%s: expect %q is not a path inside the repository", c.Name, e)
				continue
			}
			if _, err := os.Stat(filepath.Join(RepoRoot(), e)); err != nil {
				t.Errorf("%s: %v", c.Name, err)
			}
		}
	}
}

func TestEveryGoldenHasACase(t *testing.T) {
	expected := map[string]bool{}
	for _, c := range Cases(t) {
		for _, e := range c.Expect {
			expected[e] = true
		}
	}
	for _, d := range goldenDirs {
		entries, err := os.ReadDir(filepath.Join(RepoRoot(), d))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), "built-") {
				continue
			}
			if p := d + "/" + e.Name(); !expected[p] {
				t.Errorf("%s: no case in testdata/cases expects it", p)
			}
		}
	}
}

func TestUses(t *testing.T) {
	c := Case{Expect: []string{"internal/render/json/testdata/a.json", "internal/diff/cases_test.go"}}
	for dir, want := range map[string]bool{
		"internal/render/json": true, "internal/render/json/": true, "internal/diff": true,
		"internal/render/js": false, "internal/render/term": false, "internal/diff/difftest": false,
	} {
		if got := c.Uses(dir); got != want {
			t.Errorf("Uses(%q) = %v, want %v", dir, got, want)
		}
	}
}
