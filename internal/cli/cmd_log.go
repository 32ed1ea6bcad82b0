package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/jsonout"
	"github.com/codraft/codraft/internal/lineage"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/term"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/summary"
	"github.com/codraft/codraft/internal/trailers"
)

// LogSchema is the schema name of "codraft log --format json".
const LogSchema = "codraft.log/v1"

type logOptions struct {
	f       *Factory
	Section string
	Format  string
	Patch   bool
	NoPager bool
}

func newLogCmd(f *Factory, runF func(*logOptions) error) *cobra.Command {
	o := &logOptions{f: f}
	cmd := &cobra.Command{
		Use:   "log --section ID",
		Short: "List the rounds in which one section changed, through renames, moves, splits and merges",
		Long: `List the rounds in which a section changed, newest first: its number and title
then, what happened (reworded +inserted -deleted words, renamed, renumbered,
re-levelled, moved, split from, merged into), the notable changes and the
working groups cited by the commits that changed it.

The section is named by its id or its number as written, in the newest round
that has it. Its history follows the engine's matching of each consecutive
pair of rounds, and takes in the sections it was split from or that merged
into it. --patch adds the section's redline for each round.`,
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runLog(o)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.Section, "section", "", "the section, by `ID` or number (required)")
	fs.StringVar(&o.Format, "format", "text", "output `format`: text or json")
	fs.BoolVar(&o.Patch, "patch", false, "show the section's redline for each round")
	fs.BoolVar(&o.NoPager, "no-pager", false, "do not page long output on a terminal")
	return cmd
}

// logJSON is the codraft.log/v1 document.
type logJSON struct {
	Schema  string         `json:"schema"`
	Section string         `json:"section"`
	Matches []logMatchJSON `json:"matches"`
}

// logMatchJSON is the history of one section the query named.
type logMatchJSON struct {
	ID      string         `json:"id"`
	Round   int            `json:"round"`
	Number  string         `json:"number"`
	Title   string         `json:"title"`
	Entries []logEntryJSON `json:"entries"`
}

type logEntryJSON struct {
	Round         int                  `json:"round"`
	Label         string               `json:"label"`
	Date          string               `json:"date"`
	ID            string               `json:"id"`
	Number        string               `json:"number"`
	Title         string               `json:"title"`
	Deleted       bool                 `json:"deleted"`
	Changes       []string             `json:"changes"`
	Words         redline.WordCounts   `json:"words"`
	Notable       []string             `json:"notable"`
	WorkingGroups []string             `json:"working_groups"`
	Patch         *redline.SectionDiff `json:"patch,omitempty"`
}

func runLog(o *logOptions) error {
	f, ios := o.f, o.f.IO
	if o.Section == "" {
		return usagef("log needs --section ID (a section id or number)")
	}
	if o.Format != "text" && o.Format != "json" {
		return usagef("unknown format %q: use text or json", o.Format)
	}
	repo, rounds, err := f.openRounds("a section has no history")
	if err != nil {
		return err
	}
	// First pass: the lineage, with the notable changes of every section
	// (by round and redline id); the redlines themselves are dropped.
	b := lineage.NewBuilder()
	notable := map[[2]string][]string{}
	err = walkHistory(repo, rounds, func(st *historyStep) error {
		s := summary.Compute(st.Result, summary.Options{Groups: summaryGroups(st.Config)})
		for i := range s.Notable {
			k := [2]string{fmt.Sprint(st.Index), s.Notable[i].Section}
			notable[k] = append(notable[k], s.Notable[i].Line())
		}
		return b.Add(st.Meta, st.Result)
	})
	if err != nil {
		return err
	}
	l := b.Lineage()
	nodes, _ := l.Find(o.Section)
	if len(nodes) == 0 {
		return withHint(fmt.Errorf("no section %q in any round", o.Section),
			"name a section by its id or number as written, as \"codraft diff --format json\" shows them")
	}
	out := logJSON{Schema: LogSchema, Section: o.Section}
	wantPatch := map[int]map[string]*logEntryJSON{}
	for _, n := range nodes {
		m := logMatchJSON{ID: n.Ref.ID, Round: l.Rounds[n.Round].Number, Number: n.Ref.Number, Title: n.Ref.Title, Entries: []logEntryJSON{}}
		for _, e := range l.History(n) {
			r := l.Rounds[e.Round]
			ref := e.Ref()
			m.Entries = append(m.Entries, logEntryJSON{
				Round: r.Number, Label: r.Label, Date: r.Date.UTC().Format(time.RFC3339),
				ID: ref.ID, Number: ref.Number, Title: ref.Title, Deleted: e.Deletion != nil,
				Changes: nonNil(e.What), Words: e.Words,
				Notable:       nonNil(notable[[2]string{fmt.Sprint(e.Round), e.Entry()}]),
				WorkingGroups: nonNil(e.Groups),
			})
		}
		out.Matches = append(out.Matches, m)
	}
	if o.Patch {
		for mi := range out.Matches {
			for ei := range out.Matches[mi].Entries {
				e := &out.Matches[mi].Entries[ei]
				idx := roundIndex(rounds, e.Round)
				if wantPatch[idx] == nil {
					wantPatch[idx] = map[string]*logEntryJSON{}
				}
				key := e.ID
				if e.Deleted {
					key = "\x00" + e.ID
				}
				wantPatch[idx][key] = e
			}
		}
		if err := addPatches(repo, rounds, wantPatch); err != nil {
			return err
		}
	}
	write := func(w io.Writer) error {
		if o.Format == "json" {
			return jsonout.Write(w, out)
		}
		return writeLogText(w, &out)
	}
	return withPager(ios, o.NoPager || o.Format != "text", write)
}

func roundIndex(rounds []store.Round, number int) int {
	for i := range rounds {
		if rounds[i].Number == number {
			return i
		}
	}
	return -1
}

// addPatches compares again the pairs that the log shows and attaches the
// section's redline to each entry: a second pass, so that the first kept
// no redline.
func addPatches(repo *store.Repo, rounds []store.Round, want map[int]map[string]*logEntryJSON) error {
	last := -1
	for i := range want {
		last = max(last, i)
	}
	return walkHistory(repo, rounds[:last+1], func(st *historyStep) error {
		es := want[st.Index]
		if es == nil {
			return nil
		}
		for i := range st.Result.Sections {
			sd := &st.Result.Sections[i]
			key := ""
			switch {
			case sd.New != nil:
				key = sd.New.ID
			case sd.Old != nil:
				key = "\x00" + sd.Old.ID
			}
			if e := es[key]; e != nil {
				c := *sd
				e.Patch = &c
			}
		}
		return nil
	})
}

func writeLogText(w io.Writer, out *logJSON) error {
	var b bytes.Buffer
	for mi, m := range out.Matches {
		if mi > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "section %s", safeText(m.ID))
		if l := joinLabel(m.Number, m.Title); l != "" {
			fmt.Fprintf(&b, " (%s, round %d)", safeText(l), m.Round)
		}
		b.WriteString("\n")
		for _, e := range m.Entries {
			date := e.Date
			if t, err := time.Parse(time.RFC3339, date); err == nil {
				date = t.Format("2006-01-02")
			}
			fmt.Fprintf(&b, "\nround %d  %s  %s\n", e.Round, date, safeText(e.Label))
			fmt.Fprintf(&b, "    %s: %s\n", safeText(orDash(joinLabel(e.Number, e.Title))), safeText(strings.Join(e.Changes, "; ")))
			for _, n := range e.Notable {
				fmt.Fprintf(&b, "    notable: %s\n", safeText(n))
			}
			if len(e.WorkingGroups) > 0 {
				fmt.Fprintf(&b, "    working groups: %s\n", safeText(strings.Join(e.WorkingGroups, ", ")))
			}
			if e.Patch != nil {
				b.WriteString("\n")
				res := &redline.Result{Sections: []redline.SectionDiff{*e.Patch}}
				var pb bytes.Buffer
				if err := term.Render(&pb, res, term.Options{Context: -1}); err != nil {
					return err
				}
				// the single-section redline without its header
				text := pb.String()
				if i := strings.Index(text, "\n\n"); i >= 0 {
					text = text[i+2:]
				}
				for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
					fmt.Fprintf(&b, "    %s\n", safeText(line))
				}
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func joinLabel(number, title string) string {
	switch {
	case number != "" && title != "":
		return number + " " + title
	case number != "":
		return number
	}
	return title
}

func orDash(s string) string {
	if s == "" {
		return "(untitled)"
	}
	return s
}

// safeText makes draft text safe for a terminal: control characters (C0
// but tab and newline, DEL, C1) and bidi controls are escaped as \xNN or
// \uNNNN, invalid UTF-8 becomes U+FFFD, and no CR is written.
func safeText(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case unsafeRune(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return true
	}
	return unicode.Is(unicode.Cs, r)
}

// historyStep is one round of a walk through the history: the round, and
// its redline against the round before (an empty draft for the first).
type historyStep struct {
	// Index is the round's index in the walk.
	Index  int
	Round  store.Round
	Meta   lineage.Round
	Result *redline.Result
	// Docs are the round's parsed documents; Config its codraft.yaml.
	Docs   []*doc.Document
	Config *config.Config
}

// walkHistory reads each round once, oldest first, compares it with the one
// before and calls fn. Only the previous round's documents are kept, and
// the next round is read and parsed while fn runs.
func walkHistory(repo *store.Repo, rounds []store.Round, fn func(*historyStep) error) error {
	type loaded struct {
		side  *loadedSide
		cites []lineage.Citation
		err   error
	}
	ch := make(chan loaded, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(ch)
		prev := ""
		for i := range rounds {
			rd := &rounds[i]
			rev := store.Rev{Spec: rd.Tag, Round: rd, Commit: rd.Commit, Date: rd.Date}
			side, err := loadSideRev(repo, rev, &compareOptions{})
			var cites []lineage.Citation
			if err == nil {
				cites, err = roundCitations(repo, prev, rd)
			}
			select {
			case ch <- loaded{side, cites, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
			prev = rd.Commit
		}
	}()
	var prevDocs []*doc.Document
	var prevEP redline.Endpoint
	i := 0
	for ld := range ch {
		if ld.err != nil {
			return ld.err
		}
		rd := rounds[i]
		res := diff.Compare(prevDocs, ld.side.docs, diff.Options{})
		res.From, res.To = prevEP, ld.side.endpoint
		if i == 0 {
			res.From = redline.Endpoint{Rev: "empty", Label: "empty draft"}
		}
		st := &historyStep{
			Index: i, Round: rd, Result: res, Docs: ld.side.docs, Config: ld.side.cfg,
			Meta: lineage.Round{Number: rd.Number, Label: rd.Label, Date: rd.Date, Citations: ld.cites},
		}
		if err := fn(st); err != nil {
			return err
		}
		prevDocs, prevEP = ld.side.docs, ld.side.endpoint
		i++
	}
	return nil
}

// roundCitations are the working groups cited by the commits after the
// previous round's commit (the whole history before the first round), up
// to and including the round's own.
func roundCitations(repo *store.Repo, prevCommit string, rd *store.Round) ([]lineage.Citation, error) {
	commits, err := repo.CommitsBetween(prevCommit, rd.Commit)
	if err != nil {
		return nil, explain(err)
	}
	var out []lineage.Citation
	seen := map[string]bool{}
	add := func(v string) {
		c, err := trailers.ParseCitation(v)
		if err == nil && !seen[v] {
			seen[v] = true
			out = append(out, lineage.Citation{Group: c.Group, Sections: c.Sections})
		}
	}
	for _, c := range commits {
		for _, v := range trailers.Values(trailers.Parse(c.Message), trailers.WorkingGroupKey) {
			add(v)
		}
	}
	if len(commits) == 0 {
		for _, v := range rd.WorkingGroups {
			add(v)
		}
	}
	return out, nil
}
