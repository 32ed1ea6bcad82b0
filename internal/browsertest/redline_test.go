package browsertest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/codraft/codraft/internal/browsertest"
	"github.com/codraft/codraft/internal/cli"
)

// codraft runs the command line in dir and returns its standard output.
func codraft(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	ios, _, out, errOut := cli.Test()
	ios.Dir = dir
	ios.Env = func(k string) string {
		if k == "CODRAFT_AUTHOR" {
			return "Drafting Secretariat <secretariat@example.org>"
		}
		return ""
	}
	if code := cli.Run(ios, args); code != 0 {
		t.Fatalf("codraft %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out.Bytes()
}

// TestSampleDraftsRedline records the sample drafts as four rounds, exports
// the redline of the first against the final one, as a reviewer would,
// and checks it in the browser against the JSON redline of the same pair.
func TestSampleDraftsRedline(t *testing.T) {
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	drafts, err := filepath.Abs(filepath.Join("..", "..", "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	codraft(t, repo, "import", drafts, "--init", "--wg", "WG1", "--wg", "WG2", "--wg", "WG3", "--wg", "WG4")
	stats := browsertest.FlatStats(t, codraft(t, repo, "diff", "1", "4", "--format", "json"))

	for _, layout := range []string{"inline", "side-by-side"} {
		t.Run(layout, func(t *testing.T) {
			page := filepath.Join(out, "sample-redline-"+layout+".html")
			codraft(t, repo, "export", "1", "4", "-o", page, "--layout", layout)
			p := browsertest.Open(t, ctx, page)
			browsertest.CheckAxe(t, p, filepath.Base(page))
			browsertest.CheckValid(t, page)
			header := browsertest.Eval[string](t, ctx, `document.querySelector(".rounds").textContent`)
			for _, want := range []string{"Round 1: first draft · 2024-11-14 · commit ", "Round 4: final · 2025-07-10 · commit "} {
				if !strings.Contains(header, want) {
					t.Errorf("header %q lacks %q", header, want)
				}
			}
			if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll(".chart rect.bv").length`); n == 0 {
				t.Error("no bars in the per-round chart")
			}
			if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll(".nt li").length`); n == 0 {
				t.Error("no notable changes")
			}
			browsertest.CheckRedline(t, p, stats)
			browsertest.Eval[int](t, ctx, `(scrollTo(0, 0), 0)`)
			browsertest.Screenshot(t, ctx, out, "sample-redline-"+layout+"-top.png", false)
			browsertest.Do(t, ctx, chromedp.KeyEvent("n"), chromedp.KeyEvent("n"), chromedp.KeyEvent("n"))
			browsertest.Screenshot(t, ctx, out, "sample-redline-"+layout+"-change.png", false)
		})
	}
	if _, err := os.Stat(filepath.Join(out, "sample-redline-inline.html")); err != nil {
		t.Error(err)
	}
}
