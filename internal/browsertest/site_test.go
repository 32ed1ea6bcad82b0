package browsertest_test

import (
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/codraft/codraft/internal/browsertest"
)

// TestSampleDraftsSite builds the review site of the sample drafts and
// walks every page in the browser: every link resolves to a page or an
// anchor of the site, no request leaves the site's folder, nothing goes to
// the console or breaks the CSP, and n and p step through the changes on a
// redline page. It saves screenshots of the index, a section history and a
// blame view.
func TestSampleDraftsSite(t *testing.T) {
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	drafts, err := filepath.Abs(filepath.Join("..", "..", "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	codraft(t, repo, "import", drafts, "--init", "--wg", "WG1", "--wg", "WG2 (risk-identification-and-analysis)", "--wg", "WG3", "--wg", "WG4")
	site := filepath.Join(repo, "site")
	codraft(t, repo, "site", "-o", site, "-q")
	root := "file://" + filepath.ToSlash(site) + "/"

	var mu sync.Mutex
	var requests []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}

	var pages []string
	err = filepath.Walk(site, func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(site, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	for _, want := range []string{"index.html", "rounds/1.html", "rounds/4.html", "redlines/1-2.html", "redlines/3-4.html", "redlines/1-4.html", "blame/4.html"} {
		if !contains(pages, want) {
			t.Errorf("the site has no %s (pages: %v)", want, pages)
		}
	}

	// Open every page once: its links, and the anchors it offers.
	anchors := map[string]map[string]bool{}
	links := map[string][]string{}
	for _, pg := range pages {
		p := browsertest.Open(t, ctx, filepath.Join(site, filepath.FromSlash(pg)))
		ids := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("[id],a[name]"), e => e.id || e.getAttribute("name"))`)
		anchors[pg] = map[string]bool{}
		for _, id := range ids {
			anchors[pg][id] = true
		}
		links[pg] = browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("a[href], link[href]"), a => a.href)`)
		if probs := p.Problems(t); len(probs) > 0 {
			t.Errorf("%s: %v", pg, probs)
		}
	}
	for _, pg := range pages {
		for _, href := range links[pg] {
			u, err := url.Parse(href)
			if err != nil || u.Scheme != "file" || !strings.HasPrefix(href, root) {
				t.Errorf("%s: link %q leaves the site", pg, href)
				continue
			}
			target := strings.TrimPrefix(u.Path, strings.TrimSuffix(root, "/")[len("file://"):]+"/")
			if _, ok := anchors[target]; !ok {
				t.Errorf("%s: link %q names no page of the site", pg, href)
				continue
			}
			if frag, _ := url.PathUnescape(u.Fragment); frag != "" && !anchors[target][frag] {
				t.Errorf("%s: link %q names no anchor of %s", pg, href, target)
			}
		}
	}

	// n and p on a redline page move between changes.
	browsertest.Open(t, ctx, filepath.Join(site, "redlines", "3-4.html"))
	browsertest.Eval[int](t, ctx, `(scrollTo(0, 0), history.replaceState(null, "", location.pathname), 0)`)
	hash := func() string { return browsertest.Eval[string](t, ctx, `location.hash`) }
	browsertest.Do(t, ctx, chromedp.KeyEvent("n"))
	first := hash()
	browsertest.Do(t, ctx, chromedp.KeyEvent("n"))
	second := hash()
	browsertest.Do(t, ctx, chromedp.KeyEvent("p"))
	back := hash()
	if first == "" || second == "" || first == second || back != first {
		t.Errorf("n, n, p went to %q, %q, %q: want two changes and back to the first", first, second, back)
	}
	for _, h := range []string{first, second} {
		if id := strings.TrimPrefix(h, "#"); id != "" && !anchors["redlines/3-4.html"][id] {
			t.Errorf("n went to %q, which is no anchor of the page", h)
		}
	}

	// No request left the site's folder.
	mu.Lock()
	for _, r := range requests {
		if !strings.HasPrefix(r, root) && !strings.HasPrefix(r, "data:") && r != "about:blank" {
			t.Errorf("request to %q leaves the site", r)
		}
	}
	if len(requests) < len(pages) {
		t.Errorf("saw %d requests for %d pages: the network is not being watched", len(requests), len(pages))
	}
	mu.Unlock()

	// Screenshots, to look at.
	var section string
	for _, pg := range pages {
		if strings.HasPrefix(pg, "sections/") && strings.Contains(pg, "governance") {
			section = pg
		}
	}
	if section == "" {
		t.Fatalf("no section page for the governance chapter in %v", pages)
	}
	for _, s := range []struct{ page, name string }{
		{"index.html", "site-index.png"},
		{section, "site-section.png"},
		{"blame/4.html", "site-blame.png"},
	} {
		browsertest.Open(t, ctx, filepath.Join(site, filepath.FromSlash(s.page)))
		browsertest.Screenshot(t, ctx, out, s.name, false)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
