package diff

import (
	"math"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/doc"
)

// TestSameResultOnAnyProcessors compares each pair of the sample drafts
// (and of the corpus, when present) on one processor, on two, and on two
// with every section's stretches paired side by side: the results must be
// the same.
func TestSameResultOnAnyProcessors(t *testing.T) {
	files, _ := filepath.Glob("../../drafts/0*.md")
	sort.Strings(files)
	var pairs [][2]string
	for i := 0; i+1 < len(files); i++ {
		pairs = append(pairs, [2]string{files[i], files[i+1]})
	}
	for _, dir := range []string{"de-kwg-large", "github-terms-of-service"} {
		fs, _ := filepath.Glob("../../../shared/corpus/" + dir + "/*.md")
		sort.Strings(fs)
		if len(fs) >= 2 {
			pairs = append(pairs, [2]string{fs[0], fs[1]})
		}
	}
	if len(pairs) == 0 {
		t.Fatal("sample drafts missing")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	defer func(v int) { minSplitBytes = v }(minSplitBytes)
	for _, p := range pairs {
		a, b := load(t, p[0]), load(t, p[1])
		run := func(procs, split int) any {
			runtime.GOMAXPROCS(procs)
			minSplitBytes = split
			return Compare([]*doc.Document{a}, []*doc.Document{b}, Options{})
		}
		one := run(1, math.MaxInt)
		if d := cmp.Diff(one, run(2, math.MaxInt)); d != "" {
			t.Errorf("%s: two processors differ from one (-one +two):\n%s", p[0], d)
		}
		if d := cmp.Diff(one, run(2, 0)); d != "" {
			t.Errorf("%s: stretches paired side by side differ (-one +split):\n%s", p[0], d)
		}
	}
}
