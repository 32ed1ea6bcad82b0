package lineage_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/diff/difftest"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/lineage"
	"github.com/codraft/codraft/internal/redline"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// build parses each round, compares it with the one before (the first with
// an empty draft) and builds the lineage, as the commands do.
func build(t *testing.T, rounds [][]byte, cites [][]lineage.Citation) *lineage.Lineage {
	t.Helper()
	b := lineage.NewBuilder()
	var prev []*doc.Document
	for i, src := range rounds {
		d, err := doc.Parse("draft.md", src, doc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		cur := []*doc.Document{d}
		res := diff.Compare(prev, cur, diff.Options{})
		r := lineage.Round{Number: i + 1, Label: fmt.Sprintf("round %d", i+1), Date: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC)}
		if i < len(cites) {
			r.Citations = cites[i]
		}
		if err := b.Add(r, res); err != nil {
			t.Fatal(err)
		}
		prev = cur
	}
	return b.Lineage()
}

// dump writes every round's sections with the edges that lead to them,
// the deletions, then the history of each section the case names.
func dump(l *lineage.Lineage, histories []string) string {
	var b strings.Builder
	for ri, nodes := range l.Sections {
		fmt.Fprintf(&b, "round %d\n", l.Rounds[ri].Number)
		for _, n := range nodes {
			fmt.Fprintf(&b, "  %s {%s}", n.Ref.Label(), n.Ref.ID)
			if n.Top != nil && n.Top != n {
				fmt.Fprintf(&b, " in %q", n.Top.Ref.Label())
			}
			if len(n.In) == 0 {
				b.WriteString(" <- added")
			}
			for _, e := range n.In {
				fmt.Fprintf(&b, " <- %s %q", e.Kind, e.From.Ref.Label())
			}
			fmt.Fprintf(&b, " (origin: round %d)\n", l.Rounds[lineage.Origin(n).Round].Number)
		}
		for _, d := range l.Deleted[ri] {
			fmt.Fprintf(&b, "  deleted %q", d.Node.Ref.Label())
			if to := d.MergedInto(); to != nil {
				fmt.Fprintf(&b, " -> merged into %q", to.Ref.Label())
			}
			b.WriteString("\n")
		}
	}
	for _, h := range histories {
		ns, ri := l.Find(h)
		fmt.Fprintf(&b, "history of %s", h)
		if len(ns) == 0 {
			b.WriteString(": not found\n")
			continue
		}
		fmt.Fprintf(&b, " (round %d)\n", l.Rounds[ri].Number)
		for _, e := range l.History(ns[0]) {
			fmt.Fprintf(&b, "  round %d %s: %s", l.Rounds[e.Round].Number, e.Ref().Label(), strings.Join(e.What, "; "))
			if len(e.Groups) > 0 {
				fmt.Fprintf(&b, " [%s]", strings.Join(e.Groups, ", "))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestGolden builds the lineage of each case in testdata (rounds r1.md,
// r2.md, ... in our own words) and compares it with the case's golden file.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	sort.Strings(files)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txtar")
		t.Run(name, func(t *testing.T) {
			a, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var rounds [][]byte
			for _, fl := range a.Files {
				rounds = append(rounds, fl.Data)
			}
			var histories []string
			for _, line := range strings.Split(string(a.Comment), "\n") {
				if h, ok := strings.CutPrefix(line, "history: "); ok {
					histories = append(histories, h)
				}
			}
			// every round cites WG1; round 2 also WG2 for the measures
			// numbered 1.1 and 3.2 only
			cites := make([][]lineage.Citation, len(rounds))
			for i := range cites {
				cites[i] = []lineage.Citation{{Group: "WG1"}}
			}
			if len(cites) > 1 {
				cites[1] = append(cites[1], lineage.Citation{Group: "WG2", Sections: []string{"1.1", "Measure 3.2"}})
			}
			l := build(t, rounds, cites)
			difftest.Golden(t, filepath.Join("testdata", name+".golden"), []byte(dump(l, histories)), *update)
		})
	}
}

func TestCitationCovers(t *testing.T) {
	ref := &redline.SectionRef{ID: "incidents", Number: "Measure 2.2", Title: "Incidents"}
	for _, c := range []struct {
		sections []string
		want     bool
	}{
		{nil, true},
		{[]string{"incidents"}, true},
		{[]string{"Measure 2.2"}, true},
		{[]string{"2.2"}, true},
		{[]string{"Measure 2.2 Incidents"}, true},
		{[]string{"2.3", "security"}, false},
		{[]string{"2"}, false},
	} {
		if got := (lineage.Citation{Group: "WG", Sections: c.sections}).Covers(ref); got != c.want {
			t.Errorf("Covers(%q) = %v, want %v", c.sections, got, c.want)
		}
	}
}

func TestBuildChecksLengths(t *testing.T) {
	if _, err := lineage.Build([]lineage.Round{{Number: 1}}, nil); err == nil {
		t.Error("Build with more rounds than redlines gave no error")
	}
}
