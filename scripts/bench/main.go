// Command bench prints the performance table of codraft against its
// targets, every figure measured beside its peer in the same run:
//
//   - "codraft diff --format json" against "git diff --no-index
//     --word-diff=porcelain" on de-kwg-large at 1×, 2×, 5× and 10× (k
//     concatenated copies of each round) and on a ~1 MB draft with every
//     paragraph edited, alternating the two: medians of wall and CPU time,
//     their ratios, peak memory above "codraft --version"'s as a multiple of
//     the input, and the growth of time from 1×;
//   - "export … -o x.html" and "summary" against "diff --format json" on the
//     de-kwg-large pair, alternating the three;
//   - "check" over 100 commits of a ~200 KB draft recorded with
//     "codraft round" in a temporary repository.
//
// diff, summary and git write to standard output, which is the null
// device, so that no command's figure holds the writing of a file but
// export's, whose target names "-o x.html" (codraft writes a file named
// by -o atomically, with an fsync: several milliseconds for the 2.8 MB of
// JSON of the 1× pair, which git's figure would not hold).
//
// With -base BIN, BIN (another build of codraft, say the one before a
// change) runs "diff --format json" beside the new one on every pair, and the
// table gains its CPU ratio: a same-run before/after comparison.
//
//	go run ./scripts/bench [-runs 5] [-corpus ../shared/corpus] [-base BIN] [-commits 100] [-only diff|commands|check] [-keep DIR]
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
	base := flag.String("base", "", "another codraft binary to compare with on every pair (before/after)")
	commits := flag.Int("commits", 100, "commits in the history that check reads (0 skips check)")
	only := flag.String("only", "", "run one table only: diff, commands or check")
	keep := flag.String("keep", "", "record check's history in this new directory and keep it (for profiling)")
	flag.Parse()
	switch *only {
	case "", "diff", "commands", "check":
	default:
		fmt.Fprintf(os.Stderr, "bench: -only takes diff, commands or check, not %q\n", *only)
		os.Exit(2)
	}
	b := &bench{runs: *runs, base: *base, only: *only, keep: *keep}
	if err := b.run(*corpus, *commits); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
}

type pair struct{ name, a, b string }

type bench struct {
	runs     int
	bin      string
	base     string // optional: a second codraft binary
	tmp      string
	baseline int64  // peak RSS of codraft --version
	only     string // one table only, or ""
	keep     string // where check's history is kept, or ""
}

// wants reports whether table t is to be run.
func (b *bench) wants(t string) bool { return b.only == "" || b.only == t }

func (b *bench) run(corpus string, commits int) error {
	tmp, err := os.MkdirTemp("", "codraft-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	b.tmp = tmp
	b.bin = filepath.Join(tmp, "codraft")
	build := exec.Command("go", "build", "-o", b.bin, "./cmd/codraft")
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build links it
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	if b.base != "" {
		if b.base, err = filepath.Abs(b.base); err != nil {
			return err
		}
	}
	pairs, err := b.pairs(corpus)
	if err != nil {
		return err
	}
	var v series
	for i := 0; i < b.runs; i++ {
		v.add(measure(b.bin, "--version"))
	}
	b.baseline = v.rss
	fmt.Printf("codraft --version (start-up alone): wall %.0f ms, cpu %.0f ms, peak RSS %.1f MB (the baseline of RSS+)\n\n",
		ms(median(v.wall)), ms(median(v.cpu)), mb(b.baseline))
	if b.wants("diff") {
		if err := b.diffTable(pairs); err != nil {
			return err
		}
	}
	if b.wants("commands") && len(pairs) > 0 && strings.HasPrefix(pairs[0].name, "kwg") {
		if err := b.commandTable(pairs[0]); err != nil {
			return err
		}
	}
	if commits > 0 && b.wants("check") {
		if err := b.checkRow(commits); err != nil {
			return err
		}
	}
	return nil
}

// pairs writes the k× copies of de-kwg-large and the every-paragraph
// edit case into the temporary directory.
func (b *bench) pairs(corpus string) ([]pair, error) {
	var pairs []pair
	files, _ := filepath.Glob(filepath.Join(corpus, "de-kwg-large", "*.md"))
	sort.Strings(files)
	if len(files) >= 2 {
		a, errA := os.ReadFile(files[0])
		c, errB := os.ReadFile(files[1])
		if errA != nil || errB != nil {
			return nil, fmt.Errorf("reading de-kwg-large: %v %v", errA, errB)
		}
		pairs = append(pairs, pair{"kwg 1x", files[0], files[1]})
		for _, k := range []int{2, 5, 10} {
			pa, pb, err := b.writePair(fmt.Sprintf("kwg%d", k), repeat(a, k), repeat(c, k))
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, pair{fmt.Sprintf("kwg %dx", k), pa, pb})
		}
	} else {
		fmt.Fprintln(os.Stderr, "bench: de-kwg-large absent; using the sample drafts only")
	}
	drafts, _ := filepath.Glob("drafts/0*.md")
	sort.Strings(drafts)
	if len(drafts) >= 2 {
		src, err := os.ReadFile(drafts[len(drafts)-1])
		if err != nil {
			return nil, err
		}
		big := repeatToSize(src, 1<<20)
		pa, pb, err := b.writePair("worst", big, editEveryParagraph(big))
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, pair{"1 MB, every paragraph edited", pa, pb})
	}
	return pairs, nil
}

func (b *bench) writePair(name string, x, y []byte) (string, string, error) {
	pa, pb := filepath.Join(b.tmp, name+"-a.md"), filepath.Join(b.tmp, name+"-b.md")
	if err := os.WriteFile(pa, x, 0o644); err != nil {
		return "", "", err
	}
	return pa, pb, os.WriteFile(pb, y, 0o644)
}

// series is the samples of one command over the runs.
type series struct {
	wall, cpu []time.Duration
	rss       int64
}

func (s *series) add(x sample) {
	s.wall, s.cpu = append(s.wall, x.wall), append(s.cpu, x.cpu)
	s.rss = max(s.rss, x.rss)
}

func (b *bench) diffTable(pairs []pair) error {
	fmt.Println("diff --format json ÷ git diff --no-index --word-diff=porcelain")
	head := fmt.Sprintf("%-29s %8s %9s %9s %6s %9s %9s %6s %9s %7s %7s", "pair", "input", "codraft", "git", "wall", "cpu cd", "cpu git", "cpu", "RSS+", "RSS+", "growth")
	if b.base != "" {
		head += fmt.Sprintf(" %9s %7s", "cpu base", "new/bas")
	}
	fmt.Println(head)
	fmt.Printf("%-29s %8s %9s %9s %6s %9s %9s %6s %9s %7s %7s\n", "", "MB", "wall ms", "wall ms", "ratio", "ms", "ms", "ratio", "MB", "÷input", "cpu÷1x")
	var cpu1 time.Duration
	for _, p := range pairs {
		var c, g, o series
		for i := 0; i < b.runs; i++ {
			x := measure(b.bin, "diff", p.a, p.b, "--format", "json")
			if x.err != nil {
				return fmt.Errorf("%s: %v", p.name, x.err)
			}
			c.add(x)
			g.add(measure("git", "diff", "--no-index", "--word-diff=porcelain", p.a, p.b))
			if b.base != "" {
				o.add(measure(b.base, "diff", p.a, p.b, "--format", "json"))
			}
		}
		size := fileSize(p.a) + fileSize(p.b)
		mc, mg, uc, ug := median(c.wall), median(g.wall), median(c.cpu), median(g.cpu)
		if p.name == "kwg 1x" {
			cpu1 = uc
		}
		growth := "-"
		if cpu1 > 0 && strings.HasPrefix(p.name, "kwg") {
			growth = fmt.Sprintf("%.1f", float64(uc)/float64(cpu1))
		}
		row := fmt.Sprintf("%-29s %8.2f %9.0f %9.0f %6.2f %9.0f %9.0f %6.2f %9.1f %7.1f %7s", p.name, mb(size), ms(mc), ms(mg),
			ratio(mc, mg), ms(uc), ms(ug), ratio(uc, ug), mb(c.rss-b.baseline), float64(c.rss-b.baseline)/float64(size), growth)
		if b.base != "" {
			row += fmt.Sprintf(" %9.0f %7.2f", ms(median(o.cpu)), ratio(uc, median(o.cpu)))
		}
		fmt.Println(row)
	}
	fmt.Println("medians; cpu = user+system; RSS+ = peak resident size above codraft --version's; input = both files;")
	fmt.Println("growth = codraft's cpu at k× ÷ at 1× (linear: k)")
	return nil
}

// commandTable compares export to HTML and summary with diff --format json
// on one pair, alternating the three.
func (b *bench) commandTable(p pair) error {
	cmds := []struct {
		name string
		args []string
	}{
		{"diff --format json", []string{"diff", p.a, p.b, "--format", "json"}},
		{"export -o x.html", []string{"export", p.a, p.b, "-o", filepath.Join(b.tmp, "x.html")}},
		{"summary", []string{"summary", p.a, p.b, "--no-pager"}},
	}
	got := make([]series, len(cmds))
	for i := 0; i < b.runs; i++ {
		for k, c := range cmds {
			x := measure(b.bin, c.args...)
			if x.err != nil {
				return fmt.Errorf("%s: %v", c.name, x.err)
			}
			got[k].add(x)
		}
	}
	fmt.Printf("\n%s: other commands ÷ diff --format json\n", p.name)
	fmt.Printf("%-29s %9s %6s %9s %6s %9s\n", "command", "wall ms", "ratio", "cpu ms", "ratio", "RSS+ MB")
	w0, c0 := median(got[0].wall), median(got[0].cpu)
	for k, c := range cmds {
		w, u := median(got[k].wall), median(got[k].cpu)
		fmt.Printf("%-29s %9.0f %6.2f %9.0f %6.2f %9.1f\n", c.name, ms(w), ratio(w, w0), ms(u), ratio(u, c0), mb(got[k].rss-b.baseline))
	}
	return nil
}

// checkRow records n rounds of a ~200 KB draft, each editing a few
// paragraphs and citing a working group, then times check over them.
func (b *bench) checkRow(n int) error {
	src, err := os.ReadFile("drafts/04-2025-07-10-final.md")
	if err != nil {
		return fmt.Errorf("check history: %v", err)
	}
	repo := filepath.Join(b.tmp, "history")
	if b.keep != "" {
		repo = b.keep
	}
	if err := os.Mkdir(repo, 0o755); err != nil {
		return err
	}
	if err := b.codraft(repo, "init", "--title", "Bench", "--wg", "WG1=Bench"); err != nil {
		return err
	}
	draft := repeatToSize(src, 200<<10)
	for i := 1; i <= n; i++ {
		if err := os.WriteFile(filepath.Join(repo, "draft.md"), draft, 0o644); err != nil {
			return err
		}
		if err := b.codraft(repo, "round", fmt.Sprintf("r%d", i), "--date", "2025-01-01", "--wg", "WG1", "--author", "Bench <bench@example.org>"); err != nil {
			return err
		}
		draft = editSomeParagraphs(draft, i)
	}
	var c series
	for i := 0; i < b.runs; i++ {
		x := measure(b.bin, "-C", repo, "check", "--from", "round/1", "--to", "HEAD")
		if x.err != nil {
			return fmt.Errorf("check: %v", x.err)
		}
		c.add(x)
	}
	fmt.Printf("\ncheck over %d commits of a %.0f KB draft: wall %.0f ms, cpu %.0f ms, RSS+ %.1f MB\n", n-1, float64(len(draft))/1024,
		ms(median(c.wall)), ms(median(c.cpu)), mb(c.rss-b.baseline))
	return nil
}

func (b *bench) codraft(dir string, args ...string) error {
	cmd := exec.Command(b.bin, append([]string{"-C", dir}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("codraft %s: %v\n%s", strings.Join(args, " "), err, out)
	}
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

// editSomeParagraphs changes a word on three text lines spread over the
// draft, different ones each round.
func editSomeParagraphs(src []byte, round int) []byte {
	lines := strings.Split(string(src), "\n")
	for k := 0; k < 3; k++ {
		i := (round*7919 + k*len(lines)/3) % len(lines)
		for ; i < len(lines); i++ {
			l := lines[i]
			if l != "" && !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "|") && !strings.HasPrefix(l, "---") && strings.Count(l, " ") > 3 {
				lines[i] = l + fmt.Sprintf(" (amended in round %d)", round)
				break
			}
		}
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

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func mb(n int64) float64         { return float64(n) / (1 << 20) }
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
