package check

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What a finding quotes is bounded, so that the output grows with the
// number of problems and not with the size of what they are about: a
// trailer or a name is quoted up to excerptRunes runes, and a list of names
// shows at most listNames of them with a count of the rest.
const (
	excerptRunes = 80
	listNames    = 5
)

// excerpt returns s, or its first excerptRunes runes and "…" with the
// size of the rest.
func excerpt(s string) string {
	if len(s) <= excerptRunes {
		return s
	}
	i, n := 0, 0
	for i < len(s) && n < excerptRunes {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	if i == len(s) {
		return s
	}
	return s[:i] + "… (" + count(len(s)-i) + " more bytes)"
}

// quoted is an excerpt of s in Go quotes, as messages quote a trailer.
func quoted(s string) string { return strconv.Quote(excerpt(s)) }

// sample lists up to listNames names, each an excerpt, and says how many
// more there are: "x0, x1, x2, x3, x4 and 9,995 more".
func sample(names []string) string {
	var b strings.Builder
	for i, n := range names {
		if i == listNames {
			b.WriteString(" and " + count(len(names)-i) + " more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(excerpt(n))
	}
	return b.String()
}

// count writes n with thousands separators: 10,000.
func count(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// foldKey maps s so that two strings get the same key exactly when
// strings.EqualFold holds for them: each rune becomes the smallest rune of
// its case-folding orbit.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// nameSet holds section names (as a trailer lists them) for lookup by id
// or, without regard to case, by number.
type nameSet struct {
	ids, nums map[string]bool
}

func newNameSet() nameSet { return nameSet{ids: map[string]bool{}, nums: map[string]bool{}} }

// add puts a listed name in the set.
func (s nameSet) add(name string) {
	s.ids[name] = true
	s.nums[numKey(name)] = true
}

// addRef puts a section's id and number in the set: the number as written
// and without its word ("Measure 2.1" and "2.1"), as redline.Names reads a
// name.
func (s nameSet) addRef(id, number string) {
	s.ids[id] = true
	if number != "" {
		s.nums[numKey(number)] = true
		s.nums[numKey(bareNumber(number))] = true
	}
}

// names reports whether some listed name denotes a section with this id
// and number (its number compared without regard to case and spacing, with
// or without its word).
func (s nameSet) names(id, number string) bool {
	if s.ids[id] {
		return true
	}
	return number != "" && (s.nums[numKey(number)] || s.nums[numKey(bareNumber(number))])
}

// has reports whether the set holds a name (of a section added with
// addRef): its id, or a number equal to it without regard to case.
func (s nameSet) has(name string) bool {
	return s.ids[name] || s.nums[numKey(name)]
}

// numKey is a number as a lookup key: spacing, case and a final period do
// not count.
func numKey(n string) string {
	return foldKey(strings.TrimSuffix(strings.Join(strings.Fields(n), " "), "."))
}

// bareNumber is a number without the word that introduces it ("2.1" of
// "Measure 2.1").
func bareNumber(n string) string {
	f := strings.Fields(n)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
