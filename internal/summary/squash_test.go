package summary

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// markupRe is the expression dropMarkup replaced: its reference.
var markupRe = regexp.MustCompile("[*_`~{}\\[\\]]")

// The fast text helpers must give what the plain library calls give.
func TestSquashAndMarkupMatchLibrary(t *testing.T) {
	inputs := []string{
		"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\nb\n", "\u00a0a\u00a0b",
		"a\u0085b", "a\u2003b c", "x\xffy  z", "\xff \xfe", "Satz **eins** _zwei_ [drei](x) `vier` ~{fünf}~",
		"über  die   Grenze\r\n hinaus", "\v\f a",
	}
	for _, s := range inputs {
		if got, want := squash(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("squash(%q) = %q, want %q", s, got, want)
		}
		if got, want := dropMarkup(s), markupRe.ReplaceAllString(s, ""); got != want {
			t.Errorf("dropMarkup(%q) = %q, want %q", s, got, want)
		}
		if got, want := wordCount(s, span{0, len(s)}), len(strings.Fields(s)); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
		if got, want := len(wordsIn(s, 0, len(s))), len(strings.Fields(s)); got != want {
			t.Errorf("wordsIn(%q) = %d words, want %d", s, got, want)
		}
		ws := rawWords(s, 0, len(s))
		fs := strings.Fields(s)
		if len(ws) != len(fs) {
			t.Errorf("rawWords(%q) = %d words, want %d", s, len(ws), len(fs))
			continue
		}
		for i, w := range ws {
			if s[w.a:w.b] != fs[i] {
				t.Errorf("rawWords(%q)[%d] = %q, want %q", s, i, s[w.a:w.b], fs[i])
			}
		}
	}
}

// definitionsTitle is the expression that definitionsTitleMatch stands
// for.
var definitionsTitle = regexp.MustCompile(`(?i)(?:\bdefinitions?\b|\bglossary\b|\bglossaire\b|\bterminology\b|\bbegriffsbestimmung(?:en)?\b|\bdefinitionen\b|\bdéfinitions\b|^(?:key |defined )?terms(?: used)?$)`)

func TestDefinitionsTitleMatchesExpression(t *testing.T) {
	titles := []string{
		"", "Definitions", "  Definition  ", "DEFINITIONS AND INTERPRETATION", "Glossary", "Glossaire",
		"Terminology", "Begriffsbestimmungen", "Definitionen", "Définitions", "Terms", "Key terms",
		"Defined Terms Used", "Terms of service", "Undefined", "Payment", "§ 1 Begriffsbestimmungen",
		"Redefinitions", "Conventions and Terminology",
		// word ends: letters outside ASCII end no word for the expression
		"Definitionsä", "äDefinition", "Definition_", "_Definition", "1Glossary", "Glossary2", "Glossar",
		"Begriffsbestimmungenx", "BegriffsbestimmungX", "Definitionenz", "DÉFINITIONS", "définitionsé",
		"Defined  Terms", "key terms used ", "Key\tTerms", "Terms used.", "§ 2 Terminology:", "(Glossary)",
		// letters that fold to ASCII ones: the long s, the Kelvin sign
		"Definitionſ", "Definitionſx", "Définitionſ", "Définitionſx", "Glossary\u212A", "Begriffsbeſtimmung", "Terminologie", "teRMs uſed",
		"\u212Aey terms", "Glo\u017Fsary", "Definition\u0130", "Def\u0131nition",
	}
	corpus := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(line, "#") {
				titles = append(titles, strings.TrimLeft(line, "# "))
			}
		}
	}
	for _, title := range titles {
		if got, want := definitionsTitleMatch(title), definitionsTitle.MatchString(strings.TrimSpace(title)); got != want {
			t.Errorf("definitionsTitleMatch(%q) = %v, want %v", title, got, want)
		}
	}
}

// excerptByFields is excerpt written with strings.Fields, the way it was
// first written: the faster one must give the same text.
func excerptByFields(text string, s span) string {
	a, b := wordStart(text, s.a), wordEnd(text, s.b)
	for i := 0; i < excerptContext; i++ {
		if na := prevWord(text, a); na < a {
			a = na
		}
		if nb := nextWord(text, b); nb > b {
			b = nb
		}
	}
	words := strings.Fields(text[a:b])
	if len(words) > excerptMax {
		words = append(append(words[:excerptMax/2:excerptMax/2], "…"), words[len(words)-excerptMax/2:]...)
	}
	out := strings.Join(words, " ")
	if strings.TrimSpace(text[:a]) != "" {
		out = "… " + out
	}
	if strings.TrimSpace(text[b:]) != "" {
		out += " …"
	}
	return out
}

func TestExcerptMatchesFields(t *testing.T) {
	long := strings.Repeat("eins zwei\tdrei  vier ", 20)
	texts := []string{"", "   ", "one", "a b c d e f g h i j", long, " lead " + long + " trail ", "x\u00a0y z\xff w"}
	for _, text := range texts {
		for a := 0; a <= len(text); a += 3 {
			for b := a; b <= len(text) && b < a+60; b += 7 {
				if got, want := excerpt(text, span{a, b}), excerptByFields(text, span{a, b}); got != want {
					t.Fatalf("excerpt(%q, %d, %d) = %q, want %q", text, a, b, got, want)
				}
			}
		}
	}
}

// address is the expression that isAddress stands for.
var address = regexp.MustCompile(`^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?$|^/\S*$`)

func TestIsAddressMatchesExpression(t *testing.T) {
	words := []string{"", "/", "//", "/x/y", "/x y", "/x\ty", "/x\u00a0y", "/\xff", "docs.example.com/site-policy",
		"example.com", "example.c", "example.COM", "example.co1", "a.b", "a.bc", "a..bc", ".bc", "a.bc.", "a.bc/",
		"a.bc/ x", "a.bc/\xff", "a_b-c.d-e.org", "a b.org", "a:b.org", "http://a.org", "https://a.org/p?q=1",
		"http:/a.org", "ftp://a.org", "HTTP://a.org", "https://", "https://.org", "a.org:80", "a.org:80/x",
		"http://http://a.org", "ä.org", "a.örg", "a.or\u212A", "1.2", "1.23", "v1.2.3", "e.g", "i.e.", "z.B.",
		"help.example.com/policy", "RFC7540.txt", "www.gesetze-im-internet.de", "-.io", "_.io", "a.b.c.d.efg/h/i",
	}
	words = appendCorpusWords(t, words, "[]()<>.,;")
	for _, w := range words {
		if got, want := isAddress(w), address.MatchString(w); got != want {
			t.Errorf("isAddress(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestBoundedExpressions checks that each expression run through its
// unbounded form finds what the bounded one finds, on every line and
// paragraph of the corpus and on terms about as long as the bounds.
func TestBoundedExpressions(t *testing.T) {
	var texts []string
	for _, n := range []int{58, 59, 60, 61, 62, 78, 79, 80, 81, 82, 98, 99, 100, 101, 102} {
		for _, fill := range []string{"x", "ä", "x y-"} {
			term := strings.Repeat(fill, n)[:n]
			if fill == "ä" {
				term = strings.Repeat(fill, n)
			}
			texts = append(texts, term+" : text", "  "+term+": what it is", "**"+term+"** text", "1. __"+term+"__",
				`"`+term+`" means a thing; “`+term+`” bezeichnet`, `„a“ and “`+term+`” and «b»`, term+" means x",
				`"a" and "`+term+`" and "b" and "`+term+`"`)
		}
	}
	crafted := len(texts)
	corpus := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*.md"))
	if testing.Short() {
		files = nil
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// blocks, as the rules read them
		texts = append(texts, strings.Split(string(src), "\n\n")...)
	}
	for name, b := range map[string]*boundRegexp{"dlItem": dlItem, "meansRe": meansRe, "quotedRe": quotedRe, "boldTermRe": boldTermRe, "colonTermRe": colonTermRe} {
		e := b.exact.get()
		for i, s := range texts {
			if got, want := b.FindStringSubmatchIndex(s), e.FindStringSubmatchIndex(s); !cmp.Equal(got, want) {
				t.Errorf("%s.FindStringSubmatchIndex(%q) = %v, want %v", name, s, got, want)
			}
			if name == "quotedRe" {
				if got, want := b.FindAllStringSubmatchIndex(s, -1), e.FindAllStringSubmatchIndex(s, -1); !cmp.Equal(got, want) {
					t.Errorf("%s.FindAllStringSubmatchIndex(%q) = %v, want %v", name, s, got, want)
				}
			}
			if i >= crafted {
				continue
			}
			if got, want := b.FindStringSubmatch(s), e.FindStringSubmatch(s); !cmp.Equal(got, want) {
				t.Errorf("%s.FindStringSubmatch(%q) = %q, want %q", name, s, got, want)
			}
			if got, want := b.FindStringIndex(s), e.FindStringIndex(s); !cmp.Equal(got, want) {
				t.Errorf("%s.FindStringIndex(%q) = %v, want %v", name, s, got, want)
			}
		}
	}
}
