package summary

import (
	"regexp"
	"sync"
	"unicode/utf8"
)

// lazyRegexp is a regular expression compiled the first time it is used,
// so that commands that never summarise pay nothing for it at start-up.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func lazy(expr string) *lazyRegexp { return &lazyRegexp{expr: expr} }

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

func (l *lazyRegexp) MatchString(s string) bool { return l.get().MatchString(s) }

func (l *lazyRegexp) FindStringIndex(s string) []int { return l.get().FindStringIndex(s) }

func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }

func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.get().FindStringSubmatchIndex(s)
}

func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.get().FindAllStringSubmatchIndex(s, n)
}

func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.get().ReplaceAllString(src, repl)
}

// boundRegexp is an expression whose group 1 holds a bounded repeat (at
// most max runes), run first as a smaller expression with the repeat
// unbounded, its group 1 measured after each match. Where every match of
// the smaller one keeps group 1 within max, the bounded expression finds
// the very same matches: it tries the same ways to match in the same order
// but for those too long, and the first way that matched was not one of
// them. Else the bounded expression runs. Unbounded, the repeat compiles
// to one instruction instead of max.
type boundRegexp struct {
	fast, exact *lazyRegexp
	max         int
}

func bounded(exact, fast string, max int) *boundRegexp {
	return &boundRegexp{fast: lazy(fast), exact: lazy(exact), max: max}
}

// within reports whether the match m of s keeps group 1 within max runes.
func (b *boundRegexp) within(s string, m []int) bool {
	return m[2] < 0 || utf8.RuneCountInString(s[m[2]:m[3]]) <= b.max
}

func (b *boundRegexp) FindStringSubmatchIndex(s string) []int {
	m := b.fast.FindStringSubmatchIndex(s)
	if m == nil || b.within(s, m) {
		return m
	}
	return b.exact.FindStringSubmatchIndex(s)
}

func (b *boundRegexp) FindStringIndex(s string) []int {
	if m := b.FindStringSubmatchIndex(s); m != nil {
		return m[:2:2]
	}
	return nil
}

func (b *boundRegexp) FindStringSubmatch(s string) []string {
	m := b.FindStringSubmatchIndex(s)
	if m == nil {
		return nil
	}
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

func (b *boundRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	ms := b.fast.FindAllStringSubmatchIndex(s, n)
	for _, m := range ms {
		if !b.within(s, m) {
			return b.exact.FindAllStringSubmatchIndex(s, n)
		}
	}
	return ms
}
