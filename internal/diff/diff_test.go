package diff

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/fuzzseed"
	"github.com/codraft/codraft/internal/redline"
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
func sideText(s *redline.SectionDiff, old bool) []string {
	var out []string
	for _, b := range s.Blocks {
		if old && b.MovedFrom != "" || !old && b.MovedTo != "" {
			continue
		}
		var sb strings.Builder
		for _, op := range b.Ops {
			if op.Op == redline.Equal || (old && op.Op == redline.Delete) || (!old && op.Op == redline.Insert) {
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
func checkRoundTrip(t testing.TB, a, b []*doc.Document, r *redline.Result) {
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
			for _, bd := range s.Blocks {
				for _, op := range bd.Ops {
					if !utf8.ValidString(op.Text) {
						t.Fatalf("section %s: an op cuts a character: %q", s.ID, bd.Ops)
					}
				}
			}
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

func tosPair(t *testing.T, a, b string) *redline.Result {
	t.Helper()
	files := corpusSeries(t)["github-terms-of-service"]
	if len(files) < 7 {
		t.Skip("github-terms-of-service series is absent")
	}
	pick := func(p string) *doc.Document {
		for _, f := range files {
			if strings.HasPrefix(filepath.Base(f), p+"-") {
				return load(t, f)
			}
		}
		t.Fatalf("no round %s", p)
		return nil
	}
	da, db := pick(a), pick(b)
	r := Compare([]*doc.Document{da}, []*doc.Document{db}, Options{})
	checkRoundTrip(t, []*doc.Document{da}, []*doc.Document{db}, r)
	return r
}

func byNewTitle(r *redline.Result, title string) *redline.SectionDiff {
	for i := range r.Sections {
		if s := &r.Sections[i]; s.New != nil && s.New.Title == title {
			return s
		}
	}
	return nil
}

func TestTermsOfServiceRenumberedAfterInsertion(t *testing.T) {
	r := tosPair(t, "01", "02")
	if s := byNewTitle(r, "Account Controls"); s == nil || s.Status != redline.Added {
		t.Fatalf("B.1 Account Controls should be added: %+v", s)
	}
	for title, nums := range map[string][2]string{
		"Required Information":  {"1.", "2."},
		"Account Requirements":  {"2.", "3."},
		"User Account Security": {"3.", "4."},
		"Additional Terms":      {"4.", "5."},
	} {
		s := byNewTitle(r, title)
		if s == nil || !s.Renumbered || s.Old.Number != nums[0] || s.New.Number != nums[1] || s.Moved {
			t.Errorf("%s: want renumbered %s -> %s, not moved: %+v", title, nums[0], nums[1], s)
		}
	}
}

func TestTermsOfServiceRelettered(t *testing.T) {
	r := tosPair(t, "04", "05")
	for title, nums := range map[string][2]string{
		"Payment":                      {"L.", "K."},
		"Cancellation and Termination": {"M.", "L."},
		"Communications with GitHub":   {"N.", "M."},
		"Disclaimer of Warranties":     {"O.", "N."},
		"Limitation of Liability":      {"P.", "O."},
	} {
		s := byNewTitle(r, title)
		if s == nil || !s.Renumbered || s.Old.Number != nums[0] || s.New.Number != nums[1] {
			t.Errorf("%s: want renumbered %s -> %s: %+v", title, nums[0], nums[1], s)
			continue
		}
		if s.Status != redline.Unchanged || s.Words.Inserted+s.Words.Deleted != 0 || s.Moved {
			t.Errorf("%s: re-lettering alone must show no change of words: %s %+v", title, s.Status, s.Words)
		}
	}
}

func TestTermsOfServicePromotion(t *testing.T) {
	r := tosPair(t, "05", "06")
	st := r.Stats.Sections
	if st.Added != 0 || st.Deleted != 0 || st.Moved != 0 || st.Renumbered != 0 {
		t.Errorf("promoting every heading must only re-level: %+v", st)
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		if s.Old.Level > 0 && !s.Relevelled {
			t.Errorf("%s not re-levelled", s.ID)
		}
		for _, b := range s.Blocks {
			if b.Status == redline.Moved {
				t.Errorf("%s: a block reported moved", s.ID)
			}
		}
	}
	// a section whose text is the same in both rounds is unchanged
	if s := byNewTitle(r, "Payment"); s == nil || s.Status != redline.Unchanged || !s.Relevelled {
		t.Errorf("K. Payment: %+v", s)
	}
}

func TestTermsOfServiceRetitledAndSplit(t *testing.T) {
	r := tosPair(t, "02", "03")
	s := byNewTitle(r, "Additional Terms for GitHub Pages and Learning Lab")
	if s == nil || !s.Renamed || s.Old.Title != "Additional Terms for GitHub Pages" {
		t.Fatalf("retitled section not matched as renamed: %+v", s)
	}
	if p := byNewTitle(r, "GitHub Pages"); p == nil || p.SplitFrom != s.ID {
		t.Errorf("1. GitHub Pages should be split from %s: %+v", s.ID, p)
	}
}

// TestDraftsRoundTrip checks the contract on the sample drafts and that a
// diff is deterministic.
func TestDraftsRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../../drafts/0*.md")
	sort.Strings(files)
	if len(files) < 4 {
		t.Fatalf("sample drafts missing: %v", files)
	}
	for i := 0; i+1 < len(files); i++ {
		a, b := load(t, files[i]), load(t, files[i+1])
		r1 := Compare([]*doc.Document{a}, []*doc.Document{b}, Options{})
		checkRoundTrip(t, []*doc.Document{a}, []*doc.Document{b}, r1)
		r2 := Compare([]*doc.Document{a}, []*doc.Document{b}, Options{})
		if !reflect.DeepEqual(r1, r2) {
			t.Errorf("%s: two runs differ", files[i])
		}
	}
}

func FuzzCompare(f *testing.F) {
	files, _ := filepath.Glob("../../drafts/0*.md")
	cases, _ := filepath.Glob("../../testdata/cases/*.txtar")
	for i := 0; i+1 < len(files); i++ {
		a, _ := os.ReadFile(files[i])
		b, _ := os.ReadFile(files[i+1])
		f.Add(string(a), string(b))
	}
	for _, c := range cases {
		a, err := txtar.ParseFile(c)
		if err != nil {
			f.Fatal(err)
		}
		files := map[string]string{}
		for _, fl := range a.Files {
			files[fl.Name] = string(fl.Data)
		}
		f.Add(files["old.md"], files["new.md"])
	}
	f.Add("# A\n\nx y z\n", "## A\n\n- x y\n- z\n")
	for _, p := range fuzzseed.Pairs() {
		f.Add(string(p.Old), string(p.New))
	}
	// real rounds, when the corpus is there: the smaller series only, so
	// that each run stays quick
	tos, _ := filepath.Glob("../../../shared/corpus/github-terms-of-service/*.md")
	sort.Strings(tos)
	for i := 0; i+1 < len(tos); i++ {
		a, _ := os.ReadFile(tos[i])
		b, _ := os.ReadFile(tos[i+1])
		f.Add(string(a), string(b))
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		da, err := doc.Parse("a.md", []byte(a), doc.Options{})
		if err != nil {
			return
		}
		db, err := doc.Parse("b.md", []byte(b), doc.Options{})
		if err != nil {
			return
		}
		r := Compare([]*doc.Document{da}, []*doc.Document{db}, Options{})
		checkRoundTrip(t, []*doc.Document{da}, []*doc.Document{db}, r)
		self := Compare([]*doc.Document{da}, []*doc.Document{da}, Options{})
		if self.Stats.Sections.Unchanged != len(self.Sections) || self.Stats.Words.Inserted+self.Stats.Words.Deleted != 0 {
			t.Fatalf("self-diff reports changes: %+v", self.Stats)
		}
	})
}

func TestEncoderOverflowFallsBack(t *testing.T) {
	e := getEncoder()
	e.next = 0x10FFFF
	e.id("a")
	if e.full {
		t.Fatal("full too early")
	}
	e.id("b")
	if !e.full {
		t.Fatal("past the last rune the encoder must say it is full")
	}
	putEncoder(e)
	w := &wordDiffer{}
	var cnt counts
	ops := w.whole(textToks("old text"), textToks("new"), &cnt)
	if len(ops) != 2 || cnt.del != 2 || cnt.ins != 1 {
		t.Errorf("whole: %v %+v", ops, cnt)
	}
}

func TestIgnoreOptions(t *testing.T) {
	a := parse(t, "a.md", "# T\n\nProviders SHALL keep records, for ten years.\n")
	b := parse(t, "b.md", "# T\n\nProviders shall keep records for ten years\n")
	r := Compare([]*doc.Document{a}, []*doc.Document{b}, Options{})
	if r.Stats.Words.Inserted != 1 || r.Stats.Words.Deleted != 1 {
		t.Errorf("default: %+v", r.Stats.Words)
	}
	r = Compare([]*doc.Document{a}, []*doc.Document{b}, Options{IgnoreCase: true, IgnorePunctuation: true})
	if r.Stats.Sections.Modified != 0 || r.Stats.Words.Inserted+r.Stats.Words.Deleted != 0 {
		t.Errorf("ignoring case and punctuation: %+v", r.Stats)
	}
}
