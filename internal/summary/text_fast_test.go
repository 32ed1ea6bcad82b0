package summary

import (
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
