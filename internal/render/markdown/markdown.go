// Package markdown writes a redline as CommonMark marked up with
// CriticMarkup: {++inserted++}, {--deleted--}, {~~old~>new~~} and
// {>>notes<<}, so that it reads in any Markdown viewer and feeds
// CriticMarkup tools.
//
// Headings follow the new round's structure. A moved block is marked as
// deleted where it left, with a note naming where it went, and shown with
// its small edits where it arrived, with a note naming where it came from.
// Raw HTML blocks are fenced as code, so that no viewer runs them. Draft
// text that looks like a CriticMarkup delimiter is escaped with a backslash
// ("\{++", "++\}", "~\>"), which CommonMark renders as the text itself.
//
// A list item whose markers differ between the rounds (a renumbered item,
// another bullet or delimiter) starts with the markers that differ, the
// old deleted and the new inserted ("{--3.--}{++4.++} text"), so that
// accepting or rejecting every change gives each round's markers exactly.
// No mark can keep such a line a list item in a CommonMark viewer, as the
// two rounds' lines then share no start: a viewer reads it as text of the
// item before it, with the new number in plain sight. A heading whose
// level changed opens with a substitution of the old round's hashes by the
// new round's that starts on the line before it ("{~~## ~>" then
// "### ~~}Title"), and a note gives both levels: the heading line still
// opens with the new hashes, so that a viewer shows it as a heading of the
// new level and the document keeps its structure, while rejecting every
// change gives the old level.
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/source"
	"github.com/codraft/codraft/internal/wording"
)

// Options tunes the output.
type Options struct {
	// Sources are the drafts' files on both sides, from which list
	// markers, numbers and nesting, table alignment and headings as
	// written are read. Nil writes lists as bullets, tables without
	// alignment and headings from their number and title.
	Sources *source.Sides
	// FrontMatter are the front-matter fields that changed.
	FrontMatter []source.Field
	// Title is the document's title; "" gives none.
	Title string
	// Generator names the program and its version, as "codraft v1.2.0".
	Generator string
	// ChangedOnly leaves out the text of unchanged sections, keeping their
	// headings so that the structure stays whole.
	ChangedOnly bool
	// Timestamp, when not zero, is written as the time of generation.
	Timestamp time.Time
}

// Render writes res to w as CommonMark with CriticMarkup.
func Render(w io.Writer, res *redline.Result, opts Options) error {
	if res == nil {
		return fmt.Errorf("markdown: nil result")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	m := &writer{w: bw, res: res, opt: opts, byNew: map[string]int{}, byOld: map[string]int{}}
	for i := range res.Sections {
		s := &res.Sections[i]
		if s.New != nil {
			if _, dup := m.byNew[s.New.ID]; !dup {
				m.byNew[s.New.ID] = i
			}
		}
		if s.Old != nil {
			if _, dup := m.byOld[s.Old.ID]; !dup {
				m.byOld[s.Old.ID] = i
			}
		}
	}
	m.header()
	for i := range res.Sections {
		m.section(i)
	}
	m.s("\n")
	return bw.Flush()
}

type writer struct {
	w            *bufio.Writer
	res          *redline.Result
	opt          Options
	byNew, byOld map[string]int
	// run is the kind of block being written when consecutive blocks of
	// that kind go on the next line: "table_row" or "list_item".
	run string
	// started is set once the first block has been written.
	started bool
	// lists are the lists that the run of list lines written has open,
	// outermost first.
	lists []listOpen
	// lines are the list items of the section being written, by line.
	lines lineGroups
	// tabs are its tables.
	tabs tableLayout
}

func (m *writer) s(s string) { m.w.WriteString(s) }

// para starts a new block: a blank line after the previous one.
func (m *writer) para() {
	if m.started {
		m.s("\n\n")
	}
	m.started = true
	m.run = ""
}

// line starts a block of kind k on the next line when it continues a run
// of such blocks, after a blank line otherwise; it reports whether the run
// went on.
func (m *writer) line(k string) bool {
	if m.run == k {
		m.s("\n")
		return true
	}
	m.para()
	m.run = k
	return false
}

func (m *writer) header() {
	res, o := m.res, m.opt
	fm := m.frontMatter()
	m.para()
	m.s("**Redline")
	if o.Title != "" {
		m.s(": ")
		m.s(escapeCritic(o.Title))
	}
	m.s("**\n\nFrom: ")
	m.s(endpoint(&res.From))
	m.s("  \nTo: ")
	m.s(endpoint(&res.To))
	if o.Generator != "" || !o.Timestamp.IsZero() {
		m.s("  \nGenerated")
		if o.Generator != "" {
			m.s(" by ")
			m.s(escapeText(o.Generator))
		}
		if !o.Timestamp.IsZero() {
			m.s(" on ")
			m.s(o.Timestamp.UTC().Format("2006-01-02 15:04 UTC"))
		}
	}
	st := res.Stats
	m.para()
	m.s(fmt.Sprintf("Sections: %d added, %d deleted, %d modified, %d moved, %d renamed, %d renumbered, %d re-levelled, %d unchanged.  \n",
		st.Sections.Added, st.Sections.Deleted, st.Sections.Modified, st.Sections.Moved, st.Sections.Renamed,
		st.Sections.Renumbered, st.Sections.Relevelled, st.Sections.Unchanged))
	m.s(fmt.Sprintf("Words: %d inserted, %d deleted (%d in the old round, %d in the new).",
		st.Words.Inserted, st.Words.Deleted, st.Words.OldTotal, st.Words.NewTotal))
	for _, n := range res.Notes {
		m.para()
		m.s("Note: ")
		m.s(escapeText(n))
	}
	if !fm && len(o.FrontMatter) > 0 {
		// without the drafts' text, the changed fields are listed
		m.para()
		m.s("Front matter:")
		for _, f := range o.FrontMatter {
			m.s("  \n" + escapeText(f.Key) + ": " + fieldValue(f.Old) + " \u2192 " + fieldValue(f.New))
		}
	}
	m.para()
	m.s("* * *")
}

// fieldValue is a front-matter value for the header, "(none)" when absent.
func fieldValue(v string) string {
	if v == "" {
		return "(none)"
	}
	return escapeText(v)
}

// endpoint describes one side: "Round 2: second draft (2024-12-19, commit
// 1a2b3c4d5e6f)", or the file compared.
func endpoint(e *redline.Endpoint) string {
	var b strings.Builder
	switch {
	case e.Round != nil:
		b.WriteString("Round " + strconv.Itoa(*e.Round))
		if e.Label != "" {
			b.WriteString(": " + escapeText(e.Label))
		}
	case e.Label != "":
		b.WriteString(escapeText(e.Label))
	case e.Rev != "":
		b.WriteString(escapeText(e.Rev))
	case len(e.Files) > 0:
		b.WriteString(escapeText(strings.Join(e.Files, ", ")))
	}
	var extra []string
	if d := e.DateText(); d != "" {
		extra = append(extra, d)
	}
	if c := e.ShortCommit(); c != "" {
		extra = append(extra, "commit "+escapeText(c))
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, ", ") + ")")
	}
	return b.String()
}

func (m *writer) section(i int) {
	s := &m.res.Sections[i]
	ref := s.New
	if ref == nil {
		ref = s.Old
	}
	if ref != nil && ref.Level > 0 {
		m.para()
		m.hashes(s, ref)
		notes := m.sectionNotes(i)
		if m.opt.ChangedOnly && !s.Changed() {
			notes = append(notes, "unchanged")
		}
		note := ""
		if len(notes) > 0 {
			note = " {>>" + strings.Join(notes, "; ") + "<<}"
		}
		if !m.headingAsWrittenDiff(s, note) {
			m.heading(s)
			m.s(note)
		}
	}
	if m.opt.ChangedOnly && !s.Changed() {
		if ref == nil || ref.Level == 0 {
			m.para()
			m.s("{>>preamble unchanged<<}")
		}
		return
	}
	m.lines = listLines(s)
	m.tabs = m.tables(s)
	for j := range s.Blocks {
		m.block(s, j)
	}
}

// hashes opens the heading line of section s (ref is the side it shows):
// the new round's hashes, and when the level changed, a substitution of
// them for the old round's that starts on a line of its own,
// "{~~## ~>\n### ~~}", so that the line still opens with the new hashes and
// reads as a heading in a CommonMark viewer, while rejecting every change
// gives the old level and accepting it the new.
func (m *writer) hashes(s *redline.SectionDiff, ref *redline.SectionRef) {
	n := strings.Repeat("#", min(ref.Level, 6))
	if s.Old == nil || s.New == nil || s.Old.Level < 1 || min(s.Old.Level, 6) == min(s.New.Level, 6) {
		m.s(n)
		m.s(" ")
		return
	}
	m.s("{~~")
	m.s(strings.Repeat("#", min(s.Old.Level, 6)))
	m.s(" ~>\n")
	m.s(n)
	m.s(" ~~}")
}

// heading writes a section's number and title, with substitutions where
// they changed.
func (m *writer) heading(s *redline.SectionDiff) {
	o, n := s.Old, s.New
	switch {
	case o == nil:
		m.s(mark("{++", "++}", label(n), false))
		return
	case n == nil:
		m.s(mark("{--", "--}", label(o), false))
		return
	}
	num := changed(o.Number, n.Number)
	title := changed(o.Title, n.Title)
	m.s(num)
	if num != "" && title != "" {
		m.s(" ")
	}
	m.s(title)
}

// headingAsWrittenDiff writes a section's heading text as written in the
// drafts, marked where it changed, with note before its attributes
// ("{#id}"), which must end the line. It reports false without sources.
func (m *writer) headingAsWrittenDiff(s *redline.SectionDiff, note string) bool {
	o, ook := m.headingAsWritten(s.Old, true)
	n, nok := m.headingAsWritten(s.New, false)
	switch {
	case s.Old == nil && nok:
		// the attributes too: rejecting leaves no heading behind
		m.s(mark("{++", "++}", escapeCritic(n), false) + note)
	case s.New == nil && ook:
		m.s(mark("{--", "--}", escapeCritic(o), false) + note)
	case ook && nok:
		ot, oa := splitAttrs(o)
		nt, na := splitAttrs(n)
		m.s(wordDiff(ot, nt) + note)
		if oa != na && oa != "" && na != "" {
			m.s(" " + wordDiff(strings.TrimLeft(oa, " \t"), strings.TrimLeft(na, " \t")))
		} else if oa != na {
			m.s(critic([]redline.Op{{Op: redline.Delete, Text: oa}, {Op: redline.Insert, Text: na}}, false))
		} else {
			m.s(escapeCritic(na))
		}
	default:
		return false
	}
	return true
}

// label is a section's number and title, escaped.
func label(r *redline.SectionRef) string {
	return escapeCritic(r.Label())
}

// changed is a value as it stands, or {~~old~>new~~} when it changed.
func changed(old, new string) string {
	switch {
	case old == new:
		return escapeCritic(new)
	case old == "":
		return mark("{++", "++}", escapeCritic(new), false)
	case new == "":
		return mark("{--", "--}", escapeCritic(old), false)
	}
	return "{~~" + escapeCritic(old) + "~>" + escapeCritic(new) + "~~}"
}

// sectionNotes says what a reader cannot see in the heading itself.
func (m *writer) sectionNotes(i int) []string {
	s := &m.res.Sections[i]
	var notes []string
	switch {
	case s.Status == redline.Added:
		notes = append(notes, "added")
	case s.Status == redline.Deleted:
		notes = append(notes, "deleted")
	}
	if s.Moved {
		notes = append(notes, "moved")
	}
	if s.Renumbered && s.Old != nil {
		notes = append(notes, "renumbered from "+escapeCritic(wording.OrNone(s.Old.Number, "no number")))
	}
	if s.Renamed && s.Old != nil {
		notes = append(notes, "retitled from \u201c"+escapeCritic(s.Old.Title)+"\u201d")
	}
	if s.Relevelled && s.Old != nil && s.New != nil {
		notes = append(notes, fmt.Sprintf("heading level %d \u2192 %d", s.Old.Level, s.New.Level))
	}
	if s.SplitFrom != "" {
		notes = append(notes, "split from "+m.name(s.SplitFrom, true))
	}
	if s.MergedInto != "" {
		notes = append(notes, "merged into "+m.name(s.MergedInto, false))
	}
	return notes
}

// name is how notes name the section with the given id on one side: its
// number, else its title.
func (m *writer) name(id string, old bool) string {
	idx, ok := m.byNew[id]
	if old {
		idx, ok = m.byOld[id]
	}
	if !ok {
		return escapeCritic(id)
	}
	s := &m.res.Sections[idx]
	r := s.New
	if old || r == nil {
		r = s.Old
	}
	if r == nil {
		return escapeCritic(id)
	}
	if r.Number != "" {
		return escapeCritic(r.Number)
	}
	return escapeCritic(r.Label())
}

// block writes block k of section s.
func (m *writer) block(s *redline.SectionDiff, k int) {
	b := &s.Blocks[k]
	ops := b.Ops
	var pre, post string
	switch {
	case b.MovedTo != "":
		// Where it left: the old text, deleted, and where it went.
		ops = []redline.Op{{Op: redline.Delete, Text: sideText(b.Ops, redline.Delete)}}
		post = " {>>moved to " + m.name(b.MovedTo, false) + "<<}"
	case b.MovedFrom != "":
		// Where it arrived: the new text, inserted, so that rejecting
		// every change leaves it only where it was.
		ops = []redline.Op{{Op: redline.Insert, Text: sideText(b.Ops, redline.Insert)}}
		pre = "{>>moved from " + m.name(b.MovedFrom, true) + "<<} "
	}
	// a block whose form changed (a list item that became a paragraph)
	// has the old form's markup deleted before its text
	formChanged := b.OldKind != "" && b.OldKind != b.Kind && hasOldSide(b) && hasNewSide(b)
	oldForm := ""
	if formChanged {
		oldForm = m.formLead(s, b, true, b.OldKind)
	}
	switch b.Kind {
	case "table_row":
		if m.wholeTables(s, k) {
			return
		}
		delim, header := m.delimiterAfter(s, k)
		if first, known := m.tabs.opens(k); known && !first {
			// a row before a line of dashes inside a table
			delim, header = "", false
		}
		if header {
			// the first row of a table, maybe right after another
			m.run = ""
		}
		cont := m.line(b.Kind)
		m.s(pre + critic(ops, true) + post)
		if !cont {
			if !header {
				delim = delimiterRow(b)
			}
			m.s("\n" + delim)
		}
	case "list_item":
		m.listItem(s, k, ops, pre, post)
	case "quote":
		m.para()
		lead := "> "
		if formChanged {
			lead = optMark("{--", "--}", oldForm) + "{++> ++}"
		}
		m.s(lead + pre + indent(critic(ops, false), "> ") + post)
	case "code":
		m.para()
		if pre != "" || post != "" {
			m.s(strings.TrimSpace(pre+post) + "\n\n")
		}
		m.s(codeBlock(ops))
	case "html":
		m.para()
		if pre != "" || post != "" {
			m.s(strings.TrimSpace(pre+post) + "\n\n")
		}
		fence := fenceFor(ops)
		m.s(fence + "html\n" + critic(ops, false) + "\n" + fence)
	default:
		m.para()
		m.s(optMark("{--", "--}", oldForm) + pre + critic(ops, false) + post)
	}
}

// formLead is the markup that opens block b of section s on one side,
// read as a block of the given kind: a list item's markers, a quote's
// mark; "" for a kind whose text holds its markup, or none.
func (m *writer) formLead(s *redline.SectionDiff, b *redline.BlockDiff, old bool, kind string) string {
	switch kind {
	case "list_item":
		l, _ := listLead(m.sideLine(s, b, old))
		return l
	case "quote":
		return "> "
	}
	return ""
}

// optMark is text enclosed in open and close, or "" when text is "".
func optMark(open, close, text string) string {
	if text == "" {
		return ""
	}
	return open + guardEnd(escapeCritic(text)) + close
}

func hasNewSide(b *redline.BlockDiff) bool {
	return b.Status != redline.Deleted && b.MovedTo == ""
}

func hasOldSide(b *redline.BlockDiff) bool {
	return b.Status != redline.Added && b.MovedFrom == ""
}

// sideText joins the equal ops and those of kind k.
func sideText(ops []redline.Op, k redline.OpKind) string {
	var b strings.Builder
	for _, o := range ops {
		if o.Op == redline.Equal || o.Op == k {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// critic writes ops as text with CriticMarkup. A deletion right before an
// insertion is a substitution. In a table row (pipes set), marks never
// enclose a cell separator, so that the row stays a row.
func critic(ops []redline.Op, pipes bool) string {
	var b strings.Builder
	for i := 0; i < len(ops); i++ {
		o := ops[i]
		if o.Text == "" {
			continue
		}
		switch o.Op {
		case redline.Equal:
			b.WriteString(guardEnd(escapeCritic(o.Text)))
		case redline.Insert:
			b.WriteString(mark("{++", "++}", escapeCritic(o.Text), pipes))
		case redline.Delete:
			next := i + 1
			if next < len(ops) && ops[next].Op == redline.Insert && ops[next].Text != "" &&
				!(pipes && strings.ContainsRune(o.Text+ops[next].Text, '|')) &&
				!strings.Contains(o.Text+ops[next].Text, "\n") {
				b.WriteString("{~~" + guardEnd(escapeCritic(o.Text)) + "~>" + guardEnd(escapeCritic(ops[next].Text)) + "~~}")
				i++
				continue
			}
			b.WriteString(mark("{--", "--}", escapeCritic(o.Text), pipes))
		}
	}
	return b.String()
}

// mark encloses text in open and close. With pipes set, each stretch
// between cell separators is marked on its own and the separators (and
// the spaces next to them) stay outside.
func mark(open, close, text string, pipes bool) string {
	if !pipes || !strings.Contains(text, "|") {
		return open + guardEnd(text) + close
	}
	var b strings.Builder
	for i, part := range splitCells(text) {
		if i > 0 {
			b.WriteByte('|')
		}
		core := strings.TrimSpace(part)
		if core == "" {
			b.WriteString(part)
			continue
		}
		lead := part[:strings.Index(part, core)]
		trail := part[len(lead)+len(core):]
		b.WriteString(lead + open + guardEnd(core) + close + trail)
	}
	return b.String()
}

// splitCells splits a row at the pipes that are not escaped.
func splitCells(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '|':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// delimiterRow is the row that makes the first row of a table its header:
// one "---" per cell. The delimiter row of the draft is not a block, so
// alignment is not kept.
func delimiterRow(b *redline.BlockDiff) string {
	text := sideText(b.Ops, redline.Insert)
	if b.Status == redline.Deleted || b.MovedTo != "" {
		text = sideText(b.Ops, redline.Delete)
	}
	t := strings.TrimSpace(text)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) {
		t = t[:len(t)-1]
	}
	n := max(len(splitCells(t)), 1)
	return "|" + strings.Repeat(" --- |", n)
}

// codeBlock writes a code block's ops. A fenced block keeps its own fence
// lines outside the marks even when the whole block was added or deleted.
func codeBlock(ops []redline.Op) string {
	if len(ops) == 1 && ops[0].Op != redline.Equal {
		text := ops[0].Text
		first, rest, ok := strings.Cut(text, "\n")
		f := strings.TrimLeft(first, " ")
		if ok && (strings.HasPrefix(f, "```") || strings.HasPrefix(f, "~~~")) {
			body, last := rest, ""
			if k := strings.LastIndexByte(rest, '\n'); k >= 0 {
				body, last = rest[:k], rest[k+1:]
			} else {
				body, last = "", rest
			}
			open, close := "{++", "++}"
			if ops[0].Op == redline.Delete {
				open, close = "{--", "--}"
			}
			// the fence lines' info string and the last line are draft
			// text too: a mark in them is escaped as in the body
			return escapeCritic(first) + "\n" + open + guardEnd(escapeCritic(body)) + close + "\n" + escapeCritic(last)
		}
	}
	return critic(ops, false)
}

// fenceFor is a backtick fence longer than any run of backticks in ops.
func fenceFor(ops []redline.Op) string {
	longest := 0
	for _, o := range ops {
		run := 0
		for _, c := range o.Text {
			if c == '`' {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// indent puts prefix before every line but the first.
func indent(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// escapeCritic escapes the CriticMarkup delimiters in Markdown text from a
// draft (as \{++, ++\} and ~\>); the rest stays Markdown as written.
// Delimiters that overlap, as in "{++}", are each escaped.
func escapeCritic(s string) string {
	if !strings.ContainsAny(s, "{}~") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		// a mark may also be completed by what codraft writes before or
		// after the text: "{~" then "~>" reads "{~~>", "{~~" then "}"
		// reads "{~~}"
		esc := c == '{' && i+3 <= len(s) && isOpenerMark(s[i+1:i+3]) ||
			c == '{' && i+3 > len(s) && opensAtEnd(s[i+1:]) ||
			c == '}' && i >= 2 && isCloserMark(s[i-2:i]) ||
			c == '}' && i < 2 ||
			c == '>' && (i == 0 || s[i-1] == '~')
		if !esc {
			b.WriteByte(c)
			continue
		}
		// a draft's own backslash right before the mark would escape our
		// escape: double it, so that it shows as itself
		if n := len(guardEnd(s[:i])) - i; n > 0 {
			b.WriteString(`\`)
		}
		b.WriteByte('\\')
		b.WriteByte(c)
	}
	return b.String()
}

// guardEnd doubles a backslash that ends draft text, so that it does not
// escape the mark written after it ("soweit \" then "{++" would read as an
// escaped brace). CommonMark shows "\\" as one backslash, as it showed
// the draft's.
func guardEnd(s string) string {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	if n%2 == 1 {
		return s + `\`
	}
	return s
}

// opensAtEnd reports whether t, the end of a text after a "{", could be
// the start of a CriticMarkup opener's marks ("", "+", "~", ...).
func opensAtEnd(t string) bool {
	for _, m := range []string{"++", "--", "~~", ">>", "=="} {
		if strings.HasPrefix(m, t) {
			return true
		}
	}
	return false
}

// isOpenerMark reports whether m follows "{" in a CriticMarkup opener.
func isOpenerMark(m string) bool {
	return m == "++" || m == "--" || m == "~~" || m == ">>" || m == "=="
}

// isCloserMark reports whether m precedes "}" in a CriticMarkup closer.
func isCloserMark(m string) bool {
	return m == "++" || m == "--" || m == "~~" || m == "<<" || m == "=="
}

// textEscaper backslash-escapes what Markdown would read as markup, for
// strings that are not Markdown: file names, labels, revisions.
var textEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"&", `\&`, "{", `\{`, "}", `\}`, "~", `\~`, "|", `\|`, "!", `\!`, "#", `\#`,
)

func escapeText(s string) string {
	return textEscaper.Replace(strings.ReplaceAll(s, "\n", " "))
}
