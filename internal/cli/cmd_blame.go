package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/blame"
	"github.com/codraft/codraft/internal/jsonout"
	"github.com/codraft/codraft/internal/site"
	"github.com/codraft/codraft/internal/store"
)

type blameOptions struct {
	f         *Factory
	Args      []string
	FormatSet bool
	Section   string
	Format    string
	Output    string
	NoPager   bool
}

func newBlameCmd(f *Factory, runF func(*blameOptions) error) *cobra.Command {
	o := &blameOptions{f: f}
	cmd := &cobra.Command{
		Use:   "blame [REV] [FILE]",
		Short: "Show which round wrote each block and run of words, and which working groups",
		Long: `For each block of a round (paragraph, list item, table row, ...) show the round
that last changed it and the working groups cited for that change, and for
each run of words in it the round that wrote them. Re-wrapping is no change,
and text is followed when it moves, within a section or to another.

REV is a round (the last round by default); FILE keeps the blocks of one draft
file; --section keeps a section (by id or number) and its subsections.
--format json writes the codraft.blame/v1 schema; html one self-contained page.`,
		Args: argsBetween(0, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args, o.FormatSet = args, cmd.Flags().Changed("format")
			if runF != nil {
				return runF(o)
			}
			return runBlame(o)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.Section, "section", "", "only the section with this `ID` or number, and its subsections")
	fs.StringVar(&o.Format, "format", "text", "output `format`: text, json or html")
	fs.StringVarP(&o.Output, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	fs.BoolVar(&o.NoPager, "no-pager", false, "do not page long output on a terminal")
	return cmd
}

// blameJSON is the codraft.blame/v1 document.
type blameJSON struct {
	Schema string          `json:"schema"`
	Rev    string          `json:"rev"`
	Files  []blameFileJSON `json:"files"`
}

type blameFileJSON struct {
	File   string           `json:"file"`
	Blocks []blameBlockJSON `json:"blocks"`
}

type blameBlockJSON struct {
	Kind          string         `json:"kind"`
	Line          int            `json:"line"`
	Section       string         `json:"section"`
	Introduced    int            `json:"introduced"`
	LastChanged   int            `json:"last_changed"`
	WorkingGroups []string       `json:"working_groups"`
	Runs          []blameRunJSON `json:"runs"`
}

type blameRunJSON struct {
	Text          string   `json:"text"`
	Introduced    int      `json:"introduced"`
	WorkingGroups []string `json:"working_groups"`
}

func runBlame(o *blameOptions) error {
	f, ios := o.f, o.f.IO
	format, err := chooseFormat("blame", o.Format, o.FormatSet, o.Output, "text", "json", "html")
	if err != nil {
		return err
	}
	repo, rounds, err := f.openRounds("nothing to blame")
	if err != nil {
		return err
	}
	upto, file, err := blameArgs(repo, rounds, o.Args)
	if err != nil {
		return err
	}
	tr := blame.NewTracker()
	var meta []site.RoundInfo
	err = walkHistory(repo, rounds[:upto+1], func(st *historyStep) error {
		meta = append(meta, site.RoundInfo{Number: st.Round.Number, Label: st.Round.Label, Date: st.Round.Date})
		return tr.Add(st.Meta, st.Result)
	})
	if err != nil {
		return err
	}
	blocks := tr.Blocks()
	if file != "" || o.Section != "" {
		var keep []*blame.Block
		found := false
		for _, b := range blocks {
			if file != "" && b.Section.File != file {
				continue
			}
			if o.Section != "" && !inSection(b, o.Section) {
				continue
			}
			found = true
			keep = append(keep, b)
		}
		if !found && o.Section != "" {
			return withHint(fmt.Errorf("no section %q with text in round %d", o.Section, rounds[upto].Number),
				fmt.Sprintf("run \"codraft log --section %s\" to see where it went", o.Section))
		}
		blocks = keep
	}
	out := blameDoc(rounds[upto], blocks)
	write := func(w io.Writer) error {
		switch format {
		case "json":
			return jsonout.Write(w, out)
		case "html":
			return site.WriteBlame(w, site.BlamePage{Title: blameTitle(repo, rounds[upto]), Rounds: meta, Round: rounds[upto].Number, Blocks: blocks, Generator: generator()})
		}
		return writeBlameText(w, out)
	}
	if o.Output != "" {
		return f.writeOutput(o.Output, write)
	}
	return withPager(ios, o.NoPager || format != "text", write)
}

func blameTitle(repo *store.Repo, rd store.Round) string {
	rev := store.Rev{Spec: rd.Tag, Round: &rd, Commit: rd.Commit, Date: rd.Date}
	if cfg, err := repo.ConfigAt(rev); err == nil && cfg.Title != "" {
		return cfg.Title
	}
	return "Draft"
}

// blameArgs reads [REV] [FILE]: the index of the round to blame (the last
// by default) and the file to keep ("" for all).
func blameArgs(repo *store.Repo, rounds []store.Round, args []string) (int, string, error) {
	upto := len(rounds) - 1
	file := ""
	if len(args) == 2 {
		file = args[1]
	}
	if len(args) >= 1 {
		rev, err := repo.Resolve(args[0])
		switch {
		case err != nil && len(args) == 1:
			// one argument that is no revision may name a file of the
			// last round
			file = args[0]
		case err != nil:
			return 0, "", withHint(err, "run \"codraft rounds\" to list the rounds")
		case rev.Round == nil:
			return 0, "", withHint(fmt.Errorf("%s is not a round: blame follows text from round to round", args[0]),
				"name a round (a number, round/N or a label); \"codraft rounds\" lists them")
		default:
			upto = roundIndex(rounds, rev.Round.Number)
		}
	}
	if file != "" {
		paths := rounds[upto].Files
		ok := false
		for _, p := range paths {
			if p == file {
				ok = true
			}
		}
		if !ok {
			return 0, "", withHint(fmt.Errorf("%q is neither a round nor a draft file of round %d", file, rounds[upto].Number),
				"draft files of round "+fmt.Sprint(rounds[upto].Number)+": "+strings.Join(paths, ", "))
		}
	}
	return upto, file, nil
}

// inSection reports whether the block's section, or one enclosing it, is
// named q (by id or number).
func inSection(b *blame.Block, q string) bool {
	for _, a := range b.Ancestry {
		if a == q || strings.HasSuffix(a, " "+q) {
			return true
		}
	}
	return false
}

func blameDoc(rd store.Round, blocks []*blame.Block) *blameJSON {
	out := &blameJSON{Schema: blame.Schema, Rev: rd.Tag, Files: []blameFileJSON{}}
	idx := map[string]int{}
	for _, b := range blocks {
		fi, ok := idx[b.Section.File]
		if !ok {
			fi = len(out.Files)
			idx[b.Section.File] = fi
			out.Files = append(out.Files, blameFileJSON{File: b.Section.File, Blocks: []blameBlockJSON{}})
		}
		bj := blameBlockJSON{Kind: b.Kind, Line: b.Line, Section: b.Section.ID, Introduced: b.Introduced(), LastChanged: b.LastChanged, WorkingGroups: nonNil(b.Groups), Runs: []blameRunJSON{}}
		for _, r := range b.Runs() {
			bj.Runs = append(bj.Runs, blameRunJSON{Text: r.Text, Introduced: r.Introduced, WorkingGroups: nonNil(r.Groups)})
		}
		out.Files[fi].Blocks = append(out.Files[fi].Blocks, bj)
	}
	return out
}

// writeBlameText writes one line per block: where it is, the round that
// last changed it and its groups, then its text with each run that a
// later round than the block's oldest words wrote marked [rN: ...].
func writeBlameText(w io.Writer, out *blameJSON) error {
	var b bytes.Buffer
	for _, f := range out.Files {
		for _, bl := range f.Blocks {
			wg := strings.Join(bl.WorkingGroups, ",")
			if wg == "" {
				wg = "-"
			}
			fmt.Fprintf(&b, "%s:%d\tr%d\tr%d %s\t", safeText(f.File), bl.Line, bl.Introduced, bl.LastChanged, safeText(wg))
			pending, started := false, false // white space owed before the next word
			for _, r := range bl.Runs {
				text := strings.Join(strings.Fields(r.Text), " ")
				if text == "" {
					continue
				}
				if started && (pending || strings.TrimLeftFunc(r.Text, isSpaceRune) != r.Text) {
					b.WriteString(" ")
				}
				started = true
				if r.Introduced == bl.Introduced {
					b.WriteString(safeText(text))
				} else {
					fmt.Fprintf(&b, "[r%d: %s]", r.Introduced, safeText(text))
				}
				pending = strings.TrimRightFunc(r.Text, isSpaceRune) != r.Text
			}
			b.WriteString("\n")
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }
