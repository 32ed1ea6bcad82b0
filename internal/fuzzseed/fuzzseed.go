// Package fuzzseed gathers the seed inputs of the fuzz targets: the sample
// rounds in drafts/, the redline cases in testdata/ and the renderers' cases,
// and the shared corpus when it is there (../shared/corpus beside the
// repository), each cut to a size the fuzzer mutates quickly. Only tests
// import it.
package fuzzseed

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sort"

	"github.com/rogpeppe/go-internal/txtar"
)

// MaxBytes is the size each seed document is cut to. The fuzzer runs a
// target on its seeds first and minimises what it finds; a seed of a whole
// draft makes both slow, and the targets skip inputs much larger than this.
const MaxBytes = 6 << 10

// Root is the repository's root directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// CorpusDir is the shared corpus, which may be absent.
func CorpusDir() string { return filepath.Join(Root(), "..", "shared", "corpus") }

// Pair is an old and a new version of a draft.
type Pair struct {
	Name     string
	Old, New []byte
}

// Pairs returns consecutive rounds of drafts/ and of each corpus series,
// and the old.md/new.md pair of every redline and renderer case. A pair of
// rounds gives two seeds: the start of both rounds, and a stretch of both
// from their middles, each cut to MaxBytes at a line end. Without the
// corpus the seeds are those of the repository alone.
func Pairs() []Pair {
	var out []Pair
	series := [][]string{glob(filepath.Join(Root(), "drafts", "0*.md"))}
	dirs, _ := filepath.Glob(filepath.Join(CorpusDir(), "*"))
	sort.Strings(dirs)
	for _, d := range dirs {
		series = append(series, glob(filepath.Join(d, "*.md")))
	}
	for _, files := range series {
		for i := 0; i+1 < len(files); i++ {
			a, errA := os.ReadFile(files[i])
			b, errB := os.ReadFile(files[i+1])
			if errA != nil || errB != nil {
				continue
			}
			name := filepath.Base(filepath.Dir(files[i])) + "/" + filepath.Base(files[i])
			out = append(out, Pair{name, Cut(a, 0), Cut(b, 0)})
			out = append(out, Pair{name + "#middle", Cut(a, len(a)/2), Cut(b, len(b)/2)})
		}
	}
	for _, pat := range []string{
		filepath.Join(Root(), "testdata", "cases", "*.txtar"),
		filepath.Join(Root(), "testdata", "hostile", "*.txtar"),
	} {
		for _, f := range glob(pat) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				continue
			}
			var p Pair
			for _, fl := range ar.Files {
				switch fl.Name {
				case "old.md":
					p.Old = Cut(fl.Data, 0)
				case "new.md":
					p.New = Cut(fl.Data, 0)
				}
			}
			if p.Old != nil && p.New != nil {
				p.Name = filepath.Base(f)
				out = append(out, p)
			}
		}
	}
	return out
}

// Docs returns single documents: both sides of every pair, the old side
// of each pair only once where the series repeats it.
func Docs() [][]byte {
	var out [][]byte
	seen := map[string]bool{}
	for _, p := range Pairs() {
		for _, d := range [][]byte{p.Old, p.New} {
			if !seen[string(d)] {
				seen[string(d)] = true
				out = append(out, d)
			}
		}
	}
	return out
}

// Cut returns at most MaxBytes of data from the first line that starts at
// or after off, ending at a line end.
func Cut(data []byte, off int) []byte {
	if off > 0 {
		if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
			off += i + 1
		} else {
			off = len(data)
		}
	}
	data = data[off:]
	if len(data) <= MaxBytes {
		return data
	}
	data = data[:MaxBytes]
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		data = data[:i+1]
	}
	return data
}

func glob(pat string) []string {
	files, _ := filepath.Glob(pat)
	sort.Strings(files)
	return files
}
