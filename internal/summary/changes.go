package summary

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
)

// change is a block that both rounds keep and whose words changed: its two
// texts, its hunks, and each hunk trimmed to the words that differ.
type change struct {
	kind  string
	al    aligned
	edits []edit
	// oldP and newP are al.old and al.new as the obligation rules read
	// them.
	oldP, newP *prose
}

// edit is one hunk of a change, trimmed of the words both sides share, so
// that a block replaced whole still shows only the words that differ. An
// empty side is an insertion point.
type edit struct {
	hunk     // the hunk as the redline has it
	old, new span
	// isolated is true when the words on one side of the hunk are mostly
	// equal (or it starts or ends the block): a change inside a phrase
	// kept, not a piece of a rewritten sentence.
	isolated bool
	// nums is what each side holds of numbers when both sides hold
	// words: the quantity and reference rules read it.
	nums *[2]numbersAt
}

// isolation is how many words on each side of a hunk are looked at to
// tell whether it is isolated.
const isolation = 6

// wholeBlock is a block deleted or inserted whole (not moved): its kind and
// text.
type wholeBlock struct {
	kind, text string
	p          *prose // text as the obligation rules read it
}

// sectionText is what the rules read of one section: the changed blocks,
// and the blocks deleted and inserted whole.
type sectionText struct {
	changes           []change
	deleted, inserted []wholeBlock
}

// readable reports whether the rules read a block of this kind: code, raw
// HTML and breaks hold no prose.
func readable(kind string) bool {
	return kind != "code" && kind != "html" && kind != "thematic_break"
}

// attributeList matches a kramdown attribute list standing as a block:
// `{: #fig-data title="DATA frame"}`, markup that is never read as text.
var attributeList = lazy(`^\s*\{:[^{}]*\}\s*$`)

// attributes reports whether a block is an attribute list on both sides.
func attributes(ops []redline.Op) bool {
	// an attribute list opens with "{:" on both sides: without one among
	// the ops there is none
	mark := false
	for _, op := range ops {
		if strings.Contains(op.Text, "{:") || strings.HasSuffix(op.Text, "{") {
			mark = true
			break
		}
	}
	if !mark {
		return false
	}
	return attributeList.MatchString(sideText(ops, redline.Delete)) && attributeList.MatchString(sideText(ops, redline.Insert))
}

// pairWords is the most words a deleted block and the inserted block right
// after it may differ by, on each side, to be read as one block changed.
const pairWords = 8

// readSection collects what the rules read of sd. Moved text never fires a
// rule, but the words edited inside it do: a moved block is read once, at
// the end where it arrived, as a block changed by those edits (and one
// moved unedited holds none). A paragraph split in two or two merged into
// one is read the same way.
func readSection(sd *redline.SectionDiff) sectionText {
	var st sectionText
	bs := sd.Blocks
	// room for as many as there may be: a change for each block modified,
	// moved in or deleted (paired with the next), a deleted and an
	// inserted block for each deleted and added one
	changes, deleted, added := 0, 0, 0
	for i := range bs {
		switch {
		case bs[i].MovedFrom != "" || bs[i].Status == redline.Modified:
			changes++
		case bs[i].Status == redline.Deleted:
			changes++
			deleted++
		case bs[i].Status == redline.Added:
			added++
		}
	}
	if changes > 0 {
		st.changes = make([]change, 0, changes)
	}
	if deleted > 0 {
		st.deleted = make([]wholeBlock, 0, deleted)
	}
	if added > 0 {
		st.inserted = make([]wholeBlock, 0, added)
	}
	for i := 0; i < len(bs); i++ {
		b := &bs[i]
		if b.MovedFrom != "" && readable(b.Kind) && !attributes(b.Ops) && keptAny(b.Ops) {
			if ch, ok := changeOf(b.Kind, b.Ops); ok {
				st.changes = append(st.changes, ch)
			}
			continue
		}
		if !readable(b.Kind) || b.MovedFrom != "" || b.MovedTo != "" || b.Status == redline.Moved || attributes(b.Ops) {
			continue
		}
		switch b.Status {
		case redline.Modified:
			if ch, ok := changeOf(b.Kind, b.Ops); ok {
				st.changes = append(st.changes, ch)
			}
		case redline.Deleted:
			old := sideText(b.Ops, redline.Delete)
			if i+1 < len(bs) && bs[i+1].Status == redline.Added && bs[i+1].Kind == b.Kind && bs[i+1].MovedFrom == "" {
				if ch, ok := pairChange(b.Kind, old, sideText(bs[i+1].Ops, redline.Insert)); ok {
					st.changes = append(st.changes, ch)
					i++
					continue
				}
			}
			st.deleted = append(st.deleted, wholeBlock{b.Kind, old, newProse(old)})
		case redline.Added:
			ins := sideText(b.Ops, redline.Insert)
			st.inserted = append(st.inserted, wholeBlock{b.Kind, ins, newProse(ins)})
		}
	}
	return st
}

// keptAny reports whether ops keep some words: a moved block is read as
// changed only against the text it kept.
func keptAny(ops []redline.Op) bool {
	for _, op := range ops {
		if op.Op == redline.Equal && strings.TrimSpace(op.Text) != "" {
			return true
		}
	}
	return false
}

// noNumbers is what an edit whose old side may hold no number holds of
// numbers, on both sides: none. It is read only.
var noNumbers [2]numbersAt

// changeOf aligns a modified block's ops into a change.
func changeOf(kind string, ops []redline.Op) (change, bool) {
	al := align(ops)
	if len(al.hunks) == 0 {
		return change{}, false
	}
	ps := &[2]prose{{text: al.old}, {text: al.new}} // one allocation for both
	ch := change{kind: kind, al: al, oldP: &ps[0], newP: &ps[1], edits: make([]edit, 0, len(al.hunks))}
	for i, h := range al.hunks {
		e := trim(al, h)
		if e.old.a == e.old.b && e.new.a == e.new.b {
			continue // white space only
		}
		e.isolated = anchored(al, i)
		if e.old.a < e.old.b && e.new.a < e.new.b && h.old.a < h.old.b && h.new.a < h.new.b {
			e.nums = &noNumbers
			if mayHoldNumbers(al.old, e.old) {
				e.nums = &[2]numbersAt{readNumbers(al.old, e.old), readNumbers(al.new, e.new)}
			}
		}
		ch.edits = append(ch.edits, e)
	}
	return ch, len(ch.edits) > 0
}

// anchored reports whether, on at least one side of the i-th hunk of al,
// most of the nearest words of the new text are equal, or the hunk starts
// or ends the block.
func anchored(al aligned, i int) bool {
	h := al.hunks[i]
	// changed reports whether a hunk's new side overlaps s; the hunks are
	// in order and do not overlap, so the first that ends after s.a is the
	// only one to look at
	changed := func(s span) bool {
		k := sort.Search(len(al.hunks), func(k int) bool { return al.hunks[k].new.b > s.a })
		return k < len(al.hunks) && al.hunks[k].new.a < s.b
	}
	side := func(ws []span) bool {
		if len(ws) == 0 {
			return true
		}
		equal := 0
		for _, w := range ws {
			if !changed(w) {
				equal++
			}
		}
		return 2*equal >= len(ws)
	}
	var buf [isolation]span
	return side(appendLastWords(buf[:0], al.new, h.new.a, isolation)) || side(appendFirstWords(buf[:0], al.new, h.new.b, isolation))
}

// appendLastWords appends to out the spans of the last n white-space
// separated words of text[:b], cut at b, last first.
func appendLastWords(out []span, text string, b, n int) []span {
	i := b
	for n += len(out); len(out) < n; {
		for i > 0 {
			r, m := utf8.DecodeLastRuneInString(text[:i])
			if !unicode.IsSpace(r) {
				break
			}
			i -= m
		}
		if i == 0 {
			break
		}
		end := i
		i = wordStart(text, i)
		out = append(out, span{i, end})
	}
	return out
}

// firstWords is the spans of the first n white-space separated words of
// text[a:].
func firstWords(text string, a, n int) []span {
	return appendFirstWords(make([]span, 0, min(n, 8)), text, a, n)
}

// appendFirstWords appends firstWords(text, a, n) to out.
func appendFirstWords(out []span, text string, a, n int) []span {
	i := a
	for n += len(out); len(out) < n; {
		for i < len(text) {
			r, m := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += m
		}
		if i == len(text) {
			break
		}
		start := i
		i = wordEnd(text, i)
		out = append(out, span{start, i})
	}
	return out
}

// pairChange reads a deleted block and the inserted block after it as one
// block changed when they share words at their ends and differ by a few
// words in between: "Effective date: 25 May" replaced by "Effective date:
// 19 April".
func pairChange(kind, old, new string) (change, bool) {
	ow, nw := rawWords(old, 0, len(old)), rawWords(new, 0, len(new))
	p, s := sharedEnds(old, ow, new, nw)
	if p+s == 0 || len(ow)-p-s > pairWords || len(nw)-p-s > pairWords {
		return change{}, false
	}
	oa, ob := cut(old, ow, p, len(ow)-s)
	na, nb := cut(new, nw, p, len(nw)-s)
	ops := []redline.Op{
		{Op: redline.Equal, Text: new[:na]},
		{Op: redline.Delete, Text: old[oa:ob]},
		{Op: redline.Insert, Text: new[na:nb]},
		{Op: redline.Equal, Text: new[nb:]},
	}
	if old[:oa] != new[:na] || old[ob:] != new[nb:] {
		return change{}, false // white space differs around the words: keep them apart
	}
	return changeOf(kind, ops)
}

// cut is the span of words ws[i:j] in text; an empty run is the point
// before ws[i] (or the end).
func cut(text string, ws []span, i, j int) (int, int) {
	if i >= j {
		if i < len(ws) {
			return ws[i].a, ws[i].a
		}
		return len(text), len(text)
	}
	return ws[i].a, ws[j-1].b
}

// trim narrows a hunk to the whole words that differ between its sides.
func trim(al aligned, h hunk) edit {
	oa, ob := wordStart(al.old, h.old.a), wordEnd(al.old, h.old.b)
	na, nb := wordStart(al.new, h.new.a), wordEnd(al.new, h.new.b)
	var obuf, nbuf [32]span // most hunks hold few words: no allocation for them
	ow, nw := appendRawWords(obuf[:0], al.old, oa, ob), appendRawWords(nbuf[:0], al.new, na, nb)
	p, s := sharedEnds(al.old, ow, al.new, nw)
	e := edit{hunk: h}
	e.old.a, e.old.b = cutIn(ow, p, len(ow)-s, oa, ob)
	e.new.a, e.new.b = cutIn(nw, p, len(nw)-s, na, nb)
	return e
}

// rawWords are the spans of the white-space separated words of text[a:b].
func rawWords(text string, a, b int) []span {
	return appendRawWords(make([]span, 0, max(b-a, 0)/7+1), text, a, b)
}

// appendRawWords appends the spans of the words of text[a:b] to out.
func appendRawWords(out []span, text string, a, b int) []span {
	for i := a; ; {
		f, j := nextField(text[:b], i)
		if f == "" {
			return out
		}
		out = append(out, span{j - len(f), j})
		i = j
	}
}

// sharedEnds is how many words ow (of old) and nw (of new) share at their
// starts, and then how many of the rest they share at their ends.
func sharedEnds(old string, ow []span, new string, nw []span) (int, int) {
	p := 0
	for p < len(ow) && p < len(nw) && old[ow[p].a:ow[p].b] == new[nw[p].a:nw[p].b] {
		p++
	}
	s := 0
	for s < len(ow)-p && s < len(nw)-p {
		o, n := ow[len(ow)-1-s], nw[len(nw)-1-s]
		if old[o.a:o.b] != new[n.a:n.b] {
			break
		}
		s++
	}
	return p, s
}

func cutIn(ws []span, i, j, a, b int) (int, int) {
	switch {
	case i < j:
		return ws[i].a, ws[j-1].b
	case i < len(ws):
		return ws[i].a, ws[i].a
	case len(ws) > 0:
		return ws[len(ws)-1].b, ws[len(ws)-1].b
	}
	return a, b
}

// wordCount is the number of words in text[s.a:s.b].
func wordCount(text string, s span) int {
	n := 0
	for i := s.a; ; n++ {
		w, j := nextField(text[:s.b], i)
		if w == "" {
			return n
		}
		i = j
	}
}

// sideText is a block's text on one side: equal ops and those of kind.
func sideText(ops []redline.Op, kind redline.OpKind) string {
	n, last := 0, ""
	for _, op := range ops {
		if op.Op == redline.Equal || op.Op == kind {
			n, last = n+len(op.Text), op.Text
		}
	}
	if len(last) == n {
		return last // one op (or none) holds the whole side
	}
	var b strings.Builder
	b.Grow(n)
	for _, op := range ops {
		if op.Op == redline.Equal || op.Op == kind {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// near widens s by one word on each side (an insertion point to the words
// on both sides of it).
func near(text string, s span) span {
	a, b := wordStart(text, s.a), wordEnd(text, s.b)
	return span{prevWord(text, a), nextWord(text, b)}
}

// touches reports whether m lies in s or overlaps it; an empty s is touched
// by nothing.
func touches(m, s span) bool {
	return s.a < s.b && m.a < s.b && s.a < m.b
}
