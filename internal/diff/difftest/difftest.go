// Package difftest loads the shared redline cases in testdata/redline for
// the tests of the engine and of every renderer.
package difftest

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// Case is one small redline case: an old and a new document.
type Case struct {
	Name     string
	Old, New []byte
}

// Dir is the folder that holds the cases.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "redline")
}

// Cases reads every case, in name order.
func Cases(t testing.TB) []Case {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(Dir(), "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no redline cases in %s: %v", Dir(), err)
	}
	sort.Strings(files)
	var out []Case
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := Case{Name: strings.TrimSuffix(filepath.Base(f), ".txtar")}
		for _, fl := range a.Files {
			switch fl.Name {
			case "old.md":
				c.Old = fl.Data
			case "new.md":
				c.New = fl.Data
			}
		}
		out = append(out, c)
	}
	return out
}

// Result is the case's redline, with fixed endpoints as a round pair.
func (c Case) Result(t testing.TB) *redline.Result {
	t.Helper()
	a, err := doc.Parse("old.md", c.Old, doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := doc.Parse("new.md", c.New, doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := diff.Compare([]*doc.Document{a}, []*doc.Document{b}, diff.Options{})
	one, two := 1, 2
	c1, c2 := "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"
	d1, d2 := time.Date(2024, 11, 14, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 19, 0, 0, 0, 0, time.UTC)
	r.From = redline.Endpoint{Rev: "1", Round: &one, Label: "first draft", Commit: &c1, Date: &d1, Files: []string{"old.md"}}
	r.To = redline.Endpoint{Rev: "2", Round: &two, Label: "second draft", Commit: &c2, Date: &d2, Files: []string{"new.md"}}
	return r
}

// Golden compares got with the golden file path, or rewrites it when
// update is set.
func Golden(t *testing.T, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s\n(run with -update to rewrite, then review the diff)", path, d)
	}
}
