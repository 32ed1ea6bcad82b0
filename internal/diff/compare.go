package diff

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/parallel"
	"github.com/codraft/codraft/internal/redline"
)

// Options tunes a comparison.
type Options struct {
	IgnoreCase        bool
	IgnorePunctuation bool
}

// sec is one section of one side, flattened across the side's files.
type sec struct {
	s      *doc.Section
	file   string
	index  int
	parent int // index on the same side, -1 at the top
	sig    signature
	// per block, computed once when first needed
	bsig   []signature
	bwords []int
}

// blockSig is the signature of block i.
func (x *sec) blockSig(i int) signature {
	if x.bsig == nil {
		x.bsig = make([]signature, len(x.s.Blocks))
	}
	if x.bsig[i] == nil {
		x.bsig[i] = signatureOf(x.s.Blocks[i].Text)
	}
	return x.bsig[i]
}

// blockWords is the number of words of block i.
func (x *sec) blockWords(i int) int {
	if x.bwords == nil {
		x.bwords = make([]int, len(x.s.Blocks))
		for k := range x.bwords {
			x.bwords[k] = -1
		}
	}
	if x.bwords[i] < 0 {
		x.bwords[i] = countWords(x.s.Blocks[i].Text)
	}
	return x.bwords[i]
}

type side struct {
	secs []*sec
}

func flatten(docs []*doc.Document) *side {
	sd := &side{}
	for _, d := range docs {
		base := len(sd.secs)
		for i := range d.Sections {
			s := &d.Sections[i]
			p := -1
			if s.Parent >= 0 {
				p = base + s.Parent
			}
			sd.secs = append(sd.secs, &sec{s: s, file: d.File, index: len(sd.secs), parent: p})
		}
	}
	return sd
}

func (x *sec) signature() signature {
	if x.sig == nil {
		sig := signature{}
		for i := range x.s.Blocks {
			sig = append(sig, x.blockSig(i)...)
		}
		slices.Sort(sig)
		x.sig = sig
	}
	return x.sig
}

// Compare produces the redline of two drafts, each given as its files in
// path order. From and To of the result are left for the caller to fill.
func Compare(oldDocs, newDocs []*doc.Document, opts Options) *redline.Result {
	c := &comparer{
		old:  flatten(oldDocs),
		new:  flatten(newDocs),
		opts: opts,
		wd:   &wordDiffer{opts: opts},
	}
	c.match()
	res := c.build()
	res.MetadataChanged = frontMatterChanged(oldDocs, newDocs)
	return res
}

// frontMatterChanged compares the front matter of the files on each side.
func frontMatterChanged(a, b []*doc.Document) bool {
	fm := func(ds []*doc.Document) string {
		var sb strings.Builder
		for _, d := range ds {
			sb.Write(d.Source[:d.FrontMatterEnd])
			sb.WriteByte(0)
		}
		return sb.String()
	}
	return fm(a) != fm(b)
}

type comparer struct {
	old, new *side
	opts     Options
	wd       *wordDiffer
	o2n, n2o []int // matches, -1 when none
}

// match pairs old and new sections, coarse to fine: explicit ids,
// preambles, titles, numbers of untitled sections, content, position.
func (c *comparer) match() {
	c.o2n = fill(len(c.old.secs), -1)
	c.n2o = fill(len(c.new.secs), -1)

	// 1. explicit ids
	byID := map[string]int{}
	for _, n := range c.new.secs {
		if n.s.ExplicitID {
			if _, dup := byID[n.s.ID]; !dup {
				byID[n.s.ID] = n.index
			}
		}
	}
	for _, o := range c.old.secs {
		if o.s.ExplicitID {
			if ni, ok := byID[o.s.ID]; ok && c.n2o[ni] < 0 {
				c.pair(o.index, ni)
			}
		}
	}
	// 2. preambles, by file then in order
	c.matchByKey(func(x *sec) string {
		if x.s.Level == 0 {
			return "\x00preamble"
		}
		return ""
	})
	// 3. titles, then 4. numbers of sections without a title
	c.matchByKey(func(x *sec) string { return doc.Slug(x.s.Title) })
	c.matchByKey(func(x *sec) string {
		if doc.Slug(x.s.Title) != "" {
			return ""
		}
		return doc.Slug(x.s.Number)
	})
	// 5. retitled sections that kept their number and level
	c.matchByNumberAndTitle()
	// 6. content similarity
	c.matchByContent()
	// 7. position: one unmatched old and one unmatched new section of the
	// same level between the same matched neighbours
	c.matchByPosition()
	// 8. what is left with neither title nor words ("#" alone): by id, the
	// order among such sections, and level
	c.matchByKey(func(x *sec) string {
		if doc.Slug(x.s.Title) != "" || doc.Slug(x.s.Number) != "" {
			return ""
		}
		return fmt.Sprintf("%s\x00%d", x.s.ID, x.s.Level)
	})
}

func fill(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func (c *comparer) pair(o, n int) { c.o2n[o], c.n2o[n] = n, o }

// matchByKey pairs unmatched sections with equal non-empty keys. Where a
// key is shared by several sections, equal numbers pair first, then
// sections whose parents are paired with each other, then document order.
func (c *comparer) matchByKey(key func(*sec) string) {
	olds, news := map[string][]*sec{}, map[string][]*sec{}
	var keys []string
	for _, o := range c.old.secs {
		if c.o2n[o.index] < 0 {
			if k := key(o); k != "" {
				if _, ok := olds[k]; !ok {
					keys = append(keys, k)
				}
				olds[k] = append(olds[k], o)
			}
		}
	}
	for _, n := range c.new.secs {
		if c.n2o[n.index] < 0 {
			if k := key(n); k != "" {
				news[k] = append(news[k], n)
			}
		}
	}
	var ambiguous []string
	for _, k := range keys {
		os, ns := olds[k], news[k]
		if len(ns) == 0 {
			continue
		}
		if len(os) == 1 && len(ns) == 1 {
			c.pair(os[0].index, ns[0].index)
			continue
		}
		ambiguous = append(ambiguous, k)
	}
	// ambiguous keys after the unique ones, so that parents are known.
	// Each rule pairs an old section with the first unmatched new one of
	// the same key that agrees with it on some attributes; the new
	// sections are grouped by those attributes, so that finding it takes
	// no scan of every new section (20,000 sections titled alike took
	// half a minute that way).
	for _, rule := range []func(x *sec, old bool) (string, bool){
		func(x *sec, old bool) (string, bool) { return c.numberParentKey(x, old) },
		func(x *sec, old bool) (string, bool) {
			p, ok := c.parentKey(x, old)
			return p + "\x00" + x.file, ok
		},
		func(x *sec, old bool) (string, bool) { return c.parentKey(x, old) },
		func(x *sec, old bool) (string, bool) { return x.s.Number, x.s.Number != "" },
		func(x *sec, old bool) (string, bool) { return x.file, true },
		func(x *sec, old bool) (string, bool) { return "", true },
	} {
		for _, k := range ambiguous {
			groups := map[string]*queue{}
			for _, n := range news[k] {
				if gk, ok := rule(n, false); ok {
					q := groups[gk]
					if q == nil {
						q = &queue{}
						groups[gk] = q
					}
					q.secs = append(q.secs, n)
				}
			}
			for _, o := range olds[k] {
				if c.o2n[o.index] >= 0 {
					continue
				}
				gk, ok := rule(o, true)
				if !ok {
					continue
				}
				if n := groups[gk].first(c); n != nil {
					c.pair(o.index, n.index)
				}
			}
		}
	}
}

// queue is a group of new sections in document order; first skips those
// matched since.
type queue struct {
	secs []*sec
	next int
}

func (q *queue) first(c *comparer) *sec {
	if q == nil {
		return nil
	}
	for q.next < len(q.secs) && c.n2o[q.secs[q.next].index] >= 0 {
		q.next++
	}
	if q.next == len(q.secs) {
		return nil
	}
	return q.secs[q.next]
}

// parentKey names the parent a section must have on the new side to be
// paired with x under sameParent: for a new section its parent, for an
// old one the partner of its parent (false when that has none).
func (c *comparer) parentKey(x *sec, old bool) (string, bool) {
	p := x.parent
	if old && p >= 0 {
		p = c.o2n[p]
		if p < 0 {
			return "", false
		}
	}
	return strconv.Itoa(p), true
}

// numberParentKey is x's number and parentKey, for a section with a number.
func (c *comparer) numberParentKey(x *sec, old bool) (string, bool) {
	p, ok := c.parentKey(x, old)
	return x.s.Number + "\x00" + p, ok && x.s.Number != ""
}

// sameParent reports whether o's parent is matched to n's parent (or both
// are at the top level).
func (c *comparer) sameParent(o, n *sec) bool {
	if o.parent < 0 || n.parent < 0 {
		return o.parent < 0 && n.parent < 0
	}
	return c.o2n[o.parent] == n.parent
}

// matchByNumberAndTitle pairs sections with the same number and level
// whose titles share most of their words ("Additional Terms for Pages" and
// "Additional Terms for Pages and Lab").
func (c *comparer) matchByNumberAndTitle() {
	byNum := map[string][]*sec{}
	for _, n := range c.new.secs {
		if c.n2o[n.index] < 0 && n.s.Number != "" {
			byNum[n.s.Number] = append(byNum[n.s.Number], n)
		}
	}
	var cands []scored
	for _, o := range c.old.secs {
		if c.o2n[o.index] >= 0 || o.s.Number == "" {
			continue
		}
		ot := signatureOf(o.s.Title)
		for _, n := range byNum[o.s.Number] {
			if n.s.Level != o.s.Level {
				continue
			}
			if d := dice(ot, signatureOf(n.s.Title)); d >= 0.6 && len(ot) > 0 {
				cands = append(cands, scored{o.index, n.index, d})
			}
		}
	}
	bestFirst(cands, func(o, n int) {
		if c.o2n[o] < 0 && c.n2o[n] < 0 {
			c.pair(o, n)
		}
	})
}

// scored is a candidate pair of an old and a new item with its similarity.
type scored struct {
	o, n  int
	score float64
}

// bestFirst offers the pairs to take, best first, ties broken by the old
// then the new item's position, so the outcome is deterministic.
func bestFirst(cands []scored, take func(o, n int)) {
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.o != b.o {
			return a.o < b.o
		}
		return a.n < b.n
	})
	for _, cd := range cands {
		take(cd.o, cd.n)
	}
}

// mayReach reports whether two word multisets of sizes a and b can have a
// Dice coefficient of at least min: it is at most 2*min(a,b)/(a+b).
func mayReach(a, b int, min float64) bool {
	if a+b == 0 {
		return true
	}
	lo := a
	if b < lo {
		lo = b
	}
	return 2*float64(lo) >= min*float64(a+b)
}

// minSimilar is the least similarity for two sections or blocks to be the
// same text.
const minSimilar = 0.5

// matchByContent pairs the remaining sections whose words are similar,
// best pair first.
func (c *comparer) matchByContent() {
	var os, ns []*sec
	for _, o := range c.old.secs {
		if c.o2n[o.index] < 0 && len(o.signature()) >= 3 {
			os = append(os, o)
		}
	}
	for _, n := range c.new.secs {
		if c.n2o[n.index] < 0 && len(n.signature()) >= 3 {
			ns = append(ns, n)
		}
	}
	if len(os) == 0 || len(ns) == 0 {
		return
	}
	var cands []scored
	for _, pr := range candidates(os, ns) {
		o, n := os[pr[0]], ns[pr[1]]
		if !mayReach(len(o.signature()), len(n.signature()), minSimilar) {
			continue
		}
		if s := dice(o.signature(), n.signature()); s >= minSimilar {
			cands = append(cands, scored{o.index, n.index, s})
		}
	}
	bestFirst(cands, func(o, n int) {
		if c.o2n[o] < 0 && c.n2o[n] < 0 {
			c.pair(o, n)
		}
	})
}

// candidates lists the pairs worth scoring: all of them when there are few,
// else those that share one of the rarer words of the old item.
func candidates(os, ns []*sec) [][2]int {
	var out [][2]int
	if len(os)*len(ns) <= 4096 {
		for i := range os {
			for j := range ns {
				out = append(out, [2]int{i, j})
			}
		}
		return out
	}
	sigs := make([]signature, len(ns))
	for j, n := range ns {
		sigs[j] = n.signature()
	}
	return candidatePairs(func(i int) signature { return os[i].signature() }, len(os), sigs, minSimilar)
}

// sketchSize is how many words stand for an item when candidates are
// looked up: its rarest words among the new items.
const sketchSize = 16

// maxPosting is the number of new items a word may occur in and still
// point to candidates; commoner words tell nothing.
const maxPosting = 64

// sketch returns up to sketchSize distinct hashes of sig (sorted) that
// occur in at least one and at most maxPosting new items, rarest first.
func sketch(sig signature, df map[uint64]int32) []uint64 {
	var out []uint64
	for k, h := range sig {
		if k > 0 && h == sig[k-1] {
			continue
		}
		if n := df[h]; n > 0 && n <= maxPosting {
			out = append(out, h)
		}
	}
	slices.SortStableFunc(out, func(a, b uint64) int {
		if df[a] != df[b] {
			return int(df[a] - df[b])
		}
		return cmp.Compare(a, b)
	})
	return out[:min(len(out), sketchSize)]
}

// candidatePairs finds, for each of n old items, the new items that share
// two of its rarest words (one, for items with fewer than two such words)
// and whose size allows a similarity of min. The index holds a few words an
// item, so memory stays proportional to the number of items and to the
// vocabulary, however long the items are.
func candidatePairs(oldSig func(int) signature, n int, newSigs []signature, min float64) [][2]int {
	df := map[uint64]int32{}
	for _, s := range newSigs {
		for k, h := range s {
			if k == 0 || h != s[k-1] {
				df[h]++
			}
		}
	}
	index := map[uint64][]int32{}
	for j, s := range newSigs {
		for _, h := range sketch(s, df) {
			index[h] = append(index[h], int32(j))
		}
	}
	var out [][2]int
	var cands []int32
	seen := make([]int32, len(newSigs)) // i+1 when j was taken for old item i
	hits := make([]int32, len(newSigs)) // rare words j shares with old item i
	for i := 0; i < n; i++ {
		s := oldSig(i)
		sk := sketch(s, df)
		cands = cands[:0]
		for _, h := range sk {
			for _, j := range index[h] {
				if seen[j] == int32(i+1) {
					hits[j]++
					continue
				}
				if mayReach(len(s), len(newSigs[j]), min) {
					seen[j] = int32(i + 1)
					hits[j] = 1
					cands = append(cands, j)
				}
			}
		}
		need := int32(2)
		if len(sk) < 2 {
			need = 1
		}
		slices.Sort(cands)
		for _, j := range cands {
			if hits[j] >= need {
				out = append(out, [2]int{i, int(j)})
			}
		}
	}
	return out
}

// matchByPosition pairs a lone unmatched old section with a lone unmatched
// new one of the same level and parent between the same matched neighbours.
func (c *comparer) matchByPosition() {
	// walk new sections; gaps are runs of unmatched new sections between
	// matched ones whose old partners bound a run of unmatched old ones
	prevOld := -1
	var gapNew []int
	closeGap := func(nextOld int) {
		defer func() { gapNew = gapNew[:0] }()
		if len(gapNew) == 0 || prevOld >= nextOld {
			return
		}
		var gapOld []int
		for o := prevOld + 1; o < nextOld; o++ {
			if c.o2n[o] < 0 {
				gapOld = append(gapOld, o)
			}
		}
		byLevel := func(idx []int, sd *side) map[int][]int {
			m := map[int][]int{}
			for _, i := range idx {
				m[sd.secs[i].s.Level] = append(m[sd.secs[i].s.Level], i)
			}
			return m
		}
		ol, nl := byLevel(gapOld, c.old), byLevel(gapNew, c.new)
		for lv, os := range ol {
			ns := nl[lv]
			if len(os) == 1 && len(ns) == 1 && c.sameParent(c.old.secs[os[0]], c.new.secs[ns[0]]) {
				c.pair(os[0], ns[0])
			}
		}
	}
	for n := range c.new.secs {
		o := c.n2o[n]
		if o < 0 {
			gapNew = append(gapNew, n)
			continue
		}
		closeGap(o)
		prevOld = o
	}
	closeGap(len(c.old.secs))
}

// blockRef names one block of one side.
type blockRef struct {
	sec, blk int
}

// entry is a section of the result being built.
type entry struct {
	o, n   int // section indexes, -1 for none
	blocks []*bentry
}

// bentry is a block of the result being built.
type bentry struct {
	kind   string
	status redline.Status
	old    *blockRef
	new    *blockRef
	ops    []redline.Op
	ins    int
	del    int
	// moves: the other end
	other *bentry
	owner *entry
	move  string
}

func (c *comparer) oldBlock(r *blockRef) *doc.Block { return &c.old.secs[r.sec].s.Blocks[r.blk] }
func (c *comparer) newBlock(r *blockRef) *doc.Block { return &c.new.secs[r.sec].s.Blocks[r.blk] }

func (c *comparer) build() *redline.Result {
	entries := make([]*entry, 0, len(c.new.secs)+8)
	byOld := make([]*entry, len(c.old.secs))
	byNew := make([]*entry, len(c.new.secs))
	for o := range c.old.secs {
		if c.o2n[o] < 0 {
			e := &entry{o: o, n: -1}
			byOld[o] = e
		}
	}
	for n := range c.new.secs {
		e := &entry{o: c.n2o[n], n: n}
		byNew[n] = e
		if e.o >= 0 {
			byOld[e.o] = e
		}
	}
	// order: new document order, each deleted section after its old
	// predecessor
	emitDeletedAfter := func(o int) {
		for k := o + 1; k < len(c.old.secs) && c.o2n[k] < 0; k++ {
			entries = append(entries, byOld[k])
		}
	}
	emitDeletedAfter(-1)
	for n := range c.new.secs {
		e := byNew[n]
		entries = append(entries, e)
		if e.o >= 0 {
			emitDeletedAfter(e.o)
		}
	}

	// blocks: align matched sections; pool the rest for moves
	// matched sections are aligned in parallel: each is independent, and
	// the result does not depend on the order of the work
	var matched []*entry
	for _, e := range entries {
		if e.o >= 0 && e.n >= 0 {
			matched = append(matched, e)
		}
	}
	parallel.For(len(matched), func(i int) { c.align(matched[i]) })
	var poolOld, poolNew []*bentry
	for _, e := range entries {
		switch {
		case e.o >= 0 && e.n >= 0:
		case e.o >= 0:
			for i, b := range c.old.secs[e.o].s.Blocks {
				e.blocks = append(e.blocks, &bentry{kind: string(b.Kind), status: redline.Deleted, old: &blockRef{e.o, i}, owner: e})
			}
		default:
			for i, b := range c.new.secs[e.n].s.Blocks {
				e.blocks = append(e.blocks, &bentry{kind: string(b.Kind), status: redline.Added, new: &blockRef{e.n, i}, owner: e})
			}
		}
		for _, b := range e.blocks {
			b.owner = e
			switch b.status {
			case redline.Deleted:
				poolOld = append(poolOld, b)
			case redline.Added:
				poolNew = append(poolNew, b)
			}
		}
	}
	sort.SliceStable(poolOld, func(i, j int) bool { return lessRef(poolOld[i].old, poolOld[j].old) })
	c.findMoves(poolOld, poolNew)
	return c.result(entries)
}

func lessRef(a, b *blockRef) bool {
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	return a.blk < b.blk
}

// align aligns the blocks of a matched pair of sections: equal blocks by
// a diff of the block sequence, then similar blocks of the same kind inside
// each changed stretch, in order.
func (c *comparer) align(e *entry) {
	ob, nb := c.old.secs[e.o].s.Blocks, c.new.secs[e.n].s.Blocks
	if sameBlocks(ob, nb) {
		for i, b := range ob {
			e.blocks = append(e.blocks, &bentry{kind: string(b.Kind), status: redline.Unchanged, old: &blockRef{e.o, i}, new: &blockRef{e.n, i}, ops: opsOf(redline.Equal, b.Text)})
		}
		return
	}
	enc := getEncoder()
	defer putEncoder(enc)
	ra := make([]rune, len(ob))
	rb := make([]rune, len(nb))
	for i, b := range ob {
		ra[i] = enc.id(string(b.Kind) + "\x00" + b.Text)
	}
	for i, b := range nb {
		rb[i] = enc.id(string(b.Kind) + "\x00" + b.Text)
	}
	var gapO, gapN []int
	i, j := 0, 0
	flush := func() {
		c.pairGap(e, gapO, gapN)
		gapO, gapN = gapO[:0], gapN[:0]
	}
	for _, d := range diffRunes(ra, rb) {
		switch d.op {
		case redline.Equal:
			flush()
			for k := 0; k < d.n; k++ {
				b := ob[i]
				txt := b.Text
				ops := []redline.Op{}
				if txt != "" {
					ops = []redline.Op{{Op: redline.Equal, Text: txt}}
				}
				e.blocks = append(e.blocks, &bentry{kind: string(b.Kind), status: redline.Unchanged, old: &blockRef{e.o, i}, new: &blockRef{e.n, j}, ops: ops})
				i++
				j++
			}
		case redline.Delete:
			for k := 0; k < d.n; k++ {
				gapO = append(gapO, i)
				i++
			}
		case redline.Insert:
			for k := 0; k < d.n; k++ {
				gapN = append(gapN, j)
				j++
			}
		}
	}
	flush()
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

// pairGap pairs similar blocks of a changed stretch in order; the others
// become deleted or added blocks, in an order that keeps both sides' order.
func (c *comparer) pairGap(e *entry, gapO, gapN []int) {
	if len(gapO) == 0 && len(gapN) == 0 {
		return
	}
	os, ns := c.old.secs[e.o], c.new.secs[e.n]
	ob, nb := os.s.Blocks, ns.s.Blocks
	const window = 8
	sigOf := func(k int) signature { return ns.blockSig(gapN[k]) }
	nj := 0
	for _, oi := range gapO {
		best, bestScore := -1, minSimilar
		var so signature
		for k := nj; k < len(gapN) && k < nj+window; k++ {
			if nb[gapN[k]].Kind != ob[oi].Kind {
				continue
			}
			if so == nil {
				so = os.blockSig(oi)
			}
			if !mayReach(len(so), len(sigOf(k)), minSimilar) {
				continue
			}
			if s := dice(so, sigOf(k)); s >= bestScore && (best < 0 || s > bestScore) {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			e.blocks = append(e.blocks, &bentry{kind: string(ob[oi].Kind), status: redline.Deleted, old: &blockRef{e.o, oi}})
			continue
		}
		for ; nj < best; nj++ {
			nbk := nb[gapN[nj]]
			e.blocks = append(e.blocks, &bentry{kind: string(nbk.Kind), status: redline.Added, new: &blockRef{e.n, gapN[nj]}})
		}
		ops, ins, del := c.wd.diff(ob[oi].Text, nb[gapN[best]].Text)
		st := redline.Modified
		if ins == 0 && del == 0 && !hasChange(ops) {
			st = redline.Unchanged
		}
		e.blocks = append(e.blocks, &bentry{kind: string(ob[oi].Kind), status: st, old: &blockRef{e.o, oi}, new: &blockRef{e.n, gapN[best]}, ops: ops, ins: ins, del: del})
		nj = best + 1
	}
	for ; nj < len(gapN); nj++ {
		nbk := nb[gapN[nj]]
		e.blocks = append(e.blocks, &bentry{kind: string(nbk.Kind), status: redline.Added, new: &blockRef{e.n, gapN[nj]}})
	}
}

func hasChange(ops []redline.Op) bool {
	for _, op := range ops {
		if op.Op != redline.Equal {
			return true
		}
	}
	return false
}

// minMoveWords is the least number of words a block needs to be reported
// as moved; shorter ones ("Reserved.") are ordinary deletions and insertions.
const minMoveWords = 3

// findMoves pairs deleted blocks with added blocks anywhere in the
// document: exact text first, then similar text.
func (c *comparer) findMoves(dels, adds []*bentry) {
	if len(dels) == 0 || len(adds) == 0 {
		return
	}
	exact := map[string][]*bentry{}
	for _, a := range adds {
		t := c.newBlock(a.new).Text
		exact[t] = append(exact[t], a)
	}
	var restD []*bentry
	for _, d := range dels {
		t := c.oldBlock(d.old).Text
		if c.old.secs[d.old.sec].blockWords(d.old.blk) < minMoveWords {
			continue
		}
		found := false
		for k, a := range exact[t] {
			if a.other == nil && c.oldBlock(d.old).Kind == c.newBlock(a.new).Kind {
				c.link(d, a)
				exact[t] = append(exact[t][:k:k], exact[t][k+1:]...)
				found = true
				break
			}
		}
		if !found {
			restD = append(restD, d)
		}
	}
	var restA []*bentry
	for _, a := range adds {
		if a.other == nil && c.new.secs[a.new.sec].blockWords(a.new.blk) >= minMoveWords {
			restA = append(restA, a)
		}
	}
	if len(restD) == 0 || len(restA) == 0 {
		return
	}
	sigD := make([]signature, len(restD))
	for i, d := range restD {
		sigD[i] = c.old.secs[d.old.sec].blockSig(d.old.blk)
	}
	sigA := make([]signature, len(restA))
	for j, a := range restA {
		sigA[j] = c.new.secs[a.new.sec].blockSig(a.new.blk)
	}
	var pairs [][2]int
	if len(restD)*len(restA) <= 4096 {
		for i := range restD {
			for j := range restA {
				pairs = append(pairs, [2]int{i, j})
			}
		}
	} else {
		pairs = candidatePairs(func(i int) signature { return sigD[i] }, len(restD), sigA, moveSimilar)
	}
	var cands []scored
	for _, p := range pairs {
		if !mayReach(len(sigD[p[0]]), len(sigA[p[1]]), moveSimilar) || c.oldBlock(restD[p[0]].old).Kind != c.newBlock(restA[p[1]].new).Kind {
			continue
		}
		if s := dice(sigD[p[0]], sigA[p[1]]); s >= moveSimilar {
			cands = append(cands, scored{p[0], p[1], s})
		}
	}
	bestFirst(cands, func(i, j int) {
		if d, a := restD[i], restA[j]; d.other == nil && a.other == nil {
			c.link(d, a)
		}
	})
}

// moveSimilar is the least similarity of a deleted and an added block for
// them to be one moved block with small edits.
const moveSimilar = 0.75

// link makes d (a deleted block) and a (an added one) the two ends of a
// move. Both carry the word diff of the old text against the new.
func (c *comparer) link(d, a *bentry) {
	ot, nt := c.oldBlock(d.old).Text, c.newBlock(a.new).Text
	ops, ins, del := c.wd.diff(ot, nt)
	d.status, a.status = redline.Moved, redline.Moved
	d.other, a.other = a, d
	d.ops, a.ops = ops, ops
	a.ins, a.del = ins, del // a move's edits count once, where it arrived
	h := fnv.New32a()
	h.Write([]byte(ot))
	d.move = fmt.Sprintf("mv-%08x", h.Sum32())
	a.move = d.move
}

// result turns the entries into the Result.
func (c *comparer) result(entries []*entry) *redline.Result {
	res := &redline.Result{Schema: redline.Schema, Sections: make([]redline.SectionDiff, 0, len(entries))}
	moved := c.movedSections()
	// stable, unique move ids
	seenMove := map[string]int{}
	for _, e := range entries {
		for _, b := range e.blocks {
			if b.status == redline.Moved && b.old != nil && b.move != "" {
				seenMove[b.move]++
				if n := seenMove[b.move]; n > 1 {
					id := fmt.Sprintf("%s-%d", b.move, n)
					b.move, b.other.move = id, id
				}
			}
		}
	}
	for _, e := range entries {
		sd := redline.SectionDiff{Blocks: make([]redline.BlockDiff, 0, len(e.blocks))}
		if e.o >= 0 {
			sd.Old = c.ref(c.old, e.o)
			sd.ID = sd.Old.ID
		}
		if e.n >= 0 {
			sd.New = c.ref(c.new, e.n)
			sd.ID = sd.New.ID
		}
		changed := false
		for _, b := range e.blocks {
			bd := redline.BlockDiff{Kind: b.kind, Status: b.status, Ops: b.ops, Move: b.move}
			if b.old != nil {
				bd.OldLine = c.oldBlock(b.old).Line
			}
			if b.new != nil {
				bd.NewLine = c.newBlock(b.new).Line
			}
			switch b.status {
			case redline.Added:
				bd.Ops = opsOf(redline.Insert, c.newBlock(b.new).Text)
				b.ins = c.new.secs[b.new.sec].blockWords(b.new.blk)
			case redline.Deleted:
				bd.Ops = opsOf(redline.Delete, c.oldBlock(b.old).Text)
				b.del = c.old.secs[b.old.sec].blockWords(b.old.blk)
			case redline.Moved:
				// the other end is named by the id its section has in
				// this result
				if b.old != nil {
					bd.MovedTo = c.entryID(b.other.owner)
				} else {
					bd.MovedFrom = c.entryID(b.other.owner)
				}
			}
			if bd.Ops == nil {
				bd.Ops = []redline.Op{}
			}
			if b.status != redline.Unchanged {
				changed = true
			}
			sd.Words.Inserted += b.ins
			sd.Words.Deleted += b.del
			sd.Blocks = append(sd.Blocks, bd)
		}
		switch {
		case e.o < 0:
			sd.Status = redline.Added
		case e.n < 0:
			sd.Status = redline.Deleted
		case changed:
			sd.Status = redline.Modified
		default:
			sd.Status = redline.Unchanged
		}
		if e.o >= 0 && e.n >= 0 {
			os, ns := c.old.secs[e.o].s, c.new.secs[e.n].s
			sd.Renamed = os.Title != ns.Title
			sd.Renumbered = os.Number != ns.Number
			sd.Relevelled = os.Level != ns.Level
			sd.Moved = moved[e.n]
		}
		res.Sections = append(res.Sections, sd)
	}
	c.splitsAndMerges(res, entries)
	st := &res.Stats
	st.Words.OldTotal = totalWords(c.old)
	st.Words.NewTotal = totalWords(c.new)
	res.Recount()
	if len(c.wd.notes) > 0 {
		for n := range c.wd.notes {
			res.Notes = append(res.Notes, n)
		}
		sort.Strings(res.Notes)
	}
	return res
}

// entryID is the id a section has in the result: its new id, or its old
// one when it was deleted.
func (c *comparer) entryID(e *entry) string {
	if e.n >= 0 {
		return c.new.secs[e.n].s.ID
	}
	return c.old.secs[e.o].s.ID
}

func opsOf(k redline.OpKind, t string) []redline.Op {
	if t == "" {
		return []redline.Op{}
	}
	return []redline.Op{{Op: k, Text: t}}
}

func totalWords(sd *side) int {
	n := 0
	for _, s := range sd.secs {
		for i := range s.s.Blocks {
			n += s.blockWords(i)
		}
	}
	return n
}

func (c *comparer) ref(sd *side, i int) *redline.SectionRef {
	x := sd.secs[i]
	r := &redline.SectionRef{File: x.file, Line: x.s.Line, Level: x.s.Level, Number: x.s.Number, Title: x.s.Title, ID: x.s.ID, Index: i}
	if x.parent >= 0 {
		p := sd.secs[x.parent].s
		r.Parent, r.ParentNumber, r.ParentTitle = p.ID, p.Number, p.Title
	}
	return r
}

// movedSections reports, by new index, the matched sections whose place
// among their siblings changed: a new parent, or out of the longest run
// of siblings that kept their order.
func (c *comparer) movedSections() map[int]bool {
	moved := map[int]bool{}
	groups := map[int][]int{} // new parent -> matched children (new indexes)
	var parents []int
	for n, x := range c.new.secs {
		o := c.n2o[n]
		if o < 0 {
			continue
		}
		op := c.old.secs[o].parent
		np := x.parent
		samePar := (op < 0 && np < 0) || (op >= 0 && np >= 0 && c.o2n[op] == np)
		if !samePar {
			// a parent that was only renamed or relevelled in a way that
			// changed the tree is still a move of this section
			moved[n] = true
			continue
		}
		if _, ok := groups[np]; !ok {
			parents = append(parents, np)
		}
		groups[np] = append(groups[np], n)
	}
	for _, p := range parents {
		kids := groups[p]
		seq := make([]int, len(kids))
		for i, n := range kids {
			seq[i] = c.n2o[n]
		}
		keep := lis(seq)
		for i, n := range kids {
			if !keep[i] {
				moved[n] = true
			}
		}
	}
	return moved
}

// lis marks the members of one longest increasing subsequence of seq.
func lis(seq []int) []bool {
	n := len(seq)
	keep := make([]bool, n)
	if n == 0 {
		return keep
	}
	tails := []int{} // indexes into seq
	prev := make([]int, n)
	for i, v := range seq {
		k := sort.Search(len(tails), func(k int) bool { return seq[tails[k]] >= v })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		keep[i] = true
	}
	return keep
}

// splitsAndMerges marks an added section most of whose words moved in from
// one old section as split from it, and a deleted section most of whose
// words moved out to one new section as merged into it.
func (c *comparer) splitsAndMerges(res *redline.Result, entries []*entry) {
	for i, e := range entries {
		if (e.o >= 0) == (e.n >= 0) {
			continue
		}
		from := map[string]int{}
		total := 0
		for k, b := range e.blocks {
			w := countWords(opsText(res.Sections[i].Blocks[k].Ops, e.o < 0))
			total += w
			if b.status == redline.Moved {
				if e.o < 0 {
					from[res.Sections[i].Blocks[k].MovedFrom] += w
				} else {
					from[res.Sections[i].Blocks[k].MovedTo] += w
				}
			}
		}
		best, bestW := "", 0
		for id, w := range from {
			if w > bestW || (w == bestW && id < best) {
				best, bestW = id, w
			}
		}
		if total > 0 && bestW*2 >= total {
			if e.o < 0 {
				res.Sections[i].SplitFrom = best
			} else {
				res.Sections[i].MergedInto = best
			}
		}
	}
}

// opsText is the new side's text of ops (or the old side's).
func opsText(ops []redline.Op, newSide bool) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Op == redline.Equal || (newSide && op.Op == redline.Insert) || (!newSide && op.Op == redline.Delete) {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}
