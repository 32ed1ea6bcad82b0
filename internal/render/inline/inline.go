// Package inline reads the inline Markdown of one block's text for the
// renderers that show it formatted (the rendered HTML view and Word),
// without a Markdown library: code spans, backslash escapes, autolinks,
// raw HTML, entities, links, images, emphasis, strong emphasis and
// strikethrough. It follows CommonMark's rules closely enough for the text
// of a draft, never fails, and runs in time linear in its input (with
// bounded look-ahead). What it does not know stays text.
package inline

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Style is the formatting of a content byte, a set of bits.
type Style uint8

// Style bits.
const (
	Em Style = 1 << iota
	Strong
	Code
	Strike
	Image // the alt text of an image
)

// Option changes how a text is read.
type Option uint8

// Options.
const (
	// FrameAlt keeps the brackets around an image's alt text as content
	// (styled Image), so that a view shows the alt text as "[alt]" and the
	// reader sees that it stands for an image.
	FrameAlt Option = 1 << iota
	// HTMLAsText leaves raw HTML tags and comments as content, so that a
	// review shows markup that a reader of the rendered draft would not see.
	HTMLAsText
)

// MaxLen is the longest text whose inline Markdown is read; longer text
// (a pathological block) is all content, shown as written.
const MaxLen = 1 << 20

// maxDest bounds the look-ahead for a link destination, a title, a raw
// HTML tag or an autolink.
const maxDest = 4096

// Reading is what each byte of a text is: markup (not shown) or content,
// and the content's style, link and shown text.
type Reading struct {
	src string
	// Markup[i] is true when byte i is markup, not shown.
	Markup []bool
	// Style[i] is the formatting of byte i.
	Style []Style
	link  []int32 // 1 + index in links, or 0
	links []string
	sub   map[int]string // a byte shown as this text instead (entities)
}

// Plain is the reading of s as content only, every byte styled st (the
// text of a code block, say).
func Plain(s string, st Style) *Reading {
	r := &Reading{src: s, Markup: make([]bool, len(s)), Style: make([]Style, len(s)), link: make([]int32, len(s))}
	if st != 0 {
		for i := range r.Style {
			r.Style[i] = st
		}
	}
	return r
}

// Link is the destination, as written less its escapes and entities, of
// the link over byte i; "" when there is none or it is a reference link,
// whose definition the text does not hold.
func (r *Reading) Link(i int) string {
	if k := r.link[i]; k > 0 {
		return r.links[k-1]
	}
	return ""
}

// Text is what content byte i shows: itself, or the character an entity or
// numeric character reference starting there stands for.
func (r *Reading) Text(i int) string {
	if t, ok := r.sub[i]; ok {
		return t
	}
	return r.src[i : i+1]
}

type delim struct {
	pos, n, orig      int
	ch                byte
	canOpen, canClose bool
	active            bool // for bracket openers: may still make a link
	image             bool
}

type parser struct {
	s      string
	r      *Reading
	opts   Option
	delims []delim // emphasis delimiters
	opens  []delim // bracket openers; orig is the index in delims
}

// IsPlain reports whether Parse reads all of s as content, unstyled and
// with no link or entity: s holds no byte that can start inline Markdown,
// or is longer than MaxLen.
func IsPlain(s string) bool {
	return len(s) > MaxLen || !strings.ContainsAny(s, "\\`*_~[]<&")
}

// Parse reads the inline Markdown of s.
func Parse(s string, opts Option) *Reading {
	r := Plain(s, 0)
	if IsPlain(s) {
		return r
	}
	p := &parser{s: s, r: r, opts: opts}
	p.scan()
	p.emphasis(0)
	return r
}

func (p *parser) hide(a, b int) {
	for i := a; i < b && i < len(p.s); i++ {
		p.r.Markup[i] = true
	}
}

func (p *parser) style(a, b int, f Style) {
	for i := a; i < b; i++ {
		p.r.Style[i] |= f
	}
}

func (p *parser) scan() {
	s := p.s
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				p.r.Markup[i] = true
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
				p.opens = append(p.opens, delim{pos: i, n: 2, active: true, image: true, orig: len(p.delims)})
				i += 2
				continue
			}
			i++
		case '[':
			p.opens = append(p.opens, delim{pos: i, n: 1, active: true, orig: len(p.delims)})
			i++
		case ']':
			i = p.closeBracket(i)
		default:
			i++
		}
	}
}

// codeSpan reads a code span opening at i, or the backtick run as text.
// The fences are markup, and so is one space on each side of content that
// has one on both sides and is not all spaces.
func (p *parser) codeSpan(i int) int {
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
			p.hide(i, i+n)
			p.hide(j, j+m)
			a, b := i+n, j
			if b-a >= 2 && s[a] == ' ' && s[b-1] == ' ' && strings.Trim(s[a:b], " ") != "" {
				p.r.Markup[a], p.r.Markup[b-1] = true, true
			}
			p.style(a, b, Code)
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
func (p *parser) angle(i int) int {
	s := p.s
	if end := autolinkEnd(s, i); end > 0 {
		target := s[i+1 : end-1]
		if strings.Contains(target, "@") && !strings.Contains(target, ":") {
			target = "mailto:" + target
		}
		p.r.Markup[i], p.r.Markup[end-1] = true, true
		p.markLink(i+1, end-1, target)
		return end
	}
	if p.opts&HTMLAsText != 0 {
		return i + 1
	}
	if end := htmlEnd(s, i); end > 0 {
		p.hide(i, end)
		return end
	}
	return i + 1
}

func (p *parser) markLink(a, b int, target string) {
	p.r.links = append(p.r.links, target)
	k := int32(len(p.r.links))
	for j := a; j < b; j++ {
		if p.r.link[j] == 0 {
			p.r.link[j] = k
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
	// an e-mail address
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
		if k := strings.Index(rest[4:min(len(rest), 4+maxDest)], "-->"); k >= 0 {
			return i + 4 + k + 3
		}
		return 0
	case strings.HasPrefix(rest, "<?"):
		if k := strings.Index(rest[2:min(len(rest), 2+maxDest)], "?>"); k >= 0 {
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

// entity reads an HTML entity or numeric character reference at i: its
// '&' shows the character it stands for, the rest is markup.
func (p *parser) entity(i int) int {
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
	if p.r.sub == nil {
		p.r.sub = map[int]string{}
	}
	p.r.sub[i] = dec
	p.hide(i+1, i+k+1)
	return i + k + 1
}

// delimRun records a run of *, _ or ~ that may open or close emphasis.
func (p *parser) delimRun(i int) int {
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
func (p *parser) closeBracket(i int) int {
	if len(p.opens) == 0 {
		return i + 1
	}
	op := p.opens[len(p.opens)-1]
	p.opens = p.opens[:len(p.opens)-1]
	if !op.active {
		return i + 1
	}
	end, target, ok := linkTail(p.s, i+1)
	if !ok {
		return i + 1
	}
	p.emphasis(op.orig)
	switch {
	case op.image && p.opts&FrameAlt != 0:
		p.r.Markup[op.pos] = true // the '!'
		p.style(op.pos+1, i+1, Image)
		p.hide(i+1, end)
	case op.image:
		p.hide(op.pos, op.pos+op.n)
		p.hide(i, end)
	default:
		p.hide(op.pos, op.pos+op.n)
		p.hide(i, end)
		if target != "" {
			p.markLink(op.pos+op.n, i, target)
		}
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
func linkTail(s string, j int) (int, string, bool) {
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

// inlineDest reads "(dest "title")" at j: a destination in angle brackets
// or a bare one (balanced parentheses, no space or control character),
// then an optional title in double or single quotes or parentheses.
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

// unescapeDest drops the backslashes of escaped punctuation in a link
// destination and decodes its entities.
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
// "process emphasis" does: each closer with the nearest opener of the same
// character before it, two characters (strong) where both have two, and
// drops them.
func (p *parser) emphasis(bottom int) {
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
		var f Style
		switch {
		case d.ch == '~':
			use, f = d.n, Strike
		case od.n >= 2 && d.n >= 2:
			use, f = 2, Strong
		default:
			f = Em
		}
		p.hide(od.pos+od.n-use, od.pos+od.n)
		p.hide(d.pos, d.pos+use)
		p.style(od.pos+od.n, d.pos, f)
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

// SafeHref reports whether a draft's link destination may become a link:
// http and https URLs with a host, mailto URLs, relative paths and
// fragments. Anything with another scheme, white space, a control character
// or a backslash, that starts with "//", or an http or https URL with no
// host ("https:///x", which a browser reads as https://x/), stays text.
func SafeHref(d string) bool {
	if d == "" || strings.HasPrefix(d, "//") || strings.ContainsAny(d, "\\ \t\n\r") || !utf8.ValidString(d) {
		return false
	}
	for _, r := range d {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Bidi_Control, r) {
			return false
		}
	}
	end := strings.IndexAny(d, "/?#")
	if end < 0 {
		end = len(d)
	}
	colon := strings.IndexByte(d[:end], ':')
	if colon < 0 {
		return true // relative, or a fragment
	}
	switch strings.ToLower(d[:colon]) {
	case "http", "https":
		rest := d[colon+1:]
		return strings.HasPrefix(rest, "//") && len(rest) > 2 && !strings.ContainsRune("/?#", rune(rest[2]))
	case "mailto":
		return true
	}
	return false
}
