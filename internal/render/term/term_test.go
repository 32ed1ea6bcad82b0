package term

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/diff/difftest"
	"github.com/codraft/codraft/internal/redline"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestGolden(t *testing.T) {
	for _, c := range difftest.For(t, "internal/render/term") {
		t.Run(c.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, c.Result(t), Options{Context: 12}); err != nil {
				t.Fatal(err)
			}
			difftest.Golden(t, filepath.Join("testdata", c.Name+".txt"), buf.Bytes(), *update)
		})
	}
}

func TestColorHasNoBrackets(t *testing.T) {
	c := difftest.For(t, "internal/render/term")[0]
	var buf bytes.Buffer
	if err := Render(&buf, c.Result(t), Options{Color: true, Context: 12}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "\x1b[31m") || strings.Contains(out, "[-") {
		t.Errorf("colour output should use ANSI marks, not brackets:\n%q", out)
	}
}

// TestEscapesControls: control and bidi characters from a draft reach the
// terminal escaped, with colour on and off, and no CR is written.
func TestEscapesControls(t *testing.T) {
	res := &redline.Result{
		From: redline.Endpoint{Rev: "1", Label: "one\x1b]0;title\x07"},
		To:   redline.Endpoint{Rev: "2", Label: "two"},
		Sections: []redline.SectionDiff{{
			ID: "s", Status: redline.Modified,
			Old: &redline.SectionRef{File: "a.md", Line: 1, Level: 1, Title: "T\u202eitle"},
			New: &redline.SectionRef{File: "a.md", Line: 1, Level: 1, Title: "T\u202eitle"},
			Blocks: []redline.BlockDiff{{Kind: "paragraph", Status: redline.Modified, Ops: []redline.Op{
				{Op: redline.Equal, Text: "keep \x1b[2J "}, {Op: redline.Delete, Text: "old\r::error::x"}, {Op: redline.Insert, Text: "new\x9b"},
			}}},
		}},
		Notes: []string{"note\x1b[31m"},
	}
	for _, color := range []bool{false, true} {
		var b strings.Builder
		if err := Render(&b, res, Options{Color: color, Context: -1}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if color {
			// the renderer's own colour codes are the only escapes left
			for _, code := range []string{bold, cyan, red, green, strike, under, reset, yellow} {
				out = strings.ReplaceAll(out, code, "")
			}
		}
		for _, bad := range []string{"\x1b", "\r", "\u202e", "\x07", "\u009b"} {
			if strings.Contains(out, bad) {
				t.Errorf("color=%v: output holds %q:\n%s", color, bad, out)
			}
		}
		for _, want := range []string{`\x1b[2J`, `\x0d::error::x`, `\u202e`, `\x1b]0;title`} {
			if !strings.Contains(out, want) {
				t.Errorf("color=%v: output lacks %s:\n%s", color, want, out)
			}
		}
	}
}
