package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/testenv"
)

// chkRun runs codraft in dir and returns its exit code and output.
func chkRun(t testing.TB, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := Test()
	ios.Dir = dir
	ios.Env = func(k string) string {
		switch k {
		case envAuthor:
			return "Ada Drafter <ada@example.org>"
		}
		return os.Getenv(k)
	}
	code = Run(ios, args)
	return code, out.String(), errOut.String()
}

// sampleRepo imports the sample drafts (drafts/0*.md) as rounds 1-4, each
// citing the four working groups, as the demo does.
func sampleRepo(t *testing.T) string {
	t.Helper()
	testenv.NeedGit(t)
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	testenv.Git(t, dir, "init", "-q", "-b", "main")
	src, err := filepath.Abs(filepath.Join("..", "..", "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(src, "codraft.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "codraft.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(src, "0*.md"))
	if len(files) != 4 {
		t.Fatalf("sample drafts: %v", files)
	}
	args := append([]string{"import"}, files...)
	args = append(args, "--wg", "WG1", "--wg", "WG2", "--wg", "WG3", "--wg", "WG4")
	if code, _, stderr := chkRun(t, dir, args...); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	return dir
}

// TestCheckSampleDrafts: the sample drafts' history cites its working
// groups; an uncited edit of one section fails, naming its file and line.
func TestCheckSampleDrafts(t *testing.T) {
	dir := sampleRepo(t)
	// The whole history, in two ranges: the first round against an empty
	// draft, then rounds 2 to 4.
	for _, args := range [][]string{{"check"}, {"check", "--to", "round/1"}, {"check", "--from", "round/1", "--to", "round/4"}} {
		code, stdout, stderr := chkRun(t, dir, args...)
		if code != 0 || stdout != "" {
			t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	_, _, stderr := chkRun(t, dir, "check", "--to", "round/1")
	if want := "codraft: checked 1 commit from the start of history to round/1: every change cites a working group\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}

	// Edit one section of the final draft and commit it without a trailer.
	path := filepath.Join(dir, "draft.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	line := 0
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "### Measure 6.2: ") {
			line = i + 1
		}
	}
	edited := strings.Replace(string(data), "than 20 percent", "than 15 percent", 1)
	if line == 0 || edited == string(data) {
		t.Fatal("the sample draft has no Measure 6.2 with \"than 20 percent\"")
	}
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	testenv.Git(t, dir, "commit", "-q", "-am", "Lower the threshold")
	head := strings.TrimSpace(testenv.Git(t, dir, "rev-parse", "HEAD"))

	code, stdout, stderr := chkRun(t, dir, "check")
	want := fmt.Sprintf("draft.md:%d: Measure 6.2 \"Risk tiers and thresholds\" changed in %s without a working-group citation\n"+
		"  hint: git commit --amend --no-edit --trailer \"Working-Group: WG3\"\n", line, head[:7])
	if code != ExitFindings || stdout != want {
		t.Errorf("check after an uncited edit: exit %d\n got %q\nwant %q\n%s", code, stdout, want, stderr)
	}
	code, stdout, _ = chkRun(t, dir, "check", "--format", "json")
	var doc struct {
		Schema   string
		Findings []struct {
			File, Section, Number, Rule, Severity string
			Line                                  int
			Commit                                string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if code != ExitFindings || doc.Schema != CheckSchema || len(doc.Findings) != 1 {
		t.Fatalf("json: exit %d, %s", code, stdout)
	}
	f := doc.Findings[0]
	if f.File != "draft.md" || f.Line != line || f.Section != "risk-tiers-and-thresholds" || f.Number != "Measure 6.2" || f.Commit != head || f.Rule != "uncited" || f.Severity != "error" {
		t.Errorf("json finding = %+v", f)
	}

	// The hint's command fixes it.
	testenv.Git(t, dir, "commit", "-q", "--amend", "--no-edit", "--trailer", "Working-Group: WG3")
	if code, stdout, stderr := chkRun(t, dir, "check"); code != 0 {
		t.Errorf("after the fix: exit %d\n%s%s", code, stdout, stderr)
	}
}

// gitState is what a read-only command must leave as it is: every file
// under .git (content, mode and modification time), the refs, and what
// git status says.
func gitState(t *testing.T, dir string) map[string]string {
	t.Helper()
	st := map[string]string{}
	root := filepath.Join(dir, ".git")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		v := fmt.Sprintf("%v %d", info.Mode(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		st[rel] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st["(refs)"] = strings.TrimSpace(testenv.Git(t, dir, "show-ref"))
	// --no-optional-locks: git status would otherwise refresh the index
	st["(status)"] = strings.TrimSpace(testenv.Git(t, dir, "--no-optional-locks", "status", "--porcelain", "--untracked-files=all"))
	return st
}

// TestCheckNeverWrites runs check in every mode, passing, failing and in
// error, and finds the repository exactly as before.
func TestCheckNeverWrites(t *testing.T) {
	dir := sampleRepo(t)
	// an uncited commit, a merge and a commit message being written
	testenv.Git(t, dir, "switch", "-q", "-c", "side", "round/3")
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	testenv.Git(t, dir, "add", "notes.txt")
	testenv.Git(t, dir, "commit", "-q", "-m", "Notes")
	testenv.Git(t, dir, "switch", "-q", "main")
	testenv.Git(t, dir, "merge", "-q", "--no-ff", "-m", "Merge notes", "side")
	data, _ := os.ReadFile(filepath.Join(dir, "draft.md"))
	os.WriteFile(filepath.Join(dir, "draft.md"), bytes.Replace(data, []byte("Signatories"), []byte("The signatories"), 1), 0o644)
	testenv.Git(t, dir, "commit", "-q", "-am", "Uncited")
	os.WriteFile(filepath.Join(dir, "draft.md"), bytes.Replace(data, []byte("Signatories"), []byte("All signatories"), 1), 0o644)
	testenv.Git(t, dir, "add", "draft.md")
	msg := filepath.Join(t.TempDir(), "COMMIT_EDITMSG")
	os.WriteFile(msg, []byte("Staged edit\n"), 0o644)

	before := gitState(t, dir)
	runs := [][]string{
		{"check"},
		{"check", "--format", "json"},
		{"check", "--format", "github", "--strict"},
		{"check", "--from", "round/1"},
		{"check", "--to", "round/2"},
		{"check", "--message", msg},
		{"check", "--from", "no-such-revision"},
	}
	for _, args := range runs {
		code, _, stderr := chkRun(t, dir, args...)
		if code == ExitOK && args[1] != "--to" {
			t.Errorf("%v: exit 0, want findings or an error", args)
		}
		if code == ExitError && args[2] != "no-such-revision" {
			t.Errorf("%v: exit 2: %s", args, stderr)
		}
	}
	after := gitState(t, dir)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("check changed the repository (-before +after):\n%s", diff)
	}
}

// perfRepo builds a history of commits over a draft of about size bytes
// with the git command line: the first commit cites every working group,
// every later one edits two measures and cites one group for them; when
// tag is set, every commits/rounds-th commit is tagged round/N (so HEAD is
// the last round). It returns the repository and the draft's size.
func perfRepo(tb testing.TB, commits, rounds int, tag bool) (dir string, size int) {
	tb.Helper()
	testenv.NeedGit(tb)
	testenv.SetGitEnv(tb)
	dir = tb.TempDir()
	testenv.Git(tb, dir, "init", "-q", "-b", "main")
	cfg := "title: Perf\ndocuments: [draft.md]\nworking_groups:\n"
	for g := 1; g <= 4; g++ {
		cfg += fmt.Sprintf("  - {id: WG%d, name: Group %d}\n", g, g)
	}
	os.WriteFile(filepath.Join(dir, "codraft.yaml"), []byte(cfg), 0o644)
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("signatories shall should may assess document report mitigate systemic risk model provider evaluation incident serious threshold capability governance security training data transparency copyright policy measure commitment annex within days office")
	sentence := func() string {
		n := 8 + rng.IntN(8)
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		return strings.ToUpper(ws[0][:1]) + strings.Join(ws, " ")[1:] + "."
	}
	// 10 chapters x 10 commitments x 5 measures, two paragraphs each
	type measure struct {
		head  string
		paras [2]string
	}
	var ms []measure
	var b strings.Builder
	render := func() string {
		b.Reset()
		b.WriteString("---\ntitle: Perf\n---\nA preamble paragraph.\n\n")
		i := 0
		for ch := 1; ch <= 10; ch++ {
			fmt.Fprintf(&b, "# Chapter %d: Chapter title %d\n\n", ch, ch)
			for c := 1; c <= 10; c++ {
				fmt.Fprintf(&b, "## Commitment %d: Commitment title %d-%d\n\n", (ch-1)*10+c, ch, c)
				for m := 1; m <= 5; m++ {
					x := ms[i]
					fmt.Fprintf(&b, "%s\n\n%s\n\n%s\n\n", x.head, x.paras[0], x.paras[1])
					i++
				}
			}
		}
		return b.String()
	}
	for ch := 1; ch <= 10; ch++ {
		for c := 1; c <= 10; c++ {
			for m := 1; m <= 5; m++ {
				n := (ch-1)*10 + c
				x := measure{head: fmt.Sprintf("### Measure %d.%d: Measure title %d-%d", n, m, n, m)}
				for p := range x.paras {
					x.paras[p] = sentence() + " " + sentence()
				}
				ms = append(ms, x)
			}
		}
	}
	write := func() {
		text := render()
		size = len(text)
		if err := os.WriteFile(filepath.Join(dir, "draft.md"), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write()
	testenv.Git(tb, dir, "add", "codraft.yaml", "draft.md")
	testenv.Git(tb, dir, "commit", "-q", "-m", "Round 1", "--trailer", "Working-Group: WG1", "--trailer", "Working-Group: WG2", "--trailer", "Working-Group: WG3", "--trailer", "Working-Group: WG4")
	per := commits / rounds
	for i := 2; i <= commits; i++ {
		var ids []string
		for range 2 {
			k := rng.IntN(len(ms))
			ms[k].paras[rng.IntN(2)] = sentence() + " " + sentence()
			ids = append(ids, fmt.Sprintf("measure-title-%d-%d", k/5+1, k%5+1))
		}
		write()
		testenv.Git(tb, dir, "commit", "-q", "-am", fmt.Sprintf("Edit %d", i), "--trailer",
			fmt.Sprintf("Working-Group: WG%d (%s)", i%4+1, strings.Join(ids, ", ")))
		if tag && i%per == 0 {
			testenv.Git(tb, dir, "tag", fmt.Sprintf("round/%d", i/per))
		}
	}
	return dir, size
}

// TestCheckPerformance measures check on a hundred commits over a
// ten-round history of a draft of about 200 KB, and logs the time (run
// with -v to see it; skipped with -short).
func TestCheckPerformance(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100-commit history")
	}
	dir, size := perfRepo(t, 100, 10, true)
	if n := strings.TrimSpace(testenv.Git(t, dir, "rev-list", "--count", "HEAD")); n != "100" {
		t.Fatalf("%s commits", n)
	}
	if tags := strings.Fields(testenv.Git(t, dir, "tag", "-l", "round/*")); len(tags) != 10 {
		t.Fatalf("tags %v", tags)
	}
	measure := func(args ...string) {
		cpu0 := cpuTime()
		start := time.Now()
		code, stdout, stderr := chkRun(t, dir, args...)
		d := time.Since(start)
		cpu := cpuTime() - cpu0
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
		t.Logf("%v on a %d-byte draft: %s wall, %s CPU (%s)", args, size, d.Round(time.Millisecond), cpu.Round(time.Millisecond), strings.TrimSpace(stderr))
	}
	measure("check")
	// the whole history, once the tags are gone
	testenv.Git(t, dir, "tag", "-d", "round/1", "round/2", "round/3", "round/4", "round/5", "round/6", "round/7", "round/8", "round/9", "round/10")
	measure("check")
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCheck100Commits checks the whole history: a hundred commits
// over ten rounds of a draft of about 200 KB.
func BenchmarkCheck100Commits(b *testing.B) {
	dir, size := perfRepo(b, 100, 10, false)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		if code, stdout, stderr := chkRun(b, dir, "check"); code != 0 {
			b.Fatalf("exit %d\n%s%s", code, stdout, stderr)
		}
	}
}
