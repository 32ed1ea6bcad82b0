package cli

import (
	"os"
	"runtime/debug"
	"sync/atomic"

	"github.com/codraft/codraft/internal/hugepages"
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

// ownsProcess is whether Main runs the command, so that it may prepare the
// process's heap (tests that run commands in-process keep theirs).
var ownsProcess bool

// heapPerInputByte is about how much heap a comparison fills per byte of
// draft it reads: its peak resident size above start-up is 5 to 9 times
// the input on the corpus (make bench).
const heapPerInputByte = 8

// maxHeapReserve caps what prepareHeap reserves: a larger heap takes most
// of its time elsewhere.
const maxHeapReserve = 512 << 20

// inputBytes counts the draft bytes that the command has read so far.
var inputBytes atomic.Int64

// prepareHeap tells the heap that the command reads n more bytes of drafts,
// so that the memory they will take comes in huge pages (package
// hugepages; README, performance notes): on the de-kwg-large pair at 2× to
// 10× it spares most of the page faults and a sixth to a fifth of the CPU
// time.
func prepareHeap(n int64) {
	reserveHeap(min(inputBytes.Add(n)*heapPerInputByte, maxHeapReserve))
}

// reserveHeap readies n bytes of heap in all for huge pages, when Main runs
// the command.
func reserveHeap(n int64) {
	if ownsProcess {
		hugepages.Reserve(int(n))
	}
}

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
