package diff

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/parallel"
)

// match pairs old and new sections, coarse to fine. The evidence, strongest
// first: an explicit id; the same number with the same or a compatible
// title or content; a title that is not generic; a generic title under the
// same (matched) parent; content similarity; and, inside the gap between
// matched neighbours, the same title, the same number or a share of words.
// What is left is added or deleted: a retitled section with no such
// evidence is not reported as renamed.
func (c *comparer) match() {
	c.o2n = fill(len(c.old.secs), -1)
	c.n2o = fill(len(c.new.secs), -1)
	c.matchExplicit()
	// preambles, by file then in order
	c.matchByKey(func(x *sec) string {
		if x.s.Level == 0 {
			return "\x00preamble"
		}
		return ""
	}, false)
	// the same number and title
	c.matchByKey(func(x *sec) string {
		if x.num == "" {
			return ""
		}
		return x.num + "\x00" + x.slug
	}, true)
	c.matchByNumber(false)
	// a title that is not generic: unique in its round, not a placeholder,
	// not very short
	c.matchUnique(func(x *sec) string { return c.distinctTitle(c.old, x) }, func(x *sec) string { return c.distinctTitle(c.new, x) })
	c.matchByNumber(true)
	c.matchUnderParent()
	c.matchInGaps(minSimilar)
	c.matchByContent()
	c.matchUnderParent()
	c.matchInGaps(minGapContent)
	c.matchUnderParent()
	// what is left with neither title nor words ("#" alone): by id, the
	// order among such sections, and level
	c.matchByKey(func(x *sec) string {
		if x.slug != "" || x.num != "" {
			return ""
		}
		return fmt.Sprintf("%s\x00%d", x.s.ID, x.s.Level)
	}, false)
}

// matchExplicit pairs sections with the same explicit {#id}.
func (c *comparer) matchExplicit() {
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
}

// placeholders are the titles of sections that hold a number and nothing
// else: repealed, reserved or deleted provisions.
var placeholders = map[string]bool{
	"weggefallen": true, "aufgehoben": true, "entfallen": true, "gestrichen": true,
	"reserved": true, "deleted": true, "repealed": true, "omitted": true, "vacant": true,
	"intentionally-left-blank": true, "abrogé": true, "supprimé": true, "réservé": true,
}

// placeholder reports whether x's title is empty or a placeholder.
func placeholder(x *sec) bool { return x.slug == "" || placeholders[x.slug] }

// emptyPlaceholder reports whether x is a placeholder with (almost) no
// text: such a section is its number and nothing else, so it never pairs
// with a section of another number.
func emptyPlaceholder(x *sec) bool { return placeholder(x) && len(x.signature()) < minMoveWords }

// minTitleRunes is the length below which a title is too short to
// identify a section by itself.
const minTitleRunes = 4

// generic reports whether x's title cannot identify it on its own: it is
// empty, a placeholder, very short, or repeated within its round.
func (sd *side) generic(x *sec) bool {
	return placeholder(x) || utf8.RuneCountInString(x.slug) < minTitleRunes || sd.slugs[x.slug] > 1
}

// distinctTitle is x's title slug when the title is not generic, else "".
func (c *comparer) distinctTitle(sd *side, x *sec) string {
	if sd.generic(x) {
		return ""
	}
	return x.slug
}

// matchUnique pairs unmatched sections whose keys (non-empty) occur once
// among the unmatched sections of each side.
func (c *comparer) matchUnique(keyOld, keyNew func(*sec) string) {
	count := func(secs []*sec, matched []int, key func(*sec) string) map[string]int {
		m := map[string]int{}
		for _, x := range secs {
			if matched[x.index] < 0 {
				if k := key(x); k != "" {
					if _, dup := m[k]; dup {
						m[k] = -1
					} else {
						m[k] = x.index
					}
				}
			}
		}
		return m
	}
	olds := count(c.old.secs, c.o2n, keyOld)
	news := count(c.new.secs, c.n2o, keyNew)
	for _, o := range c.old.secs {
		if c.o2n[o.index] >= 0 {
			continue
		}
		k := keyOld(o)
		if k == "" || olds[k] != o.index {
			continue
		}
		if n, ok := news[k]; ok && n >= 0 && c.n2o[n] < 0 {
			c.pair(o.index, n)
		}
	}
}

// matchUnderParent pairs a section with a generic (but not placeholder)
// title with the one section of that title under its parent's partner,
// when the title is unique under the parent on both sides. Parents come
// before their children, so one pass pairs a chain of them; it is repeated
// for parents paired by this rule through another one.
func (c *comparer) matchUnderParent() {
	key := func(x *sec, parent int) string {
		if placeholder(x) {
			return ""
		}
		return strconv.Itoa(parent) + "\x00" + x.slug
	}
	for range 3 {
		before := c.matched()
		c.matchUnique(func(x *sec) string {
			p := x.parent
			if p >= 0 {
				if p = c.o2n[p]; p < 0 {
					return ""
				}
			}
			return key(x, p)
		}, func(x *sec) string { return key(x, x.parent) })
		if c.matched() == before {
			return
		}
	}
}

// matched counts the matched pairs.
func (c *comparer) matched() int {
	n := 0
	for _, o := range c.o2n {
		if o >= 0 {
			n++
		}
	}
	return n
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
//
// With strict set, a shared key pairs only by number and parent, never by
// document order alone.
func (c *comparer) matchByKey(key func(*sec) string, strict bool) {
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
	rules := []func(x *sec, old bool) (string, bool){
		func(x *sec, old bool) (string, bool) { return c.numberParentKey(x, old) },
		func(x *sec, old bool) (string, bool) {
			p, ok := c.parentKey(x, old)
			return p + "\x00" + x.file, ok
		},
		func(x *sec, old bool) (string, bool) { return c.parentKey(x, old) },
		func(x *sec, old bool) (string, bool) { return x.s.Number, x.s.Number != "" },
		func(x *sec, old bool) (string, bool) { return x.file, true },
		func(x *sec, old bool) (string, bool) { return "", true },
	}
	if strict {
		rules = rules[:3]
	}
	for _, rule := range rules {
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

// minTitleShare is the least similarity of two titles (by their words) for
// them to be one title edited.
const minTitleShare = 0.6

// minGapContent is the least content similarity by which two sections of
// the same level in one gap between matched neighbours are one section.
const minGapContent = 0.35

// minNumberContent is the least content similarity by which two sections
// of the same number and level are one section with a new title.
const minNumberContent = 0.4

// matchByNumber pairs sections with the same number and level whose titles
// share most of their words ("Additional Terms for Pages" and "Additional
// Terms for Pages and Lab") or whose texts are similar; with placeholders
// set, also a section and its placeholder (a provision repealed, or one
// filled again). A number used more than once in a round pairs only under
// matched parents.
func (c *comparer) matchByNumber(placeholders bool) {
	byNum := map[string][]*sec{}
	for _, n := range c.new.secs {
		if c.n2o[n.index] < 0 && n.num != "" {
			byNum[n.num] = append(byNum[n.num], n)
		}
	}
	var pairs [][2]*sec
	for _, o := range c.old.secs {
		if c.o2n[o.index] >= 0 || o.num == "" {
			continue
		}
		for _, n := range byNum[o.num] {
			if n.s.Level != o.s.Level || ((c.old.nums[o.num] > 1 || c.new.nums[n.num] > 1) && !c.sameParent(o, n)) {
				continue
			}
			pairs = append(pairs, [2]*sec{o, n})
		}
	}
	cands := scorePairs(len(pairs), func(k int) (*sec, *sec) { return pairs[k][0], pairs[k][1] }, func(o, n *sec) (float64, bool) {
		return c.numberEvidence(o, n, placeholders)
	})
	bestFirst(cands, func(o, n int) {
		if c.o2n[o] < 0 && c.n2o[n] < 0 {
			c.pair(o, n)
		}
	})
}

// numberEvidence scores a pair of sections of the same number and level:
// a compatible title, similar content, or (with placeholders) a
// placeholder on one side.
func (c *comparer) numberEvidence(o, n *sec, placeholders bool) (float64, bool) {
	if placeholders {
		if placeholder(o) != placeholder(n) {
			return 1, true
		}
		return 0, false
	}
	if placeholder(o) || placeholder(n) {
		return 0, false
	}
	ot, nt := o.titleSig(), n.titleSig()
	if d := dice(ot, nt); d >= minTitleShare && len(ot) > 0 {
		return 1 + d, true
	}
	if mayReach(len(o.signature()), len(n.signature()), minNumberContent) {
		if d := c.shared(o, n); d >= minNumberContent && !c.betterByTitle(o, n, d) {
			return d, true
		}
	}
	return 0, false
}

// scorePairs scores n pairs of an old and a new section, pair k being
// at(k), on every processor, and returns those that score accepts, in
// order. score may use the sections' words and weights, which are made
// once however many processors ask for them, and must change nothing else.
func scorePairs(n int, at func(k int) (o, n *sec), score func(o, n *sec) (float64, bool)) []scored {
	var out []scored
	if parallel.Workers(n) <= 1 {
		for k := range n {
			o, nw := at(k)
			if v, ok := score(o, nw); ok {
				out = append(out, scored{o.index, nw.index, v})
			}
		}
		return out
	}
	vals := make([]float64, n)
	oks := make([]bool, n)
	parallel.For(n, func(k int) { vals[k], oks[k] = score(at(k)) })
	for k := range n {
		if oks[k] {
			o, nw := at(k)
			out = append(out, scored{o.index, nw.index, vals[k]})
		}
	}
	return out
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
	prs := candidates(os, ns, minSimilar)
	cands := scorePairs(len(prs), func(k int) (*sec, *sec) { return os[prs[k][0]], ns[prs[k][1]] }, func(o, n *sec) (float64, bool) {
		if !mayReach(len(o.signature()), len(n.signature()), minSimilar) {
			return 0, false
		}
		s := c.shared(o, n)
		return s, s >= minSimilar
	})
	bestFirst(cands, func(o, n int) {
		if c.o2n[o] < 0 && c.n2o[n] < 0 {
			c.pair(o, n)
		}
	})
}

// candidates lists the pairs worth scoring: all of them when there are few,
// else those that share one of the rarer words of the old item.
func candidates(os, ns []*sec, min float64) [][2]int {
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
	osigs := make([]signature, len(os))
	for i, o := range os {
		osigs[i] = o.signature()
	}
	candidatePairs(osigs, sigs, min, nil, func(i, j int, _ float64) {
		out = append(out, [2]int{i, j})
	})
	return out
}

// sketchSize is how many words stand for an item when candidates are
// looked up: its rarest words among the new items.
const sketchSize = 16

// maxPosting is the number of new items a word may occur in and still
// point to candidates; commoner words tell nothing.
const maxPosting = 64

// sketcher finds the rarest words of items, reusing its buffers. Words
// are numbered in the order first seen among the new items.
type sketcher struct {
	ids  map[uint64]int32
	df   []int32 // by word number: how many new items hold the word
	rare []rareWord
	out  []int32
}

// rareWord is a word, by hash and number, with the number of new items it
// occurs in.
type rareWord struct {
	n  int32
	id int32
	h  uint64
}

// sketch returns the numbers of up to sketchSize distinct words of sig
// (sorted) that occur in at least one and at most maxPosting new items,
// rarest first (then by hash). The slice is valid until the next call.
func (sk *sketcher) sketch(sig signature) []int32 {
	// the rarest words so far, in order, kept by insertion: most words
	// are commoner than the last of them and cost one comparison
	top := sk.rare[:0]
	for k, h := range sig {
		if k > 0 && h == sig[k-1] {
			continue
		}
		id, ok := sk.ids[h]
		if !ok || sk.df[id] > maxPosting {
			continue
		}
		r := rareWord{sk.df[id], id, h}
		if len(top) < sketchSize {
			top = append(top, r)
		} else if r.before(top[sketchSize-1]) {
			top[sketchSize-1] = r
		} else {
			continue
		}
		for i := len(top) - 1; i > 0 && top[i].before(top[i-1]); i-- {
			top[i], top[i-1] = top[i-1], top[i]
		}
	}
	out := sk.out[:0]
	for _, r := range top {
		out = append(out, r.id)
	}
	sk.rare, sk.out = top, out
	return out
}

// before orders words rarest first, then by hash; the hashes of a
// sketch are distinct, so the order is total.
func (r rareWord) before(o rareWord) bool {
	if r.n != o.n {
		return r.n < o.n
	}
	return r.h < o.h
}

// candidatePairs calls fn, old item by old item, for each of the old
// items and each new item (in no set order: every caller ranks what it is
// given) that shares two of the old item's rarest words (one, for items
// with fewer than two such words), whose size allows a similarity of min,
// and that score accepts; fn gets score's value. The index holds a few
// words an item, so memory stays proportional to the number of items and
// to the vocabulary, however long the items are.
//
// The items are sketched and looked up on every processor, in runs of
// consecutive items; score runs there too, so it must touch nothing but
// its own result. fn runs on the caller's goroutine, in the order of a run
// on one processor.
func candidatePairs(oldSigs, newSigs []signature, min float64, score func(i, j int) (float64, bool), fn func(i, j int, s float64)) {
	ids := map[uint64]int32{}
	var df []int32 // by word number: how many new items hold the word
	for _, s := range newSigs {
		for k, h := range s {
			if k == 0 || h != s[k-1] {
				id, ok := ids[h]
				if !ok {
					id = int32(len(df))
					ids[h] = id
					df = append(df, 0)
				}
				df[id]++
			}
		}
	}
	// the index: the new items that have word w among their rarest are
	// post[start[w]:start[w+1]], in order
	runs := itemRuns(len(newSigs))
	sketches := make([][]int32, len(runs)) // each run's sketches, one after another
	ends := make([][]int32, len(runs))     // where each item's sketch ends in its run's
	parallel.For(len(runs), func(r int) {
		sk := &sketcher{ids: ids, df: df}
		lo, hi := runs[r][0], runs[r][1]
		most := 0 // sketches of at most sketchSize words
		for _, s := range newSigs[lo:hi] {
			most += len(s) - max(len(s)-sketchSize, 0)
		}
		out := make([]int32, 0, most)
		end := make([]int32, hi-lo)
		for j := lo; j < hi; j++ {
			out = append(out, sk.sketch(newSigs[j])...)
			end[j-lo] = int32(len(out))
		}
		sketches[r], ends[r] = out, end
	})
	start := make([]int32, len(df)+1)
	total := 0
	for _, sks := range sketches {
		for _, w := range sks {
			start[w+1]++
		}
		total += len(sks)
	}
	for w := range df {
		start[w+1] += start[w]
	}
	post := make([]int32, total)
	fill := slices.Clone(start[:len(df)])
	for r, sks := range sketches {
		k := int32(0)
		for j := runs[r][0]; j < runs[r][1]; j++ {
			for ; k < ends[r][j-runs[r][0]]; k++ {
				w := sks[k]
				post[fill[w]] = int32(j)
				fill[w]++
			}
		}
	}
	sketches, fill, ends = nil, nil, nil
	lookUp(oldSigs, newSigs, min, &sketcher{ids: ids, df: df}, post, start, score, fn)
}

// itemRuns cuts n items into runs of consecutive ones, a few for each
// processor (one when there is a single processor).
func itemRuns(n int) [][2]int {
	k := 1
	if w := parallel.Workers(n); w > 1 {
		k = min(4*w, n)
	}
	runs := make([][2]int, 0, k)
	for r := range k {
		runs = append(runs, [2]int{r * n / k, (r + 1) * n / k})
	}
	return runs
}

// candidate is a new item j found for old item i, with its score.
type candidate struct {
	i, j int32
	s    float64
}

// lookUp finds the candidates of the old items in the index (post, start)
// of candidatePairs, run by run on every processor, and hands them to fn
// in order.
func lookUp(oldSigs, newSigs []signature, min float64, idx *sketcher, post, start []int32, score func(i, j int) (float64, bool), fn func(i, j int, s float64)) {
	runs := itemRuns(len(oldSigs))
	found := make([][]candidate, len(runs))
	// the work space of a processor: seen[j] is i+1 when j was taken for
	// old item i, hits[j] the rare words j shares with it; the old items
	// of all runs differ, so a space passes from run to run uncleared
	type space struct{ seen, hits []int32 }
	spaces := make(chan *space, parallel.Workers(len(runs)))
	for range cap(spaces) {
		spaces <- &space{seen: make([]int32, len(newSigs)), hits: make([]int32, len(newSigs))}
	}
	parallel.For(len(runs), func(r int) {
		sp := <-spaces
		defer func() { spaces <- sp }()
		sk := &sketcher{ids: idx.ids, df: idx.df}
		seen, hits := sp.seen, sp.hits
		var cands []int32
		var out []candidate
		for i := runs[r][0]; i < runs[r][1]; i++ {
			s := oldSigs[i]
			words := sk.sketch(s)
			cands = cands[:0]
			for _, w := range words {
				for _, j := range post[start[w]:start[w+1]] {
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
			if len(words) < 2 {
				need = 1
			}
			for _, j := range cands {
				if hits[j] < need {
					continue
				}
				v, ok := 0.0, true
				if score != nil {
					v, ok = score(i, int(j))
				}
				switch {
				case !ok:
				case len(runs) == 1:
					// on one processor, straight on
					fn(i, int(j), v)
				default:
					out = append(out, candidate{int32(i), j, v})
				}
			}
		}
		found[r] = out
	})
	for _, out := range found {
		for _, cd := range out {
			fn(int(cd.i), int(cd.j), cd.s)
		}
	}
}

// matchInGaps pairs sections inside each gap between matched neighbours
// that kept their order: a run of unmatched new sections, and the
// unmatched old sections between the partners of its neighbours. Inside a
// gap the place is evidence, so weaker evidence pairs: the same title, the
// same number and level with some shared words, or shared words at the
// same level (at least minContent).
func (c *comparer) matchInGaps(minContent float64) {
	var seq, at []int
	for n := range c.new.secs {
		if o := c.n2o[n]; o >= 0 {
			seq = append(seq, o)
			at = append(at, n)
		}
	}
	keep := lis(seq)
	prevOld := -1
	start := 0
	for k, n := range at {
		if !keep[k] {
			continue
		}
		c.pairInGap(prevOld, seq[k], start, n, minContent)
		prevOld, start = seq[k], n+1
	}
	c.pairInGap(prevOld, len(c.old.secs), start, len(c.new.secs), minContent)
}

// maxGapPairs bounds the pairs scored in one gap; beyond it only pairs
// that share a title, a number or rare words are scored.
const maxGapPairs = 4096

// pairInGap pairs the unmatched old sections in (lo, hi) with the
// unmatched new ones in [from, to), best evidence first.
func (c *comparer) pairInGap(lo, hi, from, to int, minContent float64) {
	var os, ns []*sec
	for o := lo + 1; o < hi; o++ {
		if c.o2n[o] < 0 {
			os = append(os, c.old.secs[o])
		}
	}
	for n := from; n < to; n++ {
		if c.n2o[n] < 0 {
			ns = append(ns, c.new.secs[n])
		}
	}
	if len(os) == 0 || len(ns) == 0 {
		return
	}
	prs := gapCandidates(os, ns, minContent)
	cands := scorePairs(len(prs), func(k int) (*sec, *sec) { return os[prs[k][0]], ns[prs[k][1]] }, func(o, n *sec) (float64, bool) {
		return c.gapEvidence(o, n, minContent)
	})
	bestFirst(cands, func(o, n int) {
		if c.o2n[o] < 0 && c.n2o[n] < 0 {
			c.pair(o, n)
		}
	})
}

// gapCandidates lists the pairs of a gap worth scoring: all of them in a
// small gap, else those with the same title or number and those that share
// rare words.
func gapCandidates(os, ns []*sec, minContent float64) [][2]int {
	if len(os)*len(ns) <= maxGapPairs {
		out := make([][2]int, 0, len(os)*len(ns))
		for i := range os {
			for j := range ns {
				out = append(out, [2]int{i, j})
			}
		}
		return out
	}
	// sections of one title (or number) pair near the same rank among
	// those of that title, so that thousands of "Reserved" cost linear time
	const window = 4
	newByKey := map[string][]int{}
	for j, n := range ns {
		newByKey["t"+n.slug] = append(newByKey["t"+n.slug], j)
		if n.num != "" {
			newByKey["n"+n.num] = append(newByKey["n"+n.num], j)
		}
	}
	rank := map[string]int{}
	seen := map[[2]int]bool{}
	var out [][2]int
	add := func(i int, key string) {
		r := rank[key]
		rank[key]++
		js := newByKey[key]
		for k := max(0, r-window); k < min(len(js), r+window+1); k++ {
			if p := [2]int{i, js[k]}; !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	for i, o := range os {
		add(i, "t"+o.slug)
		if o.num != "" {
			add(i, "n"+o.num)
		}
	}
	add2 := func(p [2]int) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range candidates(os, ns, minContent) {
		add2(p)
	}
	return out
}

// minPlaceContent is the least content similarity by which two sections of
// the same number and level in the same gap are one retitled section.
const minPlaceContent = 0.25

// gapEvidence scores a pair of sections in one gap. The same title pairs,
// except an empty placeholder with another number; the same number and
// level pair with some shared words or a compatible title; else shared
// words at the same level.
func (c *comparer) gapEvidence(o, n *sec, minContent float64) (float64, bool) {
	if o.slug == n.slug && (o.slug != "" || o.num != "") {
		if o.num == n.num || !(emptyPlaceholder(o) || emptyPlaceholder(n)) {
			return 3 + c.shared(o, n), true
		}
		return 0, false
	}
	if o.s.Level != n.s.Level {
		return 0, false
	}
	d := 0.0
	if mayReach(len(o.signature()), len(n.signature()), min(minContent, minPlaceContent)) {
		d = c.shared(o, n)
	}
	similarTitle := len(o.titleSig()) > 0 && dice(o.titleSig(), n.titleSig()) >= minTitleShare
	if o.num != "" && o.num == n.num && (d >= minPlaceContent || similarTitle) {
		return 2 + d, true
	}
	if similarTitle && !placeholder(o) && !placeholder(n) {
		return 1 + d, true
	}
	if d >= minContent && len(o.signature()) >= minMoveWords && len(n.signature()) >= minMoveWords {
		return d, true
	}
	return 0, false
}

// weights holds, for each word, how much sharing it tells: words found in
// many of the sections left unmatched in either round ("the",
// "signatories") tell little, rare ones much. It is computed once, when
// first needed.
type weights struct {
	once sync.Once
	w    map[uint64]float64
}

// weightOf returns the weight of every word of both rounds.
func (c *comparer) weightOf() map[uint64]float64 {
	c.wts.once.Do(func() {
		// sections matched by id, number and title before any text is
		// weighed tell nothing more (and need no words)
		var secs []*sec
		for _, sd := range []*side{c.old, c.new} {
			matched := c.o2n
			if sd == c.new {
				matched = c.n2o
			}
			for _, x := range sd.secs {
				if matched[x.index] < 0 {
					secs = append(secs, x)
				}
			}
		}
		// their signatures are made on every processor: each touches
		// only its own section
		parallel.For(len(secs), func(i int) { secs[i].signature() })
		// each word's count of sections, then, in place, its weight
		df := map[uint64]float64{}
		for _, x := range secs {
			sig := x.signature()
			for k, h := range sig {
				if k == 0 || h != sig[k-1] {
					df[h]++
				}
			}
		}
		for h, n := range df {
			df[h] = math.Log(float64(len(secs)+1) / n)
		}
		c.wts.w = df
	})
	return c.wts.w
}

// shared is the Dice coefficient of two sections' words, each word
// weighted by its rarity across the sections of both rounds: a share of
// rare words, not of the words every section uses.
func (c *comparer) shared(o, n *sec) float64 {
	a, b := o.signature(), n.signature()
	wa, wb := c.weighted(o), c.weighted(n)
	// the sums run in the order of the words, so that they are the same
	// to the last bit however they are cached
	total := o.wsum
	for _, v := range wb {
		total += v
	}
	if total == 0 {
		return 0
	}
	// as in commonCount, without branches on the hashes: a word not in
	// common adds exactly nothing (weights are finite and not negative)
	var common float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		x, y := a[i], b[j]
		common += 2 * wa[i] * float64(b2i(x == y))
		i += b2i(x <= y)
		j += b2i(x >= y)
	}
	return common / total
}

// weighted is the weight of each word of x's signature, in its order,
// computed once; x.wsum is their sum, added up in that order.
func (c *comparer) weighted(x *sec) []float64 {
	// the weights and the words first: making them may take the locks
	// of other sections
	w := c.weightOf()
	sig := x.signature()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.wsig == nil {
		wsig := make([]float64, len(sig))
		sum := 0.0
		for k, h := range sig {
			// the hashes are sorted: a repeated word weighs what it did
			if k > 0 && h == sig[k-1] {
				wsig[k] = wsig[k-1]
			} else {
				wsig[k] = w[h]
			}
			sum += wsig[k]
		}
		x.wsig, x.wsum = wsig, sum
	}
	return x.wsig
}

// betterByTitle reports whether o or n has, on the other side, an
// unmatched namesake (a title that is not generic) whose text is at least
// as close as theirs (d): the title and the text then both point there.
func (c *comparer) betterByTitle(o, n *sec, d float64) bool {
	if t := c.namesake(c.new, o); t != nil && t != n && c.shared(o, t) >= d {
		return true
	}
	if t := c.namesake(c.old, n); t != nil && t != o && c.shared(t, n) >= d {
		return true
	}
	return false
}

// namesake is the unmatched section of sd with x's title, when that title
// is not generic on either side.
func (c *comparer) namesake(sd *side, x *sec) *sec {
	if c.distinctTitle(c.old, x) == "" || c.distinctTitle(c.new, x) == "" || sd.slugs[x.slug] != 1 {
		return nil
	}
	matched := c.o2n
	if sd == c.new {
		matched = c.n2o
	}
	if t := sd.bySlug[x.slug]; t != nil && matched[t.index] < 0 {
		return t
	}
	return nil
}
