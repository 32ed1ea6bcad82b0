// Package cli holds codraft's cobra commands, the IO streams they use, and the
// one place that maps errors to exit codes.
package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Main runs codraft with the process's own streams and arguments and returns
// the exit code.
func Main() int {
	ownsProcess = true
	tuneGC()
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
	return run(ios, args, commandOf(args))
}

// run is Run with the root command built with the commands only names
// (see newRoot).
func run(ios *IOStreams, args []string, only string) int {
	defer startProfile(ios)()
	out := &checkedWriter{w: ios.Out}
	streams := *ios
	streams.Out = out
	root := newRoot(&Factory{IO: &streams}, only)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err != nil && strings.HasPrefix(err.Error(), "unknown command ") {
		err = unknownCommand(root, args)
	}
	if out.err != nil && (err == nil || errors.Is(err, errFindings)) {
		err = fmt.Errorf("cannot write to standard output: %w", unwrapPathError(out.err))
	}
	return report(ios.ErrOut, err, cmd)
}

// Factory carries what every command needs: the IO streams, and the global
// options that the root command's flags set before a command runs. Each
// command's constructor takes it.
type Factory struct {
	IO *IOStreams
	// Dir is -C DIR as given: the directory to work in, relative to IO.Dir.
	Dir string
}

// workDir is the directory commands work in: -C DIR, relative to the
// streams' directory.
func (f *Factory) workDir() string {
	if f.Dir == "" {
		return f.IO.Dir
	}
	if filepath.IsAbs(f.Dir) {
		return f.Dir
	}
	return filepath.Join(f.IO.Dir, f.Dir)
}

// absPath is p made absolute against the working directory.
func (f *Factory) absPath(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.workDir(), p)
}

// NewRootCmd builds the command tree: every command, listed here.
func NewRootCmd(f *Factory) *cobra.Command { return newRoot(f, allCommands) }

// commands are codraft's commands, by name, in the order help lists them.
var commands = []struct {
	name string
	make func(*Factory) *cobra.Command
}{
	{"init", func(f *Factory) *cobra.Command { return newInitCmd(f, nil) }},
	{"round", func(f *Factory) *cobra.Command { return newRoundCmd(f, nil) }},
	{"import", func(f *Factory) *cobra.Command { return newImportCmd(f, nil) }},
	{"rounds", func(f *Factory) *cobra.Command { return newRoundsCmd(f, nil) }},
	{"show", func(f *Factory) *cobra.Command { return newShowCmd(f, nil) }},
	{"diff", func(f *Factory) *cobra.Command { return newDiffCmd(f, nil) }},
	{"export", func(f *Factory) *cobra.Command { return newExportCmd(f, nil) }},
	{"summary", func(f *Factory) *cobra.Command { return newSummaryCmd(f, nil) }},
	{"check", func(f *Factory) *cobra.Command { return newCheckCmd(f, nil) }},
	{"hooks", func(f *Factory) *cobra.Command { return newHooksCmd(f, nil) }},
	{"log", func(f *Factory) *cobra.Command { return newLogCmd(f, nil) }},
	{"blame", func(f *Factory) *cobra.Command { return newBlameCmd(f, nil) }},
	{"site", func(f *Factory) *cobra.Command { return newSiteCmd(f, nil) }},
}

// allCommands and noCommand are the values of newRoot's only that are no
// command's name.
const (
	allCommands = "*"
	noCommand   = ""
)

// newRoot builds the root command with the command named only, with none
// (noCommand), or with all of them (allCommands). Building every command
// and its flags is most of what a command does before it runs, so Run
// builds only the one its arguments name (commandOf).
func newRoot(f *Factory, only string) *cobra.Command {
	root := &cobra.Command{
		Use:           "codraft",
		Short:         "Record drafting rounds and redline them section by section",
		Long:          "codraft records each drafting round of a long document as a git commit and\nproduces section-aware redlines, change summaries and citation checks between rounds.",
		Version:       Version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetVersionTemplate("codraft {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVarP(&f.Dir, "chdir", "C", "", "run as if codraft was started in `DIR`")
	for _, c := range commands {
		if only == allCommands || only == c.name {
			root.AddCommand(c.make(f))
		}
	}
	return root
}

// commandOf says which commands the root needs for args: the one named
// when args are [-C DIR] NAME ..., none for "--version" alone, and all of
// them otherwise (help, a name that is no command, flags before the name),
// so that cobra behaves as with the whole tree.
func commandOf(args []string) string {
	if len(args) == 1 && args[0] == "--version" {
		return noCommand
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-C" || a == "--chdir":
			i++ // its value
		case strings.HasPrefix(a, "--chdir="), strings.HasPrefix(a, "-C") && a != "-C":
		case strings.HasPrefix(a, "-"):
			return allCommands
		default:
			for _, c := range commands {
				if c.name == a {
					return a
				}
			}
			return allCommands
		}
	}
	return allCommands
}

// version is the commit a build from a clone was made from, set by the
// Makefile through -ldflags "-X ...cli.version=...", so that a build whose
// GOFLAGS turn VCS stamping off still says which commit it is.
var version string

// Version reports what codraft was built from: for a build by the Makefile,
// "(devel) COMMIT" with the commit it passed; else the module version Go
// stamped (the release "go install ...@version" fetched, or a pseudo-version
// naming the commit of a clone); else "(devel)" with the commit Go stamped,
// if any.
func Version() string {
	if version != "" {
		return "(devel) " + version
	}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "(devel) " + s.Value[:12]
			}
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

// unknownCommand is the error for a first argument that names no command,
// with the commands it is close to.
func unknownCommand(root *cobra.Command, args []string) error {
	name := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			name = a
			break
		}
	}
	err := usagef("unknown command %q", name)
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	if near := nearest(name, names, 3); len(near) > 0 && name != "" {
		return withHint(err, fmt.Sprintf("did you mean %s? (\"codraft --help\" lists the commands)", quoteList("codraft ", near)))
	}
	return withHint(err, "run \"codraft --help\" to list the commands")
}

// quoteList writes items as "prefix a", "prefix b" or "prefix c".
func quoteList(prefix string, items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", prefix+s)
	}
	return orList(q)
}

// orList joins items as "a", "a or b", "a, b or c".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
