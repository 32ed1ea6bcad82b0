package summary

import (
	"fmt"

	"slices"
	"strings"
	"unicode"

	"github.com/codraft/codraft/internal/redline"
)

// A definition is text in a section that defines terms (titled Definitions,
// Terms, Glossary, Begriffsbestimmungen and the like), a definition-list item
// ("Term : text" once parsed), or a sentence of the form `"X" means …`.

// definitionsWords are the words that make a title one of a section that
// defines terms, wherever they stand in it as whole words (ASCII letters,
// digits and _ around them end no word); definitionsTitles are the whole
// titles that do.
var (
	definitionsWords = [...]string{"definition", "definitions", "glossary", "glossaire", "terminology",
		"begriffsbestimmung", "begriffsbestimmungen", "definitionen", "définitions"}
	definitionsTitles = [...]string{"terms", "key terms", "defined terms", "terms used", "key terms used", "defined terms used"}
)

var (
	// a definition-list item: "Term : text"
	dlItem = bounded(`^\s*([^\n]{1,100}?):?\s:\s`, `^\s*([^\n]+?):?\s:\s`, 100)
	// "X" means …
	meansRe = bounded(`["“„«]([^"”“„«»]{1,80})["”“»]\s+(?:means|mean|shall mean|refers to|bezeichnet|bedeutet)\b`,
		`["“„«]([^"”“„«»]+)["”“»]\s+(?:means|mean|shall mean|refers to|bezeichnet|bedeutet)\b`, 80)
	// a quoted phrase: a term being defined or used
	quotedRe = bounded(`["“„«‘]([^"”“„«»‘’]{1,80})["”“»’]`, `["“„«‘]([^"”“„«»‘’]+)["”“»’]`, 80)
	// **Term** at the start of a block
	boldTermRe = bounded(`^\s*(?:\d+[.)]\s+)?(?:\*\*|__)([^*_]{1,80}?)(?:\*\*|__)`, `^\s*(?:\d+[.)]\s+)?(?:\*\*|__)([^*_]+?)(?:\*\*|__)`, 80)
	// Term: … at the start of a block
	colonTermRe = bounded(`^\s*([\p{L}\p{N}][\p{L}\p{N} \-]{0,60}?)\s*(?:\bmeans\b|\brefers to\b|\bshall mean\b|\bbezeichnet\b|:)`,
		`^\s*([\p{L}\p{N}][\p{L}\p{N} \-]*?)\s*(?:\bmeans\b|\brefers to\b|\bshall mean\b|\bbezeichnet\b|:)`, 61)
	// a link's destination, markup that renders as nothing
	linkDest = lazy(`\]\([^)]*\)`)
	// Begriff ist … / Begriffe sind … (a German definition)
	istTermRe = lazy(`^\s*(?:\(\d+[a-z]?\)\s*)?(\p{L}[\p{L}\p{N}\-]*(?: [\p{L}\p{N}\-]+){0,3}?)\s+(?:im Sinne [^,.;]{1,80}?\s+)?(?:ist|sind|bezeichnet|bedeutet)\b`)
)

// The expressions above run only on text that holds what they need: a
// colon after white space for a definition-list item, one of the defining
// verbs for a means sentence.

func mayHoldDLItem(text string) bool {
	for i := 1; i < len(text); i++ {
		if text[i] == ':' && asciiSpace(text[i-1]) {
			return true
		}
	}
	return false
}

func mayHoldMeans(text string) bool {
	// the term stands in quotes before the verb
	quoted := strings.IndexByte(text, '"') >= 0 || strings.Contains(text, "“") || strings.Contains(text, "„") || strings.Contains(text, "«")
	return quoted && (strings.Contains(text, "mean") || strings.Contains(text, "refers to") ||
		strings.Contains(text, "bezeichnet") || strings.Contains(text, "bedeutet"))
}

func findDLItem(text string) []string {
	if !mayHoldDLItem(text) {
		return nil
	}
	return dlItem.FindStringSubmatch(text)
}

func findDLItemIndex(text string) []int {
	if !mayHoldDLItem(text) {
		return nil
	}
	return dlItem.FindStringSubmatchIndex(text)
}

func findMeans(text string) []string {
	if !mayHoldMeans(text) {
		return nil
	}
	return meansRe.FindStringSubmatch(text)
}

func findMeansIndex(text string) []int {
	if !mayHoldMeans(text) {
		return nil
	}
	return meansRe.FindStringIndex(text)
}

// normDef is a definition's text as a reader sees it, folded: no markup,
// no link destinations, one case, single spaces.
func normDef(s string) string {
	if strings.Contains(s, "](") {
		s = linkDest.ReplaceAllString(s, "]")
	}
	s = dropMarkup(s)
	s = strings.ReplaceAll(s, ":", "")
	for _, q := range []string{"“", "”", "„", "«", "»"} {
		s = strings.ReplaceAll(s, q, `"`)
	}
	s = strings.ReplaceAll(s, "’", "'")
	return strings.ToLower(squash(s))
}

// dropMarkup is s without the markup characters of markupChars, each of
// them one ASCII byte.
func dropMarkup(s string) string {
	i := strings.IndexAny(s, markupChars)
	if i < 0 {
		return s
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		if strings.IndexByte(markupChars, s[i]) < 0 {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// markupChars are the characters of inline markup that a definition's
// wording ignores: emphasis, code, strike, attribute braces and link brackets.
const markupChars = "*_`~{}[]"

func normTerm(s string) string {
	s = strings.Trim(strings.TrimSpace(s), "*_\"“”„«»‘’`,.;: ")
	return strings.ToLower(squash(s))
}

// definedTerm is the term a definition block defines (as written), or "".
func definedTerm(kind, text string) string {
	if kind == "table_row" {
		cells := strings.Split(strings.Trim(strings.TrimSpace(text), "|"), "|")
		if len(cells) > 1 {
			return strings.Trim(strings.TrimSpace(cells[0]), "*_`")
		}
	}
	if m := findDLItem(text); m != nil && !lex().notTerms[normTerm(m[1])] {
		return strings.Trim(strings.TrimSpace(m[1]), "*_`:")
	}
	if m := findMeans(text); m != nil {
		return m[1]
	}
	if m := boldTermRe.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	if m := quotedRe.FindStringSubmatchIndex(text); m != nil && len(strings.Fields(text[:m[0]])) <= 8 && !keyword(text[m[2]:m[3]]) {
		return text[m[2]:m[3]]
	}
	if m := colonTermRe.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	if m := istTermRe.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// meansSentence is the definition a `"X" means …` sentence of text gives,
// from the quoted term to the end of its sentence, folded; or "".
func meansSentence(text string) string {
	m := findMeansIndex(text)
	if m == nil {
		return ""
	}
	for _, s := range sentences(text) {
		if s.a <= m[0] && m[0] < s.b {
			return normDef(text[m[0]:s.b])
		}
	}
	return ""
}

// definitionBlock reports whether a block outside a definitions section
// defines a term: a `"X" means` sentence, or a definition-list item unless
// it heads the document (where definition lists hold metadata).
func definitionBlock(text string, head bool) bool {
	if m := findDLItem(text); m != nil && !lex().notTerms[normTerm(m[1])] && !head {
		return true
	}
	return findMeansIndex(text) != nil
}

// inDefinitions reports whether a section, or one enclosing it, defines
// terms on the given side.
func (c *Context) inDefinitions(r *redline.SectionRef, side map[string]*redline.SectionRef) bool {
	if r == nil {
		return false
	}
	for _, id := range c.ancestry(r, side) {
		ref := side[id]
		if id == r.ID {
			ref = r
		}
		if ref != nil && c.definesTerms(ref.Title) {
			return true
		}
	}
	return false
}

// definesTerms reports whether a section's title says it defines terms.
func (c *Context) definesTerms(title string) bool {
	if v, ok := c.defTitles[title]; ok {
		return v
	}
	return definitionsTitleMatch(title)
}

// definitionsTitleMatch reports whether a title, white space trimmed,
// names a section that defines terms: it holds one of definitionsWords
// as a word, or is one of definitionsTitles, in any case (letters fold
// one to one: "ſ" is an "s").
func definitionsTitleMatch(title string) bool {
	title = strings.TrimSpace(title)
	for _, t := range definitionsTitles {
		if strings.EqualFold(title, t) {
			return true
		}
	}
	// a word starts at an ASCII letter (each of the words starts with
	// one) after no ASCII letter, digit or _
	for i := 0; i < len(title); i++ {
		c := title[i] | ('a' - 'A')
		if c != 'd' && c != 'g' && c != 't' && c != 'b' || i > 0 && isASCIIWord(title[i-1]) {
			continue
		}
		for _, w := range definitionsWords {
			n, ok := prefix(title[i:], w, true)
			if e := i + n; ok && isASCIIWord(title[e-1]) != (e < len(title) && isASCIIWord(title[e])) {
				return true
			}
		}
	}
	return false
}

// newDefinition is a term defined on the new side: the term, normalised, its
// block's text normalised, and the block's `"X" means …` definition as
// meansSentence gives it ("" when it has none).
type newDefinition struct {
	term, def, means string
}

// termsOf are the terms the new side of sd defines, in definitions
// sections, definition lists and "X" means sentences, in block order.
func (c *Context) termsOf(sd *redline.SectionDiff) []newDefinition {
	if sd.New == nil {
		return nil
	}
	var out []newDefinition
	section := c.inDefinitions(sd.New, c.newRefs)
	for _, b := range sd.Blocks {
		if b.Status == redline.Deleted || b.MovedTo != "" {
			continue
		}
		if !section && len(b.Ops) > 1 && !mayDefine(b.Ops) {
			continue
		}
		text := sideText(b.Ops, redline.Insert)
		if !section && !definitionBlock(text, c.heads[sd]) {
			continue
		}
		if t := normTerm(definedTerm(b.Kind, text)); t != "" {
			out = append(out, newDefinition{t, normDef(text), meansSentence(text)})
		}
	}
	return out
}

// mayDefine reports whether a block's new side may be a definitionBlock,
// without building its text from its ops (a single op is its text): it must hold a colon (a definition list
// item) or a quotation mark (`"X" means`), a byte of one at least (the
// last bytes of “, „ and «), whichever ops the text is split into.
func mayDefine(ops []redline.Op) bool {
	for _, op := range ops {
		if op.Op == redline.Delete {
			continue
		}
		for i := 0; i < len(op.Text); i++ {
			switch op.Text[i] {
			case ':', '"', 0x9c, 0x9e, 0xab:
				return true
			}
		}
	}
	return false
}

// buildTerms maps the terms defined on the new side, termsOf each section
// in section order, to their definitions, normalised: the first
// definition of a term wins.
func (c *Context) buildTerms(terms [][]newDefinition) {
	c.newTerms = map[string]string{}
	c.newMeans = map[string]bool{}
	for _, ts := range terms {
		for _, t := range ts {
			if _, dup := c.newTerms[t.term]; !dup {
				c.newTerms[t.term] = t.def
			}
			if t.means != "" {
				c.newMeans[t.means] = true
			}
		}
	}
}

func findDefinition(c *Context, sd *redline.SectionDiff) []Notable {
	section := c.inDefinitions(sd.Old, c.oldRefs) || c.inDefinitions(sd.New, c.newRefs)
	// a definition list before the first heading, or under a title
	// heading, is the document's metadata ("Last amended by : …"), not
	// definitions
	preamble := c.heads[sd]
	st := c.section(sd)
	var out []Notable
	for _, ch := range st.changes {
		if !section && !definitionBlock(ch.al.old, preamble) && !definitionBlock(ch.al.new, preamble) {
			continue
		}
		if normDef(ch.al.old) == normDef(ch.al.new) {
			continue // case, markup or link destinations only
		}
		if section || isDLItem(ch.al.old) || isDLItem(ch.al.new) {
			out = append(out, definitionEdits(ch)...)
			continue
		}
		edits := ch
		edits.edits = inMeansSentences(ch)
		for _, n := range definitionEdits(edits) {
			if d := meansOf(ch.al.old, n.Old); n.Old != n.New || d == "" || d != meansOf(ch.al.new, n.New) {
				out = append(out, n)
			}
		}
	}
	for _, b := range st.deleted {
		if !section && !definitionBlock(b.text, preamble) {
			continue
		}
		term := definedTerm(b.kind, b.text)
		if term == "" {
			continue
		}
		def, still := c.newTerms[normTerm(term)]
		if d := meansSentence(b.text); d != "" && c.newMeans[d] {
			continue // the sentence defining it moved, unchanged
		}
		switch {
		case !still:
			out = append(out, Notable{What: fmt.Sprintf("term %q removed", term), Before: excerpt(b.text, span{0, len(b.text)}), Old: term})
		case def != normDef(b.text):
			out = append(out, Notable{What: fmt.Sprintf("definition of %q changed", term), Before: excerpt(b.text, span{0, len(b.text)}), Old: term, New: term})
		}
	}
	return out
}

// isDLItem reports whether text is a definition-list item defining a term.
func isDLItem(text string) bool {
	m := findDLItem(text)
	return m != nil && !lex().notTerms[normTerm(m[1])]
}

// meansOf is the definition that a `"X" means …` sentence of text gives
// the term, folded, from the term to the end of its sentence; or "".
func meansOf(text, term string) string {
	if !mayHoldMeans(text) {
		return ""
	}
	for _, sent := range sentences(text) {
		st := text[sent.a:sent.b]
		if m := meansRe.FindStringSubmatchIndex(st); m != nil && normTerm(st[m[2]:m[3]]) == normTerm(term) {
			return normDef(st[m[0]:])
		}
	}
	return ""
}

// inMeansSentences keeps the edits of a block outside a definitions
// section that fall in a sentence of the form `"X" means …` on either
// side: an edit in the sentence before or after a definition does not
// change it.
func inMeansSentences(ch change) []edit {
	defining := func(p *prose, s span) bool {
		for _, sent := range p.sentences() {
			in := s.a < sent.b && sent.a < s.b
			if s.a == s.b {
				in = sent.a <= s.a && s.a <= sent.b
			}
			if in && findMeansIndex(p.text[sent.a:sent.b]) != nil {
				return true
			}
		}
		return false
	}
	var out []edit
	for _, e := range ch.edits {
		if defining(ch.oldP, e.old) || defining(ch.newP, e.new) {
			out = append(out, e)
		}
	}
	return out
}

// definitionEdits reads the edits of a changed definition block: a quoted
// term whose words changed is renamed; any other edit changes the
// definition of the term defined last before it.
func definitionEdits(ch change) []Notable {
	var out []Notable
	seen := map[string]bool{}
	renames := map[[2]string]bool{}
	blockTerm := definedTerm(ch.kind, ch.al.old)
	oldQuotes, newQuotes := quotedRe.FindAllStringSubmatchIndex(ch.al.old, -1), quotedRe.FindAllStringSubmatchIndex(ch.al.new, -1)
	for _, e := range ch.edits {
		ot, nt := ch.al.old[e.old.a:e.old.b], ch.al.new[e.new.a:e.new.b]
		if normDef(ot) == normDef(nt) || onlyNumbers(ot+" "+nt) || onlyAddresses(ot+" "+nt) || listJoin(ot, nt) {
			continue // case or markup, numbers and references (other rules), web addresses, or how a list is joined
		}
		key := [2]string{normTerm(ot), normTerm(nt)}
		if renames[key] {
			continue // the same words as a renamed term, used again
		}
		if oq := dlTermAt(ch.al.old, e.old); oq != nil {
			if nq := dlTermAt(ch.al.new, e.new); nq != nil {
				old, nw := strings.TrimSpace(ch.al.old[oq[2]:oq[3]]), strings.TrimSpace(ch.al.new[nq[2]:nq[3]])
				if termKey(old) != termKey(nw) && !seen[normTerm(old)] {
					seen[normTerm(old)] = true
					out = append(out, Notable{What: fmt.Sprintf("term %q renamed %q", old, nw),
						Before: excerpt(ch.al.old, e.old), After: excerpt(ch.al.new, e.new), Old: old, New: nw})
				}
				continue
			}
		}
		if oq := quoteAt(oldQuotes, e.old); oq != nil {
			old := ch.al.old[oq[2]:oq[3]]
			nw := old
			if nq := quoteAt(newQuotes, e.new); nq != nil {
				nw = ch.al.new[nq[2]:nq[3]]
			}
			if normTerm(old) != normTerm(nw) && !keyword(old) {
				renames[key] = true
				seen[normTerm(old)] = true
				out = append(out, Notable{What: fmt.Sprintf("term %q renamed %q", old, nw),
					Before: excerpt(ch.al.old, e.old), After: excerpt(ch.al.new, e.new), Old: old, New: nw})
				continue
			}
		}
		if t, gone, ok := quotedIn(ch.al.old, oldQuotes, e.old, newQuotes, ch.al.new); ok {
			if seen[normTerm(t)] {
				continue
			}
			seen[normTerm(t)] = true
			n := Notable{What: fmt.Sprintf("definition of %q changed", t), Before: excerpt(ch.al.old, e.old), After: excerpt(ch.al.new, e.new), Old: t, New: t}
			if gone {
				n.What, n.New, n.After = fmt.Sprintf("term %q removed", t), "", ""
			}
			out = append(out, n)
			continue
		}
		term := blockTerm
		for _, q := range oldQuotes {
			if q[0] < e.old.a {
				term = ch.al.old[q[2]:q[3]]
			}
		}
		if term == "" || seen[normTerm(term)] {
			continue
		}
		seen[normTerm(term)] = true
		out = append(out, Notable{What: fmt.Sprintf("definition of %q changed", term),
			Before: excerpt(ch.al.old, e.old), After: excerpt(ch.al.new, e.new), Old: term, New: term})
	}
	return out
}

// dlTermAt is the term of a definition-list item when s touches it, or nil.
func dlTermAt(text string, s span) []int {
	m := findDLItemIndex(text)
	if m == nil || lex().notTerms[normTerm(text[m[2]:m[3]])] || !touches(span{m[2], m[3]}, s) {
		return nil
	}
	return m
}

// quotedIn finds a term quoted inside the old side of an edit, as when a
// sentence defining it is deleted, and whether the new side of the block
// no longer quotes it.
func quotedIn(old string, oldQuotes [][]int, s span, newQuotes [][]int, new string) (string, bool, bool) {
	for _, q := range oldQuotes {
		if q[0] >= s.a && q[1] <= s.b && !keyword(old[q[2]:q[3]]) {
			t := old[q[2]:q[3]]
			for _, nq := range newQuotes {
				if normTerm(new[nq[2]:nq[3]]) == normTerm(t) {
					return t, false, true
				}
			}
			return t, true, true
		}
	}
	return "", false, false
}

// quoteAt is the quoted phrase among qs that s touches, or nil.
func quoteAt(qs [][]int, s span) []int {
	for _, q := range qs {
		if touches(span{q[2], q[3]}, s) {
			return q
		}
	}
	return nil
}

// termKey is a term without the code in brackets that may follow it:
// "SETTINGS_ENABLE_PUSH (0x2)" is the term "SETTINGS_ENABLE_PUSH".
func termKey(s string) string {
	return normTerm(parenthetical.ReplaceAllString(s, ""))
}

var parenthetical = lazy(`\s*\([^()]*\)`)

// keyword reports whether a quoted word is an obligation keyword quoted
// to say how it reads ("MUST", "SHOULD NOT"), not a term defined.
func keyword(s string) bool {
	ms := findModals(s)
	return len(ms) == 1 && ms[0].a == 0 && ms[0].b == len(s) && strings.ToUpper(s) == s
}

// isAddress reports whether w is a web address or a path written out as
// text: "docs.example.com/site-policy", "https://a.b-c.org", "/x/y". A
// path is "/" and what follows up to the end, no ASCII space in it; an
// address is "http://" or "https://" or neither, a host of two labels or
// more ([A-Za-z0-9_-], dot-separated, the last of two lower-case ASCII
// letters or more), then the end or a path.
func isAddress(w string) bool {
	if strings.HasPrefix(w, "/") {
		return !strings.ContainsAny(w, " \t\n\f\r")
	}
	if r, ok := strings.CutPrefix(w, "https://"); ok {
		w = r
	} else if r, ok := strings.CutPrefix(w, "http://"); ok {
		w = r
	}
	host, path := w, ""
	if k := strings.IndexByte(w, '/'); k >= 0 {
		host, path = w[:k], w[k:]
	}
	if strings.ContainsAny(path, " \t\n\f\r") {
		return false
	}
	last := strings.LastIndexByte(host, '.')
	if last < 0 || len(host)-last-1 < 2 {
		return false
	}
	for i := last + 1; i < len(host); i++ {
		if host[i] < 'a' || host[i] > 'z' {
			return false
		}
	}
	label := 0 // the bytes of the label read so far
	for i := 0; i < last+1; i++ {
		switch c := host[i]; {
		case c == '.' && label > 0:
			label = 0
		case isASCIIWord(c) || c == '-':
			label++
		default:
			return false
		}
	}
	return true
}

// onlyAddresses reports whether every word of s is a web address or a
// path, or punctuation, and one at least is an address: where a link
// points is no part of what a term means.
func onlyAddresses(s string) bool {
	seen := false
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, "[]()<>.,;")
		switch {
		case w == "" || w == "/":
		case isAddress(w):
			seen = true
		default:
			return false
		}
	}
	return seen
}

// listJoin reports whether an edit only joins the items of a list
// otherwise: a comma replaced by "and" ("A, B" → "A and B") or the other
// way round. "or" stays a change: it turns "both" into "either".
func listJoin(old, new string) bool {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	}
	conj := func(w string) bool { return w == "and" || w == "und" || w == "sowie" }
	// joins reports whether b is a with one conjunction added, and a holds
	// more commas than b
	joins := func(a, b string) bool {
		aw, bw := words(a), words(b)
		if len(bw) != len(aw)+1 || strings.Count(a, ",") <= strings.Count(b, ",") {
			return false
		}
		for i, w := range bw {
			if conj(w) && slices.Equal(aw, append(append([]string(nil), bw[:i]...), bw[i+1:]...)) {
				return true
			}
		}
		return false
	}
	return joins(old, new) || joins(new, old)
}

// onlyNumbers reports whether every word of s holds a digit.
func onlyNumbers(s string) bool {
	f := strings.Fields(s)
	for _, w := range f {
		if !hasDigit(w) {
			return false
		}
	}
	return len(f) > 0
}
