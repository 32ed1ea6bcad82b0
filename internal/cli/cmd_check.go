package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/trailers"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/check"
	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	jsonr "github.com/codraft/codraft/internal/render/json"
	"github.com/codraft/codraft/internal/store"
)

type checkOptions struct {
	f        *Factory
	From, To string
	Format   string
	Strict   bool
	Message  string
}

// CheckSchema is the schema name of "codraft check --format json".
const CheckSchema = "codraft.check/v1"

func newCheckCmd(f *Factory, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{f: f}
	cmd := &cobra.Command{
		Use:   "check [--from A] [--to B]",
		Short: "Check that every change cites a working group (for CI)",
		Long: `Check the commits reachable from B and not from A (git's A..B): each commit
that changed the draft files is compared with its parent section by section,
and every changed section must be covered by a "Working-Group: ID" trailer of
that commit ("Working-Group: ID (section, ...)" covers only the sections
listed, by id or by number as written, and their subsections). A merge needs a
citation only for what differs from every parent.

It reports, each with the file, line, section, commit and the fix:
  uncited            a changed section that no trailer covers (error)
  unknown-group      a trailer naming a group codraft.yaml does not define (error)
  bad-trailer        a Working-Group trailer that is not "ID" or "ID (section, ...)" (error)
  unchanged-section  a trailer naming a section the commit did not change (warning)
  ownership          with check.enforce_ownership, a change to a section owned by a
                     group the commit did not cite (error)
  section-refs       with check.require_section_refs, a trailer listing no sections (error)

B defaults to HEAD; A to the newest round tag that is a strict ancestor of B
(the whole history when there is none; the first commit is compared with an
empty draft). The working groups are those of codraft.yaml at B.

--message FILE checks a commit message before the commit exists, against the
changes staged in the index (GIT_INDEX_FILE when set) compared with HEAD; it
is what the hook of "codraft hooks install" runs.

Exit status: 0 when clean (warnings alone pass unless --strict), 1 on
findings, 2 on errors. check only reads the repository.`,
		Example: `  codraft check
  codraft check --from origin/main --format github
  codraft check --from round/2 --to round/3 --format json`,
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runCheck(o)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.From, "from", "", "check the commits after revision `A` (default: the last round tag before B)")
	fs.StringVar(&o.To, "to", "", "check the commits up to revision `B` (default: HEAD)")
	fs.StringVar(&o.Format, "format", "text", "output `format`: text, json or github (workflow commands)")
	fs.BoolVar(&o.Strict, "strict", false, "fail on warnings too")
	fs.StringVar(&o.Message, "message", "", "check the commit message in `FILE` against the staged changes (for a commit-msg hook)")
	return cmd
}

func runCheck(o *checkOptions) error {
	f, ios := o.f, o.f.IO
	switch o.Format {
	case "text", "json", "github":
	default:
		return usagef("unknown format %q for check: use text, json or github", o.Format)
	}
	if o.Message != "" && (o.From != "" || o.To != "") {
		return usagef("--message checks the commit being made: it takes no --from or --to")
	}
	repo, err := f.openRepo()
	if err != nil {
		return err
	}
	var res *checkResult
	if o.Message != "" {
		res, err = checkMessage(f, repo, o)
	} else {
		res, err = checkRange(ios, repo, o)
	}
	if err != nil {
		return explain(err)
	}
	if err := writeFindings(ios.Out, o.Format, res.findings); err != nil {
		return err
	}
	failed := check.Failed(res.findings, o.Strict)
	errs, warns := 0, 0
	for _, f := range res.findings {
		if f.Severity == check.Error {
			errs++
		} else {
			warns++
		}
	}
	switch {
	case res.what == "":
	case len(res.findings) == 0:
		fmt.Fprintf(ios.ErrOut, "codraft: checked %s: every change cites a working group\n", res.what)
	default:
		fmt.Fprintf(ios.ErrOut, "codraft: checked %s: %s, %s\n", res.what, plural(errs, "error"), plural(warns, "warning"))
	}
	if failed && o.Message != "" {
		fmt.Fprintln(ios.ErrOut, `codraft: the commit was not made; fix the message as above, or skip this check once with "git commit --no-verify"`)
	}
	if failed {
		return errFindings
	}
	return nil
}

// checkResult is what a check found, and what it covered (for the closing
// line on stderr).
type checkResult struct {
	findings []check.Finding
	what     string
}

// checkRange checks the commits of --from..--to.
func checkRange(ios *IOStreams, repo *store.Repo, o *checkOptions) (*checkResult, error) {
	head, err := repo.HeadCommit()
	if err != nil {
		return nil, err
	}
	if o.To == "" && head == "" {
		fmt.Fprintln(ios.ErrOut, "codraft: no commits yet: nothing to check")
		return &checkResult{}, nil
	}
	toSpec := o.To
	if toSpec == "" {
		toSpec = "HEAD"
	}
	to, err := repo.Resolve(toSpec)
	if err != nil {
		return nil, err
	}
	fromName, fromCommit := "the start of history", ""
	if o.From != "" {
		from, err := repo.Resolve(o.From)
		if err != nil {
			return nil, err
		}
		fromName, fromCommit = revName(from), from.Commit
	} else {
		rd, err := repo.LastRoundBefore(to.Commit)
		if err != nil {
			return nil, err
		}
		if rd != nil {
			fromName, fromCommit = rd.Tag, rd.Commit
		}
	}
	cfg, err := repo.ConfigAt(to)
	if err != nil {
		return nil, err
	}
	commits, err := repo.CommitsBetween(fromCommit, to.Commit)
	if err != nil {
		if errors.Is(err, store.ErrShallow) {
			return nil, withHint(err, "fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)")
		}
		return nil, err
	}
	res := &checkResult{findings: []check.Finding{}}
	res.what = fmt.Sprintf("%s from %s to %s", plural(len(commits), "commit"), fromName, revName(to))
	trees := map[string][]store.DraftEntry{}
	entries := func(commit string) ([]store.DraftEntry, error) {
		if es, ok := trees[commit]; ok {
			return es, nil
		}
		es, err := repo.DraftEntries(commit, cfg)
		trees[commit] = es
		return es, err
	}
	jobs := make([]*checkJob, 0, len(commits))
	for _, c := range commits {
		j := &checkJob{
			commit: check.Commit{ID: c.Hash, Message: c.Message, Head: c.Hash == head, Root: len(c.Parents) == 0},
			where:  shortHash(c.Hash),
		}
		if j.news, err = entries(c.Hash); err != nil {
			return nil, err
		}
		for _, p := range c.Parents {
			es, err := entries(p)
			if err != nil {
				return nil, err
			}
			j.parents = append(j.parents, es)
			j.parentNames = append(j.parentNames, shortHash(p))
		}
		jobs = append(jobs, j)
	}
	err = runCheckJobs(repo, cfg, jobs, func(j *checkJob, diffs []*redline.Result) {
		j.commit.Diffs = diffs
		res.findings = append(res.findings, check.Check(cfg, &j.commit)...)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// revName names a resolved revision in the closing line: its round tag,
// else as given.
func revName(r store.Rev) string {
	if r.Round != nil {
		return r.Round.Tag
	}
	return r.Spec
}

// checkMessage checks a commit message file against the staged changes.
func checkMessage(f *Factory, repo *store.Repo, o *checkOptions) (*checkResult, error) {
	data, err := os.ReadFile(f.absPath(o.Message))
	if err != nil {
		return nil, fmt.Errorf("reading the commit message: %w", err)
	}
	msg := trailers.CleanMessage(string(data))
	head, err := repo.HeadCommit()
	if err != nil {
		return nil, err
	}
	indexFile := repo.IndexFile(f.IO.Env, f.workDir())
	cfg, err := repo.IndexConfig(indexFile)
	if err != nil {
		return nil, err
	}
	if cfg == nil && head != "" {
		if cfg, err = repo.ConfigAt(store.Rev{Spec: "HEAD", Commit: head}); err != nil {
			return nil, err
		}
	}
	if cfg == nil {
		if cfg, err = repo.Config(); err != nil {
			return nil, err
		}
	}
	var parents []string
	if head != "" {
		parents = append(parents, head)
	}
	merging, err := repo.MergeHeads()
	if err != nil {
		return nil, err
	}
	parents = append(parents, merging...)
	j := &checkJob{commit: check.Commit{Message: msg, Root: head == ""}, where: "index"}
	if j.news, err = repo.IndexDraftEntries(indexFile, cfg); err != nil {
		return nil, err
	}
	for _, p := range parents {
		es, err := repo.DraftEntries(p, cfg)
		if err != nil {
			return nil, err
		}
		j.parents = append(j.parents, es)
		j.parentNames = append(j.parentNames, shortHash(p))
	}
	var fs []check.Finding
	err = runCheckJobs(repo, cfg, []*checkJob{j}, func(j *checkJob, diffs []*redline.Result) {
		j.commit.Diffs = diffs
		fs = check.Check(cfg, &j.commit)
	})
	if err != nil {
		return nil, err
	}
	return &checkResult{findings: fs}, nil
}

// checkJob is one commit to check, with its draft files and its parents'.
type checkJob struct {
	commit check.Commit // Diffs is filled by runCheckJobs
	// where names the commit in errors about its files ("a1b2c3d:draft.md").
	where       string
	news        []store.DraftEntry
	parents     [][]store.DraftEntry
	parentNames []string
}

// changed reports whether the commit changed draft files: it has some and
// no parent, or its files are not those of any parent.
func (j *checkJob) changed() bool {
	if len(j.parents) == 0 {
		return len(j.news) > 0
	}
	for _, p := range j.parents {
		if sameEntries(p, j.news) {
			return false
		}
	}
	return true
}

// runCheckJobs computes each job's redlines against its parents (nil when
// it changed no draft file) and calls done with them, job by job in order.
// It works on a few jobs at a time: it reads and parses the files not
// parsed yet (go-git is read from this goroutine only), compares on every
// CPU, and drops each parsed file after its last use.
func runCheckJobs(repo *store.Repo, cfg *config.Config, jobs []*checkJob, done func(*checkJob, []*redline.Result)) error {
	uses := map[store.DraftEntry]int{}
	changed := make([]bool, len(jobs))
	for i, j := range jobs {
		if changed[i] = j.changed(); !changed[i] {
			continue
		}
		for _, e := range j.news {
			uses[e]++
		}
		for _, p := range j.parents {
			for _, e := range p {
				uses[e]++
			}
		}
	}
	docs := map[store.DraftEntry]*doc.Document{}
	workers := runtime.GOMAXPROCS(0)
	batch := 2 * workers
	for start := 0; start < len(jobs); start += batch {
		end := min(start+batch, len(jobs))
		// Read and parse the files the batch needs that are not parsed
		// yet. (doc.Parse is not safe for concurrent use yet: its cache of
		// number-word patterns is a plain map.)
		need := func(where string, es []store.DraftEntry) error {
			for _, e := range es {
				if docs[e] != nil {
					continue
				}
				name := where + ":" + e.Path
				data, err := repo.ReadDraftBlob(e, name, cfg.Limits.MaxFileBytes)
				if err != nil {
					return err
				}
				d, err := doc.Parse(e.Path, data, doc.Options{NumberWords: cfg.Numbering.Words, MaxSections: cfg.Limits.MaxSections})
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				docs[e] = d
			}
			return nil
		}
		for i := start; i < end; i++ {
			if !changed[i] {
				continue
			}
			j := jobs[i]
			if err := need(j.where, j.news); err != nil {
				return err
			}
			for k, p := range j.parents {
				if err := need(j.parentNames[k], p); err != nil {
					return err
				}
			}
		}
		// Compare, then hand the results over in order.
		results := make([][]*redline.Result, end-start)
		lookup := func(es []store.DraftEntry) []*doc.Document {
			out := make([]*doc.Document, len(es))
			for i, e := range es {
				out[i] = docs[e]
			}
			return out
		}
		parallel(end-start, workers, func(i int) {
			if !changed[start+i] {
				return
			}
			j := jobs[start+i]
			newDocs := lookup(j.news)
			if len(j.parents) == 0 {
				results[i] = []*redline.Result{diff.Compare(nil, newDocs, diff.Options{})}
				return
			}
			for _, p := range j.parents {
				results[i] = append(results[i], diff.Compare(lookup(p), newDocs, diff.Options{}))
			}
		})
		for i := start; i < end; i++ {
			j := jobs[i]
			done(j, results[i-start])
			results[i-start] = nil
			if !changed[i] {
				continue
			}
			release := func(es []store.DraftEntry) {
				for _, e := range es {
					if uses[e]--; uses[e] == 0 {
						delete(docs, e)
					}
				}
			}
			release(j.news)
			for _, p := range j.parents {
				release(p)
			}
		}
	}
	return nil
}

// parallel calls f(0) ... f(n-1) on up to workers goroutines and waits.
func parallel(n, workers int, f func(int)) {
	if n == 0 {
		return
	}
	if n == 1 || workers < 2 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func sameEntries(a, b []store.DraftEntry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// writeFindings writes the findings in one of check's formats.
func writeFindings(w io.Writer, format string, fs []check.Finding) error {
	switch format {
	case "json":
		return jsonr.Encode(w, checkJSONOf(fs))
	case "github":
		bw := bufio.NewWriter(w)
		for _, f := range fs {
			writeGitHub(bw, f)
		}
		return bw.Flush()
	}
	bw := bufio.NewWriter(w)
	for _, f := range fs {
		loc := ""
		switch {
		case f.HasSection() && f.Line > 0:
			loc = fmt.Sprintf("%s:%d: ", f.File, f.Line)
		case f.HasSection():
			loc = f.File + ": " // a preamble has no heading line
		}
		sev := ""
		if f.Severity == check.Warning {
			sev = "warning: "
		}
		fmt.Fprintf(bw, "%s%s%s\n", loc, sev, f.Message)
		if f.Fix != "" {
			fmt.Fprintf(bw, "  hint: %s\n", f.Fix)
		}
	}
	return bw.Flush()
}

// checkJSON is the codraft.check/v1 document (Decision 14). Fields that do
// not apply to a finding (the section of a finding about a trailer alone;
// the commit of a message not yet committed) are null.
type checkJSON struct {
	Schema   string        `json:"schema"`
	Findings []findingJSON `json:"findings"`
}

type findingJSON struct {
	File     *string `json:"file"`
	Line     *int    `json:"line"`
	Section  *string `json:"section"`
	Number   *string `json:"number"`
	Title    *string `json:"title"`
	Commit   *string `json:"commit"`
	Rule     string  `json:"rule"`
	Severity string  `json:"severity"`
	Message  string  `json:"message"`
	Fix      string  `json:"fix"`
}

func checkJSONOf(fs []check.Finding) checkJSON {
	out := checkJSON{Schema: CheckSchema, Findings: []findingJSON{}}
	for _, f := range fs {
		f := f
		fj := findingJSON{Rule: string(f.Rule), Severity: string(f.Severity), Message: f.Message, Fix: f.Fix}
		if f.HasSection() {
			fj.File, fj.Line, fj.Section, fj.Number, fj.Title = &f.File, &f.Line, &f.Section, &f.Number, &f.Title
		}
		if f.Commit != "" {
			fj.Commit = &f.Commit
		}
		out.Findings = append(out.Findings, fj)
	}
	return out
}

// ruleTitles are the titles of GitHub annotations.
var ruleTitles = map[check.Rule]string{
	check.RuleUncited:          "Change without a working-group citation",
	check.RuleUnknownGroup:     "Unknown working group",
	check.RuleBadTrailer:       "Malformed Working-Group trailer",
	check.RuleUnchangedSection: "Cited section not changed",
	check.RuleOwnership:        "Owning working group not cited",
	check.RuleSectionRefs:      "Citation without a section list",
}

// writeGitHub writes a finding as a GitHub Actions workflow command, which
// shows it as an annotation of the file and line in the pull request.
func writeGitHub(w io.Writer, f check.Finding) {
	level := "error"
	if f.Severity == check.Warning {
		level = "warning"
	}
	var props []string
	if f.HasSection() {
		props = append(props, "file="+ghProperty(f.File))
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
		}
	}
	title := ruleTitles[f.Rule]
	if title == "" {
		title = string(f.Rule)
	}
	props = append(props, "title="+ghProperty(title))
	msg := f.Message
	if f.Fix != "" {
		msg += "\nFix: " + f.Fix
	}
	fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), ghData(msg))
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
