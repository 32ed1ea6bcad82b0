// Package lineage follows each section of a draft through all its rounds,
// from the engine's matching of each consecutive pair: across renames,
// renumbering, re-levelling and moves, and through splits (a section with
// two heirs) and merges (two lines that join). It is the one definition of a
// section's history that log, blame and the review site share. It is pure:
// it reads redlines and round metadata and does no IO.
package lineage

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/redline"
)

// Round is what lineage knows of one round besides its redline.
type Round struct {
	Number int
	Label  string
	Date   time.Time
	// Citations are the working groups cited by the commits that made the
	// round (those after the previous round, up to this one).
	Citations []Citation
}

// Citation is one working group cited by a commit, with the sections the
// citation names (none: every section the commit changed).
type Citation struct {
	Group    string
	Sections []string
}

// Covers reports whether the citation covers the section ref: it names no
// section, or it names the section's id or number.
func (c Citation) Covers(ref *redline.SectionRef) bool {
	if len(c.Sections) == 0 {
		return true
	}
	if ref == nil {
		return false
	}
	for _, s := range c.Sections {
		if s == ref.ID || numberIs(ref, s) {
			return true
		}
	}
	return false
}

// Groups returns the ids of the working groups in cs that cover ref, in
// order of first citation, without repeats.
func Groups(cs []Citation, ref *redline.SectionRef) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cs {
		if !seen[c.Group] && c.Covers(ref) {
			seen[c.Group] = true
			out = append(out, c.Group)
		}
	}
	return out
}

// EdgeKind says how a section of one round leads to one of the next.
type EdgeKind string

// Edge kinds.
const (
	// Continues: the engine matched the two sections; whatever changed,
	// this is the same section.
	Continues EdgeKind = "continues"
	// Split: most of the words of the new section (which the engine
	// reports as added) came from the old one, which may live on too.
	Split EdgeKind = "split"
	// Merge: most of the words of the old section (which the engine
	// reports as deleted) went into the new one, which continues another
	// line.
	Merge EdgeKind = "merge"
)

// Edge links a section of one round to a section of the next.
type Edge struct {
	Kind     EdgeKind
	From, To *Node
}

// Node is one section in one round.
type Node struct {
	// Round is the index of the round in Lineage.Rounds.
	Round int
	// Ref is the section as it was in that round.
	Ref redline.SectionRef
	// Entry is the section's id in the redline that ends in this round
	// (the redline of the previous round against this one).
	Entry string
	// Change is what that redline says happened to the section.
	Change Change
	// Top is the section's top-level section in this round (itself when
	// it is one); nil for the preamble and headings above the top level.
	Top *Node
	// In and Out are the edges from the previous round and to the next.
	In, Out []*Edge
}

// Change is what happened to a section from the previous round to its own.
type Change struct {
	Status     redline.Status
	Moved      bool
	Renamed    bool
	Renumbered bool
	Relevelled bool
	Words      redline.WordCounts
	// Old is the section as it was in the previous round, nil when it was
	// added.
	Old *redline.SectionRef
	// Groups are the working groups cited for the change (none when
	// nothing changed).
	Groups []string
	// MovedIn and MovedOut name the sections (as labels in their rounds)
	// that text moved in from, and out to.
	MovedIn, MovedOut []string
}

// Changed reports whether anything happened to the section in its round.
func (c *Change) Changed() bool {
	return c.Status != redline.Unchanged || c.Moved || c.Renamed || c.Renumbered || c.Relevelled
}

// Deletion is a section of one round that the next round no longer has.
type Deletion struct {
	// Node is the section in the round before.
	Node *Node
	// Round is the index of the round that deleted it.
	Round int
	// Entry is its id in that round's redline.
	Entry string
	// Words it lost (all of them).
	Words redline.WordCounts
	// Groups are the working groups cited for the deletion.
	Groups []string
}

// Lineage is every section of every round and how they lead to each other.
type Lineage struct {
	Rounds []Round
	// Sections[i] are round i's sections in document order.
	Sections [][]*Node
	// Deleted[i] are the sections that round i deleted (from round i-1).
	Deleted [][]*Deletion
}

// Builder builds a Lineage one round at a time, so that a caller can drop
// each redline once it is added.
type Builder struct {
	l *Lineage
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder { return &Builder{l: &Lineage{}} }

// Build adds rounds[i] with pairs[i] for each i and returns the lineage.
func Build(rounds []Round, pairs []*redline.Result) (*Lineage, error) {
	if len(rounds) != len(pairs) {
		return nil, fmt.Errorf("lineage: %d rounds but %d redlines", len(rounds), len(pairs))
	}
	b := NewBuilder()
	for i := range rounds {
		if err := b.Add(rounds[i], pairs[i]); err != nil {
			return nil, err
		}
	}
	return b.Lineage(), nil
}

// Add appends a round. res compares the previous round with this one; for
// the first round it compares an empty draft with it. Add keeps no
// reference to res or its blocks.
func (b *Builder) Add(r Round, res *redline.Result) error {
	l := b.l
	ri := len(l.Rounds)
	var prev []*Node
	if ri > 0 {
		prev = l.Sections[ri-1]
	}
	// the previous round's sections by their place in document order
	byOldIndex := make(map[int]*Node, len(prev))
	for _, n := range prev {
		byOldIndex[n.Ref.Index] = n
	}
	var nodes []*Node
	oldOf := map[string]*Node{} // redline entry id -> old node
	newOf := map[string]*Node{} // redline entry id -> new node
	var dels []*Deletion
	labels := map[string]string{}
	for i := range res.Sections {
		sd := &res.Sections[i]
		if sd.New != nil {
			labels[sd.ID] = sd.New.Label()
		} else if sd.Old != nil {
			labels[sd.ID] = sd.Old.Label()
		}
	}
	for i := range res.Sections {
		sd := &res.Sections[i]
		var old *Node
		if sd.Old != nil {
			old = byOldIndex[sd.Old.Index]
			if old == nil && ri > 0 {
				return fmt.Errorf("lineage: round %d: section %q is not in round %d", r.Number, sd.Old.ID, l.Rounds[ri-1].Number)
			}
			if old != nil {
				oldOf[sd.ID] = old
			}
		}
		if sd.New == nil {
			if old != nil {
				dels = append(dels, &Deletion{Node: old, Round: ri, Entry: sd.ID, Words: sd.Words, Groups: Groups(r.Citations, sd.Old)})
			}
			continue
		}
		n := &Node{Round: ri, Ref: *sd.New, Entry: sd.ID}
		n.Change = Change{Status: sd.Status, Moved: sd.Moved, Renamed: sd.Renamed, Renumbered: sd.Renumbered, Relevelled: sd.Relevelled, Words: sd.Words}
		if sd.Old != nil {
			o := *sd.Old
			n.Change.Old = &o
		}
		if n.Change.Changed() {
			n.Change.Groups = Groups(r.Citations, sd.New)
		}
		n.Change.MovedIn, n.Change.MovedOut = blockMoves(sd, labels)
		newOf[sd.ID] = n
		nodes = append(nodes, n)
		if old != nil {
			link(Continues, old, n)
		}
	}
	sort.SliceStable(nodes, func(a, b int) bool { return nodes[a].Ref.Index < nodes[b].Ref.Index })
	for i := range res.Sections {
		sd := &res.Sections[i]
		switch {
		case sd.SplitFrom != "" && sd.Old == nil:
			if from := oldOf[sd.SplitFrom]; from != nil && newOf[sd.ID] != nil {
				link(Split, from, newOf[sd.ID])
			}
		case sd.MergedInto != "" && sd.New == nil:
			if to := newOf[sd.MergedInto]; to != nil && oldOf[sd.ID] != nil {
				link(Merge, oldOf[sd.ID], to)
			}
		}
	}
	setTops(nodes)
	l.Rounds = append(l.Rounds, r)
	l.Sections = append(l.Sections, nodes)
	l.Deleted = append(l.Deleted, dels)
	return nil
}

// blockMoves names the sections that blocks of sd moved in from and out
// to, in block order, without repeats.
func blockMoves(sd *redline.SectionDiff, labels map[string]string) (in, out []string) {
	seen := map[string]bool{}
	for k := range sd.Blocks {
		b := &sd.Blocks[k]
		switch {
		case b.MovedFrom != "" && b.MovedFrom != sd.ID && !seen["<"+b.MovedFrom]:
			seen["<"+b.MovedFrom] = true
			in = append(in, labels[b.MovedFrom])
		case b.MovedTo != "" && b.MovedTo != sd.ID && !seen[">"+b.MovedTo]:
			seen[">"+b.MovedTo] = true
			out = append(out, labels[b.MovedTo])
		}
	}
	return in, out
}

func link(k EdgeKind, from, to *Node) {
	e := &Edge{Kind: k, From: from, To: to}
	from.Out = append(from.Out, e)
	to.In = append(to.In, e)
}

// TopLevel is the shallowest heading level with at least two sections in
// the round, else the shallowest level present (0 when there is none). A
// single title heading above the top level is not a top-level section.
func TopLevel(nodes []*Node) int {
	counts := map[int]int{}
	for _, n := range nodes {
		if n.Ref.Level > 0 {
			counts[n.Ref.Level]++
		}
	}
	best := 0
	for lv, c := range counts {
		if c >= 2 && (best == 0 || lv < best || counts[best] < 2) {
			best = lv
		}
	}
	if best == 0 {
		for lv := range counts {
			if best == 0 || lv < best {
				best = lv
			}
		}
	}
	return best
}

// setTops sets each node's top-level section.
func setTops(nodes []*Node) {
	top := TopLevel(nodes)
	var cur *Node
	for _, n := range nodes {
		switch {
		case n.Ref.Level == 0 || n.Ref.Level < top:
			cur = nil
		case n.Ref.Level == top:
			cur = n
		}
		n.Top = cur
	}
}

// Last returns the sections of the newest round.
func (l *Lineage) Last() []*Node {
	if len(l.Sections) == 0 {
		return nil
	}
	return l.Sections[len(l.Sections)-1]
}

// Find returns the sections named q, by id, else by number as written
// ("Measure 1.2", "1.2", or number and title), in the newest round that has
// one, in document order; and that round's index. A section that only
// older rounds have is found there.
func (l *Lineage) Find(q string) ([]*Node, int) {
	for ri := len(l.Sections) - 1; ri >= 0; ri-- {
		var out []*Node
		for _, n := range l.Sections[ri] {
			if n.Ref.ID == q {
				out = append(out, n)
			}
		}
		if len(out) == 0 {
			for _, n := range l.Sections[ri] {
				if numberIs(&n.Ref, q) {
					out = append(out, n)
				}
			}
		}
		if len(out) > 0 {
			return out, ri
		}
	}
	return nil, -1
}

// numberIs reports whether q names ref by its number as written
// ("Measure 1.2"), its number without the word ("1.2"), or its number and
// title.
func numberIs(ref *redline.SectionRef, q string) bool {
	n := ref.Number
	return n != "" && (n == q || ref.Label() == q || strings.HasSuffix(n, " "+q))
}

// Ancestors returns n and every section it descends from, through each
// kind of edge, newest round first and in document order within a round.
func Ancestors(n *Node) []*Node {
	seen := map[*Node]bool{n: true}
	out := []*Node{n}
	for i := 0; i < len(out); i++ {
		for _, e := range out[i].In {
			if !seen[e.From] {
				seen[e.From] = true
				out = append(out, e.From)
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Round != out[b].Round {
			return out[a].Round > out[b].Round
		}
		return out[a].Ref.Index < out[b].Ref.Index
	})
	return out
}

// Predecessor is the section that n continues in the previous round, or
// nil when n was added (or split off) in its round.
func (n *Node) Predecessor() *Node {
	for _, e := range n.In {
		if e.Kind == Continues {
			return e.From
		}
	}
	return nil
}

// Successor is the section that continues n in the next round, or nil.
func (n *Node) Successor() *Node {
	for _, e := range n.Out {
		if e.Kind == Continues {
			return e.To
		}
	}
	return nil
}

// Origin follows n back through the sections it continues to the one where
// its line began: the round where it was added, or split off another.
func Origin(n *Node) *Node {
	for p := n.Predecessor(); p != nil; p = p.Predecessor() {
		n = p
	}
	return n
}

// Line returns n's versions from its origin to the newest round that
// continues it, oldest first: the sections matched to each other round by
// round.
func Line(n *Node) []*Node {
	var back []*Node
	for p := n; p != nil; p = p.Predecessor() {
		back = append(back, p)
	}
	out := make([]*Node, 0, len(back))
	for i := len(back) - 1; i >= 0; i-- {
		out = append(out, back[i])
	}
	for s := n.Successor(); s != nil; s = s.Successor() {
		out = append(out, s)
	}
	return out
}

// Deletion returns how the line of n ended: the deletion of its last
// version, or nil when the newest round still has it.
func (l *Lineage) Deletion(n *Node) *Deletion {
	line := Line(n)
	last := line[len(line)-1]
	if last.Round+1 >= len(l.Deleted) {
		return nil
	}
	for _, d := range l.Deleted[last.Round+1] {
		if d.Node == last {
			return d
		}
	}
	return nil
}

// MergedInto is the section a deleted section's words went to, or nil.
func (d *Deletion) MergedInto() *Node {
	for _, e := range d.Node.Out {
		if e.Kind == Merge {
			return e.To
		}
	}
	return nil
}

// Lineage returns the lineage of the rounds added so far.
func (b *Builder) Lineage() *Lineage { return b.l }
