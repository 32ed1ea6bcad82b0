package doc

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// chunkContext is the parser context of one chunk's block parse: the
// context that collects link reference definitions, and the arena that
// its paragraphs are made from.
type chunkContext struct {
	parser.Context
	arena nodeArena
}

// nodeArena hands out a chunk's paragraph nodes, and room for their lines,
// from arrays of many instead of an allocation each: a paragraph costs
// goldmark a node, then a slice of lines that grows a line at a time. The
// syntax tree of a chunk is garbage as a whole once its blocks are taken.
type nodeArena struct {
	raws []rawParagraph
	// segs is an array of lines: its elements from next on are free
	segs text.Segments
	next int
	// nodesLeft and linesLeft are about how many more paragraphs and lines the
	// chunk needs (estimates, not bounds), so that the arrays of a small
	// chunk are small
	nodesLeft, linesLeft int
}

const (
	// arenaNodes is how many nodes an array of the arena holds
	arenaNodes = 32
	// arenaLines is how many lines an array of the arena holds
	arenaLines = 256
	// maxArenaLines is the most lines a paragraph is given room for
	// ahead; a longer one grows its own
	maxArenaLines = 64
)

// paragraph returns a new paragraph node.
func (a *nodeArena) paragraph() *ast.Paragraph {
	if len(a.raws) == 0 {
		a.raws = make([]rawParagraph, min(max(a.nodesLeft, 1), arenaNodes))
	}
	a.nodesLeft--
	r := &a.raws[0]
	a.raws = a.raws[1:]
	return &r.Paragraph
}

// lines returns an empty list of lines with room for n (where room ends is
// not marked: whoever appends more than n lines writes into the room of
// the next list).
func (a *nodeArena) lines(n int) text.Segments {
	if a.next+n > a.segs.Len() {
		var room [arenaLines]text.Segment
		a.segs = text.Segments{}
		a.segs.AppendAll(room[:max(n, min(a.linesLeft, arenaLines))])
		a.next = 0
	}
	a.linesLeft -= n
	s := a.segs
	s.SetSliced(a.next, a.next)
	a.next += n
	return s
}

// paragraphLines is an upper bound on the lines of a paragraph whose first
// line ends at from in src, plus one for a line that a setext heading's
// underline may put before them; 0 when it is more than maxArenaLines. A
// paragraph ends at the latest at a line of spaces and tabs only, which
// is blank to every container.
func paragraphLines(src []byte, from int) int {
	n := 2
	for off := from; off < len(src) && n <= maxArenaLines; n++ {
		for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
			off++
		}
		if off == len(src) || src[off] == '\n' {
			return n
		}
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			break
		}
		off += end + 1
	}
	if n > maxArenaLines {
		return 0
	}
	return n
}

// paragraphParser is goldmark's paragraph parser, whose paragraphs are
// made from the chunk's arena when it parses a chunk.
type paragraphParser struct {
	parser.BlockParser
}

func (b paragraphParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	c, ok := pc.(*chunkContext)
	if !ok {
		return b.BlockParser.Open(parent, reader, pc)
	}
	line, segment := reader.PeekLine()
	if util.IsBlank(line) {
		return nil, parser.NoChildren
	}
	node := c.arena.paragraph()
	if n := paragraphLines(reader.Source(), segment.Stop); n > 0 {
		lines := c.arena.lines(n)
		node.SetLines(&lines)
	}
	node.Lines().Append(segment)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// blockParsers are goldmark's block parsers, with paragraphParser for its
// paragraph parser.
func blockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		if p.Value == parser.NewParagraphParser() {
			ps[i].Value = paragraphParser{parser.NewParagraphParser()}
		}
	}
	return ps
}
