//go:build unix

package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/testenv"
)

// envInt is the integer in the environment variable name, or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// TestKillImport kills "codraft import" of three rounds (SIGKILL) at random
// moments, -kill-iterations times. After each kill the repository passes
// git fsck --strict and holds whole rounds only; at the end the next round
// works and leaves every round tagged and git status clean.
func TestKillImport(t *testing.T) {
	dir, home := draftRepo(t)
	src := t.TempDir()
	writeSources := func(i int) {
		for k := 1; k <= 3; k++ {
			text := fmt.Sprintf("# Code\n\n## Measure 1.%d\n\nImport %d, round %d: %s\n", k, i, k, strings.Repeat("text ", 50*k))
			if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("%02d-2025-01-%02d-import-%d.md", k, k, i)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	clearSources := func() {
		ents, _ := os.ReadDir(src)
		for _, e := range ents {
			os.Remove(filepath.Join(src, e.Name()))
		}
	}
	// How long one import of three rounds takes here.
	writeSources(-1)
	start := time.Now()
	testenv.Run(t, codraftCmd(t, dir, home, "import", src, "--as", "timing.md", "--force"))
	span := time.Since(start)
	killed, pending := 0, 0
	for i := range *killIterations {
		clearSources()
		writeSources(i)
		// each import writes its own draft file, so that a file a killed
		// import wrote but did not record does not stop the next
		cmd := codraftCmd(t, dir, home, "import", src, "--as", fmt.Sprintf("import-%d.md", i), "--force")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(rand.N(span + span/5))
		if cmd.Process.Kill() == nil {
			killed++
		}
		if err := cmd.Wait(); err != nil && !strings.Contains(err.Error(), "killed") {
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
	if got := gitIn(t, dir, home, "log", "-1", "--format=%s", "round/"+strconv.Itoa(st.tags)); got != "Round "+strconv.Itoa(st.tags)+": after\n" {
		t.Errorf("last round is %q", got)
	}
	if got := gitIn(t, dir, home, "status", "--porcelain", "--untracked-files=no"); got != "" {
		t.Errorf("git status after the kills: %q", got)
	}
	t.Logf("%d kills over a %s import of 3 rounds: %d left a round without its tag; %d rounds recorded", killed, span, pending, st.tags)
}

// TestConcurrentWriters runs 2, 5 and 8 writers at once on one repository,
// rounds and imports mixed: each waits for the others, every one succeeds,
// and the repository holds each of their rounds once, whole, in a row.
func TestConcurrentWriters(t *testing.T) {
	for _, n := range []int{2, 5, 8} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			dir, home := draftRepo(t)
			want := 1 // round 1 of draftRepo
			var cmds []*exec.Cmd
			for i := range n {
				if i%2 == 0 {
					cmds = append(cmds, codraftCmd(t, dir, home, "round", "--allow-empty", fmt.Sprintf("writer %d", i)))
					want++
					continue
				}
				src := t.TempDir()
				for k := 1; k <= 2; k++ {
					name := filepath.Join(src, fmt.Sprintf("%02d-writer-%d-part-%d.md", k, i, k))
					if err := os.WriteFile(name, []byte(fmt.Sprintf("# Writer %d\n\nPart %d.\n", i, k)), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				cmds = append(cmds, codraftCmd(t, dir, home, "import", src, "--as", fmt.Sprintf("writer-%d.md", i), "--force"))
				want += 2
			}
			var wg sync.WaitGroup
			outs := make([][]byte, n)
			errs := make([]error, n)
			for i, cmd := range cmds {
				wg.Add(1)
				go func() {
					defer wg.Done()
					outs[i], errs[i] = cmd.CombinedOutput()
				}()
			}
			wg.Wait()
			for i := range n {
				if errs[i] != nil {
					t.Errorf("writer %d: %v\n%s", i, errs[i], outs[i])
				}
			}
			st := checkWholeRounds(t, dir, home, false)
			if st.tags != want {
				t.Errorf("%d rounds, want %d", st.tags, want)
			}
			subjects := gitIn(t, dir, home, "log", "--format=%s")
			for i := range n {
				label := fmt.Sprintf(": writer %d\n", i)
				count := 1
				if i%2 == 1 {
					label = fmt.Sprintf(": writer %d part", i)
					count = 2
				}
				if got := strings.Count(subjects, label); got != count {
					t.Errorf("writer %d recorded %d rounds, want %d:\n%s", i, got, count, subjects)
				}
			}
			if got := gitIn(t, dir, home, "status", "--porcelain", "--untracked-files=no"); got != "" {
				t.Errorf("git status: %q", got)
			}
		})
	}
}

// TestDamagedObjectCLI: with an object of round 2 damaged, the commands that
// need it exit 2 naming the object, with the fix; round 1 stays readable.
func TestDamagedObjectCLI(t *testing.T) {
	dir, home := draftRepo(t)
	writeDraft(t, dir, "second text")
	testenv.Run(t, codraftCmd(t, dir, home, "round", "two"))
	for _, spec := range []string{"round/2:draft.md", "round/2^{commit}"} {
		h := strings.TrimSpace(gitIn(t, dir, home, "rev-parse", spec))
		obj := filepath.Join(dir, ".git", "objects", h[:2], h[2:])
		good, err := os.ReadFile(obj)
		if err != nil {
			t.Fatal(err)
		}
		bad := append([]byte(nil), good...)
		copy(bad[5:], "garbage")
		if err := os.WriteFile(obj, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"rounds"}, {"show", "2"}, {"diff", "1", "2"}, {"export", "1", "2", "-o", filepath.Join(t.TempDir(), "r.html")}, {"summary", "1", "2"}} {
			cmd := codraftCmd(t, dir, home, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			msg := stderr.String()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 ||
				!strings.HasPrefix(msg, "codraft: error: ") || !strings.Contains(msg, "the repository is damaged: object "+h) ||
				!strings.Contains(msg, `codraft: hint: run "git fsck --full"`) {
				t.Errorf("%s damaged, codraft %s: %v\n%s", spec, strings.Join(args, " "), err, msg)
			}
		}
		if got := testenv.Run(t, codraftCmd(t, dir, home, "show", "1")); !strings.Contains(got, "base") {
			t.Errorf("show 1 with %s damaged: %q", spec, got)
		}
		if err := os.WriteFile(obj, good, 0o444); err != nil {
			t.Fatal(err)
		}
	}
	checkWholeRounds(t, dir, home, false)
}
