package cli

import (
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/summary"
)

type summaryOptions struct {
	f         *Factory
	Args      []string
	FormatSet bool
	compare   compareOptions
	Format    string
	Output    string
	All       bool
	NoPager   bool
}

func newSummaryCmd(f *Factory, runF func(*summaryOptions) error) *cobra.Command {
	o := &summaryOptions{f: f}
	cmd := &cobra.Command{
		Use:   "summary [A [B]]",
		Short: "Summarise what changed between two rounds: notable changes first",
		Long: `Summarise the changes between two rounds, or two files: totals, the notable
changes found by fixed rules (obligation strength, changed numbers, dates and
deadlines, deleted commitments and measures, changed definitions), one line per
changed section, what each working group's sections went through, and the
old → new numbering table. A and B are read as by "codraft diff".

With --all, one row per consecutive pair of rounds instead.`,
		Args: argsBetween(0, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args, o.FormatSet = args, cmd.Flags().Changed("format")
			if runF != nil {
				return runF(o)
			}
			return runSummary(o)
		},
	}
	fs := cmd.Flags()
	o.compare.addFlags(fs, "summary OLD.md NEW.md")
	fs.StringVar(&o.Format, "format", "text", "output `format`: text, markdown or json")
	fs.StringVarP(&o.Output, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	fs.BoolVar(&o.All, "all", false, "one row per consecutive pair of rounds")
	fs.BoolVar(&o.NoPager, "no-pager", false, "do not page long output on a terminal")
	return cmd
}

func runSummary(o *summaryOptions) error {
	f, ios := o.f, o.f.IO
	format, err := chooseFormat("summary", o.Format, o.FormatSet, o.Output, "text", "markdown", "json")
	if err != nil {
		return err
	}
	var write func(io.Writer) error
	if o.All {
		if len(o.Args) > 0 {
			return usagef("summary --all takes no revisions: it covers every consecutive pair of rounds")
		}
		h, err := summaryHistory(f, &o.compare)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error {
			switch format {
			case "json":
				return summary.WriteHistoryJSON(w, h)
			case "markdown":
				return summary.WriteHistoryMarkdown(w, h)
			}
			return summary.WriteHistoryText(w, h)
		}
	} else {
		c, err := loadComparison(f, o.Args, &o.compare)
		if err != nil {
			return err
		}
		s := summary.Compute(c.Result, summary.Options{Groups: summaryGroups(c.Config)})
		write = func(w io.Writer) error {
			switch format {
			case "json":
				return summary.WriteJSON(w, s)
			case "markdown":
				return summary.WriteMarkdown(w, s)
			}
			return summary.WriteText(w, s)
		}
	}
	if o.Output != "" {
		return f.writeOutput(o.Output, write)
	}
	return withPager(ios, o.NoPager || format != "text", write)
}

// summaryHistory summarises every consecutive pair of rounds, with the
// working groups of the newest round.
func summaryHistory(f *Factory, o *compareOptions) (*summary.History, error) {
	results, cfg, err := roundPairResults(f, o)
	if err != nil {
		return nil, err
	}
	if len(results) == 0 {
		return nil, withHint(errors.New("summary --all needs at least two rounds"),
			"record rounds with \"codraft round LABEL\" or \"codraft import FILE...\"")
	}
	return summary.ComputeHistory(results, summary.Options{Groups: summaryGroups(cfg)}), nil
}

// roundPairResults compares every consecutive pair of rounds, oldest first,
// and returns the redlines (none when there are fewer than two rounds) and
// the configuration of the newest round. Each round is read and parsed once
// and compared with its neighbours: a middle round serves two pairs.
func roundPairResults(f *Factory, o *compareOptions) ([]*redline.Result, *config.Config, error) {
	repo, err := f.openRepo()
	if err != nil {
		return nil, nil, err
	}
	rounds, err := repo.Rounds()
	if err != nil {
		return nil, nil, err
	}
	if len(rounds) < 2 {
		return nil, nil, nil
	}
	var results []*redline.Result
	prev, err := loadSide(repo, rounds[0].Tag, o)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rounds[1:] {
		side, err := loadSide(repo, r.Tag, o)
		if err != nil {
			return nil, nil, err
		}
		c := &comparison{Result: diff.Compare(prev.docs, side.docs, engineOptions(o)), Config: side.cfg, Old: prev.docs, New: side.docs, Repo: repo}
		c.Result.From, c.Result.To = prev.endpoint, side.endpoint
		if err := applyFilters(c, o); err != nil {
			return nil, nil, err
		}
		results = append(results, c.Result)
		prev = side
	}
	return results, prev.cfg, nil
}

// summaryGroups are the working groups of cfg as the summary reads them
// (none in file mode).
func summaryGroups(cfg *config.Config) []summary.Group {
	if cfg == nil {
		return nil
	}
	var gs []summary.Group
	for _, wg := range cfg.WorkingGroups {
		gs = append(gs, summary.Group{ID: wg.ID, Name: wg.Name, Owns: wg.Owns})
	}
	return gs
}
