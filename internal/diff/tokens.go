package diff

import (
	"hash/fnv"
	"sort"
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
	toks := make([]string, 0, len(s)/4+1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case isWordRune(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if isJoiner(r2) && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
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
			// keep a grapheme's trailing joiners and variation selectors with it
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 == '\u200d' || unicode.Is(unicode.Mn, r2) || (r2 >= 0xFE00 && r2 <= 0xFE0F) || (r2 >= 0x1F3FB && r2 <= 0x1F3FF) {
					j += n2
					if r2 == '\u200d' && j < len(s) {
						_, n3 := utf8.DecodeRuneInString(s[j:])
						j += n3
					}
					continue
				}
				break
			}
		}
		toks = append(toks, s[i:j])
		i = j
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '.', ',', '_', '\u00ad':
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
	for _, t := range tokenize(s) {
		if isWord(t) {
			n++
		}
	}
	return n
}

// signature is a block's or section's words as sorted hashes, for
// similarity.
type signature []uint64

func signatureOf(texts ...string) signature {
	var sig signature
	h := fnv.New64a()
	for _, t := range texts {
		for _, tok := range tokenize(t) {
			if !isWord(tok) {
				continue
			}
			h.Reset()
			h.Write([]byte(strings.ToLower(tok)))
			sig = append(sig, h.Sum64())
		}
	}
	sort.Slice(sig, func(i, j int) bool { return sig[i] < sig[j] })
	return sig
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
