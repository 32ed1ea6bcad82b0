package html

import (
	"strings"

	"github.com/codraft/codraft/internal/redline"
)

// The source view of a changed section, when the page opens in the
// rendered view, is carried as data: one attribute (data-sv) on an empty
// <div class="body sv two"> holding the section's blocks as JSON, which
// the page's script turns into elements only when the reader first
// switches to the source view. The browser then parses no element of it
// while the page opens; as elements in a <template> it cost about as much
// to parse as the rendered view itself.
//
// The JSON is an array with one entry per block:
//
//	[classes, anchor, para, part...]
//
// classes follow "b " on the block's element; anchor is the block's anchor
// less its section's (the section's anchor, the anchor and "-v" make its
// id); para is its paragraph number, negative for a paragraph of the old
// round ("was ¶3"). Each part is one of
//
//	["p"|"pre"|"q", class, run...]       the text in <p>, <pre> or <blockquote>
//	["m", class, verb, href, label, arrow]  a move note; href "" is no link
//	["e", class]                          an empty column of the side-by-side layout
//
// and each run is a string whose first character says how it shows: ' '
// as text, '+' inserted (<ins>), '-' deleted (<del>). The script builds
// every element itself from this fixed set and puts draft text in with
// textContent only, so the data can hold no markup; links it makes are
// fragments of the page.

// sourceData writes section i's source view as data, for the script to
// build when the reader switches to it.
func (r *renderer) sourceData(i int) {
	s := &r.res.Sections[i]
	whole := s.Status == redline.Added || s.Status == redline.Deleted
	sec := r.secs[i].anchor
	r.raw("<div class=\"body sv two\" data-sv='[")
	for j := range s.Blocks {
		if j > 0 {
			r.raw(",")
		}
		b := &s.Blocks[j]
		p := &r.secs[i].blocks[j]
		r.raw("[\"")
		writeBlockClass(r.w, b, whole, true)
		r.raw("\",")
		r.jstr(strings.TrimPrefix(p.anchor, sec))
		r.raw(",")
		if p.old {
			r.raw("-")
		}
		r.int(p.para)
		r.blockData(i, b)
		r.raw("]")
	}
	r.raw("]'></div>\n")
}

// blockData writes the parts of block b of section i, as block writes
// them in the source view.
func (r *renderer) blockData(i int, b *redline.BlockDiff) {
	tag := "p"
	switch textTag(b.Kind) {
	case "pre":
		tag = "pre"
	case "blockquote":
		tag = "q"
	}
	if b.Kind == "code" {
		cb := *b
		cb.Ops = trimFences(b.Ops)
		b = &cb
	}
	lay := r.layout(b)
	for _, p := range lay.parts() {
		switch p.kind {
		case textPart:
			r.textData(tag, p.class, b.Ops, p.mode)
		case movePart:
			r.moveData(i, b, p.out, p.class)
		default:
			r.raw(",[\"e\",\"")
			r.raw(p.class)
			r.raw("\"]")
		}
	}
}

// moveData writes a move note as data.
func (r *renderer) moveData(i int, b *redline.BlockDiff, out bool, class string) {
	m := r.moveTarget(i, b, out)
	r.raw(",[\"m\",\"")
	r.raw(class)
	r.raw("\",")
	r.jstr(m.verb)
	r.raw(",")
	r.jstr(m.href)
	r.raw(",")
	r.jstr(m.label)
	r.raw(",")
	r.jstr(m.arrow)
	r.raw("]")
}

// textData writes a text element as data, its runs as textElem shows them
// in mode.
func (r *renderer) textData(tag, class string, ops []redline.Op, mode int) {
	r.raw(",[\"")
	r.raw(tag)
	r.raw("\",\"")
	r.raw(class)
	r.raw("\"")
	open := byte(0) // the mark of the run being written, 0 before the first
	for _, o := range ops {
		if o.Text == "" {
			continue
		}
		mark := byte(' ')
		switch o.Op {
		case redline.Insert:
			if mode != opsBoth && mode != opsNew {
				continue
			}
			mark = '+'
		case redline.Delete:
			switch mode {
			case opsBoth, opsOld:
				mark = '-'
			case opsNew:
				continue
			}
		}
		// a run goes on where the one before has the same mark
		if mark != open {
			if open != 0 {
				r.raw("\"")
			}
			r.raw(",\"")
			r.w.WriteByte(mark)
			open = mark
		}
		r.jesc(o.Text)
	}
	if open != 0 {
		r.raw("\"")
	}
	r.raw("]")
}

// jstr writes s as a JSON string inside a single-quoted attribute value.
func (r *renderer) jstr(s string) {
	r.raw("\"")
	r.jesc(s)
	r.raw("\"")
}
