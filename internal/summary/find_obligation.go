package summary

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/codraft/codraft/internal/redline"
)

// How many words an edit may span on each side and still be read as one
// obligation word replaced by another: a few when both sides hold one
// ("is required to" → "is encouraged to"), fewer when one side holds none
// ("shall" → "will", "**REQUIRED**" deleted from a cell).
const (
	swapWords = 6
	dropWords = 3
)

// modalsNear finds the obligation words of p's text around s.
func modalsNear(p *prose, s span) []modal {
	text := p.text
	a, b := wordStart(text, s.a), wordEnd(text, s.b)
	for i := 0; i < 12; i++ {
		a, b = prevWord(text, a), nextWord(text, b)
	}
	ms := p.modalsIn(span{a, b})
	for i := range ms {
		ms[i].a += a
		ms[i].b += a
	}
	return ms
}

// pick is the first modal of ms that touches s, else the first that
// touches area, and whether it touched s itself. A modal with a gap ("hat
// … zu", "darf … nicht") touches s only by its own words, not by the words
// in the gap.
func pick(ms []modal, s, area span) (modal, bool, bool) {
	for _, m := range ms {
		if touchesKey(m, s) {
			return m, true, true
		}
	}
	for _, m := range ms {
		if touches(m.span, area) {
			return m, false, true
		}
	}
	return modal{}, false, false
}

func touchesKey(m modal, s span) bool {
	if !strings.Contains(m.term(), "…") {
		return touches(m.span, s)
	}
	first := span{m.a, wordEnd(m.text, 0) + m.a}
	last := span{m.a + wordStart(m.text, len(m.text)), m.b}
	return touches(first, s) || touches(last, s)
}

func findObligation(c *Context, sd *redline.SectionDiff) []Notable {
	var out []Notable
	for _, ch := range c.section(sd).changes {
		found := false
		for _, e := range ch.edits {
			if n, ok := strengthChange(ch, e); ok {
				out = append(out, n)
				found = true
			}
		}
		if found {
			continue
		}
		r := rebound(ch)
		if len(r) == 0 {
			r = c.rephrased(ch)
		}
		out = append(out, r...)
	}
	return out
}

// boundWords is how many words after an obligation word say what it binds
// to: "MUST send a TCP segment".
const boundWords = 4

// bound is an obligation word with the words it binds to.
type bound struct {
	m      modal
	phrase string
}

// bounds lists the binding obligation words of p's text with the words
// after each, folded.
func bounds(p *prose) []bound {
	text := p.text
	var out []bound
	for _, m := range p.modalsIn(span{0, len(text)}) {
		if m.loose || !m.force.binding() {
			continue
		}
		ws := strings.Fields(normDef(text[m.b:min(len(text), m.b+120)]))
		if len(ws) < boundWords {
			continue
		}
		out = append(out, bound{m, strings.Join(ws[:boundWords], " ")})
	}
	return out
}

// rebound finds, in a block whose sentences were rewritten, the same words
// bound to an obligation word of another force on each side: "a proxy MUST
// send a TCP segment" becoming "the proxy SHOULD send a TCP segment". Only
// words bound once on each side count.
func rebound(ch change) []Notable {
	ob := bounds(ch.oldP)
	if len(ob) == 0 {
		return nil // no obligation word on the old side to rebind
	}
	nb := bounds(ch.newP)
	count := func(bs []bound) map[string]int {
		n := map[string]int{}
		for _, b := range bs {
			n[b.phrase]++
		}
		return n
	}
	oc, nc := count(ob), count(nb)
	var out []Notable
	for _, o := range ob {
		if oc[o.phrase] != 1 || nc[o.phrase] != 1 {
			continue
		}
		for _, n := range nb {
			if n.phrase != o.phrase || n.m.force == o.m.force {
				continue
			}
			out = append(out, strengthNote(o.m, n.m, excerpt(ch.al.old, o.m.span), excerpt(ch.al.new, n.m.span)))
		}
	}
	return out
}

// strengthNote reports the obligation word om rewritten as nm, of another
// force, with the excerpts that show them.
func strengthNote(om, nm modal, before, after string) Notable {
	verb := "weakened"
	switch {
	case nm.force.level > om.force.level:
		verb = "strengthened"
	case nm.force.level == om.force.level:
		verb = "reversed"
	}
	return Notable{
		What:   fmt.Sprintf("obligation %s (%s → %s)", verb, om.term(), nm.term()),
		Before: before,
		After:  after,
		Old:    om.term(),
		New:    nm.term(),
	}
}

// strengthChange reads one edit as an obligation word replaced by one of
// another force.
func strengthChange(ch change, e edit) (Notable, bool) {
	if !e.isolated {
		return Notable{}, false // a piece of a sentence rewritten
	}
	al := ch.al
	om, oDirect, oOK, nm, nDirect, nOK := editModals(ch, e)
	if !oDirect && !nDirect {
		return Notable{}, false // the words changed beside an obligation word, not in it
	}
	ow, nw := changedWords(al.old, e.old, e.hunk.old), changedWords(al.new, e.new, e.hunk.new)
	var from, to force
	var fromTerm, toTerm string
	switch {
	case oOK && nOK:
		limit := swapWords
		if om.loose || nm.loose {
			limit = dropWords
		}
		if om.force == nm.force || (ow > limit || nw > limit) && !(oDirect && nDirect && keptObject(al, e, om, nm)) {
			return Notable{}, false
		}
		from, to, fromTerm, toTerm = om.force, nm.force, om.term(), nm.term()
	case oOK && !om.loose && om.force.binding():
		if !dropped(ow, nw, al.old, om, al.new[e.new.a:e.new.b]) {
			return Notable{}, false
		}
		from, fromTerm = om.force, om.term()
	case nOK && !nm.loose && nm.force.binding():
		if !dropped(nw, ow, al.new, nm, al.old[e.old.a:e.old.b]) {
			return Notable{}, false
		}
		to, toTerm = nm.force, nm.term()
	default:
		return Notable{}, false
	}
	verb := "weakened"
	switch {
	case to.level > from.level:
		verb = "strengthened"
	case to.level == from.level:
		verb = "reversed"
	}
	show := func(t, text string, s span) string {
		if t != "" {
			return t
		}
		if w := squash(strings.Trim(text[s.a:s.b], "*_|` ")); w != "" {
			return "none: " + w
		}
		return "none"
	}
	bs, as := e.old, e.new
	if oOK {
		bs = bs.union(om.span)
	}
	if nOK {
		as = as.union(nm.span)
	}
	return Notable{
		What:   fmt.Sprintf("obligation %s (%s → %s)", verb, show(fromTerm, al.old, e.old), show(toTerm, al.new, e.new)),
		Before: excerpt(al.old, bs),
		After:  excerpt(al.new, as),
		Old:    fromTerm,
		New:    toTerm,
	}, true
}

// editModals picks the obligation word of each side of an edit (see
// pick). An empty side touches no obligation word, so the other side is
// read first, and when it touches none either the empty side is not read
// (neither side is direct then, which ends the edit's reading).
func editModals(ch change, e edit) (om modal, oDirect, oOK bool, nm modal, nDirect, nOK bool) {
	al := ch.al
	if e.old.a < e.old.b {
		om, oDirect, oOK = pick(modalsNear(ch.oldP, e.old), e.old, near(al.old, e.old))
	}
	if oDirect || e.new.a < e.new.b {
		nm, nDirect, nOK = pick(modalsNear(ch.newP, e.new), e.new, near(al.new, e.new))
	}
	if e.old.a == e.old.b && nDirect {
		om, oDirect, oOK = pick(modalsNear(ch.oldP, e.old), e.old, near(al.old, e.old))
	}
	return
}

// changedWords is the number of words of text[s.a:s.b] that the hunk h
// changes by a letter or a digit: a word that the hunk touches only by
// the punctuation glued to it ("0x21`), the following values" deleted
// from after "0x21`)") is kept, not rewritten.
func changedWords(text string, s, h span) int {
	n := 0
	for _, w := range wordsIn(text, s.a, s.b) {
		a, b := max(w.a, h.a), min(w.b, h.b)
		for _, r := range text[a:max(a, b)] {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
				break
			}
		}
	}
	return n
}

// dropped reports whether an edit of mw words holding the obligation word
// m of text, replaced by plain (pw words, no obligation word), reads as
// the obligation dropped (or, read the other way, added): a few words on
// each side, and not only the opening word of a construction whose
// obligation may stand out of sight. More words may go when plain states
// as a fact the act that m bound ("MUST use" → "uses"): the obligation
// became a statement.
func dropped(mw, pw int, text string, m modal, plain string) bool {
	if openingOnly(plain) {
		return false
	}
	if mw <= dropWords && pw <= dropWords {
		return true
	}
	return mw <= swapWords && pw <= swapWords && statesAct(plain, actionOf(text[m.b:min(len(text), m.b+120)]))
}

// statesAct reports whether s holds the verb v in the present tense of a
// statement: "uses" or "use" for "use", "applies" for "apply".
func statesAct(s, v string) bool {
	if len(v) < 2 {
		return false
	}
	forms := []string{v, v + "s", v + "es"}
	if strings.HasSuffix(v, "y") {
		forms = append(forms, v[:len(v)-1]+"ies")
	}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,;:*_()")
		for _, f := range forms {
			if w == f {
				return true
			}
		}
	}
	return false
}

// openingWords is the most words an edit may span on each side when it
// rewrites a sentence's opening up to an obligation word that binds the
// same kept words on both sides.
const openingWords = 12

// keptWords is how many words after such an edit must be kept, the same
// on both sides, for the two obligation words to bind the same object.
const keptWords = 3

// keptObject reports whether an edit that swaps obligation words om and nm
// over many words rewrote what leads up to them, not what they bind: each
// stands at most boundWords words before the edit's end, in the same
// clause (no punctuation between), and the words after
// the edit, kept on both sides, are what both bind ("This may be done
// using | the SNI extension" → "If …, clients MUST send | the SNI
// extension").
func keptObject(al aligned, e edit, om, nm modal) bool {
	if wordCount(al.old, e.old) > openingWords || wordCount(al.new, e.new) > openingWords {
		return false
	}
	if om.b > e.old.b || nm.b > e.new.b ||
		wordCount(al.old, span{om.b, e.old.b}) > boundWords || wordCount(al.new, span{nm.b, e.new.b}) > boundWords ||
		strings.ContainsAny(al.old[om.b:e.old.b], ",;:.!?") || strings.ContainsAny(al.new[nm.b:e.new.b], ",;:.!?") {
		return false
	}
	ow, nw := firstWords(al.old, e.old.b, keptWords), firstWords(al.new, e.new.b, keptWords)
	if len(ow) < keptWords || len(nw) < keptWords {
		return false
	}
	for i := range ow {
		o, n := al.old[ow[i].a:ow[i].b], al.new[nw[i].a:nw[i].b]
		if o != n || strings.ContainsAny(o, ".;:!?") || changedNew(al, nw[i]) {
			return false
		}
	}
	return true
}

// changedNew reports whether a hunk of al changed the new text at s.
func changedNew(al aligned, s span) bool {
	for _, h := range al.hunks {
		if h.new.a < h.new.b && h.new.a < s.b && s.a < h.new.b {
			return true
		}
	}
	return false
}

// openingOnly reports whether the words replaced on the side without an
// obligation word are only words that open a binding construction whose
// other words may stand out of sight ("hat" of "hat … zu enthalten", "ist"
// of "ist … verpflichtet"): an obligation may be there, so nothing is
// known to have been strengthened or weakened.
func openingOnly(s string) bool {
	loadModals()
	ws := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range ws {
		if !openers[foldWord(w)] {
			return false
		}
	}
	return len(ws) > 0
}

// obligationIn is the strongest binding obligation word of the sentences of
// p's text that s covers whole, with the sentence it is in.
func (c *Context) obligationIn(p *prose, s span) (modal, span, bool) {
	best, at, ok := modal{}, span{}, false
	text := p.text
	for k, sent := range p.sentences() {
		if sent.b <= s.a || !covers(text, s, sent) {
			continue
		}
		if sent.a >= s.b {
			break
		}
		if m, found := p.strongestOf(k); found && !c.movedSentence(text[sent.a:sent.b]) {
			m.a += sent.a
			m.b += sent.a
			if !ok || stronger(m.force, best.force) {
				best, at, ok = m, sent, true
			}
		}
	}
	return best, at, ok
}

func stronger(a, b force) bool {
	return a.level > b.level || (a.level == b.level && a.neg && !b.neg)
}

// covers reports whether s holds all of sent but for white space and
// punctuation at its ends.
func covers(text string, s, sent span) bool {
	a, b := sent.a, sent.b
	for a < b && strings.ContainsRune(" \n*_\"“”'([{", rune(text[a])) {
		a++
	}
	for b > a && strings.ContainsRune(" \n*_\"“”')]}.;:!?,", rune(text[b-1])) {
		b--
	}
	return a < b && s.a <= a && b <= s.b
}

// obligationFindings finds the obligations deleted (old) or inserted
// (!old) in a section: in blocks deleted or inserted whole, and in
// sentences a change deleted or inserted whole. A change that replaces
// sentences by others of the same force reports nothing.
func (c *Context) obligationFindings(sd *redline.SectionDiff, old bool) []Notable {
	st := c.section(sd)
	var out []Notable
	whole := st.inserted
	if old {
		whole = st.deleted
	}
	for _, b := range whole {
		if m, sent, ok := c.obligationIn(b.p, span{0, len(b.text)}); ok {
			out = append(out, obligationNote(b.text, m, sent, old))
		}
	}
	var other []duty
	otherRead := false
	for _, ch := range st.changes {
		reported := map[int]bool{} // the sentences reported, by start
		for _, e := range ch.edits {
			om, osent, oOK := c.obligationIn(ch.oldP, e.hunk.old)
			nm, nsent, nOK := c.obligationIn(ch.newP, e.hunk.new)
			if old && oOK {
				reported[osent.a] = true
			}
			if !old && nOK {
				reported[nsent.a] = true
			}
			switch {
			case old && oOK && (!nOK || om.force != nm.force):
				out = append(out, obligationNote(ch.al.old, om, osent, true))
			case !old && nOK && (!oOK || om.force != nm.force):
				out = append(out, obligationNote(ch.al.new, nm, nsent, false))
			}
		}
		out = append(out, c.mostlyChanged(ch, old, reported)...)
		out = append(out, c.reassigned(&st, ch, old, reported, &other, &otherRead)...)
	}
	return out
}

// mostly is the share of a sentence's words that its change must have
// deleted (or inserted) for the sentence to count as deleted (inserted)
// when no one hunk holds it whole: a few words kept at its ends or in
// between do not keep it.
const mostly = 0.75

// mostlyChanged finds the sentences of one side of a change (the old when
// old is true) that no one hunk holds whole but whose words the hunks
// mostly deleted (inserted), obligation word included. Such a sentence is
// an obligation removed (added) unless a sentence the same hunks touch on
// the other side carries an obligation: then an obligation was rewritten,
// which the strength rule reads.
func (c *Context) mostlyChanged(ch change, old bool, reported map[int]bool) []Notable {
	this, other := ch.oldP, ch.newP
	side := func(h hunk) (span, span) { return h.old, h.new }
	if !old {
		this, other = ch.newP, ch.oldP
		side = func(h hunk) (span, span) { return h.new, h.old }
	}
	text := this.text
	var out []Notable
	var hs, os []span // the hunks overlapping a sentence, on this side and the other
	for k, sent := range this.sentences() {
		hs, os = hs[:0], os[:0]
		whole := false
		for _, h := range ch.al.hunks {
			this, that := side(h)
			if this.a < sent.b && sent.a < this.b {
				hs, os = append(hs, this), append(os, that)
				whole = whole || covers(text, this, sent)
			}
		}
		if whole || len(hs) == 0 || changedShare(text, sent, hs) < mostly {
			continue
		}
		m, ok := this.strongestOf(k)
		if !ok || !inAny(span{m.a + sent.a, m.b + sent.a}, hs) || c.movedSentence(text[sent.a:sent.b]) {
			continue
		}
		m.a, m.b = m.a+sent.a, m.b+sent.a
		if bindsAcross(other, os) {
			continue // an obligation rewritten: the strength rule reads it
		}
		reported[sent.a] = true
		out = append(out, obligationNote(text, m, sent, old))
	}
	return out
}

// changedShare is the share of the words of text[s.a:s.b] that overlap
// one of hs.
func changedShare(text string, s span, hs []span) float64 {
	words, n := 0, 0
	for i := s.a; i < s.b; {
		if sp, m := spaceAt(text, i); sp {
			i += m
			continue
		}
		j := i
		for j < s.b {
			sp, m := spaceAt(text, j)
			if sp {
				break
			}
			j += m
		}
		words++
		if inAny(span{i, j}, hs) {
			n++
		}
		i = j
	}
	if words == 0 {
		return 0
	}
	return float64(n) / float64(words)
}

// inAny reports whether s overlaps one of hs.
func inAny(s span, hs []span) bool {
	for _, h := range hs {
		if s.a < h.b && h.a < s.b {
			return true
		}
	}
	return false
}

// bindsAcross reports whether a sentence of p's text that the spans hs
// touch carries an obligation.
func bindsAcross(p *prose, hs []span) bool {
	for k, sent := range p.sentences() {
		if !inAny(sent, hs) {
			continue
		}
		if _, ok := p.strongestOf(k); ok {
			return true
		}
	}
	return false
}

func obligationNote(text string, m modal, sent span, old bool) Notable {
	if old {
		return Notable{What: fmt.Sprintf("obligation removed (%s)", m.term()), Before: excerpt(text, sent), Old: m.term()}
	}
	return Notable{What: fmt.Sprintf("obligation added (%s)", m.term()), After: excerpt(text, sent), New: m.term()}
}

func findObligationRemoved(c *Context, sd *redline.SectionDiff) []Notable {
	if sd.Status == redline.Deleted {
		return nil // a deleted section is a deleted commitment
	}
	return c.obligationFindings(sd, true)
}

func findObligationAdded(c *Context, sd *redline.SectionDiff) []Notable {
	return c.obligationFindings(sd, false)
}

// movedSentence reports whether a sentence carrying an obligation was
// deleted in one place and inserted in another with nearly the same words:
// text that moved, which fires no rule.
func (c *Context) movedSentence(s string) bool {
	if len(c.moved) == 0 {
		return false
	}
	return c.moved[sentenceKey(s)]
}

// sentenceKey is a sentence's words, folded, as a key.
func sentenceKey(s string) string { return normDef(s) }

// movedMin is the share of words two sentences must have in common to be
// one sentence moved.
const movedMin = 0.8

// movedCandidates are the sentences carrying an obligation that a section
// deleted (gone) and inserted (came), keyed, in the order they are read.
func movedCandidates(st *sectionText) (gone, came []keyed) {
	collect := func(p *prose, s span, into *[]keyed) {
		text := p.text
		for k, sent := range p.sentences() {
			if sent.b > s.a && sent.a < s.b && covers(text, s, sent) {
				if _, ok := p.strongestOf(k); ok {
					*into = append(*into, newKeyed(sentenceKey(text[sent.a:sent.b])))
				}
			}
		}
	}
	for _, b := range st.deleted {
		collect(b.p, span{0, len(b.text)}, &gone)
	}
	for _, b := range st.inserted {
		collect(b.p, span{0, len(b.text)}, &came)
	}
	for _, ch := range st.changes {
		for _, e := range ch.edits {
			collect(ch.oldP, e.hunk.old, &gone)
			collect(ch.newP, e.hunk.new, &came)
		}
	}
	return gone, came
}

// buildMoved finds the sentences carrying an obligation that were deleted
// in one place and inserted in another with nearly the same words, from
// the movedCandidates of every section.
func (c *Context) buildMoved(gone, came []keyed) {
	c.moved = map[string]bool{}
	if len(gone)*len(came) > 1_000_000 {
		return // too many to pair; each is reported
	}
	// two sentences are similar only when their word counts are close
	// (the shorter holds at least movedMin of the longer's words): came is
	// sorted by word count, and each gone sentence is compared with the
	// run of counts near its own, a little wider than similar needs
	sort.SliceStable(came, func(i, j int) bool { return len(came[i].words) < len(came[j].words) })
	for _, g := range gone {
		lo := int(movedMin*float64(len(g.words))) - 1
		hi := int(float64(len(g.words))/movedMin) + 1
		k := sort.Search(len(came), func(k int) bool { return len(came[k].words) >= lo })
		for ; k < len(came) && len(came[k].words) <= hi; k++ {
			if n := came[k]; similar(g, n) {
				c.moved[g.key], c.moved[n.key] = true, true
			}
		}
	}
}

// keyed is a sentence's key with its words in sorted order.
type keyed struct {
	key   string
	words []string
}

func newKeyed(key string) keyed {
	ws := strings.Fields(key)
	sort.Strings(ws)
	return keyed{key, ws}
}

// similar reports whether two sentences share most of their words.
func similar(a, b keyed) bool {
	if a.key == b.key {
		return true
	}
	need := movedMin * float64(max(len(a.words), len(b.words)))
	if float64(min(len(a.words), len(b.words))) < need {
		return false // too few words on one side to share enough
	}
	common := 0
	for i, j := 0, 0; i < len(a.words) && j < len(b.words); {
		switch {
		case a.words[i] == b.words[j]:
			common++
			i++
			j++
		case a.words[i] < b.words[j]:
			i++
		default:
			j++
		}
	}
	return float64(common) >= need
}

// findDeletedCommitment reports a deleted section whose deleted text
// carried an obligation, and any deleted section with a number. A section
// all of whose text moved elsewhere was not deleted in substance. A section
// that kept its number but is now a placeholder ("(weggefallen)",
// "Repealed", "[Reserved]") was repealed: it counts as deleted.
func findDeletedCommitment(c *Context, sd *redline.SectionDiff) []Notable {
	repealed := sd.Status == redline.Modified && sd.Old != nil && sd.New != nil &&
		isPlaceholderTitle(sd.New.Title) && !isPlaceholderTitle(sd.Old.Title)
	if (sd.Status != redline.Deleted && !repealed) || sd.Old == nil {
		return nil
	}
	st := c.section(sd)
	moved := 0
	var obligations []string
	seen := map[string]bool{}
	for _, b := range sd.Blocks {
		if b.MovedTo != "" || b.Status == redline.Moved {
			moved++
		}
	}
	for _, b := range st.deleted {
		for k := range b.p.sentences() {
			for _, m := range b.p.modalsOf(k) {
				if !m.loose && m.force.binding() && !seen[m.term()] {
					seen[m.term()] = true
					obligations = append(obligations, m.term())
				}
			}
		}
	}
	if len(sd.Blocks) > 0 && moved == len(sd.Blocks) {
		return nil
	}
	var what string
	switch {
	case len(obligations) > 0:
		what = "section deleted with its obligations (" + strings.Join(obligations, ", ") + ")"
	case strings.TrimSpace(sd.Old.Number) != "":
		what = "numbered provision deleted"
	default:
		return nil
	}
	if repealed {
		what = strings.Replace(what, "deleted", "repealed (now "+sd.New.Title+")", 1)
	}
	if sd.MergedInto != "" {
		what += "; the rest merged into " + c.newLabel(sd.MergedInto)
	}
	return []Notable{{What: what, Before: sd.Old.Label(), Old: sd.Old.Label()}}
}

// isPlaceholderTitle reports whether a heading's title only marks a
// provision as gone: "(weggefallen)", "(aufgehoben)", "Repealed",
// "[Reserved]", "Deleted".
func isPlaceholderTitle(title string) bool {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(title), "()[]{}. -"))
	switch t {
	case "weggefallen", "aufgehoben", "entfällt", "repealed", "reserved", "deleted", "omitted", "abrogé", "supprimé":
		return true
	}
	return false
}
