package diff

import (
	"hash/maphash"
	"slices"
	"strings"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// lineKind reports whether blocks of kind k are compared line by line:
// code (and the diagrams drawn in it) and raw HTML, whose lines are their
// structure.
func lineKind(k doc.Kind) bool { return k == doc.Code || k == doc.HTML }

// lineSignature is a line's words and punctuation as sorted hashes: in
// code and diagrams punctuation is structure ("model: m-7" is not
// "\"model\": \"m-7\",").
func lineSignature(l string) signature {
	sig := signature{}
	scan(l, func(i, j int, _ bool) {
		if t := l[i:j]; strings.TrimSpace(t) != "" {
			sig = append(sig, hashFold(t))
		}
	})
	slices.Sort(sig)
	return sig
}

// minLineSimilar is the least similarity of two lines of code for the
// changed line to be word-diffed; a less similar line is replaced whole.
const minLineSimilar = 0.5

// blockDiff compares two blocks: code and raw HTML by lines, anything else
// by words.
func (w *wordDiffer) blockDiff(a, b *doc.Block) ([]redline.Op, int, int) {
	if lineKind(a.Kind) && lineKind(b.Kind) && a.Text != b.Text {
		return w.lines(a.Text, b.Text)
	}
	return w.diff(a.Text, b.Text)
}

// lines compares two texts line by line: equal lines are aligned first;
// between them a changed line is word-diffed against a similar line in the
// same place, and every other line is deleted or inserted whole.
func (w *wordDiffer) lines(a, b string) ([]redline.Op, int, int) {
	la, lb := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	ka, kb := lineKeys(la), lineKeys(lb)
	eq := func(i, j int) bool { return la[i] == lb[j] }
	var pairs [][2]int
	var positional bool
	equalBlocks(ka, kb, 0, len(la), 0, len(lb), 0, eq, &pairs, &positional)
	// a block whose language changed (JSON rewritten as YAML) and most of
	// whose lines of words changed was rewritten: its lines are replaced,
	// none word-diffed
	rewritten := fenceInfo(la[0]) != fenceInfo(lb[0]) && 2*wordLines(la, pairs) < min(wordLines(la, nil), wordLines(lb, nil))
	var ops []redline.Op
	var cnt counts
	i, j := 0, 0
	for _, p := range pairs {
		ops = w.lineGap(ops, la[i:p[0]], lb[j:p[1]], rewritten, &cnt)
		ops = append(ops, redline.Op{Op: redline.Equal, Text: la[p[0]]})
		i, j = p[0]+1, p[1]+1
	}
	ops = w.lineGap(ops, la[i:], lb[j:], rewritten, &cnt)
	return tidyLines(ops), cnt.ins, cnt.del
}

var lineSeed = maphash.MakeSeed()

func lineKeys(ls []string) []uint64 {
	ks := make([]uint64, len(ls))
	for i, l := range ls {
		ks[i] = maphash.String(lineSeed, l)
	}
	return ks
}

// lineGap appends the ops of a stretch of changed lines: similar lines
// paired in order and word-diffed, the rest deleted or inserted whole.
func (w *wordDiffer) lineGap(ops []redline.Op, la, lb []string, rewritten bool, cnt *counts) []redline.Op {
	if len(la) == 0 && len(lb) == 0 {
		return ops
	}
	if rewritten {
		la, lb = append([]string(nil), la...), append([]string(nil), lb...)
		ops = appendWhole(ops, redline.Delete, la, cnt)
		return appendWhole(ops, redline.Insert, lb, cnt)
	}
	sa := make([]signature, len(la))
	sb := make([]signature, len(lb))
	for i, l := range la {
		sa[i] = lineSignature(l)
	}
	for j, l := range lb {
		sb[j] = lineSignature(l)
	}
	sim := func(i, j int) float64 {
		if len(sa[i]) == 0 || len(sb[j]) == 0 || !mayReach(len(sa[i]), len(sb[j]), minLineSimilar) {
			return 0
		}
		// both the words and the punctuation must mostly stay
		if d := dice(sa[i], sb[j]); d >= minLineSimilar && dice(signatureOf(la[i]), signatureOf(lb[j])) >= minLineSimilar {
			return d
		}
		return 0
	}
	var pairs [][2]int
	if len(la)*len(lb) <= maxGapCells {
		pairs = bestPairs(0, len(la), 0, len(lb), sim)
	} else {
		pairs = windowPairs(0, len(la), 0, len(lb), sim)
	}
	whole := func(k redline.OpKind, ls []string) { ops = appendWhole(ops, k, ls, cnt) }
	i, j := 0, 0
	for _, p := range pairs {
		whole(redline.Delete, la[i:p[0]])
		whole(redline.Insert, lb[j:p[1]])
		x, y := la[p[0]], lb[p[1]]
		// the line end stays outside the word diff, so that the ops of
		// the line hold it as equal text
		nl := ""
		if strings.HasSuffix(x, "\n") && strings.HasSuffix(y, "\n") {
			x, y, nl = x[:len(x)-1], y[:len(y)-1], "\n"
		}
		ops = w.appendTokens(ops, textToks(x), textToks(y), 0, cnt)
		if nl != "" {
			ops = append(ops, redline.Op{Op: redline.Equal, Text: nl})
		}
		i, j = p[0]+1, p[1]+1
	}
	whole(redline.Delete, la[i:])
	whole(redline.Insert, lb[j:])
	return ops
}

// fenceInfo is the info string of a code fence line ("json" of
// "```json"), or "" for any other line.
func fenceInfo(l string) string {
	t := strings.TrimSpace(l)
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			return strings.TrimSpace(strings.TrimLeft(t, f[:1]))
		}
	}
	return ""
}

// appendWhole appends lines deleted or inserted whole.
func appendWhole(ops []redline.Op, k redline.OpKind, ls []string, cnt *counts) []redline.Op {
	if len(ls) == 0 {
		return ops
	}
	t := strings.Join(ls, "")
	cnt.add(textToks(t), k == redline.Insert)
	return append(ops, redline.Op{Op: k, Text: t})
}

// wordLines counts the lines of ls that hold a word: all of them, or
// (with pairs) those among the equal lines.
func wordLines(ls []string, pairs [][2]int) int {
	n := 0
	has := func(l string) bool { return countWords(l) > 0 }
	if pairs == nil {
		for _, l := range ls {
			if has(l) {
				n++
			}
		}
		return n
	}
	for _, p := range pairs {
		if has(ls[p[0]]) {
			n++
		}
	}
	return n
}

// tidyLines merges adjacent ops of one kind, keeping deletions before
// insertions within a change.
func tidyLines(ops []redline.Op) []redline.Op {
	out := make([]redline.Op, 0, len(ops))
	for _, op := range ops {
		if op.Text == "" {
			continue
		}
		n := len(out)
		switch {
		case n > 0 && out[n-1].Op == op.Op:
			out[n-1].Text += op.Text
		case n > 1 && op.Op == redline.Delete && out[n-1].Op == redline.Insert && out[n-2].Op == redline.Delete:
			out[n-2].Text += op.Text
		default:
			out = append(out, op)
		}
	}
	return out
}
