package diff

import "sort"

// placeChanges reports, by new index, the matched sections that moved and
// those whose parent changed without a move. A section moved when it is off
// the longest run of matched sections that kept their relative order, the
// sections of all files taken in document order. A section on that run
// whose parent is another one (because an ancestor heading was promoted,
// inserted or removed) did not move: its parent changed.
func (c *comparer) placeChanges() (moved, parentChanged []bool) {
	moved = make([]bool, len(c.new.secs))
	parentChanged = make([]bool, len(c.new.secs))
	var seq, at []int
	for n := range c.new.secs {
		if o := c.n2o[n]; o >= 0 {
			seq = append(seq, o)
			at = append(at, n)
		}
	}
	keep := lis(seq)
	for k, n := range at {
		if !keep[k] {
			moved[n] = true
			continue
		}
		op, np := c.old.secs[seq[k]].parent, c.new.secs[n].parent
		same := (op < 0 && np < 0) || (op >= 0 && np >= 0 && c.o2n[op] == np)
		parentChanged[n] = !same
	}
	return moved, parentChanged
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
