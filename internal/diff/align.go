package diff

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/parallel"
	"github.com/codraft/codraft/internal/redline"
)

// Blocks of a matched pair of sections are aligned in three steps that
// keep the work near-linear in the number of blocks:
//
//  1. equal blocks: the common head and tail, then blocks whose text
//     occurs once on each side, kept where they stay in order (patience
//     anchors), recursively inside each stretch between two anchors, then
//     a diff of the block sequence on stretches up to maxMyersBlocks;
//  2. inside each stretch that is left, blocks pair by similarity and
//     position (pairGap);
//  3. what is left is deleted or added, and offered to the move finder.

// maxMyersBlocks bounds the blocks of a stretch that is diffed block by
// block; a longer stretch without anchors pairs by position, with a note.
const maxMyersBlocks = 4000

// maxAnchorDepth bounds how often a stretch is split again at anchors of
// its own.
const maxAnchorDepth = 4

var blockSeed = maphash.MakeSeed()

// blockKey is the identity of a block for finding equal blocks.
func blockKey(b *doc.Block) uint64 {
	var h maphash.Hash
	h.SetSeed(blockSeed)
	h.WriteString(string(b.Kind))
	h.WriteByte(0)
	h.WriteString(b.Text)
	return h.Sum64()
}

// align aligns the blocks of a matched pair of sections.
func (c *comparer) align(e *entry) {
	ob, nb := c.old.secs[e.o].s.Blocks, c.new.secs[e.n].s.Blocks
	if sameBlocks(ob, nb) {
		// nothing to align, diff or move: result writes the blocks
		// straight from the two documents
		e.same = true
		return
	}
	ka := make([]uint64, len(ob))
	kb := make([]uint64, len(nb))
	for i := range ob {
		ka[i] = blockKey(&ob[i])
	}
	for i := range nb {
		kb[i] = blockKey(&nb[i])
	}
	eq := func(i, j int) bool { return ka[i] == kb[j] && ob[i].Kind == nb[j].Kind && ob[i].Text == nb[j].Text }
	var pairs [][2]int
	var positional bool
	equalBlocks(ka, kb, 0, len(ka), 0, len(kb), 0, eq, &pairs, &positional)
	if positional {
		c.wd.note("a long stretch of blocks without any that stayed the same is paired by position")
	}
	// at most one item a block, a pair of equal blocks being one
	e.blocks = make([]item, 0, len(ob)+len(nb)-len(pairs))
	if c.sectionBytes(e) >= minSplitBytes && parallel.Workers(2) > 1 {
		c.pairGaps(e, pairs)
		return
	}
	i, j := 0, 0
	for _, p := range pairs {
		c.pairGap(e, i, p[0], j, p[1])
		e.blocks = append(e.blocks, item{i: int32(p[0]), j: int32(p[1])})
		i, j = p[0]+1, p[1]+1
	}
	c.pairGap(e, i, len(ob), j, len(nb))
}

// minSplitBytes is the size, both sides' bytes together, from which a
// section's stretches are paired on every processor: one such section
// would otherwise keep a processor busy long after the others are done.
var minSplitBytes = 32 << 10

// sectionBytes is the size of a matched pair of sections, both sides'
// bytes together.
func (c *comparer) sectionBytes(e *entry) int {
	os, ns := c.old.secs[e.o].s, c.new.secs[e.n].s
	return os.End - os.Start + ns.End - ns.Start
}

// pairGaps is the end of align for a large section: the stretches between
// the equal blocks (pairs) are paired on every processor, each stretch
// into blocks of its own, which are then laid out in order.
func (c *comparer) pairGaps(e *entry, pairs [][2]int) {
	ob, nb := c.old.secs[e.o].s.Blocks, c.new.secs[e.n].s.Blocks
	// the stretch before each pair, and the one after the last
	type stretch struct{ i0, i1, j0, j1 int }
	gaps := make([]stretch, 0, len(pairs)+1)
	i, j := 0, 0
	for _, p := range pairs {
		gaps = append(gaps, stretch{i, p[0], j, p[1]})
		i, j = p[0]+1, p[1]+1
	}
	gaps = append(gaps, stretch{i, len(ob), j, len(nb)})
	parts := make([][]item, len(gaps))
	parallel.Largest(len(gaps), func(k int) int {
		g := gaps[k]
		return (g.i1 - g.i0) * (g.j1 - g.j0)
	}, func(k int) {
		g := gaps[k]
		if g.i0 == g.i1 && g.j0 == g.j1 {
			return
		}
		part := &entry{o: e.o, n: e.n}
		c.pairGap(part, g.i0, g.i1, g.j0, g.j1)
		parts[k] = part.blocks
	})
	for k, part := range parts {
		e.blocks = append(e.blocks, part...)
		if k < len(pairs) {
			e.blocks = append(e.blocks, item{i: int32(pairs[k][0]), j: int32(pairs[k][1])})
		}
	}
}

// equalBlocks appends to pairs, in order, the equal blocks of a[alo:ahi]
// and b[blo:bhi]: the common head and tail, anchors that occur once on each
// side, and a block diff of short stretches. A long stretch with no anchor
// is left to pairing by position (positional is set).
func equalBlocks(a, b []uint64, alo, ahi, blo, bhi, depth int, eq func(i, j int) bool, pairs *[][2]int, positional *bool) {
	for alo < ahi && blo < bhi && eq(alo, blo) {
		*pairs = append(*pairs, [2]int{alo, blo})
		alo++
		blo++
	}
	var tail [][2]int
	for alo < ahi && blo < bhi && eq(ahi-1, bhi-1) {
		ahi--
		bhi--
		tail = append(tail, [2]int{ahi, bhi})
	}
	defer func() {
		for k := len(tail) - 1; k >= 0; k-- {
			*pairs = append(*pairs, tail[k])
		}
	}()
	if alo == ahi || blo == bhi {
		return
	}
	if depth < maxAnchorDepth {
		if anchors := uniqueAnchors(a, b, alo, ahi, blo, bhi, eq); len(anchors) > 0 {
			i, j := alo, blo
			for _, p := range anchors {
				equalBlocks(a, b, i, p[0], j, p[1], depth+1, eq, pairs, positional)
				*pairs = append(*pairs, p)
				i, j = p[0]+1, p[1]+1
			}
			equalBlocks(a, b, i, ahi, j, bhi, depth+1, eq, pairs, positional)
			return
		}
	}
	if (ahi-alo)+(bhi-blo) > maxMyersBlocks {
		*positional = true
		return
	}
	myersBlocks(a, b, alo, ahi, blo, bhi, eq, pairs)
}

// uniqueAnchors returns the pairs of blocks that occur once in a[alo:ahi]
// and once in b[blo:bhi], reduced to a longest run that keeps its order.
func uniqueAnchors(a, b []uint64, alo, ahi, blo, bhi int, eq func(i, j int) bool) [][2]int {
	type seen struct{ na, nb, ia, ib int }
	m := make(map[uint64]*seen, ahi-alo)
	for i := alo; i < ahi; i++ {
		s := m[a[i]]
		if s == nil {
			s = &seen{}
			m[a[i]] = s
		}
		s.na++
		s.ia = i
	}
	for j := blo; j < bhi; j++ {
		if s := m[b[j]]; s != nil {
			s.nb++
			s.ib = j
		}
	}
	var cands [][2]int
	for i := alo; i < ahi; i++ {
		if s := m[a[i]]; s.na == 1 && s.nb == 1 && eq(s.ia, s.ib) {
			cands = append(cands, [2]int{s.ia, s.ib})
		}
	}
	if len(cands) == 0 {
		return nil
	}
	seq := make([]int, len(cands))
	for k, p := range cands {
		seq[k] = p[1]
	}
	keep := lis(seq)
	out := cands[:0]
	for k, p := range cands {
		if keep[k] {
			out = append(out, p)
		}
	}
	return out
}

// myersBlocks appends the equal blocks that a diff of the two block
// sequences finds.
func myersBlocks(a, b []uint64, alo, ahi, blo, bhi int, eq func(i, j int) bool, pairs *[][2]int) {
	enc := map[uint64]rune{}
	next := rune(1)
	id := func(k uint64) rune {
		r, ok := enc[k]
		if !ok {
			r = next
			enc[k] = r
			next++
			if next == 0xD800 {
				next = 0xE000
			}
		}
		return r
	}
	ra := make([]rune, ahi-alo)
	rb := make([]rune, bhi-blo)
	for i := range ra {
		ra[i] = id(a[alo+i])
	}
	for j := range rb {
		rb[j] = id(b[blo+j])
	}
	i, j := alo, blo
	for _, d := range diffIDs(ra, rb) {
		switch d.op {
		case redline.Equal:
			for k := 0; k < d.n; k++ {
				if eq(i, j) {
					*pairs = append(*pairs, [2]int{i, j})
				}
				i++
				j++
			}
		case redline.Delete:
			i += d.n
		case redline.Insert:
			j += d.n
		}
	}
}

// sameBlocks reports whether two block lists have the same kinds and texts.
func sameBlocks(a, b []doc.Block) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Kind != b[i].Kind || a[i].Text != b[i].Text {
			return false
		}
	}
	return true
}

// textKinds are the block kinds whose text is prose: one may turn into
// another (a list item into a paragraph of a definition list) and still be
// the same text.
func textKind(k doc.Kind) bool {
	return k == doc.Paragraph || k == doc.ListItem || k == doc.Quote
}

// pairable reports whether two block kinds may pair.
func pairable(a, b doc.Kind) bool { return a == b || (textKind(a) && textKind(b)) }

// minBlockDice and minBlockContained are the least similarity for two
// blocks of a stretch to be one block edited: a Dice coefficient of their
// words, or the share of the shorter block's words found in the longer.
const (
	minBlockDice      = 0.35
	minBlockContained = 0.6
)

// minPlacedDice is the least similarity for two blocks in the same place
// of a stretch to be one block rewritten.
const minPlacedDice = 0.2

// blockSimilarity scores two blocks for pairing, 0 when they are too
// different.
func blockSimilarity(x, y signature) float64 {
	if len(x) == 0 && len(y) == 0 {
		return 1
	}
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	d := dice(x, y)
	if d >= minBlockDice {
		return d
	}
	short := min(len(x), len(y))
	if short < minMoveWords {
		return 0
	}
	common := d * float64(len(x)+len(y)) / 2
	if common/float64(short) >= minBlockContained {
		return d + 0.01
	}
	return 0
}

// maxGapCells bounds the stretches whose blocks are paired by an exact
// best alignment; larger ones pair within a window of positions.
const maxGapCells = 1 << 14

// pairGap pairs the blocks of the stretch ob[i0:i1], nb[j0:j1] by
// similarity and position, in order; the others become deleted or added
// blocks, in an order that keeps both sides' order.
func (c *comparer) pairGap(e *entry, i0, i1, j0, j1 int) {
	if i0 == i1 && j0 == j1 {
		return
	}
	os, ns := c.old.secs[e.o], c.new.secs[e.n]
	ob, nb := os.s.Blocks, ns.s.Blocks
	g := &gapSigs{os: os, ns: ns, i0: i0, j0: j0, a: make([]signature, i1-i0), b: make([]signature, j1-j0)}
	sim := func(i, j int) float64 {
		if !pairable(ob[i].Kind, nb[j].Kind) {
			return 0
		}
		x, y := g.old(i), g.new(j)
		// a block in the same place, counted from either end of the
		// stretch, pairs at a lower similarity
		same := i-i0 == j-j0 || i1-i == j1-j
		if mayReach(len(x), len(y), minBlockDice) || mayContain(len(x), len(y)) {
			if v := blockSimilarity(x, y); v > 0 {
				return v
			}
		}
		if same && len(x) >= minMoveWords && len(y) >= minMoveWords && mayReach(len(x), len(y), minPlacedDice) {
			if d := dice(x, y); d >= minPlacedDice {
				// weak pairs weigh little, so that they never displace
				// a similar pair
				return -d / 16
			}
		}
		return 0
	}
	// a weak similarity (in the same place only) comes back negative
	abs := func(i, j int) float64 {
		v := sim(i, j)
		return max(v, -v)
	}
	var pairs [][2]int
	if (i1-i0)*(j1-j0) <= maxGapCells {
		pairs = bestPairs(i0, i1, j0, j1, abs)
	} else {
		pairs = windowPairs(i0, i1, j0, j1, abs)
	}
	units := c.joins(g, pairs, i0, i1, j0, j1, func(i, j int) bool { return sim(i, j) < 0 })
	i, j := i0, j0
	for _, u := range units {
		for ; i < u.i; i++ {
			e.add(g.deleted(e, i))
		}
		for ; j < u.j; j++ {
			e.add(g.added(e, j))
		}
		e.add(c.emit(e, g, u)...)
		i, j = max(u.i, u.i2)+1, max(u.j, u.j2)+1
	}
	for ; i < i1; i++ {
		e.add(g.deleted(e, i))
	}
	for ; j < j1; j++ {
		e.add(g.added(e, j))
	}
}

// deleted is old block i of the stretch as deleted. It keeps the block's
// signature, if the stretch made it, for the move finder.
func (g *gapSigs) deleted(e *entry, i int) *bentry {
	return &bentry{kind: string(g.os.s.Blocks[i].Kind), status: redline.Deleted, old: &blockRef{e.o, i}, sig: g.a[i-g.i0]}
}

// added is new block j of the stretch as added, with its signature if the
// stretch made it.
func (g *gapSigs) added(e *entry, j int) *bentry {
	return &bentry{kind: string(g.ns.s.Blocks[j].Kind), status: redline.Added, new: &blockRef{e.n, j}, sig: g.b[j-g.j0]}
}

// gapSigs are the word signatures of the blocks of one stretch, made when
// first needed and let go with the stretch: a long section never holds
// them all. A block whose signature the section's own (sec.blockSig)
// already made takes that one.
type gapSigs struct {
	os, ns *sec
	i0, j0 int
	a, b   []signature
}

// old is the signature of old block i of the stretch.
func (g *gapSigs) old(i int) signature {
	s := &g.a[i-g.i0]
	if *s == nil {
		*s = g.os.madeSig(i)
	}
	return *s
}

// new is the signature of new block j of the stretch.
func (g *gapSigs) new(j int) signature {
	s := &g.b[j-g.j0]
	if *s == nil {
		*s = g.ns.madeSig(j)
	}
	return *s
}

// unit is a pair of blocks, or a split (old i into new j and j2) or a
// merge (old i and i2 into new j); i2 and j2 are -1 when unused.
type unit struct {
	i, i2, j, j2 int
	weak         bool
}

// minJoinContained is the least share of a block's words found in the
// block it came from (or went into) for a split (or merge) to be shown.
const minJoinContained = 0.8

// joins turns the pairs of a stretch into units: where the next (or
// previous) block on one side is unpaired and its words come from the
// paired block on the other side, the pair is a split or a merge.
func (c *comparer) joins(g *gapSigs, pairs [][2]int, i0, i1, j0, j1 int, weak func(i, j int) bool) []unit {
	os, ns := g.os, g.ns
	units := make([]unit, 0, len(pairs))
	pi, pj := i0-1, j0-1 // the last old and new blocks taken
	for k, p := range pairs {
		u := unit{i: p[0], i2: -1, j: p[1], j2: -1, weak: weak(p[0], p[1])}
		ni, nj := i1, j1
		if k+1 < len(pairs) {
			ni, nj = pairs[k+1][0], pairs[k+1][1]
		}
		if !u.weak && textKind(os.s.Blocks[u.i].Kind) {
			switch {
			case u.j+1 < nj && c.joinable(g.old(u.i), g.new(u.j+1), ns.s.Blocks[u.j+1].Kind):
				u.j2 = u.j + 1
			case u.j-1 > pj && c.joinable(g.old(u.i), g.new(u.j-1), ns.s.Blocks[u.j-1].Kind):
				u.j, u.j2 = u.j-1, u.j
			case u.i+1 < ni && c.joinable(g.new(u.j), g.old(u.i+1), os.s.Blocks[u.i+1].Kind):
				u.i2 = u.i + 1
			case u.i-1 > pi && c.joinable(g.new(u.j), g.old(u.i-1), os.s.Blocks[u.i-1].Kind):
				u.i, u.i2 = u.i-1, u.i
			}
		}
		pi, pj = max(u.i, u.i2), max(u.j, u.j2)
		units = append(units, u)
	}
	return units
}

// joinable reports whether a block (part) of some words came from, or
// went into, a text block whole, most of its words found there.
func (c *comparer) joinable(whole, part signature, k doc.Kind) bool {
	return textKind(k) && len(part) >= minMoveWords && contained(part, whole) >= minJoinContained
}

// emit returns the blocks of a unit.
func (c *comparer) emit(e *entry, g *gapSigs, u unit) []*bentry {
	switch {
	case u.weak:
		d := g.deleted(e, u.i)
		d.weak = g.added(e, u.j)
		return []*bentry{d, d.weak}
	case u.j2 >= 0:
		return c.split(e, u)
	case u.i2 >= 0:
		return c.mergeBlocks(e, u)
	}
	return []*bentry{c.modified(e, u.i, u.j)}
}

// joinSep stands between the two texts of a split or merge while they are
// diffed as one; it occurs in no draft text.
const joinSep = "\x00"

// split shows old block i as split into new blocks j and j2: it left, and
// both arrived, with the word diff of the old text against the two new
// ones, cut where the second begins.
func (c *comparer) split(e *entry, u unit) []*bentry {
	ob, nb := &c.old.secs[e.o].s.Blocks[u.i], c.new.secs[e.n].s.Blocks
	ta := textToks(ob.Text)
	tb := joinToks(nb[u.j].Text, joinSep, nb[u.j2].Text)
	var cnt counts
	ops := c.wd.tokens(ta, tb, 0, &cnt)
	first, second := cutOps(ops)
	d := &bentry{kind: string(ob.Kind), status: redline.Moved, old: &blockRef{e.o, u.i}, ops: tidy(dropSep(ops)), joined: "split"}
	a1 := &bentry{kind: string(nb[u.j].Kind), status: redline.Moved, new: &blockRef{e.n, u.j}, ops: tidy(first), ins: cnt.ins, del: cnt.del, joined: "split"}
	a2 := &bentry{kind: string(nb[u.j2].Kind), status: redline.Moved, new: &blockRef{e.n, u.j2}, ops: tidy(second), joined: "split"}
	d.other, a1.other, a2.other = a1, d, d
	d.move = moveID(ob.Text)
	a1.move, a2.move = d.move, d.move
	return []*bentry{d, a1, a2}
}

// mergeBlocks shows old blocks i and i2 as merged into new block j.
func (c *comparer) mergeBlocks(e *entry, u unit) []*bentry {
	ob, nb := c.old.secs[e.o].s.Blocks, &c.new.secs[e.n].s.Blocks[u.j]
	ta := joinToks(ob[u.i].Text, joinSep, ob[u.i2].Text)
	tb := textToks(nb.Text)
	var cnt counts
	ops := c.wd.tokens(ta, tb, 0, &cnt)
	first, second := cutOps(ops)
	a := &bentry{kind: string(nb.Kind), status: redline.Moved, new: &blockRef{e.n, u.j}, ops: tidy(dropSep(ops)), ins: cnt.ins, del: cnt.del, joined: "merged"}
	d1 := &bentry{kind: string(ob[u.i].Kind), status: redline.Moved, old: &blockRef{e.o, u.i}, ops: tidy(first), joined: "merged"}
	d2 := &bentry{kind: string(ob[u.i2].Kind), status: redline.Moved, old: &blockRef{e.o, u.i2}, ops: tidy(second), joined: "merged"}
	a.other, d1.other, d2.other = d1, a, a
	d1.move = moveID(ob[u.i].Text)
	a.move, d2.move = d1.move, d1.move
	return []*bentry{d1, d2, a}
}

// cutOps splits ops at the separator, which is dropped.
func cutOps(ops []redline.Op) (first, second []redline.Op) {
	for k, op := range ops {
		if at := strings.Index(op.Text, joinSep); at >= 0 {
			first = append(append(first, ops[:k]...), redline.Op{Op: op.Op, Text: op.Text[:at]})
			second = append(append(second, redline.Op{Op: op.Op, Text: op.Text[at+len(joinSep):]}), ops[k+1:]...)
			return first, second
		}
	}
	return ops, nil
}

// dropSep removes the separator from ops.
func dropSep(ops []redline.Op) []redline.Op {
	out := make([]redline.Op, 0, len(ops))
	for _, op := range ops {
		op.Text = strings.Replace(op.Text, joinSep, "", 1)
		out = append(out, op)
	}
	return out
}

// mayContain reports whether blocks of sizes a and b may reach
// minBlockContained: the shorter needs enough words.
func mayContain(a, b int) bool { return min(a, b) >= minMoveWords }

// modified is the block of old block i and new block j, word-diffed.
func (c *comparer) modified(e *entry, i, j int) *bentry {
	ob, nb := &c.old.secs[e.o].s.Blocks[i], &c.new.secs[e.n].s.Blocks[j]
	ops, ins, del := c.wd.blockDiff(ob, nb)
	st := redline.Modified
	if ins == 0 && del == 0 && !hasChange(ops) && ob.Kind == nb.Kind {
		st = redline.Unchanged
	}
	return &bentry{kind: string(nb.Kind), status: st, old: &blockRef{e.o, i}, new: &blockRef{e.n, j}, ops: ops, ins: ins, del: del}
}

// bestPairs is the ordered set of pairs with the greatest total
// similarity (a dynamic programme over the stretch).
func bestPairs(i0, i1, j0, j1 int, sim func(i, j int) float64) [][2]int {
	m, n := i1-i0, j1-j0
	if m == 0 || n == 0 {
		return nil
	}
	buf := dpPool.Get().(*[]float64)
	defer dpPool.Put(buf)
	if need := (m+1)*(n+1) + m*n; cap(*buf) < need {
		*buf = make([]float64, need)
	}
	score := (*buf)[:(m+1)*(n+1)]
	s := (*buf)[len(score) : len(score)+m*n]
	// every cell is written before it is read but the last row and
	// column, which stay 0
	clear(score[m*(n+1):])
	for i := 0; i < m; i++ {
		score[i*(n+1)+n] = 0
	}
	at := func(i, j int) *float64 { return &score[i*(n+1)+j] }
	for i := m - 1; i >= 0; i-- {
		for j := n - 1; j >= 0; j-- {
			best := max(*at(i+1, j), *at(i, j+1))
			v := 0.0
			// blocks pair near the same place, counted from either end
			if abs(i-j) <= gapWindow || abs((m-i)-(n-j)) <= gapWindow {
				v = sim(i0+i, j0+j)
			}
			s[i*n+j] = v
			if v > 0 {
				best = max(best, v+*at(i+1, j+1))
			}
			*at(i, j) = best
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < m && j < n; {
		v := s[i*n+j]
		switch {
		case v > 0 && *at(i, j) == v+*at(i+1, j+1):
			out = append(out, [2]int{i0 + i, j0 + j})
			i++
			j++
		case *at(i, j) == *at(i+1, j):
			i++
		default:
			j++
		}
	}
	return out
}

// dpPool holds bestPairs' work space, reused by the stretches of every
// section.
var dpPool = sync.Pool{New: func() any { return new([]float64) }}

func abs(x int) int { return max(x, -x) }

// gapWindow is how far apart, in positions, two blocks of a large stretch
// may be and still pair.
const gapWindow = 8

// windowPairs pairs each old block with the most similar new block among
// the next gapWindow unpaired ones, in order.
func windowPairs(i0, i1, j0, j1 int, sim func(i, j int) float64) [][2]int {
	var out [][2]int
	nj := j0
	for i := i0; i < i1; i++ {
		best, bestScore := -1, 0.0
		for j := nj; j < j1 && j < nj+gapWindow; j++ {
			if s := sim(i, j); s > bestScore {
				best, bestScore = j, s
			}
		}
		if best >= 0 {
			out = append(out, [2]int{i, best})
			nj = best + 1
		}
	}
	return out
}

// pairWeak turns each deleted block and the added block in its place that
// it resembles a little into one modified block, where neither moved.
func (c *comparer) pairWeak(e *entry) {
	out := e.blocks[:0]
	for k := 0; k < len(e.blocks); k++ {
		b := e.blocks[k].b
		if b != nil && b.weak != nil && b.status == redline.Deleted && b.weak.status == redline.Added && k+1 < len(e.blocks) && e.blocks[k+1].b == b.weak {
			m := c.modified(e, b.old.blk, b.weak.new.blk)
			m.owner = e
			out = append(out, item{b: m})
			k++
			continue
		}
		out = append(out, e.blocks[k])
	}
	e.blocks = out
}
