package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/store"
)

type roundsOptions struct {
	Format string
}

// RoundsSchema is the schema name of "codraft rounds --format json".
const RoundsSchema = "codraft.rounds/v1"

// roundWords counts the words inserted and deleted from one round to the
// next; prev is nil for the first round, which is compared with an empty
// draft. It is the hook that wires "rounds" to the diff engine: while it is
// nil, "rounds" prints "words": null in JSON and "-" in the text table.
var roundWords func(repo *store.Repo, prev *store.Rev, cur store.Rev) (inserted, deleted int, err error)

func init() { register(newRoundsCmd) }

func newRoundsCmd(ios *IOStreams, g *globalOptions) *cobra.Command {
	o := &roundsOptions{}
	cmd := &cobra.Command{
		Use:   "rounds",
		Short: "List the recorded rounds",
		Long: `List the rounds (the round/N tags): number, tag, date, commit, the words
inserted and deleted since the previous round, the working groups cited, and
the label. --format json writes the codraft.rounds/v1 schema.`,
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error { return runRounds(ios, g, o) },
	}
	cmd.Flags().StringVar(&o.Format, "format", "text", "output `format`: text or json")
	return cmd
}

// roundsJSON is the codraft.rounds/v1 document (Decision 12).
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
}

type wordCounts struct {
	Inserted int `json:"inserted"`
	Deleted  int `json:"deleted"`
}

func runRounds(ios *IOStreams, g *globalOptions, o *roundsOptions) error {
	if o.Format != "text" && o.Format != "json" {
		return usagef("unknown format %q: use text or json", o.Format)
	}
	repo, err := openRepo(ios, g)
	if err != nil {
		return err
	}
	rounds, err := repo.Rounds()
	if err != nil {
		return explain(err)
	}
	out := roundsJSON{Schema: RoundsSchema, Rounds: []roundJSON{}}
	var prev *store.Rev
	for i := range rounds {
		rd := rounds[i]
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
		if roundWords != nil {
			ins, del, err := roundWords(repo, prev, cur)
			if err != nil {
				return explain(err)
			}
			rj.Words = &wordCounts{Inserted: ins, Deleted: del}
		}
		prev = &cur
		out.Rounds = append(out.Rounds, rj)
	}
	if o.Format == "json" {
		enc := json.NewEncoder(ios.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(rounds) == 0 {
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
		date := rj.Date
		if t, err := time.Parse(time.RFC3339, date); err == nil {
			date = t.Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", rj.Number, rj.Tag, date, shortHash(rj.Commit), words, wg, rj.Label)
	}
	return tw.Flush()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
