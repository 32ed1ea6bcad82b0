package html

import (
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/source"
)

// cell is one cell of a table row in the redline: the ops of its text, and
// its column on each side (-1 where it has none).
type cell struct {
	ops      []redline.Op
	old, new int
}

// status is "add" for a cell only on the new side, "del" for one only on
// the old, "" otherwise.
func (c *cell) status() string {
	ins, del, eq := false, false, false
	for _, o := range c.ops {
		if strings.TrimSpace(o.Text) == "" {
			continue
		}
		switch o.Op {
		case redline.Insert:
			ins = true
		case redline.Delete:
			del = true
		default:
			eq = true
		}
	}
	switch {
	case ins && !del && !eq:
		return "add"
	case del && !ins && !eq:
		return "del"
	}
	return ""
}

func (c *cell) blank() bool {
	for _, o := range c.ops {
		if strings.TrimSpace(o.Text) != "" {
			return false
		}
	}
	return true
}

// splitCells cuts a row's ops into cells at the pipes that are not
// escaped. A pipe that is equal ends a cell on both sides; an inserted or
// deleted one only on its side, so that an added or removed column comes
// out as cells of its own.
func splitCells(ops []redline.Op) []cell {
	var cells []cell
	oi, ni := 0, 0
	cur := cell{old: 0, new: 0}
	var prev byte
	push := func() {
		cells = append(cells, cur)
		cur = cell{old: oi, new: ni}
	}
	for _, o := range ops {
		t := o.Text
		start := 0
		for k := 0; k < len(t); k++ {
			c := t[k]
			if c == '|' && prev != '\\' {
				if k > start {
					cur.ops = append(cur.ops, redline.Op{Op: o.Op, Text: t[start:k]})
				}
				switch o.Op {
				case redline.Equal:
					oi++
					ni++
				case redline.Insert:
					ni++
				case redline.Delete:
					oi++
				}
				push()
				start = k + 1
			}
			if c == '\\' && prev == '\\' {
				prev = 0
			} else {
				prev = c
			}
		}
		if start < len(t) {
			cur.ops = append(cur.ops, redline.Op{Op: o.Op, Text: t[start:]})
		}
	}
	cells = append(cells, cur)
	if len(cells) > 1 && cells[0].blank() {
		cells = cells[1:]
	}
	if len(cells) > 1 && cells[len(cells)-1].blank() {
		cells = cells[:len(cells)-1]
	}
	for k := range cells {
		// columns counted from the first cell after a leading pipe
		cells[k].ops = unescapePipes(cells[k].ops)
	}
	return cells
}

// unescapePipes turns "\|" back into "|" in a cell's text: the escape only
// kept the pipe from splitting the row.
func unescapePipes(ops []redline.Op) []redline.Op {
	for k := range ops {
		if strings.Contains(ops[k].Text, `\|`) {
			ops[k].Text = strings.ReplaceAll(ops[k].Text, `\|`, "|")
		}
	}
	return ops
}

// headerRow reports whether block k of section i is the first row of a
// table: the line after it in the draft is a delimiter row, and not a row
// of the table itself (a row of dashes in a table's body is a row). It
// also returns the columns' alignment.
func (r *renderer) headerRow(i, k int) ([]source.Align, bool) {
	line, ok := r.blockLine(i, k, 1)
	if !ok {
		return nil, false
	}
	blocks := r.res.Sections[i].Blocks
	if k+1 < len(blocks) && blocks[k+1].Kind == "table_row" {
		b, next := &blocks[k], &blocks[k+1]
		if hasNew(b) && b.NewLine > 0 && next.NewLine == b.NewLine+1 ||
			!hasNew(b) && b.OldLine > 0 && next.OldLine == b.OldLine+1 {
			return nil, false
		}
	}
	return source.ParseDelimiterRow(line)
}

// table writes the tables in the run of table rows that starts at block j
// and returns the index after the run.
func (r *renderer) table(i, j int, whole bool) int {
	blocks := r.res.Sections[i].Blocks
	end := j
	for end < len(blocks) && blocks[end].Kind == "table_row" {
		end++
	}
	for start := j; start < end; {
		stop := start + 1
		for stop < end {
			if _, ok := r.headerRow(i, stop); ok {
				break
			}
			stop++
		}
		aligns, _ := r.headerRow(i, start)
		if r.opt.Layout == SideBySide {
			r.raw("<div class=\"b tw2\">")
			r.oneTable(i, start, stop, whole, aligns, opsOld)
			r.oneTable(i, start, stop, whole, aligns, opsNew)
			r.raw("</div>\n")
		} else {
			r.oneTable(i, start, stop, whole, aligns, opsBoth)
		}
		start = stop
	}
	return end
}

// oneTable writes rows [from, to) of section i as one table, showing the
// ops that mode says: both sides, or one of them (side by side).
func (r *renderer) oneTable(i, from, to int, whole bool, aligns []source.Align, mode int) {
	blocks := r.res.Sections[i].Blocks
	rows := make([][]cell, to-from)
	width := 0
	for k := from; k < to; k++ {
		rows[k-from] = splitCells(blocks[k].Ops)
		width = max(width, len(rows[k-from]))
	}
	cls := "tx"
	switch mode {
	case opsOld:
		cls = "o"
	case opsNew:
		cls = "n"
	}
	// a table wider than its column scrolls: the keyboard reaches it
	r.raw("<div class=\"tw ")
	r.raw(cls)
	r.raw("\" tabindex=\"0\"><table class=\"rt\">")
	r.columnNotes(rows[0], mode)
	bodyOpen := false
	for k := from; k < to; k++ {
		b := &blocks[k]
		if mode == opsNew && !hasNew(b) || mode == opsOld && !hasOld(b) {
			continue
		}
		// side by side, a row's anchor is on its new side unless it has
		// none
		nav := mode == opsBoth || mode == opsNew || !hasNew(b)
		head := k == from
		if head {
			r.raw("<thead>")
		} else if !bodyOpen {
			r.raw("<tbody>")
			bodyOpen = true
		}
		rowMode := mode
		if b.MovedTo != "" && mode == opsBoth {
			rowMode = opsOldPlain
		}
		r.openBlock("tr", "", "", i, k, whole, nav)
		for c := 0; c < width; c++ {
			r.tableCell(rows[k-from], c, head, aligns, rowMode)
		}
		r.raw("</tr>")
		if head {
			r.raw("</thead>\n")
		}
	}
	if bodyOpen {
		r.raw("</tbody>")
	}
	r.raw("</table></div>")
}

// tableCell writes cell c of a row (an empty cell past its end).
func (r *renderer) tableCell(row []cell, c int, head bool, aligns []source.Align, mode int) {
	tag := "td"
	if head {
		tag = "th"
	}
	var ce *cell
	if c < len(row) {
		ce = &row[c]
	}
	var cls []string
	if ce != nil {
		col, base := ce.new, row[0].new
		if ce.status() == "del" {
			col, base = ce.old, row[0].old
		}
		if col -= base; col >= 0 && col < len(aligns) {
			switch aligns[col] {
			case source.Left:
				cls = append(cls, "al-l")
			case source.Right:
				cls = append(cls, "al-r")
			case source.Center:
				cls = append(cls, "al-c")
			}
		}
		switch ce.status() {
		case "add":
			if mode == opsBoth || mode == opsNew {
				cls = append(cls, "cadd")
			}
		case "del":
			if mode == opsBoth || mode == opsOld {
				cls = append(cls, "cdel")
			}
		}
	}
	r.raw("<")
	r.raw(tag)
	if head {
		r.raw(" scope=\"col\"")
	}
	if len(cls) > 0 {
		r.raw(" class=\"")
		r.raw(strings.Join(cls, " "))
		r.raw("\"")
	}
	r.raw(" dir=\"auto\">")
	if c == 0 && r.rowPara != nil {
		r.paraLink(r.rowPara)
		r.rowPara = nil
	}
	if ce != nil {
		notes := r.renderedOps(ce.ops, mode)
		r.fmtNotes(notes)
	}
	r.raw("</")
	r.raw(tag)
	r.raw(">")
}

// columnNotes writes a caption naming the columns added or removed, read
// from the header row.
func (r *renderer) columnNotes(head []cell, mode int) {
	var notes []string
	for k := range head {
		c := &head[k]
		name := strings.TrimSpace(sideText(c.ops, redline.Insert))
		switch c.status() {
		case "add":
			if mode != opsOld {
				notes = append(notes, "column added: \u201c"+name+"\u201d")
			}
		case "del":
			if mode != opsNew {
				notes = append(notes, "column removed: \u201c"+strings.TrimSpace(sideText(c.ops, redline.Delete))+"\u201d")
			}
		}
	}
	if len(notes) == 0 {
		return
	}
	r.raw("<caption class=\"tn\">")
	for k, n := range notes {
		if k > 0 {
			r.raw("; ")
		}
		r.iso(n)
	}
	r.raw("</caption>")
}
