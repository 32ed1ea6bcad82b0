package html

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/rendertest"
)

// renderOps renders ops as the rendered view writes one block's text.
func renderOps(t *testing.T, ops ...redline.Op) (string, []string) {
	t.Helper()
	var buf bytes.Buffer
	res := rendertest.Finish(&redline.Result{Sections: []redline.SectionDiff{{ID: "m-1", New: rendertest.Ref("m-1", 2, "", "M"), Old: rendertest.Ref("m-1", 2, "", "M"), Blocks: []redline.BlockDiff{rendertest.Para(ops...)}}}})
	r := &renderer{res: res}
	r.plan()
	r.w = newBufWriter(&buf)
	notes := r.renderedOps(ops, opsBoth)
	r.w.Flush()
	return buf.String(), notes
}

func TestRenderedInline(t *testing.T) {
	eq, ins, del := rendertest.Eq, rendertest.Ins, rendertest.Del
	for _, c := range []struct {
		name  string
		ops   []redline.Op
		want  string
		notes string
	}{
		{"emphasis", []redline.Op{eq("a *b* and **c** and `d*e*`")}, "a <em>b</em> and <strong>c</strong> and <code>d*e*</code>", ""},
		{"link", []redline.Op{eq("see [the annex](https://example.org/a) now")}, `see <a href="https://example.org/a">the annex</a> now`, ""},
		{"bad scheme is text", []redline.Op{eq("[x](javascript:alert(1))")}, "x", ""},
		{"image is its alt text", []redline.Op{eq("![a chart](c.png)")}, `<span class="img">[a chart]</span>`, ""},
		{"escape", []redline.Op{eq(`\*not em\*`)}, "*not em*", ""},
		{"fragment to a section", []redline.Op{eq("[m](#m-1)")}, `<a href="#s-m-1">m</a>`, ""},
		{"unknown fragment is text", []redline.Op{eq("[m](#nowhere)")}, "m", ""},
		{"inserted word inside strong", []redline.Op{eq("**a "), ins("new "), eq("b**")}, "<strong>a </strong><strong><ins>new </ins></strong><strong>b</strong>", ""},
		{"bold added is a format change", []redline.Op{eq("the "), ins("**"), eq("rule"), ins("**"), eq(" holds")},
			`the <strong><span class="fmt">rule</span></strong> holds`, "format changed: \u201crule\u201d now bold"},
		{"link target changed", []redline.Op{eq("[text](http://"), del("a"), ins("b"), eq(".example)")},
			`<a href="http://b.example"><span class="fmt">text</span></a>`, "link changed: http://a.example \u2192 http://b.example"},
		{"deleted words keep their old style", []redline.Op{eq("x "), del("*gone*"), eq(" y")}, "x <em><del>gone</del></em> y", ""},
	} {
		got, notes := renderOps(t, c.ops...)
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		if n := strings.Join(notes, "; "); n != c.notes {
			t.Errorf("%s: notes %q, want %q", c.name, n, c.notes)
		}
	}
}

func TestSplitCells(t *testing.T) {
	eq, ins, del := rendertest.Eq, rendertest.Ins, rendertest.Del
	cells := splitCells([]redline.Op{eq("| a | b |"), ins(" c |")})
	if len(cells) != 3 || cells[2].status() != "add" || cells[0].status() != "" {
		t.Fatalf("added column: %+v", cells)
	}
	cells = splitCells([]redline.Op{eq("| a |"), del(" b |"), eq(" c |")})
	if len(cells) != 3 || cells[1].status() != "del" {
		t.Fatalf("removed column: %+v", cells)
	}
	cells = splitCells([]redline.Op{eq(`| a \| b | c |`)})
	if len(cells) != 2 || sideText(cells[0].ops, redline.Insert) != " a | b " {
		t.Fatalf("escaped pipe: %+v", cells)
	}
}

func newBufWriter(b *bytes.Buffer) *bufio.Writer { return bufio.NewWriter(b) }

func TestTableLine(t *testing.T) {
	eq, ins, del := rendertest.Eq, rendertest.Ins, rendertest.Del
	for _, tc := range []struct {
		ops  []redline.Op
		want bool
	}{
		{[]redline.Op{eq("| ---- | :--: | --- |")}, true},
		{[]redline.Op{eq("| ---- | "), del("---"), ins("-----"), eq(" |")}, true},
		{[]redline.Op{ins("|---|---|")}, true},
		{[]redline.Op{eq("---")}, false}, // a rule or a setext line, no pipe
		{[]redline.Op{eq("| a | b |")}, false},
		{[]redline.Op{eq("| --- | "), ins("x"), eq(" |")}, false}, // the new side is a row
		{[]redline.Op{eq("")}, false},
	} {
		if got := tableLine(tc.ops); got != tc.want {
			t.Errorf("tableLine(%v) = %v, want %v", tc.ops, got, tc.want)
		}
	}
}
