package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/codraft/codraft/internal/atomicfile"
	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/docx"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/wording"
)

// This file reads Word drafts: import converts a .docx source to the
// Markdown it records, and round converts each .docx draft file that
// documents matches to the Markdown beside it (NAME.docx to NAME.md),
// which is what the round records. Every Word file is converted before
// anything is written.

func isWordFile(name string) bool { return strings.EqualFold(filepath.Ext(name), ".docx") }

// importable reports whether import takes a file of a directory: Markdown
// or Word, not hidden, not README.md, not a Word lock file (~$name.docx).
func importable(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.EqualFold(name, "README.md") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".docx":
		return true
	}
	return false
}

// wordSources converts the Word files among import's sources to Markdown.
func wordSources(ios *IOStreams, cfg *config.Config, sources []importSource) error {
	for i := range sources {
		s := &sources[i]
		if !isWordFile(s.path) {
			continue
		}
		md, err := wordToMarkdown(ios, s.path, s.data, cfg.Limits.MaxFileBytes)
		if err != nil {
			return err
		}
		s.data = md
	}
	return nil
}

// wordToMarkdown converts one Word file, warning about the tracked changes
// it accepted and the comments it dropped.
func wordToMarkdown(ios *IOStreams, name string, data []byte, maxBytes int64) ([]byte, error) {
	res, err := docx.Convert(data, docx.Options{MaxBytes: maxBytes})
	if err != nil {
		return nil, wordError(name, err)
	}
	if res.Revisions > 0 {
		fmt.Fprintf(ios.ErrOut, "codraft: warning: %s: %s read as accepted\n", name, wording.Count(res.Revisions, "tracked change"))
	}
	if res.Comments > 0 {
		fmt.Fprintf(ios.ErrOut, "codraft: warning: %s: %s dropped\n", name, wording.Count(res.Comments, "comment"))
	}
	return res.Markdown, nil
}

// wordError names the file and says what to do.
func wordError(name string, err error) error {
	e := fmt.Errorf("%s: %w", name, err)
	switch {
	case errors.Is(err, docx.ErrEncrypted):
		return withHint(e, "if it has a password, open it in Word, remove the password (File > Info > Protect Document) and save it; if it is an old .doc file, save it as a Word Document (.docx); nothing was recorded")
	case errors.Is(err, docx.ErrTooLarge):
		return withHint(e, "if the document is genuine, raise limits.max_file_bytes in codraft.yaml; nothing was recorded")
	case errors.Is(err, docx.ErrDoctype), errors.Is(err, docx.ErrBadXML), errors.Is(err, docx.ErrNotDOCX):
		return withHint(e, "open it in Word or LibreOffice and save it as a Word Document (.docx); nothing was recorded")
	}
	return e
}

// wordDraft is a Word draft file converted for a round.
type wordDraft struct {
	docx, md string // slash paths in the working tree
	full     string // where the Markdown is written
	data     []byte // the Markdown
	old      []byte // what the Markdown file held, when it existed
	existed  bool
}

// recordWithWordDrafts records a round after converting the Word draft
// files to Markdown; when the round fails, the Markdown files are put back
// as they were.
func recordWithWordDrafts(ios *IOStreams, repo *store.Repo, opts store.RoundOptions) (store.Round, error) {
	drafts, err := convertWordDrafts(ios, repo)
	if err != nil {
		return store.Round{}, err
	}
	for i, d := range drafts {
		if d.existed && bytes.Equal(d.old, d.data) {
			continue
		}
		if err := atomicfile.WriteFile(d.full, d.md, d.data); err != nil {
			restoreWordDrafts(drafts[:i])
			return store.Round{}, err
		}
	}
	rd, err := repo.RecordRound(opts)
	if err != nil {
		restoreWordDrafts(drafts)
	}
	return rd, err
}

func restoreWordDrafts(drafts []wordDraft) {
	for _, d := range drafts {
		switch {
		case d.existed && !bytes.Equal(d.old, d.data):
			_ = atomicfile.WriteFile(d.full, d.md, d.old)
		case !d.existed:
			os.Remove(d.full)
		}
	}
}

// convertWordDrafts converts every .docx file that documents matches, and
// refuses when its Markdown would overwrite a file that is neither the
// same text nor the one the last round recorded.
func convertWordDrafts(ios *IOStreams, repo *store.Repo) ([]wordDraft, error) {
	cfg, err := repo.Config()
	if err != nil {
		return nil, explain(err)
	}
	paths, err := wordDraftPaths(repo.Root(), cfg)
	if err != nil || len(paths) == 0 {
		return nil, err
	}
	var out []wordDraft
	for _, p := range paths {
		full := filepath.Join(repo.Root(), filepath.FromSlash(p))
		if fi, err := os.Stat(full); err == nil && fi.Size() > cfg.Limits.MaxFileBytes {
			return nil, wordError(p, fmt.Errorf("%w: %d bytes is over the limit of %d bytes", docx.ErrTooLarge, fi.Size(), cfg.Limits.MaxFileBytes))
		}
		data, err := os.ReadFile(full)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		md, err := wordToMarkdown(ios, p, data, cfg.Limits.MaxFileBytes)
		if err != nil {
			return nil, err
		}
		d := wordDraft{docx: p, md: strings.TrimSuffix(p, path.Ext(p)) + ".md", data: md}
		d.full = filepath.Join(repo.Root(), filepath.FromSlash(d.md))
		if err := d.checkTarget(repo); err != nil {
			return nil, err
		}
		fmt.Fprintf(ios.ErrOut, "codraft: %s: converted to %s, which the round records\n", d.docx, d.md)
		out = append(out, d)
	}
	return out, nil
}

// checkTarget reads what the Markdown file holds and refuses to overwrite
// it unless it is the same text or what the last round recorded.
func (d *wordDraft) checkTarget(repo *store.Repo) error {
	fi, err := os.Lstat(d.full)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	refuse := withHint(fmt.Errorf("%s is a Word draft, and %s beside it is not the Markdown the last round recorded from it: converting would overwrite it", d.docx, d.md),
		fmt.Sprintf("move %s away (or record it under another name), then run the round again", d.md))
	if !fi.Mode().IsRegular() {
		return refuse
	}
	if d.old, err = os.ReadFile(d.full); err != nil {
		return err
	}
	d.existed = true
	if bytes.Equal(d.old, d.data) {
		return nil
	}
	if head, err := repo.Resolve("HEAD"); err == nil {
		if recorded, err := repo.FileAt(head, d.md); err == nil && bytes.Equal(recorded, d.old) {
			return nil
		}
	}
	return refuse
}

// wordDraftPaths lists the .docx files of the working tree that documents
// matches, in path order; Word's lock files (~$name.docx) are not drafts.
func wordDraftPaths(root string, cfg *config.Config) ([]string, error) {
	if !mayMatchWord(cfg) {
		return nil, nil
	}
	match := func(rel string) bool {
		if !isWordFile(rel) || strings.HasPrefix(path.Base(rel), "~$") {
			return false
		}
		for _, g := range cfg.Documents {
			if config.MatchGlob(g, rel) {
				return true
			}
		}
		return false
	}
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			if !cfg.NeedsWalk() || d.Name() == ".git" {
				return filepath.SkipDir
			}
			if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
				return filepath.SkipDir // a nested repository
			}
			return nil
		}
		if d.Type().IsRegular() && match(rel) {
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// mayMatchWord reports whether some glob of documents can match a .docx
// file, so that a draft of Markdown files only costs no walk.
func mayMatchWord(cfg *config.Config) bool {
	for _, g := range cfg.Documents {
		last := g[strings.LastIndexByte(g, '/')+1:]
		if last == "" {
			continue
		}
		if strings.Contains(strings.ToLower(last), "docx") || strings.ContainsAny(last[len(last)-1:], "*?]") {
			return true
		}
	}
	return false
}
