package html

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/source"
)

// The rendered view shows each block as the document reads: paragraphs
// with their inline Markdown, lists as <ol> and <ul> with their numbers and
// nesting, tables as <table>, code in <pre> with a mark on each changed
// line. The markup that the block text leaves out (list markers, table
// alignment, definition lists) is read from the drafts' lines when the
// caller gives them (Options.Sources).

// renderedBody writes the blocks of section i in the rendered view.
func (r *renderer) renderedBody(i int, whole bool) {
	blocks := r.res.Sections[i].Blocks
	for j := 0; j < len(blocks); {
		if r.hidden(j) {
			j = r.blockGap(i, j)
			continue
		}
		switch blocks[j].Kind {
		case "list_item":
			j = r.list(i, j, whole)
		case "table_row":
			j = r.table(i, j, whole)
		default:
			r.renderedBlock(i, j, whole)
			j++
		}
	}
}

// blockLine is the draft line where block j of section i starts, on its
// new side, or its old side when it has no new one.
func (r *renderer) blockLine(i, j int, offset int) (string, bool) {
	s := &r.res.Sections[i]
	b := &s.Blocks[j]
	if hasNew(b) && b.NewLine > 0 && s.New != nil {
		return r.opt.Sources.Line(false, s.New.File, b.NewLine+offset)
	}
	if b.OldLine > 0 && s.Old != nil {
		return r.opt.Sources.Line(true, s.Old.File, b.OldLine+offset)
	}
	return "", false
}

// openBlock writes the start of block j's element and its paragraph
// number.
func (r *renderer) openBlock(tag, extra, attrs string, i, j int, whole, nav bool) {
	b := &r.res.Sections[i].Blocks[j]
	p := &r.secs[i].blocks[j]
	r.near = nearChanges(r.res.Sections[i].Blocks, j)
	switch {
	case !r.opt.ChangedOnly || b.Kind == "table_row" || b.Kind == "code":
		// a table is shown whole, and code by its lines
	case shownByFirstWords(b):
		r.near = firstWords
	case isRewritten(b.Ops):
		r.near = rewritten
	}
	r.raw("<")
	r.raw(tag)
	r.raw(" class=\"b ")
	writeBlockClass(r.w, b, whole, nav)
	if extra != "" {
		r.raw(" ")
		r.raw(extra)
	}
	r.raw("\"")
	r.raw(attrs)
	if nav {
		r.raw(" id=\"")
		r.text(p.anchor + r.sfx)
		r.raw("\"")
	}
	r.raw(">")
	switch {
	case nav && tag == "tr":
		// a row holds only cells: its number goes in the first one
		r.rowPara = p
	case nav:
		r.paraLink(p)
	}
}

// shownByFirstWords reports whether a page of changes only shows block b
// by its first words: a moved block where it left, as the other end shows
// its words, and where it arrived when its words did not change.
func shownByFirstWords(b *redline.BlockDiff) bool {
	if b.MovedTo != "" {
		return true
	}
	if b.MovedFrom == "" {
		return false
	}
	for _, o := range b.Ops {
		if o.Op != redline.Equal {
			return false
		}
	}
	return true
}

// writeBlockClass writes a block's classes after "b": its kind, its
// status, the end of a move it is, and whether it is a stop of the change
// navigation (chg) or has a change bar only (cb, a block of a section added
// or deleted as a whole).
func writeBlockClass(w io.StringWriter, b *redline.BlockDiff, whole, nav bool) {
	st := blockClass(b)
	w.WriteString("k-")
	w.WriteString(kindClass(b.Kind))
	w.WriteString(" ")
	w.WriteString(st)
	switch {
	case b.MovedTo != "":
		w.WriteString(" mv-out")
	case b.MovedFrom != "":
		w.WriteString(" mv-in")
	}
	switch {
	case st == "same" || !nav:
	case whole:
		w.WriteString(" cb")
	default:
		w.WriteString(" chg")
	}
}

// nearChanges says on which sides of block j a change lies; the heading
// counts as one before the first block.
func nearChanges(blocks []redline.BlockDiff, j int) nearby {
	var c nearby
	if j == 0 || blockClass(&blocks[j-1]) != "same" {
		c |= changeBefore
	}
	if j+1 < len(blocks) && blockClass(&blocks[j+1]) != "same" {
		c |= changeAfter
	}
	return c
}

// paraLink writes a block's paragraph number, a link to itself. Its text
// is its name, as a reader sees it ("¶3", "was ¶3"), which the legend
// explains once for the page. On a page of changes only the link has no
// target in the markup: the page's script sets it from the block's id when
// the page opens, which spares the page a second copy of every anchor (a
// third of its markup), and without scripts the number is plain text. The
// full page, whose blocks are many more, writes the target so that it
// opens without a pass over them.
func (r *renderer) paraLink(p *blockPlan) {
	if r.opt.ChangedOnly {
		r.raw("<a class=\"pn")
	} else {
		r.raw("<a class=\"pn\" href=\"#")
		r.text(p.anchor + r.sfx)
	}
	if p.old {
		r.raw("\">was \u00b6")
	} else {
		r.raw("\">\u00b6")
	}
	r.int(p.para)
	r.raw("</a>")
}

// renderedBlock writes a paragraph, quote, code block, raw HTML block or
// rule.
func (r *renderer) renderedBlock(i, j int, whole bool) {
	b := &r.res.Sections[i].Blocks[j]
	r.openBlock("div", "", "", i, j, whole, true)
	dl := false
	if b.Kind == "paragraph" {
		if next, ok := r.blockLine(i, j, 1); ok && strings.HasPrefix(strings.TrimLeft(next, " "), ": ") {
			dl = true
		}
	}
	lay := r.layout(b)
	for _, p := range lay.parts() {
		switch p.kind {
		case textPart:
			r.content(b, dl, p.class, p.mode)
		case movePart:
			r.moveNote(i, b, p.out, p.class)
		default:
			r.emptyColumn(p.class)
		}
	}
	r.raw("</div>\n")
}

// content writes one block's text, rendered, in an element of class cls.
func (r *renderer) content(b *redline.BlockDiff, dl bool, cls string, mode int) {
	switch b.Kind {
	case "code":
		r.raw("<pre class=\"")
		r.raw(cls)
		r.raw("\"><code>")
		r.codeLines(trimFences(b.Ops), mode)
		r.raw("</code></pre>")
	case "html":
		r.textElem("pre", cls, b.Ops, mode)
	case "thematic_break":
		r.raw("<div class=\"")
		r.raw(cls)
		r.raw("\"><hr></div>")
	case "paragraph":
		if tableLine(b.Ops) {
			// a line of cell dashes that stands apart from a table's
			// rows is a line drawn across the table (kramdown), not text
			r.raw("<div class=\"")
			r.raw(cls)
			r.raw("\"><hr class=\"tl\"></div>")
			return
		}
		r.paragraph(b, dl, cls, mode)
	case "quote":
		r.raw("<blockquote class=\"")
		r.raw(cls)
		r.raw("\"><p dir=\"auto\">")
		notes := r.renderedOps(b.Ops, mode)
		r.raw("</p>")
		r.fmtNotes(notes)
		r.raw("</blockquote>")
	default:
		r.paragraph(b, dl, cls, mode)
	}
}

// paragraph writes a paragraph, or a definition list when dl is set.
func (r *renderer) paragraph(b *redline.BlockDiff, dl bool, cls string, mode int) {
	if dl {
		r.defList(b.Ops, cls, mode)
		return
	}
	r.raw("<p class=\"")
	r.raw(cls)
	r.raw("\" dir=\"auto\">")
	notes := r.renderedOps(b.Ops, mode)
	r.raw("</p>")
	r.fmtNotes(notes)
}

// tableLine reports whether a paragraph is, on both sides, one line of
// table cell dashes ("| --- | :-: |") with at least one pipe.
func tableLine(ops []redline.Op) bool {
	// an ASCII byte that no delimiter row holds, in any op, is on a side
	// that is then no delimiter row (most paragraphs stop at their first
	// letter here)
	for _, o := range ops {
		for k := 0; k < len(o.Text); k++ {
			if c := o.Text[k]; c < utf8.RuneSelf && strings.IndexByte("|:- \t\v\f\r", c) < 0 {
				return false
			}
		}
	}
	seen := false
	for _, side := range []redline.OpKind{redline.Delete, redline.Insert} {
		var b strings.Builder
		for _, o := range ops {
			if o.Op == redline.Equal || o.Op == side {
				b.WriteString(o.Text)
			}
		}
		t := b.String()
		if t == "" {
			continue
		}
		if _, ok := source.ParseDelimiterRow(t); !ok || !strings.Contains(t, "|") || strings.Contains(t, "\n") {
			return false
		}
		seen = true
	}
	return seen
}

// fmtNotes writes the notes on changes of format.
func (r *renderer) fmtNotes(notes []string) {
	if len(notes) == 0 {
		return
	}
	r.raw("<p class=\"fmn\">")
	for k, n := range notes {
		if k > 0 {
			r.raw("; ")
		}
		r.iso(n)
	}
	r.raw("</p>")
}

// defList writes a definition list: the term, then each definition, which
// the block text joins with " : ".
func (r *renderer) defList(ops []redline.Op, cls string, mode int) {
	parts := splitOps(ops, " : ")
	r.raw("<dl class=\"")
	r.raw(cls)
	r.raw("\">")
	var notes []string
	for k, p := range parts {
		if k == 0 {
			r.raw("<dt dir=\"auto\">")
		} else {
			r.raw("<dd dir=\"auto\">")
		}
		notes = append(notes, r.renderedOps(p, mode)...)
		if k == 0 {
			r.raw("</dt>")
		} else {
			r.raw("</dd>")
		}
	}
	if len(parts) == 1 {
		r.raw("<dd></dd>")
	}
	r.raw("</dl>")
	r.fmtNotes(notes)
}

// splitOps cuts ops at each occurrence of sep inside one op, dropping sep.
func splitOps(ops []redline.Op, sep string) [][]redline.Op {
	var out [][]redline.Op
	var cur []redline.Op
	for _, o := range ops {
		t := o.Text
		for {
			k := strings.Index(t, sep)
			if k < 0 {
				break
			}
			if k > 0 {
				cur = append(cur, redline.Op{Op: o.Op, Text: t[:k]})
			}
			out = append(out, cur)
			cur = nil
			t = t[k+len(sep):]
		}
		if t != "" {
			cur = append(cur, redline.Op{Op: o.Op, Text: t})
		}
	}
	return append(out, cur)
}

// codeLines writes a code block line by line; a line that was inserted,
// deleted or changed gets a mark in the margin.
func (r *renderer) codeLines(ops []redline.Op, mode int) {
	var line []redline.Op
	emit := func() {
		r.codeLine(line, mode)
		line = line[:0]
	}
	for _, o := range ops {
		t := o.Text
		for {
			k := strings.IndexByte(t, '\n')
			if k < 0 {
				break
			}
			if k > 0 {
				line = append(line, redline.Op{Op: o.Op, Text: t[:k]})
			} else if len(line) == 0 {
				line = append(line, redline.Op{Op: o.Op, Text: ""})
			}
			emit()
			t = t[k+1:]
		}
		if t != "" {
			line = append(line, redline.Op{Op: o.Op, Text: t})
		}
	}
	if len(line) > 0 {
		emit()
	}
}

// codeLine writes one line of a code block, with its mark in the margin,
// unless mode does not show the line at all.
func (r *renderer) codeLine(line []redline.Op, mode int) {
	ins, del, eq := lineKinds(line)
	cls, hidden := lineMark(mode, ins, del, eq)
	if hidden {
		return
	}
	r.raw("<span class=\"ln")
	r.raw(cls)
	r.raw("\">")
	r.opsText(line, mode)
	// the line end inside the line's element, so that a block line
	// adds no empty line and copied text keeps its lines
	r.raw("\n</span>")
}

// lineKinds reports whether a code line holds inserted, deleted and
// unchanged text.
func lineKinds(line []redline.Op) (ins, del, eq bool) {
	for _, s := range line {
		switch s.Op {
		case redline.Insert:
			ins = true
		case redline.Delete:
			del = true
		default:
			eq = true
		}
	}
	return ins, del, eq
}

// lineMark is the class of a code line's margin mark in mode, and whether
// the line is hidden in mode: a line that is all deleted in the new text,
// or all inserted in the old one.
func lineMark(mode int, ins, del, eq bool) (cls string, hidden bool) {
	if mode == opsNew && !ins && !eq && del || (mode == opsOld || mode == opsOldPlain) && !del && !eq && ins {
		return "", true
	}
	switch {
	case mode == opsOldPlain:
	case ins && !del && !eq:
		cls = " la"
	case del && !ins && !eq:
		cls = " ld"
	case mode == opsBoth && (ins || del), mode == opsNew && ins, mode == opsOld && del:
		cls = " lm"
	}
	return cls, false
}

// opsText writes ops as plain text with <ins> and <del>, as mode says.
func (r *renderer) opsText(ops []redline.Op, mode int) {
	for _, o := range ops {
		switch o.Op {
		case redline.Equal:
			r.text(o.Text)
		case redline.Insert:
			if mode == opsBoth || mode == opsNew {
				r.raw("<ins>")
				r.text(o.Text)
				r.raw("</ins>")
			}
		case redline.Delete:
			switch mode {
			case opsBoth, opsOld:
				r.raw("<del>")
				r.text(o.Text)
				r.raw("</del>")
			case opsOldPlain:
				r.text(o.Text)
			}
		}
	}
}

// list writes the run of list items that starts at block j, nested by
// their indentation, and returns the index after it.
func (r *renderer) list(i, j int, whole bool) int {
	blocks := r.res.Sections[i].Blocks
	type level struct {
		indent  int
		ordered bool
	}
	var stack []level
	closeList := func() {
		if stack[len(stack)-1].ordered {
			r.raw("</li></ol>\n")
		} else {
			r.raw("</li></ul>\n")
		}
		stack = stack[:len(stack)-1]
	}
	openList := func(m source.ListMarker) {
		if m.Ordered {
			r.raw("<ol class=\"rl\">\n")
		} else {
			r.raw("<ul class=\"rl\">\n")
		}
		stack = append(stack, level{m.Indent, m.Ordered})
	}
	k := j
	for ; k < len(blocks) && blocks[k].Kind == "list_item" && !r.hidden(k); k++ {
		m := source.ListMarker{Marker: "-"}
		if line, ok := r.blockLine(i, k, 0); ok {
			if lm, ok := source.ParseListLine(line); ok {
				m = lm
			}
		}
		for len(stack) > 0 && stack[len(stack)-1].indent > m.Indent {
			closeList()
		}
		switch {
		case len(stack) > 0 && stack[len(stack)-1].indent == m.Indent && stack[len(stack)-1].ordered == m.Ordered:
			r.raw("</li>\n")
		case len(stack) > 0 && stack[len(stack)-1].indent == m.Indent:
			closeList()
			openList(m)
		default:
			openList(m)
		}
		extra := "d" + strconv.Itoa(min(len(stack), 6))
		attrs := ""
		if m.Ordered {
			// the number as written
			attrs = " value=\"" + strconv.Itoa(m.Number) + "\""
		}
		r.openBlock("li", extra, attrs, i, k, whole, true)
		r.listItem(i, k, m)
	}
	for len(stack) > 0 {
		closeList()
	}
	return k
}

// listItem writes the content of list item k of section i.
func (r *renderer) listItem(i, k int, m source.ListMarker) {
	b := &r.res.Sections[i].Blocks[k]
	sbs := r.opt.Layout == SideBySide
	if sbs {
		r.raw("<div class=\"sb\">")
	}
	lay := r.layout(b)
	for _, p := range lay.parts() {
		switch p.kind {
		case textPart:
			r.liText(b, p.class, p.mode)
		case movePart:
			r.moveNote(i, b, p.out, p.class)
		default:
			r.emptyColumn(p.class)
		}
	}
	if sbs {
		r.raw("</div>")
	}
}

func (r *renderer) liText(b *redline.BlockDiff, cls string, mode int) {
	r.raw("<p class=\"")
	r.raw(cls)
	r.raw("\" dir=\"auto\">")
	notes := r.renderedOps(b.Ops, mode)
	r.raw("</p>")
	r.fmtNotes(notes)
}
