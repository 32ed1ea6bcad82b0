package summary

import (
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/redline"
	"github.com/google/go-cmp/cmp"
)

// ops builds word-diff ops from a compact form: "[-old-]" is deleted,
// "{+new+}" inserted, anything else equal (git's --word-diff=plain marks).
func ops(s string) []redline.Op {
	var out []redline.Op
	for s != "" {
		i := strings.IndexAny(s, "[{")
		if i < 0 || i+1 >= len(s) || (s[i:i+2] != "[-" && s[i:i+2] != "{+") {
			if i < 0 {
				out = append(out, redline.Op{Op: redline.Equal, Text: s})
				break
			}
			// a lone bracket: keep it as text
			out = append(out, redline.Op{Op: redline.Equal, Text: s[:i+1]})
			s = s[i+1:]
			continue
		}
		if i > 0 {
			out = append(out, redline.Op{Op: redline.Equal, Text: s[:i]})
		}
		kind, end := redline.Delete, "-]"
		if s[i] == '{' {
			kind, end = redline.Insert, "+}"
		}
		j := strings.Index(s[i+2:], end)
		out = append(out, redline.Op{Op: kind, Text: s[i+2 : i+2+j]})
		s = s[i+2+j+2:]
	}
	return out
}

// block builds a block whose status follows from its ops.
func block(s string) redline.BlockDiff {
	o := ops(s)
	b := redline.BlockDiff{Kind: "paragraph", Status: redline.Unchanged, Ops: o}
	ins, del, eq := false, false, false
	for _, op := range o {
		switch op.Op {
		case redline.Insert:
			ins = true
		case redline.Delete:
			del = true
		case redline.Equal:
			eq = true
		}
	}
	switch {
	case ins && !del && !eq:
		b.Status = redline.Added
	case del && !ins && !eq:
		b.Status = redline.Deleted
	case ins || del:
		b.Status = redline.Modified
	}
	return b
}

func ref(id, number, title string, level int, parent string) *redline.SectionRef {
	return &redline.SectionRef{File: "draft.md", Level: level, Number: number, Title: title, ID: id, Parent: parent}
}

// modified is a matched section, the same on both sides, with blocks.
func modified(id, number, title string, blocks ...string) redline.SectionDiff {
	sd := redline.SectionDiff{ID: id, Status: redline.Unchanged, Old: ref(id, number, title, 2, ""), New: ref(id, number, title, 2, "")}
	for _, b := range blocks {
		bd := block(b)
		if bd.Status != redline.Unchanged {
			sd.Status = redline.Modified
		}
		for _, op := range bd.Ops {
			switch op.Op {
			case redline.Insert:
				sd.Words.Inserted += len(strings.Fields(op.Text))
			case redline.Delete:
				sd.Words.Deleted += len(strings.Fields(op.Text))
			}
		}
		sd.Blocks = append(sd.Blocks, bd)
	}
	return sd
}

func result(sections ...redline.SectionDiff) *redline.Result {
	return &redline.Result{Schema: redline.Schema, Sections: sections}
}

// notables runs one rule over res.
func notables(t *testing.T, ruleID string, res *redline.Result) []Notable {
	t.Helper()
	for _, r := range DefaultRules {
		if r.ID == ruleID {
			return Compute(res, Options{Rules: []Rule{r}}).Notable
		}
	}
	t.Fatalf("no rule %q", ruleID)
	return nil
}

type ruleCase struct {
	name string
	res  *redline.Result
	want []Notable // nil: the rule must not fire
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := notables(t, rule, tc.res)
			for i := range tc.want {
				tc.want[i].Rule = rule
			}
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b []Notable) bool {
				return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b)
			})); diff != "" {
				t.Errorf("notable mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestObligationStrengthFires(t *testing.T) {
	runRuleCases(t, "obligation-strength", []ruleCase{
		{
			name: "shall becomes should",
			res:  result(modified("m-2-3", "Measure 2.3", "Incident reporting", "Providers [-shall-]{+should+} report serious incidents to the AI Office.")),
			want: []Notable{{Section: "m-2-3", Label: "Measure 2.3 Incident reporting",
				What:   "obligation weakened (shall → should)",
				Before: "Providers shall report serious incidents …",
				After:  "Providers should report serious incidents …"}},
		},
		{
			name: "may becomes must",
			res:  result(modified("m-1", "Measure 1.1", "Documentation", "Signatories [-may-]{+must+} keep the documentation up to date.")),
			want: []Notable{{Section: "m-1", Label: "Measure 1.1 Documentation",
				What:   "obligation strengthened (may → must)",
				Before: "Signatories may keep the documentation …",
				After:  "Signatories must keep the documentation …"}},
		},
		{
			name: "is required to becomes is encouraged to",
			res:  result(modified("m-1", "", "Testing", "Each provider is [-required-]{+encouraged+} to run the tests twice.")),
			want: []Notable{{Section: "m-1", Label: "Testing",
				What:   "obligation weakened (is required to → is encouraged to)",
				Before: "Each provider is required to run the tests …",
				After:  "Each provider is encouraged to run the tests …"}},
		},
	})
}

func TestObligationStrengthNearMiss(t *testing.T) {
	runRuleCases(t, "obligation-strength", []ruleCase{
		{
			name: "shall in an unchanged sentence",
			res: result(modified("m-2-3", "Measure 2.3", "Incident reporting",
				"Providers shall report serious incidents. They [-may-]{+can+} use the form in Annex 1.")),
		},
		{
			name: "shall kept while the rest of the sentence changed",
			res:  result(modified("m-1", "", "Testing", "Providers shall [-test-]{+evaluate+} the model and should document it.")),
		},
		{
			name: "May as a month",
			res:  result(modified("m-1", "", "Timeline", "Reports [-must be filed by 1 June-]{+are due on 14 May+} 2025.")),
		},
		{
			name: "a new paragraph with shall",
			res:  result(modified("m-1", "", "Testing", "Unchanged text.", "{+Providers shall test the model.+}")),
		},
		{
			name: "should added next to an unchanged shall",
			res:  result(modified("m-1", "", "Testing", "Providers shall test the model{+ and should publish the results+}.")),
		},
	})
}

func TestChangedQuantityFires(t *testing.T) {
	runRuleCases(t, "changed-quantity", []ruleCase{
		{
			name: "deadline",
			res:  result(modified("m-1", "Measure 1.1", "Reporting", "Report within [-15-]{+10+} days of becoming aware of the incident.")),
			want: []Notable{{Section: "m-1", Label: "Measure 1.1 Reporting", What: "deadline changed",
				Before: "Report within 15 days of becoming aware …", After: "Report within 10 days of becoming aware …"}},
		},
		{
			name: "percentage",
			res:  result(modified("m-1", "", "Thresholds", "A drop of more than [-3 %-]{+5 %+} triggers a review.")),
			want: []Notable{{Section: "m-1", Label: "Thresholds", What: "percentage changed",
				Before: "… of more than 3 % triggers a review.", After: "… of more than 5 % triggers a review."}},
		},
		{
			name: "amount",
			res:  result(modified("m-1", "", "Fines", "Fines of up to [-€15 million-]{+€35 million+} apply.")),
			want: []Notable{{Section: "m-1", Label: "Fines", What: "amount changed",
				Before: "… of up to €15 million apply.", After: "… of up to €35 million apply."}},
		},
		{
			name: "date",
			res:  result(modified("m-1", "", "Timeline", "This applies from [-1 August 2025-]{+2 August 2026+}.")),
			want: []Notable{{Section: "m-1", Label: "Timeline", What: "date changed",
				Before: "This applies from 1 August 2025.", After: "This applies from 2 August 2026."}},
		},
		{
			name: "deadline removed",
			res:  result(modified("m-1", "", "Reporting", "Report [-within 15 days-]{+without undue delay+}.")),
			want: []Notable{{Section: "m-1", Label: "Reporting", What: "deadline removed",
				Before: "Report within 15 days.", After: "Report without undue delay."}},
		},
		{
			name: "reference to a section that was not renumbered",
			res:  result(modified("m-1", "", "Reporting", "See Measure [-2.3-]{+2.5+} for the form.")),
			want: []Notable{{Section: "m-1", Label: "Reporting", What: "number changed",
				Before: "See Measure 2.3 for the form.", After: "See Measure 2.5 for the form."}},
		},
	})
}

func TestChangedQuantityNearMiss(t *testing.T) {
	renumbered := redline.SectionDiff{ID: "incident-reporting", Status: redline.Unchanged, Renumbered: true,
		Old:    ref("incident-reporting", "Measure 2.3", "Incident reporting", 3, ""),
		New:    ref("incident-reporting", "Measure 2.4", "Incident reporting", 3, ""),
		Blocks: []redline.BlockDiff{block("Providers report incidents within 15 days.")}}
	runRuleCases(t, "changed-quantity", []ruleCase{
		{
			name: "reference follows a renumbering",
			res:  result(renumbered, modified("m-1", "", "Reporting", "See Measure [-2.3-]{+2.4+} for the form.")),
		},
		{
			name: "renumbered heading alone",
			res:  result(renumbered),
		},
		{
			name: "same deadline in words",
			res:  result(modified("m-1", "", "Reporting", "Report within [-thirty-]{+30+} days.")),
		},
		{
			name: "a number added to the text",
			res:  result(modified("m-1", "", "Reporting", "Report {+at least 2 times a year and +}in writing.")),
		},
		{
			name: "numbers inside a chemical name",
			res:  result(modified("m-1", "", "Annex", "Dihydromorphin: [-4,5alpha-Epoxy-17-methylmorphinan-3,6alpha-diol-]{+4,5α-Epoxy-17-methylmorphinan-3,6α-diol+}")),
		},
		{
			name: "spacing around numbers",
			res:  result(modified("m-1", "", "Annex", "Diamorphin: [-((5R,6S)-4,5-Epoxy-]{+[(5 R ,6 S )-4,5-Epoxy-+}17-methyl")),
		},
		{
			name: "a number next to a change",
			res:  result(modified("m-1", "", "Reporting", "Report within 15 days [-in writing-]{+by email+}.")),
		},
	})
}

func TestDeletedCommitment(t *testing.T) {
	deleted := func(number, title string) redline.SectionDiff {
		return redline.SectionDiff{ID: "x", Status: redline.Deleted, Old: ref("x", number, title, 2, ""),
			Words: redline.WordCounts{Deleted: 3}, Blocks: []redline.BlockDiff{block("[-Some old text-]")}}
	}
	runRuleCases(t, "deleted-commitment", []ruleCase{
		{
			name: "measure deleted",
			res:  result(deleted("Measure 4.2", "Watermarking")),
			want: []Notable{{Section: "x", Label: "Measure 4.2 Watermarking", What: "measure deleted", Before: "Measure 4.2 Watermarking"}},
		},
		{
			name: "commitment deleted",
			res:  result(deleted("Commitment 6", "Copyright")),
			want: []Notable{{Section: "x", Label: "Commitment 6 Copyright", What: "commitment deleted", Before: "Commitment 6 Copyright"}},
		},
	})
	renumbered := redline.SectionDiff{ID: "x", Status: redline.Unchanged, Renumbered: true,
		Old: ref("x", "Measure 4.2", "Watermarking", 3, ""), New: ref("x", "Measure 4.1", "Watermarking", 3, "")}
	moved := renumbered
	moved.Moved, moved.Renumbered = true, false
	moved.New = ref("x", "Measure 4.2", "Watermarking", 3, "other")
	runRuleCases(t, "deleted-commitment", []ruleCase{
		{name: "measure renumbered", res: result(renumbered)},
		{name: "measure moved", res: result(moved)},
		{name: "other section deleted", res: result(deleted("", "Background"))},
		{name: "measure word inside a title", res: result(deleted("", "How we measure risk"))},
	})
}

func definitions(blocks ...string) redline.SectionDiff {
	sd := modified("definitions", "Article 3", "Definitions", blocks...)
	for i := range sd.Blocks {
		sd.Blocks[i].Kind = "list_item"
	}
	return sd
}

func TestDefinitionChangedFires(t *testing.T) {
	runRuleCases(t, "definition-changed", []ruleCase{
		{
			name: "definition changed",
			res:  result(definitions(`"Provider" means a person that develops a [-general-purpose-]{+general purpose+} AI model.`, `"User" means a person.`)),
			want: []Notable{{Section: "definitions", Label: "Article 3 Definitions", What: `definition of "provider" changed`,
				Before: "… that develops a general-purpose AI model.", After: "… that develops a general purpose AI model."}},
		},
		{
			name: "term removed",
			res:  result(definitions(`[-**Downstream provider**: a provider that integrates a model.-]`, `**User**: a person.`)),
			want: []Notable{{Section: "definitions", Label: "Article 3 Definitions", What: `term "downstream provider" removed`,
				Before: "**Downstream provider**: a provider that integrates a model."}},
		},
		{
			name: "term renamed",
			res:  result(definitions(`An "[-Account-]{+Profile+}" is what you sign in with.`)),
			want: []Notable{{Section: "definitions", Label: "Article 3 Definitions", What: `term "account" renamed "profile"`,
				Before: `An "Account" is what you …`, After: `An "Profile" is what you …`}},
		},
	})
}

func TestDefinitionChangedNearMiss(t *testing.T) {
	reordered := definitions(`"User" means a person.`)
	reordered.Blocks[0].Status = redline.Moved
	reordered.Blocks[0].MovedTo = "definitions"
	other := modified("scope", "Article 2", "Scope", `"Provider" means [-one-]{+any+} thing here.`)
	runRuleCases(t, "definition-changed", []ruleCase{
		{name: "definition moved unedited", res: result(reordered)},
		{name: "means outside a definitions section", res: result(other)},
		{name: "definitions unchanged, intro edited", res: result(definitions(`In this [-Code-]{+code+}, the following apply.`, `"User" means a person.`))},
		{name: "definition added", res: result(definitions(`{+"Model" means a model.+}`, `"User" means a person.`))},
	})
}

func TestNotableLine(t *testing.T) {
	n := Notable{Rule: "obligation-strength", Label: "Measure 2.3 X", What: "obligation weakened (shall → should)", Before: "a shall b", After: "a should b"}
	want := `Measure 2.3 X: obligation weakened (shall → should): "a shall b" → "a should b" [obligation-strength]`
	if got := n.Line(); got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
}

func TestRulesHaveIDsAndDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range DefaultRules {
		if r.ID == "" || r.Doc == "" || r.Find == nil || seen[r.ID] {
			t.Errorf("rule %+v: needs a unique id, a doc line and a Find function", r.ID)
		}
		seen[r.ID] = true
	}
}
