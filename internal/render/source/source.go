// Package source reads, from a draft's own lines, the markup that a
// redline's block text leaves out: list markers and their indentation,
// the column alignment of tables, headings as written, definition lists,
// and the fields of the front matter. Renderers use it to show a redline
// as the document reads; without it they fall back to the block text.
package source

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
)

// Files maps a draft file's path, as the redline names it, to its text.
type Files map[string][]byte

// Sides holds the draft files of both rounds of a comparison.
type Sides struct {
	Old, New Files
	lines    map[lineKey][]int
}

type lineKey struct {
	old  bool
	file string
}

// Line returns line n (1-based) of file on the old or new side, without its
// line end.
func (s *Sides) Line(old bool, file string, n int) (string, bool) {
	if s == nil || n < 1 {
		return "", false
	}
	files := s.New
	if old {
		files = s.Old
	}
	src, ok := files[file]
	if !ok {
		return "", false
	}
	if s.lines == nil {
		s.lines = map[lineKey][]int{}
	}
	k := lineKey{old, file}
	starts, ok := s.lines[k]
	if !ok {
		starts = []int{0}
		for i, c := range src {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		s.lines[k] = starts
	}
	if n > len(starts) {
		return "", false
	}
	end := len(src)
	if n < len(starts) {
		end = starts[n] - 1
	}
	line := string(src[starts[n-1]:end])
	return strings.TrimSuffix(line, "\r"), true
}

// ListMarker is the marker that opens a list item's first line.
type ListMarker struct {
	// Indent is the width of the white space before the marker, a tab
	// counting to the next multiple of 4.
	Indent int
	// Marker is the marker as written: "-", "*", "+", "3." or "3)".
	Marker string
	// Ordered is set for a numbered marker; Number is its number.
	Ordered bool
	Number  int
	// Task is "[ ]" or "[x]" when the item is a task, else "".
	Task string
}

// ListLead is the start of a line that opens depth+1 list items, one
// inside the other ("*    *   item" opens two), as written: the markers
// and the white space up to the text of the innermost, or false when the
// line does not open that many.
func ListLead(line string, depth int) (string, bool) {
	pos := 0
	for d := 0; d <= depth; d++ {
		if pos >= len(line) {
			return "", false
		}
		rest := line[pos:]
		m, ok := ParseListLine(rest)
		if !ok {
			return "", false
		}
		k := strings.Index(rest, m.Marker)
		if k < 0 {
			return "", false
		}
		after := rest[k+len(m.Marker):]
		sp := len(after) - len(strings.TrimLeft(after, " "))
		if sp == 0 && after != "" {
			return "", false
		}
		if sp > 4 || strings.TrimLeft(after, " ") == "" {
			// a text indented past four spaces is code: the item's
			// text starts after one space
			sp = 1
		}
		pos += k + len(m.Marker) + sp
	}
	if pos > len(line) {
		return line + " ", true
	}
	return line[:pos], true
}

// ParseListLine reads the marker at the start of a list item's line, after
// any block-quote marks.
func ParseListLine(line string) (ListMarker, bool) {
	var m ListMarker
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		if line[i] == '\t' {
			m.Indent += 4 - m.Indent%4
		} else {
			m.Indent++
		}
		i++
	}
	rest := line[i:]
	switch {
	case rest == "":
		return m, false
	case rest[0] == '-' || rest[0] == '*' || rest[0] == '+':
		m.Marker = rest[:1]
		rest = rest[1:]
	default:
		j := 0
		for j < len(rest) && j < 9 && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j == 0 || j >= len(rest) || (rest[j] != '.' && rest[j] != ')') {
			return m, false
		}
		m.Number, _ = strconv.Atoi(rest[:j])
		m.Ordered = true
		m.Marker = rest[:j+1]
		rest = rest[j+1:]
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return ListMarker{}, false
	}
	t := strings.TrimLeft(rest, " \t")
	if len(t) >= 3 && t[0] == '[' && t[2] == ']' && (t[1] == ' ' || t[1] == 'x' || t[1] == 'X') && (len(t) == 3 || t[3] == ' ') {
		m.Task = t[:3]
	}
	return m, true
}

// Align is a table column's alignment.
type Align string

// Alignments.
const (
	None   Align = ""
	Left   Align = "left"
	Right  Align = "right"
	Center Align = "center"
)

// ParseDelimiterRow reads a table's delimiter row ("|:--|--:|:-:|"); ok is
// false when line is not one.
func ParseDelimiterRow(line string) (aligns []Align, ok bool) {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	if t == "" {
		return nil, false
	}
	for _, cell := range strings.Split(t, "|") {
		c := strings.TrimSpace(cell)
		l, r := strings.HasPrefix(c, ":"), strings.HasSuffix(c, ":")
		core := strings.Trim(c, ":")
		if core == "" || strings.Trim(core, "-") != "" {
			return nil, false
		}
		switch {
		case l && r:
			aligns = append(aligns, Center)
		case l:
			aligns = append(aligns, Left)
		case r:
			aligns = append(aligns, Right)
		default:
			aligns = append(aligns, None)
		}
	}
	return aligns, true
}

// Heading returns the text of an ATX heading line as written, without its
// opening and closing hashes ("Measure 1.2: Title {#m-1-2}"). A line that
// is not an ATX heading (the text line of a setext heading) comes back
// trimmed.
func Heading(line string) string {
	t := strings.TrimLeft(line, " ")
	n := 0
	for n < len(t) && n < 7 && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return strings.TrimSpace(line)
	}
	t = strings.TrimSpace(t[n:])
	// a closing sequence of hashes after a space is not part of the text
	if k := strings.TrimRight(t, "#"); k != t && (k == "" || strings.HasSuffix(k, " ") || strings.HasSuffix(k, "\t")) {
		t = strings.TrimSpace(k)
	}
	return t
}

// Field is one front-matter field that differs between the rounds; Old or
// New is "" where the field is absent on that side.
type Field struct {
	Key, Old, New string
}

// FrontMatter lists the top-level front-matter fields that differ between
// old and new, each given as the YAML text of its value, in key order. old
// and new are the text of a draft file up to the end of its front matter.
func FrontMatter(old, new []byte) []Field {
	o, n := fields(old), fields(new)
	keys := map[string]bool{}
	for k := range o {
		keys[k] = true
	}
	for k := range n {
		keys[k] = true
	}
	var out []Field
	for k := range keys {
		if o[k] != n[k] {
			out = append(out, Field{Key: k, Old: o[k], New: n[k]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// fields reads the top-level keys of a front matter block: a line
// "key: value" at the left margin starts a field, and the indented lines
// after it belong to its value.
func fields(front []byte) map[string]string {
	out := map[string]string{}
	lines := strings.Split(string(bytes.TrimPrefix(front, []byte("\ufeff"))), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\r") != "---" {
		return out
	}
	key := ""
	var val []string
	flush := func() {
		if key != "" {
			out[key] = strings.TrimSpace(strings.Join(val, "\n"))
		}
		key, val = "", nil
	}
	for _, l := range lines[1:] {
		l = strings.TrimRight(l, "\r")
		t := strings.TrimRight(l, " \t")
		if t == "---" || t == "..." || strings.HasPrefix(l, "--- ") {
			break
		}
		if l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '#' && l[0] != '-' {
			if k, v, ok := strings.Cut(l, ":"); ok && (v == "" || v[0] == ' ' || v[0] == '\t') {
				flush()
				key = strings.TrimSpace(k)
				val = []string{strings.TrimSpace(v)}
				continue
			}
		}
		if key != "" {
			val = append(val, l)
		}
	}
	flush()
	return out
}
