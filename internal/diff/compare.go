package diff

import (
	"fmt"
	"sort"
	"strings"
	"sync"

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
	// slug is the title's slug and num the number's ("§ 7c" is "7c")
	slug, num string
	sig       signature
	tsig      signature
	// the weight of each word of sig, and their sum, once weights are known
	wsig []float64
	wsum float64
	// per block, computed once when first needed
	bsig []signature
	// mu guards sig, tsig, wsig and wsum, made when first needed by
	// sections scored side by side
	mu sync.Mutex
}

// blockSig is the signature of block i.
func (x *sec) blockSig(i int) signature {
	if x.bsig == nil {
		x.bsig = make([]signature, len(x.s.Blocks))
	}
	if x.bsig[i] == nil {
		x.bsig[i] = signatureSized(x.s.Blocks[i].Words, x.s.Blocks[i].Text)
	}
	return x.bsig[i]
}

// madeSig is block i's signature, the one blockSig made if it did,
// computed without keeping it otherwise.
func (x *sec) madeSig(i int) signature {
	if x.bsig != nil && x.bsig[i] != nil {
		return x.bsig[i]
	}
	return signatureSized(x.s.Blocks[i].Words, x.s.Blocks[i].Text)
}

// blockWords is the number of words of block i.
func (x *sec) blockWords(i int) int { return x.s.Blocks[i].Words }

type side struct {
	secs []*sec
	// slugs and nums count the sections of each title and number
	slugs, nums map[string]int
	// bySlug is a section of each title (the one, where it is unique)
	bySlug map[string]*sec
}

// titleSig is the signature of the section's title.
func (x *sec) titleSig() signature {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.tsig == nil {
		x.tsig = signatureOf(x.s.Title)
	}
	return x.tsig
}

func flatten(docs []*doc.Document) *side {
	n := 0
	for _, d := range docs {
		n += len(d.Sections)
	}
	sd := &side{secs: make([]*sec, 0, n), slugs: make(map[string]int, n), nums: make(map[string]int, n), bySlug: make(map[string]*sec, n)}
	all := make([]sec, n) // one allocation for the sections of the side
	for _, d := range docs {
		base := len(sd.secs)
		for i := range d.Sections {
			s := &d.Sections[i]
			p := -1
			if s.Parent >= 0 {
				p = base + s.Parent
			}
			x := &all[len(sd.secs)]
			*x = sec{s: s, file: d.File, index: len(sd.secs), parent: p, slug: s.TitleSlug, num: s.NumberSlug}
			sd.secs = append(sd.secs, x)
			sd.slugs[x.slug]++
			sd.bySlug[x.slug] = x
			if x.num != "" {
				sd.nums[x.num]++
			}
		}
	}
	return sd
}

func (x *sec) signature() signature {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.sig == nil {
		n := 0
		for i := range x.s.Blocks {
			n += x.s.Blocks[i].Words
		}
		sig := make(signature, 0, n)
		for i := range x.s.Blocks {
			sig = append(sig, x.blockSig(i)...)
		}
		sortHashes(sig)
		x.sig = sig
	}
	return x.sig
}

// dropSectionWords lets the sections' word signatures and the words'
// weights go once sections are matched: only matching uses them, and on a
// large draft they hold as many hashes as the two drafts have words.
func (c *comparer) dropSectionWords() {
	for _, sd := range []*side{c.old, c.new} {
		for _, x := range sd.secs {
			x.sig, x.wsig = nil, nil
		}
	}
	c.wts.w = nil
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
	c.dropSectionWords()
	res := c.build()
	res.MetadataChanged = frontMatterChanged(oldDocs, newDocs)
	res.FrontMatter = frontMatterChanges(oldDocs, newDocs)
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
	wts      weights
	// linked are the departures of the moves whose word diffs are still
	// to be made
	linked []*bentry
}

// blockRef names one block of one side.
type blockRef struct {
	sec, blk int
}

// entry is a section of the result being built.
type entry struct {
	o, n   int // section indexes, -1 for none
	blocks []item
	// same is set on a matched section whose blocks are its match's, kind
	// and text: it has no blocks entries, and every block is unchanged
	same bool
}

// item is a block of the result being built: a block record, or, where b
// is nil, old block i and new block j of the entry's two sections,
// unchanged. Unchanged blocks are most blocks of a long section, and need
// no more than their two numbers until the result is written.
type item struct {
	b    *bentry
	i, j int32
}

// add appends the block records bs to the entry.
func (e *entry) add(bs ...*bentry) {
	for _, b := range bs {
		e.blocks = append(e.blocks, item{b: b})
	}
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
	// weak is, on a deleted block, the added block in the same place of
	// its stretch that it resembles a little: the two become one modified
	// block unless either turns out to have moved
	weak *bentry
	// joined is "split" or "merged" on the ends of a split or merge
	joined string
	owner  *entry
	move   string
	// sig is, on a deleted or added block, its signature when made
	// already, kept for the move finder
	sig signature
}

// oldSig is the signature of deleted block d, made once.
func (c *comparer) oldSig(d *bentry) signature {
	if d.sig == nil {
		d.sig = c.old.secs[d.old.sec].madeSig(d.old.blk)
	}
	return d.sig
}

// newSig is the signature of added block a, made once.
func (c *comparer) newSig(a *bentry) signature {
	if a.sig == nil {
		a.sig = c.new.secs[a.new.sec].madeSig(a.new.blk)
	}
	return a.sig
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
	// the largest sections first, by their bytes on both sides, so that
	// no large one is left to run alone at the end
	parallel.Largest(len(matched), func(i int) int { return c.sectionBytes(matched[i]) }, func(i int) {
		c.align(matched[i])
		// the blocks' signatures served the section's weighing and the
		// alignment; the few that the move finder needs (of deleted and
		// added blocks) are made again
		c.old.secs[matched[i].o].bsig = nil
		c.new.secs[matched[i].n].bsig = nil
	})
	var poolOld, poolNew []*bentry
	for _, e := range entries {
		switch {
		case e.o >= 0 && e.n >= 0:
		case e.o >= 0:
			for i, b := range c.old.secs[e.o].s.Blocks {
				e.add(&bentry{kind: string(b.Kind), status: redline.Deleted, old: &blockRef{e.o, i}, owner: e})
			}
		default:
			for i, b := range c.new.secs[e.n].s.Blocks {
				e.add(&bentry{kind: string(b.Kind), status: redline.Added, new: &blockRef{e.n, i}, owner: e})
			}
		}
		for _, it := range e.blocks {
			b := it.b
			if b == nil {
				continue
			}
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
	// the signatures served the move finder alone
	for _, pool := range [][]*bentry{poolOld, poolNew} {
		for _, b := range pool {
			b.sig = nil
		}
	}
	// each section's weak pairs are its own
	parallel.For(len(matched), func(i int) { c.pairWeak(matched[i]) })
	return c.result(entries)
}

func lessRef(a, b *blockRef) bool {
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	return a.blk < b.blk
}

func hasChange(ops []redline.Op) bool {
	for _, op := range ops {
		if op.Op != redline.Equal {
			return true
		}
	}
	return false
}

// result turns the entries into the Result. The sections are written on
// every processor: each reads the others' blocks but writes its own.
func (c *comparer) result(entries []*entry) *redline.Result {
	res := &redline.Result{Schema: redline.Schema, Sections: make([]redline.SectionDiff, len(entries))}
	moved, parentChanged := c.placeChanges()
	uniqueMoveIDs(entries)
	parallel.For(len(entries), func(i int) { res.Sections[i] = c.sectionDiff(entries[i], moved, parentChanged) })
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

// sectionDiff is the result's section of an entry; moved and
// parentChanged are placeChanges'.
func (c *comparer) sectionDiff(e *entry, moved, parentChanged []bool) redline.SectionDiff {
	sd := redline.SectionDiff{}
	if e.o >= 0 {
		sd.Old = c.ref(c.old, e.o)
		sd.ID = sd.Old.ID
	}
	if e.n >= 0 {
		sd.New = c.ref(c.new, e.n)
		sd.ID = sd.New.ID
	}
	if e.same {
		sd.Blocks = c.sameBlocks(e)
	}
	changed := c.blockDiffs(e, &sd)
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
		sd.ParentChanged = parentChanged[e.n]
	}
	return sd
}

// blockDiffs sets the result's blocks of a section from the entry's
// items, and its word counts, and reports whether any block changed. Each
// item is let go once its block is written: the two forms of a long
// section are never both whole in memory.
func (c *comparer) blockDiffs(e *entry, sd *redline.SectionDiff) bool {
	if len(e.blocks) == 0 {
		if sd.Blocks == nil {
			sd.Blocks = []redline.BlockDiff{}
		}
		return false
	}
	sd.Blocks = make([]redline.BlockDiff, len(e.blocks))
	same := 0
	for _, it := range e.blocks {
		if it.b == nil {
			same++
		}
	}
	// the one op of each unchanged block is a window of a single array
	ops := make([]redline.Op, same)
	changed := false
	for k, it := range e.blocks {
		bd := &sd.Blocks[k]
		e.blocks[k] = item{}
		if it.b == nil {
			ob, nb := &c.old.secs[e.o].s.Blocks[it.i], &c.new.secs[e.n].s.Blocks[it.j]
			bd.Kind, bd.Status, bd.OldLine, bd.NewLine = string(ob.Kind), redline.Unchanged, ob.Line, nb.Line
			if ob.Text == "" {
				bd.Ops = []redline.Op{}
				continue
			}
			ops[0] = redline.Op{Op: redline.Equal, Text: ob.Text}
			bd.Ops, ops = ops[:1:1], ops[1:]
			continue
		}
		b := it.b
		*bd = c.blockDiff(b)
		if b.status != redline.Unchanged {
			changed = true
		}
		sd.Words.Inserted += b.ins
		sd.Words.Deleted += b.del
	}
	e.blocks = nil
	return changed
}

// blockDiff is the result's block of a block record; an added or deleted
// block's words are counted on it.
func (c *comparer) blockDiff(b *bentry) redline.BlockDiff {
	bd := redline.BlockDiff{Kind: b.kind, Status: b.status, Ops: b.ops, Move: b.move, Joined: b.joined}
	if b.old != nil && b.new != nil && c.oldBlock(b.old).Kind != c.newBlock(b.new).Kind {
		bd.OldKind = string(c.oldBlock(b.old).Kind)
	}
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
		// the other end is named by the id its section has in this
		// result
		if b.old != nil {
			bd.MovedTo = c.entryID(b.other.owner)
		} else {
			bd.MovedFrom = c.entryID(b.other.owner)
		}
	}
	if bd.Ops == nil {
		bd.Ops = []redline.Op{}
	}
	return bd
}

// sameBlocks is the result's blocks of a section whose blocks are all
// unchanged (entry.same).
func (c *comparer) sameBlocks(e *entry) []redline.BlockDiff {
	ob, nb := c.old.secs[e.o].s.Blocks, c.new.secs[e.n].s.Blocks
	out := make([]redline.BlockDiff, len(nb))
	// each block's one op is a window of a single array, not an
	// allocation of its own
	ops := make([]redline.Op, len(nb))
	for i := range nb {
		bd := &out[i]
		bd.Kind, bd.Status, bd.OldLine, bd.NewLine = string(nb[i].Kind), redline.Unchanged, ob[i].Line, nb[i].Line
		if ob[i].Text == "" {
			bd.Ops = []redline.Op{}
			continue
		}
		ops[i] = redline.Op{Op: redline.Equal, Text: ob[i].Text}
		bd.Ops = ops[i : i+1 : i+1]
	}
	return out
}

// uniqueMoveIDs makes move ids unique and stable: a second move of the
// same text gets "-2", and so on. A block split or merged with another
// shares that move's id.
func uniqueMoveIDs(entries []*entry) {
	// stable, unique move ids
	seenMove := map[string]int{}
	for _, e := range entries {
		for _, it := range e.blocks {
			b := it.b
			if b != nil && b.status == redline.Moved && b.old != nil && b.move != "" && b.other.other == b {
				seenMove[b.move]++
				if n := seenMove[b.move]; n > 1 {
					id := fmt.Sprintf("%s-%d", b.move, n)
					b.move, b.other.move = id, id
				}
			}
		}
	}
	// a block merged into another's arrival shares that move's id
	for _, e := range entries {
		for _, it := range e.blocks {
			b := it.b
			if b != nil && b.status == redline.Moved && b.other.other != b {
				b.move = b.other.move
			}
		}
	}
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
			n += s.s.Blocks[i].Words
		}
	}
	return n
}

func (c *comparer) ref(sd *side, i int) *redline.SectionRef {
	x := sd.secs[i]
	r := &redline.SectionRef{File: x.file, Line: x.s.Line, Level: x.s.Level, Number: x.s.Number, Title: x.s.Title, ID: x.s.ID, ExplicitID: x.s.ExplicitID, Index: i}
	if x.parent >= 0 {
		p := sd.secs[x.parent].s
		r.Parent, r.ParentNumber, r.ParentTitle = p.ID, p.Number, p.Title
	}
	return r
}

// splitsAndMerges marks an added section most of whose words moved in from
// one old section as split from it, and a deleted section most of whose
// words moved out to one new section as merged into it.
// Each section is weighed on its own, on every processor.
func (c *comparer) splitsAndMerges(res *redline.Result, entries []*entry) {
	parallel.For(len(entries), func(i int) {
		e := entries[i]
		if (e.o >= 0) == (e.n >= 0) {
			return
		}
		from := map[string]int{}
		total := 0
		for k := range res.Sections[i].Blocks {
			w := countWords(opsText(res.Sections[i].Blocks[k].Ops, e.o < 0))
			total += w
			if res.Sections[i].Blocks[k].Status == redline.Moved {
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
	})
}

// opsText is the new side's text of ops (or the old side's): the text of
// the one op that has any, most often, with no copy.
func opsText(ops []redline.Op, newSide bool) string {
	keep := func(op redline.Op) bool {
		return op.Op == redline.Equal || (newSide && op.Op == redline.Insert) || (!newSide && op.Op == redline.Delete)
	}
	n, one := 0, ""
	for _, op := range ops {
		if keep(op) && op.Text != "" {
			n, one = n+1, op.Text
		}
	}
	if n <= 1 {
		return one
	}
	var b strings.Builder
	for _, op := range ops {
		if keep(op) {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}
