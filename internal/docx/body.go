package docx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// blockKind is the Markdown form of one block.
type blockKind uint8

const (
	bPara blockKind = iota
	bHeading
	bItem
	bCode
	bQuote
	bRule
	bTable
)

// block is one Markdown block in the making.
type block struct {
	kind    blockKind
	level   int    // heading level
	id      string // a heading's id, from a bookmark on it
	ilvl    int    // list level
	ordered bool   // a Markdown ordered list item, numbered num
	num     int
	delim   byte // '.' or ')'
	segs    []seg
	rows    [][][]seg
}

// converter reads one document.
type converter struct {
	pkg        *pkg
	part       string
	rels       map[string]rel
	styles     styles
	numbering  numbering
	counters   map[string]*counter // by abstract numbering
	numUsed    map[string]bool     // numbering instances met
	notes      map[string]*node    // "f:ID" or "e:ID": the footnote or endnote
	noteOrder  []string            // keys of notes in order of first reference
	noteNum    map[string]int
	revisions  int
	comments0  int // comments in the comments part
	commentIDs map[string]bool
	blocks     []block
	fields     []*field
	carry      []seg // the text of paragraphs whose mark was deleted
	inNote     bool
	hrefBytes  int // bytes of link targets written
}

// field is an open Word field (a HYPERLINK, a TOC, a page number).
type field struct {
	instr  strings.Builder
	result bool   // past its separator: its result is showing
	href   string // a HYPERLINK's target
	drop   bool   // a table of contents or index: its result is not text
}

const (
	relStyles    = "styles"
	relNumbering = "numbering"
	relFootnotes = "footnotes"
	relEndnotes  = "endnotes"
	relComments  = "comments"
)

func newConverter(p *pkg) (*converter, error) {
	part, err := p.mainPart()
	if err != nil {
		return nil, err
	}
	c := &converter{pkg: p, part: part, counters: map[string]*counter{}, numUsed: map[string]bool{}, notes: map[string]*node{}, noteNum: map[string]int{}, commentIDs: map[string]bool{}}
	if c.rels, err = p.rels(part); err != nil {
		return nil, err
	}
	dir := part[:strings.LastIndexByte(part, '/')+1]
	read := func(typ string) (*node, error) {
		name := byType(c.rels, typ, p, dir+typ+".xml")
		if name == "" {
			return nil, nil
		}
		data, err := p.read(name)
		if err != nil || data == nil {
			return nil, err
		}
		return parseXML(name, data)
	}
	st, err := read(relStyles)
	if err != nil {
		return nil, err
	}
	c.styles = readStyles(st)
	nb, err := read(relNumbering)
	if err != nil {
		return nil, err
	}
	c.numbering = readNumbering(nb)
	for _, k := range []struct{ typ, prefix string }{{relFootnotes, "f:"}, {relEndnotes, "e:"}} {
		n, err := read(k.typ)
		if err != nil {
			return nil, err
		}
		if n == nil {
			continue
		}
		for _, f := range n.kids {
			if (f.name == "footnote" || f.name == "endnote") && f.attr("type") == "" {
				c.notes[k.prefix+f.attr("id")] = f
			}
		}
	}
	cm, err := read(relComments)
	if err != nil {
		return nil, err
	}
	if cm != nil {
		for _, k := range cm.kids {
			if k.name == "comment" {
				c.comments0++
			}
		}
	}
	return c, nil
}

// comments is the number of comments dropped: those in the comments part,
// or those the text refers to when that is more.
func (c *converter) comments() int {
	return max(c.comments0, len(c.commentIDs))
}

// body reads the main part's body, one top-level element at a time.
func (c *converter) body() error {
	data, err := c.pkg.read(c.part)
	if err != nil {
		return err
	}
	dc := newDecoder(c.part, data)
	depth, inBody, seenBody := 0, false, false
	for {
		t, err := dc.token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch {
			case depth == 0:
				if elemName(t.Name) != "document" {
					return fmt.Errorf("%w: %s is not a Word document body (its root is <%s>)", ErrNotDOCX, c.part, t.Name.Local)
				}
				depth++
			case depth == 1 && elemName(t.Name) == "body" && !seenBody:
				inBody, seenBody = true, true
				depth++
			default:
				n, err := dc.element(t, depth+1)
				if err != nil {
					return err
				}
				if inBody {
					c.top(n)
				}
			}
		case xml.EndElement:
			depth--
			if depth == 1 {
				inBody = false
			}
		}
	}
	if depth != 0 {
		return fmt.Errorf("%w in %s: it ends inside an element", ErrBadXML, c.part)
	}
	c.flushCarry()
	return nil
}

// top reads one element of the body (or of a content control in it).
func (c *converter) top(n *node) {
	switch n.name {
	case "p":
		c.paragraph(n)
	case "tbl":
		c.flushCarry()
		c.table(n)
	case "sdt":
		if isTOC(n) {
			return
		}
		for _, k := range n.child("sdtContent").kidsOrNil() {
			c.top(k)
		}
	case "customXml", "sdtContent":
		for _, k := range n.kids {
			c.top(k)
		}
	case "ins", "moveTo":
		c.revisions++
		for _, k := range n.kids {
			c.top(k)
		}
	case "del", "moveFrom":
		c.revisions++
	}
}

func (n *node) kidsOrNil() []*node {
	if n == nil {
		return nil
	}
	return n.kids
}

// isTOC reports whether a content control holds a table of contents.
func isTOC(sdt *node) bool {
	pr := sdt.child("sdtPr")
	g := pr.child("docPartObj").child("docPartGallery")
	return g != nil && strings.Contains(strings.ToLower(g.attr("val")), "table of contents")
}

// paragraph reads a paragraph into a block.
func (c *converter) paragraph(p *node) {
	ppr := p.child("pPr")
	markGone := false
	if rpr := ppr.child("rPr"); rpr != nil {
		for _, k := range rpr.kids {
			switch k.name {
			case "ins", "moveTo", "rPrChange":
				c.revisions++
			case "del", "moveFrom":
				c.revisions++
				markGone = true
			}
		}
	}
	if ppr.child("pPrChange") != nil {
		c.revisions++
	}
	segs := c.inline(p.kids, inlineState{})
	if markGone {
		// accepting the deletion of a paragraph mark joins the paragraph
		// to the next one, which keeps its own properties
		c.carry = append(c.carry, segs...)
		return
	}
	if len(c.carry) > 0 {
		segs = append(c.carry, segs...)
		c.carry = nil
	}
	c.classify(ppr, segs)
	if n := len(c.blocks); n > 0 && c.blocks[n-1].kind == bHeading && c.blocks[n-1].id == "" {
		c.blocks[n-1].id = headingID(p, segs)
	}
}

// headingID is the id a bookmark on a heading paragraph names: the name of
// the first bookmark that Word does not hide (hidden ones start with "_":
// _Toc..., _Ref..., _GoBack), that can be written as a Markdown {#id}, that
// is no hash (pandoc names a heading whose id is longer than Word's 40
// characters X and 39 hex digits of its SHA-1), and that is not only the
// heading's text made an id (as pandoc and other writers name every
// heading), which the text gives back anyway.
func headingID(p *node, segs []seg) string {
	for _, k := range p.kids {
		if k.name != "bookmarkStart" {
			continue
		}
		name := k.attr("name")
		if name == "" || name[0] == '_' || !idName(name) || hashName().MatchString(name) {
			continue
		}
		var text strings.Builder
		for _, s := range segs {
			text.WriteString(s.text)
		}
		if alnum(name) == alnum(text.String()) {
			continue
		}
		return name
	}
	return ""
}

var hashName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^X[0-9a-f]{39}$`) })

// idName reports whether a bookmark name reads back from {#name} as itself:
// letters, digits and - _ . :, starting with a letter or digit.
func idName(s string) bool {
	if len(s) > 256 {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case i > 0 && strings.ContainsRune("-_.:", r):
		default:
			return false
		}
	}
	return true
}

// alnum is s lower-cased, its letters and digits only.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// flushCarry writes the text left by paragraphs whose mark was deleted
// when no paragraph follows to take it.
func (c *converter) flushCarry() {
	if len(c.carry) > 0 {
		segs := c.carry
		c.carry = nil
		c.classify(nil, segs)
	}
}

// classify makes a paragraph's block: a heading, a list item, code, a
// quote, a rule or a plain paragraph.
func (c *converter) classify(ppr *node, segs []seg) {
	styleID := ppr.val("pStyle")
	if c.styles.is(styleID, "toc 1", "toc 2", "toc 3", "toc 4", "toc 5", "toc 6", "toc 7", "toc 8", "toc 9", "toc heading") {
		return
	}
	level := c.styles.headingLevel(styleID)
	if v := ppr.val("outlineLvl"); v != "" {
		if k, err := strconv.Atoi(v); err == nil && k >= 0 && k <= 9 {
			level = 0
			if k < 9 {
				level = min(k+1, 6)
			}
		}
	}
	label, simple, bullet, n, ilvl, numbered := c.number(ppr, styleID)
	switch {
	case level > 0:
		if !blank(segs) {
			if label != "" {
				segs = append([]seg{{text: label + " "}}, segs...)
			}
			c.blocks = append(c.blocks, block{kind: bHeading, level: level, segs: segs})
		}
		return
	case c.styles.is(styleID, "code block", "source code", "html preformatted", "code"):
		c.blocks = append(c.blocks, block{kind: bCode, segs: segs})
		return
	case c.styles.is(styleID, "horizontal rule"):
		c.blocks = append(c.blocks, block{kind: bRule})
	}
	if blank(segs) {
		return
	}
	switch {
	case c.styles.is(styleID, "quote", "intense quote", "block text"):
		c.blocks = append(c.blocks, block{kind: bQuote, segs: segs})
	case numbered && bullet:
		c.blocks = append(c.blocks, block{kind: bItem, ilvl: ilvl, segs: segs})
	case numbered && simple:
		d := label[len(label)-1]
		c.blocks = append(c.blocks, block{kind: bItem, ilvl: ilvl, ordered: true, num: n, delim: d, segs: segs})
	case numbered && label != "":
		segs = append([]seg{{text: label + " "}}, segs...)
		c.blocks = append(c.blocks, block{kind: bItem, ilvl: ilvl, segs: segs})
	default:
		c.blocks = append(c.blocks, block{kind: bPara, segs: segs})
	}
}

// number counts a numbered paragraph: its label as Word shows it, whether
// it is a plain "N." or "N)" of its own level (a Markdown ordered item),
// whether it is a bullet, its number and level, and whether it is
// numbered at all.
func (c *converter) number(ppr *node, styleID string) (label string, simple, bullet bool, n, ilvl int, ok bool) {
	numID, lvl, has := c.styles.numbering(styleID)
	if np := ppr.child("numPr"); np != nil {
		if v := np.val("numId"); v != "" {
			numID, has = v, true
		}
		if v := np.val("ilvl"); v != "" {
			lvl, _ = strconv.Atoi(v)
		}
	}
	l := c.numbering[numID]
	if !has || numID == "0" || l == nil {
		return "", false, false, 0, 0, false
	}
	lvl = min(max(lvl, 0), 8)
	lv := l.levels[lvl]
	if !lv.present {
		return "", false, false, 0, 0, false
	}
	key := "a:" + l.abstract
	if l.abstract == "" {
		key = "n:" + numID
	}
	ct := c.counters[key]
	if ct == nil {
		ct = &counter{}
		c.counters[key] = ct
	}
	if !c.numUsed[numID] {
		c.numUsed[numID] = true
		for k, r := range l.restart {
			if r {
				ct.started[k] = false
			}
		}
	}
	label, n = ct.next(l, lvl)
	switch lv.format {
	case "bullet":
		return "", false, true, n, lvl, true
	case "none":
		return "", false, false, n, lvl, label != ""
	}
	own := "%" + strconv.Itoa(lvl+1)
	simple = (lv.format == "decimal" || lv.legal) && (lv.text == own+"." || lv.text == own+")") && n >= 0 && n < 1e9
	return label, simple, false, n, lvl, true
}

func blank(segs []seg) bool {
	for _, s := range segs {
		if s.raw || strings.TrimSpace(s.text) != "" {
			return false
		}
	}
	return true
}

// table reads a table into a block of rows of cells.
func (c *converter) table(t *node) {
	var rows [][][]seg
	c.rows(t, &rows)
	if len(rows) > 0 {
		c.blocks = append(c.blocks, block{kind: bTable, rows: rows})
	}
}

func (c *converter) rows(n *node, rows *[][][]seg) {
	for _, k := range n.kids {
		switch k.name {
		case "tr":
			trPr := k.child("trPr")
			if trPr.child("ins") != nil {
				c.revisions++
			}
			if trPr.child("del") != nil {
				c.revisions++
				continue
			}
			var cells [][]seg
			c.cells(k, &cells)
			*rows = append(*rows, cells)
		case "sdt":
			c.rows(k.child("sdtContent"), rows)
		case "customXml", "sdtContent":
			c.rows(k, rows)
		}
	}
}

func (c *converter) cells(n *node, cells *[][]seg) {
	if n == nil {
		return
	}
	for _, k := range n.kids {
		switch k.name {
		case "tc":
			*cells = append(*cells, c.cellText(k))
			if span, err := strconv.Atoi(k.child("tcPr").val("gridSpan")); err == nil {
				for i := 1; i < min(span, 64); i++ {
					*cells = append(*cells, nil)
				}
			}
		case "sdt":
			c.cells(k.child("sdtContent"), cells)
		case "customXml", "sdtContent":
			c.cells(k, cells)
		}
	}
}

// cellText is the text of a cell's paragraphs (and nested tables), one
// line.
func (c *converter) cellText(n *node) []seg {
	var out []seg
	add := func(s []seg) {
		if blank(s) {
			return
		}
		if len(out) > 0 {
			out = append(out, seg{text: " "})
		}
		out = append(out, s...)
	}
	for _, k := range n.kids {
		switch k.name {
		case "p":
			add(c.inline(k.kids, inlineState{}))
		case "tbl", "tr", "tc", "sdt", "sdtContent", "customXml":
			add(c.cellText(k))
		case "ins", "moveTo":
			c.revisions++
			add(c.cellText(k))
		case "del", "moveFrom":
			c.revisions++
		}
	}
	return out
}
