package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/codraft/codraft/internal/config"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// File is a draft file: a slash path relative to the repository root, and
// its content.
type File struct {
	Path string
	Data []byte
}

// ConfigAt reads codraft.yaml at a revision. A commit without one (history
// from before codraft) uses the working tree's.
func (r *Repo) ConfigAt(rev Rev) (*config.Config, error) {
	if rev.Worktree {
		return r.Config()
	}
	c, err := r.commitOf(rev)
	if err != nil {
		return nil, err
	}
	return r.configAtCommit(c, rev.Spec)
}

func (r *Repo) configAtCommit(c *object.Commit, spec string) (*config.Config, error) {
	f, err := c.File(config.FileName)
	if err != nil {
		return r.Config()
	}
	if err := config.CheckSize(f.Size); err != nil {
		return nil, fmt.Errorf("at %s: %w", spec, err)
	}
	data, err := f.Contents()
	if err != nil {
		return nil, fmt.Errorf("reading %s:%s: %w", spec, config.FileName, err)
	}
	cfg, err := config.Parse([]byte(data))
	if err != nil {
		return nil, fmt.Errorf("at %s: %w", spec, err)
	}
	return cfg, nil
}

// DraftAt returns the draft files at a revision (those that the Documents
// globs of the configuration at that revision match), in path order. The
// working tree revision reads the files on disk. A file over
// Limits.MaxFileBytes, binary or not UTF-8 gives an error naming it.
func (r *Repo) DraftAt(rev Rev) ([]File, error) {
	cfg, err := r.ConfigAt(rev)
	if err != nil {
		return nil, err
	}
	if rev.Worktree {
		entries, err := r.worktreeDrafts(cfg)
		if err != nil {
			return nil, err
		}
		files := make([]File, 0, len(entries))
		for _, e := range entries {
			data, err := r.readWorktreeFile(e.path, cfg.Limits.MaxFileBytes)
			if err != nil {
				return nil, err
			}
			files = append(files, File{Path: e.path, Data: data})
		}
		return files, nil
	}
	c, err := r.commitOf(rev)
	if err != nil {
		return nil, err
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rev.Spec, err)
	}
	var files []File
	err = tree.Files().ForEach(func(f *object.File) error {
		if !isDraftMode(f.Mode) || !cfg.IsDocument(f.Name) {
			return nil
		}
		name := rev.Spec + ":" + f.Name
		if f.Size > cfg.Limits.MaxFileBytes {
			return tooLarge(name, f.Size, cfg.Limits.MaxFileBytes)
		}
		data, err := blobBytes(&f.Blob)
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		if err := CheckText(name, data, cfg.Limits.MaxFileBytes); err != nil {
			return err
		}
		files = append(files, File{Path: f.Name, Data: data})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// DraftPaths lists the draft files at a revision without reading or checking
// them.
func (r *Repo) DraftPaths(rev Rev) ([]string, error) {
	cfg, err := r.ConfigAt(rev)
	if err != nil {
		return nil, err
	}
	if rev.Worktree {
		entries, err := r.worktreeDrafts(cfg)
		if err != nil {
			return nil, err
		}
		var paths []string
		for _, e := range entries {
			paths = append(paths, e.path)
		}
		return paths, nil
	}
	c, err := r.commitOf(rev)
	if err != nil {
		return nil, err
	}
	return r.draftPathsAtCommit(c, cfg)
}

func (r *Repo) filesAtCommit(c *object.Commit) ([]string, error) {
	cfg, err := r.configAtCommit(c, c.Hash.String())
	if err != nil {
		// A round whose codraft.yaml is broken still lists with the
		// working tree's configuration, or the defaults.
		if cfg, err = r.Config(); err != nil {
			cfg = config.Default()
		}
	}
	return r.draftPathsAtCommit(c, cfg)
}

func (r *Repo) draftPathsAtCommit(c *object.Commit, cfg *config.Config) ([]string, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", c.Hash, err)
	}
	var paths []string
	walker := object.NewTreeWalker(tree, true, nil)
	defer walker.Close()
	for {
		name, e, err := walker.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading commit %s: %w", c.Hash, err)
		}
		if isDraftMode(e.Mode) && cfg.IsDocument(name) {
			paths = append(paths, name)
		}
	}
	sort.Strings(paths)
	return paths, nil
}

// FileAt returns the content of the file at a slash path relative to the
// root, at a revision. It does not check the content.
func (r *Repo) FileAt(rev Rev, p string) ([]byte, error) {
	clean, err := cleanPath(p)
	if err != nil {
		return nil, err
	}
	if rev.Worktree {
		data, err := os.ReadFile(filepath.Join(r.root, filepath.FromSlash(clean)))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s is not in the working tree", ErrFileNotFound, clean)
		}
		return data, err
	}
	c, err := r.commitOf(rev)
	if err != nil {
		return nil, err
	}
	f, err := c.File(clean)
	if errors.Is(err, ErrCorrupt) {
		return nil, fmt.Errorf("reading %s:%s: %w", rev.Spec, clean, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not in %s", ErrFileNotFound, clean, rev.Name())
	}
	return blobBytes(&f.Blob)
}

// InsideWorktree returns where the slash path rel lies under the work tree
// root, for a file about to be written there. No part of the path may be a
// symbolic link (which could lead out of the work tree, and whose files a
// round does not record), and every part but the last that exists must be
// a folder; parts that do not exist yet are fine. The error wraps
// ErrOutsideWorktree.
func InsideWorktree(root, rel string) (string, error) {
	clean, err := cleanPath(rel)
	if err != nil {
		return "", fmt.Errorf("%w: %q is not a path inside the work tree", ErrOutsideWorktree, rel)
	}
	parts := strings.Split(clean, "/")
	p := root
	for i, part := range parts {
		p = filepath.Join(p, part)
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return "", err
		}
		shown := strings.Join(parts[:i+1], "/")
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			dest, _ := os.Readlink(p)
			return "", fmt.Errorf("%w: %s is a symbolic link (to %s), and codraft writes a draft file only inside the work tree, through no link", ErrOutsideWorktree, shown, dest)
		case i < len(parts)-1 && !fi.IsDir():
			return "", fmt.Errorf("%w: %s is not a folder", ErrOutsideWorktree, shown)
		}
	}
	return filepath.Join(root, filepath.FromSlash(clean)), nil
}

// cleanPath checks a slash path relative to the root.
func cleanPath(p string) (string, error) {
	p = filepath.ToSlash(p)
	clean := path.Clean(strings.TrimPrefix(p, "./"))
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") || path.IsAbs(clean) {
		return "", fmt.Errorf("%w: %q is not a path inside the repository", ErrFileNotFound, p)
	}
	return clean, nil
}

func blobBytes(b *object.Blob) ([]byte, error) {
	rd, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(rd)
}

func isDraftMode(m filemode.FileMode) bool {
	return m == filemode.Regular || m == filemode.Executable || m == filemode.Deprecated
}

// wtFile is a draft file found in the working tree.
type wtFile struct {
	path string // slash path relative to the root
	info fs.FileInfo
}

// worktreeDrafts lists the regular files in the working tree that cfg
// matches, in path order. It lists the root alone unless a glob reaches
// below it, and never enters .git or a nested repository.
func (r *Repo) worktreeDrafts(cfg *config.Config) ([]wtFile, error) {
	var out []wtFile
	if !cfg.NeedsWalk() {
		ents, err := os.ReadDir(r.root)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if !e.Type().IsRegular() || !cfg.IsDocument(e.Name()) {
				continue
			}
			info, err := e.Info()
			if err != nil {
				return nil, err
			}
			out = append(out, wtFile{path: e.Name(), info: info})
		}
		return out, nil
	}
	err := filepath.WalkDir(r.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(r.root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
				return filepath.SkipDir // a nested repository
			}
			return nil
		}
		if !d.Type().IsRegular() || !cfg.IsDocument(rel) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, wtFile{path: rel, info: info})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, err
}

// readWorktreeFile reads a draft file from the working tree and checks it.
func (r *Repo) readWorktreeFile(rel string, max int64) ([]byte, error) {
	full := filepath.Join(r.root, filepath.FromSlash(rel))
	if fi, err := os.Stat(full); err == nil && max > 0 && fi.Size() > max {
		return nil, tooLarge(rel, fi.Size(), max)
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, err
	}
	if err := CheckText(rel, data, max); err != nil {
		return nil, err
	}
	return data, nil
}
