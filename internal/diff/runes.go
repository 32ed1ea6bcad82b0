package diff

import "github.com/codraft/codraft/internal/redline"

// run is a stretch of equal, deleted or inserted items.
type run struct {
	op redline.OpKind
	n  int
}

// diffRunes diffs two rune sequences that stand for items, with no time
// limit, so that results never depend on the machine's load.
func diffRunes(a, b []rune) []run { return diffIDs(a, b) }
