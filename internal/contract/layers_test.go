package contract

import (
	"os/exec"
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
	"internal/summary":         {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/check":           {"internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/diff":            {"internal/store", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/doc":             {"internal/store", "internal/diff", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/store":           {"internal/doc", "internal/diff", "github.com/yuin/goldmark", "github.com/spf13/cobra"},
	"internal/jsonout":         {"internal/redline", "internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/wording":         {"internal/redline", "internal/diff", "internal/doc", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5", "github.com/spf13/cobra"},
	"internal/config":          {"internal/doc", "internal/diff", "internal/store", "github.com/yuin/goldmark", "github.com/sergi/go-diff", "github.com/go-git/go-git/v5"},
}

// TestLayers checks the import graph with `go list -deps` (non-test code).
func TestLayers(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	for pkg, banned := range layers {
		out, err := exec.Command("go", "list", "-deps", module+pkg).CombinedOutput()
		if err != nil {
			t.Errorf("go list -deps %s: %v\n%s", pkg, err, out)
			continue
		}
		deps := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			deps[strings.TrimPrefix(d, module)] = true
		}
		for _, b := range banned {
			for d := range deps {
				if d == b || strings.HasPrefix(d, b+"/") {
					t.Errorf("%s links %s", pkg, d)
				}
			}
		}
	}
}
