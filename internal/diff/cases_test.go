package diff_test

import (
	"testing"

	"github.com/codraft/codraft/internal/diff/difftest"
	"github.com/codraft/codraft/internal/redline"
)

// find returns the section whose new (else old) title is title.
func find(t *testing.T, r *redline.Result, title string) *redline.SectionDiff {
	t.Helper()
	for i := range r.Sections {
		s := &r.Sections[i]
		if (s.New != nil && s.New.Title == title) || (s.New == nil && s.Old != nil && s.Old.Title == title) {
			return s
		}
	}
	t.Fatalf("no section titled %q", title)
	return nil
}

func blockStatuses(s *redline.SectionDiff) []string {
	var out []string
	for _, b := range s.Blocks {
		out = append(out, string(b.Status))
	}
	return out
}

// TestCases states, for each kind of change, what the engine must report.
func TestCases(t *testing.T) {
	checks := map[string]func(t *testing.T, r *redline.Result){
		"edit": func(t *testing.T, r *redline.Result) {
			s := find(t, r, "Documentation")
			if s.Status != redline.Modified || s.Words.Inserted != 3 || s.Words.Deleted != 5 {
				t.Errorf("edit: %+v words %+v", s.Status, s.Words)
			}
		},
		"insert": func(t *testing.T, r *redline.Result) {
			if s := find(t, r, "Reporting"); s.Status != redline.Added {
				t.Errorf("Reporting: %s, want added", s.Status)
			}
			if got := blockStatuses(find(t, r, "Scope")); len(got) != 2 || got[1] != "added" {
				t.Errorf("Scope blocks: %v", got)
			}
		},
		"delete": func(t *testing.T, r *redline.Result) {
			if s := find(t, r, "Voluntary disclosure"); s.Status != redline.Deleted {
				t.Errorf("Voluntary disclosure: %s, want deleted", s.Status)
			}
			if s := find(t, r, "Review"); s.Renumbered || s.Status != redline.Unchanged {
				t.Errorf("Review: %+v", s)
			}
		},
		"move-within": func(t *testing.T, r *redline.Result) {
			s := find(t, r, "Copyright policy")
			moved := 0
			for _, b := range s.Blocks {
				if b.Status == redline.Moved {
					moved++
				}
			}
			if moved != 2 || r.Stats.Words.Inserted+r.Stats.Words.Deleted != 0 {
				t.Errorf("want one move (two ends) and no word change: %v %+v", blockStatuses(s), r.Stats.Words)
			}
		},
		"move-across": func(t *testing.T, r *redline.Result) {
			from, to := find(t, r, "Copyright policy"), find(t, r, "Complaints")
			if len(from.Blocks) != 2 || from.Blocks[1].MovedTo != to.ID {
				t.Fatalf("left end: %+v", from.Blocks)
			}
			last := to.Blocks[len(to.Blocks)-1]
			if last.MovedFrom != from.ID || last.Move != from.Blocks[1].Move || last.Move == "" {
				t.Errorf("arrival end: %+v", last)
			}
			if to.Words.Inserted != 1 || to.Words.Deleted != 1 || from.Words.Inserted+from.Words.Deleted != 0 {
				t.Errorf("the move's edit counts once, where it arrived: %+v %+v", from.Words, to.Words)
			}
		},
		"renumber": func(t *testing.T, r *redline.Result) {
			for _, title := range []string{"Evaluations", "Estimation"} {
				s := find(t, r, title)
				if !s.Renumbered || s.Moved || s.Status != redline.Unchanged {
					t.Errorf("%s: %+v", title, s)
				}
			}
			if r.Stats.Sections.Renumbered != 2 || r.Stats.Sections.Added != 1 {
				t.Errorf("stats %+v", r.Stats.Sections)
			}
		},
		"retitle": func(t *testing.T, r *redline.Result) {
			s := find(t, r, "Selection of systemic risks")
			if !s.Renamed || s.Old.Title != "Systemic risk taxonomy" || s.Status != redline.Modified {
				t.Errorf("%+v", s)
			}
		},
		"relevel": func(t *testing.T, r *redline.Result) {
			if r.Stats.Sections.Relevelled != 2 || r.Stats.Sections.Unchanged != 2 || r.Stats.Sections.Moved != 0 {
				t.Errorf("stats %+v", r.Stats.Sections)
			}
		},
		"split": func(t *testing.T, r *redline.Result) {
			s := find(t, r, "Storage and transfer of model weights")
			if s.Status != redline.Added || s.SplitFrom != "access-control-for-model-weights" {
				t.Errorf("%+v", s)
			}
			if !find(t, r, "Access control for model weights").Renamed {
				t.Errorf("7.1 should be matched as renamed")
			}
		},
		"reflow": func(t *testing.T, r *redline.Result) {
			if r.Stats.Sections.Unchanged != len(r.Sections) || r.Stats.Words.Inserted+r.Stats.Words.Deleted != 0 {
				t.Errorf("re-wrapping must not be a change: %+v", r.Stats)
			}
		},
		"table-row": func(t *testing.T, r *redline.Result) {
			got := blockStatuses(find(t, r, "Deadlines"))
			want := []string{"unchanged", "modified", "deleted", "unchanged", "added"}
			if len(got) != len(want) {
				t.Fatalf("blocks %v, want %v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("blocks %v, want %v", got, want)
				}
			}
		},
		"list-item": func(t *testing.T, r *redline.Result) {
			got := blockStatuses(find(t, r, "Model reports"))
			want := "unchanged modified unchanged added unchanged"
			if s := join(got); s != want {
				t.Errorf("blocks %s, want %s", s, want)
			}
		},
		"front-matter": func(t *testing.T, r *redline.Result) {
			if !r.MetadataChanged || r.Stats.Sections.Unchanged != len(r.Sections) {
				t.Errorf("front matter is metadata, not a section: %+v changed=%v", r.Stats, r.MetadataChanged)
			}
		},
	}
	for _, c := range difftest.Cases(t) {
		t.Run(c.Name, func(t *testing.T) {
			check, ok := checks[c.Name]
			if !ok {
				t.Fatalf("case %s has no check", c.Name)
			}
			check(t, c.Result(t))
		})
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
