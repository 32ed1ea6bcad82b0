package browsertest

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// FlatStats reads the stats object of a JSON redline (the whole document,
// or the stats object alone) as "sections.added" -> n.
func FlatStats(t testing.TB, data []byte) map[string]int {
	t.Helper()
	var doc struct {
		Stats map[string]map[string]int `json:"stats"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	st := doc.Stats
	if st == nil {
		if err := json.Unmarshal(data, &st); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]int{}
	for k, inner := range st {
		for k2, v := range inner {
			out[k+"."+k2] = v
		}
	}
	return out
}

// CheckRedline runs the checks every HTML redline must pass in the browser:
// the summary table shows stats (from the JSON redline), every contents
// link reaches its section, n and p step through the changes in order, no
// draft script ran, and nothing went to the console or broke the CSP.
func CheckRedline(t *testing.T, p *Page, stats map[string]int) {
	t.Helper()
	ctx := p.Ctx

	// The summary table shows the JSON stats.
	got := Eval[map[string]int](t, ctx, `Object.fromEntries([...document.querySelectorAll("[data-stat]")].map(e => [e.dataset.stat, Number(e.textContent)]))`)
	if !maps.Equal(stats, got) {
		t.Errorf("summary table %v, JSON stats %v", got, stats)
	}

	// Every contents entry names a section, and following it puts the
	// section at the top of the view (or in view, near the end of the
	// page). Chromium throttles a page past 200 navigations in 10 seconds,
	// so at most 60 links, spread over the list, are followed.
	bad := Eval[[]string](t, ctx, `(() => {
		const bad = [], links = [...document.querySelectorAll("#toc a[href^='#']")];
		document.querySelector("#toc details").open = true;
		const bar = document.querySelector(".bar").getBoundingClientRect().height;
		// a section that a page of changes only leaves out is an anchor in
		// the line that stands for it
		if (links.length !== document.querySelectorAll("main > section, main > .gap > span[id]").length) bad.push("links " + links.length);
		const step = Math.max(1, Math.ceil(links.length / 60));
		links.forEach((a, k) => {
			const id = a.getAttribute("href").slice(1), s = document.getElementById(id);
			if (!s || (s.tagName !== "SECTION" && !s.parentElement.classList.contains("gap"))) { bad.push(id + ": no section"); return; }
			if (k % step !== 0 && k !== links.length - 1) return;
			a.click();
			const r = (s.tagName === "SECTION" ? s : s.parentElement).getBoundingClientRect(), end = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
			if (decodeURIComponent(location.hash.slice(1)) !== id) bad.push(id + ": hash " + location.hash);
			if (!(r.bottom > bar && r.top < innerHeight) || (!end && Math.abs(r.top - bar) > 80)) bad.push(id + ": at " + Math.round(r.top));
		});
		scrollTo(0, 0);
		return bad;
	})()`)
	if len(bad) > 0 {
		t.Errorf("contents links that miss their section: %v", bad)
	}

	// n and p step through the changes in document order.
	// the changes shown: the other view's are hidden until its switch is on
	ids := Eval[[]string](t, ctx, `[...document.querySelectorAll(".chg")].filter(e => e.getClientRects().length > 0).map(e => e.id)`)
	if len(ids) == 0 {
		t.Fatal("no changes to navigate")
	}
	Eval[int](t, ctx, `(scrollTo(0, 0), history.replaceState(null, "", location.pathname), 0)`)
	steps := min(len(ids), 6)
	cur := func() string {
		return Eval[string](t, ctx, `(() => { const c = document.querySelectorAll(".cur"); if (c.length !== 1) return "cur x" + c.length;
			const r = c[0].getBoundingClientRect(); if (r.bottom < 0 || r.top > innerHeight) return "off screen: " + c[0].id;
			if (decodeURIComponent(location.hash.slice(1)) !== c[0].id) return "hash " + location.hash; return c[0].id })()`)
	}
	for k := 0; k < steps; k++ {
		Do(t, ctx, chromedp.KeyEvent("n"))
		if got := cur(); got != ids[k] {
			t.Fatalf("after %d × n: current change %q, want %q", k+1, got, ids[k])
		}
	}
	for k := steps - 2; k >= 0; k-- {
		Do(t, ctx, chromedp.KeyEvent("p"))
		if got := cur(); got != ids[k] {
			t.Fatalf("after p back to %d: current change %q, want %q", k+1, got, ids[k])
		}
	}
	// From where the reader scrolled to, n goes to the first change below
	// the navigation bar. The change expected is read once the page has
	// settled after the scroll: a big page lays out the sections that come
	// into view only at the next frames (content-visibility), and their
	// real heights move what lies below the bar.
	want := Eval[string](t, ctx, `new Promise(done => { scrollTo(0, document.documentElement.scrollHeight / 2);
		const pick = () => { const y = document.querySelector(".bar").getBoundingClientRect().bottom + 2, c = document.querySelector(".cur").getBoundingClientRect();
			if (c.bottom > y && c.top < innerHeight) return ""; // n goes on from the current change when it is in view
			const e = [...document.querySelectorAll(".chg")].find(e => e.getClientRects().length > 0 && e.getBoundingClientRect().top > y);
			return e ? e.id + " " + Math.round(e.getBoundingClientRect().top) + " " + Math.round(scrollY) : "" };
		let last = null, same = 0, frames = 0;
		const step = () => { const now = pick();
			same = now === last ? same + 1 : 0; last = now;
			if (same >= 3 || ++frames > 120) return done(now.split(" ")[0]);
			requestAnimationFrame(step) };
		requestAnimationFrame(step) })`, chromedp.EvalAwaitPromise)
	if want != "" {
		Do(t, ctx, chromedp.KeyEvent("n"))
		if got := cur(); got != want {
			t.Errorf("n after scrolling half way: %q, want %q", got, want)
		}
	}
	if pwned := Eval[string](t, ctx, `typeof window.__pwned`); pwned != "undefined" {
		t.Errorf("draft script ran: window.__pwned is %s", pwned)
	}
	if probs := p.Problems(t); len(probs) > 0 {
		t.Errorf("console problems and CSP violations:\n%s", strings.Join(probs, "\n"))
	}
}
