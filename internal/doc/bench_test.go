package doc

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// BenchmarkParse parses both rounds of de-kwg-large (1.4 MB together).
func BenchmarkParse(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/corpus/de-kwg-large/*.md")
	sort.Strings(files)
	if len(files) < 2 {
		b.Skip("../shared/corpus/de-kwg-large is absent")
	}
	var srcs [][]byte
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		size += len(src)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			if _, err := Parse("a.md", src, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseChunkSizes parses the rounds of de-kwg-large cut into
// chunks of several sizes.
func BenchmarkParseChunkSizes(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/corpus/de-kwg-large/*.md")
	if len(files) < 1 {
		b.Skip("../shared/corpus/de-kwg-large is absent")
	}
	src, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{1, 4 << 10, 64 << 10} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			old := chunkBytes
			chunkBytes = size
			defer func() { chunkBytes = old }()
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Parse("a.md", src, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScanTokens scans both rounds of de-kwg-large for tokens, and
// counts their words.
func BenchmarkScanTokens(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/corpus/de-kwg-large/*.md")
	if len(files) < 2 {
		b.Skip("../shared/corpus/de-kwg-large is absent")
	}
	var texts []string
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(src))
		size += len(src)
	}
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(size))
		for i := 0; i < b.N; i++ {
			n := 0
			for _, s := range texts {
				ScanTokens(s, func(_, _ int, _ bool) { n++ })
			}
		}
	})
	b.Run("count", func(b *testing.B) {
		b.SetBytes(int64(size))
		for i := 0; i < b.N; i++ {
			for _, s := range texts {
				CountWords(s)
			}
		}
	})
}
