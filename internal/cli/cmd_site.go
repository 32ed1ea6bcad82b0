package cli

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/blame"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/lineage"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/site"
	"github.com/codraft/codraft/internal/summary"
)

type siteOptions struct {
	f       *Factory
	Output  string
	BaseURL string
	Quiet   bool
}

func newSiteCmd(f *Factory, runF func(*siteOptions) error) *cobra.Command {
	o := &siteOptions{f: f}
	cmd := &cobra.Command{
		Use:   "site -o DIR",
		Short: "Write a static review site of every round, redline, section history and blame view",
		Long: `Write a static review site of the whole history to DIR:

  index.html        the rounds (label, date, words, working groups, sections
                    changed, notable changes), the convergence table and churn chart
  rounds/N.html     each round as a document
  redlines/A-B.html the redline of each consecutive pair, and of the first
                    round against the last
  sections/ID.html  each top-level section: its lineage, each version and the
                    redlines between them
  blame/N.html      which round wrote each run of words, round by round

Every page is self-contained, loads nothing from the network and links only
relatively, so DIR works from file:// and from any static host. The site is
deterministic and incremental: DIR/.codraft-site.json records what each page
was made from, and a later run renders only the pages that changed.
--base-url gives each page a canonical link under that address and changes
nothing else.`,
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runSite(o)
		},
	}
	fs := cmd.Flags()
	fs.StringVarP(&o.Output, "output", "o", "", "write the site to `DIR` (required)")
	fs.StringVar(&o.BaseURL, "base-url", "", "the `URL` the site is published at, for canonical links")
	fs.BoolVarP(&o.Quiet, "quiet", "q", false, "do not report what was written")
	return cmd
}

func runSite(o *siteOptions) error {
	f, ios := o.f, o.f.IO
	if o.Output == "" {
		return usagef("site writes a folder: name it with -o DIR")
	}
	if o.BaseURL != "" {
		u, err := url.Parse(o.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return withHint(usagef("--base-url %q is not an http or https address", o.BaseURL), "for example --base-url https://example.org/code-of-practice/")
		}
	}
	repo, rounds, err := f.openRounds("the site has nothing to show")
	if err != nil {
		return err
	}
	start := time.Now()
	dir := f.absPath(o.Output)
	var b *site.Builder
	lb := lineage.NewBuilder()
	tr := blame.NewTracker()
	var firstDocs []*doc.Document
	var firstEP redline.Endpoint
	var lastDocs []*doc.Document
	var lastStep *historyStep
	err = walkHistory(repo, rounds, func(st *historyStep) error {
		if b == nil {
			title := st.Config.Title
			if title == "" {
				title = documentTitle(st.Docs)
			}
			var err error
			if b, err = site.New(site.Options{Dir: dir, BaseURL: o.BaseURL, Title: title, Generator: generator()}); err != nil {
				return fmt.Errorf("%s: %w", o.Output, unwrapPathError(err))
			}
			firstDocs, firstEP = st.Docs, st.Result.To
		}
		if err := lb.Add(st.Meta, st.Result); err != nil {
			return err
		}
		if err := tr.Add(st.Meta, st.Result); err != nil {
			return err
		}
		s := summary.Compute(st.Result, summary.Options{Groups: summaryGroups(st.Config)})
		info := site.RoundInfo{
			Number: st.Round.Number, Label: st.Round.Label, Date: st.Round.Date, Commit: st.Round.Commit,
			Words: st.Result.Stats.Words.NewTotal, Inserted: st.Result.Stats.Words.Inserted, Deleted: st.Result.Stats.Words.Deleted,
			SectionsChanged: len(s.Sections), Notable: siteNotable(s),
		}
		for _, c := range st.Meta.Citations {
			info.Groups = appendNew(info.Groups, c.Group)
		}
		if st.Index == 0 {
			// against an empty draft, every section is new: not a change
			// to count in the index
			info.SectionsChanged, info.Notable = 0, nil
		}
		lastDocs, lastStep = st.Docs, st
		return b.Add(&site.Step{Round: info, Result: st.Result, Lineage: lb.Lineage(), Blame: tr.Blocks(), Inputs: siteInputs(st)})
	})
	if err != nil {
		if b != nil {
			b.Close()
		}
		return err
	}
	if b.NeedFirstLast() {
		res := diff.Compare(firstDocs, lastDocs, diff.Options{})
		res.From, res.To = firstEP, lastStep.Result.To
		s := summary.Compute(res, summary.Options{Groups: summaryGroups(lastStep.Config)})
		err = b.AddFirstLast(res, siteNotable(s))
	} else {
		err = b.AddFirstLast(nil, nil)
	}
	if err != nil {
		b.Close()
		return err
	}
	stats, err := b.Finish(lb.Lineage())
	if err != nil {
		return err
	}
	if !o.Quiet {
		fmt.Fprintf(ios.ErrOut, "codraft: wrote the site of %d rounds to %s: %d pages (%d written, %d unchanged, %d removed), %s, in %s\n",
			len(rounds), o.Output, stats.Pages, stats.Written, stats.Unchanged, stats.Removed, sizeText(stats.Bytes), durationText(ios, time.Since(start)))
	}
	return nil
}

// durationText is how long the build took, left out when the test clock is
// fixed so that the output stays the same.
func durationText(ios *IOStreams, d time.Duration) string {
	if ios.Env(envNow) != "" {
		return "(time not shown)"
	}
	return d.Round(10 * time.Millisecond).String()
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// siteInputs identifies a round's own inputs to its pages: its commit, its
// label and date, and the working groups it cites.
func siteInputs(st *historyStep) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%d\n%s\n%s\n", st.Round.Commit, st.Round.Number, st.Round.Label, st.Round.Date.UTC().Format(time.RFC3339))
	for _, c := range st.Meta.Citations {
		fmt.Fprintf(&b, "%s %s\n", c.Group, strings.Join(c.Sections, ","))
	}
	return b.String()
}

func siteNotable(s *summary.Summary) []site.Notable {
	var out []site.Notable
	for i := range s.Notable {
		n := &s.Notable[i]
		out = append(out, site.Notable{Section: n.Section, Label: n.Label, What: n.What, Before: n.Before, After: n.After, Line: n.Line()})
	}
	return out
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
