package summary

import (
	"time"

	"github.com/codraft/codraft/internal/redline"
)

// HistorySchema is the JSON schema name of `summary --all`.
const HistorySchema = "codraft.summary-history/v1"

// History is one row per consecutive pair of rounds: how the drafting
// converged.
type History struct {
	Schema string `json:"schema"`
	Pairs  []Pair `json:"pairs"`
}

// Pair is one row of History: the change from one round to the next.
type Pair struct {
	From redline.Endpoint `json:"from"`
	To   redline.Endpoint `json:"to"`
	// Label and Date are those of the newer round.
	Label string     `json:"label"`
	Date  *time.Time `json:"date"`
	// SectionsChanged counts the sections that changed in any way.
	SectionsChanged int               `json:"sections_changed"`
	Words           redline.WordStats `json:"words"`
	Notable         int               `json:"notable"`
	// NotableLeftOut counts the findings left out of the notable list.
	NotableLeftOut int `json:"notable_left_out"`
}

// ComputeHistory summarises each result, one per consecutive pair of rounds,
// oldest first.
func ComputeHistory(results []*redline.Result, opts Options) *History {
	h := &History{Schema: HistorySchema, Pairs: []Pair{}}
	for _, res := range results {
		s := Compute(res, opts)
		h.Pairs = append(h.Pairs, Pair{
			From:            res.From,
			To:              res.To,
			Label:           res.To.Label,
			Date:            res.To.Date,
			SectionsChanged: len(s.Sections),
			Words:           res.Stats.Words,
			Notable:         len(s.Notable),
			NotableLeftOut:  leftOutCount(s.NotableLeftOut),
		})
	}
	return h
}

func leftOutCount(left []LeftOut) int {
	n := 0
	for _, l := range left {
		n += l.Count
	}
	return n
}
