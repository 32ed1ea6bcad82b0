// Command bench times "codraft diff --format json" against
// "git diff --no-index --word-diff=porcelain" on the same pairs, in the same
// run, alternating the two, and reports medians, ratios and peak memory.
//
//	go run ./scripts/bench [-runs 5] [-corpus ../shared/corpus]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 5, "alternating runs per pair")
	corpus := flag.String("corpus", "../shared/corpus", "the shared corpus")
	flag.Parse()
	if err := run(*runs, *corpus); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
}

type pair struct{ name, a, b string }

func run(runs int, corpus string) error {
	tmp, err := os.MkdirTemp("", "codraft-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "codraft")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/codraft").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	var pairs []pair
	files, _ := filepath.Glob(filepath.Join(corpus, "de-kwg-large", "*.md"))
	sort.Strings(files)
	if len(files) >= 2 {
		a, _ := os.ReadFile(files[0])
		b, _ := os.ReadFile(files[1])
		pairs = append(pairs, pair{"kwg 1x", files[0], files[1]})
		for _, k := range []int{2, 5, 10} {
			pa, pb := filepath.Join(tmp, fmt.Sprintf("a%d.md", k)), filepath.Join(tmp, fmt.Sprintf("b%d.md", k))
			os.WriteFile(pa, repeat(a, k), 0o644)
			os.WriteFile(pb, repeat(b, k), 0o644)
			pairs = append(pairs, pair{fmt.Sprintf("kwg %dx", k), pa, pb})
		}
	} else {
		fmt.Fprintln(os.Stderr, "bench: de-kwg-large absent; using the sample drafts only")
	}
	drafts, _ := filepath.Glob("drafts/0*.md")
	sort.Strings(drafts)
	if len(drafts) >= 2 {
		pairs = append(pairs, pair{"drafts 1->4", drafts[0], drafts[len(drafts)-1]})
		// the worst case: every paragraph of a ~1 MB draft changed
		src, _ := os.ReadFile(drafts[len(drafts)-1])
		big := repeatToSize(src, 1<<20)
		pa, pb := filepath.Join(tmp, "worst-a.md"), filepath.Join(tmp, "worst-b.md")
		os.WriteFile(pa, big, 0o644)
		os.WriteFile(pb, editEveryParagraph(big), 0o644)
		pairs = append(pairs, pair{"1 MB, every paragraph edited", pa, pb})
	}
	base := measure(bin, "--version")
	fmt.Printf("codraft --version peak RSS: %.1f MB (baseline)\n\n", mb(base.rss))
	fmt.Printf("%-30s %9s %11s %11s %7s %11s %11s %7s %12s %9s\n", "pair", "input", "codraft", "git", "ratio", "cpu codraft", "cpu git", "ratio", "codraft RSS", "RSS/input")
	for _, p := range pairs {
		var ct, gt, cc, gc []time.Duration
		var rss int64
		for i := 0; i < runs; i++ {
			c := measure(bin, "diff", p.a, p.b, "--format", "json", "-o", filepath.Join(tmp, "out.json"))
			if c.err != nil {
				return fmt.Errorf("%s: %v", p.name, c.err)
			}
			g := measure("git", "diff", "--no-index", "--word-diff=porcelain", p.a, p.b)
			ct, gt = append(ct, c.wall), append(gt, g.wall)
			cc, gc = append(cc, c.cpu), append(gc, g.cpu)
			if c.rss > rss {
				rss = c.rss
			}
		}
		size := fileSize(p.a) + fileSize(p.b)
		mc, mg := median(ct), median(gt)
		uc, ug := median(cc), median(gc)
		fmt.Printf("%-30s %7.2fMB %9.0fms %9.0fms %7.2f %9.0fms %9.0fms %7.2f %10.1fMB %9.1f\n", p.name, mb(size), ms(mc), ms(mg),
			float64(mc)/float64(mg), ms(uc), ms(ug), float64(uc)/float64(ug), mb(rss-base.rss), float64(rss-base.rss)/float64(size))
	}
	fmt.Println("\nwall and cpu (user+system) are medians; ratio = codraft / git; RSS is peak resident size above codraft --version's; input = both files")
	return nil
}

type sample struct {
	wall time.Duration
	cpu  time.Duration // user + system
	rss  int64
	err  error
}

// gnuTime is GNU time, which reports a child's own peak resident size;
// rusage would report the larger of it and this process's at the fork.
var gnuTime, _ = exec.LookPath("/usr/bin/time")

func measure(name string, args ...string) sample {
	rssFile := ""
	if gnuTime != "" {
		f, err := os.CreateTemp("", "rss")
		if err == nil {
			f.Close()
			rssFile = f.Name()
			defer os.Remove(rssFile)
			args = append([]string{"-f", "%M", "-o", rssFile, name}, args...)
			name = gnuTime
		}
	}
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if ee, ok := err.(*exec.ExitError); ok && strings.Contains(strings.Join(cmd.Args, " "), " git diff ") && ee.ExitCode() == 1 {
		err = nil // git diff exits 1 when the files differ
	}
	if err != nil {
		s.err = fmt.Errorf("%v: %s", err, stderr.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = ru.Maxrss * 1024
		s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if rssFile != "" {
		if data, err := os.ReadFile(rssFile); err == nil {
			lines := strings.Fields(string(data))
			if len(lines) > 0 {
				if kb, err := strconv.ParseInt(lines[len(lines)-1], 10, 64); err == nil {
					s.rss = kb * 1024
				}
			}
		}
	}
	return s
}

var heading = regexp.MustCompile(`(?m)^(#{1,6} .*)$`)

// repeat makes a document k times larger; the headings of copy i carry
// " (part i)" so that every title stays unique.
func repeat(src []byte, k int) []byte {
	var b bytes.Buffer
	for i := 1; i <= k; i++ {
		b.Write(heading.ReplaceAll(src, []byte(fmt.Sprintf("$1 (part %d)", i))))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func repeatToSize(src []byte, size int) []byte {
	k := size/len(src) + 1
	return repeat(src, k)
}

// editEveryParagraph changes one word in every fifth of each paragraph.
func editEveryParagraph(src []byte) []byte {
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "|") || strings.HasPrefix(l, "---") {
			continue
		}
		w := strings.Fields(l)
		for j := 2; j < len(w); j += 5 {
			w[j] = strings.ToUpper(w[j]) + "x"
		}
		lines[i] = strings.Join(w, " ")
	}
	return []byte(strings.Join(lines, "\n"))
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func mb(n int64) float64         { return float64(n) / (1 << 20) }
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
