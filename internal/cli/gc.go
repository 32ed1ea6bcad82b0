package cli

import (
	"os"
	"runtime/debug"
)

// The garbage collector's targets when GOGC is not set in the environment.
// Commands that hold one or two large drafts at once let the heap grow by
// half its live size between collections, not by all of it: on the
// de-kwg-large pair this lowers the peak resident size by about a tenth at
// no measurable CPU cost. check parses many small blobs and keeps little
// alive, so it keeps Go's default, which costs it about a sixth less CPU over
// a 100-commit history (README, performance notes).
const (
	gcPercentDrafts = 50
	gcPercentCheck  = 100
)

// gcTuned is whether Main chose the collector's target (GOGC was not set),
// so that a command may choose another.
var gcTuned bool

// tuneGC sets the collector's target for the whole process when GOGC is not
// set. Only Main calls it: tests that run commands in-process keep theirs.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	gcTuned = true
	debug.SetGCPercent(gcPercentDrafts)
}

// gcForManySmallParses gives a command that reads many small blobs Go's
// default target, unless GOGC was set.
func gcForManySmallParses() {
	if gcTuned {
		debug.SetGCPercent(gcPercentCheck)
	}
}
