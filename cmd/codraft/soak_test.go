package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/cli"
)

var soak = flag.Duration("soak", 0, "run TestSoak for this long (make soak); 0 skips it")

// TestSoak records rounds and redlines them in a loop, in this process, for
// -soak: each round is the next of the sample drafts with an edit of its
// own, diffed against the one before in every format, summarised, listed
// and exported. It checks that
//   - every command succeeds;
//   - the live heap after a collection stays flat: its largest value in the
//     second half of the run is within 25% (plus 8 MiB) of the largest in
//     the first half, past a warm-up;
//   - every output is deterministic: the same command on the same rounds
//     gives the same bytes, again and again (round 1 against round 2,
//     each time), and twice in a row for the newest pair.
func TestSoak(t *testing.T) {
	if *soak == 0 {
		t.Skip("run with -soak=DURATION (make soak)")
	}
	drafts, _ := filepath.Glob(filepath.Join("..", "..", "drafts", "0*.md"))
	sort.Strings(drafts)
	if len(drafts) < 2 {
		t.Fatal("no sample drafts")
	}
	var texts []string
	for _, f := range drafts {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	dir, home := t.TempDir(), t.TempDir()
	env := testEnv(home)
	codraft := func(args ...string) []byte {
		t.Helper()
		ios, _, out, errOut := cli.Test()
		ios.Dir = dir
		ios.Env = func(k string) string { return env[k] }
		if code := cli.Run(ios, args); code != 0 {
			t.Fatalf("codraft %s: exit %d\n%s", strings.Join(args, " "), code, errOut.Bytes())
		}
		return out.Bytes()
	}
	codraft("init", "--wg", "WG1=One")
	first := map[string][]byte{} // outputs for rounds 1 and 2, as first seen
	pairArgs := func(a, b int) [][]string {
		as, bs := fmt.Sprint(a), fmt.Sprint(b)
		return [][]string{
			{"diff", as, bs}, {"diff", as, bs, "--format", "json"}, {"diff", as, bs, "--format", "markdown"},
			{"diff", as, bs, "--format", "html"}, {"summary", as, bs, "--format", "json"}, {"summary", as, bs, "--format", "markdown"},
		}
	}
	type sample struct {
		at        time.Duration
		heap, rss uint64
	}
	var samples []sample
	start := time.Now()
	n := 0
	for time.Since(start) < *soak {
		n++
		text := texts[(n-1)%len(texts)]
		// an edit of this round's own, in the middle of the draft
		mid := strings.Index(text[len(text)/2:], "\n\n") + len(text)/2
		text = text[:mid] + fmt.Sprintf("\n\nRound %d adds this paragraph, which names its round.", n) + text[mid:]
		if err := os.WriteFile(filepath.Join(dir, "draft.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		codraft("round", fmt.Sprintf("soak %d", n), "--wg", "WG1")
		if n >= 2 {
			for _, args := range pairArgs(n-1, n) {
				one, two := codraft(args...), codraft(args...)
				if !bytes.Equal(one, two) {
					t.Fatalf("round %d: codraft %s gave different bytes twice in a row", n, strings.Join(args, " "))
				}
			}
			for _, args := range pairArgs(1, 2) {
				key := strings.Join(args, " ")
				out := codraft(args...)
				if want, ok := first[key]; !ok {
					first[key] = out
				} else if !bytes.Equal(out, want) {
					t.Fatalf("round %d: codraft %s no longer gives the bytes it gave first", n, key)
				}
			}
			export := filepath.Join(home, "redline.html")
			codraft("export", fmt.Sprint(n-1), fmt.Sprint(n), "-o", export)
			codraft("rounds", "--format", "json")
			codraft("check", "--from", fmt.Sprint(n-1), "--to", fmt.Sprint(n))
		}
		if n%5 == 0 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			samples = append(samples, sample{time.Since(start), m.HeapAlloc, residentBytes()})
		}
	}
	if len(samples) < 6 {
		t.Fatalf("only %d rounds in %s: too few to tell whether memory stays flat", n, *soak)
	}
	// past a warm-up of the first fifth, the halves of the run
	rest := samples[len(samples)/5:]
	half := len(rest) / 2
	peak := func(s []sample) uint64 {
		var p uint64
		for _, x := range s {
			p = max(p, x.heap)
		}
		return p
	}
	early, late := peak(rest[:half]), peak(rest[half:])
	for _, s := range samples {
		t.Logf("%8s  live heap %6.1f MiB  resident %6.1f MiB", s.at.Round(time.Second), float64(s.heap)/(1<<20), float64(s.rss)/(1<<20))
	}
	t.Logf("%d rounds in %s; live heap peak %.1f MiB in the first half, %.1f MiB in the second", n, time.Since(start).Round(time.Second), float64(early)/(1<<20), float64(late)/(1<<20))
	if late > early+early/4+8<<20 {
		t.Errorf("the live heap grew from %.1f MiB to %.1f MiB over the run", float64(early)/(1<<20), float64(late)/(1<<20))
	}
}

// residentBytes is the process's resident set size, from /proc where there
// is one, else 0.
func residentBytes() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb uint64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb << 10
		}
	}
	return 0
}
