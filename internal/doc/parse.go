package doc

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"github.com/codraft/codraft/internal/doc/gfm"
	"github.com/codraft/codraft/internal/parallel"
	"github.com/codraft/codraft/internal/textcheck"
)

// ErrNotText is returned for input that is not UTF-8 text (the sentinel of
// internal/textcheck, so that one errors.Is serves every reader).
var ErrNotText = textcheck.ErrNotText

// blockParser parses a draft into blocks only. Inline markup matters to
// codraft only in headings (a title drops its emphasis, links and code
// marks), and goldmark's inline parser takes time quadratic in the length
// of a paragraph on some inputs ("*a_ " or "[a](b" repeated: minutes for a
// few hundred kilobytes), so paragraphs are never parsed for inlines.
var blockParser = newBlockParser(true)

// blockParserNoRefs is blockParser without link reference definitions, for
// a draft with a paragraph of more than maxRefLines lines that could be
// definitions: they stay paragraph text.
var blockParserNoRefs = newBlockParser(false)

// newBlockParser makes a block parser with goldmark's block parsers, its
// tables (as goldmark's extension.Table extender adds them to a
// goldmark.Markdown, without the renderers that goldmark.New would make;
// package gfm), heading attributes and, with refs, link reference
// definitions.
func newBlockParser(refs bool) parser.Parser {
	opts := []parser.Option{
		parser.WithBlockParsers(blockParsers()...),
		parser.WithParagraphTransformers(util.Prioritized(gfm.NewTableParagraphTransformer(), 200)),
		parser.WithParagraphTransformers(util.Prioritized(rawParagraphs{}, 10000)),
		parser.WithASTTransformers(util.Prioritized(gfm.NewTableASTTransformer(), 0)),
		parser.WithHeadingAttribute(),
	}
	if refs {
		opts = append(opts, parser.WithParagraphTransformers(util.Prioritized(refDefinitions{}, 100)))
	}
	return parser.NewParser(opts...)
}

// refDefinitions is goldmark's transformer of link reference definitions
// (its default paragraph transformer) for the paragraphs that may start
// with one: it reads definitions from the paragraph's first character
// that is not white space, which must be "[", and costs a reader of its
// own for every paragraph it looks at.
type refDefinitions struct{}

func (refDefinitions) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src, lines := reader.Source(), node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for _, c := range src[seg.Start:seg.Stop] {
			if util.IsSpace(c) {
				continue
			}
			if c != '[' {
				return
			}
			parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
			return
		}
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// rawParagraph is a closed paragraph that goldmark's inline pass skips: a
// block parser without inline parsers still walks every byte of every
// paragraph and makes a text node of each line, which nothing reads (a
// paragraph's text is made from its lines). It is a paragraph in all else.
type rawParagraph struct {
	ast.Paragraph
}

// a rawParagraph is an ast.Paragraph in memory (rawParagraphs relies on
// it): this fails to compile if their sizes differ
var _ = [1]struct{}{}[unsafe.Sizeof(rawParagraph{})-unsafe.Sizeof(ast.Paragraph{})]

// IsRaw reports that the paragraph's lines are not parsed for inlines.
func (*rawParagraph) IsRaw() bool { return true }

// rawParagraphs is the last paragraph transformer (goldmark runs them in
// ascending order of priority, so 10000 is after link reference
// definitions at 100 and tables at 200): it closes a paragraph
// that is being closed with the others (as the paragraph parser would;
// goldmark closes it once more, which changes nothing), and puts it back
// in its place as a rawParagraph. A paragraph closed
// otherwise (under a setext underline, which may make a heading of it)
// stays as it is.
type rawParagraphs struct{}

func (rawParagraphs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	parent := node.Parent()
	if parent == nil {
		return
	}
	open := pc.OpenedBlocks()
	k := len(open) - 1
	for k >= 0 && open[k].Node != node {
		k--
	}
	if k < 0 {
		return
	}
	open[k].Parser.Close(node, reader, pc)
	if node.Parent() == nil {
		return // an empty paragraph is dropped
	}
	// the node is the rawParagraph, as a paragraph, that takes its
	// place: the two types are one and the same in memory, so the node
	// needs no copy but its place in the tree, where it is put back as
	// a rawParagraph
	next := node.NextSibling()
	parent.RemoveChild(parent, node)
	r := (*rawParagraph)(unsafe.Pointer(node))
	if next == nil {
		parent.AppendChild(parent, r)
	} else {
		parent.InsertBefore(parent, next, r)
	}
}

// inlineParser parses the text of one heading into inlines: every line is
// paragraph text, whatever it looks like.
var inlineParser = parser.NewParser(
	parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	parser.WithInlineParsers(util.Prioritized(gfm.NewStrikethroughParser(), 500)),
)

// maxInlineHeading is the longest heading text parsed for inline markup. A
// longer one (no real title is: the longest in the corpus has 260 bytes)
// keeps its markup, so that a heading costs little whatever it holds.
const maxInlineHeading = 512

// inlineMarks are the characters that can start inline markup (emphasis,
// code, links, images, raw HTML, autolinks, entities, escapes, hard line
// breaks). A heading without any is its own plain text.
const inlineMarks = "*_`[]!<&\\~"

// refContext is a fresh parser context that finds link references in the
// context of the block parse, where the draft's definitions were collected.
type refContext struct {
	parser.Context
	refs parser.Context
}

func (c refContext) Reference(label string) (parser.Reference, bool) { return c.refs.Reference(label) }

// Parse reads a Markdown draft into its sections. The source is normalised
// first (LF line ends, no BOM); Document.Source holds the normalised bytes
// and every span points into it. Document.Source and the blocks' texts
// may share the bytes of src: the caller must not change src afterwards.
func Parse(file string, src []byte, opt Options) (*Document, error) {
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, fmt.Errorf("%s: %w: it holds a NUL byte (binary file?)", file, ErrNotText)
	}
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("%s: %w: invalid UTF-8 at byte %d", file, ErrNotText, firstInvalid(src))
	}
	src = normaliseSource(src)
	if opt.NormalizeUnicode {
		src = norm.NFC.Bytes(src)
	}
	n, refLines, err := scanLimits(file, src)
	if err != nil {
		return nil, err
	}
	if n > MaxBlocks {
		return nil, fmt.Errorf("%s: %w: about %d, over the limit of %d", file, ErrTooManyBlocks, n, MaxBlocks)
	}
	blocks, noRefs := blockParser, false
	if refLines > maxRefLines {
		blocks, noRefs = blockParserNoRefs, true
	}
	d := &Document{File: file, Source: src}
	d.FrontMatterEnd = frontMatterEnd(src)
	words := opt.NumberWords
	if words == nil {
		words = DefaultNumberWords
	}
	// Large drafts are parsed in chunks that start at headings, on every
	// processor: goldmark's syntax tree is several times the size of its
	// source, and a chunk's tree is garbage once its sections are taken.
	// The result is the same as one parse of the whole (fuzzed). With a
	// cache, every heading that may start a chunk does, so that a chunk
	// parsed before (the same sections in another version of the draft)
	// is taken from the cache.
	size := chunkBytes
	if opt.Cache != nil {
		size = 1
	}
	cuts, heads := chunkCuts(src, d.FrontMatterEnd, size, chunkBytes)
	parts := make([]*chunk, len(cuts))
	wordsKey := strings.Join(words, "\x00")
	view := sourceView(src)
	parallel.For(len(cuts), func(k int) {
		a, b := cuts[k], len(src)
		if k+1 < len(cuts) {
			b = cuts[k+1]
		}
		fm := 0
		if k == 0 {
			fm = d.FrontMatterEnd
		}
		key := chunkKey{fm: fm, words: wordsKey, noRefs: noRefs, head: string(heads[k])}
		parts[k] = opt.Cache.get(src[a:b], key, func() *chunk {
			if heads[k] != nil {
				return parseTablePiece(heads[k], src[a:b], view[a:b], words, blocks)
			}
			return parseChunk(src[a:b], view[a:b], 0, fm, words, blocks)
		})
	})
	p := &parseState{src: src, words: numberWordRE(words), sections: joinChunks(parts, cuts, d.FrontMatterEnd, opt.Cache != nil)}
	p.resolveHeadingRefs(parts)
	maxSections := opt.MaxSections
	if maxSections == 0 {
		maxSections = DefaultMaxSections
	}
	if maxSections > 0 && len(p.sections) > maxSections {
		return nil, fmt.Errorf("%s: %w: %d, over the limit of %d", file, ErrTooManySections, len(p.sections), maxSections)
	}
	nblocks := 0
	for i := range p.sections {
		nblocks += len(p.sections[i].Blocks)
	}
	if nblocks > MaxBlocks {
		return nil, fmt.Errorf("%s: %w: %d, over the limit of %d", file, ErrTooManyBlocks, nblocks, MaxBlocks)
	}
	p.finish()
	d.Sections = p.sections
	return d, nil
}

// chunk is the parse of one chunk of a draft: its sections with spans and
// lines relative to the chunk. A chunk taken from a Cache is shared, and
// never changed.
type chunk struct {
	sections []Section
	// lines is the number of line starts of the chunk
	lines int
	// refs holds the chunk's link reference definitions, nil when none
	refs parser.Context
	// refHeads are the headings whose title may use a link reference
	refHeads []refHead
}

// refHead is a heading whose text holds a "[", which may be a link to a
// reference defined anywhere in the draft: its section (in the chunk) and
// its text, as parsed for inlines.
type refHead struct {
	sec int
	src []byte
}

// sourceView is src as a string that shares its bytes, for block texts
// that are spans of the source (most are: a paragraph of one line, a
// table row with single spaces), so that they cost no copy. Parse keeps
// the source it is given, which nobody changes afterwards; a chunk's
// buffer of texts is shared the same way once it is written.
func sourceView(src []byte) string {
	if len(src) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(src), len(src))
}

// parseChunk parses body, which starts a draft when fm > 0 and then holds
// front matter up to fm. view[i-viewOff] is body[i] as a string, for the
// offsets i from viewOff on: block texts that are spans of body are cut
// from it.
func parseChunk(body []byte, view string, viewOff, fm int, words []string, blocks parser.Parser) *chunk {
	// goldmark appends a line end to the last line of a code block that
	// has none (text.Segment.Value with ForceNewline): with room after
	// body, that would write into the caller's memory past the source,
	// or into the next chunk
	body = body[:len(body):len(body)]
	ps := &parseState{src: body, lines: lineStarts(body), words: numberWordRE(words), view: view, viewOff: viewOff}
	ps.text = make([]byte, 0, len(body))
	// room for the blocks, so that they are not copied as they grow
	// (the estimate is an upper bound but for tables without a leading
	// pipe: past it, the blocks grow as they would)
	room, heads := estimateBlocksAt(body, ps.lines)
	ps.blocks, ps.textEnd = make([]Block, 0, room), make([]int, 0, room)
	// and for the sections: the headings, and a preamble unless a heading
	// starts the chunk
	if len(body) == 0 || body[0] != '#' {
		heads++
	}
	ps.sections, ps.blockStart = make([]Section, 0, heads), make([]int, 0, heads)
	if fm > 0 {
		// goldmark sees the front matter as blank lines, so offsets
		// stay those of the source
		ps.fmEnd = fm
		body = append([]byte(nil), body...)
		for i := 0; i < fm; i++ {
			if body[i] != '\n' {
				body[i] = ' '
			}
		}
	}
	pc := &chunkContext{Context: parser.NewContext()}
	// a paragraph is a block, and takes room for its lines and one more
	pc.arena.nodesLeft, pc.arena.linesLeft = room, len(ps.lines)+room
	ps.refs = pc.Context
	ps.walk(blocks.Parse(text.NewReader(body), parser.WithContext(pc)))
	ps.nodes = nil // let the chunk's syntax tree go
	ps.settle()
	c := &chunk{sections: ps.sections, lines: len(ps.lines), refHeads: ps.refHeads}
	if len(ps.refs.References()) > 0 {
		c.refs = ps.refs
	}
	return c
}

// parseTablePiece parses body, rows of a table whose header and delimiter
// rows are head, as a chunk: it parses head and body together, then drops
// the header row's block and moves every span and line back to body. view
// is body as a string.
func parseTablePiece(head, body []byte, view string, words []string, blocks parser.Parser) *chunk {
	c := parseChunk(append(append(make([]byte, 0, len(head)+len(body)), head...), body...), view, len(head), 0, words, blocks)
	n, lines := len(head), bytes.Count(head, []byte("\n"))
	c.lines -= lines
	for i := range c.sections {
		s := &c.sections[i]
		if i == 0 && len(s.Blocks) > 0 && s.Blocks[0].Start < n {
			s.Blocks = s.Blocks[1:]
		}
		if len(s.Blocks) == 0 {
			s.Blocks = nil
		}
		s.Start, s.End = max(s.Start-n, 0), s.End-n
		if s.Line > 0 {
			s.Line -= lines
		}
		for j := range s.Blocks {
			b := &s.Blocks[j]
			b.Start, b.End, b.Line = b.Start-n, b.End-n, b.Line-lines
		}
	}
	return c
}

// continues reports whether chunk k starts inside the section before it
// (it was cut at a list item): its first section is then no preamble but
// the rest of that section.
func continues(parts []*chunk, k int) bool {
	return k > 0 && len(parts[k].sections) > 0 && parts[k].sections[0].Level == 0
}

// joinChunks puts the sections of the chunks together, with spans and
// lines of the whole source; a chunk that continues a section adds its
// blocks to it (or starts the preamble after the front matter, which ends
// at fm). Shared chunks (from a cache), and all chunks when a
// section is continued, have their blocks copied into one array; others
// are moved in place.
func joinChunks(parts []*chunk, cuts []int, fm int, shared bool) []Section {
	total, nblocks := 0, 0
	for k, c := range parts {
		total += len(c.sections)
		shared = shared || continues(parts, k)
		for i := range c.sections {
			nblocks += len(c.sections[i].Blocks)
		}
	}
	sections := make([]Section, 0, total)
	var blocks []Block
	if shared {
		blocks = make([]Block, 0, nblocks)
	}
	line := 1
	for k, c := range parts {
		a := cuts[k]
		if k > 0 {
			line += parts[k-1].lines - 1
		}
		for i, sec := range c.sections {
			sec.Start += a
			sec.End += a
			if sec.Line > 0 {
				sec.Line += line - 1
			}
			n := len(blocks)
			if shared {
				blocks = append(blocks, sec.Blocks...)
				sec.Blocks = blocks[n:len(blocks):len(blocks)]
			}
			for i := range sec.Blocks {
				b := &sec.Blocks[i]
				b.Start += a
				b.End += a
				b.Line += line - 1
			}
			if i == 0 && continues(parts, k) && len(sections) == 0 {
				// the draft's preamble, after chunks of nothing but blank
				// lines or definitions
				sec.Start = fm
			}
			if i == 0 && continues(parts, k) && len(sections) > 0 {
				prev := &sections[len(sections)-1]
				prev.End = sec.End
				start := n - len(prev.Blocks)
				prev.Blocks = blocks[start:len(blocks):len(blocks)]
				if len(prev.Blocks) == 0 {
					prev.Blocks = nil
				}
				continue
			}
			if len(sec.Blocks) == 0 {
				sec.Blocks = nil
			}
			sections = append(sections, sec)
		}
	}
	return sections
}

// resolveHeadingRefs gives the headings that may use link references their
// title as the whole draft's references make it: a chunk parsed its
// headings with its own definitions only. The first definition of a label
// in the draft is the one that counts.
func (p *parseState) resolveHeadingRefs(parts []*chunk) {
	if len(parts) < 2 {
		return
	}
	var all parser.Context
	heads := false
	for _, c := range parts {
		heads = heads || len(c.refHeads) > 0
		if c.refs == nil {
			continue
		}
		if all == nil {
			all = parser.NewContext()
		}
		for _, r := range c.refs.References() {
			all.AddReference(r)
		}
	}
	if all == nil || !heads {
		return
	}
	base := 0
	for k, c := range parts {
		if continues(parts, k) {
			base-- // the chunk's first section was the one before
		}
		for _, h := range c.refHeads {
			s := &p.sections[base+h.sec]
			plain := strings.TrimSpace(collapseSpace(inlineTitle(h.src, all)))
			s.Number, s.Title = splitNumberRE(stripAttributeBlock(plain), p.words)
			s.TitleSlug, s.NumberSlug = Slug(s.Title), Slug(s.Number)
		}
		base += len(c.sections)
	}
}

// chunkBytes is the size above which a draft is parsed in chunks.
var chunkBytes = 64 << 10

// chunkStarts returns the offsets where the chunks of body start: 0, then
// lines at least size bytes apart (itemSize for list items and table rows)
// where any Markdown context starts a new block at the top level, or
// continues a table: an ATX heading at the left margin after a blank line,
// a list item at the left margin (see itemStart), outside fenced code and
// outside HTML blocks, or a row of a long table (see tableRun). A chunk
// that starts with a list item continues the section before it. So the
// chunks parse as the whole does, and one long section of a list is cut
// into pieces whose syntax trees are garbage once their blocks are taken.
func chunkStarts(body []byte, from, size, itemSize int) []int {
	cuts, _ := chunkCuts(body, from, size, itemSize)
	return cuts
}

// chunkCuts is chunkStarts with, for each chunk, the header and delimiter
// rows of the table that the chunk continues, or nil: such a chunk is
// parsed with them before it, as goldmark needs them to see a table, and
// its blocks are those of its own rows (see parseTablePiece).
func chunkCuts(body []byte, from, size, itemSize int) ([]int, [][]byte) {
	cuts, heads := []int{0}, [][]byte{nil}
	if len(body)-from <= min(size, itemSize) {
		return cuts, heads
	}
	var bs blockScan
	var tr tableRun
	prevBlank := true
	html := false // an HTML block that ends at a blank line may be open
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += off
		}
		line := body[off:end]
		blank := blankLine(line)
		if off >= from && !blank && bs.ambiguous(line) {
			// goldmark may read what follows in two ways, and the
			// scanner cannot tell which: no more cuts
			break
		}
		if blank {
			bs.raw = false
		}
		last := cuts[len(cuts)-1]
		switch {
		case off < from:
		case bs.inside(line):
			html = html || (bs.fence == 0 && bs.htmlEnd == "" && !blank)
			tr = tableRun{}
		case blank:
			html = false
			tr = tableRun{}
		case tr.row(body, off, end, prevBlank && !html, itemSize) && off-last >= itemSize:
			cuts = append(cuts, off)
			heads = append(heads, body[tr.header:tr.body])
		case prevBlank && isATXLine(line) && off-last >= size:
			cuts, heads = append(cuts, off), append(heads, nil)
		case !html && off-last >= itemSize && itemStart(line, prevBlank):
			cuts, heads = append(cuts, off), append(heads, nil)
		}
		prevBlank = blank
		off = end + 1
	}
	return cuts, heads
}

// blankLine reports whether line is blank as CommonMark reads it: spaces
// and tabs only (a vertical tab, form feed or no-break space makes it a
// line of text, so a chunk never starts after it as after a blank line).
func blankLine(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// tableRun follows a table at the left margin, line by line, to find the
// rows a chunk may start at. Only a table whose paragraph (from its header
// row to the next blank line) is all lines that start with "|" is cut: no
// such line can end the paragraph or start another block, or make the
// paragraph a setext heading, so the rows after any of them parse, with the
// header and delimiter rows before them, as they do in the whole table.
type tableRun struct {
	state  int // 0: none; 1: after a possible header row; 2: in the body
	header int // where the header row starts
	body   int // where the first body row starts (the delimiter row ends)
}

// row reads the line body[off:end], which is not blank and not inside
// fenced code or an HTML block; first is set when it may start a
// paragraph at the top level. It reports whether the line is a body row
// of a table that may be cut before it.
func (t *tableRun) row(body []byte, off, end int, first bool, itemSize int) bool {
	pipe := body[off] == '|'
	switch {
	case !pipe:
		*t = tableRun{}
	case t.state == 2:
		return true
	case t.state == 1:
		t.state, t.body = 0, min(end+1, len(body))
		// worth checking only when the table is long enough to cut
		if e := t.pipesEnd(body); e-t.body >= itemSize && isTable(body[t.header:t.body]) {
			t.state = 2
		}
	case first:
		t.state, t.header = 1, off
	}
	return false
}

// pipesEnd is where the table's paragraph ends (at the next blank line, or
// the end) when every line of its body starts with "|", else -1.
func (t *tableRun) pipesEnd(body []byte) int {
	for off := t.body; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += off
		}
		line := body[off:end]
		if blankLine(line) {
			return off
		}
		if line[0] != '|' {
			return -1
		}
		off = end + 1
	}
	return len(body)
}

// isTable reports whether head, a header row and a delimiter row, is a
// table to goldmark.
func isTable(head []byte) bool {
	root := blockParser.Parse(text.NewReader(head))
	_, ok := root.FirstChild().(*east.Table)
	return ok && root.FirstChild().NextSibling() == nil
}

// itemStart reports whether line starts a list item at the left margin
// whatever comes before it: a bullet (-, + or *) followed by text, or an
// ordered item ("12." or "12)") followed by text after a blank line or
// numbered 1 (any other number cannot interrupt a paragraph), and no
// thematic break. Such a line closes every open block but a list.
func itemStart(line []byte, prevBlank bool) bool {
	n := 0
	switch c := firstByte(line); {
	case c == '-' || c == '+' || c == '*':
		n = 1
	case c >= '0' && c <= '9':
		for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
			n++
		}
		if n >= len(line) || (line[n] != '.' && line[n] != ')') {
			return false
		}
		if !prevBlank && (n != 1 || line[0] != '1') {
			return false
		}
		n++
	default:
		return false
	}
	if n >= len(line) || (line[n] != ' ' && line[n] != '\t') || len(bytes.TrimSpace(line[n:])) == 0 {
		return false
	}
	return !thematicBreak(line)
}

func firstByte(b []byte) byte {
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// thematicBreak reports whether line is three or more of one of "-", "*"
// and "_", with spaces or tabs only between them.
func thematicBreak(line []byte) bool {
	var mark byte
	n := 0
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t':
		case mark == 0 && (c == '-' || c == '*' || c == '_'):
			mark = c
			n++
		case c == mark:
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// blockScan follows the fenced code blocks and the HTML blocks that may
// hold blank lines, line by line.
type blockScan struct {
	fence    byte
	fenceLen int
	htmlEnd  string // the marker that ends an open HTML block of types 1-5
	// indent is the indentation of the line that opened the fence or HTML
	// block that is open
	indent int
	// raw is set from a line that starts with "<" and opens no HTML block
	// of types 1-5 to the next blank line: an HTML block of type 6 or 7,
	// or a paragraph, as goldmark decides
	raw bool
}

// ambiguous reports whether goldmark may read line, which is not blank,
// in two ways that the scanner cannot tell apart:
//   - a fence or HTML block opened with indentation may be a list item's,
//     which a line indented less ends (while the same block at the top
//     level goes on);
//   - after a line that starts with "<", a fence or an HTML block of types
//     1 to 5 opens if that line began a paragraph, and is raw text if it
//     began an HTML block of type 6 or 7 (which depends on the tag, and for
//     type 7 on whether a paragraph was open).
func (bs *blockScan) ambiguous(line []byte) bool {
	trim := bytes.TrimLeft(line, " ")
	indent := len(line) - len(trim)
	if bs.fence != 0 || bs.htmlEnd != "" {
		return bs.indent > 0 && indent < bs.indent
	}
	return bs.raw && indent <= 3 && (opensFence(trim) || len(trim) > 1 && trim[0] == '<' && htmlBlockEnd(trim) != "")
}

// inside reports whether line is inside, opens or closes a fenced code
// block or an HTML block (or starts with "<" at most three spaces in),
// where no chunk may start.
func (bs *blockScan) inside(line []byte) bool {
	trim := bytes.TrimLeft(line, " ")
	indent := len(line) - len(trim)
	switch {
	case bs.htmlEnd != "":
		if closesHTML(line, bs.htmlEnd) {
			bs.htmlEnd = ""
		}
	case bs.fence != 0:
		if indent <= 3 && len(trim) >= bs.fenceLen && trim[0] == bs.fence {
			n := 0
			for n < len(trim) && trim[n] == bs.fence {
				n++
			}
			// only spaces and tabs may follow a closing fence: a
			// vertical tab or form feed is text (as goldmark reads it)
			if n >= bs.fenceLen && blankLine(trim[n:]) {
				bs.fence = 0
			}
		}
	case indent <= 3 && opensFence(trim):
		bs.fence, bs.indent = trim[0], indent
		bs.fenceLen = 0
		for bs.fenceLen < len(trim) && trim[bs.fenceLen] == bs.fence {
			bs.fenceLen++
		}
	case indent <= 3 && len(trim) > 1 && trim[0] == '<':
		end := htmlBlockEnd(trim)
		bs.raw = bs.raw || end == ""
		// a block of types 1 to 5 may end on its first line
		if end != "" && !closesHTML(line, end) {
			bs.htmlEnd, bs.indent = end, indent
		}
	default:
		return false
	}
	return true
}

// opensFence reports whether line, without its indentation, opens a
// fenced code block: three backticks or tildes or more, and for backticks
// an info string without one (else the line is text).
func opensFence(line []byte) bool {
	if len(line) < 3 || (line[0] != '`' && line[0] != '~') || line[1] != line[0] || line[2] != line[0] {
		return false
	}
	if line[0] == '~' {
		return true
	}
	return bytes.IndexByte(bytes.TrimLeft(line, "`"), '`') < 0
}

// htmlTags are goldmark's patterns for the HTML blocks that end at a
// marker rather than at a blank line (types 1 to 5 of CommonMark), applied
// to a line without its indentation. They are goldmark's own: its type 1
// folds case as Go's regexp does (so "<ſcript>" opens one, and any of the
// four closing tags ends it), its type 4 wants an upper-case letter and its
// type 5 upper-case CDATA. Compiled when a large draft first has a line
// that starts with "<".
var htmlTags = sync.OnceValue(func() (p struct{ open1, close1, open4, open5 *regexp.Regexp }) {
	p.open1 = regexp.MustCompile(`(?i)^<(script|pre|style|textarea)(?:\s.*|>.*|/>.*|)(?:\r\n|\n)?$`)
	p.close1 = regexp.MustCompile(`(?i)^.*</(?:script|pre|style|textarea)>.*`)
	p.open4 = regexp.MustCompile(`^<![A-Z]+.*(?:\r\n|\n)?$`)
	p.open5 = regexp.MustCompile(`^<\!\[CDATA\[`)
	return p
})

// htmlType1End marks an open HTML block of type 1 (script, pre, style or
// textarea), which any of the four closing tags ends.
const htmlType1End = "</script|pre|style|textarea>"

// htmlBlockEnd returns the end marker of an HTML block of types 1 to 5
// that line, without its indentation, starts as goldmark reads it, or "".
func htmlBlockEnd(line []byte) string {
	p := htmlTags()
	switch {
	case p.open1.Match(line):
		return htmlType1End
	case bytes.HasPrefix(line, []byte("<!--")):
		return "-->"
	case bytes.HasPrefix(line, []byte("<?")):
		return "?>"
	case p.open4.Match(line):
		return ">"
	case p.open5.Match(line):
		return "]]>"
	}
	return ""
}

// closesHTML reports whether line ends the HTML block that end marks.
func closesHTML(line []byte, end string) bool {
	if end == htmlType1End {
		return htmlTags().close1.Match(line)
	}
	return bytes.Contains(line, []byte(end))
}

// isATXLine reports whether line is an ATX heading at the left margin.
func isATXLine(line []byte) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// normaliseSource drops a BOM and turns CRLF and lone CR into LF.
func normaliseSource(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// frontMatterEnd returns the offset just past YAML front matter at the very
// top (it ends at a line "---" or "...", or one that begins "--- "), or 0.
func frontMatterEnd(src []byte) int {
	first, rest, ok := bytes.Cut(src, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, " \t")) != "---" {
		return 0
	}
	off := len(first) + 1
	for len(rest) > 0 {
		line, tail, found := bytes.Cut(rest, []byte("\n"))
		l := string(bytes.TrimRight(line, " \t"))
		off += len(line)
		if found {
			off++
		}
		if l == "---" || l == "..." || strings.HasPrefix(l, "--- ") {
			return off
		}
		rest = tail
	}
	return 0 // unterminated: not front matter
}

func lineStarts(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return starts
		}
		off += i + 1
		starts = append(starts, off)
	}
}

type parseState struct {
	src   []byte
	lines []int
	// words is the pattern of a number after a number word
	words *regexp.Regexp
	// fmEnd is where the front matter ends (first chunk only)
	fmEnd int
	// refs holds the chunk's link reference definitions, for the inline
	// parse of its headings
	refs parser.Context
	// refHeads are the headings whose title may use a link reference
	// defined in another chunk
	refHeads []refHead
	sections []Section
	cur      *Section
	// pending top-level nodes of the current section whose end is the
	// start of the next node.
	nodes []ast.Node
	// blocks holds the blocks of the chunk in order; each section's Blocks
	// is a window of it (blockStart per section, set by settle).
	blocks     []Block
	blockStart []int
	// text holds the texts of the chunk's blocks that are not a span of
	// the source, one after another, and textEnd where each ends (-1 for
	// a block whose text is a span of the source, set when it is added):
	// settle cuts those texts out of one string, so that no block's text
	// costs an allocation of its own.
	text    []byte
	textEnd []int
	// view is the source as a string, sharing its bytes, for the texts
	// that are spans of it: view[i-viewOff] is the byte at offset i of src
	// (for offsets from viewOff on).
	view    string
	viewOff int
	// the text being written: where the block's starts in text, where the
	// part's starts in the block's, and whether a space is pending before
	// the next character (see collapseSpace)
	blockText, partStart int
	space                bool
	// copied is set once the block's text is written in text; until then
	// it is the span runStart, runEnd of the source, written nowhere
	copied           bool
	runStart, runEnd int
}

// lineOf returns the 1-based line of offset off.
func (p *parseState) lineOf(off int) int {
	// the first line that starts after off (sort.Search, without a
	// closure: it is asked for every node)
	lo, hi := 0, len(p.lines)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if p.lines[m] > off {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// lineStart returns the offset of the start of the line holding off.
func (p *parseState) lineStart(off int) int { return p.lines[p.lineOf(off)-1] }

func (p *parseState) walk(root ast.Node) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && !p.outOfOrder(h) {
			p.flush(p.lineStart(n.Pos()))
			p.openHeading(h)
			continue
		}
		if p.cur == nil {
			p.openPreamble()
		}
		p.nodes = append(p.nodes, n)
	}
	p.flush(len(p.src))
}

// settle gives each section its window of the chunk's blocks and each
// block its text.
func (p *parseState) settle() {
	var all string
	if len(p.text) >= cap(p.text)-cap(p.text)/8 {
		// the buffer is nearly all text: the texts share it (nothing
		// writes to it any more)
		all = sourceView(p.text)
	} else {
		all = string(p.text)
	}
	p.text = nil
	start := 0
	for i := range p.blocks {
		if end := p.textEnd[i]; end >= 0 {
			p.blocks[i].Text = all[start:end]
			start = end
		}
		p.blocks[i].Words = CountWords(p.blocks[i].Text)
	}
	for i := range p.sections {
		a, b := p.blockStart[i], len(p.blocks)
		if i+1 < len(p.sections) {
			b = p.blockStart[i+1]
		}
		if a < b {
			p.sections[i].Blocks = p.blocks[a:b:b]
		}
	}
	p.blockStart, p.textEnd = nil, nil
}

func (p *parseState) openSection(s Section) {
	p.sections = append(p.sections, s)
	p.blockStart = append(p.blockStart, len(p.blocks))
	p.cur = &p.sections[len(p.sections)-1]
}

func (p *parseState) openPreamble() {
	p.openSection(Section{Level: 0, Start: p.skipFrontMatter(0), Parent: -1})
}

func (p *parseState) skipFrontMatter(off int) int {
	// the preamble starts after the front matter, which is metadata
	return max(off, p.fmEnd)
}

func (p *parseState) openHeading(h *ast.Heading) {
	start := p.lineStart(h.Pos())
	s := Section{Level: h.Level, Start: start, Line: p.lineOf(h.Pos()), Parent: -1}
	plain := strings.TrimSpace(collapseSpace(p.headingText(h)))
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok && len(b) > 0 {
			s.ID, s.ExplicitID = string(b), true
		}
	}
	plain = stripAttributeBlock(plain)
	s.Number, s.Title = splitNumberRE(plain, p.words)
	// the slugs are made with the chunk, so that a chunk taken from a
	// cache costs none
	s.TitleSlug, s.NumberSlug = Slug(s.Title), Slug(s.Number)
	p.openSection(s)
}

// nodeStart is where a top-level node's first line is. goldmark gives a
// table the position of the paragraph it was made from, which may hold
// lines before the table's header row that stay a paragraph of their own.
func nodeStart(n ast.Node) int {
	if t, ok := n.(*east.Table); ok && t.FirstChild() != nil && t.FirstChild().Pos() >= 0 {
		return t.FirstChild().Pos()
	}
	return n.Pos()
}

// outOfOrder reports whether a heading starts before what precedes it in
// goldmark's tree: a setext underline after a table makes a heading of the
// paragraph lines before the table. Such a heading is read as a block.
func (p *parseState) outOfOrder(h *ast.Heading) bool {
	start := p.lineStart(h.Pos())
	if n := len(p.nodes); n > 0 && start < p.lineStart(nodeStart(p.nodes[n-1])) {
		return true
	}
	return p.cur != nil && start < p.cur.Start
}

// flush turns the pending nodes into blocks of the current section, which
// ends at end.
func (p *parseState) flush(end int) {
	if p.cur == nil {
		return
	}
	slices.SortStableFunc(p.nodes, func(a, b ast.Node) int { return cmp.Compare(nodeStart(a), nodeStart(b)) })
	for i, n := range p.nodes {
		nend := end
		if i+1 < len(p.nodes) {
			nend = p.lineStart(nodeStart(p.nodes[i+1]))
		}
		start := p.lineStart(nodeStart(n))
		p.addNode(n, start, max(nend, start))
	}
	clear(p.nodes)
	p.nodes = p.nodes[:0]
	p.cur.End = end
	p.cur = nil
}

// addNode appends the blocks of top-level node n spanning [start, end).
func (p *parseState) addNode(n ast.Node, start, end int) {
	switch n := n.(type) {
	case *ast.Paragraph, *rawParagraph:
		p.begin()
		p.paraText(n)
		p.add(Paragraph, start, end)
	case *ast.List:
		p.list(n, end)
	case *east.Table:
		p.table(n, start, end)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		p.addRaw(Code, start, end)
	case *ast.Blockquote:
		p.begin()
		p.quoteText(start, end)
		p.add(Quote, start, end)
	case *ast.HTMLBlock:
		p.addRaw(HTML, start, end)
	case *ast.ThematicBreak:
		p.addRaw(ThematicBreak, start, end)
	default:
		p.begin()
		p.collapse(p.src[start:end], start)
		p.add(Paragraph, start, end)
	}
}

// add appends a block whose text has just been written.
func (p *parseState) add(k Kind, start, end int) {
	end = trimEnd(p.src, start, end)
	b := Block{Kind: k, Start: start, End: end, Line: p.lineOf(start)}
	textEnd := -1
	if s, e := p.runStart, p.runEnd; !p.copied && s >= p.viewOff && e > s {
		// the text is a span of the source: the block shares its bytes
		b.Text = p.view[s-p.viewOff : e-p.viewOff]
	} else {
		p.copyRun()
		textEnd = len(p.text)
	}
	p.blocks = append(p.blocks, b)
	p.textEnd = append(p.textEnd, textEnd)
	p.blockText = len(p.text)
	p.copied, p.runStart, p.runEnd = false, 0, 0
}

// textLen is the length of the block's text written so far.
func (p *parseState) textLen() int {
	if p.copied {
		return len(p.text) - p.blockText
	}
	return p.runEnd - p.runStart
}

// copyRun writes the block's text, while it is a span of the source, in
// text.
func (p *parseState) copyRun() {
	if !p.copied {
		p.text = append(p.text, p.src[p.runStart:p.runEnd]...)
		p.copied = true
	}
}

// write appends b, the bytes of the source from offset off (or -1 when
// they are not), to the block's text.
func (p *parseState) write(b []byte, off int) {
	switch {
	case len(b) == 0:
		return
	case !p.copied && off >= 0 && p.runStart == p.runEnd:
		p.runStart, p.runEnd = off, off+len(b)
		return
	case !p.copied && off >= 0 && off == p.runEnd:
		p.runEnd += len(b)
		return
	}
	p.copyRun()
	p.text = append(p.text, b...)
}

// writeByte appends c to the block's text, where it may stand for the
// same byte of the source.
func (p *parseState) writeByte(c byte) {
	if e := p.runEnd; !p.copied && e > p.runStart && e < len(p.src) && p.src[e] == c {
		p.runEnd++
		return
	}
	p.copyRun()
	p.text = append(p.text, c)
}

// addRaw appends a block whose text is its source without trailing white
// space.
func (p *parseState) addRaw(k Kind, start, end int) {
	p.write(bytes.TrimRight(p.src[start:end], " \t\n"), start)
	p.add(k, start, end)
}

// begin starts the text of a block, or of a part of a list item's text.
func (p *parseState) begin() {
	p.partStart = p.textLen()
	p.space = false
}

// collapse writes b to the text as collapseSpace would: runs of spaces,
// tabs and line ends become one space, and the part written since begin
// neither starts nor ends with one.
func (p *parseState) collapse(b []byte, off int) {
	for i := 0; i < len(b); {
		if isCollapsible(b[i]) {
			p.space = true
			i++
			continue
		}
		// a run of text whose spaces are single and between characters is
		// written as it is, in one piece
		j := textRunEnd(b, i+1)
		for j < len(b) {
			if !isCollapsible(b[j]) {
				j++
			} else if b[j] == ' ' && j+1 < len(b) && !isCollapsible(b[j+1]) {
				j += 2
			} else {
				break
			}
		}
		if p.space && p.textLen() > p.partStart {
			p.writeByte(' ')
		}
		p.space = false
		p.write(b[i:j], off+i)
		i = j
	}
}

func isCollapsible(c byte) bool { return collapsible[c] }

// textRunEnd returns where the run of text from j, whose spaces are single
// and between characters, ends (the first byte that collapseSpace folds
// but a space before a byte it keeps), or a point of the run before that,
// less than nine bytes from the end of b. It reads eight bytes at a time
// (as asciiWordEnd does).
func textRunEnd(b []byte, j int) int {
	for ; j+8 < len(b); j += 8 {
		x := binary.LittleEndian.Uint64(b[j:])
		space := zeroBytes(x ^ ones*' ')
		fold := space | zeroBytes(x^ones*'\t') | zeroBytes(x^ones*'\n') | zeroBytes(x^ones*'\r')
		// whether the byte after each is folded too
		next := fold >> 8
		if collapsible[b[j+8]] {
			next |= 0x80 << 56
		}
		if stop := fold &^ (space &^ next); stop != 0 {
			return j + bits.TrailingZeros64(stop)/8
		}
	}
	return j
}

// zeroBytes sets the high bit of each byte of x that is zero, and no other.
func zeroBytes(x uint64) uint64 {
	const lows = 0x7f7f7f7f7f7f7f7f
	return ^((x&lows + lows) | x | lows)
}

// collapsible marks the bytes that collapseSpace folds.
var collapsible = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// trimEnd moves end back over trailing blank lines.
func trimEnd(src []byte, start, end int) int {
	for end > start && (src[end-1] == '\n' || src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	if end < len(src) && end > start {
		// keep the final newline of the last line inside the span
		if src[end] == '\n' {
			end++
		}
	}
	return end
}

func (p *parseState) list(l *ast.List, end int) {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		iend := end
		if next := it.NextSibling(); next != nil {
			iend = p.lineStart(next.Pos())
		}
		p.listItem(it, p.lineStart(it.Pos()), iend)
	}
}

// listItem adds the item's own text as one block and its nested lists as
// blocks of their own. The own text is the text of each paragraph and of
// each other block before the first nested list, one a line.
func (p *parseState) listItem(it ast.Node, start, end int) {
	var first ast.Node // the first nested list
	ownEnd := end
	parts := 0
	for c := it.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.List); ok {
			if first == nil {
				first = c
				ownEnd = p.lineStart(c.Pos())
			}
			continue
		}
		_, para := c.(*ast.Paragraph)
		_, raw := c.(*rawParagraph)
		_, tb := c.(*ast.TextBlock)
		para = para || raw
		if !para && !tb && first != nil {
			continue
		}
		if parts > 0 {
			p.writeByte('\n')
		}
		parts++
		p.begin()
		if para || tb {
			p.paraText(c)
		} else if s, e := nodeSpan(c); s >= 0 {
			p.collapse(p.src[s:e], s)
		}
	}
	p.add(ListItem, start, ownEnd)
	for l := first; l != nil; l = l.NextSibling() {
		if _, ok := l.(*ast.List); !ok {
			continue
		}
		lend := end
		for next := l.NextSibling(); next != nil; next = next.NextSibling() {
			if _, ok := next.(*ast.List); ok {
				lend = p.lineStart(next.Pos())
				break
			}
		}
		p.list(l.(*ast.List), lend)
	}
}

// nodeSpan is the span of a block node's lines, or of its descendants',
// or -1, -1.
func nodeSpan(n ast.Node) (s, e int) {
	s, e = -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		lines := c.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if s < 0 || seg.Start < s {
				s = seg.Start
			}
			if seg.Stop > e {
				e = seg.Stop
			}
		}
		return ast.WalkContinue, nil
	})
	return s, e
}

func (p *parseState) table(t *east.Table, start, end int) {
	// One line a row: the header, the delimiter row (not a block), then
	// the body rows.
	line := p.lineOf(start)
	row := 0
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		ln := line + row
		if row >= 1 {
			ln++ // skip the delimiter row
		}
		if r.Pos() >= 0 {
			ln = p.lineOf(r.Pos())
		}
		row++
		if ln-1 >= len(p.lines) {
			break
		}
		rs := p.lines[ln-1]
		re := end
		if ln < len(p.lines) && p.lines[ln] < end {
			re = p.lines[ln]
		}
		if rs >= end {
			break
		}
		p.begin()
		p.collapse(p.src[rs:re], rs)
		p.add(TableRow, rs, re)
	}
}

// paraText writes a paragraph's text with soft line breaks and runs of
// spaces and tabs turned into one space.
func (p *parseState) paraText(n ast.Node) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i > 0 {
			p.space = true
		}
		p.collapse(p.src[seg.Start:seg.Stop], seg.Start)
	}
}

// quoteText writes the text of a quote: its lines without the quote
// markers, folded as collapseSpace folds.
func (p *parseState) quoteText(start, end int) {
	body := bytes.TrimRight(p.src[start:end], " \t\n")
	for off := 0; off <= len(body); {
		if off > 0 {
			p.space = true
		}
		n := bytes.IndexByte(body[off:], '\n')
		if n < 0 {
			n = len(body) - off
		}
		l := body[off : off+n]
		t := bytes.TrimLeft(l, " ")
		if len(t) > 0 && t[0] == '>' {
			t = bytes.TrimPrefix(t[1:], []byte(" "))
		}
		p.collapse(t, start+off+n-len(t))
		off += n + 1
	}
}

// headingText is the plain text of a heading: its text, code spans and the
// text of its links and emphasis, without raw HTML. The heading's text is
// parsed for inlines on its own.
func (p *parseState) headingText(h *ast.Heading) string {
	lines := h.Lines()
	if lines.Len() == 1 {
		// one line: a plain one is a span of the source
		seg := lines.At(0)
		line := p.src[seg.Start:seg.Stop]
		if len(line) > maxInlineHeading || !bytes.ContainsAny(line, inlineMarks) {
			if seg.Start >= p.viewOff {
				return p.view[seg.Start-p.viewOff : seg.Stop-p.viewOff]
			}
			return string(line)
		}
	}
	var src []byte
	for i := 0; i < lines.Len(); i++ {
		if len(src) > 0 && src[len(src)-1] != '\n' {
			src = append(src, '\n')
		}
		seg := lines.At(i)
		src = append(src, seg.Value(p.src)...)
	}
	if len(src) > maxInlineHeading || !bytes.ContainsAny(src, inlineMarks) {
		return string(src)
	}
	if bytes.IndexByte(src, '[') >= 0 {
		p.refHeads = append(p.refHeads, refHead{sec: len(p.sections), src: src})
	}
	return inlineTitle(src, p.refs)
}

// inlineTitle is the plain text of a heading's text src parsed for inlines,
// with the link references of refs.
func inlineTitle(src []byte, refs parser.Context) string {
	pc := refContext{Context: parser.NewContext(), refs: refs}
	return inlineText(inlineParser.Parse(text.NewReader(src), parser.WithContext(pc)), src)
}

// inlineText is the plain text of the inlines under n, whose segments point
// into src.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// finish computes parents and ids.
func (p *parseState) finish() {
	var stack []int
	for i := range p.sections {
		s := &p.sections[i]
		for len(stack) > 0 && p.sections[stack[len(stack)-1]].Level >= s.Level {
			stack = stack[:len(stack)-1]
		}
		if s.Level > 0 && len(stack) > 0 {
			s.Parent = stack[len(stack)-1]
		}
		if s.Level > 0 {
			stack = append(stack, i)
		}
	}
	seen := map[string]int{}
	for i := range p.sections {
		s := &p.sections[i]
		if !s.ExplicitID {
			s.ID = baseID(s)
		}
	}
	// the first section with each explicit id keeps it, so a derived
	// duplicate never takes one; every later duplicate, explicit or
	// derived, gets -2, -3, ... in document order
	keeps := map[int]bool{}
	for i, s := range p.sections {
		if s.ExplicitID && seen[s.ID] == 0 {
			seen[s.ID] = 1
			keeps[i] = true
		}
	}
	for i := range p.sections {
		s := &p.sections[i]
		if keeps[i] {
			continue
		}
		base := s.ID
		if !s.ExplicitID || seen[base] > 0 {
			seen[base]++
		}
		if n := seen[base]; n > 1 {
			id := fmt.Sprintf("%s-%d", base, n)
			for seen[id] > 0 {
				n++
				id = fmt.Sprintf("%s-%d", base, n)
			}
			seen[base] = n
			seen[id]++
			s.ID = id
		}
	}
}

// BaseID is a section's id before duplicates are told apart: the slug of
// its title, else of its number, else "preamble" or "section".
func BaseID(s *Section) string {
	t := *s
	t.TitleSlug, t.NumberSlug = Slug(s.Title), Slug(s.Number)
	return baseID(&t)
}

// baseID is BaseID of a section whose slugs are made.
func baseID(s *Section) string {
	if s.Level == 0 {
		return "preamble"
	}
	if s.TitleSlug != "" {
		return s.TitleSlug
	}
	if s.NumberSlug != "" {
		return s.NumberSlug
	}
	return "section"
}

// collapseSpace turns runs of spaces, tabs and line ends into one space and
// trims both ends. Other white space (no-break spaces) is text.
func collapseSpace(s string) string {
	if !needsCollapse(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// needsCollapse reports whether collapseSpace changes s: whether it holds
// a tab or line end, two spaces in a row, or a space at either end.
func needsCollapse(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\r':
			return true
		case ' ':
			if s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}
