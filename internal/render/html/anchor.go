package html

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/codraft/codraft/internal/redline"
)

// Anchors are derived from what they mark, never from a counter, so that a
// comment citing "#s-measure-1-2-3f9a2c" keeps working when the redline is
// regenerated or another section changes:
//
//   - a section's anchor is "s-" and its id, reduced to letters, digits,
//     '-', '_' and '.';
//   - a block's anchor is its section's anchor and the first 6 hex digits
//     of the SHA-256 of its text on the new side (the old side for a block
//     that left or was deleted).
//
// Only a clash (the same text twice in a section) adds "-2", "-3" in
// document order.

// plan computes every anchor and paragraph number before anything is
// written, so that links can point forward.
func (r *renderer) plan() {
	secs := r.res.Sections
	r.secs = make([]secPlan, len(secs))
	r.byNew = make(map[string]int, len(secs))
	r.byOld = make(map[string]int, len(secs))
	r.moves = map[string]*moveEnds{}
	anchors := len(secs)
	for i := range secs {
		anchors += len(secs[i].Blocks)
	}
	used := make(map[string]bool, anchors)
	unique := func(a string) string {
		if !used[a] {
			used[a] = true
			return a
		}
		for n := 2; ; n++ {
			b := a + "-" + strconv.Itoa(n)
			if !used[b] {
				used[b] = true
				return b
			}
		}
	}
	// Our own ids never start with "s-", so no draft id can take them.
	for i := range secs {
		s := &secs[i]
		r.secs[i].anchor = unique("s-" + cleanID(s.ID))
		if s.New != nil {
			if _, dup := r.byNew[s.New.ID]; !dup {
				r.byNew[s.New.ID] = i
			}
		}
		if s.Old != nil {
			if _, dup := r.byOld[s.Old.ID]; !dup {
				r.byOld[s.Old.ID] = i
			}
		}
	}
	var text []byte // a block's text on one side, kept from block to block
	for i := range secs {
		s := &secs[i]
		plans := make([]blockPlan, len(s.Blocks))
		oldN, newN := 0, 0
		for j := range s.Blocks {
			b := &s.Blocks[j]
			p := &plans[j]
			for _, o := range b.Ops {
				r.textBytes += len(o.Text)
			}
			if hasNew(b) {
				newN++
				p.para = newN
				text = appendSide(text[:0], b.Ops, redline.Insert)
				if hasOld(b) {
					oldN++
				}
			} else {
				oldN++
				p.para, p.old = oldN, true
				text = appendSide(text[:0], b.Ops, redline.Delete)
			}
			sum := sha256.Sum256(text)
			var hx [6]byte
			hex.Encode(hx[:], sum[:3])
			p.anchor = unique(r.secs[i].anchor + "-" + string(hx[:]))
			if b.Move != "" {
				m := r.moves[b.Move]
				if m == nil {
					m = &moveEnds{outSec: -1, inSec: -1}
					r.moves[b.Move] = m
				}
				if b.MovedTo != "" {
					m.out, m.outSec = p.anchor, i
				} else {
					m.in, m.inSec = p.anchor, i
				}
			}
		}
		r.secs[i].blocks = plans
	}
}

// hasNew reports whether a block is part of the new side: every block but a
// deleted one and the departure end of a move.
func hasNew(b *redline.BlockDiff) bool { return b.Status != redline.Deleted && b.MovedTo == "" }

// hasOld reports whether a block is part of the old side.
func hasOld(b *redline.BlockDiff) bool { return b.Status != redline.Added && b.MovedFrom == "" }

// sideText joins the equal ops and those of kind k (Insert for the new
// side, Delete for the old).
func sideText(ops []redline.Op, k redline.OpKind) string {
	if len(ops) == 1 && (ops[0].Op == redline.Equal || ops[0].Op == k) {
		return ops[0].Text
	}
	return string(appendSide(nil, ops, k))
}

// appendSide appends to buf the text of the equal ops and those of kind k,
// as sideText joins them.
func appendSide(buf []byte, ops []redline.Op, k redline.OpKind) []byte {
	for _, o := range ops {
		if o.Op == redline.Equal || o.Op == k {
			buf = append(buf, o.Text...)
		}
	}
	return buf
}

// cleanID keeps letters, digits, '-', '_' and '.' of a draft's section id
// and turns every other rune into '-'; a result that had to change gets a
// short hash of the original so that two different ids stay apart.
func cleanID(id string) string {
	var b strings.Builder
	b.Grow(len(id))
	changed := false
	for _, c := range id {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || c == '-' || c == '_' || c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('-')
			changed = true
		}
		if b.Len() > 80 {
			changed = true
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		out = "section"
	}
	if changed {
		sum := sha256.Sum256([]byte(id))
		out += "-" + hex.EncodeToString(sum[:2])
	}
	return out
}

// oldOrder returns the indexes of the sections that have an old side, in
// the old side's document order.
func oldOrder(secs []redline.SectionDiff) []int {
	var idx []int
	for i := range secs {
		if secs[i].Old != nil {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return secs[idx[a]].Old.Index < secs[idx[b]].Old.Index })
	return idx
}
