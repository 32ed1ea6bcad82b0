package summary

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// moduleRoot is the folder holding go.mod, found from the test's folder up.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
}

// series is one document's rounds, oldest first.
type series struct {
	name  string
	files []string
}

// draftsSeries is the sample drafts of the repository.
func draftsSeries(t testing.TB) series {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(moduleRoot(t), "drafts", "[0-9][0-9]-*.md"))
	if len(files) < 2 {
		t.Fatal("drafts/ holds fewer than two rounds")
	}
	sort.Strings(files)
	return series{name: "drafts", files: files}
}

// corpusSeries is every series in ../shared/corpus beside the module root;
// the test skips when that folder is absent (a fresh clone has none).
func corpusSeries(t testing.TB) []series {
	t.Helper()
	root := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Skipf("corpus tests skipped: %s is absent", root)
	}
	var out []series
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(root, d.Name(), "*.md"))
		if len(files) >= 2 {
			sort.Strings(files)
			out = append(out, series{name: d.Name(), files: files})
		}
	}
	if len(out) == 0 {
		t.Skipf("corpus tests skipped: %s holds no series", root)
	}
	return out
}

// roundName is the label and date that `codraft import` reads from a file
// name NN-YYYY-MM-DD[-LABEL].md (the label and date come from the name).
var roundName = regexp.MustCompile(`^(\d+)-(\d{4}-\d{2}-\d{2})(?:-(.*))?\.md$`)

func parseFile(t testing.TB, path string) *doc.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := doc.Parse(filepath.Base(path), src, doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// endpoint describes a round file the way the CLI describes a round.
func endpoint(path string) redline.Endpoint {
	base := filepath.Base(path)
	e := redline.Endpoint{Rev: base, Files: []string{base}}
	if m := roundName.FindStringSubmatch(base); m != nil {
		n, _ := strconv.Atoi(m[1])
		e.Round = &n
		d, _ := time.Parse("2006-01-02", m[2])
		e.Date = &d
		e.Label = m[2]
		if m[3] != "" {
			e.Label = regexp.MustCompile(`-`).ReplaceAllString(m[3], " ")
		}
		e.Rev = "round/" + strconv.Itoa(n)
	}
	return e
}

// compareSeries returns the redline of each consecutive pair of s.
func compareSeries(t testing.TB, s series) []*redline.Result {
	t.Helper()
	docs := make([]*doc.Document, len(s.files))
	for i, f := range s.files {
		docs[i] = parseFile(t, f)
	}
	var out []*redline.Result
	for i := 0; i+1 < len(docs); i++ {
		res := diff.Compare([]*doc.Document{docs[i]}, []*doc.Document{docs[i+1]}, diff.Options{})
		res.From, res.To = endpoint(s.files[i]), endpoint(s.files[i+1])
		out = append(out, res)
	}
	return out
}
