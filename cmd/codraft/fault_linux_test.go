//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/codraft/codraft/internal/testenv"
)

// The read-only and full-disk tests need a file system that refuses
// writes. CI runs as root, so permissions would not stop a write: each test
// starts this test binary again in a private mount namespace (unshare -m),
// where the inner test mounts what it needs (a read-only bind mount of the
// repository, a small tmpfs), runs codraft there, and the mounts vanish
// with it. Where unshare -m is not permitted, the tests skip.

// envInner names the directory an inner test works in; set only in the
// test binary that unshareTest starts.
const envInner = "CODRAFT_FAULT_DIR"

// unshareTest runs the test named inner in a new mount namespace, with dir
// and home given through the environment, and fails when it fails.
func unshareTest(t *testing.T, inner, dir, home string) {
	t.Helper()
	testenv.NeedGit(t)
	if out, err := exec.Command("unshare", "-m", "--propagation", "private", "true").CombinedOutput(); err != nil {
		t.Skipf("unshare -m is not permitted here (%v: %s): test skipped", err, bytes.TrimSpace(out))
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("unshare", "-m", "--propagation", "private", exe, "-test.run", "^"+inner+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), envInner+"="+dir, "CODRAFT_FAULT_HOME="+home)
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("--- PASS: "+inner)) {
		t.Fatalf("%s in a private mount namespace: %v\n%s", inner, err, out)
	}
	t.Logf("%s", out)
}

// innerDirs returns the directories an inner test works in, or skips the
// test when it was not started by unshareTest.
func innerDirs(t *testing.T) (dir, home string) {
	dir, home = os.Getenv(envInner), os.Getenv("CODRAFT_FAULT_HOME")
	if dir == "" {
		t.Skip("runs only inside its outer test's mount namespace")
	}
	return dir, home
}

// codraftFails runs codraft, which must exit 2 with an error whose text
// holds want, and a hint; it returns stderr.
func codraftFails(t *testing.T, dir, home, want string, args ...string) string {
	t.Helper()
	cmd := codraftCmd(t, dir, home, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	msg := stderr.String()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Errorf("codraft %s: %v, want exit 2\n%s", strings.Join(args, " "), err, msg)
	}
	if !strings.HasPrefix(msg, "codraft: error: ") || !strings.Contains(msg, want) || !strings.Contains(msg, "\ncodraft: hint: ") {
		t.Errorf("codraft %s: stderr %q, want an error holding %q and a hint", strings.Join(args, " "), msg, want)
	}
	return msg
}

// TestReadOnlyRepository: on a repository mounted read-only, round and
// import exit 2 saying so, with a hint; diff, show, rounds, summary, check
// and export (to a writable place) work; nothing changes.
func TestReadOnlyRepository(t *testing.T) {
	dir, home := draftRepo(t)
	writeDraft(t, dir, "second text")
	testenv.Run(t, codraftCmd(t, dir, home, "round", "two"))
	writeDraft(t, dir, "third text, not recorded")
	before := gitIn(t, dir, home, "for-each-ref")
	unshareTest(t, "TestReadOnlyRepositoryInner", dir, home)
	if after := gitIn(t, dir, home, "for-each-ref"); after != before {
		t.Errorf("refs changed:\n%s\nwant\n%s", after, before)
	}
	checkWholeRounds(t, dir, home, false)
}

func TestReadOnlyRepositoryInner(t *testing.T) {
	dir, home := innerDirs(t)
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		t.Fatalf("bind mount: %v", err)
	}
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("read-only remount: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "probe"), nil, 0o644); !errors.Is(err, syscall.EROFS) {
		t.Fatalf("the mount is not read-only: %v", err)
	}
	codraftFails(t, dir, home, "read-only file system", "round", "three")
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "01-one.md"), []byte("# One\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	codraftFails(t, dir, home, "read-only file system", "import", src, "--as", "other.md")
	codraftFails(t, dir, home, "read-only file system", "diff", "1", "2", "-o", "redline.html")
	for _, args := range [][]string{
		{"rounds"}, {"show", "1"}, {"diff", "1", "2"}, {"diff", "2"}, {"summary", "1", "2"},
		{"export", "1", "2", "-o", filepath.Join(t.TempDir(), "redline.html")},
	} {
		testenv.Run(t, codraftCmd(t, dir, home, args...))
	}
	// check reads; it finds uncited rounds here (exit 1), which is fine
	if err := codraftCmd(t, dir, home, "check").Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Errorf("check on a read-only repository: %v", err)
		}
	}
	gitIn(t, dir, home, "fsck", "--strict", "--no-dangling", "--no-progress")
}

// TestFullDisk: on a small tmpfs, rounds are recorded with less and less
// free space: each either succeeds or exits 2 saying the disk is full, with
// a hint; after each, git fsck --strict passes, the rounds are whole, the
// history reads, and once space is freed the next round works.
func TestFullDisk(t *testing.T) {
	unshareTest(t, "TestFullDiskInner", t.TempDir(), t.TempDir())
}

func TestFullDiskInner(t *testing.T) {
	mnt, home := innerDirs(t)
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=4m"); err != nil {
		t.Fatalf("mounting a tmpfs: %v", err)
	}
	dir := filepath.Join(mnt, "repo")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	testenv.Run(t, codraftCmd(t, dir, home, "init", "--wg", "WG1=One"))
	writeDraft(t, dir, "base")
	testenv.Run(t, codraftCmd(t, dir, home, "round", "base"))
	filler := filepath.Join(mnt, "filler")
	// A draft of some 200 KB that compresses little, so that its blob
	// needs many pages.
	words := strings.Fields("shall should may must provider model risk report data training copyright measure commitment signatory")
	rng := rand.New(rand.NewPCG(1, 2))
	failed, recorded := 0, 0
	where := map[string]bool{} // what was being written when the disk filled
	// A small draft with a page or two free runs out while writing the
	// tree, the commit, the index, the branch or the tag; a large one
	// while writing its blob.
	steps := []struct{ free, size int }{
		{0, 1 << 10}, {1, 1 << 10}, {2, 1 << 10}, {3, 1 << 10}, {4, 1 << 10}, {5, 1 << 10}, {6, 1 << 10}, {8, 1 << 10},
		{0, 200 << 10}, {2, 200 << 10}, {4, 200 << 10}, {8, 200 << 10}, {16, 200 << 10}, {24, 200 << 10}, {32, 200 << 10},
		{48, 200 << 10}, {64, 200 << 10}, {96, 200 << 10}, {128, 200 << 10},
	}
	for step, s := range steps {
		free := s.free
		var text strings.Builder
		for text.Len() < s.size {
			fmt.Fprintf(&text, "%s%d ", words[rng.IntN(len(words))], rng.IntN(100000))
		}
		writeDraft(t, dir, text.String())
		fill(t, filler, free)
		cmd := codraftCmd(t, dir, home, "round", fmt.Sprintf("step %d", step))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
		switch ee, _ := err.(*exec.ExitError); {
		case err == nil:
			recorded++
		case ee != nil && ee.ExitCode() == 2 && strings.Contains(stderr.String(), "no space left on device") && strings.Contains(stderr.String(), "\ncodraft: hint: "):
			failed++
			msg, _, _ := strings.Cut(strings.TrimPrefix(stderr.String(), "codraft: error: "), ":")
			if strings.HasPrefix(msg, "writing object ") {
				msg = "writing object"
			}
			where[msg] = true
		default:
			t.Fatalf("round with %d pages free: %v\n%s", free, err, stderr.String())
		}
		checkWholeRounds(t, dir, home, true)
		testenv.Run(t, codraftCmd(t, dir, home, "rounds"))
		testenv.Run(t, codraftCmd(t, dir, home, "show", "1"))
	}
	if failed == 0 || recorded == 0 {
		t.Errorf("%d rounds failed and %d were recorded: the steps do not cover a full disk", failed, recorded)
	}
	writeDraft(t, dir, "after the full disk")
	testenv.Run(t, codraftCmd(t, dir, home, "round", "after"))
	st := checkWholeRounds(t, dir, home, false)
	if got := gitIn(t, dir, home, "status", "--porcelain"); got != "" {
		t.Errorf("git status after the full disk: %q", got)
	}
	ents, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "*", "tmp_obj_*"))
	more, _ := filepath.Glob(filepath.Join(dir, ".git", "codraft.tmp.*"))
	if left := append(ents, more...); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	t.Logf("%d rounds failed on a full disk (writing %v), %d recorded; %d rounds in all", failed, where, recorded, st.tags)
}

// fill writes the file at p until the file system is full, then gives back
// free pages of 4 KiB.
func fill(t *testing.T, p string, free int) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n := int64(0)
	for {
		k, err := f.Write(buf)
		n += int64(k)
		if errors.Is(err, syscall.ENOSPC) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Truncate(max(0, n-int64(free)*4096)); err != nil {
		t.Fatal(err)
	}
}
