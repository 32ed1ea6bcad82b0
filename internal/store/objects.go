package store

import (
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// commitObject reads commit h.
func (r *Repo) commitObject(h plumbing.Hash) (*object.Commit, error) {
	return object.GetCommit(r.st, h)
}

// blobObject reads blob h.
func (r *Repo) blobObject(h plumbing.Hash) (*object.Blob, error) { return object.GetBlob(r.st, h) }

// tagObject reads annotated tag h.
func (r *Repo) tagObject(h plumbing.Hash) (*object.Tag, error) { return object.GetTag(r.st, h) }

// head reads HEAD, following it to the ref it names.
func (r *Repo) head() (*plumbing.Reference, error) {
	return storer.ResolveReference(r.st, plumbing.HEAD)
}

// gitConfig reads the repository's git configuration with user.name and
// user.email each from the repository's when set there, else the global
// one's (~/.gitconfig). An unreadable global configuration is an error.
// HooksDir reads core.hooksPath through every scope itself.
func (r *Repo) gitConfig() (*gitconfig.Config, error) {
	global, err := gitconfig.LoadConfig(gitconfig.GlobalScope)
	if err != nil {
		return nil, err
	}
	local, err := r.st.Config()
	if err != nil {
		return nil, err
	}
	if local.User.Name == "" {
		local.User.Name = global.User.Name
	}
	if local.User.Email == "" {
		local.User.Email = global.User.Email
	}
	return local, nil
}
