package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/textcheck"
	"github.com/codraft/codraft/internal/trailers"
)

// Test hooks, read from the environment:
//
//	CODRAFT_NOW           the clock ("2025-01-01" or RFC 3339) for rounds without --date
//	CODRAFT_AUTHOR        the author ("Name <email>") when --author is not given
//	CODRAFT_LOCK_TIMEOUT  how long a writer waits for another (a Go duration, "10s")
const (
	envNow         = "CODRAFT_NOW"
	envAuthor      = "CODRAFT_AUTHOR"
	envLockTimeout = "CODRAFT_LOCK_TIMEOUT"
)

// openRepo opens the draft repository at the working directory (or -C
// DIR) or above it: the one way every command opens it, with the hints of
// explain and the lock timeout of CODRAFT_LOCK_TIMEOUT.
func (f *Factory) openRepo() (*store.Repo, error) {
	timeout, err := lockTimeout(f.IO)
	if err != nil {
		return nil, err
	}
	repo, err := store.Open(f.workDir())
	if errors.Is(err, store.ErrNotRepository) {
		return nil, withHint(err, notRepoHint(f))
	}
	if err != nil {
		return nil, explain(err)
	}
	repo.LockTimeout = timeout
	return repo, nil
}

// notRepoHint is the next step where no draft repository was found: make
// one, or (when -C does not already name the directory) work in another.
func notRepoHint(f *Factory) string {
	if f.Dir != "" {
		return fmt.Sprintf("check the directory -C names, or run \"codraft init %s\" to make it a draft repository", f.Dir)
	}
	return `run "codraft init" to make a draft repository here, or use -C DIR`
}

// lockTimeout reads CODRAFT_LOCK_TIMEOUT: how long a writer waits for
// another, as a Go duration; 0 (or unset) means store's default.
func lockTimeout(ios *IOStreams) (time.Duration, error) {
	s := ios.Env(envLockTimeout)
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err == nil && d < 0 {
		err = errors.New("it is negative")
	}
	if err != nil {
		return 0, withHint(fmt.Errorf("%s=%q is not a time to wait: %v", envLockTimeout, s, err),
			fmt.Sprintf("set %s to a duration such as 10s or 2m, or unset it for the default of %s", envLockTimeout, store.DefaultLockTimeout))
	}
	return d, nil
}

// printWarnings writes what the store set aside while it worked (a round
// tag that is not a round) to stderr.
func printWarnings(ios *IOStreams, repo *store.Repo) {
	for _, w := range repo.Warnings() {
		fmt.Fprintf(ios.ErrOut, "codraft: warning: %s\n", w)
	}
}

// resolveFileSpec resolves a revision, or REV:PATH when spec as a whole is
// not a revision (store.ResolveFile), with the hints of explain.
func resolveFileSpec(repo *store.Repo, spec string) (store.Rev, string, error) {
	rev, path, err := repo.ResolveFile(spec)
	return rev, path, explain(err)
}

// parseDate reads --date: YYYY-MM-DD (00:00 UTC) or RFC 3339.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("date %q is neither YYYY-MM-DD nor RFC 3339 (2024-11-14T09:30:00+01:00)", s)
}

// roundDate is --date when given, else the test clock, else nil (now).
func roundDate(ios *IOStreams, flag string) (*time.Time, error) {
	if flag == "" {
		flag = ios.Env(envNow)
		if flag == "" {
			return nil, nil
		}
	}
	t, err := parseDate(flag)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return &t, nil
}

// roundAuthor is --author, then CODRAFT_AUTHOR, then git's user.name and
// user.email (the repository's configuration, then the global one).
func roundAuthor(ios *IOStreams, repo *store.Repo, flag string) (store.Signature, error) {
	if flag != "" {
		sig, err := store.ParseSignature(flag)
		if err != nil {
			return sig, usagef("--author: %v", err)
		}
		return sig, nil
	}
	if env := ios.Env(envAuthor); env != "" {
		sig, err := store.ParseSignature(env)
		if err != nil {
			return sig, fmt.Errorf("%s: %v", envAuthor, err)
		}
		return sig, nil
	}
	var sig store.Signature
	ok := false
	if repo != nil {
		sig, ok = repo.Identity()
	} else {
		sig, ok = store.GlobalIdentity()
	}
	if ok {
		return sig, nil
	}
	return sig, withHint(fmt.Errorf("%w: no --author, no %s, and git's user.name or user.email is not set", store.ErrNoAuthor, envAuthor),
		`pass --author "Name <email>", set CODRAFT_AUTHOR, or run: git config --global user.name "Your Name" && git config --global user.email you@example.org`)
}

// explain adds the next step to the errors that store returns.
func explain(err error) error {
	var ce *config.ConfigError
	var he *hintError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &he):
		return err
	case errors.Is(err, store.ErrNotRepository):
		return withHint(err, `run "codraft init" to make a draft repository here, or use -C DIR`)
	case errors.Is(err, store.ErrNotInitialised):
		return withHint(err, `run "codraft init" in that directory to add codraft.yaml`)
	case errors.Is(err, store.ErrAlreadyInitialised):
		return withHint(err, "edit codraft.yaml to change the configuration")
	case errors.Is(err, store.ErrUnknownRevision):
		return withHint(err, `run "codraft rounds" to list the rounds`)
	case errors.Is(err, store.ErrAmbiguous):
		return withHint(err, `run "codraft rounds" to list the rounds`)
	case errors.Is(err, store.ErrNothingChanged):
		return withHint(err, "edit the draft files first, or pass --allow-empty to record the round anyway")
	case errors.Is(err, store.ErrNoDraftFiles):
		return withHint(err, "add the draft (a file that documents in codraft.yaml matches), or pass --allow-empty to record the round with the previous round's draft files")
	case errors.Is(err, store.ErrBadBranch):
		return withHint(err, `codraft leaves it as it is: point it at the right commit with "git update-ref" ("git reflog" lists where it was), or restore it from a clone`)
	case errors.Is(err, store.ErrTagExists):
		return withHint(err, `if that tag marks no round, delete it ("git tag -d"); else record rounds on the branch whose history holds it`)
	case errors.Is(err, store.ErrOutsideWorktree):
		return withHint(err, "pass --as with a path in the repository that goes through no symbolic link")
	case errors.Is(err, store.ErrDetachedHead):
		return withHint(err, `switch to a branch first ("git switch main"), then record the round`)
	case errors.Is(err, store.ErrLocked):
		return withHint(err, "wait for it to finish, then run the command again")
	case errors.Is(err, trailers.ErrBadCitation):
		return withHint(err, `write --wg as "ID" or "ID (section, section)", for example --wg "WG1 (definitions, Measure 1.2)"`)
	case errors.Is(err, store.ErrBadWorkingGroup):
		return withHint(err, "add the working group to working_groups in codraft.yaml, or correct the id")
	case errors.Is(err, store.ErrPushed):
		return withHint(err, "record the change as a new round; rewriting a pushed round would change history others have")
	case errors.Is(err, store.ErrTooLarge):
		return withHint(err, "raise limits.max_file_bytes in codraft.yaml if the file is meant to be a draft")
	case errors.Is(err, store.ErrCorrupt):
		return withHint(err, `run "git fsck --full" to see what is damaged, then restore it from a clone or a backup (for example "git fetch" from a remote that has the rounds)`)
	case errors.Is(err, doc.ErrTooManySections):
		return withHint(err, "raise limits.max_sections in codraft.yaml if the file is meant to have that many headings")
	case errors.Is(err, doc.ErrTooManyBlocks):
		return withHint(err, "split the draft into several files (documents in codraft.yaml takes globs), or check that the file is the draft meant")
	case errors.Is(err, doc.ErrTooDeep):
		return withHint(err, "no draft nests lists or quotes so deep: check that the file is the draft meant")
	case errors.Is(err, textcheck.ErrNotText):
		return withHint(err, textcheck.Hint)
	case errors.As(err, &ce):
		return withHint(err, "fix codraft.yaml at that line; \"codraft init\" in an empty directory shows every key")
	}
	return err
}

// wgIDs lists the working group ids cited by Working-Group trailer values.
func wgIDs(specs []string) string {
	ids := make([]string, 0, len(specs))
	for _, s := range specs {
		c, _ := trailers.ParseCitation(s)
		ids = append(ids, c.Group)
	}
	return strings.Join(ids, ", ")
}

// openRounds opens the draft repository and lists its rounds, for the
// commands that read the whole history (log, blame, site); with no round
// yet, the error says why the command has nothing to show.
func (f *Factory) openRounds(why string) (*store.Repo, []store.Round, error) {
	repo, err := f.openRepo()
	if err != nil {
		return nil, nil, err
	}
	rounds, err := repo.Rounds()
	if err != nil {
		return nil, nil, explain(err)
	}
	if len(rounds) == 0 {
		return nil, nil, withHint(errors.New("no rounds recorded yet: "+why), "record one with \"codraft round LABEL\"")
	}
	return repo, rounds, nil
}
