package cli

import (
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/store"
)

// The words column of "rounds" comes from the same engine as the redline:
// the first round counts every word as inserted.
func init() {
	roundWords = func(repo *store.Repo, prev *store.Rev, cur store.Rev) (int, int, error) {
		var oldDocs []*doc.Document
		if prev != nil {
			side, err := loadSideRev(repo, *prev, &compareOptions{})
			if err != nil {
				return 0, 0, err
			}
			oldDocs = side.docs
		}
		side, err := loadSideRev(repo, cur, &compareOptions{})
		if err != nil {
			return 0, 0, err
		}
		res := diff.Compare(oldDocs, side.docs, diff.Options{})
		return res.Stats.Words.Inserted, res.Stats.Words.Deleted, nil
	}
}
