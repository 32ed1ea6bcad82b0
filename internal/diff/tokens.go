package diff

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenize splits text into words, runs of white space, and single other
// characters. A word is a run of letters, digits and marks, which may hold
// an apostrophe, hyphen, dot, comma or underscore between two such runs
// ("don't", "risk-based", "1.2", "10,000"), so a diff never marks part of a
// word.
func tokenize(s string) []string {
	toks := make([]string, 0, len(s)/3+1)
	scan(s, func(i, j int, _ bool) { toks = append(toks, s[i:j]) })
	return toks
}

// scan calls fn with the bounds of each token of s, and whether it is a
// word, without allocating.
func scan(s string, fn func(i, j int, word bool)) {
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
		case isWordRune(r):
			word = true
			for j < len(s) {
				r2, n2 := decode(s, j)
				if isWordRune(r2) || extendsGrapheme(r2) {
					j += n2
					continue
				}
				if isJoiner(r2) && j+n2 < len(s) {
					r3, _ := decode(s, j+n2)
					if isWordRune(r3) {
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
				if !extendsGrapheme(r2) && !(last == '\u200d' && joinsAfterZWJ(r2)) {
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

// joinsAfterZWJ reports whether r, after a zero-width joiner, belongs to
// the joiner's sequence: a symbol does (an emoji sequence); a letter starts a
// word of its own, and white space and controls stand alone.
func joinsAfterZWJ(r rune) bool {
	return !isWordRune(r) && !unicode.IsSpace(r) && !unicode.IsControl(r)
}

// extendsGrapheme reports whether r belongs to the character before it
// (Unicode's grapheme classes Extend, ZWJ and SpacingMark, as far as draft
// text needs): a mark, a zero-width joiner or non-joiner (inside Persian
// and Indic words), a variation selector, a skin tone, or a tag character
// of a subdivision flag.
func extendsGrapheme(r rune) bool {
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

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// decodeAt is decode, or 0 and 0 at the end of s.
func decodeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	return decode(s, i)
}

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '.', ',', '_', '/', '\u00ad':
		return true
	}
	return false
}

// isWord reports whether a token counts as a word.
func isWord(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return isWordRune(r)
}

// countWords counts the words in s, as tokenize splits them.
func countWords(s string) int {
	n := 0
	scan(s, func(_, _ int, word bool) {
		if word {
			n++
		}
	})
	return n
}

// signature is a block's or section's words as sorted hashes, for
// similarity.
type signature []uint64

func signatureOf(texts ...string) signature {
	sig := signature{}
	for _, t := range texts {
		scan(t, func(i, j int, word bool) {
			if word {
				sig = append(sig, hashFold(t[i:j]))
			}
		})
	}
	slices.Sort(sig)
	return sig
}

// hashFold is the FNV-1a hash of a word folded to lower case.
func hashFold(w string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			for _, b := range []byte(strings.ToLower(w[i:])) {
				h ^= uint64(b)
				h *= prime
			}
			return h
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= prime
	}
	return h
}

// dice is the Dice coefficient of two word multisets: 1 for the same words,
// 0 for none in common.
func dice(a, b signature) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}
