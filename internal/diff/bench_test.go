package diff

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/codraft/codraft/internal/doc"
)

func kwgPair(b *testing.B) ([]byte, []byte) {
	files, _ := filepath.Glob("../../../shared/corpus/de-kwg-large/*.md")
	sort.Strings(files)
	if len(files) < 2 {
		b.Skip("../shared/corpus/de-kwg-large is absent")
	}
	x, _ := os.ReadFile(files[0])
	y, _ := os.ReadFile(files[1])
	return x, y
}

func BenchmarkParse(b *testing.B) {
	x, _ := kwgPair(b)
	b.SetBytes(int64(len(x)))
	for i := 0; i < b.N; i++ {
		if _, err := doc.Parse("a.md", x, doc.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	x, y := kwgPair(b)
	da, _ := doc.Parse("a.md", x, doc.Options{})
	db, _ := doc.Parse("b.md", y, doc.Options{})
	b.SetBytes(int64(len(x) + len(y)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compare([]*doc.Document{da}, []*doc.Document{db}, Options{})
	}
}

func BenchmarkMatch(b *testing.B) {
	x, y := kwgPair(b)
	da, _ := doc.Parse("a.md", x, doc.Options{})
	db, _ := doc.Parse("b.md", y, doc.Options{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := &comparer{old: flatten([]*doc.Document{da}), new: flatten([]*doc.Document{db}), wd: &wordDiffer{}}
		c.match()
	}
}

func BenchmarkWordDiff(b *testing.B) {
	x, y := kwgPair(b)
	da, _ := doc.Parse("a.md", x, doc.Options{})
	db, _ := doc.Parse("b.md", y, doc.Options{})
	var ta, tb string
	for _, s := range da.Sections {
		for _, bl := range s.Blocks {
			ta += bl.Text + "\n"
		}
	}
	for _, s := range db.Sections {
		for _, bl := range s.Blocks {
			tb += bl.Text + "\n"
		}
	}
	wd := &wordDiffer{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		wd.diff(ta[:20000], tb[:20000])
	}
}
