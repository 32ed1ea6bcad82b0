package cli

import (
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/html"
	"github.com/codraft/codraft/internal/render/markdown"
	"github.com/codraft/codraft/internal/render/source"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/summary"
)

type exportOptions struct {
	f           *Factory
	Args        []string
	compare     compareOptions
	Output      string
	Format      string
	Layout      string
	ChangedOnly bool
	View        string
}

func newExportCmd(f *Factory, runF func(*exportOptions) error) *cobra.Command {
	o := &exportOptions{f: f}
	cmd := &cobra.Command{
		Use:   "export A B -o FILE",
		Short: "Write a redline for reviewers: HTML, Markdown with CriticMarkup, or JSON",
		Long: `Write the redline between A and B to FILE for reviewers. A and B are read as by
"codraft diff": revisions of the draft repository, or two files.

The format comes from FILE's extension (.html, .md, .json, .docx) unless
--format names it. The Word document's changes are tracked revisions. The HTML page is one self-contained file that runs no script from
the drafts and loads nothing from the network; Markdown marks changes with
CriticMarkup. FILE is written atomically: a failed export leaves no
half-written file.`,
		Args: argsBetween(2, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			if runF != nil {
				return runF(o)
			}
			return runExport(o)
		},
	}
	fs := cmd.Flags()
	o.compare.addFlags(fs, "export OLD.md NEW.md -o PAGE.html")
	fs.StringVarP(&o.Output, "output", "o", "", "write the redline to `FILE` (required)")
	fs.StringVar(&o.Format, "format", "", "output `format`: html, markdown, json or docx (default: from FILE's extension)")
	fs.StringVar(&o.Layout, "layout", "inline", "html `layout`: inline or side-by-side")
	fs.BoolVar(&o.ChangedOnly, "changed-only", false, "write only the changed sections, with a little context")
	fs.StringVar(&o.View, "view", "rendered", "html `view`: rendered (as the document reads) or source (the Markdown as written)")
	return cmd
}

func runExport(o *exportOptions) error {
	f := o.f
	if o.Output == "" {
		return usagef("export writes a file: name it with -o FILE (.html, .md, .json or .docx)")
	}
	format := o.Format
	if format == "" {
		f, err := formatFromPath("export", o.Output, "html", "markdown", "json", "docx")
		if err != nil {
			return err
		}
		format = f
	}
	switch format {
	case "html", "markdown", "json", "docx":
	case "text":
		return withHint(usagef("export writes html, markdown, json or docx, not text"), "run \"codraft diff\" for a text redline")
	default:
		return usagef("unknown format %q for export: use html, markdown, json or docx", format)
	}
	if _, err := html.ParseLayout(o.Layout); err != nil {
		return usagef("--layout: %v", err)
	}
	if o.Layout != "inline" && format != "html" {
		return usagef("--layout applies to html only, not %s", format)
	}
	if _, err := html.ParseView(o.View); err != nil {
		return usagef("--view: %v", err)
	}
	if o.ChangedOnly && (format == "json" || format == "docx") {
		return usagef("--changed-only applies to html and markdown, not %s", format)
	}
	c, err := loadComparison(f, o.Args, &o.compare)
	if err != nil {
		return err
	}
	ro := &redlineOptions{Layout: o.Layout, ChangedOnly: o.ChangedOnly, Context: -1, View: o.View}
	return f.writeOutput(o.Output, func(w io.Writer) error {
		return writeRedline(w, format, c, ro)
	})
}

// endpointSide is round r as the comparison already parsed it, when one of
// its sides is the whole draft of r read as the chart reads a round (no
// Unicode folding): the chart then parses no round twice. It is nil
// otherwise.
func endpointSide(c *comparison, r store.Round) *loadedSide {
	if c.opts.NormalizeUnicode {
		return nil
	}
	for _, s := range []struct {
		ep   redline.Endpoint
		docs []*doc.Document
	}{{c.Result.From, c.Old}, {c.Result.To, c.New}} {
		if s.ep.Commit == nil || *s.ep.Commit != r.Commit || !slices.Equal(s.ep.Files, r.Files) || len(s.docs) != len(r.Files) {
			continue
		}
		ep := s.ep
		ep.Rev = r.Tag
		return &loadedSide{docs: s.docs, endpoint: ep}
	}
	return nil
}

// generator names this program in the files it writes.
func generator() string { return "codraft " + Version() }

// writeHTML writes the HTML redline, with the notable changes and, between
// rounds more than one apart, the per-round chart.
func writeHTML(w io.Writer, c *comparison, ro *redlineOptions) error {
	layout, err := html.ParseLayout(ro.Layout)
	if err != nil {
		return usagef("--layout: %v", err)
	}
	view, err := html.ParseView(ro.View)
	if err != nil {
		return usagef("--view: %v", err)
	}
	src := sources(c)
	return html.Render(w, c.Result, html.Options{
		Title:       c.Title,
		Layout:      layout,
		View:        view,
		Sources:     src,
		FrontMatter: frontMatter(c),
		ChangedOnly: ro.ChangedOnly,
		Generator:   generator(),
		Summary:     htmlSummary(c),
	})
}

// sources gives the renderers the drafts' text on both sides.
func sources(c *comparison) *source.Sides {
	s := &source.Sides{Old: source.Files{}, New: source.Files{}}
	for _, d := range c.Old {
		s.Old[d.File] = d.Source
	}
	for _, d := range c.New {
		s.New[d.File] = d.Source
	}
	return s
}

// frontMatter lists the front-matter fields that changed between the first
// draft files of each side.
func frontMatter(c *comparison) []source.Field {
	var old, new []byte
	if len(c.Old) > 0 {
		old = c.Old[0].Source[:c.Old[0].FrontMatterEnd]
	}
	if len(c.New) > 0 {
		new = c.New[0].Source[:c.New[0].FrontMatterEnd]
	}
	return source.FrontMatter(old, new)
}

func writeMarkdown(w io.Writer, c *comparison, ro *redlineOptions) error {
	return markdown.Render(w, c.Result, markdown.Options{
		Sources:     sources(c),
		FrontMatter: frontMatter(c),
		Title:       c.Title,
		ChangedOnly: ro.ChangedOnly,
		Generator:   generator(),
	})
}

// htmlSummary turns the summary package's findings into the page's.
func htmlSummary(c *comparison) *html.Summary {
	s := summary.Compute(c.Result, summary.Options{Groups: summaryGroups(c.Config)})
	hs := &html.Summary{Chart: roundChart(c)}
	for _, n := range s.Notable {
		hs.Notable = append(hs.Notable, html.Notable{Section: n.Section, Label: n.Label, What: n.What, Before: n.Before, After: n.After, Severity: string(n.Severity)})
	}
	for _, l := range s.NotableLeftOut {
		hs.LeftOut = append(hs.LeftOut, html.LeftOut{Rule: l.Rule, Count: l.Count})
	}
	if len(hs.Notable) == 0 && hs.Chart == nil {
		return nil
	}
	return hs
}

// roundChart charts the words changed in each top-level section from round
// to round, when the comparison spans rounds more than one apart: it
// compares each consecutive pair in between. It is a picture beside the
// redline, so it is left out, not reported, when a round cannot be read.
func roundChart(c *comparison) *html.Chart {
	from, to := c.Result.From.Round, c.Result.To.Round
	if c.Repo == nil || from == nil || to == nil || *to-*from < 2 {
		return nil
	}
	rounds, err := c.Repo.Rounds()
	if err != nil {
		return nil
	}
	var results []*redline.Result
	var prev *loadedSide
	for _, r := range rounds {
		if r.Number < *from || r.Number > *to {
			continue
		}
		side := endpointSide(c, r)
		if side == nil {
			var err error
			if side, err = loadSide(c.Repo, r.Tag, &compareOptions{}); err != nil {
				return nil
			}
		}
		if prev != nil {
			res := diff.Compare(prev.docs, side.docs, diff.Options{})
			res.From, res.To = prev.endpoint, side.endpoint
			results = append(results, res)
		}
		prev = side
	}
	ch := summary.ComputeChart(results)
	if len(ch.Series) == 0 {
		return nil
	}
	out := &html.Chart{
		Title:  fmt.Sprintf("Words inserted and deleted in each part, round by round (rounds %d to %d)", *from, *to),
		Rounds: ch.Pairs,
	}
	for _, s := range ch.Series {
		out.Series = append(out.Series, html.ChartSeries{Section: s.Section, Values: s.Values, Removed: s.Removed})
	}
	return out
}
