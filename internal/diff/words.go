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
	var cnt counts
	ops := w.tokens(textToks(a), textToks(b), 0, &cnt)
	return tidy(ops), cnt.ins, cnt.del
}

// toks is a text's tokens with the text they make up, so that the text of
// a run of tokens is a slice of it, never a new string.
type toks struct {
	t   []string
	src string // strings.Join(t, "")
}

// textToks is s as tokens.
func textToks(s string) toks { return toks{tokenize(s), s} }

// joinedToks is tokens that are not one text's, joined once.
func joinedToks(t []string) toks { return toks{t, strings.Join(t, "")} }

// span is the length in bytes of tokens.
func span(t []string) int {
	n := 0
	for _, s := range t {
		n += len(s)
	}
	return n
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

const ignoredNote = "differences ignored by --ignore-case or --ignore-punctuation are shown in their new form, so the old side does not rebuild exactly"

// tokens diffs two token slices. Long inputs are first aligned by
// sentence, then diffed word by word inside each changed stretch.
func (w *wordDiffer) tokens(a, b toks, depth int, cnt *counts) []redline.Op {
	if len(a.t) > maxTokens || len(b.t) > maxTokens {
		if depth == 0 {
			return w.bySentence(a, b, cnt)
		}
		w.note("a changed stretch of more than 3000 words without sentence breaks is shown as replaced whole, not word by word")
		return w.whole(a, b, cnt)
	}
	enc := getEncoder()
	ra, rb := enc.encode(a.t, w.key), enc.encode(b.t, w.key)
	full := enc.full
	putEncoder(enc)
	if full {
		return w.whole(a, b, cnt)
	}
	ds := diffRunes(ra, rb)
	ops := make([]redline.Op, 0, len(ds))
	// ia, ib count tokens, pa, pb bytes
	ia, ib, pa, pb := 0, 0, 0, 0
	for _, d := range ds {
		n := d.n
		switch d.op {
		case redline.Equal:
			la, lb := span(a.t[ia:ia+n]), span(b.t[ib:ib+n])
			// under the ignore options the sides may differ in what is
			// ignored: the equal text is then the new side's
			if a.src[pa:pa+la] != b.src[pb:pb+lb] {
				w.note(ignoredNote)
			}
			ops = append(ops, redline.Op{Op: redline.Equal, Text: b.src[pb : pb+lb]})
			ia, ib, pa, pb = ia+n, ib+n, pa+la, pb+lb
		case redline.Delete:
			la := span(a.t[ia : ia+n])
			if w.ignored(a.t[ia : ia+n]) {
				// an ignored deletion: the new form has nothing here
				w.note(ignoredNote)
			} else {
				ops = append(ops, redline.Op{Op: redline.Delete, Text: a.src[pa : pa+la]})
				cnt.add(a.t[ia:ia+n], false)
			}
			ia, pa = ia+n, pa+la
		case redline.Insert:
			lb := span(b.t[ib : ib+n])
			if w.ignored(b.t[ib : ib+n]) {
				// an ignored insertion: shown as it is now, which the
				// old side did not have
				w.note(ignoredNote)
				ops = append(ops, redline.Op{Op: redline.Equal, Text: b.src[pb : pb+lb]})
			} else {
				ops = append(ops, redline.Op{Op: redline.Insert, Text: b.src[pb : pb+lb]})
				cnt.add(b.t[ib:ib+n], true)
			}
			ib, pb = ib+n, pb+lb
		}
	}
	return ops
}

// whole shows a as deleted and b as inserted: the coarser unit when there
// are more distinct words or sentences than runes can stand for.
func (w *wordDiffer) whole(a, b toks, cnt *counts) []redline.Op {
	if len(a.t)+len(b.t) > 0 && !(len(a.t) > maxTokens || len(b.t) > maxTokens) {
		w.note("a block with more distinct words than a diff can tell apart is shown as replaced whole")
	}
	cnt.add(a.t, false)
	cnt.add(b.t, true)
	var ops []redline.Op
	if len(a.t) > 0 {
		ops = append(ops, redline.Op{Op: redline.Delete, Text: a.src})
	}
	if len(b.t) > 0 {
		ops = append(ops, redline.Op{Op: redline.Insert, Text: b.src})
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
func (w *wordDiffer) bySentence(a, b toks, cnt *counts) []redline.Op {
	sa, sb := sentences(a.t), sentences(b.t)
	enc := getEncoder()
	ra, rb := enc.encodeGroups(a, sa), enc.encodeGroups(b, sb)
	full := enc.full
	putEncoder(enc)
	if full {
		return w.whole(a, b, cnt)
	}
	ds := diffRunes(ra, rb)
	var ops []redline.Op
	// i, j count sentences; the changed tokens pending are those from
	// sentence da of a and db of b to sentences i and j
	i, j, da, db := 0, 0, 0, 0
	flush := func() {
		if i > da || j > db {
			ops = append(ops, w.tokens(sa.sub(a, da, i), sb.sub(b, db, j), 1, cnt)...)
		}
	}
	for _, d := range ds {
		n := d.n
		switch d.op {
		case redline.Equal:
			flush()
			for k := i; k < i+n; k++ {
				ops = append(ops, redline.Op{Op: redline.Equal, Text: a.src[sa.start(k).pos:sa[k].pos]})
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

// sentEnd is where a sentence ends: after token tok, at byte pos.
type sentEnd struct{ tok, pos int }

// sentEnds are the ends of a text's sentences, in order.
type sentEnds []sentEnd

// start is where sentence k starts.
func (s sentEnds) start(k int) sentEnd {
	if k == 0 {
		return sentEnd{}
	}
	return s[k-1]
}

// sub is the tokens of sentences i to j of t.
func (s sentEnds) sub(t toks, i, j int) toks {
	x, y := s.start(i), s.start(j)
	return toks{t.t[x.tok:y.tok], t.src[x.pos:y.pos]}
}

// sentences groups tokens into sentences ending after ". ", "! ", "? ",
// "; " or a line end.
func sentences(toks []string) sentEnds {
	var out sentEnds
	pos := 0
	for i, t := range toks {
		pos += len(t)
		end := false
		if strings.ContainsRune(t, '\n') {
			end = true
		} else if i > 0 && (t == " ") {
			switch toks[i-1] {
			case ".", "!", "?", ";", ":":
				end = true
			}
		}
		if end || i == len(toks)-1 {
			out = append(out, sentEnd{i + 1, pos})
		}
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

func (e *encoder) encodeGroups(t toks, ends sentEnds) []rune {
	rs := make([]rune, len(ends))
	for k, end := range ends {
		rs[k] = e.id(t.src[ends.start(k).pos:end.pos])
	}
	return rs
}

// tidy merges adjacent ops of one kind, puts deletions before insertions
// within a change, and folds white space between two changes into them,
// so that "[-the risk-]{+a danger+}" reads as one change.
func tidy(ops []redline.Op) []redline.Op {
	out := make([]redline.Op, 0, len(ops))
	var del, ins, eq textRun
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
	return out
}

// textRun is the text of a run of ops. A run of one piece is that piece,
// not a copy; pieces are joined in a builder, so that a block of many
// equal sentences costs linear time.
type textRun struct {
	first string
	b     strings.Builder
	many  bool
}

func (r *textRun) add(s string) {
	switch {
	case s == "":
	case r.first == "" && !r.many:
		r.first = s
	default:
		if !r.many {
			r.b.WriteString(r.first)
			r.many = true
		}
		r.b.WriteString(s)
	}
}

func (r *textRun) len() int {
	if r.many {
		return r.b.Len()
	}
	return len(r.first)
}

func (r *textRun) take() string {
	if r.many {
		return r.b.String()
	}
	return r.first
}

func (r *textRun) reset() {
	r.first, r.many = "", false
	r.b = strings.Builder{}
}
