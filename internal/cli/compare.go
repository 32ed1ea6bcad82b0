package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/parallel"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/store"
)

// compareOptions are the flags shared by diff, summary and export.
type compareOptions struct {
	NoIndex           bool
	WorkingGroups     []string
	Sections          []string
	IgnoreCase        bool
	IgnorePunctuation bool
	NormalizeUnicode  bool
}

func (o *compareOptions) addFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.NoIndex, "no-index", false, "compare two files, even inside a draft repository")
	fs.StringArrayVar(&o.WorkingGroups, "wg", nil, "only sections owned by working group `ID` (repeatable)")
	fs.StringArrayVar(&o.Sections, "section", nil, "only the section with this `ID` or number, and its subsections (repeatable)")
	fs.BoolVar(&o.IgnoreCase, "ignore-case", false, "treat words that differ only in case as equal")
	fs.BoolVar(&o.IgnorePunctuation, "ignore-punctuation", false, "ignore changes of punctuation")
	fs.BoolVar(&o.NormalizeUnicode, "normalize-unicode", false, "fold text to Unicode NFC before comparing")
}

// comparison is a computed redline with what the renderers need beside it.
type comparison struct {
	Result *redline.Result
	// Config is the configuration at the new side (nil in file mode).
	Config *config.Config
	// Title is the document's title: codraft.yaml's, else the first file's
	// first heading, else its name.
	Title string
	// Old and New are the parsed documents of each side.
	Old, New []*doc.Document
	// Repo is the draft repository (nil in file mode).
	Repo *store.Repo
}

// workDir is the directory commands work in: -C DIR, relative to the
// streams' directory.
func workDir(ios *IOStreams, g *globalOptions) string {
	if g.Dir == "" {
		return ios.Dir
	}
	if filepath.IsAbs(g.Dir) {
		return g.Dir
	}
	return filepath.Join(ios.Dir, g.Dir)
}

// isFileArg reports whether arg names an existing regular file.
func isFileArg(ios *IOStreams, g *globalOptions, arg string) bool {
	fi, err := os.Stat(absPath(ios, g, arg))
	return err == nil && fi.Mode().IsRegular()
}

func absPath(ios *IOStreams, g *globalOptions, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(workDir(ios, g), p)
}

// loadComparison computes the redline that diff, summary and export show:
// two files, or two revisions of the draft repository (Decision 5 and 6).
func loadComparison(ios *IOStreams, g *globalOptions, args []string, o *compareOptions) (*comparison, error) {
	if len(args) > 2 {
		return nil, usagef("expected at most two revisions or files, got %d", len(args))
	}
	files := 0
	for _, a := range args {
		if isFileArg(ios, g, a) {
			files++
		}
	}
	if o.NoIndex || (files > 0 && len(args) == 2 && files == 2) {
		if len(args) != 2 {
			return nil, usagef("--no-index takes two files")
		}
		return compareFiles(ios, g, args, o)
	}
	if files > 0 {
		if len(args) == 2 {
			var f, r string
			if isFileArg(ios, g, args[0]) {
				f, r = args[0], args[1]
			} else {
				f, r = args[1], args[0]
			}
			return nil, withHint(fmt.Errorf("%q is a file but %q is not: compare two files, or two revisions", f, r),
				fmt.Sprintf("to compare a file at a revision, name it as REV:PATH (for example %s:%s)", r, filepath.ToSlash(f)))
		}
		return nil, withHint(fmt.Errorf("%q is a file: comparing a file needs a second file", args[0]),
			"run \"codraft diff OLD.md NEW.md\", or name revisions of the draft repository")
	}
	repo, err := openRepo(ios, g)
	if errors.Is(err, store.ErrNotRepository) {
		return nil, addHint(err, "or name two files to compare them without a repository")
	}
	if err != nil {
		return nil, err
	}
	var a, b string
	switch len(args) {
	case 0:
		// only the last round is needed: damage elsewhere does not matter
		rounds, err := repo.Rounds()
		if err != nil && !errors.Is(err, store.ErrCorrupt) {
			return nil, err
		}
		if len(rounds) == 0 {
			return nil, withHint(errors.New("no rounds recorded yet: nothing to compare the working tree with"),
				"record one with \"codraft round LABEL\", or compare two files with \"codraft diff OLD.md NEW.md\"")
		}
		last := rounds[len(rounds)-1]
		if last.Damaged != nil {
			return nil, explain(last.Damaged)
		}
		a = last.Tag
	case 1:
		a = args[0]
	default:
		a, b = args[0], args[1]
	}
	oldSide, err := loadSide(repo, a, o)
	if err != nil {
		return nil, err
	}
	newSide, err := loadSide(repo, b, o)
	if err != nil {
		return nil, err
	}
	res := diff.Compare(oldSide.docs, newSide.docs, engineOptions(o))
	res.From, res.To = oldSide.endpoint, newSide.endpoint
	c := &comparison{Result: res, Config: newSide.cfg, Old: oldSide.docs, New: newSide.docs, Repo: repo}
	c.Title = newSide.cfg.Title
	if c.Title == "" {
		c.Title = documentTitle(newSide.docs)
	}
	if err := applyFilters(c, o); err != nil {
		return nil, err
	}
	return c, nil
}

func engineOptions(o *compareOptions) diff.Options {
	return diff.Options{IgnoreCase: o.IgnoreCase, IgnorePunctuation: o.IgnorePunctuation}
}

type loadedSide struct {
	docs     []*doc.Document
	cfg      *config.Config
	endpoint redline.Endpoint
}

// loadSide reads and parses one side: a revision, REV:PATH, or the working
// tree when spec is empty.
func loadSide(repo *store.Repo, spec string, o *compareOptions) (*loadedSide, error) {
	rev, path := repo.Worktree(), ""
	if spec != "" {
		var err error
		if rev, path, err = resolveFileSpec(repo, spec); err != nil {
			return nil, err
		}
	}
	return loadRevFiles(repo, spec, rev, path, o)
}

// loadSideRev reads and parses the draft at a resolved revision.
func loadSideRev(repo *store.Repo, rev store.Rev, o *compareOptions) (*loadedSide, error) {
	return loadRevFiles(repo, rev.Spec, rev, "", o)
}

func loadRevFiles(repo *store.Repo, spec string, rev store.Rev, path string, o *compareOptions) (*loadedSide, error) {
	cfg, err := repo.ConfigAt(rev)
	if err != nil {
		return nil, explain(err)
	}
	var files []store.File
	if path != "" {
		data, err := repo.FileAt(rev, path)
		if err != nil {
			return nil, explain(err)
		}
		files = []store.File{{Path: path, Data: data}}
	} else if files, err = repo.DraftAt(rev); err != nil {
		return nil, explain(err)
	}
	if len(files) == 0 && rev.Round == nil {
		// a recorded round without draft files reads as an empty draft
		return nil, withHint(fmt.Errorf("%s has no draft files (codraft.yaml documents: %s)", rev.Name(), strings.Join(cfg.Documents, ", ")),
			"add a Markdown file, or change documents in codraft.yaml")
	}
	ls := &loadedSide{cfg: cfg}
	if len(files) > 0 {
		ls.docs = make([]*doc.Document, len(files))
	}
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) { // the draft files are parsed side by side
		f := files[i]
		if errs[i] = store.CheckText(f.Path, f.Data, cfg.Limits.MaxFileBytes); errs[i] == nil {
			ls.docs[i], errs[i] = doc.Parse(f.Path, f.Data, doc.Options{NumberWords: cfg.Numbering.Words, NormalizeUnicode: o.NormalizeUnicode, MaxSections: cfg.Limits.MaxSections})
			errs[i] = explain(errs[i])
		}
	})
	for i, f := range files {
		if errs[i] != nil {
			return nil, errs[i]
		}
		ls.endpoint.Files = append(ls.endpoint.Files, f.Path)
	}
	ep := &ls.endpoint
	ep.Rev = spec
	if rev.Worktree {
		ep.Rev = "worktree"
		ep.Label = "working tree"
	} else {
		commit := rev.Commit
		date := rev.Date.UTC()
		ep.Commit, ep.Date = &commit, &date
		if rev.Round != nil {
			n := rev.Round.Number
			ep.Round = &n
			ep.Label = rev.Round.Label
		}
	}
	return ls, nil
}

// compareFiles compares two files outside any repository.
func compareFiles(ios *IOStreams, g *globalOptions, args []string, o *compareOptions) (*comparison, error) {
	var sides [2][]*doc.Document
	var eps [2]redline.Endpoint
	var errs [2]error
	var wg sync.WaitGroup
	for i, a := range args {
		wg.Add(1)
		go func() { // the two files are read and parsed side by side
			defer wg.Done()
			data, err := os.ReadFile(absPath(ios, g, a))
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", a, unwrapPathError(err))
				return
			}
			if err := store.CheckText(a, data, config.DefaultMaxFileBytes); err != nil {
				errs[i] = err
				return
			}
			d, err := doc.Parse(a, data, doc.Options{NormalizeUnicode: o.NormalizeUnicode})
			if err != nil {
				errs[i] = explain(err)
				return
			}
			sides[i] = []*doc.Document{d}
			eps[i] = redline.Endpoint{Rev: a, Label: filepath.Base(a), Files: []string{a}}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	res := diff.Compare(sides[0], sides[1], engineOptions(o))
	res.From, res.To = eps[0], eps[1]
	c := &comparison{Result: res, Old: sides[0], New: sides[1], Title: documentTitle(sides[1])}
	if err := applyFilters(c, o); err != nil {
		return nil, err
	}
	return c, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// documentTitle is the title in the first document's front matter, else
// its first level-1 heading, else its file name.
func documentTitle(docs []*doc.Document) string {
	if len(docs) > 0 {
		d := docs[0]
		for _, line := range strings.Split(string(d.Source[:d.FrontMatterEnd]), "\n") {
			k, v, ok := strings.Cut(line, ":")
			if ok && strings.EqualFold(strings.TrimSpace(k), "title") {
				if v = strings.Trim(strings.TrimSpace(v), `"'`); v != "" {
					return v
				}
			}
		}
	}
	for _, d := range docs {
		for _, s := range d.Sections {
			if s.Level == 1 {
				if s.Number != "" && s.Title != "" {
					return s.Number + " " + s.Title
				}
				return s.Number + s.Title
			}
		}
	}
	if len(docs) > 0 {
		return filepath.Base(docs[0].File)
	}
	return ""
}

// applyFilters keeps the sections that --wg and --section ask for.
func applyFilters(c *comparison, o *compareOptions) error {
	if len(o.WorkingGroups) == 0 && len(o.Sections) == 0 {
		return nil
	}
	want := map[string]bool{}
	for _, s := range o.Sections {
		want[s] = true
	}
	for _, id := range o.WorkingGroups {
		if c.Config == nil {
			return withHint(errors.New("--wg needs a draft repository: two files have no working groups"), "use --section instead")
		}
		wg := c.Config.Group(id)
		if wg == nil {
			var ids []string
			for _, g := range c.Config.WorkingGroups {
				ids = append(ids, g.ID)
			}
			return withHint(fmt.Errorf("unknown working group %q", id), "codraft.yaml defines: "+strings.Join(ids, ", "))
		}
		if len(wg.Owns) == 0 {
			return withHint(fmt.Errorf("working group %s owns no sections in codraft.yaml", id), "list its section ids under owns: in codraft.yaml")
		}
		for _, s := range wg.Owns {
			want[s] = true
		}
	}
	c.Result.Filter(func(s *redline.SectionDiff) bool {
		for _, a := range c.Result.Ancestry(s) {
			if want[a] {
				return true
			}
		}
		return false
	})
	return nil
}
