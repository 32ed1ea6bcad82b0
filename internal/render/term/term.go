// Package term writes a redline for the terminal: coloured on a terminal,
// and readable without colour as [-deleted-]{+inserted+}.
package term

import (
	"fmt"
	"io"
	"strings"

	"github.com/codraft/codraft/internal/redline"
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
}

func (w *writer) printf(format string, a ...any) {
	if w.err == nil {
		_, w.err = fmt.Fprintf(w.w, format, a...)
	}
}

func (w *writer) paint(code, s string) string {
	if !w.o.Color || s == "" {
		return s
	}
	return code + s + reset
}

// Render writes res to w.
func Render(w io.Writer, res *redline.Result, o Options) error {
	tw := &writer{w: w, o: o}
	tw.header(res)
	for i := range res.Sections {
		s := &res.Sections[i]
		if !o.AllSections && !s.Changed() && !s.ParentChanged {
			continue
		}
		tw.section(s)
	}
	for _, n := range res.Notes {
		tw.printf("note: %s\n", n)
	}
	return tw.err
}

func endpoint(e redline.Endpoint) string {
	var parts []string
	if e.Round != nil {
		parts = append(parts, fmt.Sprintf("round %d", *e.Round))
	}
	if e.Rev == "worktree" {
		return "working tree"
	}
	if e.Label != "" && (e.Round != nil || e.Label != e.Rev) {
		parts = append(parts, fmt.Sprintf("%q", e.Label))
	}
	if e.Round == nil && e.Rev != "" && e.Rev != "worktree" {
		parts = append([]string{e.Rev}, parts...)
	}
	if e.Date != nil {
		parts = append(parts, e.Date.Format("2006-01-02"))
	}
	if e.Commit != nil && len(*e.Commit) >= 7 {
		parts = append(parts, (*e.Commit)[:7])
	}
	if len(parts) == 0 {
		return e.Rev
	}
	return strings.Join(parts, " ")
}

func (w *writer) header(res *redline.Result) {
	w.printf("%s\n", w.paint(bold, "--- "+endpoint(res.From)))
	w.printf("%s\n", w.paint(bold, "+++ "+endpoint(res.To)))
	st := res.Stats
	w.printf("%s\n", Totals(st))
	for _, f := range res.FrontMatter {
		w.printf("%s\n", FrontMatterLine(f))
	}
	if res.MetadataChanged && len(res.FrontMatter) == 0 {
		w.printf("front matter (metadata) changed\n")
	}
	w.printf("\n")
}

// Totals is the one-line summary of a redline's statistics.
func Totals(st redline.Stats) string {
	s := st.Sections
	changed := s.Added + s.Deleted + s.Modified
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
	return fmt.Sprintf("%d of %d sections changed in text (%s); words +%d -%d",
		changed, changed+s.Unchanged, strings.Join(parts, ", "), st.Words.Inserted, st.Words.Deleted)
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
		what = append(what, fmt.Sprintf("renumbered from %s", orNone(s.Old.Number)))
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
	loc := fmt.Sprintf("%s:%d", ref.File, ref.Line)
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

func orNone(s string) string {
	if s == "" {
		return "no number"
	}
	return s
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
	for _, b := range s.Blocks {
		if b.Status == redline.Unchanged && !w.o.AllSections {
			continue
		}
		w.block(s.ID, &b)
	}
	w.printf("\n")
}

func (w *writer) block(section string, b *redline.BlockDiff) {
	prefix := "  "
	switch {
	case b.Joined == "split" && b.MovedTo != "":
		w.printf("  %s\n", w.paint(yellow, "[split in two: shown below]"))
	case b.Joined == "split":
		w.printf("  %s\n", w.paint(yellow, "[split from one paragraph]"))
	case b.Joined == "merged" && b.MovedTo != "":
		w.printf("  %s\n", w.paint(yellow, "[merged with the next: shown below]"))
	case b.Joined == "merged":
		w.printf("  %s\n", w.paint(yellow, "[merged from two paragraphs]"))
	case b.MovedTo == section:
		w.printf("  %s\n", w.paint(yellow, "[moved within this section: left here]"))
	case b.MovedFrom == section:
		w.printf("  %s\n", w.paint(yellow, "[moved within this section: arrived here]"))
	case b.MovedTo != "":
		w.printf("  %s\n", w.paint(yellow, fmt.Sprintf("[moved to %s]", b.MovedTo)))
	case b.MovedFrom != "":
		w.printf("  %s\n", w.paint(yellow, fmt.Sprintf("[moved from %s]", b.MovedFrom)))
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
