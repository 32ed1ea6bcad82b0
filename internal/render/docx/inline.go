package docx

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the inline Markdown of one side of a block: which bytes
// are markup (emphasis marks, link brackets and destinations, backslashes
// of escapes, code span fences, raw HTML tags) and which are text, and what
// formatting each text byte carries. It follows CommonMark's rules for code
// spans, autolinks, raw HTML, escapes, entities, links and emphasis closely
// enough for the text of a draft; it never fails and runs in time linear in
// the input (with bounded look-ahead).

// Formatting bits of a text byte.
const (
	fEm uint8 = 1 << iota
	fStrong
	fCode
	fStrike
)

// maxInline is the longest text whose inline Markdown is read; longer text
// (a pathological block) is shown as written.
const maxInline = 1 << 20

// maxDest bounds the look-ahead for a link destination.
const maxDest = 4096

// inline is the reading of one string.
type inline struct {
	hide  []bool         // the byte is markup, not shown
	sub   map[int]string // a byte shown as this text instead (entities)
	fmt   []uint8        // formatting bits
	link  []int32        // 1 + index into links, or 0
	links []string
}

type delim struct {
	pos, n, orig       int
	ch                 byte
	canOpen, canClose  bool
	linkOpener, active bool // for '[' and '!['
	image              bool
}

type inlineParser struct {
	s      string
	in     *inline
	delims []delim // emphasis delimiters
	opens  []delim // bracket openers
}

// parseInline reads the inline Markdown of s.
func parseInline(s string) *inline {
	in := &inline{hide: make([]bool, len(s)), fmt: make([]uint8, len(s)), link: make([]int32, len(s))}
	if len(s) > maxInline {
		return in
	}
	p := &inlineParser{s: s, in: in}
	p.scan()
	p.emphasis(0)
	return in
}

func (p *inlineParser) hideRange(a, b int) {
	for i := a; i < b && i < len(p.s); i++ {
		p.in.hide[i] = true
	}
}

func (p *inlineParser) setFmt(a, b int, f uint8) {
	for i := a; i < b; i++ {
		p.in.fmt[i] |= f
	}
}

func (p *inlineParser) scan() {
	s := p.s
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				p.in.hide[i] = true
				i += 2
				continue
			}
			i++
		case '`':
			i = p.codeSpan(i)
		case '<':
			i = p.angle(i)
		case '&':
			i = p.entity(i)
		case '*', '_', '~':
			i = p.delimRun(i)
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				p.opens = append(p.opens, delim{pos: i, n: 2, active: true, image: true, linkOpener: true, orig: len(p.delims)})
				i += 2
				continue
			}
			i++
		case '[':
			p.opens = append(p.opens, delim{pos: i, n: 1, active: true, linkOpener: true, orig: len(p.delims)})
			i++
		case ']':
			i = p.closeBracket(i)
		default:
			i++
		}
	}
}

// codeSpan reads a code span opening at i, or the backtick run as text.
func (p *inlineParser) codeSpan(i int) int {
	s := p.s
	n := run(s, i, '`')
	for j := i + n; j < len(s); {
		k := strings.IndexByte(s[j:], '`')
		if k < 0 {
			break
		}
		j += k
		m := run(s, j, '`')
		if m == n {
			p.hideRange(i, i+n)
			p.hideRange(j, j+m)
			p.setFmt(i+n, j, fCode)
			return j + m
		}
		j += m
	}
	return i + n
}

func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// angle reads an autolink or a raw HTML tag or comment at i.
func (p *inlineParser) angle(i int) int {
	s := p.s
	if end := autolinkEnd(s, i); end > 0 {
		target := s[i+1 : end-1]
		if strings.Contains(target, "@") && !strings.Contains(target, ":") {
			target = "mailto:" + target
		}
		p.in.hide[i], p.in.hide[end-1] = true, true
		p.markLink(i+1, end-1, target)
		return end
	}
	if end := htmlEnd(s, i); end > 0 {
		p.hideRange(i, end)
		return end
	}
	return i + 1
}

func (p *inlineParser) markLink(a, b int, target string) {
	p.in.links = append(p.in.links, target)
	k := int32(len(p.in.links))
	for j := a; j < b; j++ {
		if p.in.link[j] == 0 {
			p.in.link[j] = k
		}
	}
}

// autolinkEnd is the end of an autolink <scheme:...> or <user@host> at i,
// or 0.
func autolinkEnd(s string, i int) int {
	j := i + 1
	k := j
	for k < len(s) && k-j < 33 && (isAlnum(s[k]) || (k > j && (s[k] == '+' || s[k] == '.' || s[k] == '-'))) {
		k++
	}
	if k-j >= 2 && k < len(s) && s[k] == ':' && isAlpha(s[j]) {
		for k++; k < len(s) && k-i < maxDest; k++ {
			switch c := s[k]; {
			case c == '>':
				return k + 1
			case c <= ' ' || c == '<':
				return 0
			}
		}
		return 0
	}
	// e-mail
	at := false
	for k = j; k < len(s) && k-i < 320; k++ {
		c := s[k]
		switch {
		case c == '>':
			if at && k > j && s[k-1] != '@' && s[k-1] != '.' {
				return k + 1
			}
			return 0
		case c == '@':
			if at || k == j {
				return 0
			}
			at = true
		case isAlnum(c) || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0:
		default:
			return 0
		}
	}
	return 0
}

// htmlEnd is the end of a raw inline HTML tag, comment, processing
// instruction or declaration at i, or 0.
func htmlEnd(s string, i int) int {
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		if k := strings.Index(rest[4:], "-->"); k >= 0 && k < maxDest {
			return i + 4 + k + 3
		}
		return 0
	case strings.HasPrefix(rest, "<?"):
		if k := strings.Index(rest[2:], "?>"); k >= 0 && k < maxDest {
			return i + 2 + k + 2
		}
		return 0
	}
	j := i + 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	if j >= len(s) || !isAlpha(s[j]) {
		return 0
	}
	for j < len(s) && (isAlnum(s[j]) || s[j] == '-') {
		j++
	}
	var quote byte
	for ; j < len(s) && j-i < maxDest; j++ {
		c := s[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1
		case c == '<':
			return 0
		}
	}
	return 0
}

// entity reads an HTML entity or numeric character reference at i.
func (p *inlineParser) entity(i int) int {
	s := p.s
	k := strings.IndexByte(s[i:min(len(s), i+40)], ';')
	if k < 2 {
		return i + 1
	}
	name := s[i+1 : i+k]
	ok := false
	switch {
	case name[0] == '#' && len(name) > 1 && (name[1] == 'x' || name[1] == 'X'):
		ok = len(name) > 2 && len(name) <= 8 && allOf(name[2:], isHex)
	case name[0] == '#':
		ok = len(name) > 1 && len(name) <= 8 && allOf(name[1:], isDigit)
	default:
		ok = isAlpha(name[0]) && allOf(name, isAlnum)
	}
	if !ok {
		return i + 1
	}
	raw := s[i : i+k+1]
	dec := html.UnescapeString(raw)
	if dec == raw {
		return i + 1
	}
	if dec == "\x00" || !utf8.ValidString(dec) {
		dec = "\uFFFD"
	}
	if p.in.sub == nil {
		p.in.sub = map[int]string{}
	}
	p.in.sub[i] = dec
	p.hideRange(i+1, i+k+1)
	return i + k + 1
}

// delimRun records a run of *, _ or ~ that may open or close emphasis.
func (p *inlineParser) delimRun(i int) int {
	s := p.s
	c := s[i]
	n := run(s, i, c)
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if i+n < len(s) {
		after, _ = utf8.DecodeRuneInString(s[i+n:])
	}
	spB, spA := unicode.IsSpace(before), unicode.IsSpace(after)
	puB, puA := isPunct(before), isPunct(after)
	left := !spA && (!puA || spB || puB)
	right := !spB && (!puB || spA || puA)
	d := delim{pos: i, n: n, orig: n, ch: c}
	switch c {
	case '*':
		d.canOpen, d.canClose = left, right
	case '_':
		d.canOpen = left && (!right || puB)
		d.canClose = right && (!left || puA)
	case '~':
		if n > 2 {
			return i + n
		}
		d.canOpen, d.canClose = left, right
	}
	if d.canOpen || d.canClose {
		p.delims = append(p.delims, d)
	}
	return i + n
}

// closeBracket handles a ']' at i: a link or image when an opener and a
// destination match it.
func (p *inlineParser) closeBracket(i int) int {
	if len(p.opens) == 0 {
		return i + 1
	}
	op := p.opens[len(p.opens)-1]
	p.opens = p.opens[:len(p.opens)-1]
	if !op.active {
		return i + 1
	}
	end, target, ok := p.linkTail(i + 1)
	if !ok {
		return i + 1
	}
	p.emphasis(op.orig)
	p.hideRange(op.pos, op.pos+op.n)
	p.hideRange(i, end)
	if !op.image && target != "" {
		p.markLink(op.pos+op.n, i, target)
	}
	if !op.image {
		// no links inside links
		for k := range p.opens {
			if !p.opens[k].image {
				p.opens[k].active = false
			}
		}
	}
	return end
}

// linkTail reads what follows a link's text at j: an inline destination
// "(url "title")", a reference "[label]" or "[]". It returns the end, the
// destination ("" for a reference, whose definition is not in the block)
// and whether there is one.
func (p *inlineParser) linkTail(j int) (int, string, bool) {
	s := p.s
	if j >= len(s) {
		return 0, "", false
	}
	switch s[j] {
	case '(':
		return inlineDest(s, j)
	case '[':
		k := strings.IndexAny(s[j+1:min(len(s), j+1+1000)], "[]")
		if k < 0 || s[j+1+k] != ']' {
			return 0, "", false
		}
		return j + 1 + k + 1, "", true
	}
	return 0, "", false
}

// inlineDest reads "(dest "title")" at j.
func inlineDest(s string, j int) (int, string, bool) {
	k := skipSpace(s, j+1)
	dest := ""
	switch {
	case k < len(s) && s[k] == '<':
		e := strings.IndexAny(s[k+1:min(len(s), k+1+maxDest)], "<>\n")
		if e < 0 || s[k+1+e] != '>' {
			return 0, "", false
		}
		dest = s[k+1 : k+1+e]
		k += e + 2
	default:
		start, depth := k, 0
		for ; k < len(s) && k-start < maxDest; k++ {
			c := s[k]
			if c == '\\' && k+1 < len(s) && isASCIIPunct(s[k+1]) {
				k++
				continue
			}
			if c <= ' ' {
				break
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			}
		}
		if depth != 0 {
			return 0, "", false
		}
		dest = s[start:k]
	}
	k = skipSpace(s, k)
	if k < len(s) && (s[k] == '"' || s[k] == '\'' || s[k] == '(') {
		closer := s[k]
		if closer == '(' {
			closer = ')'
		}
		e := strings.IndexByte(s[k+1:min(len(s), k+1+maxDest)], closer)
		if e < 0 {
			return 0, "", false
		}
		k = skipSpace(s, k+1+e+1)
	}
	if k >= len(s) || s[k] != ')' {
		return 0, "", false
	}
	return k + 1, unescapeDest(dest), true
}

func unescapeDest(d string) string {
	if strings.IndexByte(d, '\\') >= 0 {
		var b strings.Builder
		for i := 0; i < len(d); i++ {
			if d[i] == '\\' && i+1 < len(d) && isASCIIPunct(d[i+1]) {
				i++
			}
			b.WriteByte(d[i])
		}
		d = b.String()
	}
	return html.UnescapeString(d)
}

func skipSpace(s string, k int) int {
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n') {
		k++
	}
	return k
}

// emphasis pairs the delimiters from index bottom on, as CommonMark's
// "process emphasis" does, and drops them.
func (p *inlineParser) emphasis(bottom int) {
	if bottom > len(p.delims) {
		return
	}
	type key struct {
		ch      byte
		open    bool
		lenMod3 int
	}
	lower := map[key]int{}
	ds := p.delims
	for c := bottom; c < len(ds); c++ {
		d := &ds[c]
		if !d.canClose || d.n == 0 {
			continue
		}
		k := key{d.ch, d.canOpen, d.orig % 3}
		found := -1
		for o := c - 1; o >= max(bottom, lower[k]); o-- {
			od := &ds[o]
			if od.ch != d.ch || !od.canOpen || od.n == 0 {
				continue
			}
			if d.ch == '~' && od.n != d.n {
				continue
			}
			if d.ch != '~' && (od.canClose || d.canOpen) && (od.orig+d.orig)%3 == 0 && (od.orig%3 != 0 || d.orig%3 != 0) {
				continue
			}
			found = o
			break
		}
		if found < 0 {
			lower[k] = c
			continue
		}
		od := &ds[found]
		use := 1
		var f uint8
		switch {
		case d.ch == '~':
			use, f = d.n, fStrike
		case od.n >= 2 && d.n >= 2:
			use, f = 2, fStrong
		default:
			f = fEm
		}
		inner0, inner1 := od.pos+od.n, d.pos
		p.hideRange(od.pos+od.n-use, od.pos+od.n)
		p.hideRange(d.pos, d.pos+use)
		p.setFmt(inner0, inner1, f)
		od.n -= use
		d.pos += use
		d.n -= use
		for m := found + 1; m < c; m++ {
			ds[m].n = 0
		}
		if d.n > 0 {
			c--
		}
	}
	p.delims = p.delims[:bottom]
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func allOf(s string, f func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !f(s[i]) {
			return false
		}
	}
	return true
}
