package docx

import (
	"sort"
	"strconv"
	"strings"

	"github.com/codraft/codraft/internal/redline"
)

// The body holds the sections in the redline's order. A section that moved
// is written twice: at its new place as moved-to text (with its edits as
// insertions) and at its old place as moved-from text, so that accepting
// every revision gives the new round and rejecting every one the old.
// Old text that is written away from the new order (the old copy of a moved
// section, a deleted section) is written in the old order: after the
// section that preceded it on the old side, wherever that one's old text is.

// copyKind is how a section is written.
type copyKind uint8

const (
	copyNormal copyKind = iota
	copyMoveTo
	copyMoveFrom
)

func (w *writer) body() {
	secs := w.res.Sections
	after := map[int][]int{} // old predecessor -> moved sections whose old copy follows it
	order := make([]int, 0, len(secs))
	for i := range secs {
		if secs[i].Old != nil {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return secs[order[a]].Old.Index < secs[order[b]].Old.Index })
	// a deleted section follows its old predecessor; when that one is
	// written away from its old place (moved, or a deleted section that
	// follows a moved one), the deleted section goes with it
	follows := map[int]bool{}
	for k, i := range order {
		p := -1
		if k > 0 {
			p = order[k-1]
		}
		moved := p >= 0 && (isMoved(&secs[p]) || follows[p])
		if isMoved(&secs[i]) || (secs[i].New == nil && moved) {
			after[p] = append(after[p], i)
			follows[i] = !isMoved(&secs[i])
		}
	}
	done := map[int]bool{}
	var oldCopies func(p int)
	oldCopies = func(p int) {
		for _, m := range after[p] {
			if !done[m] {
				done[m] = true
				ck := copyMoveFrom
				if follows[m] {
					ck = copyNormal
				}
				w.section(m, ck)
				oldCopies(m)
			}
		}
	}
	oldCopies(-1)
	for i := range secs {
		if follows[i] {
			continue
		}
		if isMoved(&secs[i]) {
			w.section(i, copyMoveTo)
			continue
		}
		w.section(i, copyNormal)
		if secs[i].Old != nil {
			oldCopies(i)
		}
	}
}

func isMoved(s *redline.SectionDiff) bool { return s.Moved && s.Old != nil && s.New != nil }

// section writes section i as a normal section, or as the new or old copy
// of a moved one, whose move range spans its heading and blocks.
func (w *writer) section(i int, ck copyKind) {
	s := &w.res.Sections[i]
	w.author = w.sectionAuthor(s)
	w.list = listState{}
	if ck == copyNormal {
		if h := w.heading(s, ck); h != nil {
			w.paragraph(h)
		}
		w.blocks(s, ck, nil)
		return
	}
	rng := &rangeMark{from: ck == copyMoveFrom, name: "codraftSection" + strconv.Itoa(i+1)}
	outer := w.b
	w.b = &strings.Builder{}
	start := rng
	if h := w.heading(s, ck); h != nil {
		h.rangeStart, start = rng, nil
		w.paragraph(h)
	}
	w.blocks(s, ck, start)
	text := w.b.String()
	w.b = outer
	// the range closes in the copy's last paragraph
	if k := strings.LastIndex(text, "</w:p>"); k >= 0 && rng.id != "" {
		text = text[:k] + `<w:` + rangeTag(rng.from) + `RangeEnd w:id="` + rng.id + `"/>` + text[k:]
	}
	w.b.WriteString(text)
}

// sectionAuthor is the author of a section's revisions.
func (w *writer) sectionAuthor(s *redline.SectionDiff) string {
	for _, ref := range []*redline.SectionRef{s.New, s.Old} {
		if ref != nil {
			if a := w.opt.SectionAuthors[ref.ID]; a != "" {
				return a
			}
		}
	}
	return w.defaultAuthor()
}

// heading is the heading paragraph of a section, or nil for the preamble.
func (w *writer) heading(s *redline.SectionDiff, ck copyKind) *para {
	o, n := s.Old, s.New
	if (o == nil || o.Level == 0) && (n == nil || n.Level == 0) {
		return nil
	}
	switch {
	case ck == copyMoveFrom || n == nil:
		m, mark := modeDeleted, wrapDel
		if ck == copyMoveFrom {
			m, mark = modeMoveFrom, wrapMoveFrom
		}
		return &para{style: headingStyle(o.Level), segs: segments(wholeOps(w.headingText(o, true)), false, nil), mode: m, mark: mark}
	case o == nil:
		return &para{style: headingStyle(n.Level), segs: segments(wholeOps(w.headingText(n, false)), false, nil), mode: modeAdded, mark: wrapIns, bookmark: w.bookmark(n)}
	}
	ops := tokenDiff(w.headingText(o, true), w.headingText(n, false))
	p := &para{style: headingStyle(n.Level), segs: segments(ops, false, nil), bookmark: w.bookmark(n)}
	if ck == copyMoveTo {
		p.mode, p.mark = modeMoveTo, wrapMoveTo
	} else if o.Level != n.Level && o.Level > 0 {
		p.oldStyle = headingStyle(o.Level)
	}
	return p
}

func wholeOps(text string) []redline.Op {
	return []redline.Op{{Op: redline.Equal, Text: text}}
}

// headingText is a heading's inline Markdown as written, without its
// marks and attributes; without the source, its number and title.
func (w *writer) headingText(ref *redline.SectionRef, old bool) string {
	label := ref.Label()
	line := w.sourceLine(ref.File, ref.Line, old)
	if line == "" {
		return label
	}
	t := strings.TrimLeft(line, " ")
	if strings.HasPrefix(t, "#") {
		t = strings.TrimLeft(t, "#")
		t = strings.TrimSpace(t)
		// a closing sequence of #s
		if k := strings.TrimRight(t, "#"); k != t && (k == "" || strings.HasSuffix(k, " ") || strings.HasSuffix(k, "\t")) {
			t = strings.TrimSpace(k)
		}
	}
	t = strings.TrimSpace(stripAttributes(t))
	if t == "" {
		return label
	}
	return t
}

// bookmark is the name of the Word bookmark on a heading of the new side:
// the id its {#id} attribute gives it, once per name, so that the id
// survives a round trip through Word; "" for a heading without one. The
// id is the one the redline's parse gave the section, so that this renderer
// needs no Markdown parser.
func (w *writer) bookmark(ref *redline.SectionRef) string {
	id := ref.ID
	if !ref.ExplicitID || ref.Level == 0 || id == "" || w.bookmarks[id] || !writesID(w.sourceLine(ref.File, ref.Line, false), id) {
		return ""
	}
	w.bookmarks[id] = true
	return id
}

// writesID reports whether a heading line's attribute block gives the id
// as written, not a later section's copy that the parse suffixed with -2.
func writesID(line, id string) bool {
	i := strings.Index(line, "{#"+id)
	if i < 0 {
		return false
	}
	rest := line[i+2+len(id):]
	return rest != "" && (rest[0] == '}' || rest[0] == ' ' || rest[0] == '\t')
}

// stripAttributes drops a trailing {#id .class} block.
func stripAttributes(t string) string {
	t = strings.TrimRight(t, " \t")
	if !strings.HasSuffix(t, "}") {
		return t
	}
	i := strings.LastIndexByte(t, '{')
	if i < 0 || strings.ContainsAny(t[i+1:len(t)-1], "{}") {
		return t
	}
	inner := strings.TrimSpace(t[i+1 : len(t)-1])
	if inner == "" || (inner[0] != '#' && inner[0] != '.' && !strings.Contains(inner, "=")) {
		return t
	}
	return t[:i]
}

// sourceLine is line n (1-based) of a file on one side, or "".
func (w *writer) sourceLine(file string, n int, old bool) string {
	if w.opt.Source == nil || n <= 0 {
		return ""
	}
	src := w.opt.Source(file, old)
	if src == nil {
		return ""
	}
	key := sideFile{file, old}
	starts, ok := w.lines[key]
	if !ok {
		starts = []int{0}
		for i, c := range src {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		w.lines[key] = starts
	}
	if n > len(starts) {
		return ""
	}
	s := starts[n-1]
	e := len(src)
	if n < len(starts) {
		e = starts[n] - 1
	}
	if s > e {
		return ""
	}
	return strings.TrimSuffix(string(src[s:e]), "\r")
}

// blockPlace is where and how one block is written.
type blockPlace struct {
	m     mode
	mark  wrap
	skip  bool
	rng   *rangeMark // the block's own move range
	start *rangeMark // the section's range, opened at this block
}

// place decides how block b of a section written as ck appears.
func (w *writer) place(s *redline.SectionDiff, b *redline.BlockDiff, ck copyKind) blockPlace {
	out, in := b.MovedTo != "", b.MovedFrom != ""
	switch ck {
	case copyMoveTo:
		switch {
		case out || b.Status == redline.Deleted:
			return blockPlace{skip: true}
		case in:
			return blockPlace{m: modeMoveTo, mark: wrapMoveTo, rng: w.moveRange(b, false)}
		case b.Status == redline.Added:
			return blockPlace{m: modeAdded, mark: wrapIns}
		}
		return blockPlace{m: modeMoveTo, mark: wrapMoveTo}
	case copyMoveFrom:
		switch {
		case in || b.Status == redline.Added:
			return blockPlace{skip: true}
		case out:
			return blockPlace{m: modeMoveFrom, mark: wrapMoveFrom, rng: w.moveRange(b, true)}
		case b.Status == redline.Deleted:
			return blockPlace{m: modeDeleted, mark: wrapDel}
		}
		return blockPlace{m: modeMoveFrom, mark: wrapMoveFrom}
	}
	switch {
	case out:
		return blockPlace{m: modeMoveFrom, mark: wrapMoveFrom, rng: w.moveRange(b, true)}
	case in:
		return blockPlace{m: modeMoveTo, mark: wrapMoveTo, rng: w.moveRange(b, false)}
	case b.Status == redline.Added || s.Status == redline.Added:
		return blockPlace{m: modeAdded, mark: wrapIns}
	case b.Status == redline.Deleted || s.Status == redline.Deleted:
		return blockPlace{m: modeDeleted, mark: wrapDel}
	}
	return blockPlace{m: modeNormal, mark: wrapNone}
}

// moveRange is the move range of one end of a moved block; both ends share
// its name.
func (w *writer) moveRange(b *redline.BlockDiff, from bool) *rangeMark {
	key := b.Move
	if key == "" {
		key = b.MovedFrom + "\x00" + b.MovedTo + "\x00" + strconv.Itoa(b.OldLine)
	}
	name, ok := w.moves[key]
	if !ok {
		name = "codraftMove" + strconv.Itoa(len(w.moves)+1)
		w.moves[key] = name
	}
	return &rangeMark{from: from, name: name}
}

// blocks writes the blocks of a section; start, when not nil, is the
// section's move range, to open at the first paragraph written.
func (w *writer) blocks(s *redline.SectionDiff, ck copyKind, start *rangeMark) {
	bs := s.Blocks
	for j := 0; j < len(bs); j++ {
		pl := w.place(s, &bs[j], ck)
		if pl.skip {
			continue
		}
		if start != nil {
			pl.start, start = start, nil
		}
		if bs[j].Kind == "table_row" {
			k := j + 1
			for k < len(bs) && bs[k].Kind == "table_row" {
				k++
			}
			w.list = listState{}
			w.table(s, bs[j:k], ck, pl.start)
			j = k - 1
			continue
		}
		w.block(s, &bs[j], pl)
	}
	if start != nil {
		// a section copy with no block: open its range in an empty paragraph
		w.paragraph(&para{rangeStart: start, mode: modeNormal})
	}
}

// sideOf is the side a block is read from in a place: the old side for
// text that left, else the new.
func sideOf(s *redline.SectionDiff, pl blockPlace, b *redline.BlockDiff) (file string, line int, old bool) {
	old = pl.m == modeDeleted || pl.m == modeMoveFrom
	ref, ln := s.New, b.NewLine
	if old || ref == nil {
		ref, ln, old = s.Old, b.OldLine, true
	}
	if old && s.Old == nil {
		ref, ln, old = s.New, b.NewLine, false
	}
	if ref == nil {
		return "", 0, old
	}
	return ref.File, ln, old
}

// block writes one block other than a table row.
func (w *writer) block(s *redline.SectionDiff, b *redline.BlockDiff, pl blockPlace) {
	p := &para{mode: pl.m, mark: pl.mark}
	switch b.Kind {
	case "list_item":
		file, line, old := sideOf(s, pl, b)
		p.style = styleList
		p.numID, p.ilvl = w.listItem(w.sourceLine(file, line, old))
		p.segs = segments(b.Ops, false, nil)
	case "code":
		w.list = listState{}
		w.code(b, pl, codeFilter)
		return
	case "html":
		w.list = listState{}
		if commentOnly(b.Ops) {
			if pl.start != nil {
				w.paragraph(&para{rangeStart: pl.start})
			}
			return
		}
		w.code(b, pl, nil)
		return
	case "quote":
		w.list = listState{}
		p.style = styleQuote
		p.segs = segments(b.Ops, false, nil)
	case "thematic_break":
		w.list = listState{}
		p.style = styleRule
	default:
		w.list = listState{}
		p.segs = segments(b.Ops, false, nil)
	}
	w.withRanges(p, pl)
	w.paragraph(p)
}

// withRanges opens the section's range and the block's own move range
// in p; a block's own range also closes in p.
func (w *writer) withRanges(p *para, pl blockPlace) {
	if pl.start != nil {
		p.rangeStart = pl.start
		if pl.rng != nil {
			// two ranges cannot open in one paragraph: open the section's
			// in an empty paragraph of its own
			w.paragraph(&para{rangeStart: pl.start, mark: pl.mark})
			p.rangeStart = nil
		}
	}
	if pl.rng != nil {
		p.rangeStart, p.rangeEnd = pl.rng, pl.rng
	}
}

// code writes a code or raw HTML block, one paragraph a line; a line
// break that only one side has is a paragraph mark inserted or deleted.
func (w *writer) code(b *redline.BlockDiff, pl blockPlace, filter textFilter) {
	lines, breaks := splitLines(segments(b.Ops, true, filter))
	var ps []*para
	cur := &para{style: styleCode, mode: pl.m}
	for k, line := range lines {
		cur.segs = append(cur.segs, line...)
		if k == len(lines)-1 {
			break
		}
		mk := wrapOf(pl.m, breaks[k])
		if mk == wrapSkip {
			continue // a break not on the side shown: the lines join
		}
		cur.mark = mk
		ps = append(ps, cur)
		cur = &para{style: styleCode, mode: pl.m}
	}
	cur.mark = pl.mark
	ps = append(ps, cur)
	w.withRanges(ps[0], pl)
	if len(ps) > 1 && pl.rng != nil {
		ps[0].rangeEnd = nil
		ps[len(ps)-1].rangeEnd = pl.rng
	}
	for _, p := range ps {
		w.paragraph(p)
	}
}

// splitLines cuts segments at line breaks; breaks[k] is the kind of the
// break after line k.
func splitLines(ss []seg) (lines [][]seg, breaks []segKind) {
	var cur []seg
	for _, s := range ss {
		t := s.text
		for {
			i := strings.IndexByte(t, '\n')
			if i < 0 {
				break
			}
			if i > 0 {
				c := s
				c.text = t[:i]
				cur = append(cur, c)
			}
			lines = append(lines, cur)
			breaks = append(breaks, s.kind)
			cur = nil
			t = t[i+1:]
		}
		if t != "" {
			c := s
			c.text = t
			cur = append(cur, c)
		}
	}
	lines = append(lines, cur)
	return lines, breaks
}

// codeFilter hides a fenced block's fence lines, or an indented block's
// indentation.
func codeFilter(side string) []bool {
	hide := make([]bool, len(side))
	lines := strings.SplitAfter(side, "\n")
	first := strings.TrimLeft(lines[0], " ")
	if strings.HasPrefix(first, "```") || strings.HasPrefix(first, "~~~") {
		for i := 0; i < len(lines[0]); i++ {
			hide[i] = true
		}
		fence := first[:len(first)-len(strings.TrimLeft(first, first[:1]))]
		if len(lines) > 1 {
			last := lines[len(lines)-1]
			t := strings.TrimSpace(last)
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				off := len(side) - len(last)
				for i := max(off-1, 0); i < len(side); i++ {
					hide[i] = true
				}
			}
		}
		return hide
	}
	off := 0
	for _, l := range lines {
		n := 0
		for n < len(l) && n < 4 && l[n] == ' ' {
			n++
		}
		if n < 4 && n < len(l) && l[n] == '\t' {
			n++
		}
		for i := 0; i < n; i++ {
			hide[off+i] = true
		}
		off += len(l)
	}
	return hide
}

// commentOnly reports whether a raw HTML block is only a comment on both
// sides: not draft text, so left out.
func commentOnly(ops []redline.Op) bool {
	for _, side := range []bool{true, false} {
		var b strings.Builder
		for _, o := range ops {
			if o.Op == redline.Equal || (o.Op == redline.Delete) == side {
				b.WriteString(o.Text)
			}
		}
		t := strings.TrimSpace(b.String())
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "<!--") || !strings.HasSuffix(t, "-->") || strings.Contains(t[4:len(t)-3], "-->") {
			return false
		}
	}
	return true
}
