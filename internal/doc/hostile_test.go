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

	"github.com/codraft/codraft/internal/testenv"
)

// watchdog is how long a hostile input may take before the test calls it a
// hang. It is far above what each takes (milliseconds to a second or two,
// on a loaded machine), so it never fails on a slow runner; what it catches
// is time that grows with the square of the input or worse.
const watchdog = 60 * time.Second

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
	testenv.Within(t, watchdog, name, func() {
		alloc = allocated(func() { d, err = Parse(name+".md", []byte(src), opt) })
	})
	if err != nil {
		if !strings.Contains(err.Error(), name+".md") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
		return nil, err
	}
	checkTiling(t, d)
	// goldmark's tree is several times its source, a parse allocates a
	// few times the tree, and a section or block costs a few hundred bytes
	// however short its line; far more would be a leak or a blow-up.
	if limit := uint64(64*len(src)) + 4096*uint64(strings.Count(src, "\n")) + 64<<20; alloc > limit {
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
func kindsDraft(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "kinds.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestDeepNesting: lists and quotes nested 1,000 deep get a clear error
// naming the line, at once; up to MaxNesting levels parse.
func TestDeepNesting(t *testing.T) {
	var indented strings.Builder
	for i := 0; i < 1000; i++ {
		indented.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	r := strings.Repeat
	for _, c := range []struct {
		name, src string
		line      int // the line of the error, 0 for none
	}{
		{"indented-list-1000", indented.String(), MaxNesting + 1},
		{"one-line-list-1000", r("- ", 1000) + "x\n", 1},
		{"one-line-quote-1000", "# Q\n\n" + r("> ", 1000) + "x\n", 3},
		{"quote-list-1000", r("> - ", 500) + "x\n", 1},
		{"ordered-1000", r("1. ", 1000) + "x\n", 1},
		{"tabs-1000", r("\t", 1000) + "- x\n", 1},
		{"quote-lines-1000", r(r("> ", 1000)+"x\n", 100), 1},
		{"list-" + fmt.Sprint(MaxNesting/2), r("- ", MaxNesting/2) + "x\n", 0},
		{"quote-" + fmt.Sprint(MaxNesting), r(">", MaxNesting) + " x\n", 0},
		{"indented-list-40", indented.String()[:strings.Index(indented.String(), r(" ", 80)+"-")], 0},
		{"thematic-breaks", r("* ", 40) + "\n\n" + r("-", 10000) + "\n", 0},
		{"wide-code", r(" ", 100000) + "code\n", 0},
		{"fence-of-quotes", "```\n" + r("> ", 40) + "\n```\n", 0},
	} {
		d, err := parseHostile(t, c.name, c.src, Options{})
		switch {
		case c.line == 0 && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.line == 0:
			if len(d.Sections) == 0 {
				t.Errorf("%s: no sections", c.name)
			}
		case !errors.Is(err, ErrTooDeep):
			t.Errorf("%s: error %v, want ErrTooDeep", c.name, err)
		case !strings.HasPrefix(err.Error(), fmt.Sprintf("%s.md:%d: ", c.name, c.line)):
			t.Errorf("%s: error %q does not name line %d", c.name, err, c.line)
		}
	}
}

// TestLongLinesAndMany: a 1 MB single line (as a paragraph, a heading, a
// table row and a list item), 20,000 headings, and a run of 100,000 link
// reference definitions, each parsed in bounded time.
func TestLongLinesAndMany(t *testing.T) {
	r := strings.Repeat
	line := r("word ", 200000) // 1 MB
	var headings strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&headings, "## Measure %d.%d: Title %d\n\nText of measure %d.\n\n", i/100, i%100, i, i)
	}
	var refs strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&refs, "[ref-%d]: https://example.org/%d\n", i, i)
	}
	for _, c := range []struct {
		name, src string
		sections  int
	}{
		{"line-paragraph", line + "\n", 1},
		{"line-no-newline", line, 1},
		{"line-heading", "# " + line + "\n", 1},
		{"line-setext", line + "\n===\n", 1},
		{"line-table", "|" + r(" a |", 250000) + "\n|" + r("---|", 250000) + "\n", 1},
		{"line-list", "- " + line + "\n", 1},
		{"line-rtl", r("שלום עולם مرحبا ", 40000) + "\n", 1},
		{"headings-20000", headings.String(), 20000},
		{"headings-only-100000", r("#\n", DefaultMaxSections), DefaultMaxSections},
		{"refs-100000", "# Links\n\n" + refs.String(), 1},
	} {
		d, err := parseHostile(t, c.name, c.src, Options{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(d.Sections) != c.sections {
			t.Errorf("%s: %d sections, want %d", c.name, len(d.Sections), c.sections)
		}
		if c.name == "headings-20000" {
			if s := d.Sections[19999]; s.Number != "Measure 199.99" || s.ID != "title-19999" || s.Line != 79997 {
				t.Errorf("%s: last section %+v", c.name, s)
			}
		}
	}
}

func TestMaxSections(t *testing.T) {
	src := strings.Repeat("## A\n\nx\n\n", 11)
	if _, err := Parse("ten.md", []byte(src), Options{MaxSections: 10}); !errors.Is(err, ErrTooManySections) ||
		err.Error() != "ten.md: too many sections: 11, over the limit of 10" {
		t.Errorf("11 sections with a limit of 10: %v", err)
	}
	if d, err := Parse("ten.md", []byte(src), Options{MaxSections: 11}); err != nil || len(d.Sections) != 11 {
		t.Errorf("11 sections with a limit of 11: %v", err)
	}
	big := strings.Repeat("#\n", DefaultMaxSections+1)
	if _, err := parseHostile(t, "default", big, Options{}); !errors.Is(err, ErrTooManySections) {
		t.Errorf("%d sections with the default limit: %v", DefaultMaxSections+1, err)
	}
	if d, err := parseHostile(t, "unlimited", big, Options{MaxSections: -1}); err != nil || len(d.Sections) != DefaultMaxSections+1 {
		t.Errorf("no limit: %v", err)
	}
}

// TestUnicodeForms: NFC and NFD spellings of a word are different text
// unless NormalizeUnicode folds them; right-to-left text and emoji with
// joiners are text like any other.
func TestUnicodeForms(t *testing.T) {
	nfc := "# Caf\u00e9 r\u00e9sum\u00e9\n\nL'\u00e9cole na\u00efve.\n"
	nfd := "# Cafe\u0301 re\u0301sume\u0301\n\nL'e\u0301cole nai\u0308ve.\n"
	a, b := mustParse(t, "nfc", nfc), mustParse(t, "nfd", nfd)
	if outline(a) == outline(b) {
		t.Errorf("NFC and NFD parse to the same text without NormalizeUnicode")
	}
	a, _ = parseHostile(t, "nfc", nfc, Options{NormalizeUnicode: true})
	b, _ = parseHostile(t, "nfd", nfd, Options{NormalizeUnicode: true})
	if outline(a) != outline(b) {
		t.Errorf("NormalizeUnicode: NFC and NFD differ:\n%s\n%s", outline(a), outline(b))
	}
	if a.Sections[0].ID != "café-résumé" {
		t.Errorf("id %q", a.Sections[0].ID)
	}
	rtl := mustParse(t, "rtl", "# \u05e4\u05e8\u05e7 1: \u05de\u05d1\u05d5\u05d0\n\n\u0627\u0644\u0645\u0627\u062f\u0629 \u0627\u0644\u0623\u0648\u0644\u0649 \u200f(1)\u200f.\n\n## \u202eevil\u202c override\n")
	if s := rtl.Sections[0]; s.Title != "\u05e4\u05e8\u05e7 1: \u05de\u05d1\u05d5\u05d0" || s.ID == "" {
		t.Errorf("rtl heading: %+v", s)
	}
	emoji := mustParse(t, "emoji", "# \U0001F469\u200d\U0001F469\u200d\U0001F467 Family \U0001F44D\U0001F3FD\n\n\U0001F1E9\U0001F1EA flag\n")
	if s := emoji.Sections[0]; s.Title != "\U0001F469\u200d\U0001F469\u200d\U0001F467 Family \U0001F44D\U0001F3FD" || s.ID != "family" {
		t.Errorf("emoji heading: %+v", s)
	}
}

// TestTableAfterParagraph: a table right under a paragraph line keeps its
// rows (they were read from the paragraph's lines, the header lost and the
// delimiter row shown as a row), and a setext underline after such a table,
// which makes goldmark put a heading before the table out of order, no
// longer panics.
func TestTableAfterParagraph(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"intro\n| a | b |\n|---|---|\n| 1 | 2 |\n",
			"preamble L0 \"\" \"\" line 0\n  paragraph line 1 \"intro\"\n  table_row line 2 \"| a | b |\"\n  table_row line 4 \"| 1 | 2 |\"\n"},
		{"# T\n\nintro\nmore\n| a | b |\n|---|---|\n| 1 | 2 |\n\nafter\n",
			"t L1 \"\" \"T\" line 1\n  paragraph line 3 \"intro more\"\n  table_row line 5 \"| a | b |\"\n  table_row line 7 \"| 1 | 2 |\"\n  paragraph line 9 \"after\"\n"},
		{"|\n|\n-|\ncation | 14 days |\n| Annual report | 31 March |\n-",
			"preamble L0 \"\" \"\" line 0\n  paragraph line 1 \"|\"\n  table_row line 2 \"|\"\n  table_row line 4 \"cation | 14 days |\"\n  table_row line 5 \"| Annual report | 31 March |\"\n"},
	} {
		d := mustParse(t, "table", c.src)
		if got := outline(d); got != c.want {
			t.Errorf("%q:\n%s\nwant\n%s", c.src, got, c.want)
		}
	}
}
