package summary

import (
	"strings"
	"sync"
	"unicode"
)

// A sentence rewritten around its one obligation word keeps the duty it
// states when it keeps the noun phrase that word binds: "The probe frame
// MUST be sent first" rewritten as "This may be done by sending the probe
// frame" still speaks of the probe frame, its subject now the object of a
// weaker word. The kept phrase is a run of words the redline leaves equal
// on both sides, in the one sentence of each side that holds it.

// phraseWords and phraseContent are the fewest words, and the fewest of
// them that are not function words, a kept run must hold to stand for a
// bound noun phrase.
const (
	phraseWords   = 3
	phraseContent = 2
)

// functionWords are English and German words that carry no matter of their
// own: a kept run of them ("of the", "in der") names nothing.
var functionWords = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(`a an the this that these those it its it's their his her
		of to in on at by for from with without into onto over under as than then and or nor
		but if when where while which who whom whose what be is are was were been being
		has have had do does did not no any all each every some such other same there here
		so also only both either neither
		der die das den dem des ein eine einen einem einer eines und oder aber wenn als
		von zu im in am an auf aus bei mit nach über unter für vor durch gegen ohne um
		ist sind wird werden wurde war sein nicht kein keine es sich dass daß`) {
		out[w] = true
	}
	return out
})

// keptRun is a run of words that the redline leaves equal: its span in the
// old text and the offset that carries it to the new one.
type keptRun struct {
	old   span
	shift int
}

func (r keptRun) new() span { return span{r.old.a + r.shift, r.old.b + r.shift} }

// keptRuns lists the text between the hunks of al, equal on both sides.
func keptRuns(al aligned) []keptRun {
	var out []keptRun
	oa, na := 0, 0
	for _, h := range al.hunks {
		if oa < h.old.a {
			out = append(out, keptRun{span{oa, h.old.a}, na - oa})
		}
		oa, na = h.old.b, h.new.b
	}
	if oa < len(al.old) {
		out = append(out, keptRun{span{oa, len(al.old)}, na - oa})
	}
	return out
}

// soleModal is the one obligation word of the k-th sentence of p, at
// offsets into p's text, when the sentence holds exactly one, it is not a
// loose adjective, and the hunks changed it (hs, one side of them).
func soleModal(p *prose, k int, hs []span) (modal, bool) {
	ms := p.modalsOf(k)
	if len(ms) != 1 || ms[0].loose {
		return modal{}, false
	}
	m := ms[0]
	s := p.sentences()[k]
	m.a, m.b = m.a+s.a, m.b+s.a
	return m, inAny(m.span, hs)
}

// rephrased finds, in a block whose sentences were rewritten, an old
// sentence and a new one that each hold one obligation word, of different
// forces, both changed, and that keep the same noun phrase bound to that
// word on each side: the duty rewritten around its object (or subject).
// A sentence that pairs with more than one on the other side counts for
// none.
func (c *Context) rephrased(ch change) []Notable {
	var ohs, nhs []span
	for _, h := range ch.al.hunks {
		ohs, nhs = append(ohs, h.old), append(nhs, h.new)
	}
	type pair struct {
		om, nm modal
		run    keptRun // the kept phrase
	}
	var pairs []pair
	oldUse, newUse := map[int]int{}, map[int]int{}
	runs := keptRuns(ch.al)
	for ko, so := range ch.oldP.sentences() {
		om, ok := soleModal(ch.oldP, ko, ohs)
		if !ok || c.movedSentence(ch.al.old[so.a:so.b]) {
			continue
		}
		for kn, sn := range ch.newP.sentences() {
			nm, ok := soleModal(ch.newP, kn, nhs)
			if !ok || om.force == nm.force || !om.force.binding() && !nm.force.binding() ||
				c.movedSentence(ch.al.new[sn.a:sn.b]) {
				continue
			}
			if run, ok := boundPhrase(ch.al, runs, so, sn, om, nm); ok {
				pairs = append(pairs, pair{om, nm, run})
				oldUse[om.a]++
				newUse[nm.a]++
			}
		}
	}
	var out []Notable
	for _, p := range pairs {
		if oldUse[p.om.a] != 1 || newUse[p.nm.a] != 1 {
			continue
		}
		out = append(out, strengthNote(p.om, p.nm,
			excerpt(ch.al.old, p.om.span.union(p.run.old)),
			excerpt(ch.al.new, p.nm.span.union(p.run.new()))))
	}
	return out
}

// boundPhrase finds a kept noun phrase that om binds in the old sentence
// so and nm binds in the new sentence sn.
func boundPhrase(al aligned, runs []keptRun, so, sn span, om, nm modal) (keptRun, bool) {
	for _, r := range runs {
		// the part of the run inside both sentences, in old offsets
		a := max(r.old.a, so.a, sn.a-r.shift)
		b := min(r.old.b, so.b, sn.b-r.shift)
		if a >= b {
			continue
		}
		for _, piece := range clausePieces(al, r.shift, a, b) {
			k := keptRun{piece, r.shift}
			if nounPhrase(al.old, piece) && binds(al.old, om, piece) && binds(al.new, nm, k.new()) {
				return k, true
			}
		}
	}
	return keptRun{}, false
}

// clausePieces splits the whole words of old[a:b] (whole on both sides of
// al: a word cut by a hunk is not kept) into runs that no clause break
// (, ; : . ! ? before white space) divides.
func clausePieces(al aligned, shift, a, b int) []span {
	var out []span
	cur := span{-1, -1}
	flush := func() {
		if cur.a >= 0 {
			out = append(out, cur)
		}
		cur = span{-1, -1}
	}
	for _, w := range wordsIn(al.old, a, b) {
		whole := wordStart(al.old, w.a) == w.a && wordEnd(al.old, w.b) == w.b &&
			wordStart(al.new, w.a+shift) == w.a+shift && wordEnd(al.new, w.b+shift) == w.b+shift
		if !whole {
			flush()
			continue
		}
		if cur.a < 0 {
			cur.a = w.a
		}
		cur.b = w.b
		if strings.ContainsAny(w.raw[len(w.raw)-1:], ",;:.!?") {
			flush()
		}
	}
	flush()
	return out
}

// nounPhrase reports whether text[s.a:s.b] holds enough words, enough of
// them not function words, to name something.
func nounPhrase(text string, s span) bool {
	ws := wordsIn(text, s.a, s.b)
	content := 0
	for _, w := range ws {
		core := strings.ToLower(w.core)
		if strings.IndexFunc(core, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 && !functionWords()[core] {
			content++
		}
	}
	return len(ws) >= phraseWords && content >= phraseContent
}

// binds reports whether the obligation word m binds the phrase at s in
// text: s stands just before m (its subject) or just after it (its
// object), at most boundWords words away, in the same clause.
func binds(text string, m modal, s span) bool {
	switch {
	case s.b <= m.a:
		// the stop ending the phrase's last word ends its clause too
		return len(strings.Fields(text[s.b:m.a])) <= boundWords && !clauseBreak(text[s.b-1:m.a])
	case m.b <= s.a:
		return len(strings.Fields(text[m.b:s.a])) <= boundWords && !clauseBreak(text[m.b:s.a])
	}
	return false
}

// clauseBreak reports whether s holds a stop that ends a clause: one of
// , ; : . ! ? followed by white space or ending s.
func clauseBreak(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(",;:.!?", rune(s[i])) {
			continue
		}
		if i+1 == len(s) || asciiSpace(s[i+1]) {
			return true
		}
	}
	return false
}
