package docx

import (
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/inline"
)

// A block's ops interleave its old text (equal and delete ops) and its new
// text (equal and insert ops). Each side is read for inline Markdown on its
// own; then every byte of the ops is placed: shown on both sides, only on
// the old or only on the new, with the formatting and link of its side.
// Consecutive bytes that share all of that make one segment, which becomes
// one run.

// segKind is where a segment's text belongs.
type segKind uint8

const (
	segEqual segKind = iota // both sides
	segIns                  // the new side only
	segDel                  // the old side only
)

// seg is one run of text of a block.
type seg struct {
	kind segKind
	text string
	f    inline.Style // formatting on its side (the new side for equal text)
	oldF inline.Style // equal text: the formatting on the old side
	href string
}

// textFilter rewrites a side's text before it is read for inline Markdown
// (hiding fence lines of code, for instance). It returns, for each byte, true
// when the byte is markup of the block rather than text.
type textFilter func(side string) []bool

// segments turns ops into segments. With plain set the text is shown as
// written (code), else read as inline Markdown. filter, when not nil,
// hides further bytes of each side.
func segments(ops []redline.Op, plain bool, filter textFilter) []seg {
	var ob, nb strings.Builder
	for _, o := range ops {
		switch o.Op {
		case redline.Equal:
			ob.WriteString(o.Text)
			nb.WriteString(o.Text)
		case redline.Delete:
			ob.WriteString(o.Text)
		case redline.Insert:
			nb.WriteString(o.Text)
		}
	}
	old, nw := ob.String(), nb.String()
	oi, ni := readSide(old, plain, filter), readSide(nw, plain, filter)
	var out []seg
	var cur seg
	var buf strings.Builder
	flush := func() {
		if buf.Len() > 0 {
			cur.text = buf.String()
			out = append(out, cur)
			buf.Reset()
		}
	}
	add := func(s seg, text string) {
		if buf.Len() > 0 && (s.kind != cur.kind || s.f != cur.f || s.oldF != cur.oldF || s.href != cur.href) {
			flush()
		}
		if buf.Len() == 0 {
			cur = s
		}
		buf.WriteString(text)
	}
	po, pn := 0, 0
	for _, o := range ops {
		for k := 0; k < len(o.Text); k++ {
			switch o.Op {
			case redline.Equal:
				vo, vn := visible(oi, po), visible(ni, pn)
				switch {
				case vo && vn:
					add(seg{kind: segEqual, f: ni.Style[pn], oldF: oi.Style[po], href: ni.Link(pn)}, ni.Text(pn))
				case vn:
					add(seg{kind: segIns, f: ni.Style[pn], href: ni.Link(pn)}, ni.Text(pn))
				case vo:
					add(seg{kind: segDel, f: oi.Style[po], href: oi.Link(po)}, oi.Text(po))
				}
				po++
				pn++
			case redline.Delete:
				if visible(oi, po) {
					add(seg{kind: segDel, f: oi.Style[po], href: oi.Link(po)}, oi.Text(po))
				}
				po++
			case redline.Insert:
				if visible(ni, pn) {
					add(seg{kind: segIns, f: ni.Style[pn], href: ni.Link(pn)}, ni.Text(pn))
				}
				pn++
			}
		}
	}
	flush()
	return out
}

func readSide(s string, plain bool, filter textFilter) *inline.Reading {
	var in *inline.Reading
	if plain {
		in = inline.Plain(s, inline.Code)
	} else {
		in = inline.Parse(s, 0)
	}
	if filter != nil {
		h := filter(s)
		for i := range h {
			if i < len(in.Markup) && h[i] {
				in.Markup[i] = true
			}
		}
	}
	return in
}

func visible(in *inline.Reading, i int) bool { return i < len(in.Markup) && !in.Markup[i] }
