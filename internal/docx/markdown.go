package docx

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// markdown writes the blocks, then the notes.
func (c *converter) markdown() []byte {
	var b strings.Builder
	var stack []listLevel
	prev := blockKind(255)
	for i := 0; i < len(c.blocks); i++ {
		bl := &c.blocks[i]
		if b.Len() > 0 {
			if bl.kind == bItem && prev == bItem {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		if bl.kind != bItem {
			stack = stack[:0]
		}
		switch bl.kind {
		case bHeading:
			b.WriteString(strings.Repeat("#", bl.level))
			b.WriteString(" ")
			b.WriteString(renderInline(bl.segs, inlineCtx{heading: true}))
			if bl.id != "" {
				b.WriteString(" {#" + bl.id + "}")
			}
		case bPara:
			b.WriteString(renderInline(bl.segs, inlineCtx{lineStart: true, brk: "  \n"}))
		case bQuote:
			b.WriteString("> ")
			b.WriteString(renderInline(bl.segs, inlineCtx{lineStart: true, brk: "  \n> "}))
		case bRule:
			b.WriteString("***")
		case bItem:
			stack = writeItem(&b, bl, stack)
		case bCode:
			j := i
			var lines []string
			for ; j < len(c.blocks) && c.blocks[j].kind == bCode; j++ {
				lines = append(lines, codeText(c.blocks[j].segs))
			}
			i = j - 1
			writeCode(&b, strings.Join(lines, "\n"))
		case bTable:
			writeTable(&b, bl.rows)
		}
		prev = bl.kind
	}
	c.writeNotes(&b)
	if b.Len() == 0 {
		return nil
	}
	b.WriteString("\n")
	return []byte(b.String())
}

// writeNotes writes the footnotes and endnotes referred to, in the order
// of their numbers.
func (c *converter) writeNotes(b *strings.Builder) {
	c.inNote = true
	saved := c.fields
	for k, key := range c.noteOrder {
		c.fields = nil
		var segs []seg
		for _, p := range c.notes[key].kids {
			var s []seg
			switch p.name {
			case "p":
				s = c.inline(p.kids, inlineState{})
			case "tbl":
				s = c.cellText(p)
			}
			if blank(s) {
				continue
			}
			if len(segs) > 0 {
				segs = append(segs, seg{text: " "})
			}
			segs = append(segs, s...)
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("[^" + itoa(k+1) + "]: ")
		b.WriteString(renderInline(segs, inlineCtx{brk: " "}))
	}
	c.fields = saved
}

// listLevel is an open Markdown list: its Word level and the column its
// items' text starts at.
type listLevel struct {
	ilvl    int
	content int
}

// writeItem writes a list item nested under the open lists it belongs to.
func writeItem(b *strings.Builder, bl *block, stack []listLevel) []listLevel {
	for len(stack) > 0 && stack[len(stack)-1].ilvl > bl.ilvl {
		stack = stack[:len(stack)-1]
	}
	indent := 0
	if n := len(stack); n > 0 {
		if stack[n-1].ilvl == bl.ilvl {
			stack = stack[:n-1]
			if n > 1 {
				indent = stack[n-2].content
			}
		} else {
			indent = stack[n-1].content
		}
	}
	marker := "-"
	if bl.ordered {
		marker = itoa(bl.num) + string(bl.delim)
	}
	content := indent + len(marker) + 1
	b.WriteString(strings.Repeat(" ", indent))
	b.WriteString(marker)
	b.WriteString(" ")
	// a line break continues the item's paragraph on a line of its own,
	// which needs no indentation (a lazy continuation line)
	b.WriteString(renderInline(bl.segs, inlineCtx{lineStart: true, brk: "  \n"}))
	return append(stack, listLevel{ilvl: bl.ilvl, content: content})
}

// codeText is the text of a code paragraph.
func codeText(segs []seg) string {
	var b strings.Builder
	for _, s := range segs {
		switch {
		case s.br:
			b.WriteString("\n")
		default:
			b.WriteString(s.text)
		}
	}
	return b.String()
}

// writeCode writes a fenced code block whose fence no line of the code
// can close.
func writeCode(b *strings.Builder, code string) {
	n := 3
	for _, l := range strings.Split(code, "\n") {
		t := strings.TrimLeft(l, " ")
		if r := leadingRun(t, '`'); r >= n {
			n = r + 1
		}
	}
	fence := strings.Repeat("`", n)
	b.WriteString(fence)
	b.WriteString("\n")
	if code != "" {
		b.WriteString(code)
		b.WriteString("\n")
	}
	b.WriteString(fence)
}

func leadingRun(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// writeTable writes a table: its first row is the header, which has as
// many cells as the widest row.
func writeTable(b *strings.Builder, rows [][][]seg) {
	cols := 1
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	row := func(cells [][]seg, n int) {
		b.WriteString("|")
		for k := 0; k < n; k++ {
			b.WriteString(" ")
			if k < len(cells) {
				b.WriteString(renderInline(cells[k], inlineCtx{table: true, brk: " "}))
			}
			b.WriteString(" |")
		}
	}
	row(rows[0], cols)
	b.WriteString("\n|")
	for k := 0; k < cols; k++ {
		b.WriteString(" --- |")
	}
	for _, r := range rows[1:] {
		b.WriteString("\n")
		row(r, max(len(r), 1))
	}
}

// inlineCtx is where inline text is written.
type inlineCtx struct {
	lineStart bool   // the text starts a line: block syntax there is escaped
	heading   bool   // in a heading: line breaks are spaces, # and { escaped
	table     bool   // in a table cell: pipes escaped
	brk       string // what a line break becomes
}

// renderInline writes segments as inline Markdown: links, strikethrough,
// strong, emphasis and code spans nested in that order, the text escaped
// so that it reads back as itself. Formatting whose delimiters could not
// open or close where they stand is dropped, never the text.
func renderInline(segs []seg, ctx inlineCtx) string {
	segs = normalise(segs, ctx)
	r := &renderer{ctx: ctx, lineStart: ctx.lineStart}
	r.seq(segs, 0, ' ', ' ')
	return r.b.String()
}

// normalise merges neighbours of the same kind and trims white space at
// both ends; in headings and cells line breaks become spaces.
func normalise(segs []seg, ctx inlineCtx) []seg {
	var out []seg
	for _, s := range segs {
		if s.br {
			if ctx.heading || ctx.table || ctx.brk == " " {
				s = seg{text: " ", href: s.href}
			} else {
				s.f, s.href = 0, ""
			}
		}
		if !s.br && !s.raw && s.text == "" {
			continue
		}
		if n := len(out); n > 0 && !s.br && !s.raw && !out[n-1].br && !out[n-1].raw && out[n-1].f == s.f && out[n-1].href == s.href {
			out[n-1].text += s.text
			continue
		}
		out = append(out, s)
	}
	for len(out) > 0 {
		s := &out[0]
		if s.br {
			out = out[1:]
			continue
		}
		if s.raw {
			break
		}
		s.text = strings.TrimLeft(s.text, " \t\u00a0")
		if s.text != "" {
			break
		}
		out = out[1:]
	}
	for len(out) > 0 {
		s := &out[len(out)-1]
		if s.br {
			out = out[:len(out)-1]
			continue
		}
		if s.raw {
			break
		}
		s.text = strings.TrimRight(s.text, " \t\u00a0")
		if s.text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

type renderer struct {
	ctx       inlineCtx
	b         strings.Builder
	lineStart bool
}

// levels, outermost first: a link, then the formatting bits.
var levels = []uint8{0, fStrike, fStrong, fEm, fCode}

// key is what groups segments at a level.
func key(s seg, lv int) string {
	if lv == 0 {
		return s.href
	}
	if s.f&levels[lv] != 0 {
		return "1"
	}
	return ""
}

// seq writes segments at a level: each stretch that has the level's link
// or formatting wrapped in its delimiters, the rest passed on to the next
// level. before and after are the characters around the whole stretch.
func (r *renderer) seq(segs []seg, lv int, before, after rune) {
	if lv == len(levels) {
		for _, s := range segs {
			r.leaf(s)
		}
		return
	}
	for i := 0; i < len(segs); {
		j := i + 1
		k := key(segs[i], lv)
		for j < len(segs) && !segs[j].br && !segs[i].br && key(segs[j], lv) == k {
			j++
		}
		group := segs[i:j]
		next := after
		if j < len(segs) {
			next = firstRune(segs[j])
		}
		if k == "" || segs[i].br {
			r.seq(group, lv+1, r.last(before), next)
		} else {
			r.wrap(group, lv, k, r.last(before), next)
		}
		i = j
	}
}

// last is the last character written, or before when nothing was.
func (r *renderer) last(before rune) rune {
	if r.b.Len() == 0 {
		return before
	}
	c, _ := utf8.DecodeLastRuneInString(r.b.String())
	return c
}

// firstRune is the first character of a segment's text: what follows a
// closing delimiter when the segment is written as plain text. When it is
// formatted, a delimiter (punctuation) comes first instead, which never
// stops a delimiter from closing where its text would not.
func firstRune(s seg) rune {
	if s.br {
		return '\n'
	}
	if s.raw {
		return '['
	}
	c, _ := utf8.DecodeRuneInString(s.text)
	return c
}

// wrap writes a stretch with a link or formatting.
func (r *renderer) wrap(group []seg, lv int, k string, before, after rune) {
	if levels[lv] == fCode {
		r.code(group)
		return
	}
	inner := &renderer{ctx: r.ctx, lineStart: r.lineStart}
	open, closing := "", ""
	switch levels[lv] {
	case 0:
		open, closing = "[", "]("+destination(k, r.ctx.table)+")"
	case fStrike:
		open, closing = "~~", "~~"
	case fStrong:
		open, closing = "**", "**"
	case fEm:
		open, closing = "*", "*"
	}
	inner.seq(group, lv+1, rune(open[0]), rune(closing[0]))
	text := inner.b.String()
	core := strings.TrimLeft(text, " \t\u00a0")
	lead := text[:len(text)-len(core)]
	core = strings.TrimRight(core, " \t\u00a0")
	trail := text[len(lead)+len(core):]
	// a delimiter right after another of the same character would join
	// its run; a tilde beside the strikethrough's own is read as part of it
	abut := lead == "" && r.b.Len() > 0 && r.last(0) == rune(open[0]) ||
		open == "~~" && (strings.HasPrefix(core, "\\~") || strings.HasSuffix(core, "~"))
	if core == "" || lv > 0 && (abut || !canWrap(core, before, after, lead, trail)) {
		// written without the delimiters, in its real surroundings
		r.seq(group, lv+1, r.last(before), after)
		return
	}
	r.write(lead + open + core + closing + trail)
}

// canWrap reports whether delimiters around core, between the characters
// before and after, can only open and only close (CommonMark's flanking
// rules): a delimiter run that could do both may pair otherwise than
// meant, so such formatting is left out.
func canWrap(core string, before, after rune, lead, trail string) bool {
	if lead != "" {
		before = ' '
	}
	if trail != "" {
		after = ' '
	}
	c1, _ := utf8.DecodeRuneInString(core)
	c2, _ := utf8.DecodeLastRuneInString(core)
	// the opener is left-flanking and not right-flanking
	openOK := isSpace(before) || isPunct(before) && !isPunct(c1)
	// the closer is right-flanking and not left-flanking
	closeOK := isSpace(after) || isPunct(after) && !isPunct(c2)
	return openOK && closeOK
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// destination writes a link target.
func destination(href string, table bool) string {
	var b strings.Builder
	angle := strings.ContainsAny(href, " <>\t") || strings.Count(href, "(") != strings.Count(href, ")")
	if angle {
		b.WriteString("<")
	}
	for _, c := range href {
		switch {
		case c == '\n' || c == '\r':
			continue
		case c == '|' && table:
			b.WriteString("%7C")
			continue
		case c == '\\', angle && (c == '<' || c == '>'), !angle && (c == '(' || c == ')'):
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	if angle {
		b.WriteString(">")
	}
	return b.String()
}

// code writes a code span whose fence the text cannot close.
func (r *renderer) code(group []seg) {
	var t strings.Builder
	for _, s := range group {
		if s.raw {
			continue
		}
		t.WriteString(s.text)
	}
	text := strings.Map(func(c rune) rune {
		if c == '\n' || c == '\r' {
			return ' '
		}
		return c
	}, t.String())
	if strings.Trim(text, " ") == "" || r.b.Len() > 0 && r.last(0) == '`' {
		r.text(text)
		return
	}
	if r.ctx.table {
		text = strings.ReplaceAll(text, "|", "\\|")
	}
	n, run := 1, 0
	for i := 0; i < len(text); i++ {
		if text[i] == '`' {
			run++
			if run >= n {
				n = run + 1
			}
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", n)
	pad := ""
	if text[0] == '`' || text[len(text)-1] == '`' || text[0] == ' ' && text[len(text)-1] == ' ' {
		pad = " "
	}
	r.write(fence + pad + text + pad + fence)
}

// leaf writes a segment that no level wraps.
func (r *renderer) leaf(s seg) {
	switch {
	case s.br:
		r.write(r.ctx.brk)
		r.lineStart = r.ctx.lineStart
	case s.raw:
		r.write(s.text)
	default:
		r.text(s.text)
	}
}

func (r *renderer) write(s string) {
	if s == "" {
		return
	}
	r.b.WriteString(s)
	if strings.TrimSpace(s) != "" {
		r.lineStart = false
	}
}

// text writes plain text, escaped.
func (r *renderer) text(s string) {
	var b strings.Builder
	start := r.lineStart
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if start && c != ' ' && c != '\t' {
			start = false
			if k := lineStartEscape(s[i:]); k >= 0 {
				b.WriteString(s[i : i+k])
				b.WriteByte('\\')
				i += k
				continue
			}
		}
		if needsEscape(s, i, c, r.ctx) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
		i += n
	}
	r.write(b.String())
}

// lineStartEscape is the offset of the character to escape where s starts
// a line (a heading, quote, list, rule or setext marker, an ordered list's
// delimiter), or -1.
func lineStartEscape(s string) int {
	spaceAt := func(k int) bool { return k >= len(s) || s[k] == ' ' || s[k] == '\t' }
	switch s[0] {
	case '>', '=':
		return 0
	case '-', '+':
		if spaceAt(1) || s[0] == '-' && s[1] == '-' {
			return 0
		}
		return -1
	case '#':
		k := leadingRun(s, '#')
		if k <= 6 && spaceAt(k) {
			return 0
		}
		return -1
	}
	k := 0
	for k < len(s) && k < 10 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k > 0 && k < len(s) && (s[k] == '.' || s[k] == ')') && spaceAt(k+1) {
		return k
	}
	return -1
}

// needsEscape reports whether the character at i of s must be escaped to
// read as text.
func needsEscape(s string, i int, c rune, ctx inlineCtx) bool {
	switch c {
	case '\\', '`', '*', '[', ']', '~', '<':
		return true
	case '_':
		return i == 0 || i+1 >= len(s) || !isWordByte(s[i-1]) || !isWordByte(s[i+1])
	case '&':
		return entityAt(s[i:])
	case '|':
		return ctx.table
	case '#', '{':
		return ctx.heading
	case '!':
		return i+1 == len(s)
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// entityAt reports whether s starts with what reads as an entity or
// character reference.
func entityAt(s string) bool {
	k := 1
	for k < len(s) && k < 40 && (isWordByte(s[k]) && s[k] < 0x80 || s[k] == '#') {
		k++
	}
	return k > 1 && k < len(s) && s[k] == ';'
}
