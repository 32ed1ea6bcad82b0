// Package store records drafting rounds as git commits and tags, and reads
// draft files at any revision. It is the only importer of go-git, and it never
// parses Markdown.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/atomicfile"
	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/store/gitfs"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage"
)

// Errors a caller may test with errors.Is. Each is wrapped with the details
// (the directory, revision or file) that the message needs.
var (
	ErrNotRepository      = errors.New("not a git repository")
	ErrNotInitialised     = errors.New("not a codraft draft repository")
	ErrAlreadyInitialised = errors.New("already a codraft draft repository")
	ErrUnknownRevision    = errors.New("unknown revision")
	ErrAmbiguous          = errors.New("ambiguous revision")
	ErrFileNotFound       = errors.New("file not found")
	ErrNothingChanged     = errors.New("nothing changed")
	ErrLocked             = gitfs.ErrLocked
	ErrDetachedHead       = errors.New("HEAD is detached")
	ErrNoAuthor           = errors.New("no author")
	ErrPushed             = errors.New("round already pushed")
	ErrRefMoved           = errors.New("branch moved")
	ErrBadWorkingGroup    = errors.New("unknown working group")
	ErrTooLarge           = errors.New("file too large")
	ErrTagExists          = errors.New("the tag of the next round exists already")
	ErrBadBranch          = errors.New("the branch ref is damaged")
	ErrNoDraftFiles       = errors.New("no draft files")
	ErrOutsideWorktree    = errors.New("not a writable path in the work tree")
	// ErrCorrupt is wrapped by the error for an object of the repository
	// that cannot be read: its file is damaged, or missing though something
	// refers to it.
	ErrCorrupt = gitfs.ErrCorrupt
)

// DefaultLockTimeout is how long a writing command waits for another one to
// finish before it gives up.
const DefaultLockTimeout = 10 * time.Second

// Repo is a draft repository: a git repository whose worktree root holds
// codraft.yaml.
type Repo struct {
	root      string         // worktree root
	gitDir    string         // where HEAD and the index live
	commonDir string         // where refs and objects live (differs in a linked worktree)
	st        storage.Storer // plumb.Storer
	plumb     *gitfs.Repo

	// the first-parent history of HEAD, for the commit chainHead
	chain         map[plumbing.Hash]bool
	chainHead     plumbing.Hash
	chainComplete bool
	warnings      []string

	// LockTimeout is how long RecordRound waits for another writer;
	// DefaultLockTimeout when zero.
	LockTimeout time.Duration
}

// Open opens the draft repository at dir or the nearest directory above it
// that holds a .git, as git does. It fails with ErrNotRepository when there
// is none and with ErrNotInitialised when its root has no codraft.yaml.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotRepository, dir, errors.Unwrap(err))
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%w: %s is not a directory", ErrNotRepository, dir)
	}
	root := abs
	for {
		if _, err := os.Lstat(filepath.Join(root, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			return nil, fmt.Errorf("%w (or any of the parent directories): %s", ErrNotRepository, abs)
		}
		root = parent
	}
	r, err := openAt(root)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(root, config.FileName)); err != nil {
		return nil, fmt.Errorf("%w: %s has no %s", ErrNotInitialised, root, config.FileName)
	}
	return r, nil
}

// openAt opens the git repository whose worktree root is root.
func openAt(root string) (*Repo, error) {
	gitDir, commonDir, err := gitDirs(root)
	if err != nil {
		return nil, err
	}
	p, err := gitfs.Open(gitDir, commonDir)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotRepository, root, err)
	}
	return &Repo{root: root, gitDir: gitDir, commonDir: commonDir, st: p.Storer, plumb: p}, nil
}

// gitDirs finds the git directory of the worktree at root, following a
// ".git" file ("gitdir: ...") and a "commondir" file as git does.
func gitDirs(root string) (gitDir, commonDir string, err error) {
	dotgit := filepath.Join(root, ".git")
	fi, err := os.Stat(dotgit)
	if err != nil {
		return "", "", fmt.Errorf("%w: %s: %v", ErrNotRepository, root, err)
	}
	gitDir = dotgit
	if !fi.IsDir() {
		data, err := os.ReadFile(dotgit)
		if err != nil {
			return "", "", fmt.Errorf("%w: %v", ErrNotRepository, err)
		}
		line := strings.TrimSpace(string(data))
		if !strings.HasPrefix(line, "gitdir: ") {
			return "", "", fmt.Errorf("%w: %s is not a gitdir file", ErrNotRepository, dotgit)
		}
		gitDir = strings.TrimPrefix(line, "gitdir: ")
		if !filepath.IsAbs(gitDir) {
			gitDir = filepath.Join(root, gitDir)
		}
	}
	commonDir = gitDir
	if data, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		commonDir = strings.TrimSpace(string(data))
		if !filepath.IsAbs(commonDir) {
			commonDir = filepath.Join(gitDir, commonDir)
		}
	}
	return filepath.Clean(gitDir), filepath.Clean(commonDir), nil
}

// Init makes dir a draft repository: it runs the equivalent of "git init"
// unless dir is already the root of a git repository, then writes cfg as
// codraft.yaml. It makes no commit. When dir already holds codraft.yaml it
// fails with ErrAlreadyInitialised and changes nothing.
func Init(dir string, cfg *config.Config) (*Repo, error) {
	return InitWithFile(dir, cfg.Marshal())
}

// InitWithFile is Init with the content of codraft.yaml as given (which must
// parse), so that a configuration copied from elsewhere keeps its comments.
func InitWithFile(dir string, configFile []byte) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfgPath := filepath.Join(abs, config.FileName)
	if _, err := os.Lstat(cfgPath); err == nil {
		return nil, fmt.Errorf("%w: %s already exists", ErrAlreadyInitialised, cfgPath)
	}
	if _, err := config.Parse(configFile); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	if err := os.MkdirAll(abs, 0o777); err != nil {
		return nil, err
	}
	if fi, err := os.Lstat(filepath.Join(abs, ".git")); err != nil || (fi.IsDir() && !exists(filepath.Join(abs, ".git", "HEAD"))) {
		// no repository yet, or one whose making was cut short (a killed
		// init leaves .git without HEAD): made, as git init would
		branch := "main"
		if gc, err := gitconfig.LoadConfig(gitconfig.GlobalScope); err == nil && gc.Init.DefaultBranch != "" {
			branch = gc.Init.DefaultBranch
		}
		if err := gitfs.Init(abs, branch); err != nil {
			return nil, fmt.Errorf("git init %s: %w", abs, err)
		}
	}
	r, err := openAt(abs)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(cfgPath, cfgPath, configFile); err != nil {
		return nil, err
	}
	return r, nil
}

// Root returns the worktree root, the directory that holds codraft.yaml.
func (r *Repo) Root() string { return r.root }

// Config reads codraft.yaml from the worktree.
func (r *Repo) Config() (*config.Config, error) {
	data, err := config.ReadFile(filepath.Join(r.root, config.FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %v", ErrNotInitialised, err)
	}
	if err != nil {
		return nil, err
	}
	return config.Parse(data)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
