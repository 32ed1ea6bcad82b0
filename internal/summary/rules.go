package summary

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/codraft/codraft/internal/parallel"
	"github.com/codraft/codraft/internal/redline"
)

// Notable is one change that a rule found worth reading first.
type Notable struct {
	// Rule is the id of the rule that fired.
	Rule string `json:"rule"`
	// Section is the section's id, Label its name as a reader knows it.
	Section string `json:"section"`
	Label   string `json:"label"`
	// What says what the rule saw: "obligation weakened (shall → should)".
	What string `json:"what"`
	// Before and After are the words before and after the change, with a
	// few words of context; either is "" when that side has none.
	Before string `json:"before"`
	After  string `json:"after"`
	// Old and New are the exact values that changed: the numbers, the
	// obligation words, the reference, the defined term; either is ""
	// when that side has none.
	Old string `json:"old"`
	New string `json:"new"`
	// Severity is high, medium or low; the list is ordered by it.
	Severity Severity `json:"severity"`
}

// Severity says how much a notable change matters; it orders the list.
type Severity string

// The severities, most important first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

func (s Severity) rank() int {
	switch s {
	case High:
		return 0
	case Medium:
		return 1
	}
	return 2
}

// Line is the notable change on one line: where, what, and the words.
func (n *Notable) Line() string {
	s := n.Label + ": " + n.What
	switch {
	case n.Before != "" && n.After != "":
		s += fmt.Sprintf(": %q → %q", n.Before, n.After)
	case n.Before != "":
		s += fmt.Sprintf(": %q", n.Before)
	case n.After != "":
		s += fmt.Sprintf(": → %q", n.After)
	}
	return s + " [" + n.Rule + "]"
}

// Rule finds notable changes in one section of a redline. Find is called for
// every section, changed or not, in the redline's order; Compute fills in
// Rule and Severity, and Section and Label when Find leaves them empty.
type Rule struct {
	ID string
	// Doc says in one line what the rule looks for.
	Doc      string
	Severity Severity
	Find     func(c *Context, sd *redline.SectionDiff) []Notable
	// Crowd, when above zero, is how many findings of the rule the list
	// shows at most: past it they are all left out and counted instead.
	Crowd int
}

// DefaultRules is the rule table, in the order the list shows rules of one
// severity. To add a rule, add a row.
//
// Every rule reads aligned changes only: a word replaced by another inside a
// block both rounds keep, or a whole block (or sentence) deleted or inserted.
// Text that moved (a block with a move) never fires a rule, and neither do
// code and raw HTML blocks.
var DefaultRules = []Rule{
	{
		ID:       "obligation-strength",
		Doc:      "an obligation word was replaced by one of another force: must/shall/required ↔ should/recommended ↔ may/can/optional, MUST NOT ↔ SHOULD NOT ↔ MAY, muss ↔ soll ↔ kann",
		Severity: High,
		Find:     findObligation,
	},
	{
		ID:       "changed-quantity",
		Doc:      "a number, percentage, amount, date or duration was replaced by a different one in the same phrase",
		Severity: High,
		Find:     findQuantity,
	},
	{
		ID:       "deleted-commitment",
		Doc:      "a section was deleted whose text carried an obligation, or a numbered provision was deleted",
		Severity: High,
		Find:     findDeletedCommitment,
	},
	{
		ID:       "obligation-removed",
		Doc:      "a sentence or block carrying an obligation, prohibition or recommendation was deleted",
		Severity: Medium,
		Find:     findObligationRemoved,
	},
	{
		ID:       "obligation-added",
		Doc:      "a sentence or block carrying an obligation, prohibition or recommendation was inserted",
		Severity: Medium,
		Find:     findObligationAdded,
	},
	{
		ID:       "definition-changed",
		Doc:      "a definition changed, or a defined term was renamed or removed (case and markup aside)",
		Severity: Medium,
		Find:     findDefinition,
	},
	{
		ID:       "reference-changed",
		Doc:      "a reference to a document or a section changed (RFC 2119, § 355, Section 4.3.6), other than by a renumbering",
		Severity: Low,
		Find:     findReference,
		Crowd:    10,
	},
}

// LeftOut counts the findings of one rule left out of the list.
type LeftOut struct {
	Rule  string `json:"rule"`
	Count int    `json:"count"`
}

// order sorts the notable changes by severity, then by the rule's row in
// the table, keeping the redline's order within one rule, and leaves out
// the findings of a crowded rule.
func order(ns []Notable, rules []Rule) ([]Notable, []LeftOut) {
	row := map[string]int{}
	for i, r := range rules {
		row[r.ID] = i
	}
	count := map[string]int{}
	for _, n := range ns {
		count[n.Rule]++
	}
	var left []LeftOut
	kept := make([]Notable, 0, len(ns))
	for _, r := range rules {
		if r.Crowd > 0 && count[r.ID] > r.Crowd {
			left = append(left, LeftOut{Rule: r.ID, Count: count[r.ID]})
		}
	}
	for _, n := range ns {
		r := rules[row[n.Rule]]
		if r.Crowd > 0 && count[n.Rule] > r.Crowd {
			continue
		}
		kept = append(kept, n)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if a.Severity.rank() != b.Severity.rank() {
			return a.Severity.rank() < b.Severity.rank()
		}
		return row[a.Rule] < row[b.Rule]
	})
	return kept, left
}

// leftOutNote says in words what was left out of the list, or "".
func leftOutNote(left []LeftOut) string {
	var parts []string
	for _, l := range left {
		parts = append(parts, fmt.Sprintf("%d %s", l.Count, l.Rule))
	}
	if len(parts) == 0 {
		return ""
	}
	return "left out: " + strings.Join(parts, ", ") + " (too many to list)"
}

// Context is what rules may know about the whole redline besides the section
// they look at.
type Context struct {
	res *redline.Result
	// oldSections and newSections find a section of the redline by its id
	// on one side; oldRefs and newRefs find that side's reference.
	oldSections, newSections map[string]*redline.SectionDiff
	oldRefs, newRefs         map[string]*redline.SectionRef
	// byID finds a section by the id of its entry in the redline.
	byID map[string]*redline.SectionDiff
	// renumbers holds the number pairs (old, new) of renumbered sections,
	// as numbers only: "2.3" → "2.4" for Measure 2.3 → Measure 2.4.
	renumbers map[[2]string]bool
	// newTerms, built before the rules run, maps each term defined in a
	// definitions section on the new side to its definition, normalised.
	newTerms map[string]string
	// newMeans holds the `"X" means …` definitions of the new side, as
	// meansSentence gives them.
	newMeans map[string]bool
	// heads holds the sections that head the document: its preamble, and
	// a first heading that no other heading shares its level with (the
	// document's title).
	heads map[*redline.SectionDiff]bool
	// moved holds the sentences carrying an obligation that were deleted
	// in one place and inserted in another, as sentenceKey gives them.
	moved map[string]bool
	// defTitles holds, for each section title of the redline, whether it
	// names a section that defines terms.
	defTitles map[string]bool
	// read holds what the rules read of each section, read once.
	read map[*redline.SectionDiff]*sectionText
	// order is the order in which the sections are worked on in
	// parallel, as bySize gives it.
	order []int
}

// readAll reads every section of the redline once, before the rules run,
// and from what it read builds the terms the new side defines (newTerms,
// newMeans) and the sentences that moved (moved). The sections are read in
// parallel, largest first (see bySize); what each yields is kept by its
// index and merged in section order, as one pass in order would.
func (c *Context) readAll() {
	n := len(c.res.Sections)
	texts := make([]sectionText, n)
	terms := make([][]newDefinition, n)
	gone, came := make([][]keyed, n), make([][]keyed, n)
	c.order = bySize(c.res.Sections)
	parallel.For(n, func(j int) {
		i := c.order[j]
		sd := &c.res.Sections[i]
		texts[i] = readSection(sd)
		terms[i] = c.termsOf(sd)
		gone[i], came[i] = movedCandidates(&texts[i])
	})
	c.read = make(map[*redline.SectionDiff]*sectionText, n)
	for i := range texts {
		c.read[&c.res.Sections[i]] = &texts[i]
	}
	c.buildTerms(terms)
	c.buildMoved(slices.Concat(gone...), slices.Concat(came...))
}

// bySize is the order in which sections are worked on in parallel: the
// largest first (the most bytes in blocks that changed), equal ones in
// document order, so that no large section is left to run alone at the
// end while the other processors idle.
func bySize(sections []redline.SectionDiff) []int {
	size := make([]int, len(sections))
	order := make([]int, len(sections))
	for i := range sections {
		order[i] = i
		for _, b := range sections[i].Blocks {
			if b.Status == redline.Unchanged {
				continue
			}
			for _, op := range b.Ops {
				size[i] += len(op.Text)
			}
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	return order
}

// section is what the rules read of sd.
func (c *Context) section(sd *redline.SectionDiff) sectionText {
	if st := c.read[sd]; st != nil {
		return *st
	}
	return readSection(sd)
}

func newContext(res *redline.Result) *Context {
	c := &Context{
		res:         res,
		oldSections: map[string]*redline.SectionDiff{},
		newSections: map[string]*redline.SectionDiff{},
		oldRefs:     map[string]*redline.SectionRef{},
		newRefs:     map[string]*redline.SectionRef{},
		renumbers:   map[[2]string]bool{},
		byID:        map[string]*redline.SectionDiff{},
		defTitles:   map[string]bool{},
	}
	for i := range res.Sections {
		sd := &res.Sections[i]
		if _, dup := c.byID[sd.ID]; !dup {
			c.byID[sd.ID] = sd
		}
		if sd.Old != nil {
			if _, dup := c.oldSections[sd.Old.ID]; !dup {
				c.oldSections[sd.Old.ID] = sd
				c.oldRefs[sd.Old.ID] = sd.Old
			}
		}
		if sd.New != nil {
			if _, dup := c.newSections[sd.New.ID]; !dup {
				c.newSections[sd.New.ID] = sd
				c.newRefs[sd.New.ID] = sd.New
			}
		}
		for _, r := range []*redline.SectionRef{sd.Old, sd.New} {
			if r != nil {
				if _, ok := c.defTitles[r.Title]; !ok {
					c.defTitles[r.Title] = definitionsTitleMatch(r.Title)
				}
			}
		}
		if sd.Renumbered && sd.Old != nil && sd.New != nil {
			o, n := numericPart(sd.Old.Number), numericPart(sd.New.Number)
			if o != "" && n != "" {
				c.renumbers[[2]string{o, n}] = true
			}
		}
	}
	c.heads = heads(res)
	return c
}

// heads finds the sections that head the document on both sides: the
// preamble, and a title heading alone at its level that comes first.
func heads(res *redline.Result) map[*redline.SectionDiff]bool {
	head := func(side func(*redline.SectionDiff) *redline.SectionRef) map[string]bool {
		levels := map[int]int{}
		ids := map[string]bool{}
		var first *redline.SectionRef
		for i := range res.Sections {
			r := side(&res.Sections[i])
			if r == nil {
				continue
			}
			levels[r.Level]++
			switch {
			case r.Level == 0:
				ids[r.ID] = true
			case first == nil || r.Index < first.Index:
				first = r
			}
		}
		if first != nil && levels[first.Level] == 1 && len(res.Sections) > 1 {
			ids[first.ID] = true
		}
		return ids
	}
	oldHeads := head(func(sd *redline.SectionDiff) *redline.SectionRef { return sd.Old })
	newHeads := head(func(sd *redline.SectionDiff) *redline.SectionRef { return sd.New })
	out := map[*redline.SectionDiff]bool{}
	for i := range res.Sections {
		sd := &res.Sections[i]
		if (sd.Old == nil || oldHeads[sd.Old.ID]) && (sd.New == nil || newHeads[sd.New.ID]) {
			out[sd] = true
		}
	}
	return out
}

// oldLabel names a section by its id on the old side, else by the id of
// its entry in the redline.
func (c *Context) oldLabel(id string) string {
	if r := c.oldRefs[id]; r != nil {
		return r.Label()
	}
	if sd := c.byID[id]; sd != nil {
		if sd.Old != nil {
			return sd.Old.Label()
		}
		return sd.New.Label()
	}
	return id
}

// newLabel names a section by its id on the new side, else by the id of
// its entry in the redline.
func (c *Context) newLabel(id string) string {
	if r := c.newRefs[id]; r != nil {
		return r.Label()
	}
	if sd := c.byID[id]; sd != nil {
		if sd.New != nil {
			return sd.New.Label()
		}
		return sd.Old.Label()
	}
	return id
}

// numericPart is the last word of a section number that holds a digit,
// without trailing dots: "Measure 2.3" → "2.3", "§ 66a" → "66a", "4." → "4".
func numericPart(number string) string {
	f := strings.Fields(number)
	for i := len(f) - 1; i >= 0; i-- {
		if strings.ContainsAny(f[i], "0123456789") {
			return strings.TrimRight(f[i], ".")
		}
	}
	return ""
}

// squash is s with its words single-spaced, as strings.Fields sees them.
func squash(s string) string {
	// most text is already single-spaced: then it is returned as it is
	if squashed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; ; {
		w, j := nextField(s, i)
		if w == "" {
			return b.String()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		i = j
	}
}

// squashed reports whether s has no white space but single spaces between
// words.
func squashed(s string) bool {
	prevSpace := true // a space at the start is not squashed
	for i := 0; i < len(s); {
		sp, n := spaceAt(s, i)
		if sp && (prevSpace || n != 1 || s[i] != ' ') {
			return false
		}
		prevSpace = sp
		i += n
	}
	return !prevSpace || s == ""
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
