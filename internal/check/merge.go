package check

import (
	"strings"

	"github.com/codraft/codraft/internal/redline"
)

// ownChanges returns the sections of the first redline that the commit
// changed itself. For an ordinary commit that is every changed section. For
// a merge (one redline per parent) it is, as in git's combined diff, only
// what differs from every parent: a section whose heading (number, title,
// level, place) differs from each parent's, that has a word inserted at the
// same place against every parent, a word deleted at the same place from
// every parent, or a whole block deleted from every parent, or that every
// parent lacks (or, for a deleted section, that every parent has and the
// merge dropped). So a merge that only combines the edits of its branches,
// even within one paragraph, changes nothing itself.
func ownChanges(diffs []*redline.Result) []*redline.SectionDiff {
	first := diffs[0]
	var out []*redline.SectionDiff
	if len(diffs) == 1 {
		for i := range first.Sections {
			if sd := &first.Sections[i]; sd.Changed() {
				out = append(out, sd)
			}
		}
		return out
	}
	type index struct {
		byNew   map[int]*redline.SectionDiff
		deleted map[string]bool
	}
	idx := make([]index, len(diffs))
	for p, res := range diffs {
		idx[p] = index{byNew: map[int]*redline.SectionDiff{}, deleted: map[string]bool{}}
		for i := range res.Sections {
			sd := &res.Sections[i]
			if sd.New != nil {
				idx[p].byNew[sd.New.Index] = sd
			} else if sd.Status == redline.Deleted {
				idx[p].deleted[sd.Old.ID] = true
			}
		}
	}
	for i := range first.Sections {
		sd := &first.Sections[i]
		if !sd.Changed() {
			continue
		}
		if sd.New == nil {
			own := true
			for p := 1; p < len(diffs); p++ {
				own = own && idx[p].deleted[sd.Old.ID]
			}
			if own {
				out = append(out, sd)
			}
			continue
		}
		sides := make([]*redline.SectionDiff, len(diffs))
		for p := range diffs {
			sides[p] = idx[p].byNew[sd.New.Index]
		}
		if sectionOwnChange(sides) {
			out = append(out, sd)
		}
	}
	return out
}

// sectionOwnChange reports whether a section of a merge differs from every
// parent; sides holds its diff against each parent.
func sectionOwnChange(sides []*redline.SectionDiff) bool {
	all := func(f func(*redline.SectionDiff) bool) bool {
		for _, s := range sides {
			if s != nil && s.Status != redline.Added && !f(s) {
				return false
			}
		}
		return true
	}
	if all(func(*redline.SectionDiff) bool { return false }) {
		return true // every parent lacks it
	}
	if all(func(s *redline.SectionDiff) bool { return s.Renumbered }) ||
		all(func(s *redline.SectionDiff) bool { return s.Renamed }) ||
		all(func(s *redline.SectionDiff) bool { return s.Relevelled }) ||
		all(func(s *redline.SectionDiff) bool { return s.Moved }) {
		return true
	}
	byLine, lines, deleted := blockChanges(sides)
	for _, l := range lines {
		if bcs := byLine[l]; len(bcs) == len(sides) && blockOwnChange(bcs) {
			return true
		}
	}
	// a whole block deleted from every parent
	for t := range deleted[0] {
		every := strings.TrimSpace(t) != ""
		for p := 1; p < len(sides); p++ {
			every = every && deleted[p][t] > 0
		}
		if every {
			return true
		}
	}
	return false
}

// blockChange is how a block of the merge's side differs from one parent.
type blockChange struct {
	text   string         // the block's text on the merge's side
	all    bool           // the whole block is new against this parent
	ins    map[int]bool   // offsets into text of inserted characters
	delAt  map[delKey]int // deletions, by place and text
	parent int
}

// blockChanges reads, for each parent, the blocks of the merge's side that
// differ from it, by line (lines in the order first seen), and the whole
// blocks deleted from it, by text.
func blockChanges(sides []*redline.SectionDiff) (byLine map[int][]blockChange, lines []int, deleted []map[string]int) {
	byLine = map[int][]blockChange{}
	deleted = make([]map[string]int, len(sides))
	for p, s := range sides {
		deleted[p] = map[string]int{}
		if s == nil {
			continue
		}
		for _, b := range s.Blocks {
			if b.NewLine == 0 {
				if b.Status == redline.Deleted {
					deleted[p][opsText(b.Ops, false)]++
				}
				continue
			}
			bc := blockChange{parent: p, text: opsText(b.Ops, true)}
			switch {
			case s.Status == redline.Added || b.Status == redline.Added || b.Status == redline.Moved:
				bc.all = true
			case b.Status == redline.Modified:
				bc.ins, bc.delAt = changedPlaces(b.Ops)
			default:
				continue // unchanged against this parent
			}
			if _, seen := byLine[b.NewLine]; !seen {
				lines = append(lines, b.NewLine)
			}
			byLine[b.NewLine] = append(byLine[b.NewLine], bc)
		}
	}
	return byLine, lines, deleted
}

// blockOwnChange reports whether a block that differs from every parent
// (bcs, one per parent) holds a change of the merge's own: it is new
// against every parent and not blank, or a character is inserted at the
// same place against every parent, or the same text deleted at the same
// place from every parent.
func blockOwnChange(bcs []blockChange) bool {
	wholly := true
	for _, bc := range bcs {
		wholly = wholly && bc.all
	}
	if wholly {
		return strings.TrimSpace(bcs[0].text) != ""
	}
	// a character inserted against every parent
	text := bcs[0].text
	for off := 0; off < len(text); off++ {
		if c := text[off]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		every := true
		for _, bc := range bcs {
			every = every && (bc.all || bc.ins[off])
		}
		if every {
			return true
		}
	}
	// a deletion at the same place from every parent
	for _, bc := range bcs {
		if bc.all {
			continue
		}
		for d := range bc.delAt {
			every := true
			for _, other := range bcs {
				every = every && (other.all || other.delAt[d] > 0)
			}
			if every {
				return true
			}
		}
		break
	}
	return false
}

// delKey is a deletion: where in the merge's text, and what.
type delKey struct {
	off  int
	text string
}

// changedPlaces reads a block's word diff: the offsets (into the new text)
// of inserted characters, and the deletions by place.
func changedPlaces(ops []redline.Op) (ins map[int]bool, dels map[delKey]int) {
	ins, dels = map[int]bool{}, map[delKey]int{}
	off := 0
	for _, op := range ops {
		switch op.Op {
		case redline.Equal:
			off += len(op.Text)
		case redline.Insert:
			for i := range len(op.Text) {
				ins[off+i] = true
			}
			off += len(op.Text)
		case redline.Delete:
			if t := strings.TrimSpace(op.Text); t != "" {
				dels[delKey{off, t}]++
			}
		}
	}
	return ins, dels
}

// opsText rebuilds one side of a block from its ops.
func opsText(ops []redline.Op, newSide bool) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Op == redline.Equal || (newSide && op.Op == redline.Insert) || (!newSide && op.Op == redline.Delete) {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}
