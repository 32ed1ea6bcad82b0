package markdown

import (
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/source"
)

// The markup that block text leaves out (list markers, numbers and
// indentation, table alignment, headings as written, the front matter) is
// read from the drafts' own lines when the caller gives them.

// blockLine is line offset after the start of block b of section s, on
// the block's new side, or its old side when it has no new one.
func (m *writer) blockLine(s *redline.SectionDiff, b *redline.BlockDiff, offset int) (string, bool) {
	if b.Status != redline.Deleted && b.MovedTo == "" && b.NewLine > 0 && s.New != nil {
		return m.opt.Sources.Line(false, s.New.File, b.NewLine+offset)
	}
	if b.OldLine > 0 && s.Old != nil {
		return m.opt.Sources.Line(true, s.Old.File, b.OldLine+offset)
	}
	return "", false
}

// delimiterAfter returns the delimiter row as written after table row k of
// section s, when row k is the first row of a table: the line after it is
// a delimiter row, and not a row of the table itself.
func (m *writer) delimiterAfter(s *redline.SectionDiff, k int) (string, bool) {
	b := &s.Blocks[k]
	line, ok := m.blockLine(s, b, 1)
	if !ok {
		return "", false
	}
	if k+1 < len(s.Blocks) && s.Blocks[k+1].Kind == "table_row" {
		next := &s.Blocks[k+1]
		if b.NewLine > 0 && next.NewLine == b.NewLine+1 || b.NewLine == 0 && b.OldLine > 0 && next.OldLine == b.OldLine+1 {
			return "", false
		}
	}
	if _, ok := source.ParseDelimiterRow(line); !ok {
		return "", false
	}
	return strings.TrimSpace(line), true
}

// headingAsWritten is the text of a section's heading line on one side, as
// written ("Measure 1.2: Title {#m-1-2}"), or false without sources.
func (m *writer) headingAsWritten(r *redline.SectionRef, old bool) (string, bool) {
	if r == nil || r.Line < 1 {
		return "", false
	}
	line, ok := m.opt.Sources.Line(old, r.File, r.Line)
	if !ok {
		return "", false
	}
	return source.Heading(line), true
}

// splitAttrs cuts a trailing attribute block ("{#id}", "{: .x}") off a
// heading's text, with the space before it.
func splitAttrs(h string) (text, attrs string) {
	t := strings.TrimRight(h, " \t")
	if !strings.HasSuffix(t, "}") {
		return h, ""
	}
	k := strings.LastIndex(t, "{")
	if k < 0 || k+1 >= len(t) || !strings.ContainsRune("#.:", rune(t[k+1])) || strings.ContainsAny(t[k+1:len(t)-1], "{}") {
		return h, ""
	}
	j := k
	for j > 0 && (t[j-1] == ' ' || t[j-1] == '\t') {
		j--
	}
	return t[:j], t[j:]
}

// wordDiff marks what changed between two lines of Markdown: the words they
// share at the start and the end stay as they are, the middle becomes a
// substitution, an insertion or a deletion.
func wordDiff(old, new string) string {
	if old == new {
		return escapeCritic(new)
	}
	ow, nw := words(old), words(new)
	p := 0
	for p < len(ow) && p < len(nw) && ow[p] == nw[p] {
		p++
	}
	q := 0
	for q < len(ow)-p && q < len(nw)-p && ow[len(ow)-1-q] == nw[len(nw)-1-q] {
		q++
	}
	pre := strings.Join(nw[:p], "")
	post := strings.Join(nw[len(nw)-q:], "")
	om := strings.Join(ow[p:len(ow)-q], "")
	nm := strings.Join(nw[p:len(nw)-q], "")
	// the space between a word kept and a word changed stays outside
	for strings.HasPrefix(om, " ") && strings.HasPrefix(nm, " ") {
		pre += " "
		om, nm = om[1:], nm[1:]
	}
	ops := []redline.Op{{Op: redline.Equal, Text: pre}, {Op: redline.Delete, Text: om}, {Op: redline.Insert, Text: nm}, {Op: redline.Equal, Text: post}}
	return critic(ops, false)
}

// words splits s into words and the runs of spaces and punctuation between
// them, so that joined they give s back. A point or comma stays in its
// word, so that a number ("1.2") changes whole.
func words(s string) []string {
	var out []string
	start := 0
	kind := func(r rune) int {
		switch {
		case r == ' ' || r == '\t':
			return 0
		case strings.ContainsRune(":;!?()[]{}#*_`\"'", r):
			return 1
		}
		return 2
	}
	prev := -1
	for i, r := range s {
		k := kind(r)
		if i > start && (k != prev || k == 1) {
			out = append(out, s[start:i])
			start = i
		}
		prev = k
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// frontMatterLines returns the lines of the front matter that opens src,
// without its fences, and the closing fence; ok is false when there is
// none.
func frontMatterLines(src []byte) (lines []string, closing string, ok bool) {
	all := strings.Split(string(src), "\n")
	if len(all) < 2 || strings.TrimRight(all[0], " \t") != "---" {
		return nil, "", false
	}
	for i, l := range all[1:] {
		t := strings.TrimRight(l, " \t")
		// kramdown-rfc ends its front matter with "--- abstract"
		if t == "---" || t == "..." || strings.HasPrefix(t, "--- ") {
			return all[1 : i+1], t, true
		}
	}
	return nil, "", false
}

// fmEntry is one top-level field of a front matter: its key and its lines
// as written (the key's line and the indented lines after it).
type fmEntry struct {
	key  string
	text string
}

// fmEntries splits front-matter lines into top-level fields. Lines before
// the first key (comments) form an entry with an empty key.
func fmEntries(lines []string) []fmEntry {
	var out []fmEntry
	for _, l := range lines {
		if l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '#' && l[0] != '-' {
			if k, v, ok := strings.Cut(l, ":"); ok && (v == "" || v[0] == ' ' || v[0] == '\t') {
				out = append(out, fmEntry{key: strings.TrimSpace(k), text: l})
				continue
			}
		}
		if len(out) == 0 {
			out = append(out, fmEntry{})
		}
		e := &out[len(out)-1]
		if e.text == "" && e.key == "" {
			e.text = l
		} else {
			e.text += "\n" + l
		}
	}
	return out
}

// frontMatter writes the new round's front matter, as written, with the
// fields that changed marked: a one-line value as a substitution, any
// other change as the old field deleted and the new one inserted, each
// with its line end inside the mark. Fields only in the old round come
// last.
func (m *writer) frontMatter() bool {
	src := m.opt.Sources
	if src == nil {
		return false
	}
	oldSrc, newSrc := firstFile(src.Old, m.res.From.Files), firstFile(src.New, m.res.To.Files)
	ol, _, okOld := frontMatterLines(oldSrc)
	nl, closing, okNew := frontMatterLines(newSrc)
	if !okOld && !okNew {
		return false
	}
	if closing == "" {
		closing = "---"
	}
	oe, ne := fmEntries(ol), fmEntries(nl)
	olds := map[string]string{}
	for _, e := range oe {
		olds[e.key] = e.text
	}
	news := map[string]bool{}
	var b strings.Builder
	b.WriteString("---\n")
	if !okNew {
		// the new round has none: the old one, deleted whole
		b.Reset()
		b.WriteString("{--" + escapeCritic("---\n"+strings.Join(ol, "\n")+"\n"+"---") + "\n--}")
		m.s(b.String())
		m.started = true
		return true
	}
	for _, e := range ne {
		news[e.key] = true
		old, had := olds[e.key]
		switch {
		case had && old == e.text:
			b.WriteString(escapeCritic(e.text) + "\n")
		case had && e.key != "" && !strings.Contains(old+e.text, "\n"):
			ok, ov, _ := strings.Cut(old, ":")
			nk, nv, _ := strings.Cut(e.text, ":")
			if ok == nk {
				b.WriteString(escapeCritic(nk) + ":" + wordDiff(ov, nv) + "\n")
				continue
			}
			b.WriteString("{--" + escapeCritic(old) + "\n--}{++" + escapeCritic(e.text) + "\n++}")
		case had:
			b.WriteString("{--" + escapeCritic(old) + "\n--}{++" + escapeCritic(e.text) + "\n++}")
		default:
			b.WriteString("{++" + escapeCritic(e.text) + "\n++}")
		}
	}
	for _, e := range oe {
		if !news[e.key] {
			b.WriteString("{--" + escapeCritic(e.text) + "\n--}")
		}
	}
	b.WriteString(closing)
	m.s(b.String())
	m.started = true
	return true
}

// firstFile is the text of the first of names that files holds, else of
// any file when there is one file only.
func firstFile(files source.Files, names []string) []byte {
	for _, n := range names {
		if src, ok := files[n]; ok {
			return src
		}
	}
	if len(files) == 1 {
		for _, src := range files {
			return src
		}
	}
	return nil
}
