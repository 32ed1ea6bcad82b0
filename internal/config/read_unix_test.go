//go:build unix

package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadFile: codraft.yaml is read only from a regular file, and at most
// MaxBytes of it; a pipe is never opened (it would wait for a writer) and a
// link to /dev/zero never read (it would fill the memory).
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	if err := os.WriteFile(p("ok.yaml"), []byte("title: T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p("big.yaml"), []byte(strings.Repeat("#", MaxBytes+1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p("fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", p("zero.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(p("dir.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(p("ok.yaml")); err != nil || string(data) != "title: T\n" {
		t.Errorf("ReadFile(ok.yaml) = %q, %v", data, err)
	}
	if _, err := ReadFile(p("none.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(none.yaml) = %v, want fs.ErrNotExist", err)
	}
	for name, want := range map[string]string{
		"big.yaml":  "codraft.yaml: is larger than 1048576 bytes, the most codraft reads",
		"fifo.yaml": "codraft.yaml: is a named pipe; codraft reads its configuration only from a regular file",
		"zero.yaml": "codraft.yaml: is a symbolic link; codraft reads its configuration only from a regular file",
		"dir.yaml":  "codraft.yaml: is a directory; codraft reads its configuration only from a regular file",
	} {
		_, err := ReadFile(p(name))
		var ce *ConfigError
		if !errors.As(err, &ce) || err.Error() != want {
			t.Errorf("ReadFile(%s) = %v, want the ConfigError %q", name, err, want)
		}
	}
}
