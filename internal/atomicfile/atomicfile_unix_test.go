//go:build unix

package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// TestNotRegular: a device or a pipe is written to; a regular file never
// takes its place (as root, "-o /dev/null" once replaced /dev/null with a
// file). A directory is an error.
func TestNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- string(data)
	}()
	if err := Write(fifo, "", writeString("through the pipe\n")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe\n" {
		t.Errorf("read %q from the pipe", s)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v %v", fi.Mode(), err)
	}
	if err := Write(os.DevNull, "", writeString("nothing")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, fi.Mode(), err)
	}
	err := Write(dir, "out", writeString(""))
	if err == nil || err.Error() != "cannot write out: is a directory" {
		t.Errorf("writing over a directory: %v", err)
	}
}

// TestLinks: a link stays a link; the file it leads to is written, even
// through a chain of links and when the last one dangles.
func TestLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.html")
	link := filepath.Join(dir, "link.html")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.html", link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(link, filepath.Join(dir, "link2.html")); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(dir, "link2.html"), "", writeString("new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(target); string(data) != "new" {
		t.Errorf("the linked file holds %q", data)
	}
	for _, l := range []string{link, filepath.Join(dir, "link2.html")} {
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link %s was replaced by a file", l)
		}
	}
	dangling := filepath.Join(dir, "dangling.md")
	if err := os.Symlink("made.md", dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dangling, "", []byte("made")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "made.md")); string(data) != "made" {
		t.Errorf("the dangling link's file holds %q", data)
	}
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(loop, "loop", nil); err == nil || err.Error() != "cannot write loop: too many levels of symbolic links" {
		t.Errorf("writing through a link loop: %v", err)
	}
}

// TestMode: an existing file keeps its permissions; a new one follows the
// umask.
func TestMode(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.json")
	if err := os.WriteFile(secret, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(secret, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(secret, "", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(secret); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0600 file became %v (%v)", fi.Mode().Perm(), err)
	}
	for _, tt := range []struct{ umask, want fs.FileMode }{{0o022, 0o644}, {0o077, 0o600}, {0o002, 0o664}} {
		old := syscall.Umask(int(tt.umask))
		p := filepath.Join(dir, "new-"+tt.want.String())
		err := WriteFile(p, "", []byte("x"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != tt.want {
			t.Errorf("umask %03o: a new file has %v, want %v (%v)", tt.umask, fi.Mode().Perm(), tt.want, err)
		}
	}
}

// TestFailure: when write fails, the file keeps its content and no
// temporary file is left; the error is write's own.
func TestFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "draft.md")
	if err := os.WriteFile(p, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, "", func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if err != boom {
		t.Errorf("Write = %v, want write's own error", err)
	}
	if data, _ := os.ReadFile(p); string(data) != "kept" {
		t.Errorf("the file holds %q after a failed write", data)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("a failed write left %d files in the folder, want 1", len(ents))
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "dir.md"), "dir.md", nil); err == nil || err.Error() != "cannot write dir.md: no such file or directory" {
		t.Errorf("writing into a missing folder: %v", err)
	}
}
