package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/codraft/codraft/internal/testenv"
)

// fullWriter fails every write, as /dev/full does.
type fullWriter struct{ writes int }

func (w *fullWriter) Write(p []byte) (int, error) {
	w.writes++
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// TestFailedWriteExits2 runs every command that writes to standard output
// with an output that cannot be written, and wants exit status 2 with an
// error that says so: never 0 (or 1) over output that was lost.
func TestFailedWriteExits2(t *testing.T) {
	dir := sampleRepo(t)
	other := t.TempDir()
	msg := filepath.Join(t.TempDir(), "msg")
	if err := os.WriteFile(msg, []byte("Edit without a citation\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old, new := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	os.WriteFile(old, []byte("# A\n\nOne.\n"), 0o644)
	os.WriteFile(new, []byte("# A\n\nTwo.\n"), 0o644)
	draft, err := os.ReadFile(filepath.Join(dir, "draft.md"))
	if err != nil {
		t.Fatal(err)
	}
	// an uncited commit, and an uncited change staged, for check to report
	os.WriteFile(filepath.Join(dir, "draft.md"), append(draft, "\nAn uncited line.\n"...), 0o644)
	testenv.Git(t, dir, "commit", "-q", "-am", "Uncited")
	os.WriteFile(filepath.Join(dir, "draft.md"), append(draft, "\nA staged line.\n"...), 0o644)
	testenv.Git(t, dir, "add", "draft.md")
	src, err := filepath.Abs(filepath.Join("..", "..", "drafts", "01-2024-11-14-first-draft.md"))
	if err != nil {
		t.Fatal(err)
	}
	runs := [][]string{
		{"--version"},
		{"--help"},
		{"check", "--help"},
		{"rounds"},
		{"rounds", "--format", "json"},
		{"show", "2"},
		{"diff", "1", "2"},
		{"diff", "1", "2", "--format", "json"},
		{"diff", "1", "2", "--format", "markdown"},
		{"diff", "1", "2", "--format", "html"},
		{"diff", "--no-index", old, new},
		{"summary", "1", "2"},
		{"summary", "--all", "--format", "json"},
		{"summary", "1", "2", "--format", "markdown"},
		{"summary", old, new},
		{"check", "--from", "round/1"},
		{"check", "--format", "json"},
		{"check", "--format", "github", "--from", "1"},
		{"check", "--message", msg},
		{"hooks", "install"},
		{"init", other, "--wg", "WG1=One"},
		{"round", "r5", "--wg", "WG1"},
		{"import", src, "--as", "draft.md", "--force"},
	}
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			if args[0] == "round" {
				// something to record
				os.WriteFile(filepath.Join(dir, "draft.md"), append(draft, "\nOne more line.\n"...), 0o644)
			}
			ios, _, _, errOut := Test()
			ios.Dir = dir
			ios.Env = func(k string) string {
				if k == envAuthor {
					return "Ada Drafter <ada@example.org>"
				}
				return os.Getenv(k)
			}
			w := &fullWriter{}
			ios.Out = w
			code := Run(ios, args)
			if w.writes == 0 {
				t.Fatalf("wrote nothing to standard output (exit %d)\n%s", code, errOut)
			}
			if code != ExitError || !strings.Contains(errOut.String(), "no space left on device") {
				t.Errorf("exit %d, want %d\n%s", code, ExitError, errOut)
			}
		})
	}
	// The same commands write in full to a working output.
	if code, stdout, stderr := chkRun(t, dir, "summary", old, new); code != 0 || stdout == "" {
		t.Errorf("summary to a buffer: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestDevicesAreNoTerminals: /dev/null and /dev/full are character
// devices but not terminals, so output sent there is not paged (a pager
// would hide the failed write from codraft's exit status).
func TestDevicesAreNoTerminals(t *testing.T) {
	for _, p := range []string{"/dev/null", "/dev/full"} {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			t.Logf("%s: %v", p, err)
			continue
		}
		if isTerminal(f) {
			t.Errorf("%s is taken for a terminal", p)
		}
		f.Close()
	}
}
