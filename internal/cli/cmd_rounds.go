package cli

import (
	"cmp"
	"errors"
	"fmt"
	"github.com/codraft/codraft/internal/redline"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/jsonout"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/termtext"
)

type roundsOptions struct {
	f      *Factory
	Format string
}

// RoundsSchema is the schema name of "codraft rounds --format json".
const RoundsSchema = "codraft.rounds/v1"

func newRoundsCmd(f *Factory, runF func(*roundsOptions) error) *cobra.Command {
	o := &roundsOptions{f: f}
	cmd := &cobra.Command{
		Use:   "rounds",
		Short: "List the recorded rounds",
		Long: `List the rounds (the round/N tags): number, tag, date, commit, the words
inserted and deleted since the previous round, the working groups cited, and
the label. --format json writes the codraft.rounds/v1 schema.`,
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runRounds(o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "text", "output `format`: text or json")
	return cmd
}

// roundsJSON is the codraft.rounds/v1 document (docs/json.md).
type roundsJSON struct {
	Schema string      `json:"schema"`
	Rounds []roundJSON `json:"rounds"`
}

type roundJSON struct {
	Number        int         `json:"number"`
	Label         string      `json:"label"`
	Date          string      `json:"date"`
	Commit        string      `json:"commit"`
	Tag           string      `json:"tag"`
	WorkingGroups []string    `json:"working_groups"`
	Files         []string    `json:"files"`
	Words         *wordCounts `json:"words"`
	// Damaged says why the round cannot be read, when it cannot.
	Damaged string `json:"damaged,omitempty"`
}

type wordCounts struct {
	Inserted int `json:"inserted"`
	Deleted  int `json:"deleted"`
}

func runRounds(o *roundsOptions) error {
	f, ios := o.f, o.f.IO
	if o.Format != "text" && o.Format != "json" {
		return usagef("unknown format %q: use text or json", o.Format)
	}
	repo, err := f.openRepo()
	if err != nil {
		return err
	}
	// a damaged round is listed as damaged; the others stay readable, and
	// the damage is reported after the listing
	rounds, damage := repo.Rounds()
	if damage != nil && !errors.Is(damage, store.ErrCorrupt) {
		return explain(damage)
	}
	out := roundsJSON{Schema: RoundsSchema, Rounds: []roundJSON{}}
	words := &roundWordCounter{repo: repo}
	var prev *store.Rev
	prevDamaged := false // the words since a damaged round are not known
	for i := range rounds {
		rd := rounds[i]
		if rd.Damaged != nil {
			out.Rounds = append(out.Rounds, roundJSON{Number: rd.Number, Tag: rd.Tag, WorkingGroups: []string{}, Files: []string{}, Damaged: rd.Damaged.Error()})
			prev, prevDamaged = nil, true
			continue
		}
		rj := roundJSON{
			Number:        rd.Number,
			Label:         rd.Label,
			Date:          rd.Date.Format(time.RFC3339),
			Commit:        rd.Commit,
			Tag:           rd.Tag,
			WorkingGroups: nonNil(rd.WorkingGroups),
			Files:         nonNil(rd.Files),
		}
		cur := store.Rev{Spec: rd.Tag, Round: &rounds[i], Commit: rd.Commit, Date: rd.Date}
		if !prevDamaged {
			ins, del, err := words.count(prev, cur)
			switch {
			case errors.Is(err, store.ErrCorrupt):
				rj.Damaged = err.Error()
				damage = cmp.Or(damage, err)
			case err != nil:
				return explain(err)
			default:
				rj.Words = &wordCounts{Inserted: ins, Deleted: del}
			}
		}
		prev, prevDamaged = &cur, rj.Damaged != ""
		out.Rounds = append(out.Rounds, rj)
	}
	if err := writeRounds(ios, o, out); err != nil {
		return err
	}
	printWarnings(ios, repo)
	return explain(damage)
}

// writeRounds writes the listing as text or JSON.
func writeRounds(ios *IOStreams, o *roundsOptions, out roundsJSON) error {
	if o.Format == "json" {
		return jsonout.Write(ios.Out, out)
	}
	if len(out.Rounds) == 0 {
		fmt.Fprintln(ios.ErrOut, `codraft: no rounds recorded yet; record one with "codraft round LABEL"`)
		return nil
	}
	tw := tabwriter.NewWriter(ios.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ROUND\tTAG\tDATE\tCOMMIT\tWORDS\tWORKING GROUPS\tLABEL")
	for _, rj := range out.Rounds {
		words := "-"
		if rj.Words != nil {
			words = fmt.Sprintf("+%d -%d", rj.Words.Inserted, rj.Words.Deleted)
		}
		wg := wgIDs(rj.WorkingGroups)
		if wg == "" {
			wg = "-"
		}
		date, commit, label := rj.Date, redline.ShortCommit(rj.Commit), rj.Label
		if t, err := time.Parse(time.RFC3339, date); err == nil {
			date = t.Format("2006-01-02")
		}
		if rj.Damaged != "" {
			label = "(damaged)"
			if rj.Commit == "" {
				date, commit = "-", "-"
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", rj.Number, termtext.Line(rj.Tag), date, commit, words, termtext.Line(wg), termtext.Line(label))
	}
	return tw.Flush()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
