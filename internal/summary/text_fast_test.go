package summary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestIsSpaceIsUnicodes checks isSpace against unicode.IsSpace on every
// rune, and runeAt and lastRune against the utf8 decoders at every byte of
// text holding ASCII, other runes and invalid bytes.
func TestIsSpaceIsUnicodes(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
	text := "a b\tc\u00a0d\u0085e\u2003f\xffg\xe2\x80h ü\v\r\n\f€"
	for i := 0; i < len(text); i++ {
		r, n := runeAt(text, i)
		wr, wn := utf8.DecodeRuneInString(text[i:])
		if r != wr || n != wn {
			t.Errorf("runeAt(%q, %d) = %U, %d; want %U, %d", text, i, r, n, wr, wn)
		}
		r, n = lastRune(text, i+1)
		wr, wn = utf8.DecodeLastRuneInString(text[:i+1])
		if r != wr || n != wn {
			t.Errorf("lastRune(%q, %d) = %U, %d; want %U, %d", text, i+1, r, n, wr, wn)
		}
	}
}

// indexFoldByRunes is indexFold as it read every rune beyond ASCII: the
// reference for its shortcut.
func indexFoldByRunes(text string, from int, w string) int {
	first := w[0]
	for i := from; i < len(text); i++ {
		if c := text[i]; c != first && c != first+('a'-'A') && c < utf8.RuneSelf {
			continue
		}
		if _, ok := prefix(text[i:], w, true); ok {
			return i
		}
	}
	return -1
}

// TestIndexFold checks indexFold against indexFoldByRunes for every word
// the expressions need and for words starting with K and S, from every
// place of text holding the letters that fold to ASCII ones.
func TestIndexFold(t *testing.T) {
	loadModals()
	words := append([]string{"KEIN", "SIND", "SO", "ZU"}, needs...)
	texts := []string{
		"er ſind es \u212aein Wort, Kein und kein, sInD ſo zu Zu",
		"Übergänge müssen änderbar sein; \u212a \u017f ſ K S zü zu",
		"\xe2\x84 \xc5 \xe2\u212a \xc5\u017f",
	}
	for _, text := range texts {
		for _, w := range words {
			for from := 0; from <= len(text); from++ {
				if got, want := indexFold(text, from, w), indexFoldByRunes(text, from, w); got != want {
					t.Errorf("indexFold(%q, %d, %q) = %d, want %d", text, from, w, got, want)
				}
			}
		}
	}
}

// numberWordLowered is numberWord as it lowered every word: the reference
// for its shortcuts.
func numberWordLowered(w string) (int, bool) {
	if v, ok := lex().germanNumbers[w]; ok {
		return v, true
	}
	l := strings.ToLower(w)
	if v, ok := lex().englishNumbers[l]; ok {
		return v, true
	}
	if t, u, ok := strings.Cut(l, "-"); ok {
		tv, tok := lex().englishNumbers[t]
		uv, uok := lex().englishNumbers[u]
		if tok && uok && tv >= 20 && tv%10 == 0 && tv < 100 && uv > 0 && uv < 10 {
			return tv + uv, true
		}
	}
	return 0, false
}

// TestNumberWord checks numberWord against numberWordLowered on edge cases
// and on every word of the corpus, and that the Kelvin sign and İ are the
// only runes beyond ASCII whose lower case is ASCII.
func TestNumberWord(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if unicode.ToLower(r) < utf8.RuneSelf && r != '\u212a' && r != '\u0130' {
			t.Errorf("%U lowers to ASCII", r)
		}
	}
	words := []string{"Twenty-One", "TWENTY-one", "twenty-", "-one", "ninety-nine-nine", "FİVE", "fİve",
		"\u212aeins", "si\u212a", "ſix", "Seventeen", "seventeen-seventeen", "seventy-seven", "zwölf", "Zwölf",
		"Hundred", "thousand\xff", "one-hundred", "fünf", "eins", "", "-", "a-b-c", strings.Repeat("x", 30)}
	words = appendCorpusWords(t, words, ".,;:()[]\"'")
	hits := 0
	for _, w := range words {
		v, ok := numberWord(w)
		wv, wok := numberWordLowered(w)
		if v != wv || ok != wok {
			t.Errorf("numberWord(%q) = %d, %v; want %d, %v", w, v, ok, wv, wok)
		}
		if ok {
			hits++
		}
	}
	if hits == 0 {
		t.Error("no number word among the words")
	}
}

// appendCorpusWords appends every word of the shared corpus (when it is
// there), each as written and with the characters of trim cut from its
// ends.
func appendCorpusWords(t *testing.T, words []string, trim string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(moduleRoot(t), "..", "shared", "corpus", "*", "*.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.Fields(string(src)) {
			words = append(words, w, strings.Trim(w, trim))
		}
	}
	return words
}
