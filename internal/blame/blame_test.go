package blame_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/blame"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/lineage"
)

// track runs the tracker over the rounds, each citing its working groups.
func track(t *testing.T, rounds []string, cites [][]lineage.Citation) *blame.Tracker {
	t.Helper()
	tr := blame.NewTracker()
	var prev []*doc.Document
	for i, src := range rounds {
		d, err := doc.Parse("draft.md", []byte(src), doc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		cur := []*doc.Document{d}
		res := diff.Compare(prev, cur, diff.Options{})
		if err := tr.Add(lineage.Round{Number: i + 1, Citations: cites[i]}, res); err != nil {
			t.Fatal(err)
		}
		prev = cur
	}
	return tr
}

type run struct {
	Text   string
	Round  int
	Groups string
}

// runs describes the block holding text: its runs with their rounds and
// groups, and its last change.
func runs(t *testing.T, tr *blame.Tracker, text string) ([]run, string) {
	t.Helper()
	for _, b := range tr.Blocks() {
		if !strings.Contains(b.Text, text) {
			continue
		}
		var out []run
		for _, r := range b.Runs() {
			out = append(out, run{strings.TrimSpace(r.Text), r.Introduced, strings.Join(r.Groups, ",")})
		}
		return out, fmt.Sprintf("%s: introduced %d, last changed %d by %s", b.Section.Label(), b.Introduced(), b.LastChanged, strings.Join(b.Groups, ","))
	}
	t.Fatalf("no block holds %q", text)
	return nil, ""
}

const (
	r1 = `# Commitment 1 Safety

## Measure 1.1 Testing

Signatories test each model against the risks in the taxonomy before they place it on the market, and they keep the results for ten years.

They repeat the tests after each major update.

## Measure 1.2 Reporting

Signatories report the results to the office. The report lists every risk that was tested and the method used.
`
	// round 2 re-wraps the sentence and changes nothing else in it
	r2 = `# Commitment 1 Safety

## Measure 1.1 Testing

Signatories test each model against
the risks in the taxonomy before they place it on the
market, and they keep the results for ten years.

They repeat the tests after each major update.

## Measure 1.2 Reporting

Signatories report the results to the office within a month. The report lists every risk that was tested and the method used.
`
	// round 3 moves the sentence to Measure 1.2, changes one word in
	// it, moves a sentence from one paragraph to the end of another, and
	// changes a word elsewhere
	r3 = `# Commitment 1 Safety

## Measure 1.1 Testing

They repeat the tests after each major update. The report lists every risk that was tested and the method used.

## Measure 1.2 Reporting

Signatories report the results to the authority within a month.

Signatories test each model against the risks in the taxonomy before they place it on the market, and they keep the results for twelve years.
`
)

func TestBlameFollowsRewrapAndMove(t *testing.T) {
	tr := track(t, []string{r1, r2, r3}, [][]lineage.Citation{
		{{Group: "WG1"}, {Group: "WG2", Sections: []string{"1.1"}}},
		{{Group: "WG3"}},
		{{Group: "WG4"}},
	})
	if tr.Round() != 3 {
		t.Fatalf("Round() = %d", tr.Round())
	}

	// written in round 1 (in Measure 1.1, which WG1 and WG2 were cited
	// for), re-wrapped in round 2, moved with one word changed in round 3
	got, block := runs(t, tr, "Signatories test each model")
	want := []run{
		{"Signatories test each model against the risks in the taxonomy before they place it on the market, and they keep the results for", 1, "WG1,WG2"},
		{"twelve", 3, "WG4"},
		{"years.", 1, "WG1,WG2"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("moved sentence runs mismatch (-want +got):\n%s", d)
	}
	if w := "Measure 1.2 Reporting: introduced 1, last changed 3 by WG4"; block != w {
		t.Errorf("moved block: %s, want %s", block, w)
	}

	// a sentence that left Measure 1.2 for the end of a paragraph of
	// Measure 1.1 is still round 1's (WG1 only: WG2 cited Measure 1.1)
	got, block = runs(t, tr, "They repeat the tests")
	want = []run{
		{"They repeat the tests after each major update.", 1, "WG1,WG2"},
		{"The report lists every risk that was tested and the method used.", 1, "WG1"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("joined paragraph runs mismatch (-want +got):\n%s", d)
	}
	if w := "Measure 1.1 Testing: introduced 1, last changed 3 by WG4"; block != w {
		t.Errorf("joined block: %s, want %s", block, w)
	}

	// "within a month" came in round 2, "authority" in round 3
	got, _ = runs(t, tr, "Signatories report the results")
	want = []run{
		{"Signatories report the results to the", 1, "WG1"},
		{"authority", 3, "WG4"},
		{"within a month", 2, "WG3"},
		{".", 1, "WG1"}, // the full stop was round 1's
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("edited paragraph runs mismatch (-want +got):\n%s", d)
	}
}

// TestBlameUnchangedKeepsLastChange checks that a block no round after the
// first touched keeps round 1 as its last change, and that the runs of
// every block rebuild its text.
func TestBlameUnchangedKeepsLastChange(t *testing.T) {
	tr := track(t, []string{r1, r2, r2}, [][]lineage.Citation{{{Group: "WG1"}}, {{Group: "WG2"}}, {{Group: "WG3"}}})
	for _, b := range tr.Blocks() {
		var sb strings.Builder
		for _, r := range b.Runs() {
			sb.WriteString(r.Text)
		}
		if sb.String() != b.Text {
			t.Errorf("runs rebuild %q, want %q", sb.String(), b.Text)
		}
	}
	_, block := runs(t, tr, "They repeat")
	if w := "Measure 1.1 Testing: introduced 1, last changed 1 by WG1"; block != w {
		t.Errorf("unchanged block: %s, want %s", block, w)
	}
}
