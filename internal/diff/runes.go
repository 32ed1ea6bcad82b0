package diff

import (
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// run is a stretch of equal, deleted or inserted items.
type run struct {
	op redline.OpKind
	n  int
}

// diffRunes diffs two rune sequences that stand for items, with no time
// limit, so that results never depend on the machine's load.
func diffRunes(a, b []rune) []run {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	var out []run
	for _, d := range dmp.DiffMainRunes(a, b, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			out = append(out, run{redline.Equal, n})
		case diffmatchpatch.DiffDelete:
			out = append(out, run{redline.Delete, n})
		case diffmatchpatch.DiffInsert:
			out = append(out, run{redline.Insert, n})
		}
	}
	return out
}
