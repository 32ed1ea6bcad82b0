package summary

import (
	"strings"
)

// duty is an obligation word of a sentence with the party it binds (the
// noun before it: "server" of "A server SHOULD NOT send") and the action it
// binds the party to (the first word after it, "send"), both folded. The
// party is "" when it is not known: a pronoun, a passive, a German clause.
type duty struct {
	m             modal // at offsets into the text
	sent          span
	party, action string
}

// letters is s lower-cased when it is ASCII letters only, else "".
func letters(s string) string {
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(rune(s[i])) {
			return ""
		}
	}
	return strings.ToLower(s)
}

// partyOf is the party named by the words before an obligation word in its
// sentence: a noun after a determiner and at most one other word ("the
// receiving endpoint"), or a plural noun standing alone ("clients"); ""
// when none is named that way.
func partyOf(before string) string {
	ws := strings.Fields(before)
	for len(ws) > 0 && lex().skipped[strings.ToLower(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return ""
	}
	noun := letters(ws[len(ws)-1])
	if noun == "" || lex().determiners[noun] || lex().pronouns[noun] {
		return ""
	}
	for i := len(ws) - 2; i >= 0 && i >= len(ws)-3; i-- {
		w := letters(ws[i])
		if lex().determiners[w] {
			return singular(noun)
		}
		if w == "" {
			break // punctuation ends the noun phrase
		}
	}
	if len(noun) >= 4 && strings.HasSuffix(noun, "s") && !strings.HasSuffix(noun, "ss") && !lex().notParties[noun] {
		return singular(noun)
	}
	return ""
}

// singular folds an English plural to its singular, roughly: the same
// party is named by both.
func singular(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}

// actionOf is the first word after an obligation word that says what it
// binds to, folded; "" when none follows in the sentence.
func actionOf(after string) string {
	for i := 0; ; {
		w, j := nextField(after, i)
		if w == "" {
			return ""
		}
		l := strings.ToLower(strings.Trim(w, "*_,"))
		if !lex().skipped[l] {
			return letters(l)
		}
		i = j
	}
}

// nextField is the first white-space separated word of s[i:] ("" when
// none is left) and the position after it.
func nextField(s string, i int) (string, int) {
	for i < len(s) {
		sp, n := spaceAt(s, i)
		if !sp {
			break
		}
		i += n
	}
	j := i
	for j < len(s) {
		sp, n := spaceAt(s, j)
		if sp {
			break
		}
		j += n
	}
	return s[i:j], j
}

// passive reports whether the words after an obligation word start with
// "be" (after adverbs): a passive or a state, which names no acting party.
func passive(after string) bool {
	for i := 0; ; {
		w, j := nextField(after, i)
		if w == "" {
			return false
		}
		l := strings.ToLower(strings.Trim(w, "*_,"))
		if l == "be" {
			return true
		}
		if !lex().skipped[l] {
			return false
		}
		i = j
	}
}

// dutiesIn lists the obligation words (loose adjectives left out) of the
// sentences of p.
func dutiesIn(p *prose) []duty {
	var out []duty
	for k := range p.sentences() {
		out = append(out, p.dutiesOf(k)...)
	}
	return out
}

// sentenceDuties lists the obligation words (loose adjectives left out) of
// the k-th sentence of p, at offsets into its text.
func sentenceDuties(p *prose, k int) []duty {
	var out []duty
	text, sent := p.text, p.sents[k]
	for _, m := range p.modalsOf(k) {
		if m.loose {
			continue
		}
		m.a, m.b = m.a+sent.a, m.b+sent.a
		d := duty{m: m, sent: sent, party: partyOf(text[sent.a:m.a]), action: actionOf(text[m.b:sent.b])}
		if passive(text[m.b:sent.b]) {
			d.party = "" // "requests SHOULD be permitted": who permits is not named
		}
		out = append(out, d)
	}
	return out
}

// carries reports whether one of ds, the duties of the other side of the
// section, binds the party of d with the same force. A duty of a party not
// named may be the party's.
func carries(ds []duty, d duty) bool {
	for _, o := range ds {
		if (o.party == "" || o.party == d.party) && o.m.force == d.m.force {
			return true
		}
	}
	return false
}

// unmatched lists the duties of ds (one side of a block) that no duty of os
// (its other side) stands for, matched one to one: first a duty of the same
// party with the same force or action (with another force, that is a
// change of strength, which another rule reads); then one of the same
// force and action whatever its party ("a server MUST treat" rewritten as
// "an endpoint MUST treat"). A binding duty left over whose party is not
// named (a passive, a pronoun) may be any duty rewritten, and stands for
// all.
func unmatched(ds, os []duty) []bool {
	used := make([]bool, len(os))
	done := make([]bool, len(ds))
	pass := func(fits func(d, o duty) bool) {
		for i, d := range ds {
			for j, o := range os {
				if !done[i] && !used[j] && fits(d, o) {
					done[i], used[j] = true, true
				}
			}
		}
	}
	sameAct := func(d, o duty) bool { return d.action != "" && d.action == o.action }
	pass(func(d, o duty) bool {
		return d.party != "" && d.party == o.party && (d.m.force == o.m.force || sameAct(d, o))
	})
	pass(func(d, o duty) bool { return d.m.force == o.m.force && sameAct(d, o) })
	for i := range ds {
		for j, o := range os {
			if !used[j] && o.party == "" && o.m.force.binding() {
				done[i] = true
			}
		}
	}
	for i := range done {
		done[i] = !done[i]
	}
	return done
}

// otherDuties is every obligation word of the other side of a section
// (the new one when old is true): in its changed blocks and in the blocks
// inserted (deleted) whole.
func otherDuties(st *sectionText, old bool) []duty {
	var out []duty
	whole := st.deleted
	if old {
		whole = st.inserted
	}
	for _, ch := range st.changes {
		p := ch.oldP
		if old {
			p = ch.newP
		}
		out = append(out, dutiesIn(p)...)
	}
	for _, b := range whole {
		out = append(out, dutiesIn(b.p)...)
	}
	return out
}

// reassigned finds, in the sentences of one side of a change (the old when
// old is true) that its hunks rewrote in part and that no pass before
// reported, the obligations of a named party that the other side of the
// section no longer carries for that party: "A server SHOULD NOT send it
// when …, and a client SHOULD NOT send it when …" rewritten as "A client
// SHOULD NOT send it when …" removed the server's duty. The duty itself
// must have been edited: its obligation word or its party.
func (c *Context) reassigned(st *sectionText, ch change, old bool, reported map[int]bool, other *[]duty, otherRead *bool) []Notable {
	this, that := ch.oldP, ch.newP
	side := func(h hunk) span { return h.old }
	if !old {
		this, that = ch.newP, ch.oldP
		side = func(h hunk) span { return h.new }
	}
	hs := make([]span, 0, len(ch.al.hunks))
	for _, h := range ch.al.hunks {
		if s := side(h); s.a < s.b {
			hs = append(hs, s)
		}
	}
	if len(hs) == 0 || !editedDuty(this, hs, reported) {
		return nil
	}
	ds, os := dutiesIn(this), dutiesIn(that)
	var lone []bool
	var out []Notable
	seen := map[string]bool{}
	text := this.text
	for i, d := range ds {
		if d.party == "" || !d.m.force.binding() || reported[d.sent.a] || !inAny(d.sent, hs) {
			continue
		}
		pa := prevWord(text, wordStart(text, d.m.a))
		if !inAny(d.m.span, hs) && !inAny(span{pa, d.m.a}, hs) {
			continue // neither the obligation word nor the word before it edited
		}
		key := d.m.term() + "\x00" + text[d.sent.a:d.sent.b]
		if seen[key] || c.movedSentence(text[d.sent.a:d.sent.b]) || strengthRead(ch, d.m.span, old) {
			continue
		}
		if lone == nil {
			lone = unmatched(ds, os)
		}
		if !lone[i] {
			continue
		}
		if !*otherRead {
			*other, *otherRead = otherDuties(st, old), true
		}
		if carries(*other, d) {
			continue
		}
		seen[key] = true
		out = append(out, obligationNote(text, d.m, d.sent, old))
	}
	return out
}

// editedDuty reports whether a sentence of p that hs touch and that no
// pass before reported holds a binding duty of a named party whose
// obligation word, or the word before it, hs edited: only such a duty may
// have been reassigned, and the sentences the hunks do not touch are not
// read for it.
func editedDuty(p *prose, hs []span, reported map[int]bool) bool {
	text := p.text
	for k, sent := range p.sentences() {
		if reported[sent.a] || !inAny(sent, hs) {
			continue
		}
		for _, d := range p.dutiesOf(k) {
			if d.party == "" || !d.m.force.binding() {
				continue
			}
			pa := prevWord(text, wordStart(text, d.m.a))
			if inAny(d.m.span, hs) || inAny(span{pa, d.m.a}, hs) {
				return true
			}
		}
	}
	return false
}

// strengthRead reports whether an edit of ch that touches s (on the old
// side when old is true) reads as an obligation word replaced: the
// strength rule reports it.
func strengthRead(ch change, s span, old bool) bool {
	for _, e := range ch.edits {
		h := e.hunk.new
		if old {
			h = e.hunk.old
		}
		if s.a < h.b && h.a < s.b {
			if _, ok := strengthChange(ch, e); ok {
				return true
			}
		}
	}
	return false
}
