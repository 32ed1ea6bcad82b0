package summary

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
)

// BenchmarkCompute summarises the de-kwg-large pair of the shared corpus;
// compare it with diff's BenchmarkCompare, the redline it starts from.
func BenchmarkCompute(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(moduleRoot(b), "..", "shared", "corpus", "de-kwg-large", "*.md"))
	sort.Strings(files)
	if len(files) < 2 {
		b.Skip("../shared/corpus/de-kwg-large is absent")
	}
	x, _ := os.ReadFile(files[0])
	y, _ := os.ReadFile(files[1])
	da, _ := doc.Parse("a.md", x, doc.Options{})
	db, _ := doc.Parse("b.md", y, doc.Options{})
	res := diff.Compare([]*doc.Document{da}, []*doc.Document{db}, diff.Options{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compute(res, Options{})
	}
}
