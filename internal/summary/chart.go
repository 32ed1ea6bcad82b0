package summary

import (
	"sort"

	"github.com/codraft/codraft/internal/redline"
)

// Chart is the change per top-level section across rounds, for the chart
// at the top of the HTML redline.
type Chart struct {
	// Pairs names each consecutive pair of rounds, oldest first: the newer
	// round's label, else its revision.
	Pairs  []string      `json:"pairs"`
	Series []ChartSeries `json:"series"`
}

// ChartSeries is one top-level section, followed through the rounds by the
// redline's matches (renamed, renumbered or moved, it is still one
// series): the words it gained and lost in each pair of rounds, in the
// order of Chart.Pairs.
type ChartSeries struct {
	// Section is the section's label in the newest round where it exists;
	// ID its id there.
	Section string `json:"section"`
	ID      string `json:"id"`
	// Values are words inserted plus words deleted, per pair, or NotPresent
	// for a pair in which the section exists in neither round: before it
	// was added, or after it was removed.
	Values []int `json:"values"`
	// Removed is set for a section that the newest round no longer has; its
	// last value that is not NotPresent is the pair that removed it.
	Removed bool `json:"removed,omitempty"`
}

// NotPresent is the value of a pair of rounds in which a section exists in
// neither round.
const NotPresent = -1

// OtherSeries is the label of the series that gathers change outside every
// top-level section: the preamble and headings above the top level.
const OtherSeries = "(other)"

// ComputeChart follows each top-level section through the results, one per
// consecutive pair of rounds, oldest first, and sums the words changed in it
// and the sections inside it. The top level of a document is the shallowest
// heading level with at least two sections; a single title heading above
// them is not a section of its own here. A section matched from one round
// to the next stays one series. Series come in the order of the newest
// round, then those that were removed on the way, latest removal first,
// each in the order it had in its last round; (other) is last, and only
// there when it changed.
func ComputeChart(results []*redline.Result) *Chart {
	ch := &Chart{Pairs: []string{}, Series: []ChartSeries{}}
	n := len(results)
	var parts []*chartPart
	var other []int
	cur := map[string]int{} // top-level id in the old round of the pair -> part
	for i, res := range results {
		label := res.To.Label
		if label == "" {
			label = res.To.Rev
		}
		ch.Pairs = append(ch.Pairs, label)
		next := map[string]int{}
		lv := chartLevels{old: topLevel(res, true), new: topLevel(res, false)}
		for j := range res.Sections {
			parts = lv.follow(&res.Sections[j], i, n, parts, cur, next)
		}
		c := newContext(res)
		for j := range res.Sections {
			sd := &res.Sections[j]
			words := sd.Words.Inserted + sd.Words.Deleted
			if words == 0 {
				continue
			}
			if id, ok := topOf(c, sd.New, c.newRefs, lv.new); ok {
				if p, ok := next[id]; ok {
					parts[p].values[i] += words
					continue
				}
			}
			if id, ok := topOf(c, sd.Old, c.oldRefs, lv.old); ok {
				if p, ok := cur[id]; ok {
					parts[p].values[i] += words
					continue
				}
			}
			if other == nil {
				other = make([]int, n)
			}
			other[i] += words
		}
		cur = next
	}
	ch.Series = append(ch.Series, chartSeries(parts, n)...)
	if other != nil {
		ch.Series = append(ch.Series, ChartSeries{Section: OtherSeries, ID: "", Values: other})
	}
	return ch
}

// chartPart is one series while it is being followed: its values, and the
// id, label, round and position where it was last seen.
type chartPart struct {
	values    []int
	id, label string
	round     int
	index     int
}

// seenAt records that the part exists in pair i, as ref in round round.
func (p *chartPart) seenAt(ref *redline.SectionRef, i, round int) {
	if p.values[i] == NotPresent {
		p.values[i] = 0
	}
	p.id, p.label, p.round, p.index = ref.ID, ref.Label(), round, ref.Index
}

// chartLevels are the top heading levels of the old and new round of a
// pair.
type chartLevels struct{ old, new int }

// follow carries the series of a top-level section across pair i: the
// part of its old side (cur) goes on as its new side (next) when the
// redline matched the two, else a new part starts or an old one ends. It
// returns parts, with any part it started.
func (lv chartLevels) follow(sd *redline.SectionDiff, i, n int, parts []*chartPart, cur, next map[string]int) []*chartPart {
	oldTop := sd.Old != nil && lv.old > 0 && sd.Old.Level == lv.old
	newTop := sd.New != nil && lv.new > 0 && sd.New.Level == lv.new
	if !oldTop && !newTop {
		return parts
	}
	p, ok := -1, false
	if oldTop {
		p, ok = cur[sd.Old.ID]
	}
	if !ok {
		// a section new in this pair, or at the top level for the first
		// time, or the first pair's
		v := make([]int, n)
		for k := range v {
			v[k] = NotPresent
		}
		parts = append(parts, &chartPart{values: v})
		p = len(parts) - 1
	}
	if oldTop {
		parts[p].seenAt(sd.Old, i, i)
		cur[sd.Old.ID] = p
	}
	if newTop {
		parts[p].seenAt(sd.New, i, i+1)
		next[sd.New.ID] = p
	}
	return parts
}

// topOf is the id of the top-level section (at level) that holds r, itself
// included.
func topOf(c *Context, r *redline.SectionRef, refs map[string]*redline.SectionRef, level int) (string, bool) {
	if r == nil || level == 0 {
		return "", false
	}
	for _, id := range c.ancestry(r, refs) {
		ref := refs[id]
		if id == r.ID {
			ref = r
		}
		if ref != nil && ref.Level == level {
			return id, true
		}
	}
	return "", false
}

// chartSeries orders the parts: those of the newest round in its order,
// then the removed ones, latest removal first, each in the order of its
// last round.
func chartSeries(parts []*chartPart, n int) []ChartSeries {
	sorted := append([]*chartPart(nil), parts...)
	sort.SliceStable(sorted, func(a, b int) bool {
		pa, pb := sorted[a], sorted[b]
		if pa.round != pb.round {
			return pa.round > pb.round
		}
		return pa.index < pb.index
	})
	out := make([]ChartSeries, 0, len(sorted))
	for _, p := range sorted {
		out = append(out, ChartSeries{Section: p.label, ID: p.id, Values: p.values, Removed: p.round < n})
	}
	return out
}

// topLevel is the shallowest heading level with at least two sections on one
// side of res (old when old is true), or the shallowest level present.
func topLevel(res *redline.Result, old bool) int {
	counts := map[int]int{}
	for i := range res.Sections {
		r := res.Sections[i].New
		if old {
			r = res.Sections[i].Old
		}
		if r != nil && r.Level > 0 {
			counts[r.Level]++
		}
	}
	levels := make([]int, 0, len(counts))
	for l := range counts {
		levels = append(levels, l)
	}
	sort.Ints(levels)
	for _, l := range levels {
		if counts[l] >= 2 {
			return l
		}
	}
	if len(levels) > 0 {
		return levels[0]
	}
	return 0
}
