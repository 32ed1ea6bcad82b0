package cli

import (
	"bytes"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

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
