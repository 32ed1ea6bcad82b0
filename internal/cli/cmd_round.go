package cli

import (
	"fmt"
	"github.com/codraft/codraft/internal/redline"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/wording"
)

type roundOptions struct {
	f             *Factory
	Label         string
	Messages      []string
	Date          string
	WorkingGroups []string
	Author        string
	AllowEmpty    bool
	Amend         bool
}

func newRoundCmd(f *Factory, runF func(*roundOptions) error) *cobra.Command {
	o := &roundOptions{f: f}
	cmd := &cobra.Command{
		Use:   "round [LABEL]",
		Short: "Record the current draft files as the next round",
		Long: `Record the draft files (those that documents in codraft.yaml matches) and
codraft.yaml as round N+1: one commit on the current branch, with subject
"Round N: LABEL", the -m text as body and the trailers "Codraft-Round: N" and
one "Working-Group: SPEC" per --wg, then the annotated tag round/N. Additions,
edits and deletions of draft files are recorded; other files are left alone.

The author is --author, else $CODRAFT_AUTHOR, else git's user.name and
user.email. --date takes YYYY-MM-DD (00:00 UTC) or RFC 3339 and sets the
author and commit date, to record history after the fact.`,
		Example: `  codraft round "second draft" --date 2024-12-19 --wg WG1 --wg "WG2 (5.2, risk-tiers-and-thresholds)"
  codraft round --amend -m "Fixes a typo in Measure 2.1"`,
		Args: argsBetween(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Label = args[0]
			}
			if runF != nil {
				return runF(o)
			}
			return runRound(o)
		},
	}
	fs := cmd.Flags()
	fs.StringArrayVarP(&o.Messages, "message", "m", nil, "the commit message body (repeat for more paragraphs)")
	fs.StringVar(&o.Date, "date", "", "the round's `DATE`: YYYY-MM-DD or RFC 3339")
	fs.StringArrayVar(&o.WorkingGroups, "wg", nil, "cite a working group: `ID` or \"ID (section, ...)\" (repeatable)")
	fs.StringVar(&o.Author, "author", "", "the author, as \"`Name <email>`\"")
	fs.BoolVar(&o.AllowEmpty, "allow-empty", false, "record the round even if nothing changed since the last one")
	fs.BoolVar(&o.Amend, "amend", false, "replace the last round (only while it is not pushed)")
	return cmd
}

func runRound(o *roundOptions) error {
	f, ios := o.f, o.f.IO
	if strings.ContainsAny(o.Label, "\r\n") {
		return usagef("the label must be one line")
	}
	date, err := roundDate(ios, o.Date)
	if err != nil {
		return err
	}
	if o.Amend && o.Date == "" {
		date = nil // the amended round keeps its date
	}
	repo, err := f.openRepo()
	if err != nil {
		return err
	}
	author, err := roundAuthor(ios, repo, o.Author)
	if err != nil {
		return err
	}
	if err := checkRoundCitations(repo, o.WorkingGroups); err != nil {
		return err
	}
	rd, err := recordWithWordDrafts(ios, repo, store.RoundOptions{
		Label:         o.Label,
		Message:       strings.Join(o.Messages, "\n\n"),
		Date:          date,
		Author:        author,
		WorkingGroups: o.WorkingGroups,
		AllowEmpty:    o.AllowEmpty,
		Amend:         o.Amend,
	})
	printWarnings(ios, repo)
	if err != nil {
		return explain(err)
	}
	verb := "recorded"
	if o.Amend {
		verb = "amended"
	}
	printRound(ios.Out, verb, rd)
	return nil
}

// checkRoundCitations checks that the sections the --wg citations list are
// sections of the draft files about to be recorded. A draft that cannot be
// read is left for the recording to report.
func checkRoundCitations(repo *store.Repo, specs []string) error {
	lists := false
	for _, spec := range specs {
		lists = lists || strings.Contains(spec, "(")
	}
	if !lists {
		return nil
	}
	side, err := loadSide(repo, "", &compareOptions{})
	if err != nil {
		return nil
	}
	return checkCitedSections(specs, side.docs, "the draft ("+strings.Join(side.endpoint.Files, ", ")+")")
}

// printRound reports a recorded round on one line.
func printRound(w io.Writer, verb string, rd store.Round) {
	label := ""
	if rd.Label != "" {
		label = ": " + rd.Label
	}
	wg := ""
	if len(rd.WorkingGroups) > 0 {
		wg = ", citing " + wgIDs(rd.WorkingGroups)
	}
	fmt.Fprintf(w, "%s round %d%s (%s, commit %s, %s%s)\n", verb, rd.Number, label, rd.Tag, redline.ShortCommit(rd.Commit), wording.Count(len(rd.Files), "draft file"), wg)
}
