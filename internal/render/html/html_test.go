package html

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/diff/difftest"
	"github.com/codraft/codraft/internal/redline"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/render/rendertest"
	"github.com/codraft/codraft/internal/wording"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sampleSummary() *Summary {
	return &Summary{
		Notable: []Notable{
			{Section: "documentation", Label: "Measure 1.2: Model documentation", What: "obligation widened (publish)", After: "shall draw up, publish and keep", Severity: "high"},
			{Section: "data-sources", Label: "Measure 3.2: Voluntary disclosure of data sources", What: "section deleted", Severity: "medium"},
			{Section: "no-such-section", Label: "Somewhere", What: "changed", Before: "14 days", After: "30 days", Severity: "low"},
		},
		LeftOut: []LeftOut{{Rule: "reference-changed", Count: 7}, {Rule: "number-changed", Count: 1}},
		Chart: &Chart{
			Rounds: []string{"second draft", "third draft", "final"},
			Series: []ChartSeries{
				{Section: "Chapter 1: Transparency", Values: []int{40, 12, 3}},
				{Section: "Chapter 2: Systemic risk assessment", Values: []int{180, 95, 0}},
				{Section: "(other)", Values: []int{5, 0, -1}},
				{Section: "Annex C: Withdrawn", Values: []int{-1, 12, -1}, Removed: true},
			},
		},
	}
}

// variant is one way of rendering a case for a golden file.
type variant struct {
	suffix string
	opts   Options
	cases  []string // nil: every case
}

var variants = []variant{
	{suffix: ""},
	{suffix: ".sbs", opts: Options{Layout: SideBySide}, cases: []string{"built-kinds", "edits", "moves", "lists", "tables", "code"}},
	{suffix: ".source", opts: Options{View: Source}, cases: []string{"lists", "tables", "inline"}},
	{suffix: ".changed", opts: Options{ChangedOnly: true}, cases: []string{"structure"}},
	{suffix: ".summary", opts: Options{Summary: sampleSummary(), Timestamp: time.Date(2025, 7, 11, 9, 30, 0, 0, time.UTC), Lang: "en-GB"}, cases: []string{"built-kinds"}},
}

func allCases(t *testing.T) []rendertest.Case {
	t.Helper()
	cases, err := rendertest.FileCases("internal/render/html")
	if err != nil {
		t.Fatal(err)
	}
	return append(cases, rendertest.Built()...)
}

// forGolden replaces the style sheet and the script, which every page
// shares, by markers, so that the golden files show what differs between
// cases. The CSP line still carries their hashes.
func forGolden(b []byte) []byte {
	b = bytes.Replace(b, []byte("<style>"+css+"</style>"), []byte("<style>/* css "+cssHash+" */</style>"), 1)
	return bytes.Replace(b, []byte("<script>"+js+"</script>"), []byte("<script>/* js "+jsHash+" */</script>"), 1)
}

func TestGolden(t *testing.T) {
	for _, c := range allCases(t) {
		for _, v := range variants {
			if v.cases != nil && !contains(v.cases, c.Name) {
				continue
			}
			name := c.Name + v.suffix
			t.Run(name, func(t *testing.T) {
				opts := v.opts
				opts.Title = "Golden " + c.Name
				opts.Generator = "codraft test"
				opts.Sources, opts.FrontMatter = c.Sources, c.FrontMatter
				var buf bytes.Buffer
				if err := Render(&buf, c.Result, opts); err != nil {
					t.Fatal(err)
				}
				got := forGolden(buf.Bytes())
				difftest.Golden(t, filepath.Join("testdata", name+".html"), got, *update)
			})
		}
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

func TestDeterministic(t *testing.T) {
	for _, c := range allCases(t) {
		opts := Options{Title: c.Name, Summary: sampleSummary()}
		var a, b bytes.Buffer
		if err := Render(&a, c.Result, opts); err != nil {
			t.Fatal(err)
		}
		if err := Render(&b, c.Result, opts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renders differ", c.Name)
		}
	}
}

func TestCSPHashesMatchInlineContent(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, rendertest.Kinds(), Options{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	style := between(t, page, "<style>", "</style>")
	script := between(t, page, "<script>", "</script>")
	policy := between(t, page, `http-equiv="Content-Security-Policy" content="`, `"`)
	for _, want := range []string{"default-src 'none'", "style-src '" + hash(style) + "'", "script-src '" + hash(script) + "'", "img-src 'none'", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("CSP %q lacks %q", policy, want)
		}
	}
	if strings.Contains(policy, "unsafe") || strings.Contains(policy, "nonce") {
		t.Errorf("CSP %q allows unsafe sources or uses a nonce", policy)
	}
}

func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("no %q in page", start)
	}
	s = s[i+len(start):]
	j := strings.Index(s, end)
	if j < 0 {
		t.Fatalf("no %q after %q", end, start)
	}
	return s[:j]
}

func TestAnchorsStable(t *testing.T) {
	// An anchor depends on its section and its text, not on what comes
	// before it: dropping the first sections keeps the others' anchors.
	full := rendertest.Kinds()
	anchorsOf := func(r *renderer) map[string]bool {
		r.plan()
		m := map[string]bool{}
		for _, s := range r.secs {
			m[s.anchor] = true
			for _, b := range s.blocks {
				m[b.anchor] = true
			}
		}
		return m
	}
	a := anchorsOf(&renderer{res: full})
	cut := rendertest.Kinds()
	cut.Sections = cut.Sections[3:]
	b := anchorsOf(&renderer{res: cut})
	for id := range b {
		if !a[id] {
			t.Errorf("anchor %q changed when earlier sections went away", id)
		}
	}
	if !hasPrefix(a, "s-documentation-") {
		t.Errorf("no block anchor derived from the section id: %v", a)
	}
}

func hasPrefix(m map[string]bool, p string) bool {
	for k := range m {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

func TestCleanID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"measure-1-2", "measure-1-2"},
		{"übersicht_2.a", "übersicht_2.a"},
		{"", "section"},
	} {
		if got := cleanID(tc.in); got != tc.want {
			t.Errorf("cleanID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Anything else is replaced, and a hash keeps different ids apart.
	a, b := cleanID(`x" onclick="y`), cleanID(`x' onclick='y`)
	if a == b || strings.ContainsAny(a+b, `"' =<>`) {
		t.Errorf("cleanID kept markup or merged ids: %q %q", a, b)
	}
}

func TestParseLayout(t *testing.T) {
	for in, want := range map[string]Layout{"": Inline, "inline": Inline, "side-by-side": SideBySide} {
		if got, err := ParseLayout(in); err != nil || got != want {
			t.Errorf("ParseLayout(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseLayout("columns"); err == nil {
		t.Error("ParseLayout(columns) gave no error")
	}
	if err := Render(&bytes.Buffer{}, rendertest.Kinds(), Options{Layout: "columns"}); err == nil {
		t.Error("Render with an unknown layout gave no error")
	}
}

func TestTrimFences(t *testing.T) {
	eq, ins, del := rendertest.Eq, rendertest.Ins, rendertest.Del
	for _, tc := range []struct {
		in, want []redline.Op
	}{
		{[]redline.Op{eq("```go\nx := 1\n```")}, []redline.Op{eq("x := 1")}},
		{[]redline.Op{eq("~~~\na("), del("1"), ins("2"), eq(")\n~~~")}, []redline.Op{eq("a("), del("1"), ins("2"), eq(")")}},
		// a whole block added or deleted
		{[]redline.Op{ins("```\nnew\n```")}, []redline.Op{ins("new")}},
		{[]redline.Op{del("~~~~ drawing\nold\n"), del("more\n~~~~")}, []redline.Op{del("old\n"), del("more")}},
		// The fence itself changed, or there is none: shown as written.
		{[]redline.Op{del("```"), ins("~~~"), eq("\nx\n"), del("```"), ins("~~~")}, []redline.Op{del("```"), ins("~~~"), eq("\nx\n"), del("```"), ins("~~~")}},
		{[]redline.Op{ins("```\nnew\n"), del("old\n```")}, []redline.Op{ins("```\nnew\n"), del("old\n```")}},
		{[]redline.Op{eq("    indented code")}, []redline.Op{eq("    indented code")}},
		{[]redline.Op{eq("```\nunclosed")}, []redline.Op{eq("```\nunclosed")}},
	} {
		if d := cmp.Diff(tc.want, trimFences(tc.in)); d != "" {
			t.Errorf("trimFences(%v) mismatch (-want +got):\n%s", tc.in, d)
		}
	}
}

func TestNotableFold(t *testing.T) {
	var ns []Notable
	for i := 0; i < notableShown+8; i++ {
		ns = append(ns, Notable{Section: "documentation", Label: "Measure 1.2", What: "changed"})
	}
	var buf bytes.Buffer
	if err := Render(&buf, rendertest.Kinds(), Options{Summary: &Summary{Notable: ns}}); err != nil {
		t.Fatal(err)
	}
	nt := between(t, buf.String(), `<section class="nt wrap"`, "</section>")
	shown, folded, ok := strings.Cut(nt, "<details><summary>8 more notable changes</summary>")
	if !ok {
		t.Fatalf("no fold in %s", nt)
	}
	if n, m := strings.Count(shown, "<li>"), strings.Count(folded, "<li>"); n != notableShown || m != 8 {
		t.Errorf("%d notable changes shown and %d folded, want %d and 8", n, m, notableShown)
	}
}

func TestHiddenBlocks(t *testing.T) {
	blk := func(kinds string) []redline.BlockDiff {
		// one letter per block: s same, c changed, t same table row, T
		// changed table row
		var out []redline.BlockDiff
		for _, k := range kinds {
			b := redline.BlockDiff{Kind: "paragraph", Status: redline.Unchanged}
			switch k {
			case 'c':
				b.Status = redline.Modified
			case 't':
				b.Kind = "table_row"
			case 'T':
				b.Kind, b.Status = "table_row", redline.Added
			}
			out = append(out, b)
		}
		return out
	}
	for _, c := range []struct{ in, want string }{
		{"sssscssss", "hhh...hhh"},
		{"scs", "..."},
		{"sscss", "....."},
		{"ssscsss", "hh...hh"},
		{"sssssc", "hhhh.."},
		{"csssss", "..hhhh"},
		// no changed block: the heading changed, the first block is context
		{"ssss", ".hhh"},
		// a table with a changed row is kept whole, with context
		{"csssTtttsssc", "............"},
		{"cssssTtttssssc", "..hh......hh.."},
		// an unchanged table is left out whole
		{"csssttttsssc", "..hhhhhhhh.."},
	} {
		got := ""
		for _, h := range hiddenSame(blk(c.in)) {
			if h {
				got += "h"
			} else {
				got += "."
			}
		}
		if got != c.want {
			t.Errorf("%s: hidden %s, want %s", c.in, got, c.want)
		}
	}
}

func TestHiddenPassages(t *testing.T) {
	blk := func(kinds string) []redline.BlockDiff {
		// one letter per block: s same, c changed, a added, d deleted, m
		// added by a move, T added table row
		var out []redline.BlockDiff
		for _, k := range kinds {
			b := redline.BlockDiff{Kind: "paragraph", Status: redline.Unchanged}
			switch k {
			case 'c':
				b.Status = redline.Modified
			case 'a':
				b.Status = redline.Added
			case 'd':
				b.Status = redline.Deleted
			case 'm':
				b.Status, b.MovedFrom = redline.Added, "elsewhere"
			case 'T':
				b.Kind, b.Status = "table_row", redline.Added
			}
			out = append(out, b)
		}
		return out
	}
	for _, c := range []struct {
		in    string
		whole bool
		want  string
	}{
		// a run of inserted paragraphs shows its first
		{"caaaaa", false, "..aaaa"},
		// a run one longer than that is kept: the line would not be shorter
		{"caa", false, "..."},
		{"caaa", false, "..aa"},
		{"aaaadddd", false, ".aaa.ddd"},
		// moved blocks and table rows are not folded
		{"mmmmm", false, "....."},
		{"TTTTT", false, "....."},
		{"aamaaaa", false, "....aaa"},
		// unchanged blocks away from a change fold as before
		{"sssaaaasss", false, "ss..aaa.ss"},
		// a whole inserted section is one run
		{"aaaaaa", true, ".aaaaa"},
	} {
		got := ""
		for _, h := range hiddenBlocks(blk(c.in), c.whole) {
			switch h {
			case shown:
				got += "."
			case hideSame:
				got += "s"
			case hideAdded:
				got += "a"
			case hideDel:
				got += "d"
			}
		}
		if got != c.want {
			t.Errorf("%s (whole %v): hidden %s, want %s", c.in, c.whole, got, c.want)
		}
	}
}

func TestElisions(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	long := words(60) // 299 bytes
	eq, ins, del := rendertest.Eq, rendertest.Ins, rendertest.Del
	shown := func(ops []redline.Op, near nearby) string {
		cuts := elisions(ops, near)
		var b strings.Builder
		for n, o := range ops {
			a, e := cuts[n][0], cuts[n][1]
			if e <= a {
				a, e = len(o.Text), len(o.Text)
			}
			b.WriteString(o.Text[:a])
			if e > a {
				b.WriteString(elisionMark(o, a, insertAfter(ops, n)))
			}
			b.WriteString(o.Text[e:])
			b.WriteString("|")
		}
		return b.String()
	}
	keep := words(elideKeep / 5)
	for _, c := range []struct {
		name string
		ops  []redline.Op
		near nearby
		want string
	}{
		{"short text stays", []redline.Op{eq("a b "), ins("c"), eq(" d")}, 0, "a b |c| d|"},
		{"unchanged text before the first change keeps its end",
			[]redline.Op{eq(long + " "), ins("new")}, 0, "[\u2026] " + keep + " |new|"},
		{"unchanged text after the last change keeps its start",
			[]redline.Op{del("old"), eq(" " + long)}, 0, "old| " + keep + " [\u2026]|"},
		{"unchanged text between changes keeps both ends",
			[]redline.Op{del("old"), eq(" " + long + " "), ins("new")}, 0, "old| " + keep + " [\u2026] " + keep + " |new|"},
		{"a long insertion keeps its start and counts the rest",
			[]redline.Op{eq("a "), ins(long)}, 0, "a |" + words(changeKeep/5+1) + " [\u2026 " + wording.Count(60-changeKeep/5-1, "more inserted word") + "]|"},
		{"a long deletion likewise",
			[]redline.Op{del(long)}, 0, words(changeKeep/5+1) + " [\u2026 " + wording.Count(60-changeKeep/5-1, "more deleted word") + "]|"},
		{"context after a change keeps its start", []redline.Op{eq(long)}, changeBefore, keep + " word [\u2026]|"},
		{"context before a change keeps its end", []redline.Op{eq(long)}, changeAfter, "[\u2026] word " + keep + "|"},
		{"context between changes keeps both ends", []redline.Op{eq(long)}, changeBefore | changeAfter, keep + " word [\u2026] word " + keep + "|"},
		{"where a moved block left, its first words stand for it", firstWordsOps([]redline.Op{eq("a "), del(long), ins("new")}), firstWords,
			"a " + words(changeKeep/5) + " [\u2026]|"},
		{"a rewritten paragraph keeps the unchanged text at its ends", rewrittenOps([]redline.Op{eq("a "), del("b"), eq(" c "), ins("d"), eq(" e")}), rewritten, "a |b c | c d| e|"},
		{"a rewritten paragraph shows the start of its old text and of its new", rewrittenOps([]redline.Op{del(long), eq(" the "), ins(long)}), rewritten,
			words(changeKeep/5+1) + " [\u2026 " + wording.Count(60-changeKeep/5-1+1, "more deleted word") + "] | the " + words(changeKeep/5) + " [\u2026 " + wording.Count(60-changeKeep/5, "more inserted word") + "]|"},
		{"one long word is not cut", []redline.Op{del("x"), eq(strings.Repeat("y", 400))}, 0, "x|" + strings.Repeat("y", 400) + "|"},
	} {
		if got := shown(c.ops, c.near); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestIsRewritten(t *testing.T) {
	eq, ins, del := rendertest.Eq, rendertest.Ins, rendertest.Del
	for _, c := range []struct {
		name string
		ops  []redline.Op
		want bool
	}{
		{"unchanged", []redline.Op{eq("one two three")}, false},
		{"one word of many", []redline.Op{eq("the rule applies from "), del("May"), ins("June"), eq(" onwards")}, false},
		{"most words", []redline.Op{del("the old rule said this"), eq(" and "), ins("a new rule says that")}, true},
		{"added as a whole", []redline.Op{ins("all new")}, true},
	} {
		if got := isRewritten(c.ops); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// longDraft writes two rounds whose changes a page of changes only
// shortens: a section inserted with six paragraphs, one deleted with
// four, a long paragraph with one change in its middle and long
// unchanged paragraphs around it, a long inserted sentence, a paragraph
// rewritten for the most part, and a long paragraph moved down.
func longDraft() (old, new []byte) {
	sentence := func(topic string, k int) string {
		return fmt.Sprintf("The %s record number %d names the person who keeps it, the place where it is kept and the date on which it was last checked by the secretariat.", topic, k)
	}
	para := func(topic string, n int) string {
		var s []string
		for k := 1; k <= n; k++ {
			s = append(s, sentence(topic, k))
		}
		return strings.Join(s, " ")
	}
	var o, n strings.Builder
	both := func(s string) { o.WriteString(s); n.WriteString(s) }
	both("# Records\n\n")
	for k := 1; k <= 4; k++ {
		both(para(fmt.Sprintf("filing %d", k), 1) + "\n\n")
	}
	both(para("ledger", 3) + "\n\n")
	o.WriteString(para("archive", 2) + " Copies are kept for five years. " + para("index", 2) + "\n\n")
	n.WriteString(para("archive", 2) + " Copies are kept for ten years, and the secretariat publishes a list of them every spring so that members of each working group can ask for any copy they need, by letter or by a message to the address that the list gives for the purpose. " + para("index", 2) + "\n\n")
	// a paragraph rewritten for the most part
	o.WriteString("Rule 9. Members of a working group may borrow one binder of the records for one week, if they sign the loan book that the front desk keeps, and return it in person.\n\n")
	n.WriteString("Rule 9. Anyone may read every record online, from home or from the office, at any hour, and print the pages they need; the front desk no longer lends binders.\n\n")
	both(para("journal", 3) + "\n\n")
	// a long paragraph moves down past the registers
	o.WriteString(para("minutes", 2) + "\n\n")
	for k := 1; k <= 4; k++ {
		both(para(fmt.Sprintf("register %d", k), 1) + "\n\n")
	}
	n.WriteString(para("minutes", 2) + "\n\n")
	n.WriteString("# Audits\n\n")
	for k := 1; k <= 6; k++ {
		fmt.Fprintf(&n, "Audit step %d: an outside firm samples %d minutes of meetings and reports to the chair within %d weeks.\n\n", k, 10*k, k+2)
	}
	o.WriteString("# Retention\n\n")
	for k := 1; k <= 4; k++ {
		fmt.Fprintf(&o, "Rule %d of retention: shred drafts older than %d months unless a member objects in writing.\n\n", k, 6*k)
	}
	return []byte(o.String()), []byte(n.String())
}

// TestGoldenChangedOnlyLong writes the page of changes only of longDraft,
// in both views: the golden files show each rule that shortens it.
func TestGoldenChangedOnlyLong(t *testing.T) {
	old, new := longDraft()
	res, err := rendertest.Compare("old.md", old, "new.md", new)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []View{Rendered, Source} {
		var buf bytes.Buffer
		if err := Render(&buf, res, Options{Title: "Golden long", Generator: "codraft test", ChangedOnly: true, View: v}); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		page = page[strings.Index(page, "<main"):]
		for _, want := range []string{
			"5 more inserted paragraphs (",
			"3 more deleted paragraphs (",
			"<small>[\u2026]</small>",
			" more inserted words]</small>",
			// the rewritten paragraph: the start of its old text and of its new
			"more deleted words] </small><ins>",
			// both ends of the moved paragraph, whose words did not change, show its first words
			"Moved to ",
			"The minutes record number 1 names the person who keeps it, the place where it is<small> [\u2026]</small>",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s view: no %q on the page", v, want)
			}
		}
		difftest.Golden(t, filepath.Join("testdata", "built-long.changed."+string(v)+".html"), forGolden(buf.Bytes()), *update)
	}
}

// maxChangedOnlyShare is the largest share, in per cent, of the full page
// that the page of changes only of the largest corpus pair may take.
const maxChangedOnlyShare = 25

// TestChangedOnlyShare writes the full page and the page of changes only of
// the largest corpus pair (skipped when ../shared is absent), with the
// notable changes the command line adds left out, and holds the second to
// at most maxChangedOnlyShare per cent of the first.
func TestChangedOnlyShare(t *testing.T) {
	dir := filepath.Join(rendertest.RepoRoot(), "..", "shared", "corpus", "de-kwg-large")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus absent (%v)", err)
	}
	res, err := rendertest.CompareFiles(filepath.Join(dir, "01-2013-01-11.md"), filepath.Join(dir, "02-2022-01-28.md"))
	if err != nil {
		t.Fatal(err)
	}
	size := func(o Options) int {
		var buf bytes.Buffer
		if err := Render(&buf, res, o); err != nil {
			t.Fatal(err)
		}
		return buf.Len()
	}
	full, only := size(Options{Title: "KWG"}), size(Options{Title: "KWG", ChangedOnly: true})
	ratio := 100 * float64(only) / float64(full)
	t.Logf("full page %d bytes, changes only %d bytes: %.1f %%", full, only, ratio)
	if ratio > maxChangedOnlyShare {
		t.Errorf("the page of changes only is %.1f %% of the full page, more than %d %%", ratio, maxChangedOnlyShare)
	}
}

// BenchmarkRenderLarge writes the full page of the largest corpus pair
// (skipped when ../shared is absent): the renderer's share of export.
func BenchmarkRenderLarge(b *testing.B) {
	dir := filepath.Join(rendertest.RepoRoot(), "..", "shared", "corpus", "de-kwg-large")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus absent (%v)", err)
	}
	res, err := rendertest.CompareFiles(filepath.Join(dir, "01-2013-01-11.md"), filepath.Join(dir, "02-2022-01-28.md"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, res, Options{Title: "KWG"}); err != nil {
			b.Fatal(err)
		}
	}
}
