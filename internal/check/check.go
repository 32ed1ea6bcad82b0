// Package check applies the working-group citation rules of codraft.yaml to
// commits, each given as its message and its redline against its parents,
// and returns findings. It does no IO.
package check

import (
	"fmt"
	"strings"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/trailers"
)

// Severity says whether a finding fails the check.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Rule names what a finding is about.
type Rule string

// Rules, as written in the JSON output.
const (
	// RuleUncited: a changed section that no trailer of its commit covers.
	RuleUncited Rule = "uncited"
	// RuleUnknownGroup: a trailer naming a working group that codraft.yaml
	// does not define.
	RuleUnknownGroup Rule = "unknown-group"
	// RuleUnchangedSection: a trailer naming a section that its commit did
	// not change (a warning).
	RuleUnchangedSection Rule = "unchanged-section"
	// RuleOwnership: with check.enforce_ownership, a change to a section
	// owned by a working group that the commit did not cite.
	RuleOwnership Rule = "ownership"
	// RuleSectionRefs: with check.require_section_refs, a trailer that
	// lists no sections.
	RuleSectionRefs Rule = "section-refs"
	// RuleBadTrailer: a Working-Group trailer that is not "ID" or
	// "ID (section, ...)".
	RuleBadTrailer Rule = "bad-trailer"
)

// Commit is what the rules need to know about one commit.
type Commit struct {
	// ID is the full commit id; "" for a commit not made yet (a message
	// checked by a commit-msg hook).
	ID string
	// Message is the whole commit message.
	Message string
	// Head is true when the commit is HEAD, so that "git commit --amend"
	// can fix it; Root when it has no parent.
	Head, Root bool
	// Diffs are the redlines of the commit's draft against each parent's,
	// in parent order (a root commit's against an empty draft), or nil when
	// the commit changed no draft file (or, for a merge, when its draft is
	// some parent's).
	Diffs []*redline.Result
}

// Finding is one violation of a rule.
type Finding struct {
	// File and Line locate the section (Line is its heading's 1-based line,
	// 0 for a preamble); empty for a finding about a trailer alone. A
	// deleted section is located in the commit's (first) parent.
	File string
	Line int
	// Section, Number and Title name the section ("" when none).
	Section, Number, Title string
	// Commit is the full commit id, "" for a commit not made yet.
	Commit   string
	Rule     Rule
	Severity Severity
	// Message says what is wrong, without the file and line.
	Message string
	// Fix is the next step, with the exact command where there is one.
	Fix string
}

// HasSection reports whether the finding is about a section.
func (f *Finding) HasSection() bool { return f.File != "" }

// Failed reports whether findings fail the check: any error, or with strict
// any warning too.
func Failed(fs []Finding, strict bool) bool {
	for _, f := range fs {
		if f.Severity == Error || strict {
			return true
		}
	}
	return false
}

// citation is one Working-Group trailer, parsed.
type citation struct {
	raw      string   // "Working-Group: WG3 (measure-3-1)"
	group    string   // "WG3"
	sections []string // nil: every section
	known    bool     // codraft.yaml defines the group
}

// checker holds the state of checking one commit.
type checker struct {
	cfg   *config.Config
	c     *Commit
	name  string // "a1b2c3d", or "the new commit"
	cites []citation
	out   []Finding
	// the sections the commit changed itself, in the first redline's order
	changed []*redline.SectionDiff
	// ancestry, by side, of the first redline
	newRefs, oldRefs map[refKey]*redline.SectionRef
}

type refKey struct{ file, id string }

// Check applies the rules to one commit, with the configuration that the
// check reads (the one at the end of the range).
func Check(cfg *config.Config, c *Commit) []Finding {
	k := &checker{cfg: cfg, c: c, name: "the new commit"}
	if c.ID != "" {
		k.name = short(c.ID)
	}
	k.trailers()
	if len(c.Diffs) > 0 {
		k.index()
		k.changed = ownChanges(c.Diffs)
		k.sections()
		k.namedSections()
	} else {
		for _, ct := range k.cites {
			for _, s := range ct.sections {
				k.add(Finding{Rule: RuleUnchangedSection, Severity: Warning,
					Message: fmt.Sprintf("%q in %s names %s, but that commit changed no draft file", ct.raw, k.name, s),
					Fix:     fmt.Sprintf("remove %q from the trailer%s", s, k.rewordHint())})
			}
		}
	}
	return k.out
}

func (k *checker) add(f Finding) {
	f.Commit = k.c.ID
	k.out = append(k.out, f)
}

// trailers reads the Working-Group trailers and reports the malformed, the
// unknown and (when asked) the ones without a section list.
func (k *checker) trailers() {
	for _, t := range trailers.Parse(k.c.Message) {
		if !strings.EqualFold(t.Key, trailers.WorkingGroupKey) {
			continue
		}
		raw := trailers.WorkingGroupKey + ": " + t.Value
		parsed, err := trailers.ParseCitation(t.Value)
		ct := citation{raw: raw, group: parsed.Group, sections: parsed.Sections}
		if err != nil {
			k.add(Finding{Rule: RuleBadTrailer, Severity: Error,
				Message: fmt.Sprintf("%q in %s is not of the form \"%s: ID\" or \"%s: ID (section, section)\"", raw, k.name, trailers.WorkingGroupKey, trailers.WorkingGroupKey),
				Fix:     "write it as \"" + trailers.WorkingGroupKey + ": WG1\" or \"" + trailers.WorkingGroupKey + ": WG1 (section-id, Measure 1.2)\"" + k.rewordHint()})
			continue
		}
		ct.known = k.cfg.Group(ct.group) != nil
		if !ct.known {
			fix := "add " + ct.group + " to working_groups in codraft.yaml"
			if ids := k.cfg.GroupIDs(); len(ids) > 0 {
				fix = "name one of " + strings.Join(ids, ", ") + k.rewordHint() + ", or " + fix
			}
			k.add(Finding{Rule: RuleUnknownGroup, Severity: Error,
				Message: fmt.Sprintf("%q in %s names working group %s, which codraft.yaml does not define", raw, k.name, ct.group),
				Fix:     fix})
		}
		if k.cfg.Check.RequireSectionRefs && ct.sections == nil {
			k.add(Finding{Rule: RuleSectionRefs, Severity: Error,
				Message: fmt.Sprintf("%q in %s lists no sections, and check.require_section_refs in codraft.yaml asks every citation to list them", raw, k.name),
				Fix:     "list the sections it covers, as \"" + trailers.WorkingGroupKey + ": " + ct.group + " (" + k.changedList() + ")\"" + k.rewordHint()})
		}
		k.cites = append(k.cites, ct)
	}
}

// changedList names the sections the commit changed, for a fix.
func (k *checker) changedList() string {
	if k.c.Diffs == nil {
		return "section-id, ..."
	}
	var ids []string
	for _, sd := range ownChanges(k.c.Diffs) {
		ids = append(ids, sd.ID)
	}
	if len(ids) == 0 {
		return "section-id, ..."
	}
	return strings.Join(ids, ", ")
}

// index maps the sections of the first redline by file and id, per side.
func (k *checker) index() {
	k.newRefs, k.oldRefs = map[refKey]*redline.SectionRef{}, map[refKey]*redline.SectionRef{}
	for i := range k.c.Diffs[0].Sections {
		sd := &k.c.Diffs[0].Sections[i]
		if sd.New != nil {
			k.newRefs[refKey{sd.New.File, sd.New.ID}] = sd.New
		}
		if sd.Old != nil {
			k.oldRefs[refKey{sd.Old.File, sd.Old.ID}] = sd.Old
		}
	}
}

// ref is the side of sd the rules look at: the new one, or the old one for
// a deleted section.
func ref(sd *redline.SectionDiff) (r *redline.SectionRef, newSide bool) {
	if sd.New != nil {
		return sd.New, true
	}
	return sd.Old, false
}

// ancestry lists sd's side and the sections that enclose it, nearest first.
func (k *checker) ancestry(sd *redline.SectionDiff) []*redline.SectionRef {
	r, newSide := ref(sd)
	refs := k.oldRefs
	if newSide {
		refs = k.newRefs
	}
	var out []*redline.SectionRef
	for r != nil && len(out) < 64 {
		out = append(out, r)
		if r.Parent == "" {
			break
		}
		r = refs[refKey{r.File, r.Parent}]
	}
	return out
}

// names reports whether a trailer's section name denotes r: its id, or its
// number as written, with or without its word (redline.Names).
func names(name string, r *redline.SectionRef) bool {
	return redline.Names(name, r.ID, r.Number)
}

// covers reports whether a citation covers the changed section.
func (k *checker) covers(ct citation, anc []*redline.SectionRef) bool {
	if ct.sections == nil {
		return true
	}
	for _, name := range ct.sections {
		for _, r := range anc {
			if names(name, r) {
				return true
			}
		}
	}
	return false
}

// owners returns the working groups that own the nearest of anc that some
// group owns.
func (k *checker) owners(anc []*redline.SectionRef) []string {
	for _, r := range anc {
		var ids []string
		for _, wg := range k.cfg.WorkingGroups {
			for _, o := range wg.Owns {
				if o == r.ID {
					ids = append(ids, wg.ID)
					break
				}
			}
		}
		if len(ids) > 0 {
			return ids
		}
	}
	return nil
}

// sections reports the changed sections that no citation covers and, with
// enforce_ownership, those whose owner the commit did not cite.
func (k *checker) sections() {
	cited := map[string]bool{}
	for _, ct := range k.cites {
		cited[ct.group] = true
	}
	for _, sd := range k.changed {
		anc := k.ancestry(sd)
		r := anc[0]
		covered := false
		for _, ct := range k.cites {
			if k.covers(ct, anc) {
				covered = true
				break
			}
		}
		owners := k.owners(anc)
		verb := "changed"
		switch sd.Status {
		case redline.Added:
			verb = "added"
		case redline.Deleted:
			verb = "deleted"
		}
		if !covered {
			spec, note := k.suggest(sd, owners)
			fix := k.addTrailerHint(trailers.WorkingGroupKey + ": " + spec)
			if note != "" {
				fix += " (" + note + ")"
			}
			k.add(k.at(r, Finding{Rule: RuleUncited, Severity: Error,
				Message: fmt.Sprintf("%s %s in %s without a working-group citation", label(r), verb, k.name),
				Fix:     fix}))
		}
		if k.cfg.Check.EnforceOwnership && len(owners) > 0 {
			ok := false
			for _, o := range owners {
				ok = ok || cited[o]
			}
			if !ok {
				whose := "it"
				for _, a := range anc {
					if ownsID(k.cfg, owners[0], a.ID) {
						if a != r {
							whose = label(a)
						}
						break
					}
				}
				k.add(k.at(r, Finding{Rule: RuleOwnership, Severity: Error,
					Message: fmt.Sprintf("%s %s in %s, which does not cite %s, the working group that owns %s", label(r), verb, k.name, strings.Join(owners, " or "), whose),
					Fix:     k.addTrailerHint(trailers.WorkingGroupKey + ": " + owners[0])}))
			}
		}
	}
}

func ownsID(cfg *config.Config, group, id string) bool {
	if wg := cfg.Group(group); wg != nil {
		for _, o := range wg.Owns {
			if o == id {
				return true
			}
		}
	}
	return false
}

// suggest picks the trailer to propose for an uncited section: its owner;
// else the one group the commit cites with a list, with the section added;
// else a placeholder.
func (k *checker) suggest(sd *redline.SectionDiff, owners []string) (spec, note string) {
	if len(owners) > 0 {
		return owners[0], ""
	}
	groups := map[string]bool{}
	for _, ct := range k.cites {
		if ct.known {
			groups[ct.group] = true
		}
	}
	if len(groups) == 1 {
		for g := range groups {
			return g + " (" + sd.ID + ")", ""
		}
	}
	ids := k.cfg.GroupIDs()
	switch len(ids) {
	case 0:
		return "ID", "define the working groups under working_groups in codraft.yaml first"
	case 1:
		return ids[0], ""
	}
	return "ID", "ID is one of " + strings.Join(ids, ", ")
}

// namedSections warns about listed sections that the commit did not change.
func (k *checker) namedSections() {
	var all []*redline.SectionDiff
	for i := range k.c.Diffs[0].Sections {
		all = append(all, &k.c.Diffs[0].Sections[i])
	}
	var changedIDs []string
	for _, sd := range k.changed {
		changedIDs = append(changedIDs, sd.ID)
	}
	for _, ct := range k.cites {
		for _, name := range ct.sections {
			var found *redline.SectionRef
			touched := false
			for _, sd := range all {
				r, _ := ref(sd)
				if names(name, r) && found == nil {
					found = r
				}
			}
			for _, sd := range k.changed {
				for _, a := range k.ancestry(sd) {
					if names(name, a) {
						touched = true
					}
				}
			}
			if touched {
				continue
			}
			fix := fmt.Sprintf("remove %q from the trailer", name)
			if len(changedIDs) > 0 {
				fix += ", or name a section the commit changed (" + strings.Join(changedIDs, ", ") + ")"
			}
			fix += k.rewordHint()
			if found == nil {
				k.add(Finding{Rule: RuleUnchangedSection, Severity: Warning,
					Message: fmt.Sprintf("%q in %s names %s, which is not a section id or number of the draft", ct.raw, k.name, name),
					Fix:     fix})
				continue
			}
			k.add(k.at(found, Finding{Rule: RuleUnchangedSection, Severity: Warning,
				Message: fmt.Sprintf("%s is named by %q in %s, but that commit did not change it", label(found), ct.raw, k.name),
				Fix:     fix}))
		}
	}
}

// at fills the section fields of f from r.
func (k *checker) at(r *redline.SectionRef, f Finding) Finding {
	f.File, f.Line, f.Section, f.Number, f.Title = r.File, r.Line, r.ID, r.Number, r.Title
	return f
}

// label names a section in a message: Measure 2.1 "Risk taxonomy".
func label(r *redline.SectionRef) string {
	switch {
	case r.Number != "" && r.Title != "":
		return fmt.Sprintf("%s %q", r.Number, r.Title)
	case r.Number != "":
		return r.Number
	case r.Title != "":
		return fmt.Sprintf("%q", r.Title)
	case r.Level == 0:
		return "the preamble"
	}
	return fmt.Sprintf("section %s", r.ID)
}

// addTrailerHint is the command that adds a trailer to the commit.
func (k *checker) addTrailerHint(trailer string) string {
	q := shellQuote(trailer)
	switch {
	case k.c.ID == "":
		return "commit with: git commit --trailer " + q
	case k.c.Head && len(trailers.Values(trailers.Parse(k.c.Message), trailers.RoundKey)) > 0:
		// a round is amended by codraft, which moves its tag; --wg replaces
		// the round's citations, so the fix repeats those it has
		fix := "codraft round --amend"
		for _, ct := range k.cites {
			fix += " --wg " + shellQuote(strings.TrimPrefix(ct.raw, trailers.WorkingGroupKey+": "))
		}
		return fix + " --wg " + shellQuote(strings.TrimPrefix(trailer, trailers.WorkingGroupKey+": "))
	case k.c.Head:
		return "git commit --amend --no-edit --trailer " + q
	case len(k.c.Diffs) > 1:
		return fmt.Sprintf("add the line %q at the end of the message of merge %s, for example with: git rebase -i --rebase-merges %s", trailer, k.name, k.parentSpec())
	}
	return fmt.Sprintf("git rebase -i %s, change \"pick %s\" to \"edit\", then run: git commit --amend --no-edit --trailer %s && git rebase --continue", k.parentSpec(), k.name, q)
}

// rewordHint tells how to edit the commit's message.
func (k *checker) rewordHint() string {
	switch {
	case k.c.ID == "":
		return ""
	case k.c.Head:
		return " (edit the message with: git commit --amend)"
	}
	return fmt.Sprintf(" (edit the message with: git rebase -i %s, and \"reword\" %s)", k.parentSpec(), k.name)
}

func (k *checker) parentSpec() string {
	if k.c.Root {
		return "--root"
	}
	return k.name + "^"
}

// shellQuote quotes s for a POSIX shell, in double quotes when that is safe.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, "\"$`\\!") {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// short abbreviates a commit id as git does by default.
func short(id string) string {
	if len(id) > 7 {
		return id[:7]
	}
	return id
}
