package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/codraft/codraft/internal/atomicfile"
	"github.com/codraft/codraft/internal/store"
)

// writeOutput writes an output file (-o, relative to the working
// directory) atomically. It warns first when the file would be a draft
// file of the draft repository it is in, which the next round would
// record.
func (f *Factory) writeOutput(name string, write func(io.Writer) error) error {
	path := f.absPath(name)
	f.warnDraftOutput(name, path)
	err := writeFileAtomic(path, write)
	if errors.Is(err, fs.ErrNotExist) && hintOf(err) == "" {
		return withHint(err, fmt.Sprintf("the folder %s does not exist: create it first, or write the file elsewhere", filepath.Dir(name)))
	}
	return err
}

// warnDraftOutput warns when path lies in a draft repository and the
// documents of its codraft.yaml match it.
func (f *Factory) warnDraftOutput(name, path string) {
	repo, err := store.Open(filepath.Dir(path))
	if err != nil {
		return
	}
	cfg, err := repo.Config()
	if err != nil {
		return
	}
	rel, err := filepath.Rel(repo.Root(), path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	if cfg.IsDocument(filepath.ToSlash(rel)) {
		fmt.Fprintf(f.IO.ErrOut, "codraft: warning: %s is a draft file (documents in codraft.yaml matches it): the next round would record it\n", name)
		fmt.Fprintf(f.IO.ErrOut, "codraft: hint: write redlines into redlines/ or name them NAME.redline.md, which the default documents leave out\n")
	}
}

// writeFileAtomic writes an output file atomically (internal/atomicfile),
// naming it in errors relative to the working directory when it is below it.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	shown := path
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			shown = rel
		}
	}
	return atomicfile.Write(path, shown, write)
}
