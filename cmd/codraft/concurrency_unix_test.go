//go:build unix

package main

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/testenv"
)

var killIterations = flag.Int("kill-iterations", envInt("CODRAFT_KILL_ITERATIONS", 20), "how many times TestKillRound and TestKillImport kill codraft at a random moment (default $CODRAFT_KILL_ITERATIONS, else 20; .ci/run sets 60)")

// codraftCmd runs this test binary as codraft (see TestMain) in dir, with
// the same fixed environment as the scripts.
func codraftCmd(t *testing.T, dir, home string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(testenv.Environ(testEnv(home)), envRunMain+"=1")
	return cmd
}

// draftRepo makes a draft repository with one round and returns its
// directory and HOME.
func draftRepo(t *testing.T) (dir, home string) {
	t.Helper()
	testenv.NeedGit(t)
	dir, home = t.TempDir(), t.TempDir()
	testenv.Run(t, codraftCmd(t, dir, home, "init", "--wg", "WG1=One"))
	writeDraft(t, dir, "base")
	testenv.Run(t, codraftCmd(t, dir, home, "round", "base"))
	return dir, home
}

func writeDraft(t *testing.T, dir, text string) {
	t.Helper()
	content := "# Code\n\n## Measure 1.1\n\n" + text + "\n"
	if err := os.WriteFile(filepath.Join(dir, "draft.md"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gitIn runs git in dir with the environment of the scripts, HOME in home,
// and returns its standard output.
func gitIn(t *testing.T, dir, home string, args ...string) string {
	t.Helper()
	cmd := testenv.GitCommand(t, dir, args...)
	cmd.Env = testenv.Environ(testEnv(home))
	return testenv.Run(t, cmd)
}

// roundState is what checkWholeRounds found.
type roundState struct {
	tags    int // rounds 1..tags are tagged
	pending int // the number of a round commit at HEAD still without its tag, or 0
}

// checkWholeRounds checks that the repository holds whole rounds only:
// git fsck --strict is clean; the round tags are 1..M, each an annotated
// tag of a commit on the branch whose Codraft-Round trailer is its number;
// no number is used twice; and a round commit without its tag (a run killed
// between its two writes) is at most the tip, numbered M+1, and only when
// pendingOK.
func checkWholeRounds(t *testing.T, dir, home string, pendingOK bool) roundState {
	t.Helper()
	gitIn(t, dir, home, "fsck", "--strict", "--no-dangling", "--no-progress")
	commits := map[string]int{} // commit -> Codraft-Round
	seen := map[int]string{}
	head := strings.TrimSpace(gitIn(t, dir, home, "rev-parse", "HEAD"))
	for _, line := range strings.Split(strings.TrimSpace(gitIn(t, dir, home, "log", "--format=%H %(trailers:key=Codraft-Round,valueonly,separator=%x2C)", "HEAD")), "\n") {
		hash, trailer, _ := strings.Cut(line, " ")
		if trailer == "" {
			continue
		}
		n, err := strconv.Atoi(trailer)
		if err != nil {
			t.Fatalf("commit %s: Codraft-Round %q", hash, trailer)
		}
		if other, dup := seen[n]; dup {
			t.Fatalf("round %d recorded twice: %s and %s", n, other, hash)
		}
		seen[n], commits[hash] = hash, n
	}
	var nums []int
	tagged := map[string]bool{}
	refs := strings.TrimSpace(gitIn(t, dir, home, "for-each-ref", "--format=%(refname:strip=3) %(objecttype) %(*objecttype) %(*objectname)", "refs/tags/round/"))
	for _, line := range strings.Split(refs, "\n") {
		if line == "" {
			continue
		}
		f := strings.Fields(line)
		n, err := strconv.Atoi(f[0])
		if err != nil || len(f) != 4 || f[1] != "tag" || f[2] != "commit" {
			t.Fatalf("bad round tag: %q", line)
		}
		if commits[f[3]] != n {
			t.Fatalf("tag round/%d points at %s, whose Codraft-Round is %d", n, f[3], commits[f[3]])
		}
		nums = append(nums, n)
		tagged[f[3]] = true
	}
	sort.Ints(nums)
	for i, n := range nums {
		if n != i+1 {
			t.Fatalf("round tags are not 1..%d: %v", len(nums), nums)
		}
	}
	st := roundState{tags: len(nums)}
	for hash, n := range commits {
		if tagged[hash] {
			continue
		}
		if !pendingOK || hash != head || n != len(nums)+1 {
			t.Fatalf("round %d (%s) has no tag (HEAD %s, %d tags)", n, hash, head, len(nums))
		}
		st.pending = n
	}
	return st
}

func TestConcurrentRoundsWait(t *testing.T) {
	dir, home := draftRepo(t)
	const racers = 4
	var wg sync.WaitGroup
	errs := make([]error, racers)
	outs := make([][]byte, racers)
	for i := range racers {
		cmd := codraftCmd(t, dir, home, "round", "--allow-empty", fmt.Sprintf("racer %d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range racers {
		if errs[i] != nil {
			t.Errorf("racer %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	st := checkWholeRounds(t, dir, home, false)
	if st.tags != racers+1 {
		t.Errorf("%d rounds, want %d", st.tags, racers+1)
	}
	labels := gitIn(t, dir, home, "log", "--format=%s")
	for i := range racers {
		if strings.Count(labels, fmt.Sprintf(": racer %d\n", i)) != 1 {
			t.Errorf("racer %d is not recorded once:\n%s", i, labels)
		}
	}
	if got := gitIn(t, dir, home, "status", "--porcelain", "--untracked-files=no"); got != "" {
		t.Errorf("git status: %q", got)
	}
}

func TestConcurrentRoundsOneEdit(t *testing.T) {
	dir, home := draftRepo(t)
	writeDraft(t, dir, "edited once")
	const racers = 3
	var wg sync.WaitGroup
	errs := make([]error, racers)
	stderrs := make([]bytes.Buffer, racers)
	for i := range racers {
		cmd := codraftCmd(t, dir, home, "round", "edit")
		cmd.Stderr = &stderrs[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = cmd.Run()
		}()
	}
	wg.Wait()
	won := 0
	for i := range racers {
		if errs[i] == nil {
			won++
			continue
		}
		if !strings.Contains(stderrs[i].String(), "codraft: error: nothing changed since round 2") {
			t.Errorf("racer %d: %v\n%s", i, errs[i], stderrs[i].String())
		}
	}
	if won != 1 {
		t.Errorf("%d racers recorded the edit, want 1", won)
	}
	if st := checkWholeRounds(t, dir, home, false); st.tags != 2 {
		t.Errorf("%d rounds, want 2", st.tags)
	}
}

func TestLockedRepositoryFailsClearly(t *testing.T) {
	dir, home := draftRepo(t)
	lock := filepath.Join(dir, ".git", "codraft.lock")
	f, err := os.OpenFile(lock, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	writeDraft(t, dir, "blocked")
	cmd := codraftCmd(t, dir, home, "round", "blocked")
	cmd.Env = append(cmd.Env, "CODRAFT_LOCK_TIMEOUT=300ms")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Fatalf("round while locked: %v, want exit 2", err)
	}
	want := "codraft: error: another codraft process is writing to this repository (it holds " + lock + "; waited 300ms)\n" +
		"codraft: hint: wait for it to finish, then run the command again\n"
	if stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
	if st := checkWholeRounds(t, dir, home, false); st.tags != 1 {
		t.Errorf("%d rounds, want 1", st.tags)
	}
}

// TestKillRound kills "codraft round" (SIGKILL) at random moments: after
// each kill the repository has whole rounds only (a round commit whose tag
// was not yet written counts: the next writer tags it), and at the end the
// next round works and leaves everything tagged and git status clean.
// Raise -kill-iterations for a longer soak.
func TestKillRound(t *testing.T) {
	dir, home := draftRepo(t)
	// How long one round takes here, start to exit.
	writeDraft(t, dir, "timing")
	start := time.Now()
	testenv.Run(t, codraftCmd(t, dir, home, "round", "timing"))
	span := time.Since(start)
	killed, pending := 0, 0
	for i := range *killIterations {
		writeDraft(t, dir, fmt.Sprintf("iteration %d", i))
		cmd := codraftCmd(t, dir, home, "round", fmt.Sprintf("iteration %d", i))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Half the kills anywhere in the run, half in its second half,
		// where the writes are.
		delay := rand.N(span + span/5)
		if i%2 == 1 {
			delay = span/2 + rand.N(span/2+span/5)
		}
		time.Sleep(delay)
		if cmd.Process.Kill() == nil {
			killed++
		}
		err := cmd.Wait()
		if err != nil && !strings.Contains(err.Error(), "killed") {
			t.Fatalf("iteration %d: %v\n%s", i, err, out.Bytes())
		}
		if checkWholeRounds(t, dir, home, true).pending > 0 {
			pending++
		}
		testenv.Run(t, codraftCmd(t, dir, home, "rounds"))
	}
	writeDraft(t, dir, "after the kills")
	testenv.Run(t, codraftCmd(t, dir, home, "round", "after"))
	st := checkWholeRounds(t, dir, home, false)
	last := gitIn(t, dir, home, "log", "-1", "--format=%s", "round/"+strconv.Itoa(st.tags))
	if last != "Round "+strconv.Itoa(st.tags)+": after\n" {
		t.Errorf("last round is %q, want round %d: after", last, st.tags)
	}
	if got := gitIn(t, dir, home, "status", "--porcelain", "--untracked-files=no"); got != "" {
		t.Errorf("git status after the kills: %q", got)
	}
	for _, p := range []string{"index.lock", "refs/heads/main.lock"} {
		if _, err := os.Stat(filepath.Join(dir, ".git", p)); err == nil {
			t.Errorf(".git/%s left behind", p)
		}
	}
	t.Logf("%d kills over a %s round: %d left a round without its tag; %d rounds recorded", killed, span, pending, st.tags)
}
