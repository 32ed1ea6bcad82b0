package doc

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// parseInlinePass parses src as Parse does with goldmark's paragraphs left
// as they are (parsed for inlines), as before rawParagraphs, and goldmark's
// own transformer of link reference definitions looking at every
// paragraph, as before refDefinitions.
func parseInlinePass(t *testing.T, src []byte) *Document {
	t.Helper()
	plain := goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		)),
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	).Parser()
	plainNoRefs := goldmark.New(
		goldmark.WithParser(parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...))),
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	).Parser()
	saved, savedNoRefs := blockParser, blockParserNoRefs
	blockParser, blockParserNoRefs = plain, plainNoRefs
	defer func() { blockParser, blockParserNoRefs = saved, savedNoRefs }()
	d, err := Parse("f.md", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkRawParagraphs fails unless src parses the same with raw paragraphs
// and refDefinitions as with goldmark's paragraphs and definitions.
func checkRawParagraphs(t *testing.T, src []byte) {
	t.Helper()
	got, err := Parse("f.md", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := parseInlinePass(t, src)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("raw paragraphs change the parse of %q (-inline pass +raw):\n%s", src, diff)
	}
}

// blockLines are lines that open, continue, interrupt or turn into
// blocks: setext underlines under paragraphs, tables with and without
// text before them, link reference definitions, lists tight and loose,
// quotes with lazy lines, code, HTML and indented text.
var blockLines = []string{
	"", "", "plain words here", "more text  ", "   indented three", "    indented code",
	"===", "---", "- - -", "***", "# Title", "## 2. Second {#two}", "### §",
	"| a | b |", "|---|---|", "| 1 | 2 |", "a | b", "--- | ---",
	"[ref]: /url", "[ref]: /url \"title\"", "[other]:", "  /x", "   [ref]: /three", "\t[tab]: /t", "[ref]", "[a]: <b> 'c'",
	"- item", "- ", "* star item", "1. first", "2) second", "   - nested",
	"> quoted", "> > deep", "lazy line", ">", "```", "```go", "~~~", "<div>", "</div>", "<!-- note -->",
	"\ttabbed", "text\\", "Ä ö ü ß", "\u00a0nbsp",
}

func TestRawParagraphsParseAsInlinePass(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 14))
	var b strings.Builder
	for n := 0; n < 3000; n++ {
		b.Reset()
		for k := rng.IntN(14); k >= 0; k-- {
			b.WriteString(blockLines[rng.IntN(len(blockLines))])
			b.WriteByte('\n')
		}
		checkRawParagraphs(t, []byte(b.String()))
	}
	drafts, _ := filepath.Glob("../../drafts/*.md")
	corpus, _ := filepath.Glob("../../../shared/corpus/*/*.md")
	for _, f := range append(drafts, corpus...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkRawParagraphs(t, src)
	}
}
