package gfm

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/codraft/codraft/internal/fuzzseed"
)

// newParser is a parser with goldmark's defaults and the table and
// strikethrough parsers that the options give.
func newParser(tablePara parser.ParagraphTransformer, tableAST parser.ASTTransformer, strike parser.InlineParser) parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithParagraphTransformers(util.Prioritized(tablePara, 200)),
		parser.WithASTTransformers(util.Prioritized(tableAST, 0)),
		parser.WithInlineParsers(util.Prioritized(strike, 500)),
	)
}

// dump writes a tree node by node: kind, lines or text segment, and the
// fields the table and strikethrough nodes add.
func dump(n gast.Node, source []byte) string {
	var b strings.Builder
	_ = gast.Walk(n, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			b.WriteString(")")
			return gast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "(%s", n.Kind())
		if n.Type() == gast.TypeBlock {
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				fmt.Fprintf(&b, " [%d:%d+%d]", s.Start, s.Stop, s.Padding)
			}
		}
		switch n := n.(type) {
		case *gast.Text:
			fmt.Fprintf(&b, " %q soft=%v hard=%v raw=%v", n.Segment.Value(source), n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
		case *east.Table:
			fmt.Fprintf(&b, " %v", n.Alignments)
		case *east.TableRow:
			fmt.Fprintf(&b, " %v", n.Alignments)
		case *east.TableCell:
			fmt.Fprintf(&b, " %v pos=%d", n.Alignment, n.Pos())
		}
		if n.Type() == gast.TypeBlock {
			fmt.Fprintf(&b, " pos=%d", n.Pos())
		}
		return gast.WalkContinue, nil
	})
	return b.String()
}

// inputs are drafts and corpus rounds whole, the fuzz seeds, and cases of
// the table and strikethrough syntax.
func inputs(t *testing.T) map[string][]byte {
	out := map[string][]byte{
		"aligned":      []byte("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| 4 |\n| 5 | 6 | 7 | 8 |\n"),
		"no pipes":     []byte("a | b\n--- | ---\nc | d\n"),
		"escaped pipe": []byte("| a | b |\n|---|---|\n| `x \\| y` | z \\| w |\n| `p\\|q` and `r` | s |\n"),
		"after text":   []byte("text\nmore\n| a |\n| - |\n| b |\n\npara\n"),
		"not a table":  []byte("| a | b |\n| - |\n| c | d |\n"),
		"bad delim":    []byte("| a |\n| :-x |\n"),
		"strike":       []byte("~~gone~~ ~one~ ~~~three~~~ a~~b~~c ~~open\n\n~~x\ny~~ \\~~z~~ ~~*em*~~\n"),
		"in list":      []byte("- | a |\n  | - |\n  | ~~b~~ |\n"),
	}
	var files []string
	for _, pat := range []string{
		filepath.Join(fuzzseed.Root(), "drafts", "*.md"),
		filepath.Join(fuzzseed.CorpusDir(), "*", "*.md"),
	} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = data
	}
	for i, d := range fuzzseed.Docs() {
		out[fmt.Sprint("seed ", i)] = d
	}
	return out
}

// TestSameTreesAsGoldmarkExtension parses every input with goldmark's
// extension and with this package and compares the trees.
func TestSameTreesAsGoldmarkExtension(t *testing.T) {
	theirs := newParser(extension.NewTableParagraphTransformer(), extension.NewTableASTTransformer(), extension.NewStrikethroughParser())
	ours := newParser(NewTableParagraphTransformer(), NewTableASTTransformer(), NewStrikethroughParser())
	tables, strikes := 0, 0
	for name, src := range inputs(t) {
		want := dump(theirs.Parse(text.NewReader(src)), src)
		got := dump(ours.Parse(text.NewReader(src)), src)
		if got != want {
			t.Errorf("%s: trees differ\n got: %.400s\nwant: %.400s", name, got, want)
		}
		tables += strings.Count(got, "(Table ")
		strikes += strings.Count(got, "(Strikethrough")
	}
	if tables < 5 || strikes < 3 {
		t.Errorf("the inputs hold %d tables and %d strikethroughs: too few to compare", tables, strikes)
	}
	t.Logf("%d tables, %d strikethroughs compared", tables, strikes)
}
