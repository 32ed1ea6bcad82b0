package summary

import (
	"sort"
	"time"

	"github.com/codraft/codraft/internal/redline"
)

// HistorySchema is the JSON schema name of `summary --all`.
const HistorySchema = "codraft.summary-history/v1"

// History is one row per consecutive pair of rounds: how the drafting
// converged.
type History struct {
	Schema string `json:"schema"`
	Pairs  []Pair `json:"pairs"`
}

// Pair is one row of History: the change from one round to the next.
type Pair struct {
	From redline.Endpoint `json:"from"`
	To   redline.Endpoint `json:"to"`
	// Label and Date are those of the newer round.
	Label string     `json:"label"`
	Date  *time.Time `json:"date"`
	// SectionsChanged counts the sections that changed in any way.
	SectionsChanged int               `json:"sections_changed"`
	Words           redline.WordStats `json:"words"`
	Notable         int               `json:"notable"`
	// NotableLeftOut counts the findings left out of the notable list.
	NotableLeftOut int `json:"notable_left_out"`
}

// ComputeHistory summarises each result, one per consecutive pair of rounds,
// oldest first.
func ComputeHistory(results []*redline.Result, opts Options) *History {
	h := &History{Schema: HistorySchema, Pairs: []Pair{}}
	for _, res := range results {
		s := Compute(res, opts)
		h.Pairs = append(h.Pairs, Pair{
			From:            res.From,
			To:              res.To,
			Label:           res.To.Label,
			Date:            res.To.Date,
			SectionsChanged: len(s.Sections),
			Words:           res.Stats.Words,
			Notable:         len(s.Notable),
			NotableLeftOut:  leftOutCount(s.NotableLeftOut),
		})
	}
	return h
}

// Chart is the change per top-level section across rounds, for the chart
// at the top of the HTML redline.
type Chart struct {
	// Pairs names each consecutive pair of rounds, oldest first: the newer
	// round's label, else its revision.
	Pairs  []string      `json:"pairs"`
	Series []ChartSeries `json:"series"`
}

// ChartSeries is one top-level section: the words it gained and lost in each
// pair of rounds, in the order of Chart.Pairs.
type ChartSeries struct {
	// Section is the section's label in the newest round where it exists;
	// ID its id there.
	Section string `json:"section"`
	ID      string `json:"id"`
	// Values are words inserted plus words deleted, per pair.
	Values []int `json:"values"`
}

// OtherSeries is the label of the series that gathers change outside every
// top-level section: the preamble and headings above the top level.
const OtherSeries = "(other)"

// ComputeChart follows each top-level section through the results, one per
// consecutive pair of rounds, oldest first, and sums the words changed in it
// and the sections inside it. The top level of a document is the shallowest
// heading level with at least two sections; a single title heading above
// them is not a section of its own here. Series come in the order of the
// newest round, then those that were deleted on the way, in the order they
// were last seen; (other) is last, and only there when it changed.
func ComputeChart(results []*redline.Result) *Chart {
	ch := &Chart{Pairs: []string{}, Series: []ChartSeries{}}
	n := len(results)
	parent := map[node]node{}
	var find func(node) node
	find = func(x node) node {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	union := func(a, b node) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[ra] = rb
		}
	}
	last := map[node]seen{} // latest label and position of each node
	other := node{-1, OtherSeries}
	values := map[node][]int{}
	add := func(x node, pair, words int) {
		v := values[x]
		if v == nil {
			v = make([]int, n)
			values[x] = v
		}
		v[pair] += words
	}
	type pending struct {
		x     node
		pair  int
		words int
	}
	var adds []pending
	for i, res := range results {
		label := res.To.Label
		if label == "" {
			label = res.To.Rev
		}
		ch.Pairs = append(ch.Pairs, label)
		c := newContext(res)
		oldTop, newTop := topLevel(res, true), topLevel(res, false)
		top := func(r *redline.SectionRef, refs map[string]*redline.SectionRef, level int, round int) (node, bool) {
			if r == nil || level == 0 {
				return other, false
			}
			anc := c.ancestry(r, refs)
			for _, id := range anc {
				ref := refs[id]
				if id == r.ID {
					ref = r
				}
				if ref != nil && ref.Level == level {
					return node{round, id}, true
				}
			}
			return other, false
		}
		for j := range res.Sections {
			sd := &res.Sections[j]
			on, oldOK := top(sd.Old, c.oldRefs, oldTop, i)
			nn, newOK := top(sd.New, c.newRefs, newTop, i+1)
			if oldOK && sd.Old.Level == oldTop {
				last[on] = seen{on.id, sd.Old.Label(), i, sd.Old.Index}
			}
			if newOK && sd.New.Level == newTop {
				last[nn] = seen{nn.id, sd.New.Label(), i + 1, sd.New.Index}
				if oldOK && sd.Old.Level == oldTop {
					union(on, nn)
				}
			}
			words := sd.Words.Inserted + sd.Words.Deleted
			if words == 0 {
				continue
			}
			switch {
			case newOK:
				adds = append(adds, pending{nn, i, words})
			case oldOK:
				adds = append(adds, pending{on, i, words})
			default:
				adds = append(adds, pending{other, i, words})
			}
		}
	}
	for _, a := range adds {
		if a.x == other {
			add(other, a.pair, a.words)
			continue
		}
		add(find(a.x), a.pair, a.words)
	}
	ch.Series = append(ch.Series, chartSeries(last, values, find, n)...)
	if v := values[other]; v != nil {
		ch.Series = append(ch.Series, ChartSeries{Section: OtherSeries, ID: "", Values: v})
	}
	return ch
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

func leftOutCount(left []LeftOut) int {
	n := 0
	for _, l := range left {
		n += l.Count
	}
	return n
}

// node identifies a top-level section in one round: round i is the old
// side of results[i], round n the new side of the last.
type node struct {
	round int
	id    string
}

// seen is where a node was last seen: its id, label, round and position.
type seen struct {
	id, label string
	round     int
	index     int
}

// chartSeries makes one series per group of nodes (find gives a node's
// group), in the order of the newest round, from the words of each group.
func chartSeries(last map[node]seen, values map[node][]int, find func(node) node, n int) []ChartSeries {
	var out []ChartSeries
	// Each series takes the id, label and position of its newest node.
	newest := map[node]seen{}
	for x, s := range last {
		r := find(x)
		cur, ok := newest[r]
		if !ok || s.round > cur.round || (s.round == cur.round && s.index < cur.index) {
			newest[r] = s
		}
	}
	roots := make([]node, 0, len(newest))
	for r := range newest {
		roots = append(roots, r)
	}
	sort.Slice(roots, func(a, b int) bool {
		sa, sb := newest[roots[a]], newest[roots[b]]
		if sa.round != sb.round {
			return sa.round > sb.round
		}
		if sa.index != sb.index {
			return sa.index < sb.index
		}
		return sa.id < sb.id
	})
	for _, r := range roots {
		v := values[r]
		if v == nil {
			v = make([]int, n)
		}
		out = append(out, ChartSeries{Section: newest[r].label, ID: newest[r].id, Values: v})
	}
	return out
}
