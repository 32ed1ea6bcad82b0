package cli

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/store"
)

// TestReadInputStopsAtTheLimit reads a named pipe that holds more than the
// limit: readInput stops one byte past it and says the file is too large,
// where os.ReadFile would read on to the end. Up to the limit it reads all.
func TestReadInputStopsAtTheLimit(t *testing.T) {
	const max = 1000
	for _, n := range []int{0, max, max + 1, 50 * max} {
		fifo := filepath.Join(t.TempDir(), "pipe")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
		want := bytes.Repeat([]byte("a"), n)
		go func() {
			w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
			if err != nil {
				return
			}
			defer w.Close()
			w.Write(want) // stops with EPIPE once the reader is done
		}()
		got, regular, err := readInput(fifo, max)
		if regular {
			t.Errorf("%d bytes: a named pipe is read as a regular file", n)
		}
		switch {
		case n > max && !errors.Is(err, store.ErrTooLarge):
			t.Errorf("%d bytes: got %d bytes and error %v, want ErrTooLarge", n, len(got), err)
		case n <= max && (err != nil || !bytes.Equal(got, want)):
			t.Errorf("%d bytes: got %d bytes and error %v", n, len(got), err)
		}
	}
}

// TestReadInputRefusesOtherFiles: a socket, a block device or a directory
// is not a draft file; a regular file, a character device and a named pipe
// are.
func TestReadInputRefusesOtherFiles(t *testing.T) {
	if readable(os.ModeSocket) || readable(os.ModeDevice) || readable(os.ModeDir) {
		t.Fatal("a socket, a block device or a directory counts as a draft file")
	}
	for _, m := range []os.FileMode{0, os.ModeCharDevice | os.ModeDevice, os.ModeNamedPipe} {
		if !readable(m) {
			t.Errorf("mode %v does not count as a draft file", m)
		}
	}
	sock := filepath.Join(t.TempDir(), "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("no Unix sockets here: %v", err)
	}
	defer l.Close()
	if _, _, err := readInput(sock, 1000); err == nil || !strings.Contains(err.Error(), "not a file that codraft reads") {
		t.Errorf("reading a socket: error %v", err)
	}
}

// A draft file over the limit is refused before it is read: the error
// names it and the limit, and the run allocates far less than its size.
func TestTooLargeFileIsNotRead(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// sparse: it takes no room on disk
	if err := f.Truncate(config.DefaultMaxFileBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.WriteFile(filepath.Join(dir, "small.md"), []byte("# One\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	ios := &IOStreams{In: bytes.NewReader(nil), Out: io.Discard, ErrOut: &errOut, Env: func(string) string { return "" }}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code := Run(ios, []string{"-C", dir, "diff", "big.md", "small.md"})
	runtime.ReadMemStats(&after)
	if code != 2 || !strings.Contains(errOut.String(), "big.md: file too large") || !strings.Contains(errOut.String(), "over the limit") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut.String())
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > uint64(config.DefaultMaxFileBytes/4) {
		t.Errorf("the run allocated %d bytes for a file of %d: it read the file", n, config.DefaultMaxFileBytes+1)
	}
}
