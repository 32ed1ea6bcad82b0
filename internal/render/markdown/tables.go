package markdown

import (
	"slices"
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/source"
)

// A table is written row by row, each row marked where it changed, when
// its rows on the two sides form one table of each round with the same
// columns. Otherwise (a column was added or removed, a row moved to
// another table, a header replaced) no row-by-row marking rebuilds both
// rounds and still reads as a table: the old table is written deleted
// whole and the new one inserted whole, each as written, between mark
// lines of their own, so that a Markdown viewer shows both as tables and
// accepting or rejecting every change gives each round's table.

// sideTable is one table of one side: the section's table rows that stand
// on consecutive lines there.
type sideTable struct {
	first, last int // line numbers
	lastBlock   int // the table's last row, in block order
	aligns      []source.Align
	rows        []int // block indices
}

// tableLayout is the tables of a section on each side, and which rows are
// written row by row.
type tableLayout struct {
	oldAt, newAt map[int]int // block index to table index
	old, new     []sideTable
	byRow        map[int]bool // table of a row written row by row
}

// tables reads the tables of section s.
func (m *writer) tables(s *redline.SectionDiff) tableLayout {
	t := tableLayout{oldAt: map[int]int{}, newAt: map[int]int{}, byRow: map[int]bool{}}
	if m.opt.Sources == nil {
		return t
	}
	t.old, t.oldAt = m.sideTables(s, true)
	t.new, t.newAt = m.sideTables(s, false)
	for ni := range t.new {
		oi, ok := t.pairOf(s, ni)
		if !ok {
			continue
		}
		for _, k := range t.new[ni].rows {
			t.byRow[k] = true
		}
		for _, k := range t.old[oi].rows {
			t.byRow[k] = true
		}
	}
	return t
}

// sideTables groups the table rows of s on one side into tables.
func (m *writer) sideTables(s *redline.SectionDiff, old bool) ([]sideTable, map[int]int) {
	var out []sideTable
	at := map[int]int{}
	for k := range s.Blocks {
		b := &s.Blocks[k]
		line := b.NewLine
		if old {
			line = b.OldLine
		}
		if b.Kind != "table_row" || line < 1 || old && !hasOldSide(b) || !old && !hasNewSide(b) {
			continue
		}
		// the rows of a table stand on consecutive lines, but for the
		// delimiter row under its header
		if n := len(out); n > 0 && (out[n-1].last == line-1 ||
			len(out[n-1].rows) == 1 && out[n-1].aligns != nil && out[n-1].last == line-2) {
			out[n-1].last, out[n-1].lastBlock = line, k
			out[n-1].rows = append(out[n-1].rows, k)
			at[k] = n - 1
			continue
		}
		st := sideTable{first: line, last: line, lastBlock: k, rows: []int{k}}
		if d, ok := m.sideLineAt(s, old, line+1); ok {
			st.aligns, _ = source.ParseDelimiterRow(d)
		}
		at[k] = len(out)
		out = append(out, st)
	}
	return out, at
}

// sideLineAt is line n of section s's file on one side.
func (m *writer) sideLineAt(s *redline.SectionDiff, old bool, n int) (string, bool) {
	r := s.New
	if old {
		r = s.Old
	}
	if r == nil {
		return "", false
	}
	return m.opt.Sources.Line(old, r.File, n)
}

// pairOf is the old table that new table ni pairs with, row for row: its
// matched rows are all in that table and that table's all in ni, the two
// open with the same row, have the same columns, and no row gains or
// loses a cell separator.
func (t *tableLayout) pairOf(s *redline.SectionDiff, ni int) (int, bool) {
	nt := &t.new[ni]
	first := &s.Blocks[nt.rows[0]]
	oi, ok := t.oldAt[nt.rows[0]]
	if !ok || !hasOldSide(first) {
		return 0, false
	}
	ot := &t.old[oi]
	if ot.rows[0] != nt.rows[0] || !slices.Equal(ot.aligns, nt.aligns) {
		return 0, false
	}
	for _, k := range nt.rows {
		if o, ok := t.oldAt[k]; ok && o != oi || !ok && hasOldSide(&s.Blocks[k]) || ok && pipeChange(s.Blocks[k].Ops) {
			return 0, false
		}
	}
	for _, k := range ot.rows {
		if n, ok := t.newAt[k]; ok && n != ni || !ok && hasNewSide(&s.Blocks[k]) {
			return 0, false
		}
	}
	return oi, true
}

// pipeChange reports whether the ops of a row on both sides insert or
// delete a cell separator.
func pipeChange(ops []redline.Op) bool {
	for _, o := range ops {
		if o.Op != redline.Equal && len(splitCells(o.Text)) > 1 {
			return true
		}
	}
	return false
}

// wholeTables writes the tables that row k of section s ends and that are
// not written row by row: the old one deleted, then the new one inserted.
// It reports whether row k belongs to such tables only.
func (m *writer) wholeTables(s *redline.SectionDiff, k int) bool {
	t := &m.tabs
	if t.byRow[k] {
		return false
	}
	oi, inOld := t.oldAt[k]
	ni, inNew := t.newAt[k]
	if !inOld && !inNew {
		return false
	}
	if inOld && t.old[oi].lastBlock == k {
		m.wholeTable(s, &t.old[oi], true)
	}
	if inNew && t.new[ni].lastBlock == k {
		m.wholeTable(s, &t.new[ni], false)
	}
	return true
}

// wholeTable writes table st of one side as written, in a mark of its
// own lines.
func (m *writer) wholeTable(s *redline.SectionDiff, st *sideTable, old bool) {
	var lines []string
	for n := st.first; n <= st.last; n++ {
		l, _ := m.sideLineAt(s, old, n)
		lines = append(lines, l)
	}
	open, close := "{++", "++}"
	if old {
		open, close = "{--", "--}"
	}
	m.para()
	m.s(open + "\n\n" + escapeCritic(strings.Join(lines, "\n")) + "\n\n" + close)
}

// opens reports whether row k opens its table, on its new
// side, else its old one; known is false when the row is in no table
// read from the drafts.
func (t *tableLayout) opens(k int) (first, known bool) {
	if ni, ok := t.newAt[k]; ok {
		return t.new[ni].rows[0] == k, true
	}
	if oi, ok := t.oldAt[k]; ok {
		return t.old[oi].rows[0] == k, true
	}
	return false, false
}
