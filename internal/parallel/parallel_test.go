package parallel

import "testing"

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
