package html

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/browsertest"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/rendertest"
)

// draftsCase compares the first and the final sample draft.
func draftsCase(t *testing.T) rendertest.Case {
	t.Helper()
	dir := filepath.Join(rendertest.RepoRoot(), "drafts")
	c, err := rendertest.CompareFileCase(filepath.Join(dir, "01-2024-11-14-first-draft.md"), filepath.Join(dir, "04-2025-07-10-final.md"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// corpusCase compares two rounds of a series of ../shared/corpus, or skips
// the test when the corpus is absent.
func corpusCase(t *testing.T, series, old, new string) rendertest.Case {
	t.Helper()
	dir := filepath.Join(rendertest.RepoRoot(), "..", "shared", "corpus", series)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus absent (%v)", err)
	}
	c, err := rendertest.CompareFileCase(filepath.Join(dir, old), filepath.Join(dir, new))
	if err != nil {
		t.Fatal(err)
	}
	c.Name = series + "-" + c.Name
	return c
}

// checkAccessible runs axe-core on the open page (0 serious or critical
// violations) and html-validate on its file (0 errors).
//
// .htmlvalidate.json turns off two rules of html-validate's recommended
// set, each against a choice the page makes on purpose: long-title (the
// title names the document and both rounds, and the document's title is
// the draft's own, of any length), and the strict form of valid-id (an
// anchor keeps the section id it stands for, dots and letters of any
// script included, so that links to it stay stable; HTML allows any id
// without white space, which the relaxed form checks).
func checkAccessible(t *testing.T, p *browsertest.Page, path string) {
	t.Helper()
	browsertest.CheckAxe(t, p, filepath.Base(path))
	browsertest.CheckValid(t, path)
}

func writePage(t *testing.T, dir, name string, res *redline.Result, opts Options) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Render(f, res, opts); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkPage runs the checks every redline page must pass in the browser.
func checkPage(t *testing.T, p *browsertest.Page, res *redline.Result) {
	t.Helper()
	b, err := json.Marshal(res.Stats)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.CheckRedline(t, p, browsertest.FlatStats(t, b))
}

func emulate(t *testing.T, ctx context.Context, media string, dark bool) {
	t.Helper()
	scheme := "light"
	if dark {
		scheme = "dark"
	}
	set := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return chromedp.Void{}, err
	}
	browsertest.Do(t, ctx, set)
}

func TestBrowserDrafts(t *testing.T) {
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	c := draftsCase(t)
	res := c.Result
	opts := Options{Title: "Code of Practice for General-Purpose AI Models (sample)", Generator: "codraft test", Sources: c.Sources, FrontMatter: c.FrontMatter}

	t.Run("inline", func(t *testing.T) {
		path := writePage(t, out, "drafts-inline.html", res, opts)
		p := browsertest.Open(t, ctx, path)
		checkAccessible(t, p, path)
		checkRendered(t, p, res)
		if got := strings.Join(shootChanges(t, ctx, out, "drafts-inline"), " "); got != "table list" {
			t.Errorf("changes shot: %q, want a table and a list change", got)
		}
		browsertest.Screenshot(t, ctx, out, "drafts-inline-top.png", false)
		checkPage(t, p, res)
		checkSwitch(t, ctx, out, res)
		browsertest.Do(t, ctx, chromedp.KeyEvent("n"))
		browsertest.Screenshot(t, ctx, out, "drafts-inline-change.png", false)
		emulate(t, ctx, "", true)
		browsertest.Screenshot(t, ctx, out, "drafts-inline-dark.png", false)
		emulate(t, ctx, "print", false)
		browsertest.Eval[int](t, ctx, `(scrollTo(0, 0), 0)`)
		browsertest.Screenshot(t, ctx, out, "drafts-inline-print.png", false)
		emulate(t, ctx, "", false)
	})
	t.Run("side-by-side", func(t *testing.T) {
		o := opts
		o.Layout = SideBySide
		path := writePage(t, out, "drafts-sbs.html", res, o)
		p := browsertest.Open(t, ctx, path)
		checkAccessible(t, p, path)
		checkRendered(t, p, res)
		checkPage(t, p, res)
		browsertest.Do(t, ctx, chromedp.KeyEvent("n"), chromedp.KeyEvent("n"), chromedp.KeyEvent("n"))
		browsertest.Screenshot(t, ctx, out, "drafts-sbs-change.png", false)
	})
	t.Run("changed-only", func(t *testing.T) {
		o := opts
		o.ChangedOnly = true
		path := writePage(t, out, "drafts-changed.html", res, o)
		p := browsertest.Open(t, ctx, path)
		checkAccessible(t, p, path)
		// Unchanged sections are not written, bar the neighbours of a
		// change (their headings only); each other run is one line.
		bodies := browsertest.Eval[int](t, ctx, `document.querySelectorAll(".same > .body").length`)
		gaps := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("main > .gap")].map(e => e.textContent)`)
		if bodies != 0 {
			t.Errorf("changed-only: %d unchanged section bodies written", bodies)
		}
		unchanged := 0
		for i := range res.Sections {
			if !res.Sections[i].Changed() {
				unchanged++
			}
		}
		if unchanged > 3 && len(gaps) == 0 {
			t.Errorf("changed-only: %d unchanged sections and no line standing for any", unchanged)
		}
		for _, g := range gaps {
			if !strings.Contains(g, "unchanged section") {
				t.Errorf("changed-only: gap line %q", g)
			}
		}
		checkPage(t, p, res)
		browsertest.Eval[int](t, ctx, `(scrollTo(0, 0), 0)`)
		browsertest.Screenshot(t, ctx, out, "drafts-changed-only.png", false)
	})
}

// checkSwitch turns the source view on and off: the first use fills in
// the other view of every changed section, the switch shows one view at a
// time, and n steps through the changes of the view shown.
func checkSwitch(t *testing.T, ctx context.Context, out string, res *redline.Result) {
	t.Helper()
	want := 0
	for i := range res.Sections {
		if res.Sections[i].Changed() && len(res.Sections[i].Blocks) > 0 {
			want++
		}
	}
	state := func() string {
		return browsertest.Eval[string](t, ctx, `(() => { const shown = s => [...document.querySelectorAll(s)].filter(e => e.getClientRects().length > 0).length;
			return "templates " + document.querySelectorAll("template.ov, [data-sv]").length + ", source " + shown("main .body.sv") + ", rendered two " + shown("main .body.rv.two") })()`)
	}
	if got, w := state(), fmt.Sprintf("templates %d, source 0, rendered two %d", want, want); got != w {
		t.Errorf("before the switch: %s, want %s", got, w)
	}
	browsertest.Eval[int](t, ctx, `(document.getElementById("srcv").click(), 0)`)
	if got, w := state(), fmt.Sprintf("templates 0, source %d, rendered two 0", want); got != w {
		t.Errorf("source view on: %s, want %s", got, w)
	}
	browsertest.Eval[int](t, ctx, `(scrollTo(0, 0), 0)`)
	browsertest.Do(t, ctx, chromedp.KeyEvent("n"))
	if in := browsertest.Eval[bool](t, ctx, `!!document.querySelector(".cur") && !!document.querySelector(".cur").closest(".sv")`); !in {
		t.Error("source view on: n did not go to a change in the source view")
	}
	browsertest.Do(t, ctx, chromedp.KeyEvent("n"), chromedp.KeyEvent("n"))
	browsertest.Screenshot(t, ctx, out, "drafts-inline-source.png", false)
	browsertest.Eval[int](t, ctx, `(document.getElementById("srcv").click(), 0)`)
	if got, w := state(), fmt.Sprintf("templates 0, source 0, rendered two %d", want); got != w {
		t.Errorf("source view off again: %s, want %s", got, w)
	}
	browsertest.Eval[int](t, ctx, `(document.querySelectorAll(".cur").forEach(e => e.classList.remove("cur")), scrollTo(0, 0), 0)`)
}

// checkSourceBuilt checks that the source view the script builds from its
// data, on a page that opens in the rendered view, is the source view a
// page opened in it shows: the same elements, classes, links and text in
// every section (ids and links of the view built carry "-v").
func checkSourceBuilt(t *testing.T, ctx context.Context, out, name string, res *redline.Result, opts Options) {
	t.Helper()
	views := map[View]map[string]string{}
	for _, v := range []View{Rendered, Source} {
		o := opts
		o.View = v
		path := writePage(t, out, name+"-parity-"+string(v)+".html", res, o)
		p := browsertest.Open(t, ctx, path)
		if v == Rendered {
			browsertest.Eval[int](t, ctx, `(document.getElementById("srcv").click(), 0)`)
		}
		views[v] = browsertest.Eval[map[string]string](t, ctx, `(() => { const out = {};
			for (const b of document.querySelectorAll("main .body.sv.two")) out[b.parentElement.id] = b.innerHTML.replace(/-v"/g, '"').replace(/>\n</g, "><");
			return out })()`)
		if probs := p.Problems(t); len(probs) > 0 {
			t.Errorf("%s: console problems: %v", name, probs)
		}
	}
	if len(views[Source]) == 0 {
		t.Errorf("%s: no section in the source view", name)
	}
	if diff := gocmp.Diff(views[Source], views[Rendered]); diff != "" {
		t.Errorf("%s: the source view built from data differs from the one written (-written +built):\n%s", name, diff)
	}
}

// TestBrowserSourceData compares the source view built from data with the
// one written, on the sample drafts, every kind of change, the hostile
// cases and corpus pairs, in both layouts.
func TestBrowserSourceData(t *testing.T) {
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	cases, err := rendertest.FileCases("internal/render/html")
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, draftsCase(t), rendertest.Case{Name: "built-kinds", Result: rendertest.Kinds()}, rendertest.Case{Name: "built-hostile", Result: rendertest.Hostile()})
	if _, err := os.Stat(filepath.Join(rendertest.RepoRoot(), "..", "shared", "corpus")); err == nil {
		cases = append(cases, corpusCase(t, "ietf-quic-http", "06-draft-27.md", "07-draft-34.md"),
			corpusCase(t, "github-terms-of-service", "03-2019-04-18.md", "04-2019-07-01.md"),
			corpusCase(t, "de-kwg-large", "01-2013-01-11.md", "02-2022-01-28.md"))
	}
	for _, c := range cases {
		for _, l := range []Layout{Inline, SideBySide} {
			checkSourceBuilt(t, ctx, out, c.Name+"-"+string(l), c.Result, Options{Title: c.Name, Layout: l, Sources: c.Sources, FrontMatter: c.FrontMatter})
		}
	}
}

// TestBrowserCorpus opens the rendered redlines of corpus pairs with
// tables, lists, links and code, in both layouts and in the source view.
func TestBrowserCorpus(t *testing.T) {
	cases := []rendertest.Case{
		corpusCase(t, "ietf-quic-http", "06-draft-27.md", "07-draft-34.md"),
		corpusCase(t, "github-terms-of-service", "03-2019-04-18.md", "04-2019-07-01.md"),
	}
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	for _, c := range cases {
		for _, v := range []struct {
			name string
			opts Options
		}{{"inline", Options{}}, {"sbs", Options{Layout: SideBySide}}, {"source", Options{View: Source}}} {
			t.Run(c.Name+"-"+v.name, func(t *testing.T) {
				o := v.opts
				o.Title, o.Sources, o.FrontMatter = c.Name, c.Sources, c.FrontMatter
				path := writePage(t, out, c.Name+"-"+v.name+".html", c.Result, o)
				p := browsertest.Open(t, ctx, path)
				checkAccessible(t, p, path)
				if o.View != Source {
					checkRendered(t, p, c.Result)
					// the first pair changes tables, lists and code
					got := strings.Join(shootChanges(t, ctx, out, c.Name+"-"+v.name), " ")
					if c.Name == cases[0].Name && got != "table list code" {
						t.Errorf("changes shot: %q, want a table, a list and a code change", got)
					}
				}
				checkPage(t, p, c.Result)
			})
		}
	}
}

// checkRendered checks that the rendered view reads as the document:
// table rows are rows of a <table> and list items items of an <ol> or
// <ul>, no Markdown link syntax or table pipe shows outside code, and every
// link inside the page names an element of it.
func checkRendered(t *testing.T, p *browsertest.Page, res *redline.Result) {
	t.Helper()
	kinds := map[string]int{}
	for i := range res.Sections {
		for _, b := range res.Sections[i].Blocks {
			kinds[b.Kind]++
		}
	}
	got := browsertest.Eval[map[string][]string](t, p.Ctx, `(() => {
		const out = {rows: [], items: [], syntax: [], links: []}, shown = e => e.getClientRects().length > 0;
		const tables = document.querySelectorAll("main .rv table").length, lists = document.querySelectorAll("main .rv ol, main .rv ul").length;
		out.counts = [String(tables), String(lists)];
		for (const e of document.querySelectorAll("main .rv .k-tr")) {
			if (e.tagName !== "TR" || !e.closest("table")) { out.rows.push(e.tagName + "#" + e.id); continue }
			// a row's first cell starts the row: nothing the page draws
			// (a change bar) takes a cell's place
			const c = e.cells[0], tl = e.closest("table").getBoundingClientRect().left;
			if (c && shown(c) && Math.abs(c.getBoundingClientRect().left - tl) > 2) out.rows.push("shifted #" + e.id);
		}
		for (const e of document.querySelectorAll("main .rv .k-li")) if (e.tagName !== "LI" || !e.parentElement.matches("ol, ul")) out.items.push(e.tagName + "#" + e.id);
		// what a reader sees: text outside code, in the views shown
		const w = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
		for (let n = w.nextNode(); n; n = w.nextNode()) {
			const e = n.parentElement;
			if (!e || e.closest("pre, code, .sv") || !shown(e)) continue;
			const t = n.data;
			if (t.includes("](") || t.includes("|")) out.syntax.push((e.closest("[id]") || e).id + ": " + t.trim().slice(0, 120));
		}
		for (const a of document.querySelectorAll("a[href^='#']")) {
			const id = decodeURIComponent(a.getAttribute("href").slice(1));
			if (id && !document.getElementById(id)) out.links.push(id);
		}
		return out })()`)
	if kinds["table_row"] > 0 && got["counts"][0] == "0" {
		t.Errorf("%d table rows in the redline and no <table> in the rendered view", kinds["table_row"])
	}
	if kinds["list_item"] > 0 && got["counts"][1] == "0" {
		t.Errorf("%d list items in the redline and no <ol> or <ul> in the rendered view", kinds["list_item"])
	}
	for _, k := range []struct{ key, what string }{
		{"rows", "table rows that are not rows of a table"},
		{"items", "list items outside a list"},
		{"syntax", "Markdown link syntax or table pipes outside code"},
		{"links", "links inside the page to no element"},
	} {
		if v := got[k.key]; len(v) > 0 {
			t.Errorf("%s (%d): %s", k.what, len(v), strings.Join(v[:min(len(v), 20)], "\n  "))
		}
	}
}

// shootChanges saves a screenshot of the first change of each kind shown
// in the rendered view: a table row, a list item and a code block. It
// returns the kinds it found.
func shootChanges(t *testing.T, ctx context.Context, out, name string) []string {
	t.Helper()
	var found []string
	for _, k := range []struct{ kind, sel string }{
		{"table", "main .rv tr.chg"},
		{"list", "main .rv li.chg"},
		{"code", "main .rv .k-code.chg"},
	} {
		// a change inside the block (marks on its lines or cells) if
		// there is one, else an added block, else any
		ok := browsertest.Eval[bool](t, ctx, `(() => { const f = s => [...document.querySelectorAll(s)].find(e => e.getClientRects().length > 0);
			const e = f(`+"`"+k.sel+".mod`"+`) || f(`+"`"+k.sel+".add`"+`) || f(`+"`"+k.sel+"`"+`);
			if (!e) return false; e.scrollIntoView({block: "center"}); return true })()`)
		if ok {
			browsertest.Screenshot(t, ctx, out, name+"-"+k.kind+".png", false)
			found = append(found, k.kind)
		}
	}
	browsertest.Eval[int](t, ctx, `(scrollTo(0, 0), 0)`)
	return found
}

func TestBrowserKinds(t *testing.T) {
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	res := rendertest.Kinds()
	opts := Options{Title: "Every kind of change", Generator: "codraft test", Summary: sampleSummary()}
	p := browsertest.Open(t, ctx, writePage(t, out, "kinds.html", res, opts))
	checkPage(t, p, res)
	browsertest.Screenshot(t, ctx, out, "kinds-full.png", true)
	// Each end of the move links to the other.
	ends := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".mv-out .mvn a, .mv-in .mvn a")].filter(a => a.getClientRects().length > 0).map(a => {
		const t = document.getElementById(a.getAttribute("href").slice(1)); return t ? t.className : "missing" })`)
	if diff := gocmp.Diff([]string{"b k-p mv mv-in chg", "b k-p mv mv-out chg"}, ends); diff != "" {
		t.Errorf("move links mismatch (-want +got):\n%s", diff)
	}
}

func TestBrowserHostile(t *testing.T) {
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	cases, err := rendertest.FileCases("internal/render/html")
	if err != nil {
		t.Fatal(err)
	}
	var hostile *redline.Result
	for _, c := range cases {
		if c.Name == "hostile" {
			hostile = c.Result
		}
	}
	for _, c := range []rendertest.Case{{Name: "hostile", Result: hostile}, {Name: "built-hostile", Result: rendertest.Hostile()}} {
		for _, l := range []Layout{Inline, SideBySide} {
			for _, v := range []View{Rendered, Source} {
				t.Run(c.Name+"-"+string(l)+"-"+string(v), func(t *testing.T) {
					hostilePage(t, ctx, out, c, l, v)
				})
			}
		}
	}
}

// hostilePage opens the redline of a hostile case in one layout and view,
// fills in the other view too, and checks that no draft script ran, that
// every link the rendered view made goes where a draft link may go, and
// that no draft element (an image, a frame, an object) is on the page.
func hostilePage(t *testing.T, ctx context.Context, out string, c rendertest.Case, l Layout, v View) {
	t.Helper()
	opts := Options{Title: rendertest.Payloads[0], Generator: rendertest.Payloads[1], Layout: l, View: v,
		Summary: &Summary{Notable: []Notable{{Section: c.Result.Sections[0].ID, Label: rendertest.Payloads[2], What: rendertest.Payloads[3], Before: rendertest.Payloads[6], After: rendertest.Payloads[7]}},
			Chart: &Chart{Title: rendertest.Payloads[8], Rounds: []string{rendertest.Payloads[9]}, Series: []ChartSeries{{Section: rendertest.Payloads[4], Values: []int{3}}}}}}
	path := writePage(t, out, c.Name+"-"+string(l)+"-"+string(v)+".html", c.Result, opts)
	p := browsertest.Open(t, ctx, path)
	checkAccessible(t, p, path)
	// both views live: the switch fills in the other one
	browsertest.Eval[int](t, ctx, `(document.getElementById("srcv").click(), document.getElementById("srcv").click(), 0)`)
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("template, [data-sv]").length`); n != 0 {
		t.Errorf("%d views not filled in after the switch", n)
	}
	bad := browsertest.Eval[[]string](t, ctx, `(() => { const bad = [];
		for (const a of document.querySelectorAll("main a[href]")) {
			const h = a.getAttribute("href"), u = new URL(a.href);
			if (!h.startsWith("#") && !["http:", "https:", "mailto:", "file:"].includes(u.protocol)) bad.push("link " + h);
			if (u.protocol === "file:" && !h.startsWith("#") && /^[a-z][a-z0-9+.-]*:/i.test(h)) bad.push("link " + h);
		}
		for (const e of document.querySelectorAll("main img, main iframe, main object, main embed, main svg, main script, main style, main math, main form, main input, main [style]")) bad.push(e.tagName);
		for (const e of document.querySelectorAll("*")) for (const at of e.attributes) if (/^on/i.test(at.name)) bad.push(e.tagName + " " + at.name);
		return bad })()`)
	if len(bad) > 0 {
		t.Errorf("draft markup on the page: %v", bad)
	}
	if c.Name == "built-hostile" && v == Rendered {
		// the rendered view read the inline Markdown of the payloads
		for _, want := range []string{"main strong", "main em", "main a[href^='https://example.invalid']", "main a[href^='mailto:']", "main .img"} {
			if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("`+want+`").length`); n == 0 {
				t.Errorf("no %s in the rendered view of the hostile inputs", want)
			}
		}
	}
	// Hover and focus everything, so that on* handlers would fire.
	browsertest.Eval[int](t, ctx, `(() => { for (const e of document.querySelectorAll("*")) {
		for (const ev of ["mouseover", "focus", "click", "load", "error"]) e.dispatchEvent(new Event(ev)); } return 0 })()`)
	if pwned := browsertest.Eval[string](t, ctx, `typeof window.__pwned`); pwned != "undefined" {
		t.Errorf("draft script ran: window.__pwned is %s", pwned)
	}
	if n := browsertest.Eval[int](t, ctx, `document.scripts.length`); n != 1 {
		t.Errorf("%d scripts in the page, want 1", n)
	}
	if probs := p.Problems(t); len(probs) > 0 {
		t.Errorf("console problems and CSP violations:\n%s", strings.Join(probs, "\n"))
	}
	if l == Inline && v == Rendered {
		browsertest.Eval[int](t, ctx, `(scrollTo(0, 0), 0)`)
		browsertest.Screenshot(t, ctx, out, c.Name+".png", true)
	}
}

// TestBrowserLarge loads the redline of the largest corpus pair and
// records how long Chromium takes; it skips when ../shared is absent.
func TestBrowserLarge(t *testing.T) {
	dir := filepath.Join(rendertest.RepoRoot(), "..", "shared", "corpus", "de-kwg-large")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus absent (%v): nothing to measure", err)
	}
	res, err := rendertest.CompareFiles(filepath.Join(dir, "01-2013-01-11.md"), filepath.Join(dir, "02-2022-01-28.md"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	full := map[Layout]int64{}
	for _, l := range []Layout{Inline, SideBySide} {
		t.Run(string(l), func(t *testing.T) {
			path := writePage(t, out, "kwg-"+string(l)+".html", res, Options{Title: "KWG", Layout: l})
			if fi, err := os.Stat(path); err == nil {
				full[l] = fi.Size()
			}
			p, loaded := measurePage(t, ctx, path, 40)
			start := time.Now()
			checkPage(t, p, res)
			t.Logf("page checks in %v", time.Since(start).Round(time.Millisecond))
			if probs := p.Problems(t); len(probs) > 0 {
				t.Errorf("console problems: %v", probs)
			}
			if loaded > 20*time.Second {
				t.Errorf("the large redline took %v to open", loaded)
			}
		})
	}
	t.Run("changed-only", func(t *testing.T) {
		path := writePage(t, out, "kwg-changed.html", res, Options{Title: "KWG", ChangedOnly: true})
		p, _ := measurePage(t, ctx, path, 40)
		if fi, err := os.Stat(path); err == nil && full[Inline] > 0 {
			ratio := 100 * float64(fi.Size()) / float64(full[Inline])
			t.Logf("the page of changes only is %d bytes, %.1f %% of the full page (%d bytes)", fi.Size(), ratio, full[Inline])
			if ratio > maxChangedOnlyShare {
				t.Errorf("the page of changes only is %.1f %% of the full page, more than %d %%", ratio, maxChangedOnlyShare)
			}
		}
		checkPage(t, p, res)
		if probs := p.Problems(t); len(probs) > 0 {
			t.Errorf("console problems: %v", probs)
		}
		// a stretch with both kinds of mark and a folded run of paragraphs
		at := browsertest.Eval[string](t, ctx, `(() => { const g = [...document.querySelectorAll("main .gap.add, main .gap.del")].find(g => g.previousElementSibling && g.previousElementSibling.querySelector("small"))
			|| document.querySelector("main small"); if (!g) return "";
			g.scrollIntoView({block: "center"}); return g.textContent })()`)
		if at == "" {
			t.Errorf("no elision mark on the page of changes only")
		}
		browsertest.Screenshot(t, ctx, out, "kwg-changed.png", false)
	})
}

// loads is how many times measurePage opens a page to take the median
// of its load times, after one load that warms the browser up.
const loads = 5

// measurePage opens path and logs how long Chromium takes to load it, to
// step through ten changes, and to scroll through the whole page. The
// load is timed after a first load that warms the browser up (its
// start, the page's file in the cache), as the median of several: the
// time to DOMContentLoaded and the main thread's CPU time while opening
// (which other work on the machine does not stretch as it stretches the
// wall-clock time). It returns the page of the last load and the
// median wall-clock time to open it.
func measurePage(t *testing.T, ctx context.Context, path string, viewports int) (*browsertest.Page, time.Duration) {
	t.Helper()
	fi, _ := os.Stat(path)
	var p *browsertest.Page
	var wall []time.Duration
	var cpu, dcl, parse []float64
	for k := 0; k <= loads; k++ {
		cpuMetrics(t, ctx) // turns the metrics on for the page to come
		start := time.Now()
		p = browsertest.Open(t, ctx, path)
		loaded := time.Since(start)
		m := cpuMetrics(t, ctx)
		nav := browsertest.Eval[float64](t, ctx, `performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd`)
		if k == 0 {
			continue // the warm-up
		}
		wall = append(wall, loaded)
		cpu = append(cpu, 1000*m["TaskDuration"])
		parse = append(parse, 1000*m["TaskOtherDuration"])
		dcl = append(dcl, nav)
	}
	nodes := browsertest.Eval[int](t, ctx, `document.getElementsByTagName("*").length`)
	t.Logf("%s: %d bytes, %d elements; median of %d loads after a warm-up: opened in %v (DOMContentLoaded %.0f ms), main thread busy %.0f ms (parse and other tasks %.0f ms); all loads: %v",
		filepath.Base(path), fi.Size(), nodes, loads, median(wall).Round(time.Millisecond), median(dcl), median(cpu), median(parse), wall)
	// Ten jumps to the next change, each awaited to the next frame,
	// and a scroll through the page in viewport steps, at most viewports of them.
	steps := browsertest.Eval[float64](t, ctx, `new Promise(done => { const t0 = performance.now(); let k = 0;
		const step = () => { if (k++ === 10) return done(performance.now() - t0);
			document.dispatchEvent(new KeyboardEvent("keydown", {key: "n"})); requestAnimationFrame(step) }; step() })`, chromedp.EvalAwaitPromise)
	scroll := browsertest.Eval[map[string]float64](t, ctx, fmt.Sprintf(`new Promise(done => { const t0 = performance.now(); let worst = 0, last = t0, n = 0;
		const step = () => { const now = performance.now(); worst = Math.max(worst, now - last); last = now;
			if (n === %d || scrollY + innerHeight >= document.documentElement.scrollHeight - 2) return done({total: now - t0, worst, frames: n});
			n++; scrollBy(0, innerHeight); requestAnimationFrame(step) }; requestAnimationFrame(step) })`, viewports), chromedp.EvalAwaitPromise)
	t.Logf("%s: 10 × n in %.0f ms; scrolled %v viewports in %.0f ms, slowest frame %.0f ms",
		filepath.Base(path), steps, scroll["frames"], scroll["total"], scroll["worst"])
	browsertest.Eval[int](t, ctx, `(scrollTo(0, 0), history.replaceState(null, "", location.pathname), 0)`)
	return p, median(wall)
}

// median is the middle value of xs (the upper of the two middle ones
// when there is an even number); it sorts xs.
func median[T cmp.Ordered](xs []T) T {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// cpuMetrics reads Chromium's run-time metrics of the page, with
// durations in seconds of the main thread's CPU time.
func cpuMetrics(t *testing.T, ctx context.Context) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	get := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks}); err != nil {
			return chromedp.Void{}, err
		}
		res, err := cdp.Call(ctx, tg, performance.GetMetrics, cdp.Empty{})
		if err != nil {
			return chromedp.Void{}, err
		}
		for _, m := range res.Metrics {
			out[m.Name] = m.Value
		}
		return chromedp.Void{}, nil
	}
	browsertest.Do(t, ctx, get)
	return out
}

// TestBrowserMeasure measures the pages named in $CODRAFT_MEASURE
// (comma-separated paths): a tool for work on the page's speed.
func TestBrowserMeasure(t *testing.T) {
	files := os.Getenv("CODRAFT_MEASURE")
	if files == "" {
		t.Skip("set CODRAFT_MEASURE to pages to measure")
	}
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	for _, f := range strings.Split(files, ",") {
		measurePage(t, ctx, f, 1<<20)
		for k := 0; k < 3; k++ {
			browsertest.Eval[int](t, ctx, fmt.Sprintf("(scrollTo(0, %d * innerHeight * 0.9), 0)", k))
			browsertest.Screenshot(t, ctx, out, fmt.Sprintf("%s-%d.png", strings.TrimSuffix(filepath.Base(f), ".html"), k), false)
		}
	}
}

// TestBrowserBidi checks that a bidirectional control in a round label or
// the document's title reorders nothing outside it: in the header, the
// date after a label that opens a right-to-left override still stands to
// its right, and the title keeps each draft string between U+2068 and
// U+2069 with the override closed.
func TestBrowserBidi(t *testing.T) {
	ctx := browsertest.Start(t)
	out := browsertest.OutDir(t)
	res := rendertest.Kinds()
	// an override and an embedding left open, in a label and the title
	res.From.Label = "\u202eseward draft"
	res.To.Label = "final \u202bdraft"
	title := "Code \u202eof practice"
	path := writePage(t, out, "bidi.html", res, Options{Title: title})
	p := browsertest.Open(t, ctx, path)
	got := browsertest.Eval[[]string](t, ctx, `(() => { const bad = [];
		for (const dd of document.querySelectorAll(".rounds dd")) {
			const w = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT), tm = dd.querySelector("time");
			let label = null;
			for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.includes("draft")) label = n;
			if (!label || !tm) { bad.push("no label or date in " + dd.textContent); continue }
			// the date comes after the label in the text: it must stand
			// to the label's right on a left-to-right page
			const r = document.createRange(); r.selectNodeContents(label);
			if (tm.getBoundingClientRect().left < r.getBoundingClientRect().right - 1) bad.push("date drawn before the label in " + dd.textContent);
		}
		return bad })()`)
	if len(got) > 0 {
		t.Errorf("bidi controls reorder the header: %v", got)
	}
	want := "Redline: \u2068Code \u202eof practice\u202c\u2069 (\u2068Round 1\u2069 \u2192 \u2068Round 4\u2069)"
	if tl := browsertest.Eval[string](t, ctx, `document.title`); tl != want {
		t.Errorf("title %q, want %q", tl, want)
	}
	if probs := p.Problems(t); len(probs) > 0 {
		t.Errorf("console problems: %v", probs)
	}
	browsertest.Screenshot(t, ctx, out, "bidi.png", false)
}
