package summary

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// label is one hand-labelled notable change (testdata/notable/README.md).
type label struct {
	rule, section, old, new string
}

// labelled is one labelled pair of rounds.
type labelled struct {
	file             string
	series, old, new string
	scope            []string // nil: every section
	labels           []label
}

func readLabelled(t *testing.T, path string) labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l := labelled{file: filepath.Base(path)}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			f := strings.Split(rest, "\t")
			switch f[0] {
			case "series":
				l.series = f[1]
			case "old":
				l.old = f[1]
			case "new":
				l.new = f[1]
			case "scope":
				if f[1] != "all" {
					l.scope = f[1:]
				}
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("%s: %q: want four tab-separated fields", path, line)
		}
		l.labels = append(l.labels, label{f[0], f[1], f[2], f[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if l.series == "" || l.old == "" || l.new == "" {
		t.Fatalf("%s: the series, old and new headers are required", path)
	}
	return l
}

// normValue folds a value for comparison: case, spacing and the
// punctuation around it.
func normValue(s string) string {
	return strings.ToLower(strings.Trim(squash(s), " .,;:()\"“”"))
}

// valueMatches reports whether a found value matches a labelled one: "*"
// matches anything, "" only nothing, else the label is part of the value.
func valueMatches(lab, found string) bool {
	switch lab {
	case "*":
		return true
	case "":
		return found == ""
	}
	return found != "" && strings.Contains(normValue(found), normValue(lab))
}

// ruleScore counts, for one rule, the findings that match a label, the
// findings that match none, and the labels that no finding matched.
type ruleScore struct{ tp, fp, fn int }

func (s ruleScore) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s ruleScore) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// uncrowded is the rule table with nothing left out of the list, so that
// every finding is scored.
func uncrowded() []Rule {
	rules := append([]Rule(nil), DefaultRules...)
	for i := range rules {
		rules[i].Crowd = 0
	}
	return rules
}

// TestLabelledNotable scores the rules against the hand-labelled pairs of
// testdata/notable and prints precision and recall per rule.
func TestLabelledNotable(t *testing.T) {
	root := moduleRoot(t)
	corpus := filepath.Join(root, "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("labelled notable test skipped: %s is absent", corpus)
	}
	files, _ := filepath.Glob(filepath.Join(root, "testdata", "notable", "*.tsv"))
	if len(files) < 6 {
		t.Fatalf("testdata/notable holds %d labelled pairs, want at least 6", len(files))
	}
	scores := map[string]*ruleScore{}
	for _, r := range DefaultRules {
		scores[r.ID] = &ruleScore{}
	}
	for _, path := range files {
		l := readLabelled(t, path)
		a := parseFile(t, filepath.Join(corpus, l.series, l.old))
		b := parseFile(t, filepath.Join(corpus, l.series, l.new))
		res := diff.Compare([]*doc.Document{a}, []*doc.Document{b}, diff.Options{})
		found := Compute(res, Options{Rules: uncrowded()}).Notable
		scorePair(t, l, res, found, scores)
	}
	var ids []string
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var all ruleScore
	for _, id := range ids {
		s := scores[id]
		all.tp, all.fp, all.fn = all.tp+s.tp, all.fp+s.fp, all.fn+s.fn
		t.Logf("%-20s precision %.2f (%d/%d)  recall %.2f (%d/%d)", id,
			s.precision(), s.tp, s.tp+s.fp, s.recall(), s.tp, s.tp+s.fn)
		below := s.precision() < minPrecision || s.recall() < minRecall
		known, isKnown := knownShort[id]
		switch {
		case isKnown && !below:
			t.Errorf("%s now meets the targets: remove it from knownShort", id)
		case isKnown && (s.precision() < known.precision || s.recall() < known.recall):
			t.Errorf("%s: precision %.2f, recall %.2f, below even its known %.2f and %.2f", id, s.precision(), s.recall(), known.precision, known.recall)
		case isKnown:
			t.Logf("%s: below the targets, known: %s", id, known.why)
		case below && s.tp+s.fn >= minLabels:
			t.Errorf("%s: precision %.2f, recall %.2f; the targets are %.2f and %.2f", id, s.precision(), s.recall(), minPrecision, minRecall)
		case below:
			t.Logf("%s: below the targets on %d labels, too few to hold it to them (one case moves the ratio by more than 0.1)", id, s.tp+s.fn)
		}
	}
	t.Logf("%-20s precision %.2f (%d/%d)  recall %.2f (%d/%d)", "all rules",
		all.precision(), all.tp, all.tp+all.fp, all.recall(), all.tp, all.tp+all.fn)
	if all.precision() < minPrecision || all.recall() < minRecall {
		t.Errorf("all rules: precision %.2f, recall %.2f; the targets are %.2f and %.2f", all.precision(), all.recall(), minPrecision, minRecall)
	}
}

// knownShort lists the rules known to fall short of the targets on the
// labelled set, with the figures they must not fall below and the reason.
// A rule listed here that meets the targets fails the test, so the list
// only shrinks.
var knownShort = map[string]struct {
	precision, recall float64
	why               string
}{}

// The targets, and the fewest labels of a rule for its own ratios to be
// held to them; every rule counts towards the totals.
const (
	minPrecision = 0.9
	minRecall    = 0.95
	minLabels    = 10
)

// scorePair matches the findings of one pair to its labels, one to one.
func scorePair(t *testing.T, l labelled, res *redline.Result, found []Notable, scores map[string]*ruleScore) {
	t.Helper()
	names := map[string][]string{} // section id → its id and numbers
	for i := range res.Sections {
		sd := &res.Sections[i]
		id := sectionID(sd)
		names[id] = append(names[id], id)
		for _, r := range []*redline.SectionRef{sd.Old, sd.New} {
			if r != nil && r.Number != "" {
				names[id] = append(names[id], r.Number)
			}
		}
	}
	named := func(id, name string) bool {
		for _, n := range names[id] {
			if n == name {
				return true
			}
		}
		return false
	}
	inScope := func(id string) bool {
		if l.scope == nil {
			return true
		}
		for _, s := range l.scope {
			if named(id, s) {
				return true
			}
		}
		return false
	}
	// the same finding twice in a section is one finding
	type key struct{ rule, section, old, new string }
	seen := map[key]bool{}
	var fs []Notable
	for _, n := range found {
		k := key{n.Rule, n.Section, normValue(n.Old), normValue(n.New)}
		if inScope(n.Section) && !seen[k] {
			seen[k] = true
			fs = append(fs, n)
		}
	}
	used := make([]bool, len(fs))
	for _, lab := range l.labels {
		hit := false
		for i, n := range fs {
			if !used[i] && n.Rule == lab.rule && named(n.Section, lab.section) && valueMatches(lab.old, n.Old) && valueMatches(lab.new, n.New) {
				used[i], hit = true, true
				break
			}
		}
		s := scores[lab.rule]
		if s == nil {
			t.Fatalf("%s: unknown rule %q", l.file, lab.rule)
		}
		if hit {
			s.tp++
		} else {
			s.fn++
			t.Logf("%s: missed %s in %s: %q → %q", l.file, lab.rule, lab.section, lab.old, lab.new)
		}
	}
	for i, n := range fs {
		if !used[i] {
			scores[n.Rule].fp++
			t.Logf("%s: unexpected %s in %s: %q → %q (%s)", l.file, n.Rule, n.Section, n.Old, n.New, n.What)
		}
	}
}
