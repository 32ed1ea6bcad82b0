package browsertest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/browsertest"
)

// TestChecksFindFaults shows that the accessibility and validity checks
// see the faults they are there for, on a page made with some.
func TestChecksFindFaults(t *testing.T) {
	page := filepath.Join(t.TempDir(), "bad.html")
	bad := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
<body><main><p id="a">one</p><p id="a">two</p><button></button>
<p style="color:#777;background:#888">low contrast</p></main></body></html>`
	if err := os.WriteFile(page, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if errs, ok := browsertest.HTMLValidate(t, page); ok && !strings.Contains(strings.Join(errs, "\n"), "no-dup-id") {
		t.Errorf("html-validate missed the duplicate id: %v", errs)
	}
	ctx := browsertest.Start(t)
	browsertest.Open(t, ctx, page)
	vs, ok := browsertest.Axe(t, ctx, "")
	if !ok {
		return
	}
	found := map[string]bool{}
	for _, v := range browsertest.Severe(vs) {
		found[v.ID] = true
	}
	for _, id := range []string{"button-name", "color-contrast"} {
		if !found[id] {
			t.Errorf("axe-core missed %s: %v", id, vs)
		}
	}
}
