package doc

import (
	"math/bits"
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
		j, word := NextToken(s, i)
		fn(i, j, word)
		i = j
	}
}

// NextToken returns where the token of s that starts at i ends, and
// whether it is a word; i must be less than len(s).
func NextToken(s string, i int) (int, bool) {
	c := s[i]
	if c < utf8.RuneSelf {
		switch cl := byteClass[c]; {
		case cl&classWord != 0:
			return wordEnd(s, i+1), true
		case cl&classSpace != 0:
			j := i + 1
			for j < len(s) && byteClass[s[j]]&classSpace != 0 {
				j++
			}
			return j, false
		case cl&classBreak != 0:
			// white space or a control stands alone
			return i + 1, false
		}
		return otherEnd(s, i+1, rune(c)), false
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case IsWordRune(r):
		return wordEnd(s, i+n), true
	case unicode.IsSpace(r) || unicode.IsControl(r):
		// keep nothing with it: Unicode breaks a grapheme after a
		// control, so a mark after it stands with what follows
		return i + n, false
	}
	j := i + n
	if isRegionalIndicator(r) && j < len(s) {
		if r2, n2 := decode(s, j); isRegionalIndicator(r2) {
			j += n2
		}
	}
	return otherEnd(s, j, r), false
}

// wordEnd returns where the word whose characters run up to j ends: it
// takes word characters and the marks of their graphemes, and a joiner
// between two word characters.
func wordEnd(s string, j int) int {
	for j < len(s) {
		// the ASCII letters and digits of the word, eight bytes at a
		// time, then a byte each
		j = asciiWordEnd(s, j)
		for j < len(s) && byteClass[s[j]]&classWord != 0 {
			j++
		}
		if j == len(s) {
			return j
		}
		if c := s[j]; c < utf8.RuneSelf {
			if byteClass[c]&classJoiner != 0 && j+1 < len(s) {
				if r3, _ := decode(s, j+1); IsWordRune(r3) {
					j++
					continue
				}
			}
			return j
		}
		r2, n2 := utf8.DecodeRuneInString(s[j:])
		if IsWordRune(r2) || ExtendsGrapheme(r2) {
			j += n2
			continue
		}
		if IsJoiner(r2) && j+n2 < len(s) {
			if r3, _ := decode(s, j+n2); IsWordRune(r3) {
				j += n2
				continue
			}
		}
		return j
	}
	return j
}

// Bytes repeated in the eight bytes of a uint64, for asciiWordEnd.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// asciiWordEnd returns where the run of ASCII letters and digits from j
// ends, or a point before that end less than eight bytes from the end of
// s. It reads eight bytes at a time: in each, it sets the high bit of the
// bytes that are letters or digits (x7 holds them below 0x80, so no sum
// carries into the next byte) and finds the first that is not one.
func asciiWordEnd(s string, j int) int {
	for ; j+8 <= len(s); j += 8 {
		x := uint64(s[j]) | uint64(s[j+1])<<8 | uint64(s[j+2])<<16 | uint64(s[j+3])<<24 |
			uint64(s[j+4])<<32 | uint64(s[j+5])<<40 | uint64(s[j+6])<<48 | uint64(s[j+7])<<56
		x7 := x &^ highs
		// at least '0' and not above '9'
		digit := (x7 + ones*(0x80-'0')) &^ (x7 + ones*(0x7f-'9'))
		// lower-cased, at least 'a' and not above 'z'
		l := x7 | ones*0x20
		letter := (l + ones*(0x80-'a')) &^ (l + ones*(0x7f-'z'))
		other := ^(digit | letter) | x
		if other &= highs; other != 0 {
			return j + bits.TrailingZeros64(other)/8
		}
	}
	return j
}

// otherEnd returns where the token of a character that is neither a word
// character, white space nor a control ends, when its grapheme's text runs
// up to j and last is its last character: it keeps the grapheme's trailing
// joiners, marks, variation selectors, skin tones and tags, a flag's two
// regional indicators together, and the symbols an emoji sequence joins
// with zero-width joiners.
func otherEnd(s string, j int, last rune) int {
	for j < len(s) {
		if s[j] < utf8.RuneSelf {
			// no ASCII character extends a grapheme or joins after a
			// joiner but a symbol, which JoinsAfterZWJ tells
			if last != '\u200d' || !JoinsAfterZWJ(rune(s[j])) {
				return j
			}
		}
		r2, n2 := decode(s, j)
		if !ExtendsGrapheme(r2) && !(last == '\u200d' && JoinsAfterZWJ(r2)) {
			return j
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
	return j
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
	if uint32(r) < uint32(len(runeClass)) {
		return runeClass[r]&classWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// The classes of the characters up to U+00FF, for the scan: a byte of
// text below 0x80 is its character, and the Latin-1 letters of European
// drafts are looked up after decoding.
const (
	classWord   = 1 << iota // a letter or digit (IsWordRune)
	classSpace              // a space, tab or line end: runs of them are one token
	classBreak              // other white space or a control: a token of its own
	classJoiner             // IsJoiner
)

// byteClass is runeClass for the bytes of UTF-8 text: a byte from 0x80
// on is part of a character that must be decoded, and has no class.
var byteClass = func() (t [256]uint8) {
	copy(t[:utf8.RuneSelf], runeClass[:utf8.RuneSelf])
	return t
}()

var runeClass = func() (t [256]uint8) {
	for r := rune(0); r < rune(len(t)); r++ {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'):
			t[r] = classWord
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)):
			t[r] = classWord
		case r == ' ' || r == '\t' || r == '\n':
			t[r] = classSpace
		case unicode.IsSpace(r) || unicode.IsControl(r):
			t[r] = classBreak
		}
		if IsJoiner(r) {
			t[r] |= classJoiner
		}
	}
	return t
}()

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
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			j, word := NextToken(s, i)
			if word {
				n++
			}
			i = j
			continue
		}
		// NextToken of an ASCII character, inline
		switch cl := byteClass[c]; {
		case cl&classWord != 0:
			n++
			i = wordEnd(s, i+1)
		case cl&(classSpace|classBreak) == 0 && i+1 < len(s) && s[i+1] >= utf8.RuneSelf:
			// another character, whose grapheme may go on
			i = otherEnd(s, i+1, rune(c))
		default:
			// white space or a control stands alone, and a run of
			// spaces, tabs and line ends ends where a scan from any of
			// its bytes ends, so they are skipped a byte at a time; no
			// ASCII character extends another's grapheme
			i++
		}
	}
	return n
}
