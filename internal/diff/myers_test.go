package diff

import (
	"math/rand"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/codraft/codraft/internal/redline"
)

// goDiffRuns is go-diff's DiffMainRunes without a time limit, as runs:
// the reference that diffIDs must match edit for edit.
func goDiffRuns(a, b []rune) []run {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	out := []run{}
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

func checkSameAsGoDiff(t *testing.T, a, b []rune) {
	t.Helper()
	want := goDiffRuns(a, b)
	got := append([]run{}, diffIDs(a, b)...)
	if d := cmp.Diff(want, got, cmp.AllowUnexported(run{})); d != "" {
		t.Fatalf("diffIDs(%v, %v) differs from go-diff (-want +got):\n%s", a, b, d)
	}
}

// TestDiffIDsMatchesGoDiff checks the port of go-diff's algorithm against
// go-diff itself on sequences drawn from small alphabets (so that there
// are many repeats, shifts and common runs: the corner cases of its merge
// cleanup) and on edited copies of one sequence, the shape of a redline.
func TestDiffIDsMatchesGoDiff(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	seq := func(n, alpha int) []rune {
		s := make([]rune, n)
		for i := range s {
			s[i] = rune(1 + rng.Intn(alpha))
		}
		return s
	}
	edit := func(s []rune, alpha int) []rune {
		out := []rune{}
		for _, r := range s {
			switch rng.Intn(10) {
			case 0: // dropped
			case 1:
				out = append(out, rune(1+rng.Intn(alpha)))
			case 2:
				out = append(out, r, rune(1+rng.Intn(alpha)))
			default:
				out = append(out, r)
			}
		}
		return out
	}
	checkSameAsGoDiff(t, nil, nil)
	checkSameAsGoDiff(t, []rune{1}, nil)
	checkSameAsGoDiff(t, nil, []rune{1})
	for i := 0; i < 20000; i++ {
		alpha := 1 + rng.Intn(6)
		a := seq(rng.Intn(12), alpha)
		checkSameAsGoDiff(t, a, seq(rng.Intn(12), alpha))
		checkSameAsGoDiff(t, a, edit(a, alpha))
	}
	for i := 0; i < 300; i++ {
		alpha := 2 + rng.Intn(200)
		a := seq(rng.Intn(400), alpha)
		checkSameAsGoDiff(t, a, edit(a, alpha))
		checkSameAsGoDiff(t, a, seq(rng.Intn(400), alpha))
	}
}

func benchIDs(b *testing.B, f func(a, b []rune) []run) {
	x, y := kwgPair(b)
	enc := newEncoder()
	ra := enc.encode(textToks(string(x[:40000])), func(s string) string { return s }, nil)
	rb := enc.encode(textToks(string(y[:40000])), func(s string) string { return s }, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f(ra, rb)
	}
}

func BenchmarkDiffIDs(b *testing.B)   { benchIDs(b, diffIDs) }
func BenchmarkGoDiffIDs(b *testing.B) { benchIDs(b, goDiffRuns) }
