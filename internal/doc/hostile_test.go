package doc

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// watchdog is how long a hostile input may take before the test calls it a
// hang. It is far above what each takes (milliseconds to a second or two,
// on a loaded machine), so it never fails on a slow runner; what it catches
// is time that grows with the square of the input or worse.
const watchdog = 60 * time.Second

// within runs f and fails the test when it has not returned after limit.
// The goroutine is left running then: the test binary is failing anyway.
func within(t testing.TB, limit time.Duration, name string, f func()) {
	t.Helper()
	done := make(chan struct{})
	var panicked any
	go func() {
		defer close(done)
		defer func() { panicked = recover() }()
		f()
	}()
	select {
	case <-done:
		if panicked != nil {
			t.Fatalf("%s: panic: %v", name, panicked)
		}
	case <-time.After(limit):
		t.Fatalf("%s: no result after %s: a hang, or time growing with the square of the input", name, limit)
	}
}

// allocated runs f and returns the bytes it allocated on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// parseHostile parses src under the watchdog and checks what every parse
// must give: tiling spans, or an error naming the file.
func parseHostile(t *testing.T, name, src string, opt Options) (*Document, error) {
	t.Helper()
	var d *Document
	var err error
	var alloc uint64
	within(t, watchdog, name, func() {
		alloc = allocated(func() { d, err = Parse(name+".md", []byte(src), opt) })
	})
	if err != nil {
		if !strings.Contains(err.Error(), name+".md") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
		return nil, err
	}
	checkTiling(t, d)
	// goldmark's tree is several times its source, and a parse allocates
	// a few times the tree; far more would be a leak or a blow-up.
	if limit := uint64(64*len(src)) + 64<<20; alloc > limit {
		t.Errorf("%s: parsing %d bytes allocated %d MB", name, len(src), alloc>>20)
	}
	return d, nil
}

// TestPathologicalInlines feeds goldmark's known quadratic inline cases (from
// CommonMark's pathological tests), a few hundred kilobytes each, in
// paragraphs and in headings. Paragraphs are not parsed for inlines, and a
// heading only up to maxInlineHeading bytes, so each takes milliseconds;
// before, "*a_ " repeated took minutes.
func TestPathologicalInlines(t *testing.T) {
	r := strings.Repeat
	const n = 60000
	cases := map[string]string{
		"nested-strong-emph":        r("*a **a ", n) + "b" + r(" a** a*", n),
		"emph-closers":              r("a_ ", n),
		"emph-openers":              r("_a ", n),
		"mismatched-openers":        r("*a_ ", n),
		"openers-multiple-of-3":     "a**b" + r("c* ", n),
		"link-openers-emph-closers": r("[ a_", n),
		"link-closers":              r("a]", n),
		"link-openers":              r("[a", n),
		"nested-brackets":           r("[", n) + "a" + r("]", n),
		"brackets-parens":           r("[ (](", n),
		"unclosed-links-a":          r("[a](<b", n),
		"unclosed-links-b":          r("[a](b", n),
		"unclosed-comments":         "</" + r("<!--", n),
		"backticks":                 "e" + r("`e", n),
		"autolinks":                 r("<http://a", n),
		"raw-html":                  r("<a ", n),
		"entities":                  r("&amp;", n),
		"strikethrough":             r("~~a ", n),
		"heading-brackets":          "# " + r("[", n) + "a" + r("]", n),
		"heading-mismatched":        "# " + r("*a_ ", n),
		"heading-unclosed-links":    "## " + r("[a](b", n) + "\n\ntext\n",
		"setext-mismatched":         r("*a_ \n", n/4) + "===\n",
		// many headings each just under the inline limit
		"headings-mismatched":   r("# "+r("*a_ ", (maxInlineHeading-2)/4)+"\n", 400),
		"headings-links":        r("# "+r("[a](b", (maxInlineHeading-2)/5)+"\n", 400),
		"headings-openers-of-3": r("# a**b"+r("c* ", (maxInlineHeading-6)/3)+"\n", 400),
	}
	for name, src := range cases {
		d, err := parseHostile(t, name, src, Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(d.Sections) == 0 {
			t.Errorf("%s: no sections", name)
		}
	}
}

// TestHeadingInlines checks that titles still drop inline markup, with the
// heading parsed on its own: emphasis, links (reference links too, defined
// anywhere in the draft), code spans, raw HTML, images, strikethrough.
func TestHeadingInlines(t *testing.T) {
	src := "# *Emph* and **strong** {#x}\n\n" +
		"## [Link](http://x) and [ref][r1] and [r1]\n\n" +
		"### `code` and <b>html</b> and ![img](y) and ~~strike~~\n\n" +
		"Setext *with* emph\nand [two](z) lines\n====\n\n" +
		"## Measure 1.2: **Bold** title ##\n\n" +
		"## 1. List-looking\n\n" +
		"## > quote-looking\n\n" +
		"## [r1]: /not-a-definition\n\n" +
		"## " + strings.Repeat("*a* ", maxInlineHeading/4+1) + "\n\n" +
		"[r1]: http://example.com\n"
	d, err := Parse("h.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Sections {
		if s.Level > 0 {
			got = append(got, s.Number+"|"+s.Title)
		}
	}
	want := []string{
		"|Emph and strong",
		"|Link and ref and r1",
		"|code and html and and strike",
		"|Setext with emph and two lines",
		"Measure 1.2|Bold title",
		"1.|List-looking",
		"|> quote-looking",
		"|r1: /not-a-definition",
		"|" + strings.TrimSpace(strings.Repeat("*a* ", maxInlineHeading/4+1)), // too long: markup kept
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("titles:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHostileSmallInputs(t *testing.T) {
	cases := []struct {
		name, src string
		sections  int    // want this many sections
		err       string // or an error holding this
	}{
		{name: "empty", src: "", sections: 0},
		{name: "blank-lines", src: "\n\n   \n\t\n", sections: 0},
		{name: "only-front-matter", src: "---\ntitle: x\nlist: [a, b]\n---\n", sections: 0},
		{name: "front-matter-no-newline", src: "---\ntitle: x\n---", sections: 0},
		{name: "unterminated-front-matter", src: "---\ntitle: x\n", sections: 2}, // a rule, then a setext heading? no: see below
		{name: "heading-like-front-matter", src: "---\n# Not a heading\n---\n# Heading\n\ntext\n", sections: 1},
		{name: "setext-under-front-matter", src: "---\na: b\n---\nTitle\n---\n", sections: 1},
		{name: "bom-only", src: "\ufeff", sections: 0},
		{name: "crlf-only", src: "\r\n\r\n", sections: 0},
		{name: "lone-cr", src: "# A\r\rtext\r", sections: 1},
		{name: "nul", src: "# A\n\nte\x00xt\n", err: "NUL byte"},
		{name: "invalid-utf8", src: "# A\n\n\xff\xfe text\n", err: "invalid UTF-8 at byte 5"},
		{name: "overlong-utf8", src: "# A\n\n\xc0\xaf\n", err: "invalid UTF-8"},
		{name: "surrogate-utf8", src: "# A\n\n\xed\xa0\x80\n", err: "invalid UTF-8"},
		{name: "only-hashes", src: "#\n##\n###\n", sections: 3},
		{name: "seven-hashes", src: "####### not a heading\n", sections: 1},
	}
	for _, c := range cases {
		d, err := parseHostile(t, c.name, c.src, Options{})
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, ErrNotText) {
				t.Errorf("%s: error %v, want one holding %q", c.name, err, c.err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.name == "unterminated-front-matter":
			// not front matter: a thematic break, then "title: x" as a
			// paragraph in the preamble
			if d.FrontMatterEnd != 0 || len(d.Sections) != 1 || d.Sections[0].Level != 0 {
				t.Errorf("%s: %+v", c.name, d.Sections)
			}
		case len(d.Sections) != c.sections:
			t.Errorf("%s: %d sections, want %d: %+v", c.name, len(d.Sections), c.sections, d.Sections)
		}
	}
}

// TestLineEndsAndBOM: CRLF, lone CR and a BOM give the sections and text of
// the LF version.
func TestLineEndsAndBOM(t *testing.T) {
	src := kindsDraft(t)
	want := outline(mustParse(t, "lf", src))
	for name, v := range map[string]string{
		"crlf":     strings.ReplaceAll(src, "\n", "\r\n"),
		"cr":       strings.ReplaceAll(src, "\n", "\r"),
		"bom":      "\ufeff" + src,
		"bom-crlf": "\ufeff" + strings.ReplaceAll(src, "\n", "\r\n"),
	} {
		if got := outline(mustParse(t, name, v)); got != want {
			t.Errorf("%s: sections differ from the LF version:\n%s\nwant\n%s", name, got, want)
		}
	}
}

func mustParse(t *testing.T, name, src string) *Document {
	t.Helper()
	d, err := parseHostile(t, name, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// outline is the sections' ids, levels, numbers, titles and block texts.
func outline(d *Document) string {
	var b strings.Builder
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "%s L%d %q %q line %d\n", s.ID, s.Level, s.Number, s.Title, s.Line)
		for _, bl := range s.Blocks {
			fmt.Fprintf(&b, "  %s line %d %q\n", bl.Kind, bl.Line, bl.Text)
		}
	}
	return b.String()
}

// kindsDraft is testdata/hostile/kinds.md: every kind of Markdown that
// goldmark accepts, in one draft.
func kindsDraft(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "kinds.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
