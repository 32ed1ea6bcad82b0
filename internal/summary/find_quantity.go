package summary

import (
	"strings"
	"sync"

	"github.com/codraft/codraft/internal/redline"
)

// extraWords is the most words besides the numbers that one side of an
// edit may hold for the edit to be a number replaced in the same phrase.
const extraWords = 3

// refExtraWords is the same for references, which are rewritten with
// more words around them ("§ 10 Abs. 1" → "Artikel 92 der Verordnung").
const refExtraWords = 12

// numbersAt is what one side of an edit holds: the quantities and the
// reference numbers it touches, and how many of its words are neither.
type numbersAt struct {
	qs    []quantity
	refs  []number
	extra int
	words int
}

// readNumbers classifies the numbers of text around s.
func readNumbers(text string, s span) numbersAt {
	var out numbersAt
	if s.a == s.b {
		return out
	}
	sc := numScratchPool.Get().(*numScratch)
	defer numScratchPool.Put(sc)
	ws := wordsAround(text, s, 12, sc.ws)
	sc.ws = ws
	if len(ws) == 0 {
		return out
	}
	first := strings.TrimSpace(text[:ws[0].a]) == ""
	ns := classify(ws, first, sc.ns)
	sc.ns = ns
	for _, q := range quantitiesIn(text, ns) {
		if touches(q.span, s) {
			out.qs = append(out.qs, q)
		}
	}
	refs := 0
	for i := range ns {
		if ns[i].kind == referenceNum && touches(ns[i].w.span, s) {
			refs++
		}
	}
	if refs > 0 {
		out.refs = make([]number, 0, refs)
	}
	for i, n := range ns {
		if !touches(n.w.span, s) {
			continue
		}
		out.words++
		switch {
		case n.kind == referenceNum:
			out.refs = append(out.refs, ns[i])
		case n.kind == labelNum, n.kind == versionNum, n.w.core == "", inQuantity(n.w.span, out.qs):
		case !linkWord(n.w.core):
			out.extra++
		}
	}
	return out
}

// linkWord reports whether a word (its core) is a reference or chain word
// ("Abs.", "und"), a trailing dot aside and in any case.
func linkWord(core string) bool {
	lw := strings.ToLower(strings.TrimRight(core, "."))
	return lex().referenceWords[lw] || lex().chainWords[lw]
}

// numScratch holds the words and numbers readNumbers reads, kept for the
// next call: what it returns is copied out of them.
type numScratch struct {
	ws []word
	ns []number
}

var numScratchPool = sync.Pool{New: func() any { return new(numScratch) }}

// numbers is what each side of the edit holds, read once when the change
// was read.
func (e *edit) numbers(al aligned) (numbersAt, numbersAt) {
	if e.nums != nil {
		return e.nums[0], e.nums[1]
	}
	return readNumbers(al.old, e.old), readNumbers(al.new, e.new)
}

// mayHoldNumbers reports whether the words of text[s.a:s.b] may be part of
// a quantity or a reference: a word holding a digit, a number word, a word
// that belongs to a quantity (a unit, a month, a currency, "per cent"), or
// the letter of a part ("Section G"). Where none is, neither rule finds
// anything, and the numbers around are not read.
func mayHoldNumbers(text string, s span) bool {
	for i := s.a; ; {
		w, j, ok := nextWordIn(text, i, s.b)
		if !ok {
			return false
		}
		l := strings.ToLower(strings.TrimRight(w.core, "."))
		if _, ok := numberWord(w.core); ok || hasDigit(w.raw) || lex().attachable[l] || letterRe.MatchString(w.core) {
			return true
		}
		i = j
	}
}

func inQuantity(s span, qs []quantity) bool {
	for _, q := range qs {
		if q.a < s.b && s.a < q.b {
			return true
		}
	}
	return false
}

func findQuantity(c *Context, sd *redline.SectionDiff) []Notable {
	var out []Notable
	for _, ch := range c.section(sd).changes {
		for _, e := range ch.edits {
			if n, ok := quantityChange(ch.al, e); ok {
				out = append(out, n)
			}
		}
	}
	return out
}

// quantityChange reads one edit as a quantity replaced by a different one
// in the same phrase, or a deadline, amount, percentage or date replaced
// by words.
func quantityChange(al aligned, e edit) (Notable, bool) {
	if e.old.a == e.old.b || e.new.a == e.new.b || e.hunk.old.a == e.hunk.old.b || e.hunk.new.a == e.hunk.new.b || !e.isolated {
		return Notable{}, false // text only inserted or only deleted, or a sentence rewritten
	}
	o, n := e.numbers(al)
	if len(o.qs) == 0 || o.extra > extraWords || n.extra > extraWords+1 {
		return Notable{}, false
	}
	verb := "changed"
	switch {
	case len(n.qs) > 0:
		if sameValues(o.qs, n.qs) {
			return Notable{}, false
		}
	case len(n.refs) == 0 && o.qs[0].digits && o.qs[0].kind != "number" && n.words <= extraWords+1:
		verb = "removed"
	default:
		return Notable{}, false
	}
	kind := "number"
	for _, q := range append(append([]quantity{}, o.qs...), n.qs...) {
		if q.kind != "number" {
			kind = q.kind
			break
		}
	}
	bs, as := e.old, e.new
	for _, q := range o.qs {
		bs = bs.union(q.span)
	}
	for _, q := range n.qs {
		as = as.union(q.span)
	}
	nb := Notable{What: kind + " " + verb, Before: excerpt(al.old, bs), After: excerpt(al.new, as), Old: joinQuantities(o.qs), New: joinQuantities(n.qs)}
	if verb == "removed" {
		nb.New = strings.TrimRight(squash(al.new[e.new.a:e.new.b]), ".,;:")
	}
	return nb, true
}

func sameValues(a, b []quantity) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].value != b[i].value {
			return false
		}
	}
	return true
}

func joinQuantities(qs []quantity) string {
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = squash(q.text)
	}
	return strings.Join(parts, "; ")
}

// refJoin is the most equal words between two changed references for them
// to be one reference changed: "§ [-10c Abs-]{+Artikel 113+}. [-1-]{+der
// Verordnung+}".
const refJoin = 2

func findReference(c *Context, sd *redline.SectionDiff) []Notable {
	var out []Notable
	for _, ch := range c.section(sd).changes {
		last := -1 // the edit behind the last finding of this block
		for i, e := range ch.edits {
			n, ok := c.referenceChange(ch.al, e)
			if !ok {
				n, ok = c.anchorChange(ch.al, e)
			}
			if !ok {
				continue
			}
			if last >= 0 && wordCount(ch.al.new, span{ch.edits[last].hunk.new.b, e.hunk.new.a}) <= refJoin {
				p := &out[len(out)-1]
				first := ch.edits[last]
				p.Old = strings.TrimSpace(p.Old + " " + n.Old)
				p.New = strings.TrimSpace(p.New + " " + n.New)
				p.Before = excerpt(ch.al.old, first.old.union(e.old))
				p.After = excerpt(ch.al.new, first.new.union(e.new))
				if strings.HasPrefix(n.What, "reference changed") {
					p.What = n.What
				}
			} else {
				out = append(out, n)
			}
			last = i
		}
	}
	return out
}

// referenceChange reads one edit as a reference replaced by another in the
// same phrase, other than by a renumbering of the section it names.
func (c *Context) referenceChange(al aligned, e edit) (Notable, bool) {
	if e.old.a == e.old.b || e.new.a == e.new.b || e.hunk.old.a == e.hunk.old.b || e.hunk.new.a == e.hunk.new.b {
		return Notable{}, false // text only inserted or only deleted
	}
	o, n := e.numbers(al)
	if len(o.refs) == 0 || o.extra > refExtraWords || n.extra > refExtraWords || len(o.qs)+len(n.qs) > 0 {
		return Notable{}, false
	}
	what := "reference changed"
	switch {
	case len(n.refs) == 0 && n.extra <= extraWords*2 && n.words >= 2:
		what = "reference replaced by words"
	case len(n.refs) == 0:
		return Notable{}, false
	case refValues(o.refs) == refValues(n.refs) || c.renumberingOnly(o.refs, n.refs):
		return Notable{}, false
	}
	bs, as := e.old, e.new
	return Notable{
		What:   what,
		Before: excerpt(al.old, bs),
		After:  excerpt(al.new, as),
		Old:    refValues(o.refs),
		New:    firstNonEmpty(refValues(n.refs), strings.TrimRight(squash(al.new[e.new.a:e.new.b]), ".,;:")),
	}, true
}

func refValues(ns []number) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.w.core
	}
	return strings.Join(parts, " ")
}

// renumberingOnly reports whether every changed reference number goes from
// the old number of a renumbered section to its new one, as in "see
// Measure 2.3" becoming "see Measure 2.4" when Measure 2.3 was renumbered
// 2.4.
func (c *Context) renumberingOnly(o, n []number) bool {
	if len(o) != len(n) {
		return false
	}
	for i := range o {
		a, b := strings.TrimRight(o[i].w.core, "."), strings.TrimRight(n[i].w.core, ".")
		if a != b && !c.renumbers[[2]string{a, b}] {
			return false
		}
	}
	return true
}

// anchorChange reads one edit as a cross-reference by section anchor
// ({{id}} or a link to #id) that now names another section of the draft,
// while the section it named before is still there under its id: the text
// points somewhere else. A reference that follows its section's new id (a
// renamed anchor) is no change.
func (c *Context) anchorChange(al aligned, e edit) (Notable, bool) {
	if e.hunk.old.a == e.hunk.old.b || e.hunk.new.a == e.hunk.new.b {
		return Notable{}, false
	}
	a, ok := anchorAround(al.old, e.hunk.old)
	if !ok {
		return Notable{}, false
	}
	b, ok := anchorAround(al.new, e.hunk.new)
	if !ok || a.id == b.id {
		return Notable{}, false
	}
	if c.newRefs[a.id] == nil || c.newRefs[b.id] == nil || c.oldRefs[a.id] == nil {
		return Notable{}, false // not both sections of the draft, or the old one is gone
	}
	if sd := c.oldSections[a.id]; sd != nil && sd.New != nil && sd.New.ID == b.id {
		return Notable{}, false // the anchor of a renamed section
	}
	return Notable{
		What:   "reference changed",
		Before: excerpt(al.old, a.span),
		After:  excerpt(al.new, b.span),
		Old:    a.id,
		New:    b.id,
	}, true
}

// anchorRef is a cross-reference to a section anchor in a text.
type anchorRef struct {
	id   string
	span span
}

// maxAnchor bounds the length of an anchor that is looked for.
const maxAnchor = 200

// anchorAround finds the anchor reference that holds the span sp of s,
// wholly or in part: "{{id}}" (kramdown-rfc's cross-reference) or
// "](#id)" (a Markdown link to a fragment).
func anchorAround(s string, sp span) (anchorRef, bool) {
	lo := max(0, sp.a-maxAnchor)
	hi := min(len(s), sp.b+maxAnchor)
	for _, f := range [][2]string{{"{{", "}}"}, {"](#", ")"}} {
		open := strings.LastIndex(s[lo:min(len(s), sp.a+len(f[0]))], f[0])
		if open < 0 {
			continue
		}
		open += lo
		start := open + len(f[0])
		end := strings.Index(s[start:hi], f[1])
		if end < 0 {
			continue
		}
		end += start
		if end < sp.a || start > sp.b {
			continue // the edit is outside this reference
		}
		id := strings.TrimSpace(s[start:end])
		if id == "" || strings.ContainsAny(id, " \t\n{}[]()") {
			continue
		}
		return anchorRef{id: id, span: span{open, end + len(f[1])}}, true
	}
	return anchorRef{}, false
}
