package site

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/codraft/codraft/internal/redline"
)

// Section is one section of a round, as the round pages show it.
type Section struct {
	Ref    redline.SectionRef
	Blocks []Block
}

// Block is one block of a section: its kind, text and line.
type Block struct {
	Kind string
	Text string
	Line int
}

// Sections returns the sections of the new side of res, in document order,
// with their blocks' text.
func Sections(res *redline.Result) []Section {
	var out []Section
	for i := range res.Sections {
		sd := &res.Sections[i]
		if sd.New == nil {
			continue
		}
		s := Section{Ref: *sd.New}
		for k := range sd.Blocks {
			b := &sd.Blocks[k]
			if b.Status == redline.Deleted || b.MovedTo != "" {
				continue
			}
			s.Blocks = append(s.Blocks, Block{Kind: b.Kind, Text: sideText(b.Ops, false), Line: b.NewLine})
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Ref.Index < out[b].Ref.Index })
	return out
}

// sideText is the text of one side of ops: the old side when old is true.
func sideText(ops []redline.Op, old bool) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Op == redline.Equal || (old && op.Op == redline.Delete) || (!old && op.Op == redline.Insert) {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// sectionAnchor is the anchor of a section on a round page.
func sectionAnchor(id string) string { return "s-" + slugAnchor(id) }

// slugAnchor keeps an id usable in a fragment and a file name: letters,
// digits, '-', '_' and '.'; anything else becomes '-'.
func slugAnchor(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// heading writes a section's heading, one level below the page's title.
func (p *page) heading(ref *redline.SectionRef, anchor string, after func()) {
	lv := min(ref.Level+1, 6)
	if ref.Level == 0 {
		lv = 2
	}
	p.printf("<h%d id=\"%s\"><bdi>", lv, escape(anchor))
	p.text(ref.Label())
	p.raw("</bdi>")
	if after != nil {
		after()
	}
	p.printf("</h%d>\n", lv)
}

// blocks writes a section's blocks as a document: paragraphs, lists,
// tables, code and quotes. Consecutive list items form one list and
// consecutive table rows one table.
func (p *page) blocks(bs []Block, line func(b *Block)) {
	for i := 0; i < len(bs); i++ {
		b := &bs[i]
		switch b.Kind {
		case "list_item":
			p.raw("<ul>\n")
			for ; i < len(bs) && bs[i].Kind == "list_item"; i++ {
				p.raw("<li dir=\"auto\">")
				if line != nil {
					line(&bs[i])
				}
				p.inline(bs[i].Text)
				p.raw("</li>\n")
			}
			i--
			p.raw("</ul>\n")
		case "table_row":
			p.raw("<div class=\"scroll\"><table>\n")
			first := true
			for ; i < len(bs) && bs[i].Kind == "table_row"; i++ {
				cells := tableCells(bs[i].Text)
				if cells == nil {
					continue
				}
				p.raw("<tr>")
				tag := "td"
				if first {
					tag = "th"
				}
				for _, c := range cells {
					p.printf("<%s dir=\"auto\">", tag)
					p.inline(c)
					p.printf("</%s>", tag)
				}
				p.raw("</tr>\n")
				first = false
			}
			i--
			p.raw("</table></div>\n")
		default:
			p.block(b, line)
		}
	}
}

func (p *page) block(b *Block, line func(b *Block)) {
	switch b.Kind {
	case "code", "html":
		p.raw("<pre><code>")
		p.text(codeBody(b.Text))
		p.raw("</code></pre>\n")
	case "quote":
		p.raw("<blockquote dir=\"auto\">")
		if line != nil {
			line(b)
		}
		p.inline(b.Text)
		p.raw("</blockquote>\n")
	case "thematic_break":
		p.raw("<hr>\n")
	default:
		p.raw("<p dir=\"auto\">")
		if line != nil {
			line(b)
		}
		p.inline(b.Text)
		p.raw("</p>\n")
	}
}

// codeBody drops the fences of a fenced code block.
func codeBody(s string) string {
	lines := strings.Split(s, "\n")
	if len(lines) >= 2 {
		f := strings.TrimSpace(lines[0])
		if strings.HasPrefix(f, "```") || strings.HasPrefix(f, "~~~") {
			lines = lines[1:]
			if l := strings.TrimSpace(lines[len(lines)-1]); strings.HasPrefix(l, f[:3]) {
				lines = lines[:len(lines)-1]
			}
		}
	}
	return strings.Join(lines, "\n")
}

// tableCells splits a table row into its cells; nil for the delimiter row.
func tableCells(row string) []string {
	row = strings.TrimSpace(row)
	if row == "" {
		return nil
	}
	row = strings.TrimPrefix(row, "|")
	row = strings.TrimSuffix(row, "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	cells = append(cells, strings.TrimSpace(cur.String()))
	delim := true
	for _, c := range cells {
		if strings.Trim(c, ":-") != "" || c == "" {
			delim = false
		}
	}
	if delim {
		return nil
	}
	return cells
}

var (
	reCode   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("`([^`]+)`") })
	reStrong = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`) })
	reEm     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\*([^*\s][^*]*)\*|\b_([^_\s][^_]*)_\b`) })
	reLink   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`) })
)

// inline writes draft text with its common inline Markdown shown: code,
// strong and emphasis. Links and images become their text: the site follows
// no link from a draft. Everything is escaped first, so no markup from the
// draft survives.
func (p *page) inline(s string) {
	p.raw(inlineHTML(s))
}

func inlineHTML(s string) string {
	s = reLink().ReplaceAllString(s, "$1")
	// code spans are cut out first so that their content stays literal
	parts := reCode().Split(s, -1)
	codes := reCode().FindAllStringSubmatch(s, -1)
	var b strings.Builder
	for i, part := range parts {
		e := escape(part)
		e = reStrong().ReplaceAllString(e, "<strong>$1$2</strong>")
		e = reEm().ReplaceAllString(e, "<em>$1$2</em>")
		b.WriteString(e)
		if i < len(codes) {
			b.WriteString("<code>")
			b.WriteString(escape(codes[i][1]))
			b.WriteString("</code>")
		}
	}
	return b.String()
}
