package cli

import (
	"bufio"
	"io"

	"github.com/spf13/cobra"
)

type diffOptions struct {
	f           *Factory
	Args        []string
	FormatSet   bool
	compare     compareOptions
	Format      string
	Output      string
	ExitCode    bool
	Color       string
	AllSections bool
	Context     int
	NoPager     bool
	View        string
}

func newDiffCmd(f *Factory, runF func(*diffOptions) error) *cobra.Command {
	o := &diffOptions{f: f}
	cmd := &cobra.Command{
		Use:   "diff [A [B]]",
		Short: "Show a section-aware redline between two rounds, or two files",
		Long: `Show a section-aware redline. A and B are revisions (a round number, round/N,
a round label or any git revision) or two files; as with git diff --no-index,
a file and a directory compare the file with the directory's file of the same
name, /dev/null is an empty side and /dev/stdin a draft piped in. With no B, A
is compared with the working tree; with neither, the last round is.`,
		Args: argsBetween(0, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args, o.FormatSet = args, cmd.Flags().Changed("format")
			if runF != nil {
				return runF(o)
			}
			return runDiff(o)
		},
	}
	fs := cmd.Flags()
	o.compare.addFlags(fs, "diff OLD.md NEW.md")
	fs.StringVar(&o.Format, "format", "text", "output `format`: text, json, markdown or html")
	fs.StringVarP(&o.Output, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	fs.BoolVar(&o.ExitCode, "exit-code", false, "exit 1 when there are changes")
	fs.StringVar(&o.Color, "color", "auto", "colour the text format: auto, always or never")
	fs.BoolVar(&o.AllSections, "all", false, "show unchanged sections and blocks too")
	fs.IntVar(&o.Context, "context", 12, "words of context around a change (-1 for whole blocks)")
	fs.BoolVar(&o.NoPager, "no-pager", false, "do not page long output on a terminal")
	fs.StringVar(&o.View, "view", "rendered", "html `view`: rendered or source")
	return cmd
}

func runDiff(o *diffOptions) error {
	f, ios := o.f, o.f.IO
	format, err := chooseFormat("diff", o.Format, o.FormatSet, o.Output, "text", "json", "markdown", "html")
	if err != nil {
		return err
	}
	color, err := wantColor(ios, o.Color, o.Output)
	if err != nil {
		return err
	}
	c, err := loadComparison(f, o.Args, &o.compare)
	if err != nil {
		return err
	}
	ro := &redlineOptions{Color: color && format == "text", AllSections: o.AllSections, Context: o.Context, View: o.View}
	if o.AllSections {
		ro.Context = -1
	}
	if o.Output != "" {
		err = f.writeOutput(o.Output, func(w io.Writer) error { return writeRedline(w, format, c, ro) })
	} else {
		err = withPager(ios, o.NoPager || format != "text", func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 1<<16)
			if err := writeRedline(bw, format, c, ro); err != nil {
				return err
			}
			return bw.Flush()
		})
	}
	if err != nil {
		return err
	}
	if o.ExitCode && changed(c) {
		return errFindings
	}
	return nil
}

func changed(c *comparison) bool {
	for i := range c.Result.Sections {
		if c.Result.Sections[i].Changed() {
			return true
		}
	}
	return false
}

// wantColor decides whether to colour terminal output (--color, NO_COLOR).
func wantColor(ios *IOStreams, mode, output string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return output == "" && ios.IsTTY && ios.Env("NO_COLOR") == "" && ios.Env("TERM") != "dumb", nil
	}
	return false, usagef("--color takes auto, always or never, not %q", mode)
}
