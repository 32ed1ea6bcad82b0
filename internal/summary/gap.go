package summary

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// gapForm is a binding phrase with a gap, read by hand instead of by its
// expression (case-folded, between word boundaries):
//
//	opener\b([^.,;:!?]+?)\btail
//
// with tail one of "zu \p{L}+en", "\p{L}+zu\p{L}+en" or "nicht" (a space
// standing for \s+). It finds the match the expression finds: the
// shortest gap after which the tail matches, the tail taking the most
// letters it can. \b is a boundary of ASCII word characters and \s ASCII
// white space, as in the expression; a letter is a \p{L} or U+0345, the
// letters any case of which is a letter.
type gapForm struct {
	opener string
	tail   gapTail
}

// gapTail is what follows a gap form's gap.
type gapTail int

const (
	tailZuInfinitive gapTail = iota // zu \p{L}+en
	tailInfixed                     // \p{L}+zu\p{L}+en
	tailNicht                       // nicht
)

// gapTails are the tails a gapForm reads, as the phrases write them.
var gapTails = map[string]gapTail{
	`zu \p{L}+en`:      tailZuInfinitive,
	`\p{L}+zu\p{L}+en`: tailInfixed,
	`nicht`:            tailNicht,
}

// newGapForm reads a phrase (as modalClasses writes it, the gap
// [^.,;:!?]{1,n}? still bounded) as a gapForm, if it is one.
func newGapForm(p string) (*gapForm, bool) {
	opener, rest, ok := strings.Cut(p, `\b`+gapClass+"{1,")
	if !ok || opener == "" || leadingLetters(opener) != opener {
		return nil, false
	}
	_, tail, ok := strings.Cut(rest, `}?\b`)
	if !ok {
		return nil, false
	}
	t, ok := gapTails[tail]
	if !ok {
		return nil, false
	}
	return &gapForm{opener: opener, tail: t}, true
}

// match matches the form at the start of in, its gap at most max runes
// long: the end of the match, or false. The expression, its gap
// unbounded, matches with the shortest gap that lets the tail match; when
// that gap is longer than max, the form does not match.
func (g *gapForm) match(in string, max int) (int, bool) {
	i, found := prefix(in, g.opener, true)
	if !found || !boundary(in, 0) || !boundary(in, i) {
		return 0, false
	}
	gap := 0
	for j := i; j < len(in) && gap < max; {
		r, n := utf8.DecodeRuneInString(in[j:])
		if r < utf8.RuneSelf && strings.IndexByte(".,;:!?", byte(r)) >= 0 {
			return 0, false
		}
		j += n
		gap++
		if e, found := g.tailAt(in, j); found {
			return e, true
		}
	}
	return 0, false
}

// tailAt matches the tail at j, after a word boundary: its end, or false.
func (g *gapForm) tailAt(in string, j int) (int, bool) {
	if !boundary(in, j) {
		return 0, false
	}
	switch g.tail {
	case tailNicht:
		n, ok := prefix(in[j:], "nicht", true)
		if !ok || !boundary(in, j+n) {
			return 0, false
		}
		return j + n, true
	case tailZuInfinitive:
		n, ok := prefix(in[j:], "zu", true)
		if !ok {
			return 0, false
		}
		k := j + n
		for k < len(in) && asciiSpace(in[k]) {
			k++
		}
		if k == j+n {
			return 0, false
		}
		// at least one letter before "en"
		return lettersEndingEn(in, k, k+1)
	}
	// \p{L}+zu\p{L}+en: the letters from j hold the whole match; "zu"
	// must come after one letter at least, and before the last "en"
	// with a letter between
	end, ok := lettersEndingEn(in, j, j+1)
	if !ok {
		return 0, false
	}
	_, first := utf8.DecodeRuneInString(in[j:])
	for q := j + first; q+2 < end-2; q++ {
		if n, ok := prefix(in[q:], "zu", true); ok && n == 2 {
			return end, true
		}
	}
	return 0, false
}

// lettersEndingEn is the last end, within the run of letters from k, of
// letters that end in "en" (in any case) at a word boundary, "en" starting
// at from or later; false when there is none or k starts no letter.
func lettersEndingEn(in string, k, from int) (int, bool) {
	best, ok := 0, false
	for i := k; i < len(in); {
		r, n := utf8.DecodeRuneInString(in[i:])
		if !isLetterOrIota(r) {
			break
		}
		i += n
		if i-2 >= from && (in[i-2]|0x20) == 'e' && (in[i-1]|0x20) == 'n' && boundary(in, i) {
			best, ok = i, true
		}
	}
	return best, ok
}

// isLetterOrIota reports whether r is a letter (\p{L}) or U+0345, the
// letters any case of which is a letter.
func isLetterOrIota(r rune) bool { return r == '\u0345' || unicode.IsLetter(r) }

// boundary reports whether i is at an ASCII word boundary of s, as an
// expression's \b: an ASCII word character on one side only, the start
// and end of s counting as none.
func boundary(s string, i int) bool {
	before := i > 0 && isASCIIWord(s[i-1])
	after := i < len(s) && isASCIIWord(s[i])
	return before != after
}
