package lineage

import (
	"fmt"
	"sort"
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/wording"
)

// Event is one round in which a section of a line changed.
type Event struct {
	// Round is the index of the round in Lineage.Rounds.
	Round int
	// Node is the section in that round; nil for a deletion.
	Node *Node
	// Deletion is set when the round deleted the section (its words may
	// have gone into another: merged into).
	Deletion *Deletion
	// What says what happened, one phrase each, in a fixed order.
	What []string
	// Words the section gained and lost.
	Words redline.WordCounts
	// Groups are the working groups cited for the change.
	Groups []string
}

// Ref is the section as it was in the event's round (for a deletion, as it
// was just before).
func (e *Event) Ref() *redline.SectionRef {
	if e.Node != nil {
		return &e.Node.Ref
	}
	return &e.Deletion.Node.Ref
}

// Entry is the section's id in the redline of the event's round.
func (e *Event) Entry() string {
	if e.Node != nil {
		return e.Node.Entry
	}
	return e.Deletion.Entry
}

// History lists the rounds in which n or any section it descends from
// changed, newest first: the section's own line, and the lines that split
// off into it or merged into it before. For a section whose line was later
// deleted, the deletion comes first.
func (l *Lineage) History(n *Node) []Event {
	line := Line(n)
	n = line[len(line)-1]
	var evs []Event
	if d := l.Deletion(n); d != nil {
		evs = append(evs, l.deletionEvent(d))
	}
	for _, a := range Ancestors(n) {
		if e, ok := l.nodeEvent(a); ok {
			evs = append(evs, e)
		}
		// a line that ends in a merge into one of n's ancestors
		if a.Successor() == nil && a != n {
			if d := l.deletionOf(a); d != nil {
				evs = append(evs, l.deletionEvent(d))
			}
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Round > evs[j].Round })
	return evs
}

func (l *Lineage) deletionOf(a *Node) *Deletion {
	if a.Round+1 >= len(l.Deleted) {
		return nil
	}
	for _, d := range l.Deleted[a.Round+1] {
		if d.Node == a {
			return d
		}
	}
	return nil
}

func (l *Lineage) deletionEvent(d *Deletion) Event {
	e := Event{Round: d.Round, Deletion: d, Words: d.Words, Groups: d.Groups}
	if to := d.MergedInto(); to != nil {
		e.What = append(e.What, "merged into "+quoteLabel(&to.Ref))
	} else if kids := splitInto(d.Node); len(kids) > 0 {
		e.What = append(e.What, "split into "+kids)
	} else {
		e.What = append(e.What, "deleted")
	}
	return e
}

// nodeEvent describes what happened to a in its round; ok is false when
// nothing did.
func (l *Lineage) nodeEvent(a *Node) (Event, bool) {
	e := Event{Round: a.Round, Node: a, Words: a.Change.Words, Groups: a.Change.Groups}
	c := &a.Change
	var from []string
	for _, in := range a.In {
		if in.Kind == Split {
			from = append(from, quoteLabel(&in.From.Ref))
		}
	}
	switch {
	case c.Status == redline.Added && len(from) > 0:
		e.What = append(e.What, "split from "+strings.Join(from, ", "))
	case c.Status == redline.Added:
		e.What = append(e.What, "added")
	case c.Words.Inserted > 0 || c.Words.Deleted > 0:
		e.What = append(e.What, fmt.Sprintf("reworded +%d -%d", c.Words.Inserted, c.Words.Deleted))
	}
	if !splitOrMerge(a) {
		for _, from := range c.MovedIn {
			e.What = append(e.What, fmt.Sprintf("text moved in from %q", from))
		}
		for _, to := range c.MovedOut {
			e.What = append(e.What, fmt.Sprintf("text moved out to %q", to))
		}
	}
	if old := c.Old; old != nil {
		if c.Renamed {
			e.What = append(e.What, fmt.Sprintf("renamed from %q", old.Title))
		}
		if c.Renumbered {
			e.What = append(e.What, "renumbered from "+wording.OrNone(old.Number, "(none)"))
		}
		if c.Relevelled {
			e.What = append(e.What, fmt.Sprintf("re-levelled from %s to %s", levelName(old.Level), levelName(a.Ref.Level)))
		}
		if c.Moved {
			e.What = append(e.What, "moved"+underParent(&a.Ref))
		}
	}
	for _, in := range a.In {
		if in.Kind == Merge {
			e.What = append(e.What, "merged in "+quoteLabel(&in.From.Ref))
		}
	}
	if p := a.Predecessor(); p != nil {
		if kids := splitInto(p); kids != "" {
			e.What = append(e.What, "split into "+kids)
		}
	}
	return e, len(e.What) > 0
}

// splitOrMerge reports whether a section split off a or merged into it
// in a's round.
func splitOrMerge(a *Node) bool {
	for _, in := range a.In {
		if in.Kind != Continues {
			return true
		}
	}
	p := a.Predecessor()
	return p != nil && splitInto(p) != ""
}

// splitInto names the sections split off n in the next round.
func splitInto(n *Node) string {
	var kids []string
	for _, out := range n.Out {
		if out.Kind == Split {
			kids = append(kids, quoteLabel(&out.To.Ref))
		}
	}
	return strings.Join(kids, ", ")
}

func quoteLabel(r *redline.SectionRef) string { return fmt.Sprintf("%q", r.Label()) }

func levelName(lv int) string {
	if lv == 0 {
		return "preamble"
	}
	return strings.Repeat("#", lv)
}

func underParent(r *redline.SectionRef) string {
	switch {
	case r.ParentNumber != "" && r.ParentTitle != "":
		return fmt.Sprintf(" (now under %q)", r.ParentNumber+" "+r.ParentTitle)
	case r.ParentNumber != "" || r.ParentTitle != "":
		return fmt.Sprintf(" (now under %q)", r.ParentNumber+r.ParentTitle)
	case r.Parent == "":
		return " (now at the top)"
	}
	return ""
}
