package summary

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestChartAddsUp checks that the chart's series share out every changed
// word of each pair of rounds, on the sample drafts and the corpus.
func TestChartAddsUp(t *testing.T) {
	all := append([]series{draftsSeries(t)}, corpusSeriesOrNone(t)...)
	for _, s := range all {
		t.Run(s.name, func(t *testing.T) {
			results := compareSeries(t, s)
			ch := ComputeChart(results)
			if len(ch.Pairs) != len(results) {
				t.Fatalf("%d pairs, want %d", len(ch.Pairs), len(results))
			}
			for i, res := range results {
				sum := 0
				for _, se := range ch.Series {
					if len(se.Values) != len(results) {
						t.Fatalf("series %q has %d values, want %d", se.Section, len(se.Values), len(results))
					}
					if v := se.Values[i]; v != NotPresent {
						if v < 0 {
							t.Errorf("series %q, pair %d: value %d", se.Section, i+1, v)
						}
						sum += v
					}
				}
				if want := res.Stats.Words.Inserted + res.Stats.Words.Deleted; sum != want {
					t.Errorf("pair %d: series add up to %d words, the redline changed %d", i+1, sum, want)
				}
			}
		})
	}
}

func TestChartDrafts(t *testing.T) {
	ch := ComputeChart(compareSeries(t, draftsSeries(t)))
	var labels []string
	for _, s := range ch.Series {
		labels = append(labels, s.Section)
	}
	// The top level of the drafts is the level-1 headings of the final
	// round; the preamble is (other).
	want := []string{
		"General provisions",
		"Chapter 1 Transparency and copyright",
		"Chapter 2 Systemic risk identification and assessment",
		"Chapter 3 Technical risk mitigation",
		"Chapter 4 Governance risk mitigation",
		"Annex A Reporting deadlines",
		"Annex B Glossary of abbreviations",
		OtherSeries,
	}
	if d := cmp.Diff(want, labels); d != "" {
		t.Errorf("series mismatch (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"second draft", "third draft", "final"}, ch.Pairs); d != "" {
		t.Errorf("pairs mismatch (-want +got):\n%s", d)
	}
}
