package html

import (
	"slices"
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/wording"
)

// The body is one flat run of <section> elements in the redline's order.
// Each block is one <div> with its paragraph number and one text element,
// and its words are plain text with <ins> and <del> runs: no element per
// word and no script work per word, so that a megabyte of draft stays a
// light page.

func (r *renderer) main() {
	r.raw("<main id=\"main\" class=\"wrap\">\n")
	if r.opt.Layout == SideBySide {
		r.raw("<div class=\"cols\" aria-hidden=\"true\"><div>")
		r.text(endpointShort(&r.res.From))
		r.raw("</div><div>")
		r.text(endpointShort(&r.res.To))
		r.raw("</div></div>\n")
	}
	prev := r.oldPredecessors()
	secs := r.res.Sections
	for i := 0; i < len(secs); i++ {
		if !r.opt.ChangedOnly || r.shownChangedOnly(i) {
			r.section(i, prev[i], r.opt.ChangedOnly && !secs[i].Changed())
			continue
		}
		k := i
		for k < len(secs) && !r.shownChangedOnly(k) {
			k++
		}
		r.gap(i, k)
		i = k - 1
	}
	r.raw("</main>\n")
}

// shownChangedOnly reports whether section i is written when only changed
// sections are: a changed section, and the unchanged sections right before
// and after one, as context (their headings only).
func (r *renderer) shownChangedOnly(i int) bool {
	secs := r.res.Sections
	return secs[i].Changed() || i > 0 && secs[i-1].Changed() || i+1 < len(secs) && secs[i+1].Changed()
}

// gap writes one line for the unchanged sections [from, to) that are not
// written, and holds their anchors, so that links to them land here.
func (r *renderer) gap(from, to int) {
	r.raw("<p class=\"gap\">")
	for k := from; k < to; k++ {
		r.raw("<span id=\"")
		r.text(r.secs[k].anchor)
		r.raw("\"></span>")
	}
	r.int(to - from)
	r.raw(wording.Plural(to-from, " unchanged section", " unchanged sections"))
	r.raw(" not shown: ")
	r.iso(side(&r.res.Sections[from]).Label())
	if to-from > 1 {
		r.raw(" \u2013 ")
		r.iso(side(&r.res.Sections[to-1]).Label())
	}
	r.raw("</p>\n")
}

// oldPredecessors maps each section to the index of the section before it
// on the old side (-1 for the first, or for a section without an old side).
func (r *renderer) oldPredecessors() []int {
	prev := make([]int, len(r.res.Sections))
	for i := range prev {
		prev[i] = -1
	}
	order := oldOrder(r.res.Sections)
	for k := 1; k < len(order); k++ {
		prev[order[k]] = order[k-1]
	}
	return prev
}

func (r *renderer) section(i, oldPrev int, headOnly bool) {
	s := &r.res.Sections[i]
	ref := side(s)
	anchor := r.secs[i].anchor
	lvl := "h" + string(rune('0'+min(max(ref.Level+1, 2), 6)))
	cls := statusClass(s)

	r.raw("<section class=\"sec ")
	r.raw(cls)
	r.raw("\" id=\"")
	r.text(anchor)
	r.raw("\">\n<")
	r.raw(lvl)
	r.raw(" id=\"")
	r.text(anchor)
	r.raw("-h\"")
	if s.Status == redline.Added || s.Status == redline.Deleted || s.Moved || s.Renamed || s.Renumbered || s.Relevelled {
		r.raw(" class=\"chg ")
		r.raw(cls)
		r.raw("\"")
	}
	r.raw(">")
	r.headingText(s)
	r.tags(s, true)
	if s.Words.Inserted > 0 || s.Words.Deleted > 0 {
		r.raw(" ")
		r.wordCounts(s.Words)
	}
	r.raw("</")
	r.raw(lvl)
	r.raw(">\n")
	r.headingNotes(i, s, oldPrev)

	if headOnly {
		r.raw("</section>\n")
		return
	}
	// A changed section carries both views and the switch on the page
	// picks one. The other view is inert until the switch is first used,
	// so that the browser neither builds, styles nor lays it out when the
	// page opens: the source view as data for the script to build, the
	// rendered view (behind a page that opens on the source) as a
	// <template>. A page of changes only carries one view, to stay small.
	two := s.Changed() && len(s.Blocks) > 0 && !r.opt.ChangedOnly
	r.body(i, r.opt.View, two)
	if two {
		r.sfx = "-v"
		if r.opt.View == Rendered {
			r.sourceData(i)
		} else {
			r.raw("<template class=\"ov\">")
			r.body(i, Rendered, true)
			r.raw("</template>\n")
		}
		r.sfx = ""
	}
	r.raw("</section>\n")
}

// body writes the blocks of section i in one view.
func (r *renderer) body(i int, v View, two bool) {
	s := &r.res.Sections[i]
	r.raw("<div class=\"body ")
	if v == Source {
		r.raw("sv")
	} else {
		r.raw("rv")
	}
	if two {
		r.raw(" two")
	}
	r.raw("\">\n")
	whole := s.Status == redline.Added || s.Status == redline.Deleted
	r.hide = nil
	if r.opt.ChangedOnly {
		r.hide = hiddenBlocks(s.Blocks, whole)
	}
	if v == Source {
		for j := 0; j < len(s.Blocks); j++ {
			if r.hidden(j) {
				j = r.blockGap(i, j) - 1
				continue
			}
			r.block(i, j, whole)
		}
	} else {
		r.renderedBody(i, whole)
	}
	r.hide = nil
	r.raw("</div>\n")
}

// blockContext is how many unchanged blocks a page of changes only keeps
// before and after a changed one; the heading of a section counts as
// changed when the section has no changed block.
const blockContext = 1

// passageKeep is how many paragraphs of a run of inserted (or deleted)
// paragraphs a page of changes only shows, its first; the rest of the run, all of it
// new or removed text that the full page shows, becomes one line that
// counts its paragraphs and words.
const passageKeep = 1

// Why a page of changes only leaves a block out.
const (
	shown     byte = 0
	hideSame  byte = 's' // unchanged, away from any change
	hideAdded byte = 'a' // past the first paragraphs of an inserted run
	hideDel   byte = 'd' // past the first paragraphs of a deleted run
)

// hiddenBlocks marks the blocks that a page of changes only leaves out:
// the unchanged blocks but blockContext on each side of a change, and the
// paragraphs of a run of inserted or deleted ones past its first
// passageKeep. whole is set for a section inserted or deleted as a whole,
// whose blocks are one run. A table's rows are kept or left out together,
// so that a kept table is whole.
func hiddenBlocks(blocks []redline.BlockDiff, whole bool) []byte {
	hide := make([]byte, len(blocks))
	if !whole {
		for j, h := range hiddenSame(blocks) {
			if h {
				hide[j] = hideSame
			}
		}
	}
	for j := 0; j < len(blocks); {
		st := passageStatus(&blocks[j])
		k := j + 1
		for k < len(blocks) && st != "" && passageStatus(&blocks[k]) == st {
			k++
		}
		// a run that one line would shorten by a single paragraph is kept
		if st != "" && k-j > passageKeep+1 {
			mark := hideAdded
			if st == redline.Deleted {
				mark = hideDel
			}
			for m := j + passageKeep; m < k; m++ {
				hide[m] = mark
			}
		}
		j = k
	}
	return hide
}

// passageStatus is Added or Deleted for a block that a run of inserted or
// deleted paragraphs may fold, and "" for any other: a table row (a table
// is shown whole) or a moved block (each end links to the other).
func passageStatus(b *redline.BlockDiff) redline.Status {
	if b.Kind == "table_row" || b.MovedTo != "" || b.MovedFrom != "" {
		return ""
	}
	if b.Status == redline.Added || b.Status == redline.Deleted {
		return b.Status
	}
	return ""
}

// hiddenSame marks the unchanged blocks that a page of changes only
// leaves out: all but blockContext on each side of a change.
func hiddenSame(blocks []redline.BlockDiff) []bool {
	n := len(blocks)
	changed := make([]bool, n)
	for j := range blocks {
		changed[j] = blockClass(&blocks[j]) != "same"
	}
	// a table with a changed row is changed as a whole
	for j := 0; j < n; {
		if blocks[j].Kind != "table_row" {
			j++
			continue
		}
		k, any := j, false
		for ; k < n && blocks[k].Kind == "table_row"; k++ {
			any = any || changed[k]
		}
		for m := j; m < k; m++ {
			changed[m] = any
		}
		j = k
	}
	hide := make([]bool, n)
	last := -1 << 30 // index of the last changed block seen
	if !slices.Contains(changed, true) {
		last = -1 // the heading changed: its first blocks are context
	}
	for j := range hide {
		if changed[j] {
			last = j
		}
		hide[j] = !changed[j] && j-last > blockContext
	}
	last = 1 << 30
	for j := n - 1; j >= 0; j-- {
		if changed[j] {
			last = j
		}
		if !changed[j] && last-j <= blockContext {
			hide[j] = false
		}
	}
	// a single paragraph is kept: the line that would stand for it is no
	// shorter
	for j := 0; j < n; {
		k := j
		for k < n && hide[k] {
			k++
		}
		if k-j == 1 {
			hide[j] = false
		}
		j = max(k, j+1)
	}
	// a table is kept or left out as a whole
	for j := 0; j < n; {
		if blocks[j].Kind != "table_row" {
			j++
			continue
		}
		k, keep := j, false
		for ; k < n && blocks[k].Kind == "table_row"; k++ {
			keep = keep || !hide[k]
		}
		for m := j; m < k; m++ {
			hide[m] = !keep
		}
		j = k
	}
	return hide
}

// hidden reports whether block j of the section being written is left out.
func (r *renderer) hidden(j int) bool { return r.hide != nil && r.hide[j] != shown }

// blockGap writes one line for the run of blocks left out for the same
// reason that starts at j, and returns the index after it.
func (r *renderer) blockGap(i, j int) int {
	why := r.hide[j]
	k := j
	for k < len(r.hide) && r.hide[k] == why {
		k++
	}
	switch why {
	case hideSame:
		r.raw("<p class=\"gap\">")
		r.int(k - j)
		r.raw(wording.Plural(k-j, " unchanged paragraph", " unchanged paragraphs"))
	default:
		words := 0
		for _, b := range r.res.Sections[i].Blocks[j:k] {
			for _, o := range b.Ops {
				words += len(strings.Fields(o.Text))
			}
		}
		r.raw("<p class=\"gap ")
		if why == hideAdded {
			r.raw("add\">")
			r.int(k - j)
			r.raw(wording.Plural(k-j, " more inserted paragraph", " more inserted paragraphs"))
		} else {
			r.raw("del\">")
			r.int(k - j)
			r.raw(wording.Plural(k-j, " more deleted paragraph", " more deleted paragraphs"))
		}
		r.raw(" (")
		r.raw(wording.Count(words, "word"))
		r.raw(")")
	}
	r.raw(" not shown</p>\n")
	return k
}

// headingText writes the section's number and title, old -> new where they
// changed.
func (r *renderer) headingText(s *redline.SectionDiff) {
	o, n := s.Old, s.New
	switch {
	case o == nil && n == nil:
		r.iso(s.ID)
		return
	case o == nil:
		r.raw("<ins>")
		r.iso(n.Label())
		r.raw("</ins>")
		return
	case n == nil:
		r.raw("<del>")
		r.iso(o.Label())
		r.raw("</del>")
		return
	}
	if o.Number == "" && n.Number == "" && o.Title == "" && n.Title == "" {
		r.iso(n.Label())
		return
	}
	r.changedText(o.Number, n.Number)
	if (o.Number != "" || n.Number != "") && (o.Title != "" || n.Title != "") {
		r.raw(" ")
	}
	r.changedText(o.Title, n.Title)
}

// changedText writes a value that is the same on both sides as text, and
// one that changed as <del>old</del> -> <ins>new</ins>.
func (r *renderer) changedText(old, new string) {
	switch {
	case old == new:
		r.iso(new)
	case old == "":
		r.raw("<ins>")
		r.iso(new)
		r.raw("</ins>")
	case new == "":
		r.raw("<del>")
		r.iso(old)
		r.raw("</del>")
	default:
		r.raw("<del>")
		r.iso(old)
		r.raw("</del><span class=\"arr\">\u2192</span><ins>")
		r.iso(new)
		r.raw("</ins>")
	}
}

// headingNotes says where a moved section was, how its level changed, and
// what it was split from or merged into.
func (r *renderer) headingNotes(i int, s *redline.SectionDiff, oldPrev int) {
	if !s.Moved && !s.Relevelled && s.SplitFrom == "" && s.MergedInto == "" {
		return
	}
	r.raw("<p class=\"hn\">")
	sep := ""
	if s.Moved {
		r.raw("Moved: in the old round it came ")
		if oldPrev < 0 {
			r.raw("first")
		} else {
			r.raw("after ")
			r.sectionLink(oldPrev, true)
		}
		r.raw(".")
		sep = " "
	}
	if s.Relevelled && s.Old != nil && s.New != nil {
		r.raw(sep)
		r.raw("Heading level ")
		r.int(s.Old.Level)
		r.raw(" \u2192 ")
		r.int(s.New.Level)
		if s.New.Level < s.Old.Level {
			r.raw(" (promoted).")
		} else {
			r.raw(" (demoted).")
		}
		sep = " "
	}
	if s.SplitFrom != "" {
		r.raw(sep)
		r.raw("Split from ")
		r.idLink(s.SplitFrom, true)
		r.raw(".")
		sep = " "
	}
	if s.MergedInto != "" {
		r.raw(sep)
		r.raw("Merged into ")
		r.idLink(s.MergedInto, false)
		r.raw(".")
	}
	r.raw("</p>\n")
}

// sectionLink links to section k, named as it was on the old side when old
// is set.
func (r *renderer) sectionLink(k int, old bool) {
	s := &r.res.Sections[k]
	ref := s.New
	if old && s.Old != nil || ref == nil {
		ref = s.Old
	}
	r.raw("<a href=\"#")
	r.text(r.secs[k].anchor)
	r.raw("\">")
	if ref != nil {
		r.iso(ref.Label())
	} else {
		r.iso(s.ID)
	}
	r.raw("</a>")
}

// idLink links to the section with the given id on the old or new side, or
// writes the id when there is none.
func (r *renderer) idLink(id string, old bool) {
	m := r.byNew
	if old {
		m = r.byOld
	}
	if k, ok := m[id]; ok {
		r.sectionLink(k, old)
		return
	}
	r.iso(id)
}

// kindClass maps a block kind to its short CSS class.
func kindClass(k string) string {
	switch k {
	case "paragraph":
		return "p"
	case "list_item":
		return "li"
	case "table_row":
		return "tr"
	case "code":
		return "code"
	case "quote":
		return "q"
	case "html":
		return "html"
	case "thematic_break":
		return "hr"
	}
	return "x"
}

// textTag is the element that holds a block's text.
func textTag(k string) string {
	switch k {
	case "code", "html":
		return "pre"
	case "quote":
		return "blockquote"
	}
	return "p"
}

// blockClass is the block's status class.
func blockClass(b *redline.BlockDiff) string {
	switch {
	case b.MovedTo != "" || b.MovedFrom != "":
		return "mv"
	case b.Status == redline.Added:
		return "add"
	case b.Status == redline.Deleted:
		return "del"
	case b.Status == redline.Unchanged:
		return "same"
	}
	return "mod"
}

// Which ops a text element shows.
const (
	opsBoth     = iota // equal, <del>, <ins>
	opsOld             // equal, <del>
	opsNew             // equal, <ins>
	opsOldPlain        // equal and deleted text, unmarked
)

// block writes block j of section i. whole is set when the section was
// added or deleted as a whole: its blocks get a change bar but are not
// navigation stops of their own (the heading is).
func (r *renderer) block(i, j int, whole bool) {
	b := &r.res.Sections[i].Blocks[j]
	r.openBlock("div", "", "", i, j, whole, true)

	tag := textTag(b.Kind)
	if b.Kind == "code" {
		cb := *b
		cb.Ops = trimFences(b.Ops)
		b = &cb
	}
	lay := r.layout(b)
	for _, p := range lay.parts() {
		switch p.kind {
		case textPart:
			r.textElem(tag, p.class, b.Ops, p.mode)
		case movePart:
			r.moveNote(i, b, p.out, p.class)
		default:
			r.emptyColumn(p.class)
		}
	}
	r.raw("</div>\n")
}

// A block is written as one or two parts, in an order that the layout
// sets; the source view, its data (srcdata.go) and the rendered view all
// lay a block out by blockLayout, and differ only in how they write a
// part.
type (
	partKind uint8

	// blockPart is one part of a block as laid out.
	blockPart struct {
		kind partKind
		// class is the part's class: "tx" for the text of the inline
		// layout, "o" or "n" for a column of the side-by-side layout,
		// with a trailing space before a move note's own class.
		class string
		// mode says which ops a text part shows.
		mode int
		// out is set for the note where a moved block left.
		out bool
	}

	// blockLayout holds a block's parts, in order.
	blockLayout struct {
		p [2]blockPart
		n int
	}
)

// The kinds of part.
const (
	// textPart is the block's text, the ops that mode shows.
	textPart partKind = iota
	// movePart is the note at one end of a moved block that links to the
	// other end.
	movePart
	// emptyPart is the empty column on the side a block does not exist.
	emptyPart
)

func (l *blockLayout) add(p blockPart) { l.p[l.n] = p; l.n++ }

func (l *blockLayout) parts() []blockPart { return l.p[:l.n] }

// layout lays out block b: in one column, its text with a move note
// before it at either end of a move; side by side, the old text (or an
// empty column, or the move note where it arrived) on the left and the
// new on the right (or an empty column, or the note where it left).
func (r *renderer) layout(b *redline.BlockDiff) blockLayout {
	var l blockLayout
	out, in := b.MovedTo != "", b.MovedFrom != ""
	text := func(class string, mode int) blockPart { return blockPart{kind: textPart, class: class, mode: mode} }
	if r.opt.Layout == SideBySide {
		switch {
		case out:
			l.add(text("o", opsOldPlain))
			l.add(blockPart{kind: movePart, class: "n ", out: true})
		case in:
			l.add(blockPart{kind: movePart, class: "o "})
			l.add(text("n", opsBoth))
		case b.Status == redline.Added:
			l.add(blockPart{kind: emptyPart, class: "o"})
			l.add(text("n", opsNew))
		case b.Status == redline.Deleted:
			l.add(text("o", opsOld))
			l.add(blockPart{kind: emptyPart, class: "n"})
		default:
			l.add(text("o", opsOld))
			l.add(text("n", opsNew))
		}
		return l
	}
	switch {
	case out:
		l.add(blockPart{kind: movePart, out: true})
		l.add(text("tx", opsOldPlain))
	case in:
		l.add(blockPart{kind: movePart})
		l.add(text("tx", opsBoth))
	default:
		l.add(text("tx", opsBoth))
	}
	return l
}

// emptyColumn writes the empty column of the side-by-side layout.
func (r *renderer) emptyColumn(class string) {
	r.raw("<div class=\"")
	r.raw(class)
	r.raw("\"></div>")
}

// moveNote links one end of a moved block to the other: "Moved to
// Measure 3.2" where it left, "Moved from Measure 1.4" where it arrived.
func (r *renderer) moveNote(i int, b *redline.BlockDiff, out bool, class string) {
	m := r.moveTarget(i, b, out)
	r.raw("<p class=\"")
	r.raw(class)
	r.raw("mvn\">")
	r.raw(m.verb)
	if m.href != "" {
		r.raw("<a href=\"#")
		r.text(m.href)
		r.raw("\">")
	}
	r.iso(m.label)
	if m.href != "" {
		r.raw("</a>")
	}
	r.raw(m.arrow)
	r.raw("</p>")
}

// moveLink is what the note at one end of a moved block says.
type moveLink struct {
	// verb is "Moved to " or "Moved from ".
	verb string
	// href is the anchor of the other end, or "" when it is not on the
	// page (label is then the id of the section it went to or came from).
	href string
	// label names the section of the other end.
	label string
	// arrow is " ↓" or " ↑" when the other end is below or above, else "".
	arrow string
}

// moveTarget finds the other end of moved block b of section i.
func (r *renderer) moveTarget(i int, b *redline.BlockDiff, out bool) moveLink {
	target, k := "", -1
	if m := r.moves[b.Move]; b.Move != "" && m != nil {
		if out {
			target, k = m.in, m.inSec
		} else {
			target, k = m.out, m.outSec
		}
	}
	if k < 0 {
		var ok bool
		if out {
			k, ok = r.byNew[b.MovedTo]
		} else {
			k, ok = r.byOld[b.MovedFrom]
		}
		if !ok {
			k = -1
		} else {
			target = r.secs[k].anchor
		}
	}
	l := moveLink{verb: "Moved from "}
	if out {
		l.verb = "Moved to "
	}
	if k < 0 {
		l.label = b.MovedFrom
		if out {
			l.label = b.MovedTo
		}
		return l
	}
	s := &r.res.Sections[k]
	ref := s.New
	if !out && s.Old != nil || ref == nil {
		ref = s.Old
	}
	l.href = target
	if target != r.secs[k].anchor {
		l.href += r.sfx
	}
	l.label = s.ID
	if ref != nil {
		l.label = ref.Label()
	}
	switch {
	case k > i:
		l.arrow = " \u2193"
	case k < i:
		l.arrow = " \u2191"
	}
	return l
}

// textElem writes <tag class="class">ops</tag>.
func (r *renderer) textElem(tag, class string, ops []redline.Op, mode int) {
	r.raw("<")
	r.raw(tag)
	r.raw(" class=\"")
	r.raw(class)
	r.raw("\" dir=\"auto\">")
	var cuts [][2]int
	if r.opt.ChangedOnly {
		ops = r.shownOps(ops)
		cuts = elisions(ops, r.near)
	}
	for n, o := range ops {
		switch o.Op {
		case redline.Equal:
			r.opText(o, "", cuts, n, false)
		case redline.Insert:
			if mode == opsBoth || mode == opsNew {
				r.opText(o, "ins", cuts, n, false)
			}
		case redline.Delete:
			switch mode {
			case opsBoth, opsOld:
				r.opText(o, "del", cuts, n, insertAfter(ops, n))
			case opsOldPlain:
				r.opText(o, "", cuts, n, false)
			}
		}
	}
	r.raw("</")
	r.raw(tag)
	r.raw(">")
}

// opText writes the text of op n of ops in <tag> (none when tag is ""),
// less the stretch that cuts leaves out, which a mark stands for (sep as
// for elisionMark).
func (r *renderer) opText(o redline.Op, tag string, cuts [][2]int, n int, sep bool) {
	a, b := len(o.Text), len(o.Text)
	if cuts != nil && cuts[n][1] > cuts[n][0] {
		a, b = cuts[n][0], cuts[n][1]
	}
	r.tagged(tag, o.Text[:a])
	if b > a {
		r.raw("<small>")
		r.raw(elisionMark(o, a, sep))
		r.raw("</small>")
		r.tagged(tag, o.Text[b:])
	}
}

// tagged writes s escaped in <tag>, or bare when tag is "".
func (r *renderer) tagged(tag, s string) {
	if s == "" {
		return
	}
	if tag == "" {
		r.text(s)
		return
	}
	r.raw("<" + tag + ">")
	r.text(s)
	r.raw("</" + tag + ">")
}

// trimFences drops the fence lines of a fenced code block when both sides
// share them, or when the whole block was added or deleted: the <pre> says
// that it is code. Anything else is shown as written.
func trimFences(ops []redline.Op) []redline.Op {
	if len(ops) == 0 || ops[0].Op != ops[len(ops)-1].Op {
		return ops
	}
	if ops[0].Op != redline.Equal {
		for _, o := range ops {
			if o.Op != ops[0].Op {
				return ops
			}
		}
	}
	first, last := ops[0].Text, ops[len(ops)-1].Text
	open, rest, ok := strings.Cut(first, "\n")
	o := strings.TrimLeft(open, " ")
	if !ok || !(strings.HasPrefix(o, "```") || strings.HasPrefix(o, "~~~")) {
		return ops
	}
	if len(ops) == 1 {
		last = rest
	}
	k := strings.LastIndexByte(last, '\n')
	c := strings.TrimSpace(last[k+1:])
	if k < 0 || c == "" || strings.Trim(c, o[:1]) != "" {
		return ops
	}
	out := append([]redline.Op(nil), ops...)
	if len(out) == 1 {
		out[0].Text = rest[:k]
		return out
	}
	out[0].Text = rest
	out[len(out)-1].Text = last[:k]
	return out
}
