package summary

import (
	"strings"
	"testing"
)

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

func TestDefinitionsTitleMatchesExpression(t *testing.T) {
	titles := []string{
		"", "Definitions", "  Definition  ", "DEFINITIONS AND INTERPRETATION", "Glossary", "Glossaire",
		"Terminology", "Begriffsbestimmungen", "Definitionen", "Définitions", "Terms", "Key terms",
		"Defined Terms Used", "Terms of service", "Undefined", "Payment", "§ 1 Begriffsbestimmungen",
		"Redefinitions", "Conventions and Terminology",
	}
	for _, title := range titles {
		if got, want := definitionsTitleMatch(title), definitionsTitle.MatchString(strings.TrimSpace(title)); got != want {
			t.Errorf("definitionsTitleMatch(%q) = %v, want %v", title, got, want)
		}
	}
}
