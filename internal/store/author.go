package store

import (
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
)

// CommitAuthor returns the author name of a commit (full hex id), as a
// Word redline names who made a revision.
func (r *Repo) CommitAuthor(commit string) (string, error) {
	c, err := r.commitObject(plumbing.NewHash(commit))
	if err != nil {
		return "", fmt.Errorf("reading commit %s: %w", commit, err)
	}
	return c.Author.Name, nil
}
