package html

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/diff/difftest"
	"github.com/codraft/codraft/internal/redline"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/render/rendertest"
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
		// a run of inserted paragraphs shows its first two
		{"caaaaa", false, "...aaa"},
		// a run one longer than that is kept: the line would not be shorter
		{"caaa", false, "...."},
		{"aaaadddd", false, "..aa..dd"},
		// moved blocks and table rows are not folded
		{"mmmmm", false, "....."},
		{"TTTTT", false, "....."},
		{"aamaaaa", false, ".....aa"},
		// unchanged blocks away from a change fold as before
		{"sssaaaasss", false, "ss...aa.ss"},
		// a whole inserted section is one run
		{"aaaaaa", true, "..aaaa"},
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
