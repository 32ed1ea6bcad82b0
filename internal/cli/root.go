// Package cli holds codraft's cobra commands, the IO streams they use, and the
// one place that maps errors to exit codes.
package cli

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Main runs codraft with the process's own streams and arguments and returns
// the exit code.
func Main() int {
	return Run(System(), osArgs())
}

// Run executes codraft with the given streams and arguments (without the
// program name) and returns the exit code.
//
// A write to standard output that fails (a full disk, a closed pipe that
// is not a terminal's) fails the command with exit status 2, whichever
// command wrote: every write goes through a writer that keeps the first
// error, checked once the command has run.
func Run(ios *IOStreams, args []string) int {
	defer startProfile(ios)()
	out := &checkedWriter{w: ios.Out}
	streams := *ios
	streams.Out = out
	root := NewRootCmd(&streams)
	root.SetArgs(args)
	err := root.Execute()
	if out.err != nil && (err == nil || errors.Is(err, errFindings)) {
		err = fmt.Errorf("cannot write to standard output: %w", unwrapPathError(out.err))
	}
	return report(ios.ErrOut, err)
}

// globalOptions are the flags every command shares.
type globalOptions struct {
	Dir string // -C DIR
}

// NewRootCmd builds the command tree.
func NewRootCmd(ios *IOStreams) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:           "codraft",
		Short:         "Record drafting rounds and redline them section by section",
		Long:          "codraft records each drafting round of a long document as a git commit and\nproduces section-aware redlines, change summaries and citation checks between rounds.",
		Version:       Version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetVersionTemplate("codraft {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usagef("%s", err) })
	root.PersistentFlags().StringVarP(&g.Dir, "chdir", "C", "", "run as if codraft was started in `DIR`")
	for _, add := range commands {
		root.AddCommand(add(ios, g))
	}
	return root
}

// commands lists the constructors of the subcommands; each cmd_*.go file
// registers its own in an init function.
var commands []func(*IOStreams, *globalOptions) *cobra.Command

func register(f func(*IOStreams, *globalOptions) *cobra.Command) { commands = append(commands, f) }

// Version reports the module version codraft was built from: the release
// that "go install ...@version" fetched, or for a build from a clone the
// version Go stamped from its commit, else "(devel)" with the commit.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "(devel) " + s.Value[:12]
		}
	}
	return "(devel)"
}

// argsBetween accepts min to max positional arguments (max < 0: no upper
// bound), and gives a usage error otherwise.
func argsBetween(min, max int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || (max >= 0 && len(args) > max) {
			switch {
			case max == min:
				return usagef("%s takes %d argument(s), got %d", cmd.CommandPath(), min, len(args))
			case max < 0:
				return usagef("%s takes at least %d argument(s), got %d", cmd.CommandPath(), min, len(args))
			default:
				return usagef("%s takes %d to %d arguments, got %d", cmd.CommandPath(), min, max, len(args))
			}
		}
		return nil
	}
}
