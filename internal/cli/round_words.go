package cli

import (
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/store"
)

// roundWordCounter gives the words column of "rounds" from the same engine
// as the redline: the first round counts every word as inserted. "rounds"
// asks for each consecutive pair in order, so the side read last is kept
// and serves as the next pair's old side: each round is read and parsed
// once.
type roundWordCounter struct {
	repo *store.Repo
	// the last side read, keyed by commit id, which names the content
	lastCommit string
	lastDocs   []*doc.Document
}

func (wc *roundWordCounter) load(rev store.Rev) ([]*doc.Document, error) {
	if rev.Commit != "" && rev.Commit == wc.lastCommit {
		return wc.lastDocs, nil
	}
	if rev.Round != nil && len(rev.Round.Files) == 0 {
		return nil, nil // a round without draft files: an empty draft
	}
	side, err := loadSideRev(wc.repo, rev, &compareOptions{})
	if err != nil {
		return nil, err
	}
	wc.lastCommit, wc.lastDocs = rev.Commit, side.docs
	return side.docs, nil
}

// count counts the words inserted and deleted from one round to the next;
// prev is nil for the first round, which is compared with an empty draft.
func (wc *roundWordCounter) count(prev *store.Rev, cur store.Rev) (inserted, deleted int, err error) {
	var oldDocs []*doc.Document
	if prev != nil {
		if oldDocs, err = wc.load(*prev); err != nil {
			return 0, 0, err
		}
	}
	newDocs, err := wc.load(cur)
	if err != nil {
		return 0, 0, err
	}
	res := diff.Compare(oldDocs, newDocs, diff.Options{})
	return res.Stats.Words.Inserted, res.Stats.Words.Deleted, nil
}
