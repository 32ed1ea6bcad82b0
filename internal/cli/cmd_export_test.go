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
	saved := extraFormats["html"]
	extraFormats["html"] = func(w io.Writer, c *comparison, ro *redlineOptions) error {
		io.WriteString(w, strings.Repeat("<p>half a page</p>\n", 10000))
		return boom
	}
	defer func() { extraFormats["html"] = saved }()

	ios, _, _, _ := Test()
	ios.Dir = dir
	err := runExport(ios, &globalOptions{}, &exportOptions{Output: "r.html", Layout: "inline"}, []string{"old.md", "new.md"})
	if !errors.Is(err, boom) {
		t.Fatalf("runExport = %v, want the renderer's error", err)
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

func TestExportFormats(t *testing.T) {
	for _, f := range []string{"html", "markdown"} {
		if extraFormats[f] == nil {
			t.Errorf("format %s is not registered for diff and export", f)
		}
	}
}
