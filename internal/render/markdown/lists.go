package markdown

import (
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/source"
)

// A draft line may open several list items, one inside the other
// ("*    *   item"): the redline has a block for each, the outer ones
// without text. Such a line is written once, with all its markers, by the
// last of its items, the one that holds its text. The redline may match
// the items of one line with items spread over several lines of the other
// round (empty items look alike); such a line cannot be one line of both
// rounds, so each round's line is written marked whole where its last item
// stands, and the two rounds come back line for line.

// lineGroups lists the list items of a section by the draft line they
// start on, on each side, in block order.
type lineGroups struct {
	old, new map[int][]int
}

// listLines groups the list items of s by their lines.
func listLines(s *redline.SectionDiff) lineGroups {
	g := lineGroups{old: map[int][]int{}, new: map[int][]int{}}
	for k := range s.Blocks {
		b := &s.Blocks[k]
		if b.Kind != "list_item" {
			continue
		}
		if hasOldSide(b) && b.OldLine > 0 {
			g.old[b.OldLine] = append(g.old[b.OldLine], k)
		}
		if hasNewSide(b) && b.NewLine > 0 {
			g.new[b.NewLine] = append(g.new[b.NewLine], k)
		}
	}
	return g
}

// waits reports whether a later item of section s than item k starts on
// k's line of the given side, and so writes that line.
func (g lineGroups) waits(s *redline.SectionDiff, k int, old bool) bool {
	b := &s.Blocks[k]
	at := g.new[b.NewLine]
	if old {
		if !hasOldSide(b) || b.OldLine == 0 {
			return false
		}
		at = g.old[b.OldLine]
	} else if !hasNewSide(b) || b.NewLine == 0 {
		return false
	}
	return len(at) > 0 && at[len(at)-1] != k
}

// shared reports whether item k's lines on the two sides hold the same
// matched items: then they are one line of both rounds.
func (g lineGroups) shared(s *redline.SectionDiff, k int) bool {
	b := &s.Blocks[k]
	oldLine, newLine := 0, 0
	if hasOldSide(b) {
		oldLine = b.OldLine
	}
	if hasNewSide(b) {
		newLine = b.NewLine
	}
	if newLine > 0 {
		for _, j := range g.new[newLine] {
			if o := &s.Blocks[j]; hasOldSide(o) && o.OldLine != oldLine {
				return false
			}
		}
	}
	if oldLine > 0 {
		for _, j := range g.old[oldLine] {
			if o := &s.Blocks[j]; hasNewSide(o) && o.NewLine != newLine {
				return false
			}
		}
	}
	return true
}

// sideLine is the line that block b of section s starts on, on one side.
func (m *writer) sideLine(s *redline.SectionDiff, b *redline.BlockDiff, old bool) (string, bool) {
	if old {
		if !hasOldSide(b) || b.OldLine < 1 || s.Old == nil {
			return "", false
		}
		return m.opt.Sources.Line(true, s.Old.File, b.OldLine)
	}
	if !hasNewSide(b) || b.NewLine < 1 || s.New == nil {
		return "", false
	}
	return m.opt.Sources.Line(false, s.New.File, b.NewLine)
}

// listLead is the start of a list item's line up to its text, with every
// marker the line opens, and how many it opens; "- " and 1 when line is
// not a list item's.
func listLead(line string, ok bool) (string, int) {
	if !ok {
		return "- ", 1
	}
	lead, ok := source.ListLead(line, 0)
	if !ok {
		return "- ", 1
	}
	d := 1
	for ; ; d++ {
		l, ok := source.ListLead(line, d)
		if !ok {
			break
		}
		lead = l
	}
	return lead, d
}

// listItem writes list item k of section s, ops being its text: with its
// line, when it is the last item of that line.
func (m *writer) listItem(s *redline.SectionDiff, k int, ops []redline.Op, pre, post string) {
	b := &s.Blocks[k]
	waitOld, waitNew := m.lines.waits(s, k, true), m.lines.waits(s, k, false)
	if waitOld && waitNew || waitOld && !hasNewSide(b) || waitNew && !hasOldSide(b) {
		// its line is written by the item it holds
		return
	}
	oldLead, oldDepth := listLead(m.sideLine(s, b, true))
	formChanged := b.OldKind != "" && b.OldKind != b.Kind && hasOldSide(b) && hasNewSide(b)
	if formChanged {
		// a paragraph or quote that became a list item
		oldLead = m.formLead(s, b, true, b.OldKind)
	}
	newLead, newDepth := listLead(m.sideLine(s, b, false))
	m.listStart(b, oldLead, newLead)
	empty := sideText(ops, redline.Insert)+sideText(ops, redline.Delete) == ""
	var lead string
	width := len(newLead)
	if empty && (!hasOldSide(b) || waitOld || !hasNewSide(b) || waitNew) {
		// a line of one round only, without text
		open, close, l := "{++", "++}", newLead
		if !hasNewSide(b) || waitNew {
			open, close, l = "{--", "--}", oldLead
		}
		m.oneSidedLine(b.Kind, open, close, strings.TrimRight(l, " "))
		return
	}
	m.line(b.Kind)
	switch {
	case !formChanged && !waitOld && !waitNew && m.lines.shared(s, k) && (oldDepth == newDepth || !hasOldSide(b) || !hasNewSide(b)):
		// one line of both rounds (or of one)
		lead, width = sharedLead(b, oldLead, newLead)
	default:
		// the line differs between the rounds: each round's markers,
		// marked, where the item's line stands on that side
		if hasOldSide(b) && !waitOld {
			lead += optMark("{--", "--}", trimEmpty(oldLead, empty))
			width = len(oldLead)
		}
		if hasNewSide(b) && !waitNew {
			lead += "{++" + trimEmpty(newLead, empty) + "++}"
			width = len(newLead)
		}
		if empty {
			m.s(lead)
			return
		}
	}
	// the item's own text holds one line for each paragraph of it:
	// a blank line between them keeps them paragraphs of the item
	m.s(lead + pre + indent(critic(ops, false), "\n"+strings.Repeat(" ", width)) + post)
}

// sharedLead is the lead of list item b's line when it is one line of
// both rounds (or of one), and the width of the round's lead that the
// item's text lines up with: the markers as written in the new round,
// else the old, and those that differ between the rounds (a renumbered
// item, another bullet) marked.
func sharedLead(b *redline.BlockDiff, oldLead, newLead string) (string, int) {
	switch {
	case !hasNewSide(b):
		return oldLead, len(oldLead)
	case hasOldSide(b) && oldLead != newLead:
		return leadDiff(oldLead, newLead), len(newLead)
	}
	return newLead, len(newLead)
}

// listStart ends a run of list lines before list item b when its line
// (opening with newLead, or with oldLead when b has no new side) starts
// another list: its outermost marker is of another kind
// ("-", "*", "+", or a number with "." or ")") than that of the list line
// before it at the same indentation. Written on the next line, an ordered
// item that does not start at 1 would read as text of the item before
// it; after a blank line, it starts its list.
func (m *writer) listStart(b *redline.BlockDiff, oldLead, newLead string) {
	lead := newLead
	if !hasNewSide(b) {
		lead = oldLead
	}
	lm, ok := source.ParseListLine(lead)
	if !ok {
		return
	}
	kind := lm.Marker
	if lm.Ordered {
		kind = kind[len(kind)-1:]
	}
	if m.run != "list_item" {
		m.lists = m.lists[:0]
	}
	for len(m.lists) > 0 && m.lists[len(m.lists)-1].indent > lm.Indent {
		m.lists = m.lists[:len(m.lists)-1]
	}
	if n := len(m.lists); n > 0 && m.lists[n-1].indent == lm.Indent {
		if m.lists[n-1].kind != kind {
			m.run = ""
			m.lists = m.lists[:0]
		} else {
			m.lists = m.lists[:n-1]
		}
	}
	m.lists = append(m.lists, listOpen{indent: lm.Indent, kind: kind})
}

// listOpen is a list that a run of list lines has open: the indentation
// of its markers and their kind.
type listOpen struct {
	indent int
	kind   string
}

// oneSidedLine writes a line of kind k that only one round has, as the
// mark open...close around text. Where it continues a run of lines, the
// line end before it goes inside the mark, so that the round without it
// gets no blank line in its place (a blank line would end the list item
// before it, and change how the lines after it read).
func (m *writer) oneSidedLine(k, open, close, text string) {
	if m.run == k {
		m.s(open + "\n" + text + close)
		return
	}
	m.line(k)
	m.s(open + text + close)
}

// trimEmpty is lead without its trailing spaces when the item is empty.
func trimEmpty(lead string, empty bool) string {
	if empty {
		return strings.TrimRight(lead, " ")
	}
	return lead
}

// leadDiff writes a list line's lead (its indentation, markers and the
// space before its text) that differs between the rounds: the runs of
// white space and the markers that the two share at the start and at the
// end stay as they are, and the markers between are written as the old
// ones deleted and the new ones inserted ("{--3.--}{++4.++} "), so that
// accepting or rejecting every change gives each round's markers exactly.
// No mark can keep the line a list item in a CommonMark viewer, as the
// two rounds' lines share no start; the new round's marker stays in
// plain sight in the insertion.
func leadDiff(old, new string) string {
	ot, nt := leadTokens(old), leadTokens(new)
	p := 0
	for p < len(ot) && p < len(nt) && ot[p] == nt[p] {
		p++
	}
	q := 0
	for q < len(ot)-p && q < len(nt)-p && ot[len(ot)-1-q] == nt[len(nt)-1-q] {
		q++
	}
	return strings.Join(nt[:p], "") +
		optMark("{--", "--}", strings.Join(ot[p:len(ot)-q], "")) +
		optMark("{++", "++}", strings.Join(nt[p:len(nt)-q], "")) +
		strings.Join(nt[len(nt)-q:], "")
}

// leadTokens splits a lead into runs of white space and runs of the rest.
func leadTokens(s string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || isBlank(s[i]) != isBlank(s[i-1]) {
			out = append(out, s[start:i])
			start = i
		}
	}
	return out
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }
