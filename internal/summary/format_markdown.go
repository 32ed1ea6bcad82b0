package summary

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/wording"
)

// WriteMarkdown writes s as Markdown to paste into a pull request or a
// round's cover note. Text from the drafts is escaped.
func WriteMarkdown(w io.Writer, s *Summary) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## Changes from %s to %s\n\n", mdEscape(EndpointName(s.From)), mdEscape(EndpointName(s.To)))
	for _, n := range s.Notes {
		fmt.Fprintf(bw, "> %s\n\n", mdEscape(n))
	}
	st, wd := s.Stats.Sections, s.Stats.Words
	fmt.Fprintf(bw, "| | added | deleted | modified | unchanged | moved | renamed | renumbered | relevelled |\n")
	fmt.Fprintf(bw, "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(bw, "| sections | %d | %d | %d | %d | %d | %d | %d | %d |\n\n",
		st.Added, st.Deleted, st.Modified, st.Unchanged, st.Moved, st.Renamed, st.Renumbered, st.Relevelled)
	fmt.Fprintf(bw, "| | inserted | deleted | old total | new total |\n")
	fmt.Fprintf(bw, "|---|---:|---:|---:|---:|\n")
	fmt.Fprintf(bw, "| words | %d | %d | %d | %d |\n", wd.Inserted, wd.Deleted, wd.OldTotal, wd.NewTotal)

	if len(s.Notable) > 0 {
		fmt.Fprintf(bw, "\n### Notable changes\n\n")
		for _, n := range s.Notable {
			fmt.Fprintf(bw, "- **%s**: %s (`%s`, %s)", mdEscape(n.Label), mdEscape(n.What), n.Rule, n.Severity)
			switch {
			case n.Before != "" && n.After != "":
				fmt.Fprintf(bw, "  \n  “%s” → “%s”", mdEscape(n.Before), mdEscape(n.After))
			case n.Before != "":
				fmt.Fprintf(bw, "  \n  was “%s”", mdEscape(n.Before))
			case n.After != "":
				fmt.Fprintf(bw, "  \n  now “%s”", mdEscape(n.After))
			}
			fmt.Fprintln(bw)
		}
	}
	if note := leftOutNote(s.NotableLeftOut); note != "" {
		if len(s.Notable) == 0 {
			fmt.Fprintf(bw, "\n### Notable changes\n\n")
		}
		fmt.Fprintf(bw, "\n%s\n", mdEscape(strings.ToUpper(note[:1])+note[1:]))
	}

	fmt.Fprintf(bw, "\n### Changed sections\n\n")
	if len(s.Sections) == 0 {
		fmt.Fprintf(bw, "None.\n")
	}
	for _, sec := range s.Sections {
		fmt.Fprintf(bw, "- %s\n", mdSection(&sec))
	}

	if len(s.Groups) > 0 {
		fmt.Fprintf(bw, "\n### Working groups\n")
		bySection := sectionsByID(s)
		for _, g := range s.Groups {
			fmt.Fprintf(bw, "\n**%s**: %s\n", mdEscape(groupName(g)), mdEscape(groupTotals(g)))
			if len(g.Sections) > 0 {
				fmt.Fprintln(bw)
			}
			for _, id := range g.Sections {
				if sec := bySection[id]; sec != nil {
					fmt.Fprintf(bw, "- %s\n", mdSection(sec))
				}
			}
		}
		if un := unowned(s); len(un) > 0 {
			fmt.Fprintf(bw, "\n**No working group**: %s changed\n\n", wording.Count(len(un), "section"))
			for _, sec := range un {
				fmt.Fprintf(bw, "- %s\n", mdSection(sec))
			}
		}
	}

	if len(s.Renumbered) > 0 {
		fmt.Fprintf(bw, "\n### Numbering\n\n| old | new | title |\n|---|---|---|\n")
		for _, r := range s.Renumbered {
			fmt.Fprintf(bw, "| %s | %s | %s |\n", mdEscape(orDash(r.OldNumber)), mdEscape(orDash(r.NewNumber)), mdEscape(renumberTitle(r)))
		}
	}
	return bw.Flush()
}

// WriteHistoryMarkdown writes one row per pair of rounds as a Markdown table.
func WriteHistoryMarkdown(w io.Writer, h *History) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "| from | to | label | date | sections | words in | words out | notable |\n")
	fmt.Fprintf(bw, "|---|---|---|---|---:|---:|---:|---:|\n")
	for _, p := range h.Pairs {
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %d | +%d | -%d | %d |\n",
			mdEscape(endpointShort(p.From)), mdEscape(endpointShort(p.To)), mdEscape(p.Label), dateOf(p.Date),
			p.SectionsChanged, p.Words.Inserted, p.Words.Deleted, p.Notable)
	}
	return bw.Flush()
}

func mdSection(sec *Section) string {
	return "**" + mdEscape(sec.Label) + "**: " + mdEscape(strings.Join(sec.Changes, "; "))
}

// mdEscape makes text from a draft literal inside a Markdown line: every
// character that could start inline markup, an HTML tag, an entity or a table
// cell gets a backslash, and line breaks become spaces. Callers never put
// the text at the start of a line, where block markup would need more.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dateOf is the date of t as YYYY-MM-DD in UTC, or "".
func dateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}
