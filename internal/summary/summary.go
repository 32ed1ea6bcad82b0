// Package summary computes change summaries from a redline: totals, one line
// per changed section, what each working group's sections went through, the
// old → new numbering table and the notable changes found by a table of rules.
package summary

import (
	"fmt"
	"strings"

	"github.com/codraft/codraft/internal/parallel"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/wording"
)

// Schema is the summary's JSON schema name.
const Schema = "codraft.summary/v1"

// Group is a working group and the section ids it owns. A section is owned by
// a group when its id or the id of any section enclosing it is in Owns.
type Group struct {
	ID   string
	Name string
	Owns []string
}

// Options tunes Compute. The zero value uses DefaultRules and no groups.
type Options struct {
	// Groups are the working groups, in the order they are reported.
	Groups []Group
	// Rules find the notable changes; nil means DefaultRules.
	Rules []Rule
}

// Summary is what changed between two sides of a redline. Its JSON form is
// the contract documented in docs/json.md; fields may be added, none renamed.
type Summary struct {
	Schema string           `json:"schema"`
	From   redline.Endpoint `json:"from"`
	To     redline.Endpoint `json:"to"`
	// Stats is the redline's own stats object, copied unchanged.
	Stats   redline.Stats `json:"stats"`
	Notable []Notable     `json:"notable"`
	// NotableLeftOut counts, per rule, the findings left out of Notable
	// because there were too many of them to list.
	NotableLeftOut []LeftOut     `json:"notable_left_out,omitempty"`
	Sections       []Section     `json:"sections"`
	Renumbered     []Renumbering `json:"renumbered"`
	// Groups is empty when no working group owns a section.
	Groups []GroupSummary `json:"working_groups,omitempty"`
	// Notes are the redline's notes, passed on.
	Notes []string `json:"notes,omitempty"`
}

// Section is one changed section: what happened to it, in words.
type Section struct {
	ID         string              `json:"id"`
	Status     redline.Status      `json:"status"`
	Moved      bool                `json:"moved"`
	Renamed    bool                `json:"renamed"`
	Renumbered bool                `json:"renumbered"`
	Relevelled bool                `json:"relevelled"`
	Old        *redline.SectionRef `json:"old"`
	New        *redline.SectionRef `json:"new"`
	Words      redline.WordCounts  `json:"words"`
	// Label names the section as a reader knows it now, with its old
	// number when it was renumbered: "Commitment 5 (was 6) Copyright".
	Label string `json:"label"`
	// Changes says what happened, one phrase each, in a fixed order:
	// "reworded (+48 -12 words)", "moved from Commitment 4 to Commitment 2".
	Changes []string `json:"changes"`
	// Groups are the ids of the working groups that own the section.
	Groups []string `json:"working_groups,omitempty"`
}

// Line is the section's summary line: its label and its changes.
func (s *Section) Line() string {
	return s.Label + ": " + strings.Join(s.Changes, "; ")
}

// Renumbering is one row of the old → new numbering table.
type Renumbering struct {
	ID        string `json:"id"`
	OldNumber string `json:"old_number"`
	NewNumber string `json:"new_number"`
	OldTitle  string `json:"old_title"`
	NewTitle  string `json:"new_title"`
}

// GroupSummary is what one working group's sections went through.
type GroupSummary struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Stats counts the group's sections (unchanged ones included) and the
	// words its sections gained and lost.
	Stats GroupStats `json:"stats"`
	// Sections are the ids of the group's changed sections, in the order
	// of Summary.Sections.
	Sections []string `json:"sections"`
	// Notable counts the notable changes in the group's sections.
	Notable int `json:"notable"`
}

// GroupStats are the counts of one working group.
type GroupStats struct {
	Sections redline.SectionStats `json:"sections"`
	Words    redline.WordCounts   `json:"words"`
}

// Compute summarises res. It never changes res.
func Compute(res *redline.Result, opts Options) *Summary {
	rules := opts.Rules
	if rules == nil {
		rules = DefaultRules
	}
	ctx := newContext(res)
	s := &Summary{
		Schema:     Schema,
		From:       res.From,
		To:         res.To,
		Stats:      res.Stats,
		Notable:    []Notable{},
		Sections:   []Section{},
		Renumbered: []Renumbering{},
		Notes:      res.Notes,
	}
	owners := ownership(ctx, opts.Groups)
	// the rules read the context only (its derived parts are built
	// first), so sections are searched in parallel; the findings keep
	// section order
	ctx.readAll()
	found := make([][][]Notable, len(res.Sections))
	parallel.For(len(res.Sections), func(j int) {
		i := ctx.order[j]
		found[i] = make([][]Notable, len(rules))
		for k, r := range rules {
			found[i][k] = r.Find(ctx, &res.Sections[i])
		}
	})
	notable, changed := 0, 0
	for i := range found {
		for _, ns := range found[i] {
			notable += len(ns)
		}
		if res.Sections[i].Changed() {
			changed++
		}
	}
	s.Notable = make([]Notable, 0, notable)
	s.Sections = make([]Section, 0, changed)
	// the same change found in several places of one section is listed
	// once, with the number of places (the maps are emptied for each
	// section)
	type key struct{ rule, section, old, new string }
	places := map[key]int{}
	first := map[key]int{}
	for i := range res.Sections {
		sd := &res.Sections[i]
		clear(places)
		clear(first)
		label := ""
		for k, r := range rules {
			for _, n := range found[i][k] {
				n.Rule = r.ID
				n.Severity = firstSeverity(n.Severity, r.Severity)
				if n.Section == "" {
					n.Section = sectionID(sd)
				}
				if n.Label == "" {
					if label == "" {
						label = plainLabel(sd)
					}
					n.Label = label
				}
				kk := key{n.Rule, n.Section, n.Old, n.New}
				places[kk]++
				if places[kk] > 1 {
					continue
				}
				first[kk] = len(s.Notable)
				s.Notable = append(s.Notable, n)
			}
		}
		for kk, n := range places {
			if n > 1 && kk.old+kk.new != "" {
				s.Notable[first[kk]].What += fmt.Sprintf(" (%d places)", n)
			}
		}
		if !sd.Changed() {
			continue
		}
		sec := Section{
			ID:         sd.ID,
			Status:     sd.Status,
			Moved:      sd.Moved,
			Renamed:    sd.Renamed,
			Renumbered: sd.Renumbered,
			Relevelled: sd.Relevelled,
			Old:        sd.Old,
			New:        sd.New,
			Words:      sd.Words,
			Label:      displayLabel(sd),
			Changes:    ctx.describe(sd),
			Groups:     owners[i],
		}
		s.Sections = append(s.Sections, sec)
		if sd.Renumbered {
			r := Renumbering{ID: sd.ID}
			if sd.Old != nil {
				r.OldNumber, r.OldTitle = sd.Old.Number, sd.Old.Title
			}
			if sd.New != nil {
				r.NewNumber, r.NewTitle = sd.New.Number, sd.New.Title
			}
			s.Renumbered = append(s.Renumbered, r)
		}
	}
	s.Notable, s.NotableLeftOut = order(s.Notable, rules)
	s.Groups = groupSummaries(res, opts.Groups, owners, s.Notable)
	return s
}

func firstSeverity(a, b Severity) Severity {
	if a != "" {
		return a
	}
	if b != "" {
		return b
	}
	return Medium
}

// sectionID is the section's id on its newest side.
func sectionID(sd *redline.SectionDiff) string {
	if sd.ID != "" {
		return sd.ID
	}
	if sd.New != nil {
		return sd.New.ID
	}
	if sd.Old != nil {
		return sd.Old.ID
	}
	return ""
}

// plainLabel is the section's label on its newest side.
func plainLabel(sd *redline.SectionDiff) string {
	if sd.New != nil {
		return sd.New.Label()
	}
	return sd.Old.Label()
}

// displayLabel is plainLabel with the old number added after the new one
// when the section was renumbered: "Commitment 5 (was 6) Copyright policy".
func displayLabel(sd *redline.SectionDiff) string {
	if !sd.Renumbered || sd.Old == nil || sd.New == nil {
		return plainLabel(sd)
	}
	was := "(was " + shortOldNumber(sd.Old.Number, sd.New.Number) + ")"
	if sd.Old.Number == "" {
		was = "(was unnumbered)"
	}
	n := sd.New
	switch {
	case n.Number != "" && n.Title != "":
		return n.Number + " " + was + " " + n.Title
	case n.Number != "":
		return n.Number + " " + was
	case n.Title != "":
		return n.Title + " " + was
	}
	return n.Label() + " " + was
}

// shortOldNumber drops the words the old number shares with the new one:
// "Commitment 6" beside "Commitment 5" is "6".
func shortOldNumber(old, new string) string {
	of, nf := strings.Fields(old), strings.Fields(new)
	i := 0
	for i < len(of)-1 && i < len(nf)-1 && of[i] == nf[i] {
		i++
	}
	return strings.Join(of[i:], " ")
}

// describe says what happened to a changed section, in a fixed order: its
// text, where it sits, its title, its number, its level.
func (c *Context) describe(sd *redline.SectionDiff) []string {
	var out []string
	switch sd.Status {
	case redline.Added:
		p := "added" + wordsNote(sd.Words)
		if sd.SplitFrom != "" {
			p += ", split from " + c.oldLabel(sd.SplitFrom)
		}
		out = append(out, p)
	case redline.Deleted:
		p := "deleted" + wordsNote(sd.Words)
		if sd.MergedInto != "" {
			p += ", merged into " + c.newLabel(sd.MergedInto)
		}
		out = append(out, p)
	case redline.Modified:
		if p := textChange(sd.Words); p != "" {
			out = append(out, p)
		}
		out = append(out, c.blockMoves(sd)...)
		if len(out) == 0 {
			out = append(out, "punctuation or formatting changed")
		}
	}
	if sd.Moved {
		out = append(out, c.moveNote(sd))
	}
	if sd.Renamed && sd.Old != nil {
		out = append(out, fmt.Sprintf("retitled (was %q)", sd.Old.Title))
	}
	if sd.Renumbered {
		out = append(out, "renumbered")
	}
	if sd.Relevelled && sd.Old != nil && sd.New != nil {
		verb := "promoted"
		if sd.New.Level > sd.Old.Level {
			verb = "demoted"
		}
		out = append(out, fmt.Sprintf("%s from level %d to level %d", verb, sd.Old.Level, sd.New.Level))
	}
	return out
}

// wordsNote is " (+12 words)" or " (-12 words)" for an added or deleted
// section, or "" when it has no words.
func wordsNote(w redline.WordCounts) string {
	switch {
	case w.Inserted > 0 && w.Deleted > 0:
		return fmt.Sprintf(" (+%d -%d words)", w.Inserted, w.Deleted)
	case w.Inserted > 0:
		return fmt.Sprintf(" (+%s)", wording.Count(w.Inserted, "word"))
	case w.Deleted > 0:
		return fmt.Sprintf(" (-%s)", wording.Count(w.Deleted, "word"))
	}
	return ""
}

// textChange describes the word changes of a modified section.
func textChange(w redline.WordCounts) string {
	switch {
	case w.Inserted > 0 && w.Deleted > 0:
		return fmt.Sprintf("reworded (+%d -%d words)", w.Inserted, w.Deleted)
	case w.Inserted > 0:
		return fmt.Sprintf("text added (+%s)", wording.Count(w.Inserted, "word"))
	case w.Deleted > 0:
		return fmt.Sprintf("text removed (-%s)", wording.Count(w.Deleted, "word"))
	}
	return ""
}

// blockMoves describes text that moved into or out of the section, or
// within it.
func (c *Context) blockMoves(sd *redline.SectionDiff) []string {
	var in, out []string
	within := false
	seenIn, seenOut := map[string]bool{}, map[string]bool{}
	for _, b := range sd.Blocks {
		switch {
		case b.MovedFrom != "":
			if sd.Old != nil && b.MovedFrom == sd.Old.ID {
				within = true
			} else if !seenIn[b.MovedFrom] {
				seenIn[b.MovedFrom] = true
				in = append(in, c.oldLabel(b.MovedFrom))
			}
		case b.MovedTo != "":
			if sd.New != nil && b.MovedTo == sd.New.ID {
				within = true
			} else if !seenOut[b.MovedTo] {
				seenOut[b.MovedTo] = true
				out = append(out, c.newLabel(b.MovedTo))
			}
		}
	}
	var notes []string
	if len(in) > 0 {
		notes = append(notes, "text moved in from "+strings.Join(in, ", "))
	}
	if len(out) > 0 {
		notes = append(notes, "text moved out to "+strings.Join(out, ", "))
	}
	if within {
		notes = append(notes, "text reordered")
	}
	return notes
}

// moveNote describes a section that changed place among its siblings.
func (c *Context) moveNote(sd *redline.SectionDiff) string {
	if sd.Old == nil || sd.New == nil {
		return "moved"
	}
	if c.sameParent(sd) {
		if sd.New.Parent == "" {
			return "moved"
		}
		return "moved within " + parentName(sd.New)
	}
	return "moved from " + parentName(sd.Old) + " to " + parentName(sd.New)
}

// sameParent reports whether the section's old parent was matched to its new
// parent.
func (c *Context) sameParent(sd *redline.SectionDiff) bool {
	op, np := sd.Old.Parent, sd.New.Parent
	if op == "" || np == "" {
		return op == np
	}
	if p := c.oldSections[op]; p != nil && p.New != nil {
		return p.New.ID == np
	}
	return false
}

// parentName names a section's parent by its number, else its title.
func parentName(r *redline.SectionRef) string {
	switch {
	case r.Parent == "":
		return "the top level"
	case r.ParentNumber != "":
		return r.ParentNumber
	case r.ParentTitle != "":
		return r.ParentTitle
	}
	return r.Parent
}

// ownership maps each section of res (by index) to the ids of the groups
// that own it on either side.
func ownership(c *Context, groups []Group) map[int][]string {
	if len(groups) == 0 {
		return nil
	}
	out := map[int][]string{}
	for i := range c.res.Sections {
		sd := &c.res.Sections[i]
		var chain []string
		if sd.New != nil {
			chain = append(chain, c.ancestry(sd.New, c.newRefs)...)
		}
		if sd.Old != nil {
			chain = append(chain, c.ancestry(sd.Old, c.oldRefs)...)
		}
		for _, g := range groups {
			if ownsAny(g, chain) {
				out[i] = append(out[i], g.ID)
			}
		}
	}
	return out
}

// ancestry is the section's id followed by the ids of its ancestors on the
// same side.
func (c *Context) ancestry(r *redline.SectionRef, side map[string]*redline.SectionRef) []string {
	ids := []string{r.ID}
	seen := map[string]bool{r.ID: true}
	for p := r.Parent; p != "" && !seen[p]; {
		seen[p] = true
		ids = append(ids, p)
		pr := side[p]
		if pr == nil {
			break
		}
		p = pr.Parent
	}
	return ids
}

func ownsAny(g Group, ids []string) bool {
	for _, o := range g.Owns {
		for _, id := range ids {
			if o == id {
				return true
			}
		}
	}
	return false
}

func groupSummaries(res *redline.Result, groups []Group, owners map[int][]string, notable []Notable) []GroupSummary {
	owns := false
	for _, g := range groups {
		owns = owns || len(g.Owns) > 0
	}
	if !owns {
		return nil // no section is mapped to a group: nothing to report
	}
	out := make([]GroupSummary, len(groups))
	index := map[string]int{}
	for i, g := range groups {
		out[i] = GroupSummary{ID: g.ID, Name: g.Name, Sections: []string{}}
		index[g.ID] = i
	}
	sectionGroups := map[string][]string{}
	for i := range res.Sections {
		sd := &res.Sections[i]
		sectionGroups[sectionID(sd)] = owners[i]
		for _, id := range owners[i] {
			gs := &out[index[id]]
			count(&gs.Stats.Sections, sd)
			gs.Stats.Words.Inserted += sd.Words.Inserted
			gs.Stats.Words.Deleted += sd.Words.Deleted
			if sd.Changed() {
				gs.Sections = append(gs.Sections, sd.ID)
			}
		}
	}
	for _, n := range notable {
		for _, id := range sectionGroups[n.Section] {
			out[index[id]].Notable++
		}
	}
	return out
}

// count adds one section to st the way the redline's stats count it: by
// status, and by each of its flags.
func count(st *redline.SectionStats, sd *redline.SectionDiff) {
	switch sd.Status {
	case redline.Added:
		st.Added++
	case redline.Deleted:
		st.Deleted++
	case redline.Modified:
		st.Modified++
	case redline.Unchanged:
		st.Unchanged++
	}
	if sd.Moved {
		st.Moved++
	}
	if sd.Renamed {
		st.Renamed++
	}
	if sd.Renumbered {
		st.Renumbered++
	}
	if sd.Relevelled {
		st.Relevelled++
	}
}
