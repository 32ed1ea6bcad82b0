package cli

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/store"
)

type hooksOptions struct {
	f     *Factory
	Force bool
}

func newHooksCmd(f *Factory, runF func(*hooksOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hooks",
		Short: "Manage the git hooks of the draft repository",
		Args:  argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return usagef("name a hooks command: codraft hooks install")
		},
	}
	o := &hooksOptions{f: f}
	install := &cobra.Command{
		Use:   "install",
		Short: "Install a commit-msg hook that runs \"codraft check --message\"",
		Long: `Install a commit-msg hook in the repository (in core.hooksPath when git is
configured with one, else in .git/hooks) that runs "codraft check --message"
on every commit, so that a commit whose message does not cite a working group
for each changed section is refused before it is made. "git commit
--no-verify" skips the hook once.

An existing commit-msg hook that codraft did not write is left alone unless
--force is given; then it is kept as commit-msg.before-codraft.`,
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runHooksInstall(o)
		},
	}
	install.Flags().BoolVar(&o.Force, "force", false, "replace a commit-msg hook that codraft did not write")
	cmd.AddCommand(install)
	return cmd
}

// hookMarker is the line that identifies a hook written by codraft.
const hookMarker = "# codraft commit-msg hook"

// commitMsgHook is the script of the commit-msg hook. git runs it in the
// worktree's root with the message file as its argument.
const commitMsgHook = `#!/bin/sh
` + hookMarker + `, written by "codraft hooks install".
# It refuses a commit whose message does not cite a working group for every
# changed section of the draft. "git commit --no-verify" skips it once.
if ! command -v codraft >/dev/null 2>&1; then
	echo 'codraft commit-msg hook: codraft is not on PATH; install it with "go install github.com/codraft/codraft/cmd/codraft@latest", or commit with --no-verify' >&2
	exit 1
fi
exec codraft check --message "$1"
`

func runHooksInstall(o *hooksOptions) error {
	f, ios := o.f, o.f.IO
	repo, err := f.openRepo()
	if err != nil {
		return err
	}
	ours := func(b []byte) bool { return bytes.Contains(b, []byte(hookMarker)) }
	res, err := repo.InstallHook("commit-msg", []byte(commitMsgHook), ours, o.Force)
	if errors.Is(err, store.ErrForeignHook) {
		return withHint(err, "merge it into that hook by hand (add: codraft check --message \"$1\"), or run \"codraft hooks install --force\" to replace it (it is kept as commit-msg.before-codraft)")
	}
	if err != nil {
		return explain(err)
	}
	path := res.Path
	if rel, err := filepath.Rel(repo.Root(), path); err == nil {
		path = filepath.ToSlash(rel)
	}
	switch {
	case res.Unchanged:
		fmt.Fprintf(ios.Out, "the commit-msg hook in %s is installed already\n", path)
	case res.Replaced:
		fmt.Fprintf(ios.Out, "updated the commit-msg hook in %s\n", path)
	default:
		fmt.Fprintf(ios.Out, "installed the commit-msg hook in %s\n", path)
	}
	if res.Saved != "" {
		saved := res.Saved
		if rel, err := filepath.Rel(repo.Root(), saved); err == nil {
			saved = filepath.ToSlash(rel)
		}
		fmt.Fprintf(ios.Out, "the hook that was there is kept as %s\n", saved)
	}
	fmt.Fprintln(ios.Out, `each commit now runs "codraft check --message"; "git commit --no-verify" skips it once`)
	return nil
}
