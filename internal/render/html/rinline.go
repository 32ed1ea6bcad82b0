package html

import (
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/inline"
	"github.com/codraft/codraft/internal/wording"
)

// inlineRun is a stretch of shown text with one look.
type inlineRun struct {
	kind redline.OpKind
	sty  inline.Style
	href string // "" for no link
	fmt  bool   // equal text whose format changed
	el   bool   // the mark that stands for unchanged words left out
}

// inlineWriter writes the rendered text of one block's ops. The text of
// the run being gathered is one piece (the common case: a run is one op's
// text, or a stretch of it) or, once a second piece comes, a copy of the
// pieces in buf, which is kept from block to block.
type inlineWriter struct {
	r       *renderer
	cur     inlineRun
	one     string
	buf     []byte
	inBuf   bool
	started bool
	openA   string
	inA     bool
}

// renderedOps writes ops as rendered Markdown, the marks inside it, and
// returns the notes on changes of format only ("link changed: A → B").
// mode says which ops show, as for textElem.
func (r *renderer) renderedOps(ops []redline.Op, mode int) []string {
	if r.opt.ChangedOnly {
		ops = r.shownOps(ops)
	}
	changed, plain := false, true
	for _, o := range ops {
		changed = changed || o.Op != redline.Equal
		plain = plain && inline.IsPlain(o.Text)
	}
	// When no op holds inline Markdown, neither side does: both read as
	// plain text, and nw and ol stay nil (see span).
	var nw, ol *inline.Reading
	if !plain {
		nw = inline.Parse(sideText(ops, redline.Insert), inline.FrameAlt|inline.HTMLAsText)
		ol = nw
		if changed {
			ol = inline.Parse(sideText(ops, redline.Delete), inline.FrameAlt|inline.HTMLAsText)
		}
	}
	w := &r.iw
	*w = inlineWriter{r: r, buf: w.buf[:0]}
	notes := &fmtNotes{}
	po, pn := 0, 0
	var cuts [][2]int
	if r.opt.ChangedOnly {
		cuts = elisions(ops, r.near)
	}
	for n, o := range ops {
		t := o.Text
		cut := cutAt(cuts, n)
		switch o.Op {
		case redline.Equal:
			for k := 0; k < len(t); k++ {
				if k == cut {
					w.text(elisionMark(o, k, false), inlineRun{kind: redline.Equal, el: true})
					k = cuts[n][1] - 1
					continue
				}
				i, j := po+k, pn+k
				switch {
				case mode == opsOld || mode == opsOldPlain:
					k = w.span(t, ol, po, k, cut, redline.Equal) - 1
				case !changed || plain:
					k = w.span(t, nw, pn, k, cut, redline.Equal) - 1
				default:
					if nw.Markup[j] {
						continue
					}
					f := false
					if changed && !ol.Markup[i] {
						f = notes.compare(nw.Text(j), ol, i, nw, j)
					}
					w.text(nw.Text(j), inlineRun{kind: redline.Equal, sty: nw.Style[j], href: r.linkHref(nw, j), fmt: f})
				}
			}
			po += len(t)
			pn += len(t)
		case redline.Insert:
			if mode == opsBoth || mode == opsNew {
				w.changedText(o, nw, pn, redline.Insert, cut, false)
			}
			pn += len(t)
		case redline.Delete:
			switch mode {
			case opsBoth, opsOld:
				w.changedText(o, ol, po, redline.Delete, cut, insertAfter(ops, n))
			case opsOldPlain:
				w.changedText(o, ol, po, redline.Equal, cut, false)
			}
			po += len(t)
		}
	}
	w.flush()
	w.closeA()
	if mode == opsBoth || mode == opsNew {
		return notes.list()
	}
	return nil
}

// cutAt is the byte of op n where the stretch that cuts leaves out
// starts, or -1 when nothing of it is left out.
func cutAt(cuts [][2]int, n int) int {
	if cuts == nil || cuts[n][1] <= cuts[n][0] {
		return -1
	}
	return cuts[n][0]
}

// changedText writes inserted or deleted op o, read in rd from byte off,
// as kind, up to byte cut (-1 for none), where a mark stands for the rest.
func (w *inlineWriter) changedText(o redline.Op, rd *inline.Reading, off int, kind redline.OpKind, cut int, sep bool) {
	for k := 0; k < len(o.Text); {
		if k == cut {
			w.text(elisionMark(o, k, sep), inlineRun{kind: redline.Equal, el: true})
			return
		}
		k = w.span(o.Text, rd, off, k, cut, kind)
	}
}

// span writes, as kind, the run of bytes of op text t that starts at byte
// k and shows with one look, read in rd from byte off, and returns the
// byte after it. The run stops before cut (-1 for none), at markup, where
// the style or the link changes, and at an entity or character reference,
// which is written alone as the character it stands for. A byte of markup
// is skipped alone. Writing runs, not bytes, keeps the work per run. A nil
// rd is the reading of plain text: the run goes on to cut or the end.
func (w *inlineWriter) span(t string, rd *inline.Reading, off, k, cut int, kind redline.OpKind) int {
	if rd == nil {
		end := len(t)
		if cut > k {
			end = cut
		}
		w.text(t[k:end], inlineRun{kind: kind})
		return end
	}
	i := off + k
	if rd.Markup[i] {
		return k + 1
	}
	run := inlineRun{kind: kind, sty: rd.Style[i], href: w.r.linkHref(rd, i)}
	if s := rd.Text(i); len(s) != 1 || s[0] != t[k] {
		w.text(s, run)
		return k + 1
	}
	end := len(t)
	if cut > k {
		end = cut
	}
	link := rd.Link(i)
	e := k + 1
	for ; e < end; e++ {
		i := off + e
		if rd.Markup[i] || rd.Style[i] != run.sty || rd.Link(i) != link {
			break
		}
		if s := rd.Text(i); len(s) != 1 || s[0] != t[e] {
			break
		}
	}
	w.text(t[k:e], run)
	return e
}

// linkHref is the href of the link over byte i, or "" when there is none or
// its destination may not become a link.
func (r *renderer) linkHref(in *inline.Reading, i int) string {
	return r.href(in.Link(i))
}

// href maps a draft's link destination to the page: a fragment naming a
// section of the draft goes to that section here; http, https, mailto and
// relative links stay; anything else is no link.
func (r *renderer) href(dest string) string {
	if dest == "" || !inline.SafeHref(dest) {
		return ""
	}
	if strings.HasPrefix(dest, "#") {
		id := dest[1:]
		if i, ok := r.byNew[id]; ok {
			return "#" + r.secs[i].anchor
		}
		if i, ok := r.byOld[id]; ok {
			return "#" + r.secs[i].anchor
		}
		return ""
	}
	return dest
}

func (w *inlineWriter) text(s string, run inlineRun) {
	if w.started && run != w.cur {
		w.flush()
	}
	w.cur, w.started = run, true
	switch {
	case s == "":
	case w.inBuf:
		w.buf = append(w.buf, s...)
	case w.one == "":
		w.one = s
	default:
		w.buf = append(append(w.buf[:0], w.one...), s...)
		w.one, w.inBuf = "", true
	}
}

func (w *inlineWriter) closeA() {
	if w.inA {
		w.r.raw("</a>")
		w.inA = false
	}
}

func (w *inlineWriter) flush() {
	s := w.one
	if w.inBuf {
		s = string(w.buf)
	}
	if s == "" {
		return
	}
	r, run := w.r, w.cur
	if !w.inA || w.openA != run.href {
		w.closeA()
		if run.href != "" {
			r.raw("<a href=\"")
			r.text(run.href)
			r.raw("\">")
			w.inA, w.openA = true, run.href
		}
	}
	runTags(r, run, false)
	for {
		k := strings.IndexByte(s, '\n')
		if k < 0 {
			break
		}
		r.text(s[:k])
		r.raw("<br>")
		s = s[k+1:]
	}
	r.text(s)
	runTags(r, run, true)
	w.one, w.inBuf = "", false
	w.buf = w.buf[:0]
}

// runTags writes the elements that give a run its look: the opening tags
// in order, or, when closing, the closing tags in the reverse order.
func runTags(r *renderer, run inlineRun, closing bool) {
	var tags [8]string // open or close tags, in the order written
	n := 0
	add := func(open, close string) {
		if closing {
			tags[n] = close
		} else {
			tags[n] = open
		}
		n++
	}
	if run.sty&inline.Strong != 0 {
		add("<strong>", "</strong>")
	}
	if run.sty&inline.Em != 0 {
		add("<em>", "</em>")
	}
	if run.sty&inline.Strike != 0 {
		add("<s>", "</s>")
	}
	if run.sty&inline.Code != 0 {
		add("<code>", "</code>")
	}
	if run.sty&inline.Image != 0 {
		add("<span class=\"img\">", "</span>")
	}
	if run.fmt {
		add("<span class=\"fmt\">", "</span>")
	}
	if run.el {
		add("<small>", "</small>")
	}
	switch run.kind {
	case redline.Insert:
		add("<ins>", "</ins>")
	case redline.Delete:
		add("<del>", "</del>")
	}
	for k := range n {
		if closing {
			r.raw(tags[n-1-k])
		} else {
			r.raw(tags[k])
		}
	}
}

// fmtNotes gathers the changes of format of text that stayed: styles added
// or removed, and link targets changed.
type fmtNotes struct {
	notes []string
	seen  map[string]bool
	// the stretch of equal text being read whose style changed
	text        strings.Builder
	added, gone inline.Style
}

const maxFmtNotes = 6

func (f *fmtNotes) add(s string) {
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	if f.seen[s] || len(f.notes) >= maxFmtNotes {
		return
	}
	f.seen[s] = true
	f.notes = append(f.notes, s)
}

// compare notes how the text c of a byte changed between the old reading (byte i) and
// the new (byte j), and reports whether its look changed.
func (f *fmtNotes) compare(c string, ol *inline.Reading, i int, nw *inline.Reading, j int) bool {
	const styles = inline.Em | inline.Strong | inline.Code | inline.Strike
	os, ns := ol.Style[i]&styles, nw.Style[j]&styles
	if os != ns {
		if f.added != ns&^os || f.gone != os&^ns {
			f.endStyle()
			f.added, f.gone = ns&^os, os&^ns
		}
		f.text.WriteString(c)
	} else {
		f.endStyle()
	}
	od, nd := ol.Link(i), nw.Link(j)
	switch {
	case od == nd:
	case od == "":
		f.add("link added: " + nd)
	case nd == "":
		f.add("link removed: " + od)
	default:
		f.add("link changed: " + od + " \u2192 " + nd)
	}
	return os != ns || od != nd
}

func (f *fmtNotes) endStyle() {
	t := strings.TrimSpace(f.text.String())
	if t != "" {
		var what []string
		for _, s := range []struct {
			bit  inline.Style
			name string
		}{{inline.Strong, "bold"}, {inline.Em, "italic"}, {inline.Code, "code"}, {inline.Strike, "struck through"}} {
			if f.added&s.bit != 0 {
				what = append(what, "now "+s.name)
			}
			if f.gone&s.bit != 0 {
				what = append(what, "no longer "+s.name)
			}
		}
		f.add("format changed: \u201c" + truncate(t, 60) + "\u201d " + strings.Join(what, ", "))
	}
	f.text.Reset()
	f.added, f.gone = 0, 0
}

func (f *fmtNotes) list() []string {
	f.endStyle()
	return f.notes
}

// A page of changes only keeps elideKeep bytes of unchanged text on each
// side of a change inside a paragraph (and at each end of a paragraph
// shown as context), and the first changeKeep bytes of
// a longer insertion or deletion; the rest, which the full page shows,
// gives way to a mark ("[…]", "[… 12 more words]"), when that leaves out
// at least elideMin bytes. Cuts fall between words.
const (
	elideKeep  = 40
	changeKeep = 80
	elideMin   = 40
)

// elisions returns, for each op of a paragraph, the byte range [a, b) of
// its text that a page of changes only leaves out (a == b for none). The
// text kept before a cut ends with a word, and the text kept after it
// starts with a space. A paragraph with no change is context next to
// one: it keeps elideKeep bytes at the ends that near says, the start
// when a change comes before it, the end when one comes after it. A moved
// block shown by its first words (near has firstWords), ops is its old text as one op
// (firstWordsOps), which keeps its first changeKeep bytes.
func elisions(ops []redline.Op, near nearby) [][2]int {
	changed := false
	for _, o := range ops {
		changed = changed || o.Op != redline.Equal
	}
	cuts := make([][2]int, len(ops))
	for n, o := range ops {
		if near&firstWords != 0 || o.Op != redline.Equal {
			// a change, or a moved block cut as a long insertion is
			if a := wordEnd(o.Text, changeKeep); a >= 0 && len(o.Text)-a >= elideMin {
				cuts[n] = [2]int{a, len(o.Text)}
			}
			continue
		}
		t := o.Text
		if len(t) < elideMin+elideKeep {
			continue
		}
		a, b := 0, len(t)
		if n > 0 || !changed && near&changeBefore != 0 {
			if a = wordEnd(t, elideKeep); a < 0 {
				continue
			}
		}
		if n < len(ops)-1 || !changed && near&changeAfter != 0 {
			if b = strings.LastIndexAny(t[:max(len(t)-elideKeep, 0)], " \n"); b < 0 {
				continue
			}
		}
		if b-a >= elideMin {
			cuts[n] = [2]int{a, b}
		}
	}
	return cuts
}

// nearby says on which sides of an unchanged block a change lies.
type nearby uint8

const (
	changeBefore nearby = 1 << iota
	changeAfter
	// firstWords marks a moved block that a page of changes only shows
	// by its first words: at the place it left, and where it arrived when
	// its words did not change (its move is the change)
	firstWords
	// rewritten marks a block whose words changed for the most part,
	// which a page of changes only shows as its old text and its new
	rewritten
)

// rewriteShare is the share of unchanged text below which a page of changes
// only shows a changed block as rewritten: its old text, deleted, and its
// new text, inserted, each cut after its first words as a long insertion
// or deletion is. Word marks strewn through such a paragraph, between a few
// unchanged words ("der", "und"), say less than the start of each version.
const rewriteShare = 0.5

// isRewritten reports whether less than rewriteShare of the longer side of
// ops is unchanged text.
func isRewritten(ops []redline.Op) bool {
	eq, old, new := 0, 0, 0
	for _, o := range ops {
		switch o.Op {
		case redline.Equal:
			eq += len(o.Text)
			old += len(o.Text)
			new += len(o.Text)
		case redline.Insert:
			new += len(o.Text)
		case redline.Delete:
			old += len(o.Text)
		}
	}
	return (eq < old || eq < new) && float64(eq) < rewriteShare*float64(max(old, new))
}

// rewrittenOps is the old text of ops, deleted, and then its new text,
// inserted, between the unchanged text that starts and ends both, if any.
func rewrittenOps(ops []redline.Op) []redline.Op {
	var head, tail []redline.Op
	if len(ops) > 0 && ops[0].Op == redline.Equal {
		head, ops = ops[:1], ops[1:]
	}
	if len(ops) > 0 && ops[len(ops)-1].Op == redline.Equal {
		tail, ops = ops[len(ops)-1:], ops[:len(ops)-1]
	}
	out := append([]redline.Op(nil), head...)
	out = append(out, redline.Op{Op: redline.Delete, Text: sideText(ops, redline.Delete)}, redline.Op{Op: redline.Insert, Text: sideText(ops, redline.Insert)})
	return append(out, tail...)
}

// shownOps is what a page of changes only shows of ops, the text of the
// block being written (near tells how): its first words, the old text and
// then the new of a rewritten block, or ops as they are.
func (r *renderer) shownOps(ops []redline.Op) []redline.Op {
	switch {
	case r.near&firstWords != 0:
		return firstWordsOps(ops)
	case r.near&rewritten != 0:
		return rewrittenOps(ops)
	}
	return ops
}

// firstWordsOps is what a page of changes only shows of a moved block
// that it shows by its first words: its old text as one unchanged run,
// which elisions cuts after its first words.
func firstWordsOps(ops []redline.Op) []redline.Op {
	return []redline.Op{{Op: redline.Equal, Text: sideText(ops, redline.Delete)}}
}

// wordEnd is the index of the first space or line end at or after byte
// keep of t, or -1 when there is none.
func wordEnd(t string, keep int) int {
	if len(t) <= keep {
		return -1
	}
	k := strings.IndexAny(t[keep:], " \n")
	if k < 0 {
		return -1
	}
	return keep + k
}

// elisionMark is the text of the mark for a cut that starts at byte a of
// op o: after a space when words come before it, and with the number of
// words it stands for when they were inserted or deleted. It is written
// in <small>, outside any <ins> or <del>: it is not the draft's text.
//
// sep is set when an insertion follows a deleted op right after the cut
// (insertAfter): the mark then ends with a space, so that the inserted words
// do not run on from it.
func elisionMark(o redline.Op, a int, sep bool) string {
	m := "[\u2026]"
	switch o.Op {
	case redline.Insert:
		m = "[\u2026 " + wording.Count(len(strings.Fields(o.Text[a:])), "more inserted word") + "]"
	case redline.Delete:
		m = "[\u2026 " + wording.Count(len(strings.Fields(o.Text[a:])), "more deleted word") + "]"
	}
	if sep {
		m += " "
	}
	if a > 0 {
		return " " + m
	}
	return m
}

// insertAfter reports whether op n of ops is a deletion that an insertion
// follows.
func insertAfter(ops []redline.Op, n int) bool {
	return ops[n].Op == redline.Delete && n+1 < len(ops) && ops[n+1].Op == redline.Insert
}
