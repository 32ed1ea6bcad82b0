package gitfs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// Errors of Open and Init, worded as go-git words them.
var (
	errNoRepository   = errors.New("repository does not exist")
	errIncomplete     = errors.New("repository's commondir path does not exist")
	errAlreadyExists  = errors.New("repository already exists")
	errFormatVersion  = errors.New("core.repositoryformatversion not supported")
	errExtensionForV0 = errors.New("core.repositoryformatversion does not support extension")
	errUnknownExt     = errors.New("unknown extension")
)

// Open opens the git repository whose git directory is gitDir and whose
// refs and objects are in commonDir (gitDir itself, but for a linked
// worktree). It reads the repository through go-git's filesystem storage
// alone, so that a program using it does not link go-git's network
// transports. A git directory without HEAD is no repository; one that
// needs a format or extension go-git does not know is refused.
func Open(gitDir, commonDir string) (*Repo, error) {
	dot := osfs.New(gitDir)
	if _, err := dot.Stat(""); err != nil {
		if os.IsNotExist(err) {
			return nil, errNoRepository
		}
		return nil, err
	}
	var common billy.Filesystem
	if commonDir != gitDir {
		common = osfs.New(commonDir)
		if _, err := common.Stat(""); err != nil {
			if os.IsNotExist(err) {
				return nil, errIncomplete
			}
			return nil, err
		}
	}
	// objects/info/alternates names other object directories by absolute
	// path (git clone --shared, --reference): they are looked up from the
	// file system's root
	s := filesystem.NewStorageWithOptions(dotgit.NewRepositoryFilesystem(dot, common), cache.NewObjectLRUDefault(),
		filesystem.Options{AlternatesFS: osfs.New(string(filepath.Separator))})
	if _, err := s.Reference(plumbing.HEAD); err == plumbing.ErrReferenceNotFound {
		return nil, errNoRepository
	}
	cfg, err := s.Config()
	if err != nil {
		return nil, err
	}
	if err := verifyExtensions(cfg); err != nil {
		return nil, err
	}
	return newRepo(s, gitDir, commonDir), nil
}

// Init makes the git directory ".git" in the worktree root, as "git init"
// does, with HEAD on the branch named (a short name: "main"). A git
// directory that has a HEAD already is an error.
func Init(root, branch string) error {
	dot, err := osfs.New(root).Chroot(".git")
	if err != nil {
		return err
	}
	s := filesystem.NewStorage(dot, cache.NewObjectLRUDefault())
	if err := s.Init(); err != nil {
		return err
	}
	head := plumbing.NewBranchReferenceName(branch)
	if err := head.Validate(); err != nil {
		return err
	}
	switch _, err := s.Reference(plumbing.HEAD); err {
	case plumbing.ErrReferenceNotFound:
	case nil:
		return errAlreadyExists
	default:
		return err
	}
	if err := s.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, head)); err != nil {
		return err
	}
	// the configuration is written out, its defaults included, as git
	// init writes it
	cfg, err := s.Config()
	if err != nil {
		return err
	}
	return s.SetConfig(cfg)
}

// extensionsForV0 are the extensions that may be set while
// core.repositoryformatversion is unset or 0 (they predate it), and
// knownExtensions those the storage honours.
var (
	extensionsForV0 = []string{"noop", "partialclone", "preciousobjects", "worktreeconfig"}
	knownExtensions = []string{"noop", "noop-v1"}
)

// verifyExtensions refuses a repository whose format version or extensions
// the storage does not know, as go-git does when it opens one.
func verifyExtensions(cfg *gitconfig.Config) error {
	switch v := cfg.Core.RepositoryFormatVersion; v {
	case "", "0", "1":
	default:
		return fmt.Errorf("%w: %q", errFormatVersion, v)
	}
	if cfg.Raw == nil || !cfg.Raw.HasSection("extensions") {
		return nil
	}
	var needed []string
	for _, opt := range cfg.Raw.Section("extensions").Options {
		needed = append(needed, strings.ToLower(opt.Key))
	}
	if len(needed) == 0 {
		return nil
	}
	if v := cfg.Core.RepositoryFormatVersion; v == "" || v == "0" {
		if unsupported := notIn(needed, extensionsForV0); len(unsupported) > 0 {
			return fmt.Errorf("%w: %s", errExtensionForV0, strings.Join(unsupported, ", "))
		}
	}
	if missing := notIn(needed, knownExtensions); len(missing) > 0 {
		return fmt.Errorf("%w: %s", errUnknownExt, strings.Join(missing, ", "))
	}
	return nil
}

// notIn lists the names of needed that allowed lacks (both lower case).
func notIn(needed, allowed []string) []string {
	var out []string
	for _, ext := range needed {
		if !slices.Contains(allowed, ext) {
			out = append(out, ext)
		}
	}
	return out
}

// newRepo wraps the filesystem storage, checking its objects.
func newRepo(s *filesystem.Storage, gitDir, commonDir string) *Repo {
	return &Repo{
		Storer:    &checkedStorage{Storage: s, objects: filepath.Join(commonDir, "objects")},
		GitDir:    gitDir,
		CommonDir: commonDir,
	}
}
