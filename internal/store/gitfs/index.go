package gitfs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// IndexFile is a working tree file as the index records it: its path, its
// blob and mode, and its stat data.
type IndexFile struct {
	Path string
	Entry
	Info fs.FileInfo
}

// UpdateIndex makes git's index agree with a new commit for the files
// given (with their stat data), removes the removed paths, and keeps every
// other entry, so that other staged changes stay staged. With no index yet,
// it starts from entries (the new commit's tree), without stat data, so
// that git compares the other files by content.
func (r *Repo) UpdateIndex(entries map[string]Entry, files []IndexFile, removed []string) error {
	path := filepath.Join(r.GitDir, "index")
	idx := &index.Index{Version: 2}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := index.NewDecoder(bytes.NewReader(data)).Decode(idx); err != nil {
			return fmt.Errorf("reading the git index %s: %w", path, err)
		}
	case errors.Is(err, fs.ErrNotExist):
		for p, e := range entries {
			idx.Entries = append(idx.Entries, &index.Entry{Name: p, Hash: e.Hash, Mode: e.Mode})
		}
	default:
		return err
	}
	drop := map[string]bool{}
	for _, p := range removed {
		drop[p] = true
	}
	for _, f := range files {
		drop[f.Path] = true
	}
	kept := idx.Entries[:0]
	for _, e := range idx.Entries {
		if !drop[e.Name] {
			kept = append(kept, e)
		}
	}
	idx.Entries = kept
	for _, f := range files {
		e := &index.Entry{Name: f.Path, Hash: f.Hash, Mode: f.Mode}
		fillStat(e, f.Info)
		idx.Entries = append(idx.Entries, e)
	}
	idx.Cache, idx.ResolveUndo, idx.EndOfIndexEntry = nil, nil, nil
	if idx.Version < 2 || idx.Version > index.EncodeVersionSupported {
		idx.Version = 2
	}
	var buf bytes.Buffer
	if err := index.NewEncoder(&buf).Encode(idx); err != nil {
		return fmt.Errorf("writing the git index: %w", err)
	}
	return replaceLocked(r.GitDir, "index", buf.Bytes(), nil)
}
