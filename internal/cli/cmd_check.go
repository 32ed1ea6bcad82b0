package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/trailers"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/check"
	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/parallel"
	jsonr "github.com/codraft/codraft/internal/render/json"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/termtext"
	"github.com/codraft/codraft/internal/wording"
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
  config-changed     a change to codraft.yaml that no trailer covers (error); a
                     trailer without a list covers it, or one listing codraft.yaml

B defaults to HEAD; A to the newest round tag that is a strict ancestor of B
(the whole history when there is none; the first commit is compared with an
empty draft). The draft files, working groups and rules that check a commit
are those of codraft.yaml at A and at the commit together, so a change cannot
narrow what checks it.

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
			gcForManySmallParses()
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
	left, err := writeFindings(ios.Out, o.Format, res.findings)
	if err != nil {
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
		fmt.Fprintf(ios.ErrOut, "codraft: checked %s: every change cites a working group\n", termtext.Line(res.what))
	default:
		fmt.Fprintf(ios.ErrOut, "codraft: checked %s: %s, %s\n", termtext.Line(res.what), wording.Count(errs, "error"), wording.Count(warns, "warning"))
	}
	if left > 0 {
		fmt.Fprintf(ios.ErrOut, "codraft: the first %d findings are shown, %d more are left out; \"--format json\" lists them all\n", maxShownFindings, left)
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
	cfgs := newConfigReader(repo)
	var base *config.Config
	if fromCommit != "" {
		if base, err = cfgs.at(fromCommit); err != nil {
			return nil, err
		}
	}
	commits, err := repo.CommitsBetween(fromCommit, to.Commit)
	if err != nil {
		if errors.Is(err, store.ErrShallow) {
			return nil, withHint(err, "fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)")
		}
		return nil, err
	}
	res := &checkResult{findings: []check.Finding{}}
	res.what = fmt.Sprintf("%s from %s to %s", wording.Count(len(commits), "commit"), fromName, revName(to))
	// the draft entries of a commit, by commit and documents globs
	type treeKey struct{ commit, documents string }
	trees := map[treeKey][]store.DraftEntry{}
	entries := func(commit string, cfg *config.Config) ([]store.DraftEntry, error) {
		key := treeKey{commit, strings.Join(cfg.Documents, "\x00")}
		if es, ok := trees[key]; ok {
			return es, nil
		}
		es, err := repo.DraftEntries(commit, cfg)
		trees[key] = es
		return es, err
	}
	jobs := make([]*checkJob, 0, len(commits))
	for _, c := range commits {
		j := &checkJob{
			commit: check.Commit{ID: c.Hash, Message: c.Message, Head: c.Hash == head, Root: len(c.Parents) == 0},
			where:  redline.ShortCommit(c.Hash),
		}
		at, err := cfgs.at(c.Hash)
		if err != nil {
			return nil, err
		}
		j.cfg = check.UnionConfig(base, at)
		if j.commit.ConfigChanged, j.commit.ConfigLine, err = cfgs.changed(c.Hash, c.Parents); err != nil {
			return nil, err
		}
		if j.news, err = entries(c.Hash, j.cfg); err != nil {
			return nil, err
		}
		for _, p := range c.Parents {
			es, err := entries(p, j.cfg)
			if err != nil {
				return nil, err
			}
			j.parents = append(j.parents, es)
			j.parentNames = append(j.parentNames, redline.ShortCommit(p))
		}
		jobs = append(jobs, j)
	}
	err = runCheckJobs(repo, jobs, func(j *checkJob, diffs []*redline.Result) {
		j.commit.Diffs = diffs
		res.findings = append(res.findings, check.Check(j.cfg, &j.commit)...)
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
	staged, err := repo.IndexConfig(indexFile)
	if err != nil {
		return nil, err
	}
	// The staged codraft.yaml, widened by HEAD's (the base of what is
	// checked), so that the commit cannot narrow what checks it.
	cfgs := newConfigReader(repo)
	var base *config.Config
	if head != "" {
		if base, err = cfgs.at(head); err != nil {
			return nil, err
		}
	}
	at := staged
	if at == nil {
		at = base
	}
	if at == nil {
		if at, err = repo.Config(); err != nil {
			return nil, err
		}
	}
	cfg := check.UnionConfig(base, at)
	var parents []string
	if head != "" {
		parents = append(parents, head)
	}
	merging, err := repo.MergeHeads()
	if err != nil {
		return nil, err
	}
	parents = append(parents, merging...)
	j := &checkJob{commit: check.Commit{Message: msg, Root: head == ""}, where: "index", cfg: cfg}
	if j.commit.ConfigChanged, err = cfgs.differs(staged, parents); err != nil {
		return nil, err
	}
	if j.news, err = repo.IndexDraftEntries(indexFile, cfg); err != nil {
		return nil, err
	}
	for _, p := range parents {
		es, err := repo.DraftEntries(p, cfg)
		if err != nil {
			return nil, err
		}
		j.parents = append(j.parents, es)
		j.parentNames = append(j.parentNames, redline.ShortCommit(p))
	}
	var fs []check.Finding
	err = runCheckJobs(repo, []*checkJob{j}, func(j *checkJob, diffs []*redline.Result) {
		j.commit.Diffs = diffs
		fs = check.Check(cfg, &j.commit)
	})
	if err != nil {
		return nil, err
	}
	return &checkResult{findings: fs}, nil
}

// configReader reads codraft.yaml at commits, each commit once.
type configReader struct {
	repo  *store.Repo
	cache map[string]configAt
}

// configAt is codraft.yaml at a commit: the configuration that applies
// there (the working tree's when the commit has none), and the file.
type configAt struct {
	cfg     *config.Config
	present bool
	data    []byte
}

func newConfigReader(repo *store.Repo) *configReader {
	return &configReader{repo: repo, cache: map[string]configAt{}}
}

func (r *configReader) read(commit string) (configAt, error) {
	if c, ok := r.cache[commit]; ok {
		return c, nil
	}
	rev := store.Rev{Spec: redline.ShortCommit(commit), Commit: commit}
	cfg, err := r.repo.ConfigAt(rev)
	if err != nil {
		return configAt{}, err
	}
	c := configAt{cfg: cfg}
	c.data, err = r.repo.FileAt(rev, config.FileName)
	switch {
	case err == nil:
		c.present = true
	case !errors.Is(err, store.ErrFileNotFound):
		return configAt{}, err
	}
	r.cache[commit] = c
	return c, nil
}

// at returns the configuration at a commit.
func (r *configReader) at(commit string) (*config.Config, error) {
	c, err := r.read(commit)
	return c.cfg, err
}

// changed reports whether a commit changed what codraft.yaml says against
// every parent (a root commit: whether it has one), and the first line of
// the file that differs from the first parent's (0 when it was removed).
// A change of comments or layout alone is no change.
func (r *configReader) changed(commit string, parents []string) (bool, int, error) {
	c, err := r.read(commit)
	if err != nil {
		return false, 0, err
	}
	var staged *config.Config
	if c.present {
		staged = c.cfg
	}
	changed, err := r.differs(staged, parents)
	if err != nil || !changed || !c.present {
		return changed, 0, err
	}
	var old []byte
	if len(parents) > 0 {
		p, _ := r.read(parents[0])
		old = p.data
	}
	return true, firstDifferentLine(old, c.data), nil
}

// differs reports whether a configuration (nil: no codraft.yaml) says
// something else than the one of every parent; with no parent, whether
// there is one.
func (r *configReader) differs(cfg *config.Config, parents []string) (bool, error) {
	for _, p := range parents {
		pc, err := r.read(p)
		if err != nil {
			return false, err
		}
		if pc.present == (cfg != nil) && (cfg == nil || reflect.DeepEqual(pc.cfg, cfg)) {
			return false, nil
		}
	}
	return len(parents) > 0 || cfg != nil, nil
}

// firstDifferentLine is the 1-based line of b where it first differs from
// a.
func firstDifferentLine(a, b []byte) int {
	line := 1
	for i := 0; i < len(b); i++ {
		if i >= len(a) || a[i] != b[i] {
			return line
		}
		if b[i] == '\n' {
			line++
		}
	}
	return max(1, min(line, bytes.Count(b, []byte("\n"))))
}

// checkJob is one commit to check, with its draft files and its parents'.
type checkJob struct {
	commit check.Commit // Diffs is filled by runCheckJobs
	// cfg is the configuration that checks the commit, and decides its
	// draft files and its parents'.
	cfg *config.Config
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

// docKey is a draft file parsed with the options of one configuration:
// the same blob is parsed once for all the commits that share it.
type docKey struct {
	entry       store.DraftEntry
	words       string // the number words, joined
	maxSections int
	maxBytes    int64
}

func keyOf(e store.DraftEntry, cfg *config.Config) docKey {
	return docKey{e, strings.Join(cfg.Numbering.Words, "\x00"), cfg.Limits.MaxSections, cfg.Limits.MaxFileBytes}
}

// checkCacheBytes is the budget of the section cache that runCheckJobs
// shares between parses.
const checkCacheBytes = 32 << 20

// A check that parses many drafts has a heap of about twice the section
// cache's budget and the drafts in flight (make bench: 85 MB above
// start-up over 100 commits of a 237 KB draft). runCheckJobs readies that
// much for huge pages before it reads the first draft (reserveHeap), where
// it parses at least minFilesForHeap draft files: over that history it then
// takes about a third less time.
const (
	checkHeapBytes  = 4 * checkCacheBytes
	minFilesForHeap = 16
)

// runCheckJobs computes each job's redlines against its parents (nil when
// it changed no draft file) and calls done with them, job by job in order.
// It works on a few jobs at a time: it reads the files not parsed yet
// (go-git is read from this goroutine only), parses them and compares on
// every CPU, and drops each parsed file after its last use. Each file is
// read and parsed once, however many commits share it.
func runCheckJobs(repo *store.Repo, jobs []*checkJob, done func(*checkJob, []*redline.Result)) error {
	uses := map[docKey]int{}
	changed := make([]bool, len(jobs))
	for i, j := range jobs {
		if changed[i] = j.changed(); !changed[i] {
			continue
		}
		for _, e := range j.news {
			uses[keyOf(e, j.cfg)]++
		}
		for _, p := range j.parents {
			for _, e := range p {
				uses[keyOf(e, j.cfg)]++
			}
		}
	}
	docs := map[docKey]*doc.Document{}
	// successive versions of a draft share most sections: each is parsed once
	cache := doc.NewCache(checkCacheBytes)
	if len(uses) >= minFilesForHeap {
		reserveHeap(checkHeapBytes)
	}
	batch := 2 * runtime.GOMAXPROCS(0)
	for start := 0; start < len(jobs); start += batch {
		end := min(start+batch, len(jobs))
		if err := parseBatch(repo, jobs[start:end], changed[start:end], docs, cache); err != nil {
			return err
		}
		// Compare, then hand the results over in order.
		results := make([][]*redline.Result, end-start)
		parallel.For(end-start, func(i int) {
			if !changed[start+i] {
				return
			}
			j := jobs[start+i]
			lookup := func(es []store.DraftEntry) []*doc.Document {
				out := make([]*doc.Document, len(es))
				for i, e := range es {
					out[i] = docs[keyOf(e, j.cfg)]
				}
				return out
			}
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
					k := keyOf(e, j.cfg)
					if uses[k]--; uses[k] == 0 {
						delete(docs, k)
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

// parseBatch reads the draft files that the changed jobs of a batch need
// and that are not parsed yet, one after the other, then parses them on
// every CPU into docs.
func parseBatch(repo *store.Repo, jobs []*checkJob, changed []bool, docs map[docKey]*doc.Document, cache *doc.Cache) error {
	type pending struct {
		key  docKey
		cfg  *config.Config
		name string // "a1b2c3d:draft.md"
		data []byte
		d    *doc.Document
		err  error
	}
	var todo []*pending
	queued := map[docKey]bool{}
	need := func(j *checkJob, where string, es []store.DraftEntry) error {
		for _, e := range es {
			k := keyOf(e, j.cfg)
			if docs[k] != nil || queued[k] {
				continue
			}
			queued[k] = true
			name := where + ":" + e.Path
			data, err := repo.ReadDraftBlob(e, name, j.cfg.Limits.MaxFileBytes)
			if err != nil {
				return err
			}
			todo = append(todo, &pending{key: k, cfg: j.cfg, name: name, data: data})
		}
		return nil
	}
	for i, j := range jobs {
		if !changed[i] {
			continue
		}
		if err := need(j, j.where, j.news); err != nil {
			return err
		}
		for k, p := range j.parents {
			if err := need(j, j.parentNames[k], p); err != nil {
				return err
			}
		}
	}
	parallel.For(len(todo), func(i int) {
		p := todo[i]
		p.d, p.err = doc.Parse(p.key.entry.Path, p.data, doc.Options{NumberWords: p.cfg.Numbering.Words, MaxSections: p.cfg.Limits.MaxSections, Cache: cache})
		p.data = nil
	})
	for _, p := range todo {
		if p.err != nil {
			return fmt.Errorf("%s: %w", p.name, p.err)
		}
		docs[p.key] = p.d
	}
	return nil
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

// maxShownFindings is the most findings that the text and github formats
// write; the rest are counted (the JSON lists them all). A CI log stays
// readable, and GitHub shows only the first few annotations of a step
// anyway.
const maxShownFindings = 200

// maxFieldBytes bounds one message or fix as the text and github formats
// write it.
const maxFieldBytes = 2000

// writeFindings writes the findings in one of check's formats and returns
// how many it left out. The text and github formats write draft and commit
// text made safe for a terminal or CI log (controls and bidi controls
// escaped, invalid UTF-8 replaced, never a CR); the JSON writes it exactly.
func writeFindings(w io.Writer, format string, fs []check.Finding) (left int, err error) {
	if format == "json" {
		return 0, jsonr.Encode(w, checkJSONOf(fs))
	}
	shown := fs
	if len(shown) > maxShownFindings {
		shown, left = fs[:maxShownFindings], len(fs)-maxShownFindings
	}
	bw := bufio.NewWriter(w)
	if format == "github" {
		for _, f := range shown {
			writeGitHub(bw, f)
		}
		if left > 0 {
			fmt.Fprintf(bw, "::notice title=%s::%d more findings are not shown here; \"codraft check --format json\" lists them all\n", ghProperty("More findings"), left)
		}
		return left, bw.Flush()
	}
	for _, f := range shown {
		loc := ""
		switch {
		case f.HasFile() && f.Line > 0:
			loc = fmt.Sprintf("%s:%d: ", termtext.Line(f.File), f.Line)
		case f.HasFile():
			loc = termtext.Line(f.File) + ": " // a preamble has no heading line
		}
		sev := ""
		if f.Severity == check.Warning {
			sev = "warning: "
		}
		fmt.Fprintf(bw, "%s%s%s\n", loc, sev, safeField(f.Message))
		if f.Fix != "" {
			fmt.Fprintf(bw, "  hint: %s\n", safeField(f.Fix))
		}
	}
	return left, bw.Flush()
}

// safeField is a message or fix as the text and github formats write it:
// on one line, safe for a terminal, at most maxFieldBytes long.
func safeField(s string) string {
	s = termtext.Line(s)
	if len(s) <= maxFieldBytes {
		return s
	}
	cut := maxFieldBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// checkJSON is the codraft.check/v1 document (docs/json.md). Fields that do
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
		if f.HasFile() {
			fj.File, fj.Line = &f.File, &f.Line
		}
		if f.HasSection() {
			fj.Section, fj.Number, fj.Title = &f.Section, &f.Number, &f.Title
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
	check.RuleConfigChanged:    "codraft.yaml changed without a working-group citation",
}

// writeGitHub writes a finding as a GitHub Actions workflow command, which
// shows it as an annotation of the file and line in the pull request.
func writeGitHub(w io.Writer, f check.Finding) {
	level := "error"
	if f.Severity == check.Warning {
		level = "warning"
	}
	var props []string
	if f.HasFile() {
		props = append(props, "file="+ghProperty(termtext.Line(f.File)))
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
		}
	}
	title := ruleTitles[f.Rule]
	if title == "" {
		title = string(f.Rule)
	}
	props = append(props, "title="+ghProperty(title))
	msg := safeField(f.Message)
	if f.Fix != "" {
		msg += "\nFix: " + safeField(f.Fix)
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
