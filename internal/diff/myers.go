package diff

import (
	"slices"
	"sync"

	"github.com/codraft/codraft/internal/redline"
)

// This file diffs two sequences of item ids (words, sentences, blocks or
// sections numbered by an encoder) with the algorithm of go-diff's
// DiffMainRunes without a time limit: common prefix and suffix trimmed, a
// shorter side found whole inside the longer, Myers' bisection otherwise,
// and its merge cleanup after every step. It works on the ids and on
// counts of items, never on strings, and reuses its work space, so a diff
// allocates little; its edits are the ones go-diff gives for the same
// sequences written as runes, item for item, which the tests check on
// random and corpus input.

// editKind is the kind of an edit: equal, deleted or inserted items.
type editKind int8

const (
	kEqual editKind = iota
	kDelete
	kInsert
)

// edit is a stretch of n items: for an equal stretch a[pa:pa+n] and
// b[pb:pb+n], for a deletion a[pa:pa+n], for an insertion b[pb:pb+n]. pa
// and pb are where the stretch starts in a and b either way.
type edit struct {
	kind   editKind
	n      int32
	pa, pb int32
}

// myers holds the two sequences of one diff and its reusable work space.
type myers struct {
	a, b []rune
	v    []int32
	buf  []edit
	// ra and rb are the space for the sides of a bisect reversed
	ra, rb []rune
}

var myersPool = sync.Pool{New: func() any { return &myers{} }}

// diffIDs diffs two sequences of ids, with no time limit, so that results
// never depend on the machine's load. Its runs are go-diff's diffs, in
// order, as counts of items (a diff may hold empty runs, as go-diff's does).
func diffIDs(a, b []rune) []run { return diffIDsInto(a, b, nil) }

// diffIDsInto is diffIDs with its runs in dst's space.
func diffIDsInto(a, b []rune, dst []run) []run {
	m := myersPool.Get().(*myers)
	m.a, m.b = a, b
	m.buf = m.main(a, b, 0, 0, m.buf[:0])
	out := dst[:0]
	for _, e := range m.buf {
		out = append(out, run{op: e.kind.op(), n: int(e.n)})
	}
	m.a, m.b = nil, nil
	myersPool.Put(m)
	return out
}

func (k editKind) op() redline.OpKind {
	switch k {
	case kDelete:
		return redline.Delete
	case kInsert:
		return redline.Insert
	}
	return redline.Equal
}

// main appends the diff of a and b, which start at oa in m.a and ob in
// m.b, to out.
func (m *myers) main(a, b []rune, oa, ob int, out []edit) []edit {
	if slices.Equal(a, b) {
		if len(a) > 0 {
			out = append(out, edit{kEqual, int32(len(a)), int32(oa), int32(ob)})
		}
		return out
	}
	start := len(out)
	p := prefixLen(a, b)
	a1, b1 := a[p:], b[p:]
	s := suffixLen(a1, b1)
	a1, b1 = a1[:len(a1)-s], b1[:len(b1)-s]
	if p != 0 {
		out = append(out, edit{kEqual, int32(p), int32(oa), int32(ob)})
	}
	out = m.compute(a1, b1, oa+p, ob+p, out)
	if s != 0 {
		out = append(out, edit{kEqual, int32(s), int32(oa + len(a) - s), int32(ob + len(b) - s)})
	}
	// the merge works on this diff's edits at the end of out, in place
	// while they fit
	return append(out[:start], m.merge(out[start:])...)
}

// compute appends the diff of a and b, which have no common prefix or
// suffix, to out.
func (m *myers) compute(a, b []rune, oa, ob int, out []edit) []edit {
	na, nb, pa, pb := int32(len(a)), int32(len(b)), int32(oa), int32(ob)
	if na == 0 {
		return append(out, edit{kInsert, nb, pa, pb})
	}
	if nb == 0 {
		return append(out, edit{kDelete, na, pa, pb})
	}
	if na > nb {
		if i := int32(indexOf(a, b)); i != -1 {
			return append(out,
				edit{kDelete, i, pa, pb},
				edit{kEqual, nb, pa + i, pb},
				edit{kDelete, na - i - nb, pa + i + nb, pb + nb})
		}
	} else if i := int32(indexOf(b, a)); i != -1 {
		return append(out,
			edit{kInsert, i, pa, pb},
			edit{kEqual, na, pa, pb + i},
			edit{kInsert, nb - i - na, pa + na, pb + i + na})
	}
	if min(na, nb) == 1 {
		return append(out, edit{kDelete, na, pa, pb}, edit{kInsert, nb, pa + na, pb})
	}
	x, y, ok := m.bisect(a, b)
	if !ok {
		return append(out, edit{kDelete, na, pa, pb}, edit{kInsert, nb, pa + na, pb})
	}
	out = m.main(a[:x], b[:y], oa, ob, out)
	return m.main(a[x:], b[y:], oa+x, ob+y, out)
}

// bisect finds the middle snake of Myers' diff of a and b, where the
// problem splits in two: the point (x, y), or false when the sides have
// nothing in common. It is go-diff's diff_bisect step for step. The paths
// from the back run over a and b reversed, so that one function extends
// the paths of either direction; it keeps its few variables in registers
// and indexes without bounds checks.
func (m *myers) bisect(a, b []rune) (int, int, bool) {
	n1, n2 := len(a), len(b)
	maxD := (n1 + n2 + 1) / 2
	vlen := 2 * maxD
	if cap(m.v) < 2*vlen {
		m.v = make([]int32, 2*vlen)
	}
	m.ra, m.rb = reversed(m.ra, a), reversed(m.rb, b)
	off, delta := maxD, n1-n2
	fw := paths{a: a, b: b, v: m.v[:vlen:vlen], off: off}
	bw := paths{a: m.ra, b: m.rb, v: m.v[vlen : 2*vlen : 2*vlen], off: off}
	for i := range fw.v {
		fw.v[i] = -1
	}
	copy(bw.v, fw.v)
	fw.v[off+1] = 0
	bw.v[off+1] = 0
	// with an odd total the front path meets the reverse one
	front := delta%2 != 0
	for d := 0; d < maxD; d++ {
		if _, x, y, _, ok := fw.step(d, bw.v, off+delta, front); ok {
			return x, y, true
		}
		if k, _, _, o, ok := bw.step(d, fw.v, off+delta, !front); ok {
			return o, o - delta + k, true
		}
	}
	return 0, 0, false
}

// paths are the furthest paths of one direction of a bisect by diagonal
// (diagonal k at v[off+k]), over a and b as that direction reads them.
// Diagonals before kstart and after kend have run off the end of a or b.
type paths struct {
	a, b         []rune
	v            []int32
	off          int
	kstart, kend int
}

// step extends the paths by one step, d. With meet set, it reports the
// first that reaches a path of the other direction, whose diagonal
// delta-k is at other[base-k]: its diagonal k, where it got to, and how
// far the other got.
func (p *paths) step(d int, other []int32, base int, meet bool) (k, x, y, o int, ok bool) {
	a, b, v, off := p.a, p.b, p.v, p.off
	n1, n2 := len(a), len(b)
	for k = -d + p.kstart; k <= d-p.kend; k += 2 {
		koff := off + k
		// one down from diagonal k+1 or one right from k-1, whichever
		// gets further
		switch k {
		case -d:
			x = int(v[koff+1])
		case d:
			x = int(v[koff-1]) + 1
		default:
			x = int(max(v[koff-1]+1, v[koff+1]))
		}
		y = x - k
		for uint(x) < uint(len(a)) && uint(y) < uint(len(b)) && a[x] == b[y] {
			x++
			y++
		}
		v[koff] = int32(x)
		switch {
		case x > n1:
			p.kend += 2
		case y > n2:
			p.kstart += 2
		case meet:
			if j := base - k; uint(j) < uint(len(other)) && other[j] != -1 && x+int(other[j]) >= n1 {
				return k, x, y, int(other[j]), true
			}
		}
	}
	return 0, 0, 0, 0, false
}

// reversed is s in reverse order, in dst's space.
func reversed(dst, s []rune) []rune {
	dst = append(dst[:0], s...)
	slices.Reverse(dst)
	return dst
}

// items is the stretch of m.a or m.b that an edit stands for.
func (m *myers) items(e edit) []rune {
	if e.kind == kInsert {
		return m.b[e.pb : e.pb+e.n]
	}
	return m.a[e.pa : e.pa+e.n]
}

// merge is go-diff's DiffCleanupMerge: it merges like edits, factors
// common items out of a deletion and insertion side by side, and shifts a
// single edit between two equal stretches over one of them where that
// removes an equal stretch.
func (m *myers) merge(es []edit) []edit {
	if len(es) == 0 {
		return es
	}
	es = m.mergeRuns(es)
	changes := false
	// a single edit between two equal stretches that can slide over one
	// of them: A<ins>BA</ins>C becomes <ins>AB</ins>AC
	for p := 1; p < len(es)-1; p++ {
		if es[p-1].kind != kEqual || es[p+1].kind != kEqual {
			continue
		}
		e, x, f := es[p-1], es[p], es[p+1]
		if hasSuffix(m.items(x), m.items(e)) {
			es[p].pa -= e.n
			es[p].pb -= e.n
			es[p+1].n += e.n
			es[p+1].pa -= e.n
			es[p+1].pb -= e.n
			es = slices.Delete(es, p-1, p)
			changes = true
		} else if hasPrefix(m.items(x), m.items(f)) {
			es[p-1].n += f.n
			es[p].pa += f.n
			es[p].pb += f.n
			es = slices.Delete(es, p+1, p+2)
			changes = true
		}
	}
	if changes {
		es = m.merge(es)
	}
	return es
}

// mergeRuns is the first pass of merge: each run of deletions and
// insertions between equal stretches becomes one deletion and one
// insertion, with the items they start or end with in common moved into
// the equal stretches around them, and adjacent equal stretches are joined.
func (m *myers) mergeRuns(es []edit) []edit {
	last := es[len(es)-1]
	ea, eb := last.pa, last.pb
	if last.kind != kInsert {
		ea += last.n
	}
	if last.kind != kDelete {
		eb += last.n
	}
	es = append(es, edit{kEqual, 0, ea, eb})
	p, cd, ci := 0, 0, 0
	var nd, ni int32
	for p < len(es) {
		switch es[p].kind {
		case kInsert:
			ci++
			ni += es[p].n
			p++
			continue
		case kDelete:
			cd++
			nd += es[p].n
			p++
			continue
		}
		switch {
		case cd+ci > 1:
			x := p - cd - ci
			pa, pb := es[x].pa, es[x].pb
			if cd != 0 && ci != 0 {
				if c := int32(prefixLen(m.b[pb:pb+ni], m.a[pa:pa+nd])); c != 0 {
					if x > 0 && es[x-1].kind == kEqual {
						es[x-1].n += c
					} else {
						// go-diff puts these items first; here x is 0
						es = slices.Insert(es, 0, edit{kEqual, c, pa, pb})
						p++
					}
					pa, pb, nd, ni = pa+c, pb+c, nd-c, ni-c
				}
				if c := int32(suffixLen(m.b[pb:pb+ni], m.a[pa:pa+nd])); c != 0 {
					es[p].n += c
					es[p].pa -= c
					es[p].pb -= c
					nd, ni = nd-c, ni-c
				}
			}
			switch {
			case cd == 0:
				es = slices.Replace(es, p-ci, p, edit{kInsert, ni, pa, pb})
			case ci == 0:
				es = slices.Replace(es, p-cd, p, edit{kDelete, nd, pa, pb})
			default:
				es = slices.Replace(es, p-cd-ci, p, edit{kDelete, nd, pa, pb}, edit{kInsert, ni, pa + nd, pb})
			}
			p = p - cd - ci + 1
			if cd != 0 {
				p++
			}
			if ci != 0 {
				p++
			}
		case p != 0 && es[p-1].kind == kEqual:
			es[p-1].n += es[p].n
			es = slices.Delete(es, p, p+1)
		default:
			p++
		}
		cd, ci, nd, ni = 0, 0, 0, 0
	}
	if es[len(es)-1].n == 0 {
		es = es[:len(es)-1]
	}
	return es
}

func prefixLen(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func suffixLen(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func hasSuffix(s, suffix []rune) bool {
	return len(s) >= len(suffix) && slices.Equal(s[len(s)-len(suffix):], suffix)
}

func hasPrefix(s, prefix []rune) bool {
	return len(s) >= len(prefix) && slices.Equal(s[:len(prefix)], prefix)
}

// indexOf is where short first occurs whole in long, or -1.
func indexOf(long, short []rune) int {
	if len(short) == 0 {
		return 0
	}
	first := short[0]
	for i := 0; i+len(short) <= len(long); i++ {
		if long[i] == first && slices.Equal(long[i:i+len(short)], short) {
			return i
		}
	}
	return -1
}
