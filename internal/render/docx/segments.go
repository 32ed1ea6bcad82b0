package docx

import (
	"strings"

	"github.com/codraft/codraft/internal/redline"
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
	f    uint8 // formatting on its side (the new side for equal text)
	oldF uint8 // equal text: the formatting on the old side
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
				vo, vn := oi.visible(po), ni.visible(pn)
				switch {
				case vo && vn:
					add(seg{kind: segEqual, f: ni.fmt[pn], oldF: oi.fmt[po], href: ni.href(pn)}, ni.textAt(nw, pn))
				case vn:
					add(seg{kind: segIns, f: ni.fmt[pn], href: ni.href(pn)}, ni.textAt(nw, pn))
				case vo:
					add(seg{kind: segDel, f: oi.fmt[po], href: oi.href(po)}, oi.textAt(old, po))
				}
				po++
				pn++
			case redline.Delete:
				if oi.visible(po) {
					add(seg{kind: segDel, f: oi.fmt[po], href: oi.href(po)}, oi.textAt(old, po))
				}
				po++
			case redline.Insert:
				if ni.visible(pn) {
					add(seg{kind: segIns, f: ni.fmt[pn], href: ni.href(pn)}, ni.textAt(nw, pn))
				}
				pn++
			}
		}
	}
	flush()
	return out
}

func readSide(s string, plain bool, filter textFilter) *inline {
	var in *inline
	if plain {
		in = &inline{hide: make([]bool, len(s)), fmt: make([]uint8, len(s)), link: make([]int32, len(s))}
		for i := range in.fmt {
			in.fmt[i] = fCode
		}
	} else {
		in = parseInline(s)
	}
	if filter != nil {
		h := filter(s)
		for i := range h {
			if i < len(in.hide) && h[i] {
				in.hide[i] = true
			}
		}
	}
	return in
}

func (in *inline) visible(i int) bool { return i < len(in.hide) && !in.hide[i] }

func (in *inline) href(i int) string {
	if k := in.link[i]; k > 0 {
		return in.links[k-1]
	}
	return ""
}

// textAt is what byte i of s shows: itself, or an entity's text.
func (in *inline) textAt(s string, i int) string {
	if t, ok := in.sub[i]; ok {
		return t
	}
	return s[i : i+1]
}
