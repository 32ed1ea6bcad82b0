// Package term writes a redline for the terminal: coloured on a terminal,
// and readable without colour as [-deleted-]{+inserted+}.
package term

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/termtext"
	"github.com/codraft/codraft/internal/wording"
)

// Options tunes the terminal view.
type Options struct {
	// Color marks changes with ANSI colours instead of brackets.
	Color bool
	// AllSections shows unchanged sections too.
	AllSections bool
	// Context is the number of words shown around a change inside a
	// changed block; negative shows whole blocks.
	Context int
}

const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	cyan   = "\x1b[36m"
	yellow = "\x1b[33m"
	bold   = "\x1b[1m"
	strike = "\x1b[9m"
	under  = "\x1b[4m"
	reset  = "\x1b[0m"
)

type writer struct {
	w   io.Writer
	o   Options
	err error
	// labels names each section of the result by its id, for the notes of
	// moved blocks.
	labels map[string]string
}

func (w *writer) printf(format string, a ...any) {
	if w.err == nil {
		_, w.err = fmt.Fprintf(w.w, format, a...)
	}
}

// paint colours s when colour is on. Text from a draft or a label is made
// safe for a terminal first: control and bidi characters are shown escaped.
func (w *writer) paint(code, s string) string {
	s = termtext.String(s)
	if !w.o.Color || s == "" {
		return s
	}
	return code + s + reset
}

// Render writes res to w.
func Render(w io.Writer, res *redline.Result, o Options) error {
	tw := &writer{w: w, o: o, labels: map[string]string{}}
	for i := range res.Sections {
		sd := &res.Sections[i]
		ref := sd.New
		if ref == nil {
			ref = sd.Old
		}
		tw.labels[sd.ID] = ref.Label()
	}
	tw.header(res)
	for i := range res.Sections {
		s := &res.Sections[i]
		if !o.AllSections && !s.Changed() && !s.ParentChanged {
			continue
		}
		tw.section(s)
	}
	for _, n := range res.Notes {
		tw.printf("note: %s\n", termtext.String(n))
	}
	return tw.err
}

func endpoint(e redline.Endpoint) string {
	var parts []string
	if e.Round != nil {
		parts = append(parts, fmt.Sprintf("round %d", *e.Round))
	}
	if e.IsWorktree() {
		return "working tree"
	}
	if e.Label != "" && (e.Round != nil || e.Label != e.Rev) {
		parts = append(parts, fmt.Sprintf("%q", e.Label))
	}
	if e.Round == nil && e.Rev != "" {
		parts = append([]string{e.Rev}, parts...)
	}
	if d := e.DateText(); d != "" {
		parts = append(parts, d)
	}
	if c := e.ShortCommit(); c != "" {
		parts = append(parts, c)
	}
	if len(parts) == 0 {
		return e.Rev
	}
	return strings.Join(parts, " ")
}

func (w *writer) header(res *redline.Result) {
	w.printf("%s\n", w.paint(bold, "--- "+endpoint(res.From)))
	w.printf("%s\n", w.paint(bold, "+++ "+endpoint(res.To)))
	w.printf("%s\n", Totals(res))
	for _, f := range res.FrontMatter {
		w.printf("%s\n", termtext.String(FrontMatterLine(f)))
	}
	if res.MetadataChanged && len(res.FrontMatter) == 0 {
		w.printf("front matter (metadata) changed\n")
	}
	w.printf("\n")
}

// Totals is the one-line summary of a redline's statistics. A section is
// changed when anything happened to it (redline.Result.ChangedSections), as
// in the summary.
func Totals(res *redline.Result) string {
	st := res.Stats
	s := st.Sections
	changed := res.ChangedSections()
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(s.Added, "added")
	add(s.Deleted, "deleted")
	add(s.Modified, "modified")
	add(s.Moved, "moved")
	add(s.Renamed, "renamed")
	add(s.Renumbered, "renumbered")
	add(s.Relevelled, "re-levelled")
	if len(parts) == 0 {
		parts = []string{"no changes"}
	}
	return fmt.Sprintf("%d of %d sections changed (%s); words +%d -%d",
		changed, s.Added+s.Deleted+s.Modified+s.Unchanged, strings.Join(parts, ", "), st.Words.Inserted, st.Words.Deleted)
}

// Heading describes a section's change in one line: its name, what
// happened to it, and where it is.
func Heading(s *redline.SectionDiff) string {
	ref := s.New
	if ref == nil {
		ref = s.Old
	}
	var what []string
	what = append(what, string(s.Status))
	if s.Renumbered {
		what = append(what, fmt.Sprintf("renumbered from %s", wording.OrNone(s.Old.Number, "no number")))
	}
	if s.Renamed {
		what = append(what, fmt.Sprintf("renamed from %q", s.Old.Title))
	}
	switch {
	case s.Moved && parentLabel(s.Old) != parentLabel(s.New):
		what = append(what, fmt.Sprintf("moved from under %s", parentLabel(s.Old)))
	case s.Moved:
		what = append(what, "moved")
	case s.ParentChanged:
		what = append(what, "now "+newParentLabel(s.New))
	}
	if s.Relevelled {
		what = append(what, fmt.Sprintf("level %d to %d", s.Old.Level, s.New.Level))
	}
	if s.SplitFrom != "" {
		what = append(what, "split from "+s.SplitFrom)
	}
	if s.MergedInto != "" {
		what = append(what, "merged into "+s.MergedInto)
	}
	if s.Words.Inserted+s.Words.Deleted > 0 {
		what = append(what, fmt.Sprintf("+%d -%d words", s.Words.Inserted, s.Words.Deleted))
	}
	// a preamble (line 0: no heading) starts at the top of its file
	loc := fmt.Sprintf("%s:%d", ref.File, max(ref.Line, 1))
	return fmt.Sprintf("%s (%s) %s", ref.Label(), strings.Join(what, "; "), loc)
}

// FrontMatterLine describes one changed front-matter field.
func FrontMatterLine(f redline.FrontMatterChange) string {
	switch {
	case f.Old == nil:
		return fmt.Sprintf("front matter: %s added: %q", f.Key, *f.New)
	case f.New == nil:
		return fmt.Sprintf("front matter: %s removed (was %q)", f.Key, *f.Old)
	}
	return fmt.Sprintf("front matter: %s changed: %q -> %q", f.Key, *f.Old, *f.New)
}

// newParentLabel names the parent a section is now under.
func newParentLabel(r *redline.SectionRef) string {
	if r == nil || r.Parent == "" {
		return "at the top level"
	}
	return "under " + parentLabel(r)
}

func parentLabel(r *redline.SectionRef) string {
	if r == nil || r.Parent == "" {
		return "the top level"
	}
	switch {
	case r.ParentNumber != "" && r.ParentTitle != "":
		return r.ParentNumber + " " + r.ParentTitle
	case r.ParentNumber != "":
		return r.ParentNumber
	case r.ParentTitle != "":
		return r.ParentTitle
	}
	return r.Parent
}

func (w *writer) section(s *redline.SectionDiff) {
	w.printf("%s\n", w.paint(cyan, "@@ "+Heading(s)))
	notes := map[string]bool{}
	for _, b := range s.Blocks {
		if b.Status == redline.Unchanged && !w.o.AllSections {
			continue
		}
		if note := w.moveNote(s.ID, &b); note != "" {
			if notes[note] && b.MovedTo != "" {
				continue // the same text left for the same place twice
			}
			notes[note] = true
			w.printf("  %s\n", w.paint(yellow, note))
		}
		w.block(s.ID, &b)
	}
	w.printf("\n")
}

// moveNote says where a moved block went or came from: the other place's
// title and, where the block left, its first words.
func (w *writer) moveNote(section string, b *redline.BlockDiff) string {
	switch {
	case b.Joined == "split" && b.MovedTo != "":
		return "[split in two: shown below]"
	case b.Joined == "split":
		return "[split from one paragraph]"
	case b.Joined == "merged" && b.MovedTo != "":
		return "[merged with the next: shown below]"
	case b.Joined == "merged":
		return "[merged from two paragraphs]"
	case b.MovedTo == section:
		return "[moved within this section: left here]"
	case b.MovedFrom == section:
		return "[moved within this section: arrived here]"
	case b.MovedTo != "":
		return fmt.Sprintf("[moved to %s: %s]", w.label(b.MovedTo), firstWords(b, 6))
	case b.MovedFrom != "":
		return fmt.Sprintf("[moved from %s]", w.label(b.MovedFrom))
	}
	return ""
}

// label names a section of the result by its id, quoted.
func (w *writer) label(id string) string {
	if l, ok := w.labels[id]; ok && l != "" {
		return strconv.Quote(l)
	}
	return id
}

// firstWords is the start of a block's old text, n words and an ellipsis.
func firstWords(b *redline.BlockDiff, n int) string {
	var sb strings.Builder
	for _, op := range b.Ops {
		if op.Op != redline.Insert {
			sb.WriteString(op.Text)
		}
	}
	words := strings.Fields(sb.String())
	if len(words) <= n {
		return "\"" + strings.Join(words, " ") + "\""
	}
	return "\"" + strings.Join(words[:n], " ") + " …\""
}

func (w *writer) block(section string, b *redline.BlockDiff) {
	prefix := "  "
	if b.MovedFrom != "" && b.MovedFrom != section && b.Joined == "" {
		// moved text at its new place is marked even without colour
		prefix = "» "
	}
	if b.OldKind != "" {
		w.printf("  %s\n", w.paint(yellow, fmt.Sprintf("[form changed: %s to %s]", b.OldKind, b.Kind)))
	}
	if b.MovedTo != "" && len(b.Ops) > 0 {
		// the text is shown where it arrived
		return
	}
	var sb strings.Builder
	for i, op := range b.Ops {
		txt := op.Text
		if op.Op == redline.Equal && w.o.Context >= 0 && b.Status != redline.Unchanged {
			txt = w.trimContext(txt, i > 0, i < len(b.Ops)-1)
		}
		txt = termtext.String(txt)
		if w.o.Color && op.Op == redline.Insert && i > 0 && b.Ops[i-1].Op == redline.Delete &&
			!strings.HasSuffix(b.Ops[i-1].Text, " ") && !strings.HasPrefix(txt, " ") {
			// a deletion and an insertion side by side never run together,
			// so the text reads when copied or without strikethrough
			sb.WriteString(" ")
		}
		switch op.Op {
		case redline.Equal:
			sb.WriteString(txt)
		case redline.Delete:
			if w.o.Color {
				sb.WriteString(red + strike + txt + reset)
			} else {
				sb.WriteString("[-" + txt + "-]")
			}
		case redline.Insert:
			if w.o.Color {
				sb.WriteString(green + under + txt + reset)
			} else {
				sb.WriteString("{+" + txt + "+}")
			}
		}
	}
	text := sb.String()
	for _, line := range strings.Split(text, "\n") {
		w.printf("%s%s\n", prefix, line)
	}
}

// trimContext keeps Context words of an equal run next to the changes on
// either side of it.
func (w *writer) trimContext(s string, before, after bool) string {
	words := strings.Split(s, " ")
	n := w.o.Context
	if len(words) <= 2*n+1 || n < 0 {
		return s
	}
	switch {
	case before && after:
		return strings.Join(words[:n], " ") + " … " + strings.Join(words[len(words)-n:], " ")
	case before:
		return strings.Join(words[:n], " ") + " …"
	case after:
		return "… " + strings.Join(words[len(words)-n:], " ")
	}
	return s
}
