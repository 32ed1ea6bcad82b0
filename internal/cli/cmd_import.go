package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/codraft/codraft/internal/atomicfile"
	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/wording"
)

type importOptions struct {
	f             *Factory
	Sources       []string
	As            string
	Init          bool
	Dates         bool
	WorkingGroups []string
	Author        string
	Messages      []string
	Force         bool
}

func newImportCmd(f *Factory, runF func(*importOptions) error) *cobra.Command {
	o := &importOptions{f: f}
	cmd := &cobra.Command{
		Use:   "import FILE...|DIR",
		Short: "Record each file, in name order, as the next round of the draft",
		Long: `Record each FILE (or each Markdown or Word .docx file in DIR), in name order, as the next
round of one draft file: draft.md, or the name --as gives. A file name
NN-LABEL.md or NN-YYYY-MM-DD[-LABEL].md gives the round's label (hyphens
become spaces) and date; with no label left, the date is the label. Other
names give their whole name as the label. Rounds without a date in the name
take the file's modification time with --dates, else the current time.

The sources are only read. With --init, a directory that is not yet a draft
repository becomes one first (with DIR's codraft.yaml, when importing a
directory that has one).`,
		Example: `  codraft import drafts/ --init --wg WG1 --wg WG2
  codraft import old/v1.md old/v2.md --as code.md`,
		Args: argsBetween(1, -1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Sources = args
			if runF != nil {
				return runF(o)
			}
			return runImport(o)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.As, "as", "", "the draft file the rounds write (default draft.md)")
	fs.BoolVar(&o.Init, "init", false, "make the directory a draft repository first if it is not one")
	fs.BoolVar(&o.Dates, "dates", false, "date rounds whose file name has no date by the file's modification time")
	fs.StringArrayVar(&o.WorkingGroups, "wg", nil, "cite a working group in every round: `ID` or \"ID (section, ...)\" (repeatable)")
	fs.StringVar(&o.Author, "author", "", "the author, as \"`Name <email>`\"")
	fs.StringArrayVarP(&o.Messages, "message", "m", nil, "the commit message body of every round")
	fs.BoolVar(&o.Force, "force", false, "record rounds dated before the last round")
	return cmd
}

// importSource is one file to record as a round.
type importSource struct {
	path  string // as given (for messages)
	data  []byte
	label string
	date  *time.Time
	// dated is true when the date came from the file (its name, or its
	// modification time with --dates), not from the clock
	dated bool
}

var (
	datedName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+-(\d{4}-\d{2}-\d{2})(?:-(.+))?$`) })
	numbered  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+-(.+)$`) })
)

// labelFromName reads a round's label and date from a file name:
// NN-LABEL.md or NN-YYYY-MM-DD[-LABEL].md (hyphens become spaces; with no
// label left, the date is the label; a date that is no day of the calendar
// stays in the label), else the whole name. A name that would make a label
// of more than one line is an error.
func labelFromName(name string) (label string, date *time.Time, err error) {
	if strings.ContainsAny(name, "\r\n") {
		return "", nil, fmt.Errorf("%q: a file name with a line break makes no round label", name)
	}
	base := strings.TrimSuffix(name, filepath.Ext(name))
	if m := datedName().FindStringSubmatch(base); m != nil {
		if t, err := time.Parse("2006-01-02", m[1]); err == nil {
			if m[2] == "" {
				return m[1], &t, nil
			}
			return strings.ReplaceAll(m[2], "-", " "), &t, nil
		}
	}
	if m := numbered().FindStringSubmatch(base); m != nil {
		return strings.ReplaceAll(m[1], "-", " "), nil, nil
	}
	return strings.ReplaceAll(base, "-", " "), nil, nil
}

// readSources reads every source and takes its label and date, failing on
// the first that cannot make a round, before anything is written.
func readSources(f *Factory, paths []string, dates bool, now *time.Time) ([]importSource, error) {
	var sources []importSource
	for _, p := range paths {
		full := f.absPath(p)
		label, date, err := labelFromName(filepath.Base(p))
		if err != nil {
			return nil, withHint(err, "rename the file, then run the import again; nothing was recorded")
		}
		data, err := os.ReadFile(full)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if date == nil && dates {
			if fi, err := os.Stat(full); err == nil {
				t := fi.ModTime().Truncate(time.Second)
				date = &t
			}
		}
		dated := date != nil
		if date == nil {
			date = now
		}
		sources = append(sources, importSource{path: p, data: data, label: label, date: date, dated: dated})
	}
	return sources, nil
}

func runImport(o *importOptions) error {
	f, ios := o.f, o.f.IO
	target, err := importTarget(o.As)
	if err != nil {
		return err
	}
	paths, srcConfig, srcConfigFile, err := importPaths(f, o.Sources)
	if err != nil {
		return err
	}
	now, err := roundDate(ios, "")
	if err != nil {
		return err
	}
	// Read and check every source before anything is written.
	sources, err := readSources(f, paths, o.Dates, now)
	if err != nil {
		return err
	}
	timeout, err := lockTimeout(ios)
	if err != nil {
		return err
	}
	repo, err := f.openRepo()
	fresh := false
	if err != nil && o.Init && (errors.Is(err, store.ErrNotRepository) || errors.Is(err, store.ErrNotInitialised)) {
		fresh, repo = true, nil
	} else if err != nil {
		return err
	}
	cfg := defaultConfig()
	if srcConfig != nil {
		cfg = srcConfig
	}
	if !fresh {
		if cfg, err = repo.Config(); err != nil {
			return explain(err)
		}
	}
	if err := wordSources(ios, cfg, sources); err != nil {
		return err
	}
	if err := checkImport(cfg, target, sources, o.WorkingGroups); err != nil {
		return err
	}
	if !fresh {
		if err := checkImportOrder(repo, o, sources); err != nil {
			return err
		}
	}
	author, err := roundAuthor(ios, repo, o.Author)
	if err != nil {
		return err
	}
	full := ""
	if fresh {
		repo, full, err = initForImport(f, cfg, srcConfigFile, target)
	} else {
		full, err = importDestination(repo, target)
	}
	if err != nil {
		return err
	}
	repo.LockTimeout = timeout
	return recordImports(ios, repo, o, sources, target, full, author)
}

// checkImportOrder refuses --init in a repository that has rounds, and
// without --force, a source dated before the last round: the rounds would
// be recorded out of date order.
func checkImportOrder(repo *store.Repo, o *importOptions, sources []importSource) error {
	rounds, err := repo.Rounds()
	if err != nil && !errors.Is(err, store.ErrCorrupt) {
		return explain(err)
	}
	if len(rounds) == 0 {
		return nil
	}
	last := rounds[len(rounds)-1]
	if o.Init {
		where := "this directory"
		if o.f.Dir != "" {
			where = o.f.Dir
		}
		return withHint(fmt.Errorf("--init: %s is a draft repository already, with %s", where, wording.Count(len(rounds), "round")),
			fmt.Sprintf("leave out --init to record the files as rounds %d and on, or import into a new directory: codraft -C NEWDIR import ... --init", last.Number+1))
	}
	if o.Force || last.Damaged != nil {
		return nil
	}
	for _, s := range sources {
		if s.dated && s.date.Before(last.Date) {
			return withHint(fmt.Errorf("%s is dated %s, before round %d (%s): the rounds would be out of date order",
				s.path, s.date.UTC().Format("2006-01-02"), last.Number, last.Date.UTC().Format("2006-01-02")),
				"pass --force to record it after round "+fmt.Sprint(last.Number)+" all the same, or import into a new directory with --init")
		}
	}
	return nil
}

// importTarget is the draft file import writes: --as, else draft.md, as a
// clean slash path inside the repository.
func importTarget(as string) (string, error) {
	target := as
	if target == "" {
		target = "draft.md"
	}
	target = filepath.ToSlash(filepath.Clean(target))
	if strings.HasPrefix(target, "../") || filepath.IsAbs(target) {
		return "", usagef("--as %q: name a file inside the repository", as)
	}
	return target, nil
}

// importDestination is where the target file is written in an existing
// draft repository, refusing to overwrite changes no commit records.
func importDestination(repo *store.Repo, target string) (string, error) {
	full, err := store.InsideWorktree(repo.Root(), target)
	if err != nil {
		return "", explain(err)
	}
	if err := checkClean(repo, target, full); err != nil {
		return "", err
	}
	return full, nil
}

// recordImports writes each source to the target file and records it as a
// round. A failure puts back what the target held before the round that
// failed.
func recordImports(ios *IOStreams, repo *store.Repo, o *importOptions, sources []importSource, target, full string, author store.Signature) error {
	previous, hadPrevious := []byte(nil), false
	if data, err := os.ReadFile(full); err == nil {
		previous, hadPrevious = data, true
	}
	for _, s := range sources {
		if err := os.MkdirAll(filepath.Dir(full), 0o777); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(full, target, s.data); err != nil {
			return err
		}
		rd, err := repo.RecordRound(store.RoundOptions{
			Label:         s.label,
			Message:       strings.Join(o.Messages, "\n\n"),
			Date:          s.date,
			Author:        author,
			WorkingGroups: append([]string(nil), o.WorkingGroups...),
			AllowEmpty:    true,
		})
		if err != nil {
			// Put back what the last recorded round (or the user) had.
			if hadPrevious {
				_ = atomicfile.WriteFile(full, target, previous)
			} else {
				os.Remove(full)
			}
			return explain(fmt.Errorf("recording %s: %w", s.path, err))
		}
		previous, hadPrevious = s.data, true
		printRound(ios.Out, "recorded", rd)
	}
	return nil
}

// checkImport checks, before anything is written, that the target is a
// draft file and that every source and citation can be recorded.
func checkImport(cfg *config.Config, target string, sources []importSource, wgs []string) error {
	if !cfg.IsDocument(target) {
		return withHint(fmt.Errorf("%s is not a draft file: documents in codraft.yaml is %s", target, strings.Join(cfg.Documents, ", ")),
			"pass --as with a name that documents matches, or change documents in codraft.yaml")
	}
	for _, s := range sources {
		if err := store.CheckText(s.path, s.data, cfg.Limits.MaxFileBytes); err != nil {
			return explain(err)
		}
	}
	for _, wg := range wgs {
		if err := store.CheckCitation(cfg, wg); err != nil {
			return explain(err)
		}
	}
	// every round cites the same sections: each source must have them
	if !strings.Contains(strings.Join(wgs, ""), "(") {
		return nil
	}
	for _, s := range sources {
		d, err := doc.Parse(s.path, s.data, doc.Options{NumberWords: cfg.Numbering.Words, MaxSections: cfg.Limits.MaxSections})
		if err != nil {
			return explain(err)
		}
		if err := checkCitedSections(wgs, []*doc.Document{d}, s.path); err != nil {
			return err
		}
	}
	return nil
}

// initForImport makes the working directory a draft repository for
// import --init, with the source's codraft.yaml (or cfg), and returns it
// and where the target file is written.
func initForImport(f *Factory, cfg *config.Config, cfgFile []byte, target string) (*store.Repo, string, error) {
	dir := f.workDir()
	if _, err := store.InsideWorktree(dir, target); err != nil {
		return nil, "", explain(err)
	}
	if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(target))); err == nil {
		return nil, "", withHint(fmt.Errorf("%s exists and is not recorded in any round: import would overwrite it", target), "move it away, or pass --as with another name")
	}
	if cfgFile == nil {
		cfgFile = cfg.Marshal()
	}
	repo, err := store.InitWithFile(dir, cfgFile)
	if err != nil {
		return nil, "", explain(err)
	}
	fmt.Fprintf(f.IO.Out, "initialised draft repository in %s\n", filepath.ToSlash(shownDir(f)))
	full, err := store.InsideWorktree(repo.Root(), target)
	if err != nil {
		return nil, "", explain(err)
	}
	return repo, full, nil
}

// importPaths lists the source files: the arguments, or the Markdown files
// of one directory, in name order. A directory's codraft.yaml, if any, is
// returned parsed and as written, for --init.
func importPaths(f *Factory, args []string) (paths []string, cfg *config.Config, cfgFile []byte, err error) {
	if len(args) == 1 {
		dir := f.absPath(args[0])
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			ents, err := os.ReadDir(dir)
			if err != nil {
				return nil, nil, nil, err
			}
			for _, e := range ents {
				name := e.Name()
				if !e.Type().IsRegular() || !importable(name) {
					continue
				}
				paths = append(paths, filepath.Join(args[0], name))
			}
			if len(paths) == 0 {
				return nil, nil, nil, withHint(fmt.Errorf("%s has no Markdown files (*.md) or Word files (*.docx) to import", args[0]),
					"name the files to import, or a directory that holds the rounds as NN-LABEL.md or NN-LABEL.docx files")
			}
			if data, err := config.ReadFile(filepath.Join(dir, config.FileName)); err == nil {
				cfgFile = data
				if cfg, err = config.Parse(data); err != nil {
					return nil, nil, nil, explain(fmt.Errorf("%s: %w", filepath.Join(args[0], config.FileName), err))
				}
			}
			return paths, cfg, cfgFile, nil
		}
	}
	for _, a := range args {
		fi, err := os.Stat(f.absPath(a))
		if err != nil {
			return nil, nil, nil, withHint(fmt.Errorf("%s: %w", a, unwrapPathError(err)),
				"import takes Markdown files, or one directory of them: check the path")
		}
		if fi.IsDir() {
			return nil, nil, nil, usagef("%s is a directory: import takes one directory, or files", a)
		}
		paths = append(paths, a)
	}
	sort.SliceStable(paths, func(i, j int) bool {
		bi, bj := filepath.Base(paths[i]), filepath.Base(paths[j])
		if bi != bj {
			return bi < bj
		}
		return paths[i] < paths[j]
	})
	return paths, nil, nil, nil
}

// checkClean refuses to overwrite a draft file whose content is not the one
// recorded at HEAD.
func checkClean(repo *store.Repo, target, full string) error {
	data, err := os.ReadFile(full)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if head, err := repo.Resolve("HEAD"); err == nil {
		if recorded, err := repo.FileAt(head, target); err == nil && bytes.Equal(recorded, data) {
			return nil
		}
	}
	return withHint(fmt.Errorf("%s has changes that no commit records: import would overwrite them", target),
		`record them first with "codraft round", or move the file away`)
}

func shownDir(f *Factory) string {
	if f.Dir != "" {
		return f.Dir
	}
	return "."
}
