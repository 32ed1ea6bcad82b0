package summary

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// scanModals is the plain way to find obligation words: each class's
// expression run over the whole text, its matches kept by the same tests.
// findModals must find the same words while trying phrases only where a
// first word of theirs stands.
func scanModals(text string) []modal {
	var all []modal
	for i := range modalClasses {
		c := &modalClasses[i]
		for _, ix := range scanners[i].FindAllStringIndex(text, -1) {
			m := modal{span: span{ix[0], ix[1]}, text: text[ix[0]:ix[1]], force: c.force, loose: c.loose}
			if keep(text, m) {
				all = append(all, reading(text, m))
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].a != all[j].a {
			return all[i].a < all[j].a
		}
		return all[i].b > all[j].b
	})
	var out []modal
	end := -1
	for _, m := range all {
		if m.a >= end {
			out = append(out, m)
			end = m.b
		}
	}
	return out
}

// scanners are the classes' expressions, unanchored.
var scanners = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(modalClasses))
	for i := range modalClasses {
		out[i] = regexp.MustCompile(modalClasses[i].pattern(false))
	}
	return out
}()

func modalList(ms []modal) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.text)
	}
	return out
}

func sameModals(t *testing.T, text string) bool {
	t.Helper()
	got, want := findModals(text), scanModals(text)
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(modal{}, span{}, force{})); diff != "" {
		t.Errorf("findModals(%q) differs from the plain scan (-scan +findModals):\n%s", text, diff)
		return false
	}
	return true
}

// TestFindModalsCases checks the one-pass finder against the plain scan on
// phrases of every class, in both cases, beside other words and marks.
func TestFindModalsCases(t *testing.T) {
	cases := []string{
		"The client MUST NOT send it; a server SHOULD NOT retry, and MAY close.",
		"It is REQUIRED that peers reply. NOT RECOMMENDED for most uses; OPTIONAL otherwise.",
		"Parties must, shall, should, may, might, can, could act; they can't, cannot or can not stop.",
		"A vendor mustn't and shan't lie, shouldn't hide, ought not to wait, ought to answer.",
		"The operator is required to file, is obliged to pay, are obligated to report, has to sign, have to wait.",
		"Members are encouraged to vote. It is recommended and is permitted to. Are not permitted to. Is prohibited from.",
		"Der Betreiber muss melden, die Behörde müssen prüfen, er musste zahlen.",
		"Das Institut ist unverzüglich verpflichtet, und sie sind dazu verpflichtet.",
		"Der Antrag hat die Angaben zu enthalten. Die Bank hat dies unverzüglich anzuzeigen.",
		"was er einzureichen hat, was sie einzureichen haben, die zu prüfen hat.",
		"Er darf nicht, sie dürfen nicht, er darf keine Kredite, sie dürfen keinerlei.",
		"Er darf diese Geschäfte nicht betreiben; sie dürfen es ohne Erlaubnis nicht.",
		"Er soll, sie sollen, er sollte, sie sollten; soll nicht, sollten nicht.",
		"Er kann, sie können, er darf, sie dürfen; kann nicht, können nicht.",
		"Das Gebäude soll errichtet werden soll. Wie es werden soll.",
		"on May 25, 2018 and 3 May; May the client retry? You may.",
		"Terms shall mean the rules; shall refer to; must include; shall apply.",
		"Where required to maintain access, as required by law; required fields are required.",
		"recommended and optional values; Required is not REQUIRED.",
		"émust not, mustä, ämust, müssenx, Xmuss, _may, 3may, may_be, may2",
		"DARF NICHT, Dürfen Nicht, MUSS, SOLL, KANN, Müssen, SHALL NOT, Must  Not",
		"must\nnot and may\tnot and darf\n\nnicht",
		"Der Betreiber hat, sofern es nötig ist, dies der Behörde unverzüglich und vollständig schriftlich mitzuteilen.",
		"hat nichts zu sagen; darf es nichts oder nicht; ist es nicht verpflichtete Stelle",
		"",
		"may",
		"über zu überweisen hat; Änderungen zu übermitteln haben",
		"Er muſs zahlen, \u212Aann warten, MUSS NICHT, darf ja wohl nicht; Er darf, nicht",
	}
	// gaps of every length about the most a gap may span, in letters of
	// one and of two bytes
	for _, n := range []int{78, 79, 80, 81, 98, 99, 100, 101} {
		for _, fill := range []string{"x", "ä"} {
			gap := " " + strings.Repeat(fill, n-2) + " "
			cases = append(cases, "Er darf"+gap+"nicht; er hat"+gap+"zu zahlen; sie haben"+gap+"einzureichen.",
				"Sie DÜRFEN"+gap+"NICHT und"+gap+"nicht.")
		}
	}
	for _, c := range cases {
		sameModals(t, c)
	}
	if got := modalList(findModals(cases[0])); len(got) != 3 {
		t.Errorf("findModals(%q) = %v, want three obligation words", cases[0], got)
	}
}

// TestFindModalsCorpus checks the one-pass finder against the plain scan on
// every paragraph of the shared corpus.
func TestFindModalsCorpus(t *testing.T) {
	corpus := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*.md"))
	if len(files) == 0 {
		t.Skipf("skipped: no corpus at %s", corpus)
	}
	if testing.Short() {
		files = files[:1]
	}
	failed := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Split(string(src), "\n\n") {
			if !sameModals(t, p) {
				failed++
			}
			if failed > 5 {
				t.Fatal("too many differences")
			}
		}
	}
}

func TestDropThousands(t *testing.T) {
	for in, want := range map[string]string{
		"131,182": "131182", "131.182": "131182", "131 182": "131182", "1’500’000": "1500000",
		"1,5": "1,5", "1.5000": "1.5000", "1,234.5": "1234.5", "12,34a": "12,34a", "": "",
	} {
		if got := dropThousands(in); got != want {
			t.Errorf("dropThousands(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMayNotReading checks that a "may not" stating a possibility is no
// prohibition, while one forbidding an act is.
func TestMayNotReading(t *testing.T) {
	for text, want := range map[string]force{
		"Previews may not be supported and may be changed at any time.": {1, true},
		"Previews may not be supported or may change at any time.":      {1, true},
		"The figures may or may not be final.":                          {1, true},
		"The pages may not be appropriate for heavy uses.":              {1, true},
		"Results may not be available in every region.":                 {1, true},
		// near misses: an act forbidden stays a prohibition
		"A login may not be shared by several people.":                {3, true},
		"You may not have more than one free account.":                {3, true},
		"You may not copy the data and may not sell it.":              {3, true},
		"Funds may not be sent abroad.":                               {3, true},
		"Previews MAY NOT be supported and MAY be changed.":           {3, true},
		"You may not resell it. Sellers may be audited and may fail.": {3, true},
	} {
		ms := findModals(text)
		if len(ms) == 0 {
			t.Errorf("findModals(%q) found nothing", text)
			continue
		}
		m := ms[0]
		for _, x := range ms {
			if strings.Contains(strings.ToLower(x.text), "not") {
				m = x
				break
			}
		}
		if m.force != want {
			t.Errorf("findModals(%q): %q of force %v, want %v", text, m.text, m.force, want)
		}
		sameModals(t, text)
	}
}

// TestModalsInStretches checks that reading a stretch of a text through the
// text's index finds what findModals finds in the stretch alone: for every
// sentence of every paragraph of the shared corpus, the words around each
// word (as modalsNear reads them), and stretches cut inside words.
func TestModalsInStretches(t *testing.T) {
	corpus := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*.md"))
	if len(files) == 0 {
		t.Skipf("skipped: no corpus at %s", corpus)
	}
	if testing.Short() {
		files = files[:1]
	}
	failed := 0
	check := func(p *prose, s span) {
		t.Helper()
		got, want := p.modalsIn(s), findModals(p.text[s.a:s.b])
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(modal{}, span{}, force{})); diff != "" {
			t.Errorf("modalsIn(%q, %v) differs from findModals(%q) (-findModals +modalsIn):\n%s", p.text, s, p.text[s.a:s.b], diff)
			failed++
		}
		if failed > 5 {
			t.Fatal("too many differences")
		}
	}
	cases := []string{
		"Er darf_diese Geschäfte nicht betreiben. _hat er das zu prüfen? Ümust not do it, xmay.",
		"Sie hat\u212Aeine zu zahlen, Die Bank HAT dies unverzüglich ZU melden.",
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, strings.Split(string(src), "\n\n")...)
	}
	for _, text := range cases {
		p := newProse(text)
		for _, s := range p.sentences() {
			check(p, s)
		}
		for i, w := range rawWords(text, 0, len(text)) {
			if i%3 == 0 {
				a, b := w.a, w.b
				for k := 0; k < 12; k++ {
					a, b = prevWord(text, a), nextWord(text, b)
				}
				check(p, span{a, b})
			}
			if i%7 == 1 {
				// from inside the word to inside a word further on
				a := w.a + 1
				for a < len(text) && !utf8.RuneStart(text[a]) {
					a++
				}
				b := min(len(text), a+40)
				for b < len(text) && !utf8.RuneStart(text[b]) {
					b++
				}
				check(p, span{a, b})
			}
		}
	}
}
