// Package parallel runs independent pieces of work on every processor.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For runs f(0), ..., f(n-1) on as many goroutines as there are
// processors, and returns when all have returned. Each f(i) must touch
// only data of its own; the caller keeps results by index, so the outcome
// never depends on the order of the work.
func For(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}
