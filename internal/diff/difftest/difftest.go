// Package difftest loads the redline cases in testdata/cases, which the
// tests of the engine and of every renderer share, and compares golden
// files. Only tests import it.
//
// A case is a txtar archive: a comment saying what it shows, the two rounds
// old.md and new.md, and "expect", the files (one a line, relative to the
// repository root) that hold what is expected of it: a golden file of a
// renderer, or the engine's test file that checks the case by name.
package difftest

import (
	"fmt"
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

// Case is one small redline case.
type Case struct {
	Name     string
	Old, New []byte
	// Expect are the files that hold what is expected of the case,
	// relative to the repository root.
	Expect []string
}

// RepoRoot is the module's root directory.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Dir is the folder that holds the cases.
func Dir() string { return filepath.Join(RepoRoot(), "testdata", "cases") }

// Load reads every case, in name order.
func Load() ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(Dir(), "*.txtar"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no redline cases in %s", Dir())
	}
	sort.Strings(files)
	var out []Case
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			return nil, err
		}
		c := Case{Name: strings.TrimSuffix(filepath.Base(f), ".txtar")}
		for _, fl := range a.Files {
			switch fl.Name {
			case "old.md":
				c.Old = fl.Data
			case "new.md":
				c.New = fl.Data
			case "expect":
				c.Expect = strings.Fields(string(fl.Data))
			default:
				return nil, fmt.Errorf("%s: unknown file %q (want old.md, new.md and expect)", f, fl.Name)
			}
		}
		if c.Old == nil || c.New == nil {
			return nil, fmt.Errorf("%s: want old.md and new.md", f)
		}
		out = append(out, c)
	}
	return out, nil
}

// Cases reads every case, in name order.
func Cases(t testing.TB) []Case {
	t.Helper()
	cs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// For reads the cases that expect something of the code under dir (a path
// relative to the repository root, such as "internal/render/term"), in
// name order.
func For(t testing.TB, dir string) []Case {
	t.Helper()
	var out []Case
	for _, c := range Cases(t) {
		if c.Uses(dir) {
			out = append(out, c)
		}
	}
	return out
}

// Uses reports whether one of the case's expect files lies under dir.
func (c Case) Uses(dir string) bool {
	dir = strings.TrimSuffix(dir, "/") + "/"
	for _, e := range c.Expect {
		if strings.HasPrefix(e, dir) {
			return true
		}
	}
	return false
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
