package diff

import (
	"fmt"
	"hash/fnv"

	"github.com/codraft/codraft/internal/parallel"
	"github.com/codraft/codraft/internal/redline"
)

// minMoveWords is the least number of words a block needs to be reported
// as moved; shorter ones ("Reserved.") are ordinary deletions and insertions.
const minMoveWords = 3

// moveSimilar is the least similarity of a deleted and an added block for
// them to be one moved block with edits.
const moveSimilar = 0.5

// minMergeWords is the least number of words of a deleted paragraph found
// whole inside a paragraph that arrived elsewhere for it to be shown as
// merged there.
const minMergeWords = 5

// minMergeContained is the least share of a deleted block's words found in
// the text inserted into an arrived block for the deleted block to have
// been merged into it.
const minMergeContained = 0.9

// findMoves pairs deleted blocks with added blocks anywhere in the
// document: exact text first, then similar text, then deleted blocks
// merged into a block that arrived elsewhere. A block whose text occurs in
// several sections of either round (boilerplate such as "Der Versuch ist
// strafbar.") is linked only where the pairing is unique.
func (c *comparer) findMoves(dels, adds []*bentry) {
	if len(dels) == 0 || len(adds) == 0 {
		return
	}
	boiler := c.boilerplate()
	restD := c.exactMoves(dels, adds, boiler)
	var restA []*bentry
	for _, a := range adds {
		if a.other == nil && c.new.secs[a.new.sec].blockWords(a.new.blk) >= minMoveWords {
			restA = append(restA, a)
		}
	}
	if len(restD) == 0 || len(restA) == 0 {
		c.diffLinks()
		return
	}
	c.similarMoves(restD, restA, boiler)
	// merges read the arrivals' word diffs
	c.diffLinks()
	c.merges(restD, adds, boiler)
}

// boilerplate reports the texts that occur in more than one section of
// either round.
func (c *comparer) boilerplate() map[string]bool {
	out := map[string]bool{}
	for _, sd := range []*side{c.old, c.new} {
		n := 0
		for _, x := range sd.secs {
			n += len(x.s.Blocks)
		}
		// sized once: growing it would allocate about twice as much
		where := make(map[string]int, n)
		for _, x := range sd.secs {
			for _, b := range x.s.Blocks {
				if s, ok := where[b.Text]; ok && s != x.index {
					out[b.Text] = true
				}
				where[b.Text] = x.index
			}
		}
	}
	return out
}

// exactMoves links deleted and added blocks of the same kind and text and
// returns the deleted blocks left.
func (c *comparer) exactMoves(dels, adds []*bentry, boiler map[string]bool) []*bentry {
	exact := make(map[string][]*bentry, len(adds))
	for _, a := range adds {
		t := c.newBlock(a.new).Text
		exact[t] = append(exact[t], a)
	}
	delsOf := make(map[string]int, len(dels))
	for _, d := range dels {
		delsOf[c.oldBlock(d.old).Text]++
	}
	var rest []*bentry
	for _, d := range dels {
		if c.old.secs[d.old.sec].blockWords(d.old.blk) < minMoveWords {
			continue
		}
		t := c.oldBlock(d.old).Text
		if boiler[t] && (delsOf[t] != 1 || len(exact[t]) != 1) {
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
			rest = append(rest, d)
		}
	}
	return rest
}

// similarMoves links deleted and added blocks of the same kind whose words
// are similar, best pair first; boilerplate only where each has one
// candidate.
func (c *comparer) similarMoves(restD, restA []*bentry, boiler map[string]bool) {
	sigD := make([]signature, len(restD))
	for i, d := range restD {
		sigD[i] = c.oldSig(d)
	}
	sigA := make([]signature, len(restA))
	for j, a := range restA {
		sigA[j] = c.newSig(a)
	}
	var cands []scored
	nd, na := make([]int32, len(restD)), make([]int32, len(restA))
	score := func(i, j int) (float64, bool) {
		if !mayReach(len(sigD[i]), len(sigA[j]), moveSimilar) || c.oldBlock(restD[i].old).Kind != c.newBlock(restA[j].new).Kind {
			return 0, false
		}
		s := dice(sigD[i], sigA[j])
		return s, s >= moveSimilar
	}
	take := func(i, j int, s float64) {
		cands = append(cands, scored{i, j, s})
		nd[i]++
		na[j]++
	}
	if len(restD)*len(restA) <= 4096 {
		for i := range restD {
			for j := range restA {
				if s, ok := score(i, j); ok {
					take(i, j, s)
				}
			}
		}
	} else {
		candidatePairs(sigD, sigA, moveSimilar, score, take)
	}
	bestFirst(cands, func(i, j int) {
		d, a := restD[i], restA[j]
		if d.other != nil || a.other != nil {
			return
		}
		if (boiler[c.oldBlock(d.old).Text] || boiler[c.newBlock(a.new).Text]) && (nd[i] != 1 || na[j] != 1) {
			return
		}
		c.link(d, a)
	})
}

// merges links a deleted block whose words were inserted, nearly all of
// them, into a block that arrived from elsewhere: the two old blocks were
// merged into it. The arrived block then shows its new text against both.
func (c *comparer) merges(restD, adds []*bentry, boiler map[string]bool) {
	var arrivals []*bentry
	for _, a := range adds {
		if a.other != nil && a.status == redline.Moved {
			arrivals = append(arrivals, a)
		}
	}
	if len(arrivals) == 0 || len(arrivals)*len(restD) > 1<<16 {
		return
	}
	// the words each arrival inserted, made once; a merge changes its
	// arrival's ops, and they are made again
	inserted := make(map[*bentry]signature, len(arrivals))
	insertedSig := func(a *bentry) signature {
		sig, ok := inserted[a]
		if !ok {
			sig = signatureOf(insertedText(a.ops))
			inserted[a] = sig
		}
		return sig
	}
	for _, d := range restD {
		t := c.oldBlock(d.old).Text
		if d.other != nil || boiler[t] || c.old.secs[d.old.sec].blockWords(d.old.blk) < minMergeWords {
			continue
		}
		sd := c.oldSig(d)
		var into *bentry
		for _, a := range arrivals {
			if a.other.other != a || c.oldBlock(d.old).Kind != c.newBlock(a.new).Kind {
				continue
			}
			ins := insertedSig(a)
			// a share of sd's words needs as many words inserted: a far
			// shorter insertion cannot hold it (the margin keeps the
			// test clear of rounding)
			if float64(len(ins)) < 0.8*minMergeContained*float64(len(sd)) {
				continue
			}
			if contained(sd, ins) >= minMergeContained {
				if into != nil {
					into = nil // not unique
					break
				}
				into = a
			}
		}
		if into != nil {
			c.merge(d, into)
			delete(inserted, into)
		}
	}
}

// contained is the share of x's words found in y.
func contained(x, y signature) float64 {
	if len(x) == 0 {
		return 0
	}
	return dice(x, y) * float64(len(x)+len(y)) / 2 / float64(len(x))
}

// insertedText is the text of the insert ops.
func insertedText(ops []redline.Op) string {
	var s []byte
	for _, op := range ops {
		if op.Op == redline.Insert {
			s = append(s, op.Text...)
			s = append(s, ' ')
		}
	}
	return string(s)
}

// merge makes d, a deleted block, a second departure of the move that
// arrived as a: a's ops become the word diff of both old texts, in old
// document order, against its new text; d keeps its text, as moved.
func (c *comparer) merge(d, a *bentry) {
	first, second := a.other, d
	if lessRef(d.old, first.old) {
		first, second = d, first
	}
	ot := c.oldBlock(first.old).Text + " " + c.oldBlock(second.old).Text
	ops, ins, del := c.wd.diff(ot, c.newBlock(a.new).Text)
	a.ops, a.ins, a.del = ops, ins, del
	d.status, d.other = redline.Moved, a
	d.ops = opsOf(redline.Equal, c.oldBlock(d.old).Text)
}

// link makes d (a deleted block) and a (an added one) the two ends of a
// move. Both are to carry the word diff of the old text against the new,
// which diffLinks makes.
func (c *comparer) link(d, a *bentry) {
	d.status, a.status = redline.Moved, redline.Moved
	d.other, a.other = a, d
	d.move = moveID(c.oldBlock(d.old).Text)
	a.move = d.move
	c.linked = append(c.linked, d)
}

// diffLinks makes the word diffs of the moves linked since it last ran,
// on every processor, the longest texts first; each touches only its own
// two ends.
func (c *comparer) diffLinks() {
	ds := c.linked
	c.linked = nil
	parallel.Largest(len(ds), func(k int) int {
		return len(c.oldBlock(ds[k].old).Text) + len(c.newBlock(ds[k].other.new).Text)
	}, func(k int) {
		d := ds[k]
		a := d.other
		ops, ins, del := c.wd.blockDiff(c.oldBlock(d.old), c.newBlock(a.new))
		d.ops, a.ops = ops, ops
		a.ins, a.del = ins, del // a move's edits count once, where it arrived
	})
}

// moveID is the id of a move of a block of old text t.
func moveID(t string) string {
	h := fnv.New32a()
	h.Write([]byte(t))
	return fmt.Sprintf("mv-%08x", h.Sum32())
}
