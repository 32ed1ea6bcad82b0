package docx

import (
	"strconv"
	"strings"

	"github.com/codraft/codraft/internal/redline"
)

// listState follows the list items of a run of consecutive items: the
// indentation of each open level and its Word list.
type listState struct {
	indents []int
	levels  []listLevel
}

type listLevel struct {
	numID   int
	ordered bool
}

// listItem places a list item whose source line is line (may be ""): its
// Word list and level. A numbered list starts where its first item's
// number says.
func (w *writer) listItem(line string) (numID, ilvl int) {
	indent, ordered, number := listMarker(line)
	st := &w.list
	lvl := len(st.indents)
	for k, in := range st.indents {
		if in >= indent {
			lvl = k
			break
		}
	}
	lvl = min(lvl, 8)
	st.indents = append(st.indents[:lvl], indent)
	if lvl < len(st.levels) && st.levels[lvl].ordered == ordered && st.levels[lvl].numID > 0 {
		st.levels = st.levels[:lvl+1]
		return st.levels[lvl].numID, lvl
	}
	for len(st.levels) <= lvl {
		st.levels = append(st.levels, listLevel{})
	}
	st.levels = st.levels[:lvl+1]
	id := w.newList(ordered, number, lvl)
	st.levels[lvl] = listLevel{numID: id, ordered: ordered}
	return id, lvl
}

// listMarker reads a list item's first line: its indentation (columns,
// a tab to the next multiple of four), whether it is numbered and its
// number.
func listMarker(line string) (indent int, ordered bool, number int) {
	i := 0
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			indent++
			continue
		case '\t':
			indent += 4 - indent%4
			continue
		case '>':
			indent = 0 // a list inside a quote counts from the quote
			continue
		}
		break
	}
	rest := line[i:]
	j := 0
	for j < len(rest) && j < 10 && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	if j > 0 && j < len(rest) && (rest[j] == '.' || rest[j] == ')') {
		n, err := strconv.Atoi(rest[:j])
		if err == nil {
			return indent, true, n
		}
	}
	return indent, false, 1
}

// table writes consecutive table rows as a Word table: the first row is
// the header, repeated on each page. A row's cells are cut at its unescaped
// pipes; a row whose columns changed is written in one cell.
func (w *writer) table(s *redline.SectionDiff, rows []redline.BlockDiff, ck copyKind, start *rangeMark) {
	type row struct {
		cells [][]seg
		pl    blockPlace
	}
	var rs []row
	cols := 1
	for j := range rows {
		pl := w.place(s, &rows[j], ck)
		if pl.skip {
			continue
		}
		// rows that moved are shown deleted where they left and inserted
		// where they arrived
		switch pl.m {
		case modeMoveFrom:
			pl.m, pl.mark = modeDeleted, wrapDel
		case modeMoveTo:
			if ck != copyMoveTo || pl.rng != nil {
				pl.m, pl.mark = modeAdded, wrapIns
			}
		}
		cells := splitCells(rows[j].Ops)
		cols = max(cols, len(cells))
		rs = append(rs, row{cells, pl})
	}
	if len(rs) == 0 {
		return
	}
	if start != nil {
		w.paragraph(&para{rangeStart: start, mark: rs[0].pl.mark})
	}
	width := 9000 / cols
	b := w.b
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="` + styleTable + `"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for c := 0; c < cols; c++ {
		b.WriteString(`<w:gridCol w:w="` + itoa(width) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for k, r := range rs {
		b.WriteString(`<w:tr>`)
		if k == 0 || r.pl.mark == wrapIns || r.pl.mark == wrapDel {
			b.WriteString(`<w:trPr>`)
			if k == 0 {
				b.WriteString(`<w:tblHeader/>`)
			}
			if r.pl.mark == wrapIns || r.pl.mark == wrapDel {
				b.WriteString(`<` + wrapTag[r.pl.mark])
				w.revAttrs()
				b.WriteString(`/>`)
			}
			b.WriteString(`</w:trPr>`)
		}
		for c := 0; c < cols; c++ {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(width) + `" w:type="dxa"/></w:tcPr>`)
			p := &para{mode: r.pl.m}
			if c < len(r.cells) {
				p.segs = trimSegs(r.cells[c])
			}
			w.paragraph(p)
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

// splitCells cuts a table row's ops into its cells' segments at the pipes
// that separate cells on both sides; when the sides have different cells,
// the row is one cell.
func splitCells(ops []redline.Op) [][]seg {
	var cells [][]redline.Op
	var cur []redline.Op
	changed := false
	for _, o := range ops {
		t := o.Text
		for {
			i := pipeIndex(t)
			if i < 0 {
				break
			}
			if o.Op != redline.Equal {
				changed = true
			}
			if i > 0 {
				cur = append(cur, redline.Op{Op: o.Op, Text: t[:i]})
			}
			cells = append(cells, cur)
			cur = nil
			t = t[i+1:]
		}
		if t != "" {
			cur = append(cur, redline.Op{Op: o.Op, Text: t})
		}
	}
	cells = append(cells, cur)
	if changed && twoSided(ops) {
		return [][]seg{segments(ops, false, nil)}
	}
	// the leading and trailing pipes leave empty cells at the ends
	if len(cells) > 1 && blankOps(cells[0]) {
		cells = cells[1:]
	}
	if len(cells) > 1 && blankOps(cells[len(cells)-1]) {
		cells = cells[:len(cells)-1]
	}
	out := make([][]seg, len(cells))
	for i, c := range cells {
		out[i] = segments(c, false, nil)
	}
	return out
}

// pipeIndex is the index of the first pipe in t not escaped by a
// backslash, or -1. (An escape that spans two ops is not seen; the cell
// count check then keeps the row whole.)
func pipeIndex(t string) int {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case '|':
			return i
		}
	}
	return -1
}

// twoSided reports whether ops hold text of both sides.
func twoSided(ops []redline.Op) bool {
	var ins, del bool
	for _, o := range ops {
		switch o.Op {
		case redline.Equal:
			return true
		case redline.Insert:
			ins = true
		case redline.Delete:
			del = true
		}
	}
	return ins && del
}

func blankOps(ops []redline.Op) bool {
	for _, o := range ops {
		if strings.TrimSpace(o.Text) != "" {
			return false
		}
	}
	return true
}

// trimSegs drops the spaces around a cell's text.
func trimSegs(ss []seg) []seg {
	for len(ss) > 0 {
		t := strings.TrimLeft(ss[0].text, " \t")
		if t != "" {
			ss[0].text = t
			break
		}
		ss = ss[1:]
	}
	for len(ss) > 0 {
		t := strings.TrimRight(ss[len(ss)-1].text, " \t")
		if t != "" {
			ss[len(ss)-1].text = t
			break
		}
		ss = ss[:len(ss)-1]
	}
	return ss
}
