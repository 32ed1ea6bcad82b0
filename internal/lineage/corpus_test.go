package lineage_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/cli"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/lineage"
	"github.com/codraft/codraft/internal/store"
)

// corpusLineage imports a series of the shared corpus into a new draft
// repository with "codraft import", then builds the lineage of its rounds
// from the repository, as the commands do.
func corpusLineage(t *testing.T, series string) *lineage.Lineage {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", series))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(src); err != nil {
		t.Skipf("corpus series %s absent (%v): the shared corpus is not beside this clone", series, err)
	}
	repo := t.TempDir()
	ios, _, _, errOut := cli.Test()
	ios.Dir = repo
	ios.Env = func(k string) string {
		if k == "CODRAFT_AUTHOR" {
			return "Test <test@example.org>"
		}
		return ""
	}
	if code := cli.Run(ios, []string{"import", src, "--init"}); code != 0 {
		t.Fatalf("codraft import: exit %d\n%s", code, errOut)
	}
	r, err := store.Open(repo)
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := r.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	b := lineage.NewBuilder()
	var prev []*doc.Document
	for i := range rounds {
		rd := &rounds[i]
		files, err := r.DraftAt(store.Rev{Spec: rd.Tag, Round: rd, Commit: rd.Commit, Date: rd.Date})
		if err != nil {
			t.Fatal(err)
		}
		var cur []*doc.Document
		for _, f := range files {
			d, err := doc.Parse(f.Path, f.Data, doc.Options{})
			if err != nil {
				t.Fatal(err)
			}
			cur = append(cur, d)
		}
		if err := b.Add(lineage.Round{Number: rd.Number, Label: rd.Label, Date: rd.Date}, diff.Compare(prev, cur, diff.Options{})); err != nil {
			t.Fatal(err)
		}
		prev = cur
	}
	return b.Lineage()
}

// TestCorpusOrigins follows every section of the last round of the GitHub
// terms of service (seven rounds, 2017 to 2025: a subsection inserted with
// the later ones renumbered, sections retitled and split, subsections
// removed, sections re-lettered, every heading promoted one level) back to
// the round where it was first added.
func TestCorpusOrigins(t *testing.T) {
	l := corpusLineage(t, "github-terms-of-service")
	if len(l.Rounds) != 7 {
		t.Fatalf("%d rounds, want 7", len(l.Rounds))
	}
	origin := map[string]int{}
	for _, n := range l.Last() {
		o := lineage.Origin(n)
		// the line is unbroken: every version but the first continues
		// the one before, and the first was added in its round
		line := lineage.Line(n)
		if line[0] != o || line[len(line)-1] != n {
			t.Errorf("%s: its line runs from %q to %q, not from its origin to itself", n.Ref.Label(), line[0].Ref.Label(), line[len(line)-1].Ref.Label())
		}
		if o.Change.Status != "added" {
			t.Errorf("%s: traced back to round %d, where it was %s, not added", n.Ref.Label(), l.Rounds[o.Round].Number, o.Change.Status)
		}
		for _, v := range line[1:] {
			if v.Predecessor() == nil {
				t.Errorf("%s: round %d breaks the line", n.Ref.Label(), l.Rounds[v.Round].Number)
			}
		}
		// a section whose id the round before its origin also had, at the
		// same level, was lost by the matching
		if o.Round > 0 {
			for _, p := range l.Sections[o.Round-1] {
				if p.Ref.ID == o.Ref.ID && p.Ref.Level == o.Ref.Level && p.Successor() == nil {
					t.Errorf("%s: added in round %d, but round %d had %q and lost it", n.Ref.Label(), l.Rounds[o.Round].Number, l.Rounds[o.Round-1].Number, p.Ref.Label())
				}
			}
		}
		origin[n.Ref.ID] = l.Rounds[o.Round].Number
	}
	// The sections whose first round the series shows plainly: those there
	// from the start (re-lettered, renumbered, retitled or promoted since),
	// and those added later.
	for id, want := range map[string]int{
		"summary":                         1,
		"definitions":                     1,
		"account-terms":                   1,
		"account-security":                1, // retitled from "User Account Security" in round 6
		"required-information":            1, // renumbered 1 -> 2 in round 2
		"payment":                         1, // re-lettered L -> K in round 5
		"cancellation-and-termination":    1, // re-lettered M -> L in round 5
		"governing-law":                   1,
		"account-controls":                2, // inserted as B.1 in round 2
		"beta-previews":                   5,
		"subject-to-change":               5,
		"feedback":                        5,
		"access-reciprocity":              7,
		"control-of-private-repositories": 1, // its trailing full stop dropped in round 5
	} {
		got, ok := origin[id]
		switch {
		case !ok:
			t.Errorf("no section %q in the last round", id)
		case got != want:
			t.Errorf("%s: first added in round %d, want %d", id, got, want)
		}
	}
	if t.Failed() {
		var b strings.Builder
		for _, n := range l.Last() {
			b.WriteString("\n  " + n.Ref.ID + ": round " + itoa(l.Rounds[lineage.Origin(n).Round].Number))
		}
		t.Logf("origins:%s", b.String())
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
