package cli

import (
	"sync"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/store"
)

// The words column of "rounds" comes from the same engine as the redline:
// the first round counts every word as inserted. "rounds" asks for each
// consecutive pair in order, so the side read last is kept and serves as
// the next pair's old side: each round is read and parsed once.
func init() {
	// the cache is keyed by commit id, which names the content, so a
	// stale entry can never be wrong; the lock keeps concurrent callers
	// (tests run commands side by side) apart
	var mu sync.Mutex
	var lastCommit string
	var lastDocs []*doc.Document
	load := func(repo *store.Repo, rev store.Rev) ([]*doc.Document, error) {
		mu.Lock()
		defer mu.Unlock()
		if rev.Commit != "" && rev.Commit == lastCommit {
			return lastDocs, nil
		}
		if rev.Round != nil && len(rev.Round.Files) == 0 {
			return nil, nil // a round without draft files: an empty draft
		}
		side, err := loadSideRev(repo, rev, &compareOptions{})
		if err != nil {
			return nil, err
		}
		lastCommit, lastDocs = rev.Commit, side.docs
		return side.docs, nil
	}
	roundWords = func(repo *store.Repo, prev *store.Rev, cur store.Rev) (int, int, error) {
		var oldDocs []*doc.Document
		if prev != nil {
			d, err := load(repo, *prev)
			if err != nil {
				return 0, 0, err
			}
			oldDocs = d
		}
		newDocs, err := load(repo, cur)
		if err != nil {
			return 0, 0, err
		}
		res := diff.Compare(oldDocs, newDocs, diff.Options{})
		return res.Stats.Words.Inserted, res.Stats.Words.Deleted, nil
	}
}
