package html

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rendered view reads a block's inline Markdown itself (the renderer
// links no Markdown library): code spans, backslash escapes, autolinks,
// links and images, emphasis, strong emphasis and strikethrough. What it
// does not know stays text. The result is a role for every byte of the
// text: markup (not shown) or content, and the content's style and link.

// Style bits of content.
const (
	stEm uint8 = 1 << iota
	stStrong
	stCode
	stStrike
	stImg
)

// inline is the reading of one side's text of a block.
type inline struct {
	syn  []bool  // the byte is markup
	sty  []uint8 // style bits of content
	link []int32 // index in links, or -1
	// links are the destinations as written; "" for a reference link
	// whose target this block does not hold.
	links []string
}

// delim is a run of emphasis delimiters or a bracket.
type delim struct {
	pos, n             int // start and remaining length (from the start for closers)
	c                  byte
	open, close, alive bool
	region             int
	origN              int
}

// parseInline reads s.
func parseInline(s string) *inline {
	in := &inline{syn: make([]bool, len(s)), sty: make([]uint8, len(s)), link: make([]int32, len(s))}
	for i := range in.link {
		in.link[i] = -1
	}
	if !strings.ContainsAny(s, "\\`*_~[]<") {
		return in
	}
	prot := make([]bool, len(s)) // inside a code span or escaped
	p := &inlineParse{}
	var ds []delim
	var brackets []int // indexes in ds of '[' and '!['
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			in.syn[i] = true
			prot[i], prot[i+1] = true, true
			i += 2
			continue
		case c == '`':
			i = in.codeSpan(s, i, prot)
			continue
		case c == '<':
			if end := autolink(s, i); end > 0 {
				i = in.autolinkSpan(s, i, end, prot)
				continue
			}
		case c == '*' || c == '_' || c == '~':
			n := run(s, i, c)
			if c != '~' || n == 2 {
				ds = append(ds, emphasisDelim(s, i, n, c))
			}
			i += n
			continue
		case c == '[' || (c == '!' && i+1 < len(s) && s[i+1] == '['):
			n := 1
			if c == '!' {
				n = 2
			}
			ds = append(ds, delim{pos: i, n: n, c: '[', alive: true})
			brackets = append(brackets, len(ds)-1)
			i += n
			continue
		case c == ']':
			i = in.closeBracket(s, i, ds, &brackets, prot, p)
			continue
		}
		i++
	}
	p.regions(ds)
	in.emphasis(s, ds)
	return in
}

// codeSpan handles a run of backticks at i: with a closing run of the same
// length, a code span (its backticks and a stripped space on each side are
// markup). It returns where scanning goes on.
func (in *inline) codeSpan(s string, i int, prot []bool) int {
	n := run(s, i, '`')
	end := closingTicks(s, i+n, n)
	if end < 0 {
		return i + n
	}
	for k := i; k < i+n; k++ {
		in.syn[k] = true
	}
	for k := end; k < end+n; k++ {
		in.syn[k] = true
	}
	a, b := i+n, end
	if b-a >= 2 && s[a] == ' ' && s[b-1] == ' ' && strings.Trim(s[a:b], " ") != "" {
		in.syn[a], in.syn[b-1] = true, true
	}
	for k := i; k < end+n; k++ {
		prot[k] = true
		in.sty[k] |= stCode
	}
	return end + n
}

// autolinkSpan marks the autolink from the '<' at i to the '>' at end (an
// address without a scheme is an e-mail one). It returns where scanning
// goes on.
func (in *inline) autolinkSpan(s string, i, end int, prot []bool) int {
	dest := s[i+1 : end]
	if !strings.Contains(dest, ":") {
		dest = "mailto:" + dest
	}
	idx := int32(len(in.links))
	in.links = append(in.links, dest)
	in.syn[i], in.syn[end] = true, true
	for k := i; k <= end; k++ {
		prot[k] = true
		in.link[k] = idx
	}
	return end + 1
}

// emphasisDelim is the delimiter of the run of n characters c at i, with
// whether it can open and close.
func emphasisDelim(s string, i, n int, c byte) delim {
	lf, rf := flanking(s, i, n)
	d := delim{pos: i, n: n, origN: n, c: c, alive: true}
	switch c {
	case '*', '~':
		d.open, d.close = lf, rf
	case '_':
		d.open = lf && (!rf || isPunctBefore(s, i))
		d.close = rf && (!lf || isPunctAfter(s, i+n))
	}
	return d
}

// inlineParse is the state of one parse that links and images leave.
type inlineParse struct {
	// spans are the delimiters' index ranges [from, to) inside the text of
	// each link or image, in the order they closed.
	spans [][2]int
	// noLinkBelow: an opener before this index can no longer make a link
	// (links do not nest).
	noLinkBelow int
}

// regions gives each delimiter the number of the innermost link or image
// text holding it (0 for none), so that emphasis pairs only inside one.
func (p *inlineParse) regions(ds []delim) {
	if len(p.spans) == 0 {
		return
	}
	sp := p.spans
	sort.Slice(sp, func(a, b int) bool {
		if sp[a][0] != sp[b][0] {
			return sp[a][0] < sp[b][0]
		}
		return sp[a][1] > sp[b][1]
	})
	var stack []int
	next := 0
	for k := range ds {
		for len(stack) > 0 && sp[stack[len(stack)-1]][1] <= k {
			stack = stack[:len(stack)-1]
		}
		for next < len(sp) && sp[next][0] <= k {
			if sp[next][1] > k {
				stack = append(stack, next)
			}
			next++
		}
		if len(stack) > 0 {
			ds[k].region = stack[len(stack)-1] + 1
		}
	}
}

// closeBracket handles a ']' at i: with an opener before it and a link
// destination or reference after it, a link or image. It returns where
// scanning goes on.
func (in *inline) closeBracket(s string, i int, ds []delim, brackets *[]int, prot []bool, p *inlineParse) int {
	if len(*brackets) == 0 {
		return i + 1
	}
	bi := (*brackets)[len(*brackets)-1]
	*brackets = (*brackets)[:len(*brackets)-1]
	op := &ds[bi]
	if !op.alive {
		return i + 1
	}
	image := op.n == 2
	if !image && bi < p.noLinkBelow {
		return i + 1
	}
	end, dest, ok := linkTail(s, i+1)
	if !ok {
		return i + 1
	}
	p.spans = append(p.spans, [2]int{bi + 1, len(ds)})
	op.alive = false
	idx := int32(-1)
	if !image {
		idx = int32(len(in.links))
		in.links = append(in.links, dest)
		p.noLinkBelow = bi
	}
	start := op.pos
	if image {
		in.syn[start] = true // the '!'; the brackets stay, around the alt text
		for k := start + 1; k <= i; k++ {
			in.sty[k] |= stImg
		}
	} else {
		in.syn[start], in.syn[i] = true, true
		for k := start; k <= i; k++ {
			if in.link[k] < 0 {
				in.link[k] = idx
			}
		}
	}
	for k := i + 1; k < end; k++ {
		in.syn[k] = true
		prot[k] = true
	}
	return end
}

// linkTail reads what follows a ']' at j: "(dest "title")" gives an inline
// link; "[label]" or "[]" a reference link, whose destination is "". ok is
// false when neither follows.
func linkTail(s string, j int) (end int, dest string, ok bool) {
	if j >= len(s) {
		return 0, "", false
	}
	if s[j] == '[' {
		k := strings.IndexByte(s[j+1:], ']')
		if k < 0 || strings.ContainsRune(s[j+1:j+1+k], '[') {
			return 0, "", false
		}
		return j + k + 2, "", true
	}
	if s[j] != '(' {
		return 0, "", false
	}
	k := skipSpaces(s, j+1)
	k, dest, ok = linkDest(s, k)
	if !ok {
		return 0, "", false
	}
	k, ok = linkTitle(s, skipSpaces(s, k))
	if !ok || k >= len(s) || s[k] != ')' {
		return 0, "", false
	}
	return k + 1, unescapeDest(dest), true
}

// skipSpaces returns the index of the first byte at or after k that is not
// a space.
func skipSpaces(s string, k int) int {
	for k < len(s) && s[k] == ' ' {
		k++
	}
	return k
}

// linkDest reads an inline link's destination at k: "<dest>" or a bare one
// (balanced parentheses, no space or control character). It returns the
// index after it and the destination as written; ok is false for an
// unclosed "<".
func linkDest(s string, k int) (end int, dest string, ok bool) {
	if k < len(s) && s[k] == '<' {
		e := strings.IndexAny(s[k+1:], ">\n")
		if e < 0 || s[k+1+e] != '>' {
			return 0, "", false
		}
		return k + e + 2, s[k+1 : k+1+e], true
	}
	ds := k
	depth := 0
	for k < len(s) {
		c := s[k]
		if c == '\\' && k+1 < len(s) {
			k += 2
			continue
		}
		if c == ' ' || c < 0x20 {
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
		k++
	}
	return k, s[ds:k], true
}

// linkTitle skips an inline link's title at k, if there is one ("title",
// 'title' or (title)), and the spaces after it. ok is false for an
// unclosed title.
func linkTitle(s string, k int) (end int, ok bool) {
	if k >= len(s) || (s[k] != '"' && s[k] != '\'' && s[k] != '(') {
		return k, true
	}
	closer := s[k]
	if closer == '(' {
		closer = ')'
	}
	e := strings.IndexByte(s[k+1:], closer)
	if e < 0 {
		return 0, false
	}
	return skipSpaces(s, k+e+2), true
}

// unescapeDest drops the backslashes of escaped punctuation in a link
// destination.
func unescapeDest(d string) string {
	if !strings.Contains(d, `\`) {
		return d
	}
	var b strings.Builder
	for i := 0; i < len(d); i++ {
		if d[i] == '\\' && i+1 < len(d) && isASCIIPunct(d[i+1]) {
			i++
		}
		b.WriteByte(d[i])
	}
	return b.String()
}

// maxLookBack is how many delimiters before a closer are searched for its
// opener.
const maxLookBack = 64

// emphasis pairs the delimiter runs, as CommonMark does: each closer with
// the nearest opener of the same character before it, in the same link
// text, two characters (strong) where both have two.
func (in *inline) emphasis(s string, ds []delim) {
	for ci := range ds {
		c := &ds[ci]
		if c.c == '[' || !c.close {
			continue
		}
		for c.n > 0 {
			oi := -1
			// a bounded look back keeps a text of many delimiters linear
			for k := ci - 1; k >= 0 && k >= ci-maxLookBack; k-- {
				o := &ds[k]
				if !o.alive || o.c != c.c || !o.open || o.n == 0 || o.region != c.region {
					continue
				}
				if (o.close || c.open) && (o.origN+c.origN)%3 == 0 && !(o.origN%3 == 0 && c.origN%3 == 0) && c.c != '~' {
					continue
				}
				oi = k
				break
			}
			if oi < 0 {
				break
			}
			o := &ds[oi]
			use := 1
			if o.n >= 2 && c.n >= 2 {
				use = 2
			}
			bit := stEm
			switch {
			case c.c == '~':
				bit, use = stStrike, 2
			case use == 2:
				bit = stStrong
			}
			oEnd := o.pos + o.n
			for k := oEnd - use; k < oEnd; k++ {
				in.syn[k] = true
			}
			for k := c.pos; k < c.pos+use; k++ {
				in.syn[k] = true
			}
			for k := oEnd; k < c.pos; k++ {
				in.sty[k] |= bit
			}
			o.n -= use
			c.pos += use
			c.n -= use
			for k := oi + 1; k < ci; k++ {
				if ds[k].c != '[' {
					ds[k].alive = false
				}
			}
		}
	}
}

func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingTicks finds the next run of exactly n backticks at or after i.
func closingTicks(s string, i, n int) int {
	for i < len(s) {
		k := strings.IndexByte(s[i:], '`')
		if k < 0 {
			return -1
		}
		i += k
		m := run(s, i, '`')
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

// autolink reports the index of the '>' closing an autolink that opens at
// i ("<https://example.org>", "<name@example.org>"), or 0.
func autolink(s string, i int) int {
	e := strings.IndexByte(s[i+1:], '>')
	if e <= 0 {
		return 0
	}
	body := s[i+1 : i+1+e]
	if strings.ContainsAny(body, " <\t\n") {
		return 0
	}
	if c := strings.IndexByte(body, ':'); c >= 2 && c <= 32 {
		for k := 0; k < c; k++ {
			b := body[k]
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || k > 0 && (b >= '0' && b <= '9' || b == '+' || b == '.' || b == '-')) {
				return 0
			}
		}
		return i + 1 + e
	}
	if at := strings.IndexByte(body, '@'); at > 0 && at < len(body)-1 && strings.Contains(body[at:], ".") {
		return i + 1 + e
	}
	return 0
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// flanking reports whether the delimiter run s[i:i+n] is left- and
// right-flanking.
func flanking(s string, i, n int) (left, right bool) {
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if i+n < len(s) {
		after, _ = utf8.DecodeRuneInString(s[i+n:])
	}
	sb, sa := unicode.IsSpace(before), unicode.IsSpace(after)
	pb, pa := isPunct(before), isPunct(after)
	left = !sa && (!pa || sb || pb)
	right = !sb && (!pb || sa || pa)
	return left, right
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func isPunctBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isPunct(r)
}

func isPunctAfter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isPunct(r)
}

// safeHref reports whether a draft's link destination may become a link:
// http, https and mailto URLs, relative paths and fragments. Anything with
// another scheme, white space, a control character or a backslash, or that
// starts with "//", stays text.
func safeHref(d string) bool {
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
		return strings.HasPrefix(d[colon+1:], "//")
	case "mailto":
		return true
	}
	return false
}
