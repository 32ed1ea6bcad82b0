package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/store"
)

type showOptions struct {
	f      *Factory
	Rev    string
	File   string
	Format string // "" (the file as written) or docx
	Output string
}

func newShowCmd(f *Factory, runF func(*showOptions) error) *cobra.Command {
	o := &showOptions{f: f}
	cmd := &cobra.Command{
		Use:   "show REV [FILE]",
		Short: "Print a draft file as it was at a revision",
		Long: `Print a draft file as it was at REV: a round number, round/N, a round label or
any git revision. FILE is a path from the repository root; without it, the
revision must have exactly one draft file. REV:FILE works too.`,
		Example: `  codraft show 2
  codraft show "third draft" annex.md
  codraft show round/1:draft.md
  codraft show 3 -o round-3.docx          # a clean Word document`,
		Args: argsBetween(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Rev = args[0]
			if len(args) == 2 {
				o.File = args[1]
			}
			if runF != nil {
				return runF(o)
			}
			return runShow(o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "", "`markdown` (the file as written) or docx (a Word document, needs -o)")
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "write to `FILE` (atomically); .docx gives a Word document")
	return cmd
}

func runShow(o *showOptions) error {
	f, ios := o.f, o.f.IO
	if err := checkShowFormat(o); err != nil {
		return err
	}
	repo, err := f.openRepo()
	if err != nil {
		return err
	}
	rev, path, err := resolveFileSpec(repo, o.Rev)
	if err != nil {
		return err
	}
	if path != "" && o.File != "" {
		return usagef("name the file once: as REV:FILE or as REV FILE")
	}
	if path == "" {
		path = o.File
	}
	cfg, err := repo.ConfigAt(rev)
	if err != nil {
		return explain(err)
	}
	drafts, err := repo.DraftPaths(rev)
	if err != nil {
		return explain(err)
	}
	if path == "" {
		switch len(drafts) {
		case 1:
			path = drafts[0]
		case 0:
			return withHint(fmt.Errorf("%s has no draft files (documents in codraft.yaml: %s)", rev.Name(), strings.Join(cfg.Documents, ", ")),
				fmt.Sprintf("name a file: codraft show %s FILE", o.Rev))
		default:
			return withHint(fmt.Errorf("%s has %d draft files (%s): name one", rev.Name(), len(drafts), strings.Join(drafts, ", ")),
				fmt.Sprintf("run \"codraft show %s %s\"", o.Rev, drafts[0]))
		}
	}
	data, err := repo.FileAt(rev, path)
	if errors.Is(err, store.ErrFileNotFound) {
		hint := "the draft files there: " + strings.Join(drafts, ", ")
		if len(drafts) == 0 {
			hint = fmt.Sprintf("%s has no draft files", rev.Name())
		}
		return withHint(err, hint)
	}
	if err != nil {
		return explain(err)
	}
	name := path
	if !rev.Worktree {
		name = rev.Spec + ":" + path
		if strings.Contains(o.Rev, ":") {
			name = o.Rev
		}
	}
	if err := store.CheckText(name, data, cfg.Limits.MaxFileBytes); err != nil {
		return explain(err)
	}
	if o.Format != "" || o.Output != "" {
		return showTo(f, o, name, data, cfg)
	}
	_, err = ios.Out.Write(data)
	return err
}
