package summary

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// compareRounds compares each round written here with the next.
func compareRounds(t *testing.T, rounds ...string) []*redline.Result {
	t.Helper()
	var docs []*doc.Document
	for _, r := range rounds {
		d, err := doc.Parse("draft.md", []byte(r), doc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	var out []*redline.Result
	for i := 0; i+1 < len(docs); i++ {
		res := diff.Compare([]*doc.Document{docs[i]}, []*doc.Document{docs[i+1]}, diff.Options{})
		res.To.Label = string(rune('B' + i))
		out = append(out, res)
	}
	return out
}

// TestChartFollowsParts checks the chart on four rounds written for it: a
// part that did not exist yet or was removed is NotPresent, not 0; a part
// renamed and moved is one series; two parts with the same title are two
// series; a removed part stays, marked, with its last pair the one that
// removed it.
func TestChartFollowsParts(t *testing.T) {
	results := compareRounds(t,
		// A
		"# Scope\n\nThis code applies to providers of general-purpose models placed on the market.\n\n"+
			"# Notes\n\nThe first set of notes explains the terms used by the code in plain words.\n\n"+
			"# Notes\n\nA second set of notes lists the sources that the drafters consulted.\n\n"+
			"# Transitional rules\n\nProviders that signed before the deadline keep the old reporting cycle for one year.\n",
		// B: a new part, Reporting; Scope reworded
		"# Scope\n\nThis code applies to every provider of general-purpose models placed on the market.\n\n"+
			"# Notes\n\nThe first set of notes explains the terms used by the code in plain words.\n\n"+
			"# Notes\n\nA second set of notes lists the sources that the drafters consulted.\n\n"+
			"# Reporting\n\nProviders report serious incidents to the office within fifteen days.\n\n"+
			"# Transitional rules\n\nProviders that signed before the deadline keep the old reporting cycle for one year.\n",
		// C: Transitional rules removed; Scope renamed, moved after Reporting
		"# Notes\n\nThe first set of notes explains the terms used by the code in plain words.\n\n"+
			"# Notes\n\nA second set of notes lists the sources that the drafters consulted.\n\n"+
			"# Reporting\n\nProviders report serious incidents to the office within fifteen days.\n\n"+
			"# Scope and application\n\nThis code applies to every provider of general-purpose models placed on the market.\n",
		// D: Reporting changed; a new part, Annex
		"# Notes\n\nThe first set of notes explains the terms used by the code in plain words.\n\n"+
			"# Notes\n\nA second set of notes lists the sources that the drafters consulted.\n\n"+
			"# Reporting\n\nProviders report serious incidents to the office within ten days.\n\n"+
			"# Scope and application\n\nThis code applies to every provider of general-purpose models placed on the market.\n\n"+
			"# Annex\n\nA table lists each deadline of the code with the article that sets it.\n",
	)
	ch := ComputeChart(results)
	type row struct {
		Section string
		Values  []int
		Removed bool
	}
	var got []row
	for _, s := range ch.Series {
		v := make([]int, len(s.Values))
		for k, x := range s.Values {
			// the words per pair are the redline's business: here only
			// whether the part changed, stayed or was not there
			v[k] = min(x, 1)
		}
		got = append(got, row{s.Section, v, s.Removed})
	}
	const gap = NotPresent
	want := []row{
		{"Notes", []int{0, 0, 0}, false},
		{"Notes", []int{0, 0, 0}, false},
		{"Reporting", []int{1, 0, 1}, false},
		// renamed and moved in the second pair, without a word changed
		{"Scope and application", []int{1, 0, 0}, false},
		{"Annex", []int{gap, gap, 1}, false},
		{"Transitional rules", []int{0, 1, gap}, true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("series (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"B", "C", "D"}, ch.Pairs); d != "" {
		t.Errorf("pairs (-want +got):\n%s", d)
	}
}
