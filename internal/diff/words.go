package diff

import (
	"strings"
	"sync"
	"unicode"

	"github.com/codraft/codraft/internal/redline"
)

// maxTokens is the size of a block, in tokens, above which words are
// diffed within changed sentences only, so that the cost stays bounded.
const maxTokens = 3000

// wordDiff compares two texts word by word. It returns the ops and the
// number of words inserted and deleted.
type wordDiffer struct {
	opts  Options
	mu    sync.Mutex
	notes map[string]bool
}

func (w *wordDiffer) diff(a, b string) ([]redline.Op, int, int) {
	if a == b {
		if a == "" {
			return []redline.Op{}, 0, 0
		}
		return []redline.Op{{Op: redline.Equal, Text: a}}, 0, 0
	}
	ta, tb := tokenize(a), tokenize(b)
	var cnt counts
	ops := w.tokens(ta, tb, 0, &cnt)
	return tidy(ops), cnt.ins, cnt.del
}

// counts adds up the words of the tokens inserted and deleted.
type counts struct{ ins, del int }

func (c *counts) add(toks []string, ins bool) {
	n := 0
	for _, t := range toks {
		if isWord(t) {
			n++
		}
	}
	if ins {
		c.ins += n
	} else {
		c.del += n
	}
}

// tokens diffs two token slices. Long inputs are first aligned by
// sentence, then diffed word by word inside each changed stretch.
func (w *wordDiffer) tokens(a, b []string, depth int, cnt *counts) []redline.Op {
	if len(a) > maxTokens || len(b) > maxTokens {
		if depth == 0 {
			return w.bySentence(a, b, cnt)
		}
		w.note("a changed stretch of more than 3000 words without sentence breaks is shown as replaced whole, not word by word")
		return w.whole(a, b, cnt)
	}
	enc := getEncoder()
	ra, rb := enc.encode(a, w.key), enc.encode(b, w.key)
	full := enc.full
	putEncoder(enc)
	if full {
		return w.whole(a, b, cnt)
	}
	ds := diffRunes(ra, rb)
	var ops []redline.Op
	ia, ib := 0, 0
	for _, d := range ds {
		n := d.n
		switch d.op {
		case redline.Equal:
			// under the ignore options the sides may differ in what is
			// ignored: the equal text is then the new side's
			oa, ob := strings.Join(a[ia:ia+n], ""), strings.Join(b[ib:ib+n], "")
			if oa != ob {
				w.note("differences ignored by --ignore-case or --ignore-punctuation are shown in their new form, so the old side does not rebuild exactly")
			}
			ops = append(ops, redline.Op{Op: redline.Equal, Text: ob})
			ia += n
			ib += n
		case redline.Delete:
			if w.ignored(a[ia : ia+n]) {
				// an ignored deletion: the new form has nothing here
				w.note("differences ignored by --ignore-case or --ignore-punctuation are shown in their new form, so the old side does not rebuild exactly")
			} else {
				ops = append(ops, redline.Op{Op: redline.Delete, Text: strings.Join(a[ia:ia+n], "")})
				cnt.add(a[ia:ia+n], false)
			}
			ia += n
		case redline.Insert:
			if w.ignored(b[ib : ib+n]) {
				// an ignored insertion: shown as it is now, which the
				// old side did not have
				w.note("differences ignored by --ignore-case or --ignore-punctuation are shown in their new form, so the old side does not rebuild exactly")
				ops = append(ops, redline.Op{Op: redline.Equal, Text: strings.Join(b[ib:ib+n], "")})
			} else {
				ops = append(ops, redline.Op{Op: redline.Insert, Text: strings.Join(b[ib:ib+n], "")})
				cnt.add(b[ib:ib+n], true)
			}
			ib += n
		}
	}
	return ops
}

// whole shows a as deleted and b as inserted: the coarser unit when there
// are more distinct words or sentences than runes can stand for.
func (w *wordDiffer) whole(a, b []string, cnt *counts) []redline.Op {
	if len(a)+len(b) > 0 && !(len(a) > maxTokens || len(b) > maxTokens) {
		w.note("a block with more distinct words than a diff can tell apart is shown as replaced whole")
	}
	cnt.add(a, false)
	cnt.add(b, true)
	var ops []redline.Op
	if len(a) > 0 {
		ops = append(ops, redline.Op{Op: redline.Delete, Text: strings.Join(a, "")})
	}
	if len(b) > 0 {
		ops = append(ops, redline.Op{Op: redline.Insert, Text: strings.Join(b, "")})
	}
	return ops
}

// ignored reports whether a run of tokens holds only what the ignore
// options ignore: punctuation and white space.
func (w *wordDiffer) ignored(toks []string) bool {
	if !w.opts.IgnorePunctuation {
		return false
	}
	for _, t := range toks {
		if isWord(t) {
			return false
		}
	}
	return true
}

// key is the token as compared: folded by the ignore options.
func (w *wordDiffer) key(t string) string {
	if w.opts.IgnoreCase {
		t = strings.ToLower(t)
	}
	if w.opts.IgnorePunctuation && !isWord(t) {
		if strings.TrimSpace(t) == "" {
			return " "
		}
		return ""
	}
	return t
}

func (w *wordDiffer) note(s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.notes == nil {
		w.notes = map[string]bool{}
	}
	w.notes[s] = true
}

// bySentence aligns sentences first, then diffs the words of each changed
// run of sentences.
func (w *wordDiffer) bySentence(a, b []string, cnt *counts) []redline.Op {
	sa, sb := sentences(a), sentences(b)
	enc := getEncoder()
	ra, rb := enc.encodeGroups(sa), enc.encodeGroups(sb)
	full := enc.full
	putEncoder(enc)
	if full {
		return w.whole(a, b, cnt)
	}
	ds := diffRunes(ra, rb)
	var ops []redline.Op
	ia, ib := 0, 0
	var da, db []string // pending changed tokens
	flush := func() {
		if len(da) > 0 || len(db) > 0 {
			ops = append(ops, w.tokens(da, db, 1, cnt)...)
		}
		da, db = nil, nil
	}
	for _, d := range ds {
		n := d.n
		switch d.op {
		case redline.Equal:
			flush()
			for _, s := range sa[ia : ia+n] {
				ops = append(ops, redline.Op{Op: redline.Equal, Text: strings.Join(s, "")})
			}
			ia += n
			ib += n
		case redline.Delete:
			for _, s := range sa[ia : ia+n] {
				da = append(da, s...)
			}
			ia += n
		case redline.Insert:
			for _, s := range sb[ib : ib+n] {
				db = append(db, s...)
			}
			ib += n
		}
	}
	flush()
	return ops
}

// sentences groups tokens into sentences ending after ". ", "! ", "? ",
// "; " or a line end.
func sentences(toks []string) [][]string {
	var out [][]string
	start := 0
	for i, t := range toks {
		end := false
		if strings.ContainsRune(t, '\n') {
			end = true
		} else if i > 0 && (t == " ") {
			switch toks[i-1] {
			case ".", "!", "?", ";", ":":
				end = true
			}
		}
		if end {
			out = append(out, toks[start:i+1])
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// encoder maps tokens to runes outside the surrogate range.
type encoder struct {
	ids  map[string]rune
	next rune
	// full is set when there were more distinct items than runes
	full bool
}

func newEncoder() *encoder { return &encoder{ids: map[string]rune{}, next: 1} }

var encoders = sync.Pool{New: func() any { return newEncoder() }}

// getEncoder takes a cleared encoder from the pool; putEncoder returns it.
func getEncoder() *encoder { return encoders.Get().(*encoder) }

func putEncoder(e *encoder) {
	clear(e.ids)
	e.next, e.full = 1, false
	encoders.Put(e)
}

func (e *encoder) id(s string) rune {
	if r, ok := e.ids[s]; ok {
		return r
	}
	r := e.next
	if r > unicode.MaxRune {
		e.full = true
		return unicode.MaxRune
	}
	e.next++
	if e.next == 0xD800 {
		e.next = 0xE000
	}
	e.ids[s] = r
	return r
}

func (e *encoder) encode(toks []string, key func(string) string) []rune {
	rs := make([]rune, len(toks))
	for i, t := range toks {
		rs[i] = e.id(key(t))
	}
	return rs
}

func (e *encoder) encodeGroups(groups [][]string) []rune {
	rs := make([]rune, len(groups))
	for i, g := range groups {
		rs[i] = e.id(strings.Join(g, ""))
	}
	return rs
}

// tidy merges adjacent ops of one kind, puts deletions before insertions
// within a change, and folds white space between two changes into them,
// so that "[-the risk-]{+a danger+}" reads as one change.
func tidy(ops []redline.Op) []redline.Op {
	out := make([]redline.Op, 0, len(ops))
	// runs are built up in builders, not by adding strings, so that a
	// block of many equal sentences costs linear time
	var del, ins, eq strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, redline.Op{Op: redline.Delete, Text: del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, redline.Op{Op: redline.Insert, Text: ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	flushEqual := func() {
		if eq.Len() > 0 {
			out = append(out, redline.Op{Op: redline.Equal, Text: eq.String()})
			eq.Reset()
		}
	}
	inChange := false
	for i, op := range ops {
		switch {
		case op.Op == redline.Delete:
			flushEqual()
			del.WriteString(op.Text)
			inChange = true
		case op.Op == redline.Insert:
			flushEqual()
			ins.WriteString(op.Text)
			inChange = true
		case op.Text == "":
		case inChange && i+1 < len(ops) && ops[i+1].Op != redline.Equal && strings.TrimSpace(op.Text) == "":
			// white space between two changes joins them
			del.WriteString(op.Text)
			ins.WriteString(op.Text)
		default:
			flush()
			inChange = false
			eq.WriteString(op.Text)
		}
	}
	flush()
	flushEqual()
	return out
}
