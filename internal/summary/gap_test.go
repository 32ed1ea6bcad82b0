package summary

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
)

// gapPhrases are the phrases with a gap, each read by hand; the test fails
// when a phrase with a gap is not.
func gapPhrases(t *testing.T) []*phrase {
	loadModals()
	var out []*phrase
	add := func(ps []phrase) {
		for i := range ps {
			if ps[i].gapMax > 0 {
				if ps[i].gap == nil {
					t.Fatalf("the phrase %s has a gap but no gapForm", ps[i].re.expr)
				}
				out = append(out, &ps[i])
			}
		}
	}
	for _, ps := range starterLists {
		add(ps)
	}
	add(infixed)
	if len(out) != 6 {
		t.Fatalf("%d phrases with a gap, want 6", len(out))
	}
	return out
}

// byExpression is the match of p at a as its expression finds it, the
// expression's gap unbounded and measured after the match.
func byExpression(p *phrase, text string, a int) (int, bool) {
	in := text[a:]
	if p.stopFree {
		if k := strings.IndexAny(in, ".,;:!?"); k >= 0 {
			in = in[:k]
		}
	}
	ix := p.re.FindStringSubmatchIndex(in)
	if ix == nil || utf8.RuneCountInString(in[ix[2]:ix[3]]) > p.gapMax {
		return 0, false
	}
	return a + ix[1], true
}

// sameGapMatch reports whether p matches at a by hand as by its expression,
// through phrase.match and through the gapForm alone on all the text
// after a (not cut at the next stop).
func sameGapMatch(t *testing.T, p *phrase, text string, a int) bool {
	t.Helper()
	we, wok := byExpression(p, text, a)
	ge, gok := p.match(text, a)
	if we != ge || wok != gok {
		t.Errorf("%s at %d of %q: by hand (%d, %v), by the expression (%d, %v)",
			p.re.expr, a, text[a:min(len(text), a+160)], ge, gok, we, wok)
		return false
	}
	whole := *p
	whole.stopFree = false
	we, wok = byExpression(&whole, text, a)
	ge, gok = p.gap.match(text[a:], p.gapMax)
	if gok {
		ge += a
	}
	if we != ge || wok != gok {
		t.Errorf("%s at %d of %q, not cut at a stop: by hand (%d, %v), by the expression (%d, %v)",
			p.re.expr, a, text[a:min(len(text), a+160)], ge, gok, we, wok)
		return false
	}
	return true
}

// TestGapFormsCases checks the hand-read phrases with a gap against their
// expressions on cases at the edges of what the expressions match.
func TestGapFormsCases(t *testing.T) {
	long := strings.Repeat("wort ", 19) // 95 runes of gap
	cases := []string{
		"hat die Meldung zu erstatten",
		"Hat die Meldung zu erstatten",
		"HAT DIE MELDUNG ZU ERSTATTEN",
		"hat die Meldung zu erstatten und",
		"hat die Meldung zu erstattenden Betrag",
		"hat die Meldung zu erstattenä",
		"hat die Meldung zu erstatten_",
		"hat die Meldung zu erstatten9",
		"hat die Meldung zu en",
		"hat die Meldung zu ben",
		"hat die Meldung zu  \t\nerstatten",
		"hat die Meldung zu\u00a0erstatten",
		"hat die Meldung zu\vabgeben",
		"hat die Meldung zu 1en",
		"hat die Meldung zuerstatten",
		"hat die Meldung, zu erstatten",
		"hat die Meldung. Zu erstatten",
		"hat die Meldung zu erstattenen",
		"hat die Meldung zu erstattENen",
		"hat_die Meldung zu erstatten",
		"hatte die Meldung zu erstatten",
		"hatüdie Meldung zu erstatten",
		"hat ſo zu ſehen",
		"hat es zu\u0345en",
		"hat es zu\u0345\u0345en",
		"hat die xzu erstatten",
		"hat die äzu erstatten",
		"hat die _zu erstatten",
		"hat zu erstatten",
		"hat  zu erstatten",
		"hat\xffzu erstatten",
		"hat \xffzu erstatten",
		"hat die Meldung zu erst\xffatten",
		"hat " + long + "zu erstatten",
		"hat " + strings.Repeat("wort ", 15) + "zu erstatten",
		"hat " + strings.Repeat("x", 79) + " zu erstatten",
		"hat " + strings.Repeat("x", 78) + " zu erstatten",
		"hat " + strings.Repeat("ü", 79) + " zu erstatten",
		"haben die Meldungen unverzüglich abzugeben",
		"haben die Meldungen unverzüglich Abzugeben",
		"haben die Meldungen unverzüglich ABZUGEBEN",
		"haben die Meldungen unverzüglich zuzugeben",
		"haben die Meldungen unverzüglich zugeben",
		"haben die Meldungen unverzüglich azuen",
		"haben die Meldungen unverzüglich azuxen",
		"haben die Meldungen unverzüglich azuxenä",
		"haben die Meldungen unverzüglich azuxen_",
		"haben die Meldungen unverzüglich üzuxen",
		"haben die Meldungen unverzüglich xüzuxen",
		"haben die Meldungen unverzüglich abzugebenden Teil",
		"haben die Meldungen unverzüglich abzugebende",
		"haben die Meldungen abzugebenzuen",
		"haben die Meldungen abzu abzugeben",
		"hat einzuholen zu erteilen",
		"hat mitzuteilen, zu erteilen",
		"darf nicht",
		"darf es nicht",
		"darf es nichts",
		"darf es nichtä",
		"darf es Nicht",
		"darf es nicht_",
		"darf esnicht",
		"darf es änicht",
		"darf es; nicht",
		"darf es: nicht",
		"hat es: zu erstatten",
		"dürfen sie nicht",
		"Dürfen sie nicht",
		"DÜRFEN sie NICHT",
		"dürfen sie nicht.",
		"darf " + strings.Repeat("a", 98) + " nicht",
		"darf " + strings.Repeat("a", 99) + " nicht",
		"darf " + strings.Repeat("a", 100) + " nicht",
		"darf nicht nicht",
		"darfnicht",
		"darf",
		"hat",
		"",
	}
	ps := gapPhrases(t)
	for _, c := range cases {
		for _, p := range ps {
			for a := 0; a <= len(c); a++ {
				sameGapMatch(t, p, c, a)
			}
		}
	}
	// a case that must match, so the comparisons above are not all misses
	hit := 0
	for _, p := range ps {
		if _, ok := p.match("hat die Meldung zu erstatten", 0); ok {
			hit++
		}
	}
	if hit != 1 {
		t.Errorf("%d phrases with a gap match \"hat die Meldung zu erstatten\", want 1", hit)
	}
}

// TestGapFormsRandom checks the hand-read phrases with a gap against their
// expressions on texts made of the pieces the phrases are made of.
func TestGapFormsRandom(t *testing.T) {
	pieces := []string{"hat", "haben", "darf", "dürfen", "Hat", "HABEN", "DÜRFEN", "zu", "ZU", "Zu",
		"nicht", "NICHT", "en", "EN", "ab", "ü", "Ü", "x", "_", "1", " ", " ", " ", "\t", "\n", "\v",
		".", ",", ":", ";", "!", "?", "ſ", "K", "\u0345", "\xff", "é", "gegeben", "\u00a0"}
	ps := gapPhrases(t)
	r := rand.New(rand.NewSource(14))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	failed := 0
	for i := 0; i < n && failed < 10; i++ {
		var b strings.Builder
		for k := r.Intn(24); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		text := b.String()
		for _, p := range ps {
			for a := 0; a < len(text); a++ {
				if !sameGapMatch(t, p, text, a) {
					failed++
				}
			}
		}
	}
}

// TestGapFormsCorpus checks the hand-read phrases with a gap against their
// expressions at every word start of the shared corpus where one of them
// may start.
func TestGapFormsCorpus(t *testing.T) {
	corpus := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*.md"))
	if len(files) == 0 {
		t.Skipf("skipped: no corpus at %s", corpus)
	}
	ps := gapPhrases(t)
	failed, matched := 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		for a := 0; a < len(text) && failed < 10; a++ {
			if c := text[a] | 0x20; c != 'h' && c != 'd' || a > 0 && isASCIIWord(text[a-1]) {
				continue
			}
			for _, p := range ps {
				if !sameGapMatch(t, p, text, a) {
					failed++
				}
				if _, ok := p.match(text, a); ok {
					matched++
				}
			}
		}
	}
	if matched == 0 {
		t.Error("no phrase with a gap matched anywhere in the corpus")
	}
}

// TestMayDefine checks that mayDefine never rules out a block that
// definitionBlock reads as a definition: every paragraph of the corpus, and
// cases split into ops at every byte.
func TestMayDefine(t *testing.T) {
	cases := []string{
		`"Kunde" bezeichnet jede Person, die hier kauft.`,
		`„Kunde“ bedeutet jede Person.`,
		`«Kunde» means any person.`,
		`“Customer” means any person who buys here.`,
		"Kunde : eine Person, die kauft",
		"Customer\t: a person who buys",
		"Nothing to see here",
	}
	for _, c := range cases {
		want := definitionBlock(c, false) || definitionBlock(c, true)
		for cut := 0; cut <= len(c); cut++ {
			ops := []redline.Op{{Op: redline.Equal, Text: c[:cut]}, {Op: redline.Insert, Text: c[cut:]}}
			if want && !mayDefine(ops) {
				t.Errorf("mayDefine rules out %q cut at %d, a definition block", c, cut)
			}
		}
		if !want && c != "Nothing to see here" {
			t.Errorf("%q is no definition block: the case tests nothing", c)
		}
	}
	if mayDefine([]redline.Op{{Op: redline.Equal, Text: "Nothing to see here"}}) {
		t.Error("mayDefine keeps a block with neither a colon nor a quotation mark")
	}
	if mayDefine([]redline.Op{{Op: redline.Delete, Text: `"A" means B`}, {Op: redline.Equal, Text: "no"}}) {
		t.Error("mayDefine reads the deleted side")
	}
	corpus := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*.md"))
	if len(files) == 0 {
		t.Skipf("skipped: no corpus at %s", corpus)
	}
	seen := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Split(string(src), "\n\n") {
			if definitionBlock(p, false) || definitionBlock(p, true) {
				seen++
				if !mayDefine([]redline.Op{{Op: redline.Equal, Text: p}}) {
					t.Errorf("mayDefine rules out the definition block %q", p)
				}
			}
		}
	}
	if seen == 0 {
		t.Error("no definition block in the corpus")
	}
}
