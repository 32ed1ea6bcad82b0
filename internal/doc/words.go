package doc

import (
	"unicode"
	"unicode/utf8"
)

// The words of a text, as the redline counts and diffs them. A word is a
// run of letters, digits and marks, which may hold an apostrophe, hyphen,
// dot, comma, slash or underscore between two such runs ("don't",
// "risk-based", "1.2", "10,000"); white space runs and every other
// character (with the marks and joiners of its grapheme) are tokens of
// their own.

// ScanTokens calls fn with the bounds of each token of s, and whether it is a
// word, without allocating.
func ScanTokens(s string, fn func(i, j int, word bool)) {
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		n := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		j := i + n
		word := false
		switch {
		case IsWordRune(r):
			word = true
			for j < len(s) {
				r2, n2 := decode(s, j)
				if IsWordRune(r2) || ExtendsGrapheme(r2) {
					j += n2
					continue
				}
				if IsJoiner(r2) && j+n2 < len(s) {
					r3, _ := decode(s, j+n2)
					if IsWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
		case r == ' ' || r == '\t' || r == '\n':
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
				j++
			}
		default:
			// keep a grapheme's trailing joiners, marks, variation
			// selectors, skin tones and tags with it, a flag's two
			// regional indicators together, and the symbols an emoji
			// sequence joins with zero-width joiners. A control character
			// or white space takes nothing with it (Unicode breaks a
			// grapheme after a control): a mark after it stands with what
			// follows.
			if unicode.IsSpace(r) || unicode.IsControl(r) {
				break
			}
			if isRegionalIndicator(r) && j < len(s) {
				if r2, n2 := decode(s, j); isRegionalIndicator(r2) {
					j += n2
				}
			}
			for last := r; j < len(s); {
				r2, n2 := decode(s, j)
				if !ExtendsGrapheme(r2) && !(last == '\u200d' && JoinsAfterZWJ(r2)) {
					break
				}
				j += n2
				last = r2
				// a flag joined after a joiner keeps its pair
				if isRegionalIndicator(r2) && j < len(s) {
					if r3, n3 := decode(s, j); isRegionalIndicator(r3) {
						j += n3
						last = r3
					}
				}
			}
		}
		fn(i, j, word)
		i = j
	}
}

// JoinsAfterZWJ reports whether r, after a zero-width joiner, belongs to
// the joiner's sequence: a symbol does (an emoji sequence); a letter starts a
// word of its own, and white space and controls stand alone.
func JoinsAfterZWJ(r rune) bool {
	return !IsWordRune(r) && !unicode.IsSpace(r) && !unicode.IsControl(r)
}

// ExtendsGrapheme reports whether r belongs to the character before it
// (Unicode's grapheme classes Extend, ZWJ and SpacingMark, as far as draft
// text needs): a mark, a zero-width joiner or non-joiner (inside Persian
// and Indic words), a variation selector, a skin tone, or a tag character
// of a subdivision flag.
func ExtendsGrapheme(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r == '\u200c' || r == '\u200d':
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF, r >= 0xE0020 && r <= 0xE007F:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

// isRegionalIndicator reports whether r is half of a flag.
func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// IsWordRune reports whether r is a letter, digit or mark: what words are
// made of.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// IsJoiner reports whether r joins two runs of word characters into one
// word when it stands between them.
func IsJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '.', ',', '_', '/', '\u00ad':
		return true
	}
	return false
}

// CountWords counts the words in s, as ScanTokens finds them.
func CountWords(s string) int {
	n := 0
	ScanTokens(s, func(_, _ int, word bool) {
		if word {
			n++
		}
	})
	return n
}
