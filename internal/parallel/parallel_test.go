package parallel

import (
	"runtime"
	"sync/atomic"

	"github.com/google/go-cmp/cmp"
	"testing"
)

func TestForRunsEachOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		got := make([]int, n)
		For(n, func(i int) { got[i]++ })
		for i, c := range got {
			if c != 1 {
				t.Fatalf("n=%d: f(%d) ran %d times", n, i, c)
			}
		}
	}
}

func TestLargestRunsEachOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		got := make([]int, n)
		Largest(n, func(i int) int { return (i * 7919) % 13 }, func(i int) { got[i]++ })
		for i, c := range got {
			if c != 1 {
				t.Fatalf("n=%d: f(%d) ran %d times", n, i, c)
			}
		}
	}
}

func TestLargestFirstOrder(t *testing.T) {
	cost := []int{1, 5, 3, 5, 0, 9}
	got := largestFirst(len(cost), func(i int) int { return cost[i] })
	if diff := cmp.Diff([]int{5, 1, 3, 2, 0, 4}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestLargestRunsEachOnceOnTwo(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	got := make([]int32, 500)
	Largest(len(got), func(i int) int { return i % 17 }, func(i int) { atomic.AddInt32(&got[i], 1) })
	for i, c := range got {
		if c != 1 {
			t.Fatalf("f(%d) ran %d times", i, c)
		}
	}
}
