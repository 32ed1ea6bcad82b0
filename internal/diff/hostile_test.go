package diff

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/testenv"
)

// watchdog is how long one hostile comparison may take before the test
// calls it a hang: far above what each takes, so that a slow runner never
// fails it, but short of what time growing with the square of the input
// would take.
const watchdog = 90 * time.Second

// hostilePair parses and compares two drafts under the watchdog, checks the
// contract's rebuild rule and that the comparison allocated memory in
// proportion to the input, and returns the result.
func hostilePair(t *testing.T, name, a, b string, popt doc.Options, opts Options) *redline.Result {
	t.Helper()
	var da, db *doc.Document
	var r *redline.Result
	var before, after runtime.MemStats
	testenv.Within(t, watchdog, name, func() {
		var err error
		if da, err = doc.Parse("a.md", []byte(a), popt); err != nil {
			panic(err)
		}
		if db, err = doc.Parse("b.md", []byte(b), popt); err != nil {
			panic(err)
		}
		runtime.ReadMemStats(&before)
		r = Compare([]*doc.Document{da}, []*doc.Document{db}, opts)
		runtime.ReadMemStats(&after)
	})
	if opts == (Options{}) {
		checkRoundTrip(t, []*doc.Document{da}, []*doc.Document{db}, r)
	}
	lines := strings.Count(a, "\n") + strings.Count(b, "\n")
	if alloc, limit := after.TotalAlloc-before.TotalAlloc, uint64(32*(len(a)+len(b))+2048*lines+64<<20); alloc > limit && !raceEnabled {
		t.Errorf("%s: comparing %d and %d bytes allocated %d MB", name, len(a), len(b), alloc>>20)
	}
	return r
}

// TestLargeDraft compares a 50 MB draft with itself after one edit: the
// redline shows that one word in bounded time and memory.
func TestLargeDraft(t *testing.T) {
	var sb strings.Builder
	sb.Grow(51 << 20)
	for i := 0; sb.Len() < 50<<20; i++ {
		if i%40 == 0 {
			fmt.Fprintf(&sb, "## Measure %d.%d: Record keeping %d\n\n", i/400, i%400/40, i)
		}
		fmt.Fprintf(&sb, "Paragraph %d says that providers shall keep records of item %d and report them within %d days. Another sentence follows here.\n\n", i, i*7, i%30)
	}
	a := sb.String()
	b := strings.Replace(a, "Paragraph 200000 says", "Paragraph 200000 now says", 1)
	start := time.Now()
	r := hostilePair(t, "50MB", a, b, doc.Options{}, Options{})
	st := r.Stats
	if st.Sections.Modified != 1 || st.Sections.Added+st.Sections.Deleted+st.Sections.Moved != 0 || st.Words.Inserted != 1 || st.Words.Deleted != 0 {
		t.Errorf("one inserted word: %+v", st)
	}
	t.Logf("%d MB, %d sections: parse and compare in %s", len(a)>>20, len(r.Sections), time.Since(start).Round(time.Millisecond))
}

// TestManyHeadings: 20,000 sections, renumbered all at once, and 20,000
// sections that share one title.
func TestManyHeadings(t *testing.T) {
	var a, b, same, same2 strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&a, "## Measure %d: Title %d\n\nText of %d.\n\n", i+1, i, i)
		fmt.Fprintf(&same, "## Reserved\n\nText %d.\n\n", i)
		if i != 77 {
			fmt.Fprintf(&same2, "## Reserved\n\nText %d.\n\n", i)
		}
	}
	fmt.Fprintf(&b, "## Measure 1: New first\n\nA new first measure.\n\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "## Measure %d: Title %d\n\nText of %d.\n\n", i+2, i, i)
	}
	r := hostilePair(t, "renumbered", a.String(), b.String(), doc.Options{}, Options{})
	if st := r.Stats.Sections; st.Added != 1 || st.Renumbered != 20000 || st.Modified != 0 || st.Moved != 0 {
		t.Errorf("renumbered: %+v", st)
	}
	// Sections that share a title pair in document order, so deleting
	// one shows every later one as modified; what matters here is that
	// 20,000 of them pair in bounded time.
	r = hostilePair(t, "same-titles", same.String(), same2.String(), doc.Options{}, Options{})
	if st := r.Stats.Sections; st.Deleted != 1 || st.Added != 0 {
		t.Errorf("same titles: %+v", st)
	}
}

// TestLongLine: a 1 MB line with a thousand words changed is diffed by
// sentence, else replaced whole with a note, never word by word at a cost
// growing with the square of its length. (Joining 39,000 equal sentences
// once allocated 17 GB.)
func TestLongLine(t *testing.T) {
	w := strings.Repeat("word ", 200000)
	var sa, sb strings.Builder
	for i := 0; i < 40000; i++ {
		fmt.Fprintf(&sa, "Providers shall report %d. ", i)
		if i%40 == 0 {
			fmt.Fprintf(&sb, "Providers should report %d. ", i)
		} else {
			fmt.Fprintf(&sb, "Providers shall report %d. ", i)
		}
	}
	for _, c := range []struct{ name, a, b string }{
		{"no-sentences", w, strings.Replace(w, "word word", "word bird", 1000)},
		{"sentences", sa.String(), sb.String()},
	} {
		r := hostilePair(t, c.name, c.a, c.b, doc.Options{}, Options{})
		if r.Stats.Words.Inserted == 0 {
			t.Errorf("%s: no change found: %+v", c.name, r.Stats)
		}
		if c.name == "sentences" && (r.Stats.Words.Inserted != 1000 || len(r.Notes) != 0) {
			t.Errorf("%s: want 1000 words changed sentence by sentence: %+v %q", c.name, r.Stats.Words, r.Notes)
		}
		if c.name == "no-sentences" && len(r.Notes) == 0 {
			t.Errorf("%s: replaced whole without a note", c.name)
		}
	}
}

// TestUnicodeChanges: NFC against NFD is a change unless NormalizeUnicode;
// edits to right-to-left text and to emoji with joiners mark whole words
// and whole graphemes.
func TestUnicodeChanges(t *testing.T) {
	nfc := "# Caf\u00e9\n\nUn r\u00e9sum\u00e9 na\u00eff pour le caf\u00e9 de la gare.\n"
	nfd := "# Cafe\u0301\n\nUn re\u0301sume\u0301 nai\u0308f pour le cafe\u0301 de la gare.\n"
	r := hostilePair(t, "nfc-nfd", nfc, nfd, doc.Options{}, Options{})
	if r.Stats.Words.Inserted != 3 || r.Stats.Sections.Renamed != 1 {
		t.Errorf("NFC against NFD: want 3 words and the title changed: %+v", r.Stats)
	}
	r = hostilePair(t, "nfc-nfd-normalised", nfc, nfd, doc.Options{NormalizeUnicode: true}, Options{})
	if r.Stats.Words.Inserted+r.Stats.Words.Deleted != 0 || r.Stats.Sections.Unchanged != 1 {
		t.Errorf("NFC against NFD with NormalizeUnicode: %+v", r.Stats)
	}

	cases := []struct{ name, a, b, del, ins string }{
		{"hebrew", "# \u05e4\u05e8\u05e7\n\n\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u05d2\u05d3\u05d5\u05dc.\n", "# \u05e4\u05e8\u05e7\n\n\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05de\u05d5\u05ea \u05d2\u05d3\u05d5\u05dc.\n",
			"\u05e2\u05d5\u05dc\u05dd", "\u05e2\u05d5\u05dc\u05de\u05d5\u05ea"},
		{"arabic-bidi-marks", "# \u0628\u0627\u0628\n\n\u0627\u0644\u0645\u0627\u062f\u0629 \u200f(1)\u200f \u0627\u0644\u0623\u0648\u0644\u0649 \u0647\u0646\u0627.\n", "# \u0628\u0627\u0628\n\n\u0627\u0644\u0645\u0627\u062f\u0629 \u200f(2)\u200f \u0627\u0644\u0623\u0648\u0644\u0649 \u0647\u0646\u0627.\n",
			"1", "2"},
		{"persian-zwnj", "# \u0641\u0635\u0644\n\n\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0628\u0631\u0648\u0645 \u0627\u0645\u0631\u0648\u0632.\n", "# \u0641\u0635\u0644\n\n\u0645\u06cc\u200c\u0631\u0648\u0645 \u0628\u0631\u0648\u0645 \u0627\u0645\u0631\u0648\u0632.\n",
			"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u0631\u0648\u0645"},
		{"family-emoji", "# E\n\nThe \U0001F469\u200d\U0001F469\u200d\U0001F467 family rule applies here.\n", "# E\n\nThe \U0001F469\u200d\U0001F469\u200d\U0001F466 family rule applies here.\n",
			"\U0001F469\u200d\U0001F469\u200d\U0001F467", "\U0001F469\u200d\U0001F469\u200d\U0001F466"},
		{"skin-tone", "# E\n\nApproved \U0001F44D\U0001F3FB by the working group today.\n", "# E\n\nApproved \U0001F44D\U0001F3FF by the working group today.\n",
			"\U0001F44D\U0001F3FB", "\U0001F44D\U0001F3FF"},
		{"flags", "# E\n\nSigned in \U0001F1E9\U0001F1EA by the working group today.\n", "# E\n\nSigned in \U0001F1E9\U0001F1F0 by the working group today.\n",
			"\U0001F1E9\U0001F1EA", "\U0001F1E9\U0001F1F0"},
		{"keycap", "# E\n\nStep 1\ufe0f\u20e3 of the working group plan.\n", "# E\n\nStep 2\ufe0f\u20e3 of the working group plan.\n",
			"1\ufe0f\u20e3", "2\ufe0f\u20e3"},
		{"combining", "# E\n\nThe e\u0301cole rule of the working group.\n", "# E\n\nThe e\u0300cole rule of the working group.\n",
			"e\u0301cole", "e\u0300cole"},
	}
	for _, c := range cases {
		r := hostilePair(t, c.name, c.a, c.b, doc.Options{}, Options{})
		var dels, inss []string
		for _, s := range r.Sections {
			for _, b := range s.Blocks {
				for _, op := range b.Ops {
					switch op.Op {
					case redline.Delete:
						dels = append(dels, op.Text)
					case redline.Insert:
						inss = append(inss, op.Text)
					}
				}
			}
		}
		if strings.Join(dels, "|") != c.del || strings.Join(inss, "|") != c.ins {
			t.Errorf("%s: deleted %q inserted %q, want %q and %q", c.name, dels, inss, c.del, c.ins)
		}
	}
}

// TestOddDrafts: line ends, a BOM, empty and front-matter-only drafts, a
// heading inside front matter, and every kind of Markdown, edited.
func TestOddDrafts(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "kinds.md"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := string(data)
	for _, c := range []struct {
		name, a, b string
		changed    bool
	}{
		{"crlf", kinds, strings.ReplaceAll(kinds, "\n", "\r\n"), false},
		{"bom", kinds, "\ufeff" + kinds, false},
		{"empty", "", "", false},
		{"empty-front-matter", "", "---\ntitle: x\n---\n", false},
		{"front-matter-heading", "---\n# Not a heading\n---\n# A\n\nx\n", "---\n# Still not\n---\n# A\n\nx\n", false},
		{"empty-to-kinds", "", kinds, true},
		{"kinds-edited", kinds, editEveryKind(kinds), true},
	} {
		r := hostilePair(t, c.name, c.a, c.b, doc.Options{}, Options{})
		changed := false
		for i := range r.Sections {
			changed = changed || r.Sections[i].Changed()
		}
		if changed != c.changed {
			t.Errorf("%s: changed = %v, want %v: %+v", c.name, changed, c.changed, r.Stats)
		}
		if c.name == "front-matter-heading" || c.name == "empty-front-matter" {
			if !r.MetadataChanged {
				t.Errorf("%s: front matter change not reported", c.name)
			}
		}
		if c.name == "kinds-edited" {
			kindsChanged := map[string]bool{}
			for _, s := range r.Sections {
				for _, b := range s.Blocks {
					if b.Status != redline.Unchanged {
						kindsChanged[b.Kind] = true
					}
				}
			}
			for _, k := range []doc.Kind{doc.Paragraph, doc.ListItem, doc.TableRow, doc.Code, doc.Quote, doc.HTML, doc.ThematicBreak} {
				if !kindsChanged[string(k)] {
					t.Errorf("kinds-edited: no %s block changed", k)
				}
			}
		}
	}
}

// editEveryKind changes one word, or mark, in a block of each kind.
func editEveryKind(s string) string {
	for _, e := range [][2]string{
		{"Text under a setext heading", "Words under a setext heading"},
		{"- bullet two", "- bullet 2"},
		{"| a    | b      |", "| A    | b      |"},
		{"keeps  its  spaces", "keeps  her  spaces"},
		{"> with two lines", "> with 2 lines"},
		{"block HTML", "block markup"},
		{"***", "* * *"},
	} {
		s = strings.Replace(s, e[0], e[1], 1)
	}
	return s
}
