package docx

import (
	"strings"

	"github.com/codraft/codraft/internal/render/inline"
)

// mode says how a paragraph's segments become revisions.
type mode uint8

const (
	modeNormal   mode = iota // equal as is, inserted as w:ins, deleted as w:del
	modeAdded                // everything shown is inserted
	modeDeleted              // everything shown is deleted
	modeMoveFrom             // the old text, moved away
	modeMoveTo               // the new text, moved here: equal as moved, inserted as w:ins
)

// wrap is the revision element around a run.
type wrap uint8

const (
	wrapNone wrap = iota
	wrapIns
	wrapDel
	wrapMoveFrom
	wrapMoveTo
	wrapSkip // not shown in this mode
)

var wrapTag = [...]string{"", "w:ins", "w:del", "w:moveFrom", "w:moveTo"}

// wrapOf places a segment of the given kind in a mode.
func wrapOf(m mode, k segKind) wrap {
	switch m {
	case modeAdded:
		if k == segDel {
			return wrapSkip
		}
		return wrapIns
	case modeDeleted:
		if k == segIns {
			return wrapSkip
		}
		return wrapDel
	case modeMoveFrom:
		if k == segIns {
			return wrapSkip
		}
		return wrapMoveFrom
	case modeMoveTo:
		switch k {
		case segDel:
			return wrapSkip
		case segIns:
			return wrapIns
		}
		return wrapMoveTo
	}
	switch k {
	case segIns:
		return wrapIns
	case segDel:
		return wrapDel
	}
	return wrapNone
}

// rangeMark opens or closes a move range in a paragraph.
type rangeMark struct {
	from bool   // moveFrom, else moveTo
	name string // the move's name, shared by both ends (on the start)
	id   string // set when the start is written; the end repeats it
}

// para is one paragraph to write.
type para struct {
	style    string
	oldStyle string // a changed style (a heading's level), or ""
	numID    int
	ilvl     int
	segs     []seg
	mode     mode
	// mark is the revision of the paragraph mark (wrapNone for none).
	mark       wrap
	rangeStart *rangeMark
	rangeEnd   *rangeMark
	pageBreak  bool
	// bookmark names the paragraph, a heading with an id of its own
	bookmark string
}

// paragraph writes p.
func (w *writer) paragraph(p *para) {
	b := w.b
	b.WriteString(`<w:p>`)
	w.pPr(p)
	if r := p.rangeStart; r != nil {
		r.id = w.nextID()
		b.WriteString(`<w:` + rangeTag(r.from) + `RangeStart w:id="` + r.id + `" w:name="`)
		escapeAttr(b, r.name)
		b.WriteString(`" w:author="`)
		escapeAttr(b, w.author)
		b.WriteString(`"`)
		if w.date != "" {
			b.WriteString(` w:date="` + w.date + `"`)
		}
		b.WriteString(`/>`)
	}
	mark := ""
	if p.bookmark != "" {
		mark = w.nextID()
		b.WriteString(`<w:bookmarkStart w:id="` + mark + `" w:name="`)
		escapeAttr(b, p.bookmark)
		b.WriteString(`"/>`)
	}
	w.runs(p.segs, p.mode)
	if mark != "" {
		b.WriteString(`<w:bookmarkEnd w:id="` + mark + `"/>`)
	}
	if p.pageBreak {
		b.WriteString(`<w:r><w:br w:type="page"/></w:r>`)
	}
	if r := p.rangeEnd; r != nil && r.id != "" {
		b.WriteString(`<w:` + rangeTag(r.from) + `RangeEnd w:id="` + r.id + `"/>`)
	}
	b.WriteString(`</w:p>`)
}

func rangeTag(from bool) string {
	if from {
		return "moveFrom"
	}
	return "moveTo"
}

func (w *writer) pPr(p *para) {
	b := w.b
	if p.style == "" && p.numID == 0 && p.mark == wrapNone && p.oldStyle == "" {
		return
	}
	b.WriteString(`<w:pPr>`)
	if p.style != "" {
		b.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
	}
	if p.numID > 0 {
		b.WriteString(`<w:numPr><w:ilvl w:val="` + itoa(p.ilvl) + `"/><w:numId w:val="` + itoa(p.numID) + `"/></w:numPr>`)
	}
	if p.mark != wrapNone && p.mark != wrapSkip {
		b.WriteString(`<w:rPr><` + wrapTag[p.mark])
		w.revAttrs()
		b.WriteString(`/></w:rPr>`)
	}
	if p.oldStyle != "" && p.oldStyle != p.style {
		b.WriteString(`<w:pPrChange`)
		w.revAttrs()
		b.WriteString(`><w:pPr><w:pStyle w:val="` + p.oldStyle + `"/></w:pPr></w:pPrChange>`)
	}
	b.WriteString(`</w:pPr>`)
}

// runs writes segments: links as w:hyperlink around their runs, and each
// stretch of one revision kind in one revision element.
func (w *writer) runs(ss []seg, m mode) {
	for i := 0; i < len(ss); {
		j := i + 1
		for j < len(ss) && ss[j].href == ss[i].href {
			j++
		}
		if ss[i].href != "" {
			w.b.WriteString(`<w:hyperlink r:id="` + w.linkID(ss[i].href) + `">`)
			w.wrapped(ss[i:j], m)
			w.b.WriteString(`</w:hyperlink>`)
		} else {
			w.wrapped(ss[i:j], m)
		}
		i = j
	}
}

func (w *writer) wrapped(ss []seg, m mode) {
	for i := 0; i < len(ss); {
		k := wrapOf(m, ss[i].kind)
		j := i + 1
		for j < len(ss) && wrapOf(m, ss[j].kind) == k {
			j++
		}
		if k != wrapSkip {
			if k != wrapNone {
				w.b.WriteString(`<` + wrapTag[k])
				w.revAttrs()
				w.b.WriteString(`>`)
			}
			for _, s := range ss[i:j] {
				w.run(s, k)
			}
			if k != wrapNone {
				w.b.WriteString(`</` + wrapTag[k] + `>`)
			}
		}
		i = j
	}
}

// run writes one run; deleted text is w:delText.
func (w *writer) run(s seg, k wrap) {
	if s.text == "" {
		return
	}
	b := w.b
	b.WriteString(`<w:r>`)
	changed := s.kind == segEqual && s.oldF != s.f && k != wrapMoveFrom && k != wrapDel
	if s.f != 0 || s.href != "" || changed {
		b.WriteString(`<w:rPr>`)
		rProps(b, s.f, s.href != "")
		if changed {
			b.WriteString(`<w:rPrChange`)
			w.revAttrs()
			b.WriteString(`><w:rPr>`)
			rProps(b, s.oldF, s.href != "")
			b.WriteString(`</w:rPr></w:rPrChange>`)
		}
		b.WriteString(`</w:rPr>`)
	}
	tag := "w:t"
	if k == wrapDel {
		tag = "w:delText"
	}
	text := s.text
	for text != "" {
		i := strings.IndexAny(text, "\t\n")
		if i < 0 {
			i = len(text)
		}
		if i > 0 {
			b.WriteString(`<` + tag + ` xml:space="preserve">`)
			escapeText(b, text[:i])
			b.WriteString(`</` + tag + `>`)
		}
		if i < len(text) {
			if text[i] == '\t' {
				b.WriteString(`<w:tab/>`)
			} else {
				b.WriteString(`<w:br/>`)
			}
			i++
		}
		text = text[i:]
	}
	b.WriteString(`</w:r>`)
}

// rProps writes run properties in the schema's order.
func rProps(b *strings.Builder, f inline.Style, link bool) {
	switch {
	case f&inline.Code != 0:
		b.WriteString(`<w:rStyle w:val="` + styleVerbatim + `"/>`)
	case link:
		b.WriteString(`<w:rStyle w:val="` + styleLink + `"/>`)
	}
	if f&inline.Strong != 0 {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	if f&inline.Em != 0 {
		b.WriteString(`<w:i/><w:iCs/>`)
	}
	if f&inline.Strike != 0 {
		b.WriteString(`<w:strike/>`)
	}
}
