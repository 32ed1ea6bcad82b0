package contract

import (
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/codraft/codraft/"

// layers lists, for each package, what it may not link (directly or not):
// renderers, summary and check read the redline model and never the
// engine, the Markdown parser, go-diff or go-git; the engine and the parser
// never touch git; the store never parses Markdown. A package missing from
// `go list` fails the test, so a renamed package cannot slip out of it.
var layers = map[string][]string{
	"internal/redline":         {"internal/diff", "internal/doc", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/render/html":     {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/render/inline":   {"internal/redline", "internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/render/json":     {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/render/markdown": {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/render/term":     {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/render/docx":     {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/render/source":   {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/lineage":         {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/blame":           {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/site":            {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/termtext":        {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/trailers":        {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/summary":         {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/check":           {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/diff":            {"internal/store", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/doc":             {"internal/store", "internal/diff", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/store":           {"internal/doc", "internal/diff", "github.com/yuin/goldmark", "github.com/spf13/cobra"},
	"internal/jsonout":         {"internal/redline", "internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/wording":         {"internal/redline", "internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/testenv":         {"github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/config":          {"internal/doc", "internal/diff", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5"},
}

// testOnly lists the packages that only tests import: no other code may
// link them. The first, the tests' git environment and watchdog, links no
// package of this module, so that the tests of every package can use it.
var testOnly = []string{"internal/testenv", "internal/browsertest", "internal/fuzzseed"}

// TestLayers checks the import graph with `go list -deps` (non-test code).
func TestLayers(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	for pkg, banned := range layers {
		deps, err := goListDeps(pkg)
		if err != nil {
			t.Error(err)
			continue
		}
		for _, b := range banned {
			for _, d := range deps {
				d = strings.TrimPrefix(d, module)
				if d == b || strings.HasPrefix(d, b+"/") {
					t.Errorf("%s links %s", pkg, d)
				}
			}
		}
	}
}

// goListDeps returns the import paths of what the packages (module-relative
// paths) link, themselves included.
func goListDeps(pkgs ...string) ([]string, error) {
	args := []string{"list", "-deps"}
	for _, p := range pkgs {
		args = append(args, module+p)
	}
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.Fields(string(out)), nil
}

// TestTestOnly checks that no code but tests links a package of testOnly
// (each must exist), and that the first of them links no other package of
// this module.
func TestTestOnly(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command("go", "list", module+"...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	all := strings.Fields(string(out))
	var others []string
	for _, p := range all {
		if p = strings.TrimPrefix(p, module); !slices.Contains(testOnly, p) {
			others = append(others, p)
		}
	}
	for _, p := range testOnly {
		if !slices.Contains(all, module+p) {
			t.Errorf("%s is not a package of %s", p, module)
		}
	}
	deps, err := goListDeps(others...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range testOnly {
		if slices.Contains(deps, module+p) {
			t.Errorf("%s is linked by code other than tests", p)
		}
	}
	if deps, err = goListDeps(testOnly[0]); err != nil {
		t.Fatal(err)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, module) && d != module+testOnly[0] {
			t.Errorf("%s links %s", testOnly[0], d)
		}
	}
}
