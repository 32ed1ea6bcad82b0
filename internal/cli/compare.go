package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/parallel"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/textcheck"
)

// compareOptions are the flags shared by diff, summary and export.
type compareOptions struct {
	// filesUsage is how the command compares two files, as hints show it
	filesUsage        string
	NoIndex           bool
	WorkingGroups     []string
	Sections          []string
	IgnoreCase        bool
	IgnorePunctuation bool
	NormalizeUnicode  bool
}

func (o *compareOptions) addFlags(fs *pflag.FlagSet, filesUsage string) {
	o.filesUsage = filesUsage
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
	// opts are the options the sides were parsed and compared with.
	opts compareOptions
}

// isFile reports whether arg names an existing file that codraft reads as
// a draft: a regular file, or, as git diff --no-index reads them, a
// character device or a named pipe (/dev/null for an empty side,
// /dev/stdin for a draft piped in).
func (f *Factory) isFile(arg string) bool {
	fi, err := os.Stat(f.absPath(arg))
	return err == nil && readable(fi.Mode())
}

func readable(m os.FileMode) bool {
	return m.IsRegular() || m&os.ModeCharDevice != 0 || m&os.ModeNamedPipe != 0
}

// readInput reads a draft file named on the command line, and reports
// whether it is a regular file. A regular file is read whole (compareFiles
// refuses one over the limit before it reads any); a device or a pipe is read up to max bytes, so that one
// without end cannot fill the memory; anything else is refused.
func readInput(path string, max int64) ([]byte, bool, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, false, err
	}
	if !readable(fi.Mode()) {
		return nil, false, &os.PathError{Op: "read", Path: path, Err: errors.New("not a file that codraft reads: name a draft file, /dev/null or /dev/stdin")}
	}
	if fi.Mode().IsRegular() {
		data, err := os.ReadFile(path)
		return data, true, err
	}
	r, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(data)) > max {
		return nil, false, fmt.Errorf("%w: it goes on past the limit of %d bytes", store.ErrTooLarge, max)
	}
	return data, false, nil
}

// isDir reports whether arg names an existing directory.
func (f *Factory) isDir(arg string) bool {
	fi, err := os.Stat(f.absPath(arg))
	return err == nil && fi.IsDir()
}

// revisions returns a test of whether an argument names a revision of
// the draft repository that the command works in, which it opens on first
// use (there may be none: then nothing is a revision).
func (f *Factory) revisions() func(string) bool {
	var repo *store.Repo
	opened := false
	return func(arg string) bool {
		if !opened {
			repo, _ = store.Open(f.workDir())
			opened = true
		}
		if repo == nil {
			return false
		}
		_, err := repo.Resolve(arg)
		return err == nil
	}
}

// fileInDir applies git diff --no-index's rule to two arguments, a file
// and a directory: the file is compared with the file of the same name in
// the directory. Other arguments, and a directory that also names a
// revision, are returned as they are.
func (f *Factory) fileInDir(args []string) ([]string, error) {
	if len(args) != 2 {
		return args, nil
	}
	dirs := [2]bool{f.isDir(args[0]), f.isDir(args[1])}
	isRevision := f.revisions()
	switch {
	case dirs[0] && dirs[1] && !isRevision(args[0]) && !isRevision(args[1]):
		return nil, withHint(fmt.Errorf("%s and %s are directories: codraft compares two draft files, or two revisions", args[0], args[1]),
			"name a draft file in each (for example "+filepath.ToSlash(filepath.Join(args[0], "draft.md"))+" "+filepath.ToSlash(filepath.Join(args[1], "draft.md"))+")")
	case dirs[0] == dirs[1]:
		return args, nil
	}
	d := 0
	if dirs[1] {
		d = 1
	}
	file := args[1-d]
	if !f.isFile(file) || isRevision(args[d]) {
		// a file beside a revision is refused with a hint, below
		return args, nil
	}
	in := filepath.Join(args[d], filepath.Base(file))
	if !f.isFile(in) {
		return nil, withHint(fmt.Errorf("%s is a directory, with no file %s in it to compare with %s", args[d], filepath.Base(file), file),
			"name the draft file in "+args[d]+" to compare; a file is compared with a directory's file of the same name, as git diff --no-index does")
	}
	out := slices.Clone(args)
	out[d] = in
	return out, nil
}

// loadComparison computes the redline that diff, summary and export show:
// two files, or two revisions of the draft repository (an argument that names an existing file is a file).
func loadComparison(f *Factory, args []string, o *compareOptions) (*comparison, error) {
	if len(args) > 2 {
		return nil, usagef("expected at most two revisions or files, got %d", len(args))
	}
	args, err := f.fileInDir(args)
	if err != nil {
		return nil, err
	}
	files := 0
	for _, a := range args {
		if f.isFile(a) {
			files++
		}
	}
	if o.NoIndex || (files > 0 && len(args) == 2 && files == 2) {
		if len(args) != 2 {
			return nil, usagef("--no-index takes two files")
		}
		return compareFiles(f, args, o)
	}
	if files > 0 {
		if len(args) == 2 {
			file, rev := args[0], args[1]
			if !f.isFile(file) {
				file, rev = rev, file
			}
			if looksLikePath(rev) {
				return nil, withHint(fmt.Errorf("%s: no such file", rev),
					fmt.Sprintf("check the name; to compare %s with a revision instead, name it as REV:PATH (for example 1:%s)", file, filepath.ToSlash(file)))
			}
			return nil, withHint(fmt.Errorf("%q is a file but %q is not: compare two files, or two revisions", file, rev),
				fmt.Sprintf("to compare a file at a revision, name it as REV:PATH (for example %s:%s)", rev, filepath.ToSlash(file)))
		}
		return nil, withHint(fmt.Errorf("%q is a file: comparing a file needs a second file", args[0]),
			fmt.Sprintf("run \"codraft %s\", or name revisions of the draft repository", o.filesUsage))
	}
	repo, err := f.openRepo()
	if errors.Is(err, store.ErrNotRepository) {
		// outside a repository, names that look like files are files that are missing
		for _, a := range args {
			if looksLikePath(a) {
				return nil, withHint(fmt.Errorf("%s: no such file", a),
					"check the name: outside a draft repository, codraft compares two files")
			}
		}
		return nil, withHint(err, notRepoHint(f)+", or name two files to compare them without one")
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
	c := &comparison{Result: res, Config: newSide.cfg, Old: oldSide.docs, New: newSide.docs, Repo: repo, opts: *o}
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
	var size int64
	for _, f := range files {
		size += int64(len(f.Data))
	}
	prepareHeap(size)
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
		ep.Rev = redline.WorktreeRev
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
func compareFiles(f *Factory, args []string, o *compareOptions) (*comparison, error) {
	var sides [2][]*doc.Document
	var eps [2]redline.Endpoint
	var errs [2]error
	var wg sync.WaitGroup
	var size int64
	for _, a := range args {
		if fi, err := os.Stat(f.absPath(a)); err == nil && fi.Mode().IsRegular() {
			// a file too large is refused before it is read, or its heap
			// reserved
			if err := store.CheckSize(a, fi.Size(), config.DefaultMaxFileBytes); err != nil {
				return nil, fileTextError(err)
			}
			size += fi.Size()
		}
	}
	prepareHeap(size)
	for i, a := range args {
		wg.Add(1)
		go func() { // the two files are read and parsed side by side
			defer wg.Done()
			data, regular, err := readInput(f.absPath(a), config.DefaultMaxFileBytes)
			if err != nil {
				errs[i] = fileTextError(fmt.Errorf("%s: %w", a, unwrapPathError(err)))
				return
			}
			if err := store.CheckText(a, data, config.DefaultMaxFileBytes); err != nil {
				errs[i] = fileTextError(err)
				return
			}
			d, err := doc.Parse(a, data, doc.Options{NormalizeUnicode: o.NormalizeUnicode})
			if err != nil {
				errs[i] = explain(err)
				return
			}
			sides[i] = []*doc.Document{d}
			label := filepath.Base(a)
			if !regular {
				label = a // /dev/null, not "null"
			}
			eps[i] = redline.Endpoint{Rev: a, Label: label, Files: []string{a}}
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

// fileTextError adds the next step to an error of a file compared outside
// a repository that is not text or too large.
func fileTextError(err error) error {
	switch {
	case errors.Is(err, textcheck.ErrNotText):
		return withHint(err, "codraft compares UTF-8 text: convert the file (for example with iconv -t UTF-8), or name the Markdown file meant")
	case errors.Is(err, store.ErrTooLarge):
		return withHint(err, "outside a repository the limit is the default; in a draft repository, limits.max_file_bytes in codraft.yaml raises it")
	}
	return explain(err)
}

// looksLikePath reports whether a command-line argument that names no
// existing file was meant as one: it has a Markdown or text extension, or
// a directory part, and is not REV:PATH.
func looksLikePath(arg string) bool {
	if strings.Contains(arg, ":") {
		return false
	}
	switch strings.ToLower(filepath.Ext(arg)) {
	case ".md", ".markdown", ".txt":
		return true
	}
	return strings.ContainsRune(arg, '/') && !strings.HasPrefix(arg, "round/") && !strings.Contains(arg, "~") && !strings.Contains(arg, "^")
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

// applyFilters keeps the sections that --wg and --section ask for. A
// section is named by its id, or its number with or without its word; a
// name that names no section on either side is an error.
func applyFilters(c *comparison, o *compareOptions) error {
	if len(o.WorkingGroups) == 0 && len(o.Sections) == 0 {
		return nil
	}
	x := resultIndex(c.Result)
	var want []string
	for _, s := range o.Sections {
		if !x.has(s) {
			return x.unknownSection(s, "", "\"codraft diff --format json\"")
		}
		want = append(want, s)
	}
	for _, id := range o.WorkingGroups {
		owns, err := groupSections(c, id)
		if err != nil {
			return err
		}
		want = append(want, owns...)
	}
	c.Result.Filter(func(s *redline.SectionDiff) bool {
		for _, a := range c.Result.Ancestry(s) {
			for _, q := range want {
				if q == a || redline.NamesNumber(q, a) {
					return true
				}
			}
		}
		return false
	})
	return nil
}

// groupSections are the sections working group id owns, for --wg.
func groupSections(c *comparison, id string) ([]string, error) {
	if c.Config == nil {
		return nil, withHint(errors.New("--wg needs a draft repository: two files have no working groups"), "use --section instead")
	}
	wg := c.Config.Group(id)
	if wg == nil {
		ids := c.Config.GroupIDs()
		hint := "codraft.yaml defines no working groups: add them under working_groups"
		if near := nearest(id, ids, 3); len(near) > 0 {
			hint = "did you mean " + orList(near) + "? codraft.yaml defines: " + strings.Join(ids, ", ")
		} else if len(ids) > 0 {
			hint = "codraft.yaml defines: " + strings.Join(ids, ", ")
		}
		return nil, withHint(fmt.Errorf("unknown working group %q", id), hint)
	}
	if len(wg.Owns) == 0 {
		return nil, withHint(fmt.Errorf("working group %s owns no sections in codraft.yaml", id), "list its section ids under owns: in codraft.yaml")
	}
	return wg.Owns, nil
}
