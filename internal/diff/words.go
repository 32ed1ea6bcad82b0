package diff

import (
	"slices"
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
	var cnt counts
	bufs := offPool.Get().(*offBufs)
	ta, tb := textToksIn(a, bufs.a), textToksIn(b, bufs.b)
	raw := w.appendTokens(bufs.ops[:0], ta, tb, 0, &cnt)
	ops := tidy(raw)
	// the ops hold slices of a and b, not of the offsets nor of raw
	clear(raw)
	bufs.a, bufs.b, bufs.ops = ta.off, tb.off, raw[:0]
	offPool.Put(bufs)
	return ops, cnt.ins, cnt.del
}

// offBufs are the token offsets of the two texts of a diff and its ops
// before tidy, reused.
type offBufs struct {
	a, b []int32
	ops  []redline.Op
}

var offPool = sync.Pool{New: func() any { return &offBufs{} }}

// toks is a run of a text's tokens: token i is src[off[i]:off[i+1]].
// The text of a run of tokens is a slice of src, never a new string, and
// a run of a run is a slice of off.
type toks struct {
	src string
	off []int32
}

// textToks is s as tokens.
func textToks(s string) toks { return textToksIn(s, nil) }

// textToksIn is textToks with the offsets in buf's space.
func textToksIn(s string, buf []int32) toks {
	off := buf[:0]
	if cap(off) == 0 {
		off = make([]int32, 0, len(s)/3+2)
	}
	off = append(off, 0)
	scan(s, func(_, j int, _ bool) { off = append(off, int32(j)) })
	return toks{s, off}
}

// joinToks is the tokens of x, then sep as one token, then those of y.
func joinToks(x, sep, y string) toks {
	tx, ty := textToks(x), textToks(y)
	off := append(tx.off, int32(len(x)+len(sep)))
	for _, o := range ty.off[1:] {
		off = append(off, int32(len(x)+len(sep))+o)
	}
	return toks{x + sep + y, off}
}

// n is the number of tokens.
func (t toks) n() int { return len(t.off) - 1 }

// tok is token i.
func (t toks) tok(i int) string { return t.src[t.off[i]:t.off[i+1]] }

// sub is tokens i to j.
func (t toks) sub(i, j int) toks { return toks{t.src, t.off[i : j+1]} }

// text is the text of tokens i to j.
func (t toks) text(i, j int) string { return t.src[t.off[i]:t.off[j]] }

// words counts the words among the tokens.
func (t toks) words() int {
	n := 0
	for i := 0; i < t.n(); i++ {
		if isWord(t.tok(i)) {
			n++
		}
	}
	return n
}

// counts adds up the words of the tokens inserted and deleted.
type counts struct{ ins, del int }

func (c *counts) add(t toks, ins bool) {
	if ins {
		c.ins += t.words()
	} else {
		c.del += t.words()
	}
}

const ignoredNote = "differences ignored by --ignore-case or --ignore-punctuation are shown in their new form, so the old side does not rebuild exactly"

// tokens diffs two token slices. Long inputs are first aligned by
// sentence, then diffed word by word inside each changed stretch.
func (w *wordDiffer) tokens(a, b toks, depth int, cnt *counts) []redline.Op {
	return w.appendTokens(nil, a, b, depth, cnt)
}

// appendTokens appends the ops of tokens(a, b, depth, cnt) to ops.
func (w *wordDiffer) appendTokens(ops []redline.Op, a, b toks, depth int, cnt *counts) []redline.Op {
	if a.n() > maxTokens || b.n() > maxTokens {
		if depth == 0 {
			return w.bySentence(ops, a, b, cnt)
		}
		w.note("a changed stretch of more than 3000 words without sentence breaks is shown as replaced whole, not word by word")
		return w.appendWhole(ops, a, b, cnt)
	}
	enc := getEncoder()
	defer putEncoder(enc)
	enc.ra, enc.rb = enc.encode(a, w.key, enc.ra), enc.encode(b, w.key, enc.rb)
	if enc.full {
		return w.appendWhole(ops, a, b, cnt)
	}
	enc.runs = diffIDsInto(enc.ra, enc.rb, enc.runs)
	ds := enc.runs
	ops = slices.Grow(ops, len(ds))
	ia, ib := 0, 0
	for _, d := range ds {
		n := d.n
		switch d.op {
		case redline.Equal:
			// under the ignore options the sides may differ in what is
			// ignored: the equal text is then the new side's
			if (w.opts.IgnoreCase || w.opts.IgnorePunctuation) && a.text(ia, ia+n) != b.text(ib, ib+n) {
				w.note(ignoredNote)
			}
			ops = append(ops, redline.Op{Op: redline.Equal, Text: b.text(ib, ib+n)})
			ia += n
			ib += n
		case redline.Delete:
			if w.ignored(a.sub(ia, ia+n)) {
				// an ignored deletion: the new form has nothing here
				w.note(ignoredNote)
			} else {
				ops = append(ops, redline.Op{Op: redline.Delete, Text: a.text(ia, ia+n)})
				cnt.add(a.sub(ia, ia+n), false)
			}
			ia += n
		case redline.Insert:
			if w.ignored(b.sub(ib, ib+n)) {
				// an ignored insertion: shown as it is now, which the
				// old side did not have
				w.note(ignoredNote)
				ops = append(ops, redline.Op{Op: redline.Equal, Text: b.text(ib, ib+n)})
			} else {
				ops = append(ops, redline.Op{Op: redline.Insert, Text: b.text(ib, ib+n)})
				cnt.add(b.sub(ib, ib+n), true)
			}
			ib += n
		}
	}
	return ops
}

// whole shows a as deleted and b as inserted: the coarser unit when there
// are more distinct words or sentences than runes can stand for.
func (w *wordDiffer) whole(a, b toks, cnt *counts) []redline.Op {
	return w.appendWhole(nil, a, b, cnt)
}

// appendWhole appends the ops of whole(a, b, cnt) to ops.
func (w *wordDiffer) appendWhole(ops []redline.Op, a, b toks, cnt *counts) []redline.Op {
	if a.n()+b.n() > 0 && !(a.n() > maxTokens || b.n() > maxTokens) {
		w.note("a block with more distinct words than a diff can tell apart is shown as replaced whole")
	}
	cnt.add(a, false)
	cnt.add(b, true)
	if a.n() > 0 {
		ops = append(ops, redline.Op{Op: redline.Delete, Text: a.text(0, a.n())})
	}
	if b.n() > 0 {
		ops = append(ops, redline.Op{Op: redline.Insert, Text: b.text(0, b.n())})
	}
	return ops
}

// ignored reports whether a run of tokens holds only what the ignore
// options ignore: punctuation and white space.
func (w *wordDiffer) ignored(t toks) bool {
	if !w.opts.IgnorePunctuation {
		return false
	}
	for i := 0; i < t.n(); i++ {
		if isWord(t.tok(i)) {
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

// bySentence appends to ops the diff of a and b made by aligning
// sentences first, then diffing the words of each changed run of
// sentences.
func (w *wordDiffer) bySentence(ops []redline.Op, a, b toks, cnt *counts) []redline.Op {
	sa, sb := sentences(a), sentences(b)
	enc := getEncoder()
	defer putEncoder(enc)
	enc.ra, enc.rb = enc.encodeGroups(a, sa, enc.ra), enc.encodeGroups(b, sb, enc.rb)
	if enc.full {
		return w.appendWhole(ops, a, b, cnt)
	}
	enc.runs = diffIDsInto(enc.ra, enc.rb, enc.runs)
	ds := enc.runs
	// i, j count sentences; the changed tokens pending are those from
	// sentence da of a and db of b to sentences i and j
	i, j, da, db := 0, 0, 0, 0
	flush := func() {
		if i > da || j > db {
			ops = w.appendTokens(ops, a.sub(sa.start(da), sa.start(i)), b.sub(sb.start(db), sb.start(j)), 1, cnt)
		}
	}
	for _, d := range ds {
		n := d.n
		switch d.op {
		case redline.Equal:
			flush()
			for k := i; k < i+n; k++ {
				ops = append(ops, redline.Op{Op: redline.Equal, Text: a.text(sa.start(k), sa[k])})
			}
			i += n
			j += n
			da, db = i, j
		case redline.Delete:
			i += n
		case redline.Insert:
			j += n
		}
	}
	flush()
	return ops
}

// sentEnds are where a text's sentences end, in order: after which token.
type sentEnds []int

// start is where sentence k starts.
func (s sentEnds) start(k int) int {
	if k == 0 {
		return 0
	}
	return s[k-1]
}

// sentences groups tokens into sentences ending after ". ", "! ", "? ",
// "; " or a line end.
func sentences(t toks) sentEnds {
	var out sentEnds
	n := t.n()
	for i := 0; i < n; i++ {
		tok := t.tok(i)
		end := false
		if strings.ContainsRune(tok, '\n') {
			end = true
		} else if i > 0 && (tok == " ") {
			switch t.tok(i - 1) {
			case ".", "!", "?", ";", ":":
				end = true
			}
		}
		if end || i == n-1 {
			out = append(out, i+1)
		}
	}
	return out
}

// encoder maps tokens to runes outside the surrogate range.
type encoder struct {
	ids  map[string]rune
	next rune
	// the two sides as ids and their diff, reused
	ra, rb []rune
	runs   []run
	// full is set when there were more distinct items than runes
	full bool
}

func newEncoder() *encoder { return &encoder{ids: map[string]rune{}, next: 1} }

var encoders = sync.Pool{New: func() any { return newEncoder() }}

// getEncoder takes a cleared encoder from the pool; putEncoder returns it.
func getEncoder() *encoder { return encoders.Get().(*encoder) }

func putEncoder(e *encoder) {
	// clearing costs as much as the map ever held: a map grown by one
	// large block is dropped, not cleared for every small one after it
	if len(e.ids) > 1024 {
		e.ids = map[string]rune{}
	} else {
		clear(e.ids)
	}
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

func (e *encoder) encode(t toks, key func(string) string, dst []rune) []rune {
	rs := dst[:0]
	for i := 0; i < t.n(); i++ {
		rs = append(rs, e.id(key(t.tok(i))))
	}
	return rs
}

func (e *encoder) encodeGroups(t toks, ends sentEnds, dst []rune) []rune {
	rs := dst[:0]
	for k, end := range ends {
		rs = append(rs, e.id(t.text(ends.start(k), end)))
	}
	return rs
}

// tidy merges adjacent ops of one kind, puts deletions before insertions
// within a change, and folds white space between two changes into them,
// so that "[-the risk-]{+a danger+}" reads as one change.
func tidy(ops []redline.Op) []redline.Op {
	// the ops are made in a reused buffer, then copied to one of their
	// size: the result lives as long as the redline
	tb := tidyPool.Get().(*tidyBufs)
	out := tb.out[:0]
	del, ins, eq := &tb.del, &tb.ins, &tb.eq
	flush := func() {
		if del.len() > 0 {
			out = append(out, redline.Op{Op: redline.Delete, Text: del.take()})
		}
		if ins.len() > 0 {
			out = append(out, redline.Op{Op: redline.Insert, Text: ins.take()})
		}
		del.reset()
		ins.reset()
	}
	flushEqual := func() {
		if eq.len() > 0 {
			out = append(out, redline.Op{Op: redline.Equal, Text: eq.take()})
			eq.reset()
		}
	}
	inChange := false
	for i, op := range ops {
		switch {
		case op.Op == redline.Delete:
			flushEqual()
			del.add(op.Text)
			inChange = true
		case op.Op == redline.Insert:
			flushEqual()
			ins.add(op.Text)
			inChange = true
		case op.Text == "":
		case inChange && i+1 < len(ops) && ops[i+1].Op != redline.Equal && strings.TrimSpace(op.Text) == "":
			// white space between two changes joins them
			del.add(op.Text)
			ins.add(op.Text)
		default:
			flush()
			inChange = false
			eq.add(op.Text)
		}
	}
	flush()
	flushEqual()
	res := make([]redline.Op, len(out))
	copy(res, out)
	clear(out)
	tb.out = out[:0]
	tidyPool.Put(tb)
	return res
}

// tidyBufs are tidy's work space, reused.
type tidyBufs struct {
	out          []redline.Op
	del, ins, eq textRun
}

var tidyPool = sync.Pool{New: func() any { return new(tidyBufs) }}

// textRun is the text of a run of ops. A run of one piece is that piece,
// not a copy; the pieces of a longer one are joined once, in a string of
// their total length, so that a block of many equal sentences costs
// linear time and one allocation.
type textRun struct {
	pieces []string
	n      int
}

func (r *textRun) add(s string) {
	if s != "" {
		r.pieces = append(r.pieces, s)
		r.n += len(s)
	}
}

func (r *textRun) len() int { return r.n }

func (r *textRun) take() string {
	if len(r.pieces) == 1 {
		return r.pieces[0]
	}
	var b strings.Builder
	b.Grow(r.n)
	for _, p := range r.pieces {
		b.WriteString(p)
	}
	return b.String()
}

func (r *textRun) reset() {
	clear(r.pieces)
	r.pieces, r.n = r.pieces[:0], 0
}
