package diff

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSortHashesSorts checks sortHashes against a comparison sort on
// hashes of words, on values crowded into a few ranges (the worst case of
// its distribution) and on repeats, at sizes on both sides of its cut-over.
func TestSortHashesSorts(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	inputs := map[string]func(n int) signature{
		"words": func(n int) signature {
			s := make(signature, n)
			for i := range s {
				s[i] = hashFold(string(rune('a'+rng.Intn(26))) + string(rune('a'+rng.Intn(26))))
			}
			return s
		},
		"crowded": func(n int) signature {
			s := make(signature, n)
			for i := range s {
				s[i] = uint64(rng.Intn(4))<<62 | uint64(rng.Int63n(1000))
			}
			return s
		},
		"repeats": func(n int) signature {
			s := make(signature, n)
			for i := range s {
				s[i] = hashFold("x")
			}
			return s
		},
	}
	for name, gen := range inputs {
		for _, n := range []int{0, 1, 2, 24, 25, 31, 100, 1000, 5000} {
			got := gen(n)
			want := slices.Clone(got)
			slices.Sort(want)
			sortHashes(got)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%s, %d: sortHashes differs from a sort (-want +got):\n%s", name, n, d)
			}
		}
	}
}
