package diff

import "github.com/codraft/codraft/internal/redline"

// run is a stretch of equal, deleted or inserted items.
type run struct {
	op redline.OpKind
	n  int
}
