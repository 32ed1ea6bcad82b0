package summary

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/termtext"
	"github.com/codraft/codraft/internal/wording"
)

// WriteText writes s for a terminal or a plain-text note. Text from the
// drafts and labels is made safe for a terminal (control and bidi
// characters escaped, no carriage return).
func WriteText(w io.Writer, s *Summary) error {
	tw := termtext.Writer(w)
	bw := bufio.NewWriter(tw)
	defer tw.Flush()
	fmt.Fprintf(bw, "Summary: %s → %s\n", EndpointName(s.From), EndpointName(s.To))
	for _, n := range s.Notes {
		fmt.Fprintf(bw, "Note: %s\n", n)
	}
	fmt.Fprintf(bw, "\nSections: %s\n", sectionTotals(s.Stats.Sections))
	fmt.Fprintf(bw, "Words: %s\n", wordTotals(s.Stats.Words))

	if len(s.Notable) > 0 {
		fmt.Fprintf(bw, "\nNotable changes (%d)\n", len(s.Notable))
		for _, n := range s.Notable {
			fmt.Fprintf(bw, "  %s: %s [%s, %s]\n", n.Label, n.What, n.Rule, n.Severity)
			if n.Before != "" {
				fmt.Fprintf(bw, "    before: %s\n", n.Before)
			}
			if n.After != "" {
				fmt.Fprintf(bw, "    after:  %s\n", n.After)
			}
		}
	}
	if note := leftOutNote(s.NotableLeftOut); note != "" {
		if len(s.Notable) == 0 {
			fmt.Fprintf(bw, "\nNotable changes (0)\n")
		}
		fmt.Fprintf(bw, "  %s\n", note)
	}

	fmt.Fprintf(bw, "\nChanged sections (%d)\n", len(s.Sections))
	if len(s.Sections) == 0 {
		fmt.Fprintf(bw, "  none\n")
	}
	for _, sec := range s.Sections {
		fmt.Fprintf(bw, "  %s\n", sec.Line())
	}

	if len(s.Groups) > 0 {
		fmt.Fprintf(bw, "\nWorking groups\n")
		bySection := sectionsByID(s)
		for _, g := range s.Groups {
			fmt.Fprintf(bw, "  %s: %s\n", groupName(g), groupTotals(g))
			for _, id := range g.Sections {
				if sec := bySection[id]; sec != nil {
					fmt.Fprintf(bw, "    %s\n", sec.Line())
				}
			}
		}
		if un := unowned(s); len(un) > 0 {
			fmt.Fprintf(bw, "  no working group: %s changed\n", wording.Count(len(un), "section"))
			for _, sec := range un {
				fmt.Fprintf(bw, "    %s\n", sec.Line())
			}
		}
	}

	if len(s.Renumbered) > 0 {
		fmt.Fprintf(bw, "\nNumbering (old → new)\n")
		ow, nw := 0, 0
		for _, r := range s.Renumbered {
			ow = max(ow, width(orDash(r.OldNumber)))
			nw = max(nw, width(orDash(r.NewNumber)))
		}
		for _, r := range s.Renumbered {
			fmt.Fprintf(bw, "  %s → %s  %s\n", pad(orDash(r.OldNumber), ow), pad(orDash(r.NewNumber), nw), renumberTitle(r))
		}
	}
	return bw.Flush()
}

// WriteHistoryText writes one row per pair of rounds as an aligned table.
func WriteHistoryText(w io.Writer, h *History) error {
	rows := [][]string{{"from", "to", "label", "date", "sections", "words in", "words out", "notable"}}
	for _, p := range h.Pairs {
		rows = append(rows, []string{
			termtext.Line(endpointShort(p.From)), termtext.Line(endpointShort(p.To)), termtext.Line(p.Label), dateOf(p.Date),
			strconv.Itoa(p.SectionsChanged),
			"+" + strconv.Itoa(p.Words.Inserted), "-" + strconv.Itoa(p.Words.Deleted),
			strconv.Itoa(p.Notable),
		})
	}
	bw := bufio.NewWriter(w)
	if len(h.Pairs) == 0 {
		fmt.Fprintln(bw, "no pairs of rounds to compare")
		return bw.Flush()
	}
	writeTable(bw, rows, map[int]bool{4: true, 5: true, 6: true, 7: true})
	return bw.Flush()
}

// writeTable writes rows with columns padded to their widest cell; right
// holds the columns aligned to the right.
func writeTable(w io.Writer, rows [][]string, right map[int]bool) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], width(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			gap := strings.Repeat(" ", widths[i]-width(c))
			if right[i] {
				b.WriteString(gap + c)
			} else {
				b.WriteString(c + gap)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// EndpointName names one side of a comparison for a reader:
// `round 2 "second draft" (2024-12-19)`, or a revision or file.
func EndpointName(e redline.Endpoint) string {
	var parts []string
	switch {
	case e.IsWorktree():
		parts = append(parts, "working tree")
	case e.Round != nil:
		parts = append(parts, "round "+strconv.Itoa(*e.Round))
		if e.Label != "" && e.Label != dateOf(e.Date) {
			parts = append(parts, strconv.Quote(e.Label))
		}
	case e.Rev != "":
		parts = append(parts, e.Rev)
	case len(e.Files) > 0:
		parts = append(parts, strings.Join(e.Files, ", "))
	case e.Label != "":
		parts = append(parts, e.Label)
	default:
		parts = append(parts, "working tree")
	}
	if d := dateOf(e.Date); d != "" {
		parts = append(parts, "("+d+")")
	}
	return strings.Join(parts, " ")
}

// endpointShort is the round number, else the revision.
func endpointShort(e redline.Endpoint) string {
	switch {
	case e.Round != nil:
		return strconv.Itoa(*e.Round)
	case e.Rev != "":
		return e.Rev
	}
	return "working tree"
}

func sectionTotals(st redline.SectionStats) string {
	return fmt.Sprintf("%d added, %d deleted, %d modified, %d unchanged, %d moved, %d renamed, %d renumbered, %d relevelled",
		st.Added, st.Deleted, st.Modified, st.Unchanged, st.Moved, st.Renamed, st.Renumbered, st.Relevelled)
}

func wordTotals(w redline.WordStats) string {
	return fmt.Sprintf("%d inserted, %d deleted (old %d, new %d)", w.Inserted, w.Deleted, w.OldTotal, w.NewTotal)
}

// groupTotals says in one line what a group's sections went through.
func groupTotals(g GroupSummary) string {
	if len(g.Sections) == 0 {
		return "no changes"
	}
	st := g.Stats.Sections
	var what []string
	for _, c := range []struct {
		n    int
		word string
	}{
		{st.Added, "added"}, {st.Deleted, "deleted"}, {st.Modified, "modified"}, {st.Moved, "moved"},
		{st.Renamed, "renamed"}, {st.Renumbered, "renumbered"}, {st.Relevelled, "relevelled"},
	} {
		if c.n > 0 {
			what = append(what, fmt.Sprintf("%d %s", c.n, c.word))
		}
	}
	s := fmt.Sprintf("%s changed (%s)", wording.Count(len(g.Sections), "section"), strings.Join(what, ", "))
	if w := g.Stats.Words; w.Inserted > 0 || w.Deleted > 0 {
		s += "; " + strings.TrimSpace(strings.Trim(wordsNote(w), " ()"))
	}
	if g.Notable > 0 {
		s += fmt.Sprintf("; %d notable", g.Notable)
	}
	return s
}

func groupName(g GroupSummary) string {
	if g.Name == "" {
		return g.ID
	}
	return g.ID + " " + g.Name
}

func sectionsByID(s *Summary) map[string]*Section {
	m := map[string]*Section{}
	for i := range s.Sections {
		if _, dup := m[s.Sections[i].ID]; !dup {
			m[s.Sections[i].ID] = &s.Sections[i]
		}
	}
	return m
}

// unowned are the changed sections that no working group owns.
func unowned(s *Summary) []*Section {
	var out []*Section
	for i := range s.Sections {
		if len(s.Sections[i].Groups) == 0 {
			out = append(out, &s.Sections[i])
		}
	}
	return out
}

func renumberTitle(r Renumbering) string {
	if r.OldTitle != "" && r.NewTitle != "" && r.OldTitle != r.NewTitle {
		return r.NewTitle + " (was " + strconv.Quote(r.OldTitle) + ")"
	}
	return firstNonEmpty(r.NewTitle, r.OldTitle)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func width(s string) int { return utf8.RuneCountInString(s) }

func pad(s string, w int) string { return s + strings.Repeat(" ", max(0, w-width(s))) }
