package doc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

func TestSplitNumber(t *testing.T) {
	cases := []struct{ in, num, title string }{
		{"Commitment 3: Copyright policy", "Commitment 3", "Copyright policy"},
		{"Measure 1.2 Model documentation", "Measure 1.2", "Model documentation"},
		{"§ 66a Übergangsvorschrift", "§ 66a", "Übergangsvorschrift"},
		{"§ 5 - ", "§ 5", ""},
		{"B. Account Terms", "B.", "Account Terms"},
		{"4. Additional Terms", "4.", "Additional Terms"},
		{"II. Scope", "II.", "Scope"},
		{"Annex I Reporting template", "Annex I", "Reporting template"},
		{"1.2.3 Nested", "1.2.3", "Nested"},
		{"Erster Abschnitt - Begriffsbestimmungen", "Erster Abschnitt", "Begriffsbestimmungen"},
		{"Summary", "", "Summary"},
		{"Part of the plan", "", "Part of the plan"},
		{"Annex Implementation notes", "", "Annex Implementation notes"},
		{"Control of Private Repositories.", "", "Control of Private Repositories."},
	}
	for _, c := range cases {
		n, ti := splitNumber(c.in, DefaultNumberWords)
		if n != c.num || ti != c.title {
			t.Errorf("splitNumber(%q) = %q, %q; want %q, %q", c.in, n, ti, c.num, c.title)
		}
	}
}

func TestParseSections(t *testing.T) {
	src := "---\ntitle: x\n# not a heading\n---\nIntro text\nwrapped.\n\n# Chapter 1: Scope {#scope}\n\nPara one\n  continues here.\n\n## Measure 1.1: Docs\n\n- item one\n  more\n  - nested\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode  here\n```\n\n> quoted\n> text\n\nSetext\n------\n\n## Docs\n\nx\n"
	d, err := Parse("t.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type sec struct {
		ID, Number, Title string
		Level, Line       int
		Blocks            []string
	}
	var got []sec
	for _, s := range d.Sections {
		var bl []string
		for _, b := range s.Blocks {
			bl = append(bl, string(b.Kind)+":"+b.Text)
		}
		got = append(got, sec{s.ID, s.Number, s.Title, s.Level, s.Line, bl})
	}
	want := []sec{
		{"preamble", "", "", 0, 0, []string{"paragraph:Intro text wrapped."}},
		{"scope", "Chapter 1", "Scope", 1, 8, []string{"paragraph:Para one continues here."}},
		{"docs", "Measure 1.1", "Docs", 2, 13, []string{"list_item:item one more", "list_item:nested", "list_item:item two", "table_row:| a | b |", "table_row:| 1 | 2 |", "code:```\ncode  here\n```", "quote:quoted text"}},
		{"setext", "", "Setext", 2, 31, nil},
		{"docs-2", "", "Docs", 2, 34, []string{"paragraph:x"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections mismatch (-want +got):\n%s", diff)
	}
	checkTiling(t, d)
}

// checkTiling asserts that sections tile the document after its front
// matter, and blocks lie inside their section in order.
func checkTiling(t *testing.T, d *Document) {
	t.Helper()
	pos := d.FrontMatterEnd
	for _, s := range d.Sections {
		if s.Start > pos && strings.TrimSpace(string(d.Source[pos:s.Start])) == "" {
			pos = s.Start // blank lines before the first heading
		}
		if s.Start != pos {
			t.Fatalf("%s: section %q starts at %d, want %d", d.File, s.ID, s.Start, pos)
		}
		last := s.Start
		for _, b := range s.Blocks {
			if b.Start < last || b.End > s.End || b.Start > b.End {
				t.Fatalf("%s: section %q block at %d-%d outside %d-%d (after %d)", d.File, s.ID, b.Start, b.End, s.Start, s.End, last)
			}
			last = b.End
		}
		pos = s.End
	}
	if len(d.Sections) > 0 && pos != len(d.Source) {
		t.Fatalf("%s: sections end at %d, document at %d", d.File, pos, len(d.Source))
	}
}

func TestParseNormalises(t *testing.T) {
	a, _ := Parse("a", []byte("\xef\xbb\xbf# T\r\n\r\nSome  text\r\nwrapped\r\n"), Options{})
	b, _ := Parse("b", []byte("# T\n\nSome text wrapped\n"), Options{})
	if a.Sections[0].Blocks[0].Text != b.Sections[0].Blocks[0].Text {
		t.Errorf("CRLF/BOM text %q != %q", a.Sections[0].Blocks[0].Text, b.Sections[0].Blocks[0].Text)
	}
}

func TestParseRejectsBinary(t *testing.T) {
	for _, in := range []string{"a\x00b", "bad \xff utf8"} {
		if _, err := Parse("x.md", []byte(in), Options{}); err == nil || !strings.Contains(err.Error(), "x.md") {
			t.Errorf("Parse(%q) error = %v, want one naming x.md", in, err)
		}
	}
}

// corpusFiles lists the Markdown rounds of the shared corpus, or skips.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob("../../../shared/corpus/*/*.md")
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent: corpus tests skipped")
	}
	return files
}

func TestParseCorpusTiles(t *testing.T) {
	for _, f := range corpusFiles(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(f, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkTiling(t, d)
		if len(d.Sections) < 5 {
			t.Errorf("%s: only %d sections", f, len(d.Sections))
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, pat := range []string{"../../drafts/0*.md", "../../testdata/cases/*.txtar"} {
		files, _ := filepath.Glob(pat)
		for _, fl := range files {
			data, _ := os.ReadFile(fl)
			f.Add(data)
		}
	}
	f.Add([]byte("---\na: b\n---\n# T {#x}\n\n| a |\n|---|\n| b |\n\n> q\n\n```\nc\n```\n"))
	f.Add([]byte("--- middle\n\n{::comment}\nx\n{:/comment}\n\nSetext\n===\n"))
	f.Add([]byte(kindsDraft(f)))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > maxFuzzInput {
			return
		}
		d, err := Parse("f.md", src, Options{})
		checkInvariants(t, src, d, err)
		if err != nil {
			return
		}
		checkTiling(t, d)
		seen := map[string]bool{}
		for _, s := range d.Sections {
			if seen[s.ID] {
				t.Fatalf("duplicate id %q", s.ID)
			}
			seen[s.ID] = true
		}
	})
}

// TestParseConcurrently parses documents on several goroutines at once, as
// the diff and check commands do (run it with -race).
func TestParseConcurrently(t *testing.T) {
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func(i int) {
			words := append([]string{fmt.Sprintf("Word%d", i)}, DefaultNumberWords...)
			_, err := Parse("c.md", []byte("# Word3 4: x\n\ntext\n"), Options{NumberWords: words})
			done <- err == nil
		}(i)
	}
	for i := 0; i < 4; i++ {
		if !<-done {
			t.Error("parse failed")
		}
	}
}

// parseWhole parses src in one piece, for comparison with chunked parses.
func parseWhole(t testing.TB, src []byte) *Document {
	t.Helper()
	old := chunkBytes
	chunkBytes = 1 << 40
	defer func() { chunkBytes = old }()
	d, err := Parse("f.md", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestChunkedParseIsWhole checks that parsing in chunks gives the sections
// and blocks of one parse of the whole, on the drafts and the corpus.
func TestChunkedParseIsWhole(t *testing.T) {
	files, _ := filepath.Glob("../../drafts/0*.md")
	more, _ := filepath.Glob("../../../shared/corpus/*/*.md")
	files = append(files, more...)
	old := chunkBytes
	defer func() { chunkBytes = old }()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := parseWhole(t, src)
		chunkBytes = 256
		got, err := Parse("f.md", src, Options{})
		chunkBytes = old
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: chunked parse differs (-whole +chunked):\n%s", f, diff)
		}
	}
}

// TestHeadingRefsAcrossChunks: a heading's link to a reference defined
// in another chunk, before or after it, reads as in one parse of the
// whole.
func TestHeadingRefsAcrossChunks(t *testing.T) {
	src := []byte("# Intro\n\n[law]: https://example.org/law\n\ntext\n\n## See [the law][law] and [this][none]\n\nbody\n\n# Later [defined after]\n\n[defined after]: /x\n")
	old := chunkBytes
	defer func() { chunkBytes = old }()
	chunkBytes = 1
	got, err := Parse("f.md", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(parseWhole(t, src), got); diff != "" {
		t.Fatalf("chunked parse differs (-whole +chunked):\n%s", diff)
	}
	if got.Sections[1].Title != "See the law and [this][none]" || got.Sections[2].Title != "Later defined after" {
		t.Errorf("titles %q, %q", got.Sections[1].Title, got.Sections[2].Title)
	}
}

// TestCachedParseIsUncached checks that a parse through a Cache, from
// chunks parsed before or not, is the parse without one, on the drafts,
// the corpus and an edited version of each; and that the cache serves the
// chunks it has.
func TestCachedParseIsUncached(t *testing.T) {
	files, _ := filepath.Glob("../../drafts/0*.md")
	more, _ := filepath.Glob("../../../shared/corpus/*/*.md")
	files = append(files, more...)
	cache := NewCache(64 << 20)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// an edit in the middle, and one version with front matter
		mid := len(src) / 2
		edited := append(append(append([]byte(nil), src[:mid]...), " edited\n\n# Inserted heading\n\nNew text.\n\n"...), src[mid:]...)
		fm := append([]byte("---\ntitle: x\n---\n"), src...)
		for k, v := range [][]byte{src, edited, src, fm} {
			want, err := Parse("f.md", v, Options{})
			if err != nil {
				t.Fatal(err)
			}
			hits := cache.hits
			got, err := Parse("f.md", v, Options{Cache: cache})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s: cached parse differs (-plain +cached):\n%s", f, diff)
			}
			if k == 2 && cache.hits == hits {
				t.Errorf("%s: no chunk came from the cache", f)
			}
		}
	}
}

// trickyLists is a section of lists of every kind a chunk may be cut in:
// tight and loose, bullets of three kinds, ordered items numbered from 1
// and from 7, nesting, lazy continuation lines, code and HTML inside items,
// thematic breaks, and paragraphs that an ordered item cannot interrupt.
const trickyLists = `# Lists

- one
- two
lazy line of two
+ plus item
* star item

- loose item

- another loose item
  with a second line

  and a second paragraph
- ` + "```" + `
  fenced in an item
- ` + "```" + `
- after the fence
  <div>
- after html in an item
<div>
- inside an html block
</div>

- after the html block
1. first
2. second
7) seventh
Paragraph text
7. not an item
1. an item that interrupts
* * *
- after a break
- - -
-   spaced item
  - nested
    - deeper
- back out
---
Setext?
- item
`

// TestChunkedListsParseAsWhole: a long section of lists cut at every list
// item that may start a chunk parses as the whole does.
func TestChunkedListsParseAsWhole(t *testing.T) {
	old := chunkBytes
	defer func() { chunkBytes = old }()
	for _, src := range []string{trickyLists, strings.Repeat(trickyLists, 3), "intro\n" + trickyLists[len("# Lists\n\n"):]} {
		want := parseWhole(t, []byte(src))
		chunkBytes = 1
		got, err := Parse("f.md", []byte(src), Options{})
		chunkBytes = old
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("chunked parse differs (-whole +chunked):\n%s", diff)
		}
		if cuts := chunkStarts([]byte(src), 0, 1<<40, 1); len(cuts) < 10 {
			t.Errorf("only %d cuts at list items", len(cuts))
		}
	}
}

func FuzzChunkedParse(f *testing.F) {
	f.Add([]byte(trickyLists))
	f.Add([]byte("# A\n\ntext\n\n## B\n\n```\n\n# not\n```\n\n# C\n\n<!--\n\n# not\n-->\n\n# D\nx\n"))
	f.Add([]byte("- a\n\n# H\n\n> q\n# H2\n\n<div>\n\n# H3\n\n</div>\n"))
	f.Add([]byte("# A [x]\n\n[x]: /a\n\n## B [x][y] and [z]\n\n[y]: /b\n\n# C [y]\n\n[Y]: /c\n[z]: /d\n"))
	f.Add([]byte(trickyTables))
	// a backtick fence's info string holds no backtick, so the first line
	// is text and the second opens the code; a closing fence is followed
	// by spaces and tabs only, so "```\v" closes nothing
	f.Add([]byte("# A\n\n``` a`b\n```\n\n# not\n\n```\n\n# B\n"))
	f.Add([]byte("# A\n\n```\n```\v\n\n# not\n\n```\n\n# B\n"))
	// HTML blocks that end at a marker are goldmark's: type 4 wants an
	// upper-case letter, type 5 upper-case CDATA, type 1 a whole tag name,
	// and any of its four closing tags ends it; elsewhere "```" opens code
	// that runs past the "# not"
	f.Add([]byte("<!t\n```\n>\n\n# not\n"))
	f.Add([]byte("<![cdata[\n```\n]]>\n\n# not\n"))
	f.Add([]byte("<prefix\n```\n</pre>\n\n# not\n"))
	f.Add([]byte("<pre>\n</script>\n```\n</pre>\n\n# not\n"))
	f.Add([]byte("<div>\n```\n\n# A\n```\n\n# not\n"))
	f.Add([]byte("- a\n  ```\n\n# x\n```\n\n# not\n"))
	f.Add([]byte("> ```\n\n# x\n```\n\n# not\n"))
	files, _ := filepath.Glob("../../testdata/cases/*.txtar")
	for _, fl := range files {
		data, _ := os.ReadFile(fl)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := Parse("f.md", src, Options{}); err != nil {
			return
		}
		if diff := chunkedDiff(t, src); diff != "" {
			t.Fatalf("chunked parse differs (-whole +chunked):\n%s", diff)
		}
	})
}

// chunkedDiff parses src whole and in chunks of one byte (every place the
// scanner would cut) and returns how the results differ, or "".
func chunkedDiff(t testing.TB, src []byte) string {
	t.Helper()
	want := parseWhole(t, src)
	old := chunkBytes
	chunkBytes = 1
	got, err := Parse("f.md", src, Options{})
	chunkBytes = old
	if err != nil {
		t.Fatal(err)
	}
	return cmp.Diff(want, got)
}

// TestTooManyBlocks: a flood of one-line list items over MaxBlocks is an
// error naming the file before goldmark spends gigabytes on it, and the
// estimate counts the lines that may start a block.
func TestTooManyBlocks(t *testing.T) {
	flood := bytes.Repeat([]byte("- x\n"), MaxBlocks+1)
	_, err := Parse("flood.md", flood, Options{})
	if !errors.Is(err, ErrTooManyBlocks) || !strings.Contains(err.Error(), "flood.md") {
		t.Fatalf("Parse of %d list items: %v, want ErrTooManyBlocks naming the file", MaxBlocks+1, err)
	}
	if n, _, _ := scanLimits("t.md", []byte("# T\n\npara\nwrapped\n\n- a\n- b\n  more\n1. c\n| r |\n|---|\n| s |\n> q\n")); n != 9 {
		t.Errorf("scanLimits' block estimate = %d, want 9", n)
	}
}

// trickyTables are tables a chunk may or may not be cut in: a plain one,
// one with escaped pipes and code, one whose paragraph goes on in a line
// without a pipe, one a setext underline turns into a heading, one whose
// delimiter row does not match its header, one after paragraph text, one
// inside a list item and a quote, one indented, and one at the very end
// without a final newline.
const trickyTables = `# Tables

| Name | Value |
|------|:-----:|
| a | 1 |
| b \| c | ` + "`x|y`" + ` |
| d | 3 |

| Lazy | Row |
| --- | --- |
| a | 1 |
no pipe here
| b | 2 |

| Setext | Row |
| --- | --- |
| a | 1 |
---

| One | Two |
| --- |
| a | b |
| c | d |

Text before
| Glued | Table |
| --- | --- |
| a | b |

- item
| In | List |
| --- | --- |
| a | b |

> | In | Quote |
> | --- | --- |
> | a | b |

  | Indented | Table |
  | --- | --- |
  | a | b |
| c | d |

## After

| Last | Table |
| --- | --- |
| a | 1 |
| b | 2 |
| c | 3 |`

// TestChunkedTablesParseAsWhole: a long table cut before any of its rows,
// each piece parsed after the header and delimiter rows, gives the blocks
// of one parse of the whole; tables that must not be cut are not.
func TestChunkedTablesParseAsWhole(t *testing.T) {
	old := chunkBytes
	defer func() { chunkBytes = old }()
	var long strings.Builder
	long.WriteString("# Long\n\nIntro.\n\n| A | B | C |\n|---|:-:|--:|\n")
	for i := range 2000 {
		fmt.Fprintf(&long, "| row %d | %d | note %d |\n", i, i*7, i%13)
	}
	long.WriteString("\nAfter.\n\n## Next\n\n| X |\n|---|\n| y |\n")
	for _, src := range []string{trickyTables, strings.Repeat(trickyTables+"\n\n", 3), long.String(), "| A |\n|---|\n| b |\n| c |\n"} {
		want := parseWhole(t, []byte(src))
		for _, size := range []int{1, 40, 1000} {
			chunkBytes = size
			got, err := Parse("f.md", []byte(src), Options{})
			chunkBytes = old
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("chunks of %d bytes: chunked parse differs (-whole +chunked):\n%s", size, diff)
			}
		}
	}
	cuts, heads := chunkCuts([]byte(trickyTables), 0, 1<<40, 1)
	var cutRows []string
	for k, h := range heads {
		if h != nil {
			line, _, _ := strings.Cut(trickyTables[cuts[k]:], "\n")
			cutRows = append(cutRows, line)
		}
	}
	// the first and the last table only, before every body row
	want := []string{"| a | 1 |", "| b \\| c | `x|y` |", "| d | 3 |", "| a | 1 |", "| b | 2 |", "| c | 3 |"}
	if diff := cmp.Diff(want, cutRows); diff != "" {
		t.Errorf("rows cut before (-want +got):\n%s", diff)
	}
	cuts, _ = chunkCuts([]byte(long.String()), 0, 1<<40, 4<<10)
	if len(cuts) < 10 {
		t.Errorf("a table of 2000 rows is cut into %d chunks of 4 KB", len(cuts))
	}
}

// A block whose text is a span of the source (a one-line paragraph, a list
// item's line after its marker, a table row with single spaces) shares the
// source's bytes; a text that is not (soft line breaks, runs of spaces,
// quote markers) is its own. Either way the text is the same as before.
func TestBlockTextSharesSource(t *testing.T) {
	src := []byte("# One\n\nA line of text.\n\nTwo lines\nof text.\n\n- an item\n- spaced  out\n\n| a | b |\n|---|---|\n| c | d |\n\n> quoted words\n> on two lines\n\n> one quoted line\n")
	d, err := Parse("f.md", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(d.Source)))
	hi := lo + uintptr(len(d.Source))
	want := []struct {
		text   string
		shared bool
	}{
		{"A line of text.", true},
		{"Two lines of text.", false},
		{"an item", true},
		{"spaced out", false},
		{"| a | b |", true},
		{"| c | d |", true},
		{"quoted words on two lines", false},
		{"one quoted line", true},
	}
	bs := d.Sections[0].Blocks
	if len(bs) != len(want) {
		t.Fatalf("got %d blocks, want %d: %+v", len(bs), len(want), bs)
	}
	for i, w := range want {
		p := uintptr(unsafe.Pointer(unsafe.StringData(bs[i].Text)))
		if bs[i].Text != w.text || (p >= lo && p < hi) != w.shared {
			t.Errorf("block %d: text %q, shared %v; want %q, shared %v", i, bs[i].Text, p >= lo && p < hi, w.text, w.shared)
		}
	}
}

// TestParseWritesNothingPastSource: Parse never writes into the memory
// after its source. goldmark gives the last line of a code block at the
// end of a draft a line end by appending to the source's slice, which
// wrote into whatever the caller's buffer held next (a fuzzer's second
// input, a cached blob).
func TestParseWritesNothingPastSource(t *testing.T) {
	for _, s := range []string{"    code", "```\ncode", "# A\n\n    code", "- a\n\n      code", "> ```\n> code", "~~~\n~~~"} {
		buf := []byte(s + "XYZ")
		src := buf[:len(s)]
		if _, err := Parse("x.md", src, Options{}); err != nil {
			t.Fatal(err)
		}
		if string(buf[len(s):]) != "XYZ" {
			t.Errorf("%q: the bytes after the source became %q", s, buf[len(s):])
		}
	}
}
