// Package check applies the working-group citation rules of codraft.yaml to
// commits, each given as its message and its redline against its parents,
// and returns findings. It does no IO.
package check

import (
	"fmt"
	"slices"
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
	// RuleConfigChanged: a change to codraft.yaml that no trailer of its
	// commit covers. The configuration decides what the check checks, so
	// changing it is a change that must cite a working group.
	RuleConfigChanged Rule = "config-changed"
)

// ConfigName is how a trailer's section list names codraft.yaml, to cover
// a change to it: "Working-Group: WG1 (codraft.yaml)".
const ConfigName = config.FileName

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
	// ConfigChanged is true when the commit changed codraft.yaml (added,
	// edited or removed it) against every parent; ConfigLine is the first
	// line of the new file that differs (0 when it was removed).
	ConfigChanged bool
	ConfigLine    int
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
func (f *Finding) HasSection() bool { return f.Section != "" }

// HasFile reports whether the finding is located in a file: a section's,
// or codraft.yaml for a change to it.
func (f *Finding) HasFile() bool { return f.File != "" }

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
	// the working groups that own each section id, in file order
	ownedBy map[string][]string
	// the ids of the working groups, in file order and as a set
	ids    []string
	groups map[string]bool
	// computed once: the one known group the commit cites ("" when none or
	// several), and the sections it changed as a fix lists them
	citedOnce   *string
	changedText string
}

type refKey struct{ file, id string }

// Check applies the rules to one commit, with the configuration that the
// check reads (the one at the end of the range).
func Check(cfg *config.Config, c *Commit) []Finding {
	k := &checker{cfg: cfg, c: c, name: "the new commit"}
	if c.ID != "" {
		k.name = redline.ShortCommit(c.ID)
	}
	k.trailers()
	k.config()
	if len(c.Diffs) > 0 {
		k.index()
		k.changed = ownChanges(c.Diffs)
		k.sections()
		k.namedSections()
	} else {
		for _, ct := range k.cites {
			names := k.listed(ct)
			if len(names) == 0 {
				continue
			}
			what, fix := "names "+names[0], fmt.Sprintf("remove %s from the trailer", quoted(names[0]))
			if len(names) > 1 {
				what = fmt.Sprintf("names %s sections (%s)", count(len(names)), sample(names))
				fix = "remove the section list from the trailer"
			}
			k.add(Finding{Rule: RuleUnchangedSection, Severity: Warning,
				Message: fmt.Sprintf("%s in %s %s, but that commit changed no draft file", quoted(ct.raw), k.name, what),
				Fix:     fix + k.rewordHint()})
		}
	}
	return k.out
}

// listed returns the section names a citation lists, each once, in order,
// leaving out codraft.yaml when the commit changed it.
func (k *checker) listed(ct citation) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ct.sections {
		if seen[s] || (s == ConfigName && k.c.ConfigChanged) {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// config reports a change to codraft.yaml that no citation covers: one
// without a section list, or one whose list names codraft.yaml.
func (k *checker) config() {
	if !k.c.ConfigChanged {
		return
	}
	for _, ct := range k.cites {
		if ct.sections == nil || slices.Contains(ct.sections, ConfigName) {
			return
		}
	}
	spec, note := k.suggest(ConfigName, nil)
	fix := k.addTrailerHint(trailers.WorkingGroupKey + ": " + spec)
	if note != "" {
		fix += " (" + note + ")"
	}
	k.add(Finding{File: config.FileName, Line: k.c.ConfigLine, Rule: RuleConfigChanged, Severity: Error,
		Message: fmt.Sprintf("%s changed in %s without a working-group citation (it decides what the check checks)", config.FileName, k.name),
		Fix:     fix})
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
				Message: fmt.Sprintf("%s in %s is not of the form \"%s: ID\" or \"%s: ID (section, section)\"", quoted(raw), k.name, trailers.WorkingGroupKey, trailers.WorkingGroupKey),
				Fix:     "write it as \"" + trailers.WorkingGroupKey + ": WG1\" or \"" + trailers.WorkingGroupKey + ": WG1 (section-id, Measure 1.2)\"" + k.rewordHint()})
			continue
		}
		ct.known = k.known(ct.group)
		if !ct.known {
			fix := "add " + excerpt(ct.group) + " to working_groups in codraft.yaml"
			if ids := k.groupIDs(); len(ids) > 0 {
				fix = "name one of " + sample(ids) + k.rewordHint() + ", or " + fix
			}
			k.add(Finding{Rule: RuleUnknownGroup, Severity: Error,
				Message: fmt.Sprintf("%s in %s names working group %s, which codraft.yaml does not define", quoted(raw), k.name, excerpt(ct.group)),
				Fix:     fix})
		}
		if k.cfg.Check.RequireSectionRefs && ct.sections == nil {
			k.add(Finding{Rule: RuleSectionRefs, Severity: Error,
				Message: fmt.Sprintf("%s in %s lists no sections, and check.require_section_refs in codraft.yaml asks every citation to list them", quoted(raw), k.name),
				Fix:     "list the sections it covers, as \"" + trailers.WorkingGroupKey + ": " + excerpt(ct.group) + " (" + k.changedList() + ")\"" + k.rewordHint()})
		}
		k.cites = append(k.cites, ct)
	}
}

// groupIDs lists the ids of the working groups in file order.
func (k *checker) groupIDs() []string {
	if k.groups == nil {
		k.ids = k.cfg.GroupIDs()
		k.groups = make(map[string]bool, len(k.ids))
		for _, id := range k.ids {
			k.groups[id] = true
		}
	}
	return k.ids
}

// known reports whether codraft.yaml defines the working group.
func (k *checker) known(id string) bool {
	k.groupIDs()
	return k.groups[id]
}

// changedList names the sections the commit changed, for a fix: all of
// them when they are few, else the first few and "...".
func (k *checker) changedList() string {
	if k.changedText == "" {
		k.changedText = k.listChanged()
	}
	return k.changedText
}

func (k *checker) listChanged() string {
	var ids []string
	if k.c.Diffs != nil {
		for _, sd := range ownChanges(k.c.Diffs) {
			ids = append(ids, sd.ID)
		}
	}
	if k.c.ConfigChanged {
		ids = append(ids, ConfigName)
	}
	switch {
	case len(ids) == 0:
		return "section-id, ..."
	case len(ids) > 2*listNames:
		return strings.Join(ids[:listNames], ", ") + ", ..."
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

// owners returns the working groups that own the nearest of anc that some
// group owns.
func (k *checker) owners(anc []*redline.SectionRef) []string {
	if k.ownedBy == nil {
		k.ownedBy = map[string][]string{}
		for _, wg := range k.cfg.WorkingGroups {
			for _, o := range wg.Owns {
				if ids := k.ownedBy[o]; len(ids) == 0 || ids[len(ids)-1] != wg.ID {
					k.ownedBy[o] = append(ids, wg.ID)
				}
			}
		}
	}
	for _, r := range anc {
		if ids := k.ownedBy[r.ID]; len(ids) > 0 {
			return ids
		}
	}
	return nil
}

// sections reports the changed sections that no citation covers and, with
// enforce_ownership, those whose owner the commit did not cite. A citation
// covers a section when it lists no sections, or names the section or one
// that encloses it, by id or by number as written (compared without regard
// to case and spacing).
func (k *checker) sections() {
	cited := map[string]bool{}
	// what all the citations together cover
	all, listed := false, newNameSet()
	for _, ct := range k.cites {
		cited[ct.group] = true
		all = all || ct.sections == nil
		for _, s := range ct.sections {
			listed.add(s)
		}
	}
	for _, sd := range k.changed {
		anc := k.ancestry(sd)
		r := anc[0]
		covered := all
		for _, a := range anc {
			covered = covered || listed.names(a.ID, a.Number)
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
			spec, note := k.suggest(sd.ID, owners)
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
					if slices.Contains(k.ownedBy[a.ID], owners[0]) {
						if a != r {
							whose = label(a)
						}
						break
					}
				}
				k.add(k.at(r, Finding{Rule: RuleOwnership, Severity: Error,
					Message: fmt.Sprintf("%s %s in %s, which does not cite %s, the working group that owns %s", label(r), verb, k.name, orList(owners), whose),
					Fix:     k.addTrailerHint(trailers.WorkingGroupKey + ": " + owners[0])}))
			}
		}
	}
}

// orList joins a few names with "or", and counts the rest.
func orList(names []string) string {
	if len(names) > listNames {
		return strings.Join(names[:listNames], " or ") + " or " + count(len(names)-listNames) + " more"
	}
	return strings.Join(names, " or ")
}

// suggest picks the trailer to propose for an uncited section (or
// codraft.yaml): its owner; else the one group the commit cites with a
// list, with the section added; else a placeholder.
func (k *checker) suggest(id string, owners []string) (spec, note string) {
	if len(owners) > 0 {
		return owners[0], ""
	}
	if k.citedOnce == nil {
		// the one known group the commit cites, or "" (computed once)
		one := ""
		for _, ct := range k.cites {
			if ct.known && one != ct.group {
				if one != "" {
					one = ""
					break
				}
				one = ct.group
			}
		}
		k.citedOnce = &one
	}
	if g := *k.citedOnce; g != "" {
		return g + " (" + id + ")", ""
	}
	ids := k.groupIDs()
	switch len(ids) {
	case 0:
		return "ID", "define the working groups under working_groups in codraft.yaml first"
	case 1:
		return ids[0], ""
	}
	return "ID", "ID is one of " + sample(ids)
}

// namedSections warns about listed sections that the commit did not
// change: one finding for each such section, however many trailers name
// it, and one for each trailer listing names that are no section of the
// draft, however many.
func (k *checker) namedSections() {
	if !k.namesSections() {
		return
	}
	// the first section of the first redline that each id or number names
	secs := k.c.Diffs[0].Sections
	ids, nums := map[string]int{}, map[string]int{}
	for i := range secs {
		r, _ := ref(&secs[i])
		if _, ok := ids[r.ID]; !ok {
			ids[r.ID] = i
		}
		if r.Number != "" {
			key := foldKey(strings.Join(strings.Fields(r.Number), " "))
			if _, ok := nums[key]; !ok {
				nums[key] = i
			}
		}
	}
	touched := newNameSet()
	var changedIDs []string
	for _, sd := range k.changed {
		changedIDs = append(changedIDs, sd.ID)
		for _, a := range k.ancestry(sd) {
			touched.addRef(a.ID, a.Number)
		}
	}
	fixTail := ""
	if len(changedIDs) > 0 {
		fixTail = ", or name a section the commit changed (" + sample(changedIDs) + ")"
	}
	fixTail += k.rewordHint()
	// each section once, for the first trailer that names it
	reported := map[*redline.SectionRef]bool{}
	for _, ct := range k.cites {
		var missing []string
		for _, name := range k.listed(ct) {
			if touched.has(name) {
				continue
			}
			at, byID := ids[name]
			if i, byNum := nums[foldKey(name)]; byNum && (!byID || i < at) {
				at, byID = i, true
			}
			if !byID {
				missing = append(missing, name)
				continue
			}
			found, _ := ref(&secs[at])
			if reported[found] {
				continue
			}
			reported[found] = true
			k.add(k.at(found, Finding{Rule: RuleUnchangedSection, Severity: Warning,
				Message: fmt.Sprintf("%s is named by %s in %s, but that commit did not change it", label(found), quoted(ct.raw), k.name),
				Fix:     fmt.Sprintf("remove %s from the trailer", quoted(name)) + fixTail}))
		}
		switch len(missing) {
		case 0:
		case 1:
			k.add(Finding{Rule: RuleUnchangedSection, Severity: Warning,
				Message: fmt.Sprintf("%s in %s names %s, which is not a section id or number of the draft", quoted(ct.raw), k.name, excerpt(missing[0])),
				Fix:     fmt.Sprintf("remove %s from the trailer", quoted(missing[0])) + fixTail})
		default:
			k.add(Finding{Rule: RuleUnchangedSection, Severity: Warning,
				Message: fmt.Sprintf("%s in %s names %s sections that do not exist, e.g. %s", quoted(ct.raw), k.name, count(len(missing)), sample(missing)),
				Fix:     "remove them from the trailer" + fixTail})
		}
	}
}

// namesSections reports whether a citation lists any section.
func (k *checker) namesSections() bool {
	for _, ct := range k.cites {
		if len(k.listed(ct)) > 0 {
			return true
		}
	}
	return false
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
		return excerpt(r.Number) + " " + quoted(r.Title)
	case r.Number != "":
		return excerpt(r.Number)
	case r.Title != "":
		return quoted(r.Title)
	case r.Level == 0:
		return "the preamble"
	}
	return "section " + excerpt(r.ID)
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
