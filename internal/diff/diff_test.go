package diff

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/doc"
)

func parse(t testing.TB, name, src string) *doc.Document {
	t.Helper()
	d, err := doc.Parse(name, []byte(src), doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sideText rebuilds one side of a section from its ops, as the JSON
// contract says: equal+delete for old, equal+insert for new.
func sideText(s *SectionDiff, old bool) []string {
	var out []string
	for _, b := range s.Blocks {
		if old && b.MovedFrom != "" || !old && b.MovedTo != "" {
			continue
		}
		var sb strings.Builder
		for _, op := range b.Ops {
			if op.Op == Equal || (old && op.Op == Delete) || (!old && op.Op == Insert) {
				sb.WriteString(op.Text)
			}
		}
		if sb.Len() > 0 {
			out = append(out, sb.String())
		}
	}
	return out
}

func blockTexts(s *doc.Section) []string {
	var out []string
	for _, b := range s.Blocks {
		if b.Text != "" {
			out = append(out, b.Text)
		}
	}
	return out
}

// checkRoundTrip asserts the contract's invariants on r: every section of
// each side appears once, and its ops rebuild its text.
func checkRoundTrip(t testing.TB, a, b []*doc.Document, r *Result) {
	t.Helper()
	for _, old := range []bool{true, false} {
		docs := b
		if old {
			docs = a
		}
		want := map[[2]any][]string{}
		for _, d := range docs {
			for i := range d.Sections {
				s := &d.Sections[i]
				want[[2]any{d.File, s.Line}] = blockTexts(s)
			}
		}
		seen := map[[2]any]bool{}
		for i := range r.Sections {
			s := &r.Sections[i]
			ref := s.New
			if old {
				ref = s.Old
			}
			if ref == nil {
				continue
			}
			k := [2]any{ref.File, ref.Line}
			if seen[k] {
				t.Fatalf("old=%v: section %v twice", old, k)
			}
			seen[k] = true
			got := sideText(s, old)
			if strings.Join(got, "\x1e") != strings.Join(want[k], "\x1e") {
				t.Fatalf("old=%v: section %s (%v) rebuilds to\n%q\nwant\n%q", old, s.ID, k, got, want[k])
			}
		}
		if len(seen) != len(want) {
			t.Fatalf("old=%v: %d sections in result, %d in document", old, len(seen), len(want))
		}
	}
}

func corpusSeries(t testing.TB) map[string][]string {
	t.Helper()
	dirs, _ := filepath.Glob("../../../shared/corpus/*")
	out := map[string][]string{}
	for _, d := range dirs {
		fs, _ := filepath.Glob(filepath.Join(d, "*.md"))
		if len(fs) > 0 {
			sort.Strings(fs)
			out[filepath.Base(d)] = fs
		}
	}
	if len(out) == 0 {
		t.Skip("../shared/corpus is absent: corpus tests skipped")
	}
	return out
}

func load(t testing.TB, path string) *doc.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, path, string(src))
}

func TestCorpusRoundTrip(t *testing.T) {
	for name, files := range corpusSeries(t) {
		for i := 0; i+1 < len(files); i++ {
			a, b := load(t, files[i]), load(t, files[i+1])
			r := Compare([]*doc.Document{a}, []*doc.Document{b}, Options{})
			checkRoundTrip(t, []*doc.Document{a}, []*doc.Document{b}, r)
			self := Compare([]*doc.Document{a}, []*doc.Document{a}, Options{})
			if self.Stats.Words.Inserted+self.Stats.Words.Deleted != 0 || self.Stats.Sections.Unchanged != len(self.Sections) {
				t.Errorf("%s: self-diff of %s reports changes: %+v", name, files[i], self.Stats)
			}
			t.Logf("%s %s->%s: %+v", name, filepath.Base(files[i])[:2], filepath.Base(files[i+1])[:2], r.Stats)
		}
	}
}
