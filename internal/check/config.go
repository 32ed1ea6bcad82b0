package check

import (
	"slices"
	"strings"

	"github.com/codraft/codraft/internal/config"
)

// UnionConfig is the configuration that checks a commit: the one at the
// commit (at), widened by the one at the base of the range (base, nil when
// the range starts at the root), so that a change cannot narrow what
// checks it. The draft files are those that either's documents match; the
// working groups are those of either, each owning what it owns in either;
// the number words are those of either; a check switch is on when either
// turns it on. The title and the limits are the commit's.
func UnionConfig(base, at *config.Config) *config.Config {
	if base == nil {
		return at
	}
	u := *at
	u.Documents = unionDocuments(at.Documents, base.Documents)
	u.Numbering.Words = union(at.Numbering.Words, base.Numbering.Words)
	u.Check.EnforceOwnership = at.Check.EnforceOwnership || base.Check.EnforceOwnership
	u.Check.RequireSectionRefs = at.Check.RequireSectionRefs || base.Check.RequireSectionRefs
	u.WorkingGroups = make([]config.WorkingGroup, 0, len(at.WorkingGroups)+len(base.WorkingGroups))
	index := map[string]int{}
	for _, wg := range at.WorkingGroups {
		wg.Owns = slices.Clone(wg.Owns)
		if _, dup := index[wg.ID]; !dup {
			index[wg.ID] = len(u.WorkingGroups)
		}
		u.WorkingGroups = append(u.WorkingGroups, wg)
	}
	for _, wg := range base.WorkingGroups {
		if i, ok := index[wg.ID]; ok {
			u.WorkingGroups[i].Owns = union(u.WorkingGroups[i].Owns, wg.Owns)
			continue
		}
		index[wg.ID] = len(u.WorkingGroups)
		wg.Owns = slices.Clone(wg.Owns)
		u.WorkingGroups = append(u.WorkingGroups, wg)
	}
	return &u
}

// union is a, then what of b is not in a.
func union(a, b []string) []string {
	out := slices.Clone(a)
	seen := make(map[string]bool, len(a))
	for _, s := range a {
		seen[s] = true
	}
	for _, s := range b {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// unionDocuments is the documents globs of both configurations: every glob
// that includes files, and only the exclusions ("!glob") both share, so that
// neither side can exclude a file the other counts as a draft (a change
// that adds "!draft.md" must not hide draft.md from the check).
func unionDocuments(a, b []string) []string {
	var out []string
	inB := map[string]bool{}
	for _, g := range b {
		inB[g] = true
	}
	for _, g := range union(a, b) {
		if strings.HasPrefix(g, "!") && !(slices.Contains(a, g) && inB[g]) {
			continue
		}
		out = append(out, g)
	}
	return out
}
