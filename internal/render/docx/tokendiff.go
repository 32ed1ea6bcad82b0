package docx

import (
	"strings"
	"unicode"

	"github.com/codraft/codraft/internal/redline"
)

// maxTokens bounds the heading diff: longer headings are replaced whole.
const maxTokens = 400

// tokenDiff compares two short texts (headings) word by word: words and
// the space between them are tokens, and the longest common subsequence of
// tokens is kept equal.
func tokenDiff(old, nw string) []redline.Op {
	if old == nw {
		return []redline.Op{{Op: redline.Equal, Text: nw}}
	}
	a, b := tokens(old), tokens(nw)
	if len(a) > maxTokens || len(b) > maxTokens {
		return []redline.Op{{Op: redline.Delete, Text: old}, {Op: redline.Insert, Text: nw}}
	}
	// lcs[i][j]: the common subsequence length of a[i:] and b[j:]
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []redline.Op
	add := func(k redline.OpKind, t string) {
		if n := len(ops); n > 0 && ops[n-1].Op == k {
			ops[n-1].Text += t
			return
		}
		ops = append(ops, redline.Op{Op: k, Text: t})
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			add(redline.Equal, a[i])
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			add(redline.Insert, b[j])
			j++
		default:
			add(redline.Delete, a[i])
			i++
		}
	}
	return groupChanges(ops)
}

// groupChanges orders each run of changes as deletions then insertions.
func groupChanges(ops []redline.Op) []redline.Op {
	var out []redline.Op
	for i := 0; i < len(ops); {
		if ops[i].Op == redline.Equal {
			out = append(out, ops[i])
			i++
			continue
		}
		var del, ins strings.Builder
		for ; i < len(ops) && ops[i].Op != redline.Equal; i++ {
			if ops[i].Op == redline.Delete {
				del.WriteString(ops[i].Text)
			} else {
				ins.WriteString(ops[i].Text)
			}
		}
		if del.Len() > 0 {
			out = append(out, redline.Op{Op: redline.Delete, Text: del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, redline.Op{Op: redline.Insert, Text: ins.String()})
		}
	}
	return out
}

// tokens cuts s into runs of spaces and runs of other characters.
func tokens(s string) []string {
	var out []string
	start := 0
	prev := -1
	for i, r := range s {
		k := 0
		if unicode.IsSpace(r) {
			k = 1
		}
		if prev >= 0 && k != prev {
			out = append(out, s[start:i])
			start = i
		}
		prev = k
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
