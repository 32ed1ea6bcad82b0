// Package parallel runs independent pieces of work on every processor.
package parallel

import (
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// For runs f(0), ..., f(n-1) on as many goroutines as there are
// processors, and returns when all have returned. Each f(i) must touch
// only data of its own; the caller keeps results by index, so the outcome
// never depends on the order of the work.
func For(n int, f func(int)) {
	run(n, Workers(n), func(k int) int { return k }, f)
}

// Largest is For with the work handed out largest first, by an estimate
// of each piece's cost: a large piece taken last would otherwise run
// alone while the other processors wait. The order of the work is all
// that cost changes.
func Largest(n int, cost func(int) int, f func(int)) {
	workers := Workers(n)
	if workers <= 1 {
		run(n, workers, func(k int) int { return k }, f)
		return
	}
	order := largestFirst(n, cost)
	run(n, workers, func(k int) int { return order[k] }, f)
}

// largestFirst is 0, ..., n-1 ordered by cost, largest first, equal
// costs in index order.
func largestFirst(n int, cost func(int) int) []int {
	order := make([]int, n)
	costs := make([]int, n)
	for i := range order {
		order[i] = i
		costs[i] = cost(i)
	}
	sort.SliceStable(order, func(a, b int) bool { return costs[order[a]] > costs[order[b]] })
	return order
}

// Workers is the number of goroutines For runs n pieces of work on.
func Workers(n int) int { return min(runtime.GOMAXPROCS(0), n) }

// run runs f(at(0)), ..., f(at(n-1)), handed out in that order to the
// given number of goroutines.
func run(n, workers int, at func(int) int, f func(int)) {
	if workers <= 1 {
		for k := 0; k < n; k++ {
			f(at(k))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1)) - 1; k < n; k = int(next.Add(1)) - 1 {
				f(at(k))
			}
		}()
	}
	wg.Wait()
}
