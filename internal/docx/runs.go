package docx

import (
	"strings"
)

// Formatting of a run of text.
const (
	fStrong uint8 = 1 << iota
	fEm
	fStrike
	fCode
)

// seg is a run of text with one formatting and link; raw text is Markdown
// already (a footnote reference), br a line break.
type seg struct {
	text string
	f    uint8
	href string
	raw  bool
	br   bool
}

// inlineState is what encloses a run: a hyperlink.
type inlineState struct {
	href string
}

// maxHref is the longest link target kept; a longer one leaves its text
// unlinked.
const maxHref = 2048

// inline reads the runs under a paragraph (or a hyperlink, an insertion, a
// content control...) as segments.
func (c *converter) inline(kids []*node, st inlineState) []seg {
	var out []seg
	for _, k := range kids {
		switch k.name {
		case "r":
			out = append(out, c.run(k, st)...)
		case "hyperlink":
			in := st
			if id := k.attr("r:id"); id != "" {
				if r, ok := c.rels[id]; ok && r.external {
					in.href = r.target
				}
			} else if a := k.attr("anchor"); a != "" {
				in.href = "#" + a
			}
			in.href = c.keepHref(in.href)
			out = append(out, c.inline(k.kids, in)...)
		case "ins", "moveTo":
			c.revisions++
			out = append(out, c.inline(k.kids, st)...)
		case "del", "moveFrom":
			c.revisions++
		case "fldSimple":
			f := c.openField(k.attr("instr"))
			f.result = true
			out = append(out, c.inline(k.kids, st)...)
			c.fields = c.fields[:len(c.fields)-1]
		case "sdt":
			out = append(out, c.inline(k.child("sdtContent").kidsOrNil(), st)...)
		case "smartTag", "customXml", "sdtContent", "dir", "bdo":
			out = append(out, c.inline(k.kids, st)...)
		case "commentRangeStart":
			c.commentIDs[k.attr("id")] = true
		}
	}
	return out
}

// keepHref is the link target to write, or "" when it is too long, or
// when the targets written would outgrow the text read (many links to one
// long target), so that the Markdown stays proportional to the document.
func (c *converter) keepHref(h string) string {
	if h == "" || len(h) > maxHref || int64(c.hrefBytes+len(h)) > c.pkg.max-c.pkg.budget {
		return ""
	}
	c.hrefBytes += len(h)
	return h
}

// openField starts a field with an instruction.
func (c *converter) openField(instr string) *field {
	f := &field{}
	f.instr.WriteString(instr)
	f.parse()
	c.fields = append(c.fields, f)
	return f
}

// parse reads a field's instruction: a HYPERLINK's target, or a table of
// contents or index whose result is dropped.
func (f *field) parse() {
	words := fieldWords(f.instr.String())
	if len(words) == 0 {
		return
	}
	switch strings.ToUpper(words[0]) {
	case "HYPERLINK":
		for i := 1; i < len(words); i++ {
			switch {
			case words[i] == `\l` && i+1 < len(words):
				f.href = "#" + words[i+1]
				i++
			case strings.HasPrefix(words[i], `\`):
				if i+1 < len(words) && !strings.HasPrefix(words[i+1], `\`) && words[i] != `\n` && words[i] != `\h` {
					i++
				}
			case f.href == "":
				f.href = words[i]
			}
		}

	case "TOC", "INDEX", "TOA":
		f.drop = true
	}
}

// fieldWords splits a field instruction into words, a quoted string being
// one.
func fieldWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		switch {
		case s[i] == ' ' || s[i] == '\t':
			i++
		case s[i] == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				out = append(out, s[i+1:])
				return out
			}
			out = append(out, s[i+1:i+1+j])
			i += j + 2
		default:
			j := strings.IndexAny(s[i:], " \t")
			if j < 0 {
				j = len(s) - i
			}
			out = append(out, s[i:i+j])
			i += j
		}
	}
	return out
}

// maxFields bounds the nesting of fields followed.
const maxFields = 64

// fieldText reports whether text at this point shows (it is not a field's
// instruction nor a dropped result), and the link a field gives it.
func (c *converter) fieldText() (bool, string) {
	href := ""
	for _, f := range c.fields {
		if !f.result || f.drop {
			return false, ""
		}
		if f.href != "" {
			href = f.href
		}
	}
	return true, href
}

// runFormat is the formatting of a run: its character style's, then its
// own properties'.
func (c *converter) runFormat(rpr *node) uint8 {
	var f uint8
	for _, s := range c.styles.chain(rpr.val("rStyle")) {
		if s.strong {
			f |= fStrong
		}
		if s.em {
			f |= fEm
		}
		if s.strike {
			f |= fStrike
		}
		if s.mono || s.name == "verbatim char" || s.name == "html code" || s.name == "html typewriter" {
			f |= fCode
		}
	}
	if rpr == nil {
		return f
	}
	if rpr.child("b") != nil {
		f = toggle(f, fStrong, rpr.on("b"))
	}
	if rpr.child("i") != nil {
		f = toggle(f, fEm, rpr.on("i"))
	}
	if rpr.on("strike") || rpr.on("dstrike") {
		f |= fStrike
	}
	if monoFont(rpr) {
		f |= fCode
	}
	return f
}

// run reads one run.
func (c *converter) run(r *node, st inlineState) []seg {
	rpr := r.child("rPr")
	if rpr.on("vanish") {
		return nil
	}
	if rpr.child("rPrChange") != nil {
		c.revisions++
	}
	f := c.runFormat(rpr)
	var out []seg
	add := func(s seg) {
		show, href := c.fieldText()
		if !show {
			return
		}
		if href != "" {
			href = c.keepHref(href)
		}
		if href == "" {
			href = st.href
		}
		if !s.raw && !s.br {
			s.f = f
		}
		s.href = href
		out = append(out, s)
	}
	for _, k := range r.kids {
		switch k.name {
		case "t":
			add(seg{text: strings.Map(noNewline, k.text)})
		case "tab", "ptab":
			add(seg{text: "\t"})
		case "br", "cr":
			if t := k.attr("type"); t == "" || t == "textWrapping" || k.name == "cr" {
				add(seg{br: true})
			}
		case "noBreakHyphen":
			add(seg{text: "-"})
		case "footnoteReference", "endnoteReference":
			if ref := c.noteRef(k); ref != "" {
				add(seg{text: ref, raw: true})
			}
		case "commentReference":
			c.commentIDs[k.attr("id")] = true
		case "fldChar":
			c.fieldChar(k.attr("fldCharType"))
		case "instrText":
			if n := len(c.fields); n > 0 && !c.fields[n-1].result {
				c.fields[n-1].instr.WriteString(k.text)
			}
		}
	}
	return out
}

func toggle(f, bit uint8, on bool) uint8 {
	if on {
		return f | bit
	}
	return f &^ bit
}

func noNewline(r rune) rune {
	if r == '\n' || r == '\r' {
		return ' '
	}
	return r
}

// fieldChar follows the begin, separate and end marks of complex fields.
func (c *converter) fieldChar(typ string) {
	n := len(c.fields)
	switch typ {
	case "begin":
		if n < maxFields {
			c.fields = append(c.fields, &field{})
		}
	case "separate":
		if n > 0 && !c.fields[n-1].result {
			c.fields[n-1].result = true
			c.fields[n-1].parse()
		}
	case "end":
		if n > 0 {
			c.fields = c.fields[:n-1]
		}
	}
}

// noteRef is the Markdown reference to a footnote or endnote ("[^3]"),
// numbering notes in the order they are first referred to; "" inside a
// note, or for a note the document does not have.
func (c *converter) noteRef(k *node) string {
	if c.inNote {
		return ""
	}
	key := "f:"
	if k.name == "endnoteReference" {
		key = "e:"
	}
	key += k.attr("id")
	if c.notes[key] == nil {
		return ""
	}
	n, ok := c.noteNum[key]
	if !ok {
		c.noteOrder = append(c.noteOrder, key)
		n = len(c.noteOrder)
		c.noteNum[key] = n
	}
	return "[^" + itoa(n) + "]"
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
