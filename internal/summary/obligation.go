package summary

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// force is how binding an obligation word is: 3 an obligation or a
// prohibition (must, must not), 2 a recommendation (should, should not), 1 a
// permission or possibility (may, can), 0 none.
type force struct {
	level int
	neg   bool
}

// binding reports whether the words impose something: an obligation, a
// prohibition or a recommendation, not a mere permission.
func (f force) binding() bool { return f.level >= 2 }

// modal is one obligation word or phrase found in a text.
type modal struct {
	span
	text  string
	force force
	// loose marks the lower-case adjectives (required, recommended,
	// optional) that bind only when a change swaps them for one another.
	loose bool
}

// term is the modal's words as a reader names them: lower case, single
// spaces, and "hat … zu" for the German construction.
func (m modal) term() string {
	t := strings.ToLower(squash(m.text))
	f := strings.Fields(t)
	switch {
	case f[0] == "hat" || f[0] == "haben":
		return f[0] + " … zu"
	case f[len(f)-1] == "hat" || f[len(f)-1] == "haben":
		return f[len(f)-1] + " … zu"
	case (f[0] == "darf" || f[0] == "dürfen") && f[len(f)-1] == "nicht" && len(f) > 2:
		return f[0] + " … nicht"
	}
	if i := strings.Index(t, " verpflichtet"); i > 0 && (strings.HasPrefix(t, "ist ") || strings.HasPrefix(t, "sind ")) {
		return strings.Fields(t)[0] + " verpflichtet"
	}
	return t
}

// modalClass is a set of words and phrases of one force. English phrases
// match in any case, the RFC 2119 capitals only as capitals.
type modalClass struct {
	// alts are the class's phrases as regular expressions, a space
	// standing for any run of white space.
	alts     []string
	caseFold bool
	force    force
	// loose marks the lower-case adjectives (required, recommended,
	// optional) that bind only when a change swaps them for one another.
	loose bool
}

func class(f force, loose, caseFold bool, alts ...string) modalClass {
	return modalClass{alts: alts, caseFold: caseFold, force: f, loose: loose}
}

// pattern is the class's alternatives as one expression between word
// boundaries, anchored at the start of the input when anchored is true.
func (c *modalClass) pattern(anchored bool) string {
	alts := make([]string, len(c.alts))
	for i, p := range c.alts {
		alts[i] = strings.ReplaceAll(p, " ", `\s+`)
	}
	flags := ""
	if c.caseFold {
		flags = "(?i)"
	}
	if anchored {
		flags += "^"
	}
	return flags + `\b(?:` + strings.Join(alts, "|") + `)\b`
}

// modalClasses lists every obligation word the rules know, strongest
// phrases first; where two overlap, the longer one wins.
var modalClasses = []modalClass{
	class(force{3, true}, false, true, "must not", "mustn't", "shall not", "shan't", "may not",
		"is not permitted to", "are not permitted to", "is prohibited from", "are prohibited from",
		"darf nicht", "dürfen nicht", `darf kein\p{L}*`, `dürfen kein\p{L}*`,
		`darf\b[^.,;:!?]{1,100}?\bnicht`, `dürfen\b[^.,;:!?]{1,100}?\bnicht`),
	class(force{2, true}, false, true, "should not", "shouldn't", "ought not to", "soll nicht", "sollen nicht", "sollte nicht", "sollten nicht"),
	class(force{2, true}, false, false, "NOT RECOMMENDED"),
	class(force{1, true}, false, true, "cannot", "can not", "can't", "kann nicht", "können nicht"),
	class(force{3, false}, false, true, "shall", "must", "is required to", "are required to", "is obliged to", "are obliged to",
		"is obligated to", "are obligated to", "has to", "have to", "muss", "müssen", "musste",
		`ist (?:\S+ ){0,3}?verpflichtet`, `sind (?:\S+ ){0,3}?verpflichtet`,
		`hat\b[^.,;:!?]{1,80}?\bzu \p{L}+en`, `haben\b[^.,;:!?]{1,80}?\bzu \p{L}+en`,
		`hat\b[^.,;:!?]{1,80}?\b\p{L}+zu\p{L}+en`, `haben\b[^.,;:!?]{1,80}?\b\p{L}+zu\p{L}+en`,
		`\p{L}+zu\p{L}+en hat`, `\p{L}+zu\p{L}+en haben`, `zu \p{L}+en hat`, `zu \p{L}+en haben`),
	class(force{3, false}, false, false, "REQUIRED"),
	class(force{2, false}, false, true, "should", "ought to", "is encouraged to", "are encouraged to", "is recommended", "are recommended",
		"soll", "sollen", "sollte", "sollten"),
	class(force{2, false}, false, false, "RECOMMENDED"),
	class(force{1, false}, false, true, "may", "might", "can", "could", "is permitted to", "are permitted to",
		"kann", "können", "darf", "dürfen"),
	class(force{1, false}, false, false, "OPTIONAL"),
	class(force{3, false}, true, false, "required"),
	class(force{2, false}, true, false, "recommended"),
	class(force{1, false}, true, false, "optional"),
}

// phrase is one of a class's phrases, ready to match at a word start:
// literal words matched word by word, or an anchored expression.
type phrase struct {
	class int
	words []string // the literal words; nil for an expression
	re    *lazyRegexp
	// An expression matches only where need, a word of it, follows its
	// first word; before the next stop (. , ; : ! ?) when noStop is true.
	need   int // index in needs
	noStop bool
	// gapMax, when above 0, is the most letters the expression's gap
	// ([^.,;:!?]{1,gapMax}?) may span: the expression holds the gap as
	// the group ([^.,;:!?]+?), whose match is then measured. The
	// shortest gap that lets the rest match is the one the bounded
	// gap takes too, when it is short enough; when it is not, no
	// shorter one matches either. Matching so keeps the expression
	// small to compile and quick to run.
	gapMax int
	// gap, when not nil, reads the expression by hand (it is one with a
	// gap): the same matches as the expression, far cheaper.
	gap *gapForm
	// stopFree is true when no match of the expression holds a stop
	// (. , ; : ! ?): it is run on the text up to the next stop only.
	stopFree bool
}

// maxNeeds is the most words the expressions may need.
const maxNeeds = 8

// needs are the words that expressions need, folded.
var needs []string

// starters maps the first word of a phrase, folded (foldWord), to the
// phrases starting with it, in the order of the classes and of their
// phrases; infixed are the phrases that start with any letters holding
// "zu" (`\p{L}+zu\p{L}+en hat`). longestStarter is the longest key of
// starters, in bytes.
var (
	starters       = map[string]int32{} // index in starterLists
	starterLists   = [][]phrase{nil}
	infixed        []phrase
	longestStarter int
	// starterLengths has, for each ASCII capital, bit n set when an
	// ASCII key of starters starts with it and is n bytes long: most
	// words are ruled out without a look in the map.
	starterLengths [256]uint64
	// starterFirsts has bit c-'A' set for each ASCII capital c that
	// starts a key of starters.
	starterFirsts uint32
)

// openers are the first words of the binding phrases with a gap ("hat" of
// "hat … zu enthalten"), folded.
var openers = map[string]bool{}

// infix is what the first word of an infixed phrase holds after its first
// letter.
const infix = "zu"

// loadModals fills the tables above from modalClasses, once, the first
// time obligation words are looked for: commands that never summarise
// never build them, and an expression is compiled only when it is first
// tried.
var loadModals = sync.OnceFunc(func() {
	for i := range modalClasses {
		c := &modalClasses[i]
		for _, p := range c.alts {
			ph := phrase{class: i}
			if literal(p) {
				ph.words = strings.Fields(p)
			} else {
				flags := "^"
				if c.caseFold {
					flags = "(?i)^"
				}
				expr, gapMax := unboundGap(p)
				if c.caseFold {
					// the letters any case of which is a letter: the
					// letters and U+0345, which folds to ι; named so,
					// the class is not folded again at each compile
					expr = strings.ReplaceAll(expr, `\p{L}`, `(?-i:[\p{L}\x{345}])`)
				}
				ph.re = lazy(flags + `\b(?:` + strings.ReplaceAll(expr, " ", `\s+`) + `)\b`)
				ph.gapMax = gapMax
				if gapMax > 0 {
					var ok bool
					if ph.gap, ok = newGapForm(p); !ok {
						panic("summary: a phrase with a gap needs a hand-written form: " + p)
					}
				}
				ph.stopFree = stopFree(p)
				ph.need = needIndex(needed(p))
				ph.noStop = strings.Contains(p, "[^.,;:!?]")
			}
			if rest, ok := strings.CutPrefix(p, `\p{L}+`); ok {
				if leadingLetters(rest) != infix {
					panic("summary: a phrase starting with any letters must hold " + infix)
				}
				infixed = append(infixed, ph)
				continue
			}
			key := foldWord(leadingLetters(p))
			id, ok := starters[key]
			if !ok {
				id = int32(len(starterLists))
				starters[key] = id
				starterLists = append(starterLists, nil)
			}
			starterLists[id] = append(starterLists[id], ph)
			if key != "" && key[0] >= 'A' && key[0] <= 'Z' {
				starterFirsts |= 1 << (key[0] - 'A')
			} else {
				panic("summary: the phrase " + p + " starts with no ASCII letter")
			}
			if isASCII(key) && len(key) < 64 {
				starterLengths[key[0]] |= 1 << len(key)
			}
			if ph.re != nil && c.force.binding() {
				openers[key] = true
			}
			longestStarter = max(longestStarter, len(key))
		}
	}
})

// gapClass is the gap of the expressions with one, letters but no stop.
const gapClass = `[^.,;:!?]`

// unboundGap replaces the bounded lazy gap of an expression,
// gapClass{1,n}?, by the group (gapClass+?) and returns n; an expression
// without a gap is returned as it is, with 0.
func unboundGap(p string) (string, int) {
	i := strings.Index(p, gapClass+"{1,")
	if i < 0 {
		return p, 0
	}
	rest := p[i+len(gapClass)+len("{1,"):]
	j := strings.Index(rest, "}?")
	n, err := strconv.Atoi(rest[:max(j, 0)])
	if j < 0 || err != nil || n < 1 || strings.Contains(rest[j:], gapClass) {
		panic("summary: the expression " + p + " holds a gap other than " + gapClass + "{1,n}?, once")
	}
	return p[:i] + "(" + gapClass + "+?)" + rest[j+len("}?"):], n
}

// stopFree reports whether no match of the expression p can hold a stop:
// it is made of letters, spaces, \p{L}, \b, the gap class, groups and
// repeats only.
func stopFree(p string) bool {
	for i := 0; i < len(p); {
		switch {
		case strings.HasPrefix(p[i:], `\p{L}`):
			i += len(`\p{L}`)
		case strings.HasPrefix(p[i:], `\b`):
			i += len(`\b`)
		case strings.HasPrefix(p[i:], gapClass):
			i += len(gapClass)
		case strings.HasPrefix(p[i:], "(?:"):
			i += len("(?:")
		case p[i] == '{':
			j := strings.IndexByte(p[i:], '}')
			if j < 0 || strings.Trim(p[i+1:i+j], "0123456789,") != "" {
				return false
			}
			i += j + 1
		case strings.ContainsRune(" ()|?*+", rune(p[i])):
			i++
		default:
			r, n := utf8.DecodeRuneInString(p[i:])
			if !unicode.IsLetter(r) {
				return false
			}
			i += n
		}
	}
	return true
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func needIndex(w string) int {
	for i, n := range needs {
		if n == w {
			return i
		}
	}
	if len(needs) == maxNeeds {
		panic("summary: more than maxNeeds words needed by the expressions")
	}
	needs = append(needs, w)
	return len(needs) - 1
}

// needed is the longest run of literal letters of an expression after its
// first word, folded: what any match holds besides its first word.
func needed(p string) string {
	best := ""
	i := len(leadingLetters(p)) // none when p starts with an escape
	for i < len(p) {
		switch c := p[i]; {
		case c == '\\' && i+1 < len(p) && p[i+1] == 'p':
			i += strings.IndexByte(p[i:], '}') + 1
		case c == '\\':
			i += 2
		case c == '[':
			i += strings.IndexByte(p[i:], ']') + 1
		case c == '{':
			i += strings.IndexByte(p[i:], '}') + 1
		default:
			w := leadingLetters(p[i:])
			if len(w) > len(best) {
				best = w
			}
			i += max(len(w), 1)
		}
	}
	if best == "" || best[0] < 'A' || best[0] > 'z' {
		panic("summary: the expression " + p + " holds no word after its first, starting with an ASCII letter")
	}
	return foldWord(best)
}

// at is the k-th phrase of a followed by b.
func at(a, b []phrase, k int) *phrase {
	if k < len(a) {
		return &a[k]
	}
	return &b[k-len(a)]
}

// scanner remembers, for one text, where each needed word and each stop
// next stands, for positions that only grow.
type scanner struct {
	text    string
	found   [maxNeeds]int  // per need, its next place at or after from; -1 none
	looked  [maxNeeds]bool // per need, whether found holds a place yet
	stop    int            // the next stop; len(text) when none
	stopSet bool
}

// may reports whether the phrase p can match at a, its first word ending
// at b: a literal phrase always may; an expression only when its needed
// word follows (before the next stop, if the expression crosses none).
func (sc *scanner) may(p *phrase, a, b int) bool {
	if p.re == nil {
		return true
	}
	k := p.need
	if !sc.looked[k] || sc.found[k] >= 0 && sc.found[k] < a {
		sc.looked[k] = true
		sc.found[k] = indexFold(sc.text, a, needs[k])
	}
	at := sc.found[k]
	if at < 0 {
		return false
	}
	if !p.noStop {
		return true
	}
	if !sc.stopSet || sc.stop < b {
		sc.stopSet = true
		sc.stop = len(sc.text)
		if i := strings.IndexAny(sc.text[b:], ".,;:!?"); i >= 0 {
			sc.stop = b + i
		}
	}
	return at < sc.stop
}

// modalIndex is what findModals looks up in a text, found once however
// many stretches of it are read: the words where a phrase may start, found
// for a piece of the text (indexChunk bytes) when a stretch first reaches
// it.
type modalIndex struct {
	text   string
	chunks [][]starter // per piece, the starters that start in it
	done   []bool      // per piece, whether chunks holds it yet
}

const indexChunk = 512

func newModalIndex(text string) *modalIndex { return &modalIndex{text: text} }

// chunk is the starters of the c-th piece of the text.
func (x *modalIndex) chunk(c int) []starter {
	if x.done == nil {
		n := (len(x.text) + indexChunk - 1) / indexChunk
		x.chunks, x.done = make([][]starter, n), make([]bool, n)
	}
	if !x.done[c] {
		x.chunks[c] = wordStarters(x.text, c*indexChunk, min(len(x.text), (c+1)*indexChunk))
		x.done[c] = true
	}
	return x.chunks[c]
}

// startsAt reports whether a starter starts at a.
func (x *modalIndex) startsAt(a int) bool {
	ss := x.chunk(a / indexChunk)
	k := sort.Search(len(ss), func(k int) bool { return int(ss[k].a) >= a })
	return k < len(ss) && int(ss[k].a) == a
}

// each calls f with the starters that start in text[a:b], in order.
func (x *modalIndex) each(a, b int, f func(starter)) {
	for c := a / indexChunk; c*indexChunk < b; c++ {
		ss := x.chunk(c)
		k := 0
		if c == a/indexChunk {
			k = sort.Search(len(ss), func(k int) bool { return int(ss[k].a) >= a })
		}
		for ; k < len(ss) && int(ss[k].a) < b; k++ {
			f(ss[k])
		}
	}
}

// indexFold is the first place at or after from where text holds w, a
// folded word, in any case; -1 when it does not.
func indexFold(text string, from int, w string) int {
	first := w[0] // an ASCII capital: the needed words start with one
	// the only letters beyond ASCII that fold to an ASCII one: the Kelvin
	// sign (K, its first byte 0xe2) and the long s (ſ, 0xc5)
	var other byte
	switch first {
	case 'K':
		other = 0xe2
	case 'S':
		other = 0xc5
	}
	for i := from; i < len(text); i++ {
		if c := text[i]; c != first && c != first+('a'-'A') && (c != other || other == 0) {
			continue
		}
		if _, ok := prefix(text[i:], w, true); ok {
			return i
		}
	}
	return -1
}

// literal reports whether a phrase is words only, with no expression.
func literal(p string) bool {
	return !strings.ContainsAny(p, `\[](){}?*+|.^$`)
}

// leadingLetters is the run of letters that starts s.
func leadingLetters(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

// foldWord folds a word the way a case-insensitive match sees it: each
// letter to the smallest of the letters that fold to one another (the
// capital, for ASCII letters).
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// asciiSpace is white space as an expression's \s knows it.
func asciiSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// phrasesAt tells the phrases that may start with the word text[a:b]:
// those that start with the word (starterLists[first]; none when first is
// 0), and those that start with any letters holding the infix (infixed,
// when any is true).
func phrasesAt(text string, a, b int) (first int32, any bool) {
	w := text[a:b]
	if f := w[0] &^ ('a' - 'A'); len(w) <= longestStarter*2 && f >= 'A' && f <= 'Z' && starterFirsts&(1<<(f-'A')) != 0 {
		var key [64]byte
		n, ascii := 0, true
		for i := 0; i < len(w) && n < len(key); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			key[n] = c
			n++
		}
		switch {
		case ascii && n < 64 && starterLengths[key[0]]&(1<<n) == 0:
		case ascii:
			first = starters[string(key[:n])]
		default:
			var buf [64]byte
			folded := buf[:0]
			for _, r := range w {
				folded = utf8.AppendRune(folded, foldRune(r))
			}
			first = starters[string(folded)]
		}
	}
	return first, containsFold(w[1:], infix)
}

// containsFold reports whether s holds sub, an ASCII lower-case word, in
// any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && (s[i+j] == sub[j] || s[i+j]+('a'-'A') == sub[j]) {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// match matches the phrase at text[a:], which starts a word, and returns
// the end of the match.
func (p *phrase) match(text string, a int) (int, bool) {
	if p.re != nil {
		in := text[a:]
		if p.stopFree {
			if k := strings.IndexAny(in, ".,;:!?"); k >= 0 {
				in = in[:k]
			}
		}
		if p.gap != nil {
			end, ok := p.gap.match(in, p.gapMax)
			if !ok {
				return 0, false
			}
			return a + end, true
		}
		ix := p.re.FindStringIndex(in)
		if ix == nil {
			return 0, false
		}
		return a + ix[1], true
	}
	fold := modalClasses[p.class].caseFold
	i := a
	for k, w := range p.words {
		if k > 0 {
			j := i
			for j < len(text) && asciiSpace(text[j]) {
				j++
			}
			if j == i {
				return 0, false
			}
			i = j
		}
		n, ok := prefix(text[i:], w, fold)
		if !ok {
			return 0, false
		}
		i += n
	}
	if i < len(text) && isASCIIWord(text[i]) {
		return 0, false // the word goes on
	}
	return i, true
}

// prefix reports whether s starts with lit, in any case when fold is true,
// and how many bytes of s that takes.
func prefix(s, lit string, fold bool) (int, bool) {
	if !fold {
		return len(lit), strings.HasPrefix(s, lit)
	}
	i := 0
	for _, r := range lit {
		if i >= len(s) {
			return 0, false
		}
		c, n := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, n = utf8.DecodeRuneInString(s[i:])
		}
		if c != r && foldRune(c) != foldRune(r) {
			return 0, false
		}
		i += n
	}
	return i, true
}

// definitional is "shall" used to define rather than to oblige: "shall
// mean", "shall refer to".
var definitional = lazy(`(?i)^\s+(?:mean|means|refer|have the meaning|be construed|be deemed|include)\b`)

// findModals finds the obligation words of text, leaving out "May" used
// as a month and "shall" used to define. In one pass over the words, each
// class's phrases are tried only at a word that may start one of them, in
// order, the first that matches winning; a class's matches do not overlap.
func findModals(text string) []modal {
	return findModalsIn(newModalIndex(text), 0, len(text))
}

// starter is a word of a text at which some phrase may start: its span
// (a run of letters that starts with an ASCII letter after no letter,
// digit or underscore) and the phrases to try there (see phrasesAt).
type starter struct {
	a, b  int32
	first int32 // index in starterLists
	any   bool  // infixed too
}

// phrases are the phrases to try at st: starterLists[st.first], then
// infixed when st.any.
func (st starter) phrases() ([]phrase, []phrase) {
	if st.any {
		return starterLists[st.first], infixed
	}
	return starterLists[st.first], nil
}

// wordStarters lists the starters of text that start in text[lo:hi], in
// order: the words that findModals tries phrases at.
func wordStarters(text string, lo, hi int) []starter {
	loadModals()
	var out []starter
	i := lo
	for i < hi && !utf8.RuneStart(text[i]) {
		i++
	}
	prevWord := false
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		prevWord = isWordRune(r)
	}
	for i < hi {
		c := text[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[i:])
			prevWord = isWordRune(r)
			i += n
			continue
		}
		if prevWord || !isASCIILetter(rune(c)) {
			prevWord = isASCIIWord(c)
			i++
			continue
		}
		j := letterRunEnd(text, i, len(text))
		if first, any := phrasesAt(text, i, j); first != 0 || any {
			out = append(out, starter{int32(i), int32(j), first, any})
		}
		prevWord = true
		i = j
	}
	return out
}

// cutWord is the start of the word of text[a:b] that b cuts inside its
// run of letters, when one does and it starts after a (the word at a is
// read apart); else -1.
func cutWord(text string, a, b int) int {
	if b >= len(text) || b <= a {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(text[b:])
	l, _ := utf8.DecodeLastRuneInString(text[:b])
	if !unicode.IsLetter(r) || !unicode.IsLetter(l) {
		return -1
	}
	i := b
	for i > a {
		l, n := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsLetter(l) {
			break
		}
		i -= n
	}
	if i == a || !isASCIILetter(rune(text[i])) {
		return -1
	}
	if p, _ := utf8.DecodeLastRuneInString(text[:i]); isWordRune(p) {
		return -1
	}
	return i
}

// letterRunEnd is the end of the run of letters of text[:b] that starts at
// i.
func letterRunEnd(text string, i, b int) int {
	j := i
	for j < b {
		c := text[j]
		if c < utf8.RuneSelf {
			if !isASCIILetter(rune(c)) {
				break
			}
			j++
			continue
		}
		r, m := utf8.DecodeRuneInString(text[j:b])
		if !unicode.IsLetter(r) {
			break
		}
		j += m
	}
	return j
}

// findModalsIn is findModals(text[a:b]) of idx's text, its modals at
// offsets into text[a:b]: a word of text[a:b] starts there as it does in
// the whole text, but for the word at a, which nothing comes before in
// text[a:b].
func findModalsIn(idx *modalIndex, a, b int) []modal {
	loadModals()
	text := idx.text
	sub := text[a:b]
	var all []modal
	var ends [32]int // per class, the end of its last match
	sc := scanner{text: sub}
	try := func(st starter) {
		i, j := int(st.a)-a, int(st.b)-a
		first, any := st.phrases()
		done := uint32(0) // the classes matched at i
		for k := 0; k < len(first)+len(any); k++ {
			p := at(first, any, k)
			if done&(1<<p.class) != 0 || i < ends[p.class] || !sc.may(p, i, j) {
				continue
			}
			end, ok := p.match(sub, i)
			if !ok {
				continue
			}
			done |= 1 << p.class
			ends[p.class] = end
			c := &modalClasses[p.class]
			m := modal{span: span{i, end}, text: sub[i:end], force: c.force, loose: c.loose}
			if keep(sub, m) {
				m = reading(sub, m)
				all = append(all, m)
			}
		}
	}
	if a == b {
		return nil
	}
	if isASCIILetter(rune(text[a])) && !idx.startsAt(a) {
		// a word glued to what precedes it in text starts one in text[a:b]
		j := letterRunEnd(text, a, b)
		if first, any := phrasesAt(text, a, j); first != 0 || any {
			try(starter{int32(a), int32(j), first, any})
		}
	}
	last := -1 // the start of the last starter
	idx.each(a, b, func(st starter) {
		last = int(st.a)
		if int(st.b) > b {
			// the word runs past b: in text[a:b] it ends there
			st.b = int32(letterRunEnd(text, int(st.a), b))
			st.first, st.any = phrasesAt(text, int(st.a), int(st.b))
		}
		try(st)
	})
	if i := cutWord(text, a, b); i >= 0 && last != i {
		// a word that b cuts short, which may start a phrase only so
		if first, any := phrasesAt(text, i, b); first != 0 || any {
			try(starter{int32(i), int32(b), first, any})
		}
	}
	if len(all) > 1 {
		slices.SortStableFunc(all, func(x, y modal) int {
			if x.a != y.a {
				return cmp.Compare(x.a, y.a)
			}
			return cmp.Compare(y.b, x.b)
		})
	}
	out := all[:0] // kept in place: a modal kept is never behind one looked at
	end := -1
	for _, m := range all {
		if m.a < end {
			continue
		}
		out = append(out, m)
		end = m.b
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// keep reports whether a phrase found in text is an obligation word: it is
// a whole word, not "May" beside a number (a month), not "shall" that
// defines, not "soll" of an intention, not "required" of a circumstance.
func keep(text string, m modal) bool {
	if !wordBounded(text, m.span) {
		return false
	}
	l := strings.ToLower(m.text)
	switch {
	case m.text == "May" && nextToDigit(text, m.span):
		return false
	case (l == "shall" || l == "must") && definitional.MatchString(text[m.b:]):
		return false
	case strings.HasPrefix(l, "soll") && intention(text[:m.a]):
		return false
	case strings.Contains(l, "required") && circumstance(text[:m.a]):
		return false
	}
	return true
}

// reading is m as text reads it: a lower-case "may not" that states a
// possibility rather than a prohibition is a negated possibility, of the
// force of "cannot". It does when it stands beside a positive "may" of the
// same sentence ("may not be supported or may change", "may or may not"),
// or when "be" and an adjective follow it ("may not be appropriate"): a
// prohibition forbids an act, and an adjective names no act. A passive
// participle ("may not be shared") forbids an act and stays a prohibition,
// and "MAY NOT" in capitals is always one.
func reading(text string, m modal) modal {
	if m.force != (force{3, true}) || !mayNot.MatchString(m.text) {
		return m
	}
	after := mayAfter.FindStringSubmatch(text[m.b:])
	if mayBefore.MatchString(text[:m.a]) || (after != nil && !strings.EqualFold(after[1], "not")) || adjectiveAfter.MatchString(text[m.b:]) {
		m.force = force{1, true}
	}
	return m
}

var (
	// a "may not" with a lower-case may
	mayNot = lazy(`^(?:may|May)\s+not$`)
	// "may or" right before it: "may or may not"
	mayBefore = lazy(`(?i)\bmay\s+or\s+$`)
	// a "may" after it in the same sentence, joined by and/or, with the
	// word after it (positive unless that word is "not")
	mayAfter = lazy(`(?i)^[^.;:!?]{0,80}?\b(?:and|or)\s+may\s+(\p{L}+)`)
	// be and an adjective: "be appropriate", "be available", "be accurate"
	adjectiveAfter = lazy(`(?i)^\s+be\s+(?:(?:fully|always|entirely|completely|immediately)\s+)?(?:\p{L}{3,}(?:able|ible|ate|ent|ant|ive|ous|ful|ical)|possible|true|complete|correct|current|suitable|accurate)\b`)
)

// intention reports whether the word before a German "soll" makes it an
// intention rather than a recommendation: "errichtet werden soll".
func intention(before string) bool {
	w := strings.ToLower(before[wordStart(before, len(strings.TrimRight(before, " \n"))):])
	w = strings.TrimSpace(w)
	return w == "werden" || w == "wird" || w == "worden"
}

// circumstance reports whether "required" follows a word that makes it a
// circumstance rather than a duty: "when access is required to maintain",
// "as required by law".
func circumstance(before string) bool {
	ws := strings.Fields(before)
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-4; i-- {
		switch strings.ToLower(strings.Trim(ws[i], ",;(")) {
		case "when", "where", "if", "as", "unless", "wherever", "whenever":
			return true
		}
	}
	return false
}

// wordBounded reports whether s starts and ends at word boundaries in
// text, letters outside ASCII included (regexp's \b knows ASCII only).
func wordBounded(text string, s span) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:s.a])
	after, _ := utf8.DecodeRuneInString(text[s.b:])
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
	return (s.a == 0 || !isWord(before)) && (s.b == len(text) || !isWord(after))
}

func nextToDigit(text string, s span) bool {
	before := strings.TrimRight(text[:s.a], " ")
	after := strings.TrimLeft(text[s.b:], " ")
	isDigit := func(b byte) bool { return b >= '0' && b <= '9' }
	return (before != "" && isDigit(before[len(before)-1])) || (after != "" && isDigit(after[0]))
}

// strongest is the most binding modal of ms that binds on its own (loose
// adjectives left out), and whether there is one.
func strongest(ms []modal) (modal, bool) {
	best, ok := modal{}, false
	for _, m := range ms {
		if m.loose || !m.force.binding() {
			continue
		}
		if !ok || m.force.level > best.force.level || (m.force.level == best.force.level && m.force.neg && !best.force.neg) {
			best, ok = m, true
		}
	}
	return best, ok
}

// sentences splits text into sentences: a stop (. ! ? ;) followed by white
// space and a capital letter, a digit label or a quote ends one.
func sentences(text string) []span {
	var out []span
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' && c != ';' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\n' || text[j] == '*' || text[j] == '_') {
			j++
		}
		if j == i+1 || j >= len(text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		if c == '.' && !unicode.IsUpper(r) && r != '"' && r != '“' && r != '(' {
			continue
		}
		if c == '.' && abbreviation(text[:i]) {
			continue
		}
		out = append(out, span{start, i + 1})
		start = j
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, span{start, len(text)})
	}
	return out
}

// abbreviation reports whether the word ending text is an abbreviation
// whose dot ends no sentence: "Abs.", "Nr.", "e.g.", a single letter.
func abbreviation(text string) bool {
	w := text[wordStart(text, len(text)):]
	w = strings.TrimLeft(w, "(\"“„")
	if utf8.RuneCountInString(w) <= 1 {
		return true
	}
	switch strings.ToLower(w) {
	case "abs", "nr", "art", "s", "z.b", "e.g", "i.e", "vgl", "bzw", "ggf", "sec", "no", "vs", "etc", "u.a", "d.h", "st", "dr", "mr", "ms":
		return true
	}
	return false
}
