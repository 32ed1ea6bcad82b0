package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A render that fails half way leaves the file that was there untouched,
// and no temporary file beside it.
func TestExportFailedWriteKeepsFile(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"old.md": "# A\n\nOld text.\n",
		"new.md": "# A\n\nNew text.\n",
		"r.html": "the previous redline\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	boom := errors.New("renderer failed")
	// the way export writes: a renderer writing into writeFileAtomic
	err := writeFileAtomic(filepath.Join(dir, "r.html"), func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("<p>half a page</p>\n", 10000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("writeFileAtomic = %v, want the renderer's error", err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "r.html"))
	if string(got) != "the previous redline\n" {
		t.Errorf("r.html after a failed export: %.40q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files after a failed export: %v, want old.md, new.md, r.html", names)
	}
}

// Every redline format diff and export name writes something.
func TestRedlineFormats(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"old.md": "# A\n\nOld text.\n", "new.md": "# A\n\nNew text.\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ios, _, _, _ := Test()
	ios.Dir = dir
	c, err := loadComparison(&Factory{IO: ios}, []string{"old.md", "new.md"}, &compareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "json", "markdown", "html"} {
		var b strings.Builder
		if err := writeRedline(&b, f, c, &redlineOptions{Context: -1, Layout: "inline"}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if !strings.Contains(b.String(), "New") {
			t.Errorf("%s: the redline does not show the new text:\n%s", f, b.String())
		}
	}
}
