package browsertest_test

import (
	"context"
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

	pages := sitePages(t, site)
	for _, want := range []string{"index.html", "rounds/1.html", "rounds/4.html", "redlines/1-2.html", "redlines/3-4.html", "redlines/1-4.html", "blame/4.html"} {
		if !contains(pages, want) {
			t.Errorf("the site has no %s (pages: %v)", want, pages)
		}
	}

	// Open every page once: its links, and the anchors it offers.
	anchors, links := openPages(t, ctx, site, pages)
	checkLinks(t, root, pages, links, anchors)

	// n and p on a redline page move between changes.
	checkChangeKeys(t, ctx, site, anchors["redlines/3-4.html"])

	// No request left the site's folder.
	mu.Lock()
	checkRequests(t, root, requests, len(pages))
	mu.Unlock()

	// Screenshots, to look at.
	section := governanceSection(pages)
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

// sitePages is the HTML pages of the site in folder site, as sorted
// slash-separated paths relative to it.
func sitePages(t *testing.T, site string) []string {
	t.Helper()
	var pages []string
	err := filepath.Walk(site, func(p string, fi os.FileInfo, err error) error {
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
	return pages
}

// openPages opens every page once in the browser, reports the problems it
// finds on them, and returns the anchors each page offers and the links it
// holds.
func openPages(t *testing.T, ctx context.Context, site string, pages []string) (map[string]map[string]bool, map[string][]string) {
	t.Helper()
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
	return anchors, links
}

// checkLinks checks that every link of every page stays in the site at
// root and names one of its pages, and an anchor of it when it has a
// fragment.
func checkLinks(t *testing.T, root string, pages []string, links map[string][]string, anchors map[string]map[string]bool) {
	t.Helper()
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
}

// checkChangeKeys checks that n, n, p on the redline page 3-4 of the site
// go to two changes and back to the first, each an anchor of the page.
func checkChangeKeys(t *testing.T, ctx context.Context, site string, anchors map[string]bool) {
	t.Helper()
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
		if id := strings.TrimPrefix(h, "#"); id != "" && !anchors[id] {
			t.Errorf("n went to %q, which is no anchor of the page", h)
		}
	}
}

// checkRequests checks that no request left the site at root, and that
// there were at least as many as the site's pages.
func checkRequests(t *testing.T, root string, requests []string, pages int) {
	t.Helper()
	for _, r := range requests {
		if !strings.HasPrefix(r, root) && !strings.HasPrefix(r, "data:") && r != "about:blank" {
			t.Errorf("request to %q leaves the site", r)
		}
	}
	if len(requests) < pages {
		t.Errorf("saw %d requests for %d pages: the network is not being watched", len(requests), pages)
	}
}

// governanceSection is the last section page of the governance chapter
// among pages, or "".
func governanceSection(pages []string) string {
	var section string
	for _, pg := range pages {
		if strings.HasPrefix(pg, "sections/") && strings.Contains(pg, "governance") {
			section = pg
		}
	}
	return section
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
