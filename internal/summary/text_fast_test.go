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
