package cli

import (
	"sort"
	"strings"
)

// editDistance is the Levenshtein distance between a and b, by runes and
// ignoring case.
func editDistance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// nearest lists up to n of the candidates closest to q: those that contain
// it or that it contains (of three characters or more) first, then by edit distance, each within half its
// length; in that order, ties by the candidates' order.
func nearest(q string, candidates []string, n int) []string {
	type scored struct {
		s     string
		score int
		at    int
	}
	lq := strings.ToLower(q)
	var list []scored
	seen := map[string]bool{}
	for i, c := range candidates {
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		lc := strings.ToLower(c)
		d := editDistance(lq, lc)
		switch {
		case min(len(lc), len(lq)) >= 3 && (strings.Contains(lc, lq) || strings.Contains(lq, lc)):
			d = 0
		case d > max(len([]rune(lq)), len([]rune(lc)))/2:
			continue
		}
		list = append(list, scored{c, d, i})
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].score < list[j].score })
	var out []string
	for _, s := range list {
		if len(out) == n {
			break
		}
		out = append(out, s.s)
	}
	return out
}
