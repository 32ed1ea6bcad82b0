// Package browsertest drives headless Chromium for the tests of the HTML
// redline: it finds the browser, starts it with a throwaway profile, opens a
// page while recording its console and its Content-Security-Policy
// violations, and saves screenshots. Only tests import it.
//
// Without Chromium the tests skip with a message, unless
// CODRAFT_REQUIRE_BROWSER=1 (as in CI), where they fail.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Environment variables.
const (
	// RequireEnv set to 1 turns a missing browser into a failure.
	RequireEnv = "CODRAFT_REQUIRE_BROWSER"
	// ChromiumEnv names the browser binary to use.
	ChromiumEnv = "CODRAFT_CHROMIUM"
	// OutEnv names a directory to keep screenshots in; without it they go
	// to the test's temporary directory.
	OutEnv = "CODRAFT_BROWSER_OUT"
)

// Chromium returns the path of the browser, or skips the test (fails it
// when RequireEnv is set) when there is none.
func Chromium(t testing.TB) string {
	t.Helper()
	var tried []string
	if p := os.Getenv(ChromiumEnv); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		tried = append(tried, p)
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		tried = append(tried, name)
	}
	msg := fmt.Sprintf("no Chromium found (tried %s); install it (Debian: apt-get install chromium) or set %s", strings.Join(tried, ", "), ChromiumEnv)
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s; %s=1 requires the browser tests", msg, RequireEnv)
	}
	t.Skip(msg)
	return ""
}

// Start launches headless Chromium for the test and returns a context for
// chromedp actions on one tab. The browser stops when the test ends.
func Start(t testing.TB) context.Context {
	t.Helper()
	bin := Chromium(t)
	profile := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting %s: %v", bin, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// Page is a document opened in the browser.
type Page struct {
	Ctx context.Context
	mu  sync.Mutex
	log []chromedp.ConsoleMessage
}

// recordCSP runs in every document before its own scripts and keeps the
// page's Content-Security-Policy violations where Violations reads them.
const recordCSP = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
	window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sample || ""));
});`

// Open loads the file at path and waits for it to load. Console messages
// and CSP violations from then on are recorded.
func Open(t testing.TB, ctx context.Context, path string) *Page {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	p := &Page{Ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.log = append(p.log, m)
			p.mu.Unlock()
		}
	}()
	addScript := func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordCSP})
		return chromedp.Void{}, err
	}
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, addScript, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	return p
}

// Console returns the console messages recorded so far.
func (p *Page) Console() []chromedp.ConsoleMessage {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]chromedp.ConsoleMessage(nil), p.log...)
}

// Problems lists the console errors, warnings and exceptions, and the CSP
// violations, recorded so far.
func (p *Page) Problems(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, m := range p.Console() {
		switch m.Type {
		case chromedp.ConsoleError, chromedp.ConsoleWarning, chromedp.ConsoleException:
			out = append(out, m.String())
		}
	}
	v := Eval[[]string](t, p.Ctx, `window.__cspViolations || []`)
	for _, s := range v {
		out = append(out, "CSP violation: "+s)
	}
	return out
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
func Eval[T any](t testing.TB, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// Do runs chromedp actions with a timeout.
func Do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// OutDir is where screenshots go: $CODRAFT_BROWSER_OUT, or a directory of
// the test's own.
func OutDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv(OutEnv); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// Screenshot saves the viewport (full page when full is set) as a PNG in
// dir and returns its path.
func Screenshot(t testing.TB, ctx context.Context, dir, name string, full bool) string {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	var img []byte
	var err error
	if full {
		img, err = chromedp.Run(tctx, chromedp.FullScreenshot(100))
	} else {
		img, err = chromedp.Run(tctx, chromedp.CaptureScreenshot())
	}
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, img, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return path
}
