package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/store"
)

type initOptions struct {
	f             *Factory
	Dir           string
	Title         string
	WorkingGroups []string // ID=NAME
}

func newInitCmd(f *Factory, runF func(*initOptions) error) *cobra.Command {
	o := &initOptions{f: f}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Make a directory a draft repository: a git repository with codraft.yaml",
		Long: `Make DIR (default: the current directory, or -C DIR) a draft repository. It runs
the equivalent of "git init" unless DIR is already the root of a git repository,
then writes codraft.yaml with every setting spelled out. It makes no commit:
"codraft round" records the first round. A directory that has codraft.yaml
already is left as it is.`,
		Example: `  codraft init --title "Code of Practice" --wg WG1="Transparency" --wg WG2="Risk assessment"`,
		Args:    argsBetween(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Dir = args[0]
			}
			if runF != nil {
				return runF(o)
			}
			return runInit(o)
		},
	}
	cmd.Flags().StringVar(&o.Title, "title", "", "the document's `TITLE`")
	cmd.Flags().StringArrayVar(&o.WorkingGroups, "wg", nil, "a working group as `ID=NAME` (repeatable)")
	return cmd
}

// defaultConfig is the configuration init writes: every default, the
// Markdown parser's included.
func defaultConfig() *config.Config {
	cfg := config.Default()
	cfg.FillParserDefaults(doc.DefaultNumberWords, doc.DefaultMaxSections)
	return cfg
}

func runInit(o *initOptions) error {
	f, ios := o.f, o.f.IO
	cfg := defaultConfig()
	cfg.Title = o.Title
	for _, spec := range o.WorkingGroups {
		id, name, ok := strings.Cut(spec, "=")
		id, name = strings.TrimSpace(id), strings.TrimSpace(name)
		if !ok || id == "" {
			return usagef("--wg %q: write ID=NAME, for example --wg WG1=Transparency", spec)
		}
		cfg.WorkingGroups = append(cfg.WorkingGroups, config.WorkingGroup{ID: id, Name: name})
	}
	// What init writes must read back: this checks the ids.
	if _, err := config.Parse(cfg.Marshal()); err != nil {
		var ce *config.ConfigError
		if errors.As(err, &ce) {
			return usagef("--wg: %s", ce.Msg)
		}
		return err
	}
	dir := f.workDir()
	shown := "."
	if o.Dir != "" {
		dir, shown = f.absPath(o.Dir), o.Dir
	}
	if _, err := store.Init(dir, cfg); err != nil {
		return explain(err)
	}
	fmt.Fprintf(ios.Out, "initialised draft repository in %s\n", filepath.ToSlash(shown))
	fmt.Fprintf(ios.Out, "next: add the draft as a Markdown file, then run \"codraft round LABEL\"\n")
	return nil
}
