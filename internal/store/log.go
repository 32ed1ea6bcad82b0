package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/codraft/codraft/internal/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// This file reads history for "codraft check": commit ranges, the draft
// files of a commit or of the index, and the state of a commit in progress.
// Nothing here writes to the repository.

// ErrShallow is returned when a range reaches past the commits that a
// shallow clone holds.
var ErrShallow = errors.New("shallow clone")

// Commit is one commit of the history.
type Commit struct {
	// Hash is the full hex commit id; Parents those of its parents, in
	// order.
	Hash    string
	Parents []string
	Message string
}

// DraftEntry is a draft file of a commit or of the index: its slash path
// and the id of its blob. Read its content with ReadDraftBlob.
type DraftEntry struct {
	Path, Blob string
}

// HeadCommit returns the full id of the commit HEAD points at, or "" on an
// unborn branch.
func (r *Repo) HeadCommit() (string, error) {
	ref, err := r.head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading HEAD: %w", err)
	}
	return ref.Hash().String(), nil
}

// shallowCommits lists the commits whose parents a shallow clone lacks.
func (r *Repo) shallowCommits() map[plumbing.Hash]bool {
	out := map[plumbing.Hash]bool{}
	f, err := os.Open(filepath.Join(r.commonDir, "shallow"))
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if h := strings.TrimSpace(sc.Text()); plumbing.IsHash(h) {
			out[plumbing.NewHash(h)] = true
		}
	}
	return out
}

// walker reads commits once and walks their parents, stopping at the
// boundary of a shallow clone.
type walker struct {
	r       *Repo
	shallow map[plumbing.Hash]bool
	commits map[plumbing.Hash]*object.Commit
}

func (r *Repo) newWalker() *walker {
	return &walker{r: r, shallow: r.shallowCommits(), commits: map[plumbing.Hash]*object.Commit{}}
}

func (w *walker) commit(h plumbing.Hash) (*object.Commit, error) {
	if c, ok := w.commits[h]; ok {
		return c, nil
	}
	c, err := w.r.commitObject(h)
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", h, err)
	}
	w.commits[h] = c
	return c, nil
}

// parents returns a commit's parents, none past a shallow boundary.
func (w *walker) parents(c *object.Commit) []plumbing.Hash {
	if w.shallow[c.Hash] {
		return nil
	}
	return c.ParentHashes
}

// ancestors returns the commits reachable from starts, starts included.
func (w *walker) ancestors(starts ...plumbing.Hash) (map[plumbing.Hash]bool, error) {
	seen := map[plumbing.Hash]bool{}
	queue := append([]plumbing.Hash(nil), starts...)
	for len(queue) > 0 {
		h := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if seen[h] {
			continue
		}
		seen[h] = true
		c, err := w.commit(h)
		if err != nil {
			return nil, err
		}
		queue = append(queue, w.parents(c)...)
	}
	return seen, nil
}

// CommitsBetween returns the commits reachable from to and not from from
// (git's from..to), parents before children: each commit comes after all
// of its parents that are in the range, first-parent history first. An
// empty from means the whole history of to. A commit of the range whose
// parents a shallow clone lacks gives ErrShallow.
func (r *Repo) CommitsBetween(from, to string) ([]Commit, error) {
	w := r.newWalker()
	exclude := map[plumbing.Hash]bool{}
	if from != "" {
		var err error
		if exclude, err = w.ancestors(plumbing.NewHash(from)); err != nil {
			return nil, err
		}
	}
	type frame struct {
		c    *object.Commit
		next int // the next parent to visit
	}
	var out []Commit
	done := map[plumbing.Hash]bool{}
	root := plumbing.NewHash(to)
	if exclude[root] {
		return nil, nil
	}
	c, err := w.commit(root)
	if err != nil {
		return nil, err
	}
	stack := []frame{{c: c}}
	done[root] = true
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		ps := w.parents(top.c)
		if top.next < len(ps) {
			p := ps[top.next]
			top.next++
			if done[p] || exclude[p] {
				continue
			}
			done[p] = true
			pc, err := w.commit(p)
			if err != nil {
				return nil, err
			}
			stack = append(stack, frame{c: pc})
			continue
		}
		if w.shallow[top.c.Hash] && len(top.c.ParentHashes) > 0 {
			return nil, fmt.Errorf("%w: the parents of commit %s were not fetched, so its changes cannot be checked", ErrShallow, top.c.Hash.String()[:12])
		}
		cm := Commit{Hash: top.c.Hash.String(), Message: top.c.Message}
		for _, p := range top.c.ParentHashes {
			cm.Parents = append(cm.Parents, p.String())
		}
		out = append(out, cm)
		stack = stack[:len(stack)-1]
	}
	return out, nil
}

// LastRoundBefore returns the round with the highest number whose commit is
// a strict ancestor of the commit (an ancestor, and not the commit itself),
// or nil when there is none.
func (r *Repo) LastRoundBefore(commit string) (*Round, error) {
	tags, err := r.scanRoundTags()
	if err != nil {
		return nil, err
	}
	damaged := map[int]error{}
	var ns []int
	for n, t := range tags {
		if t.err != nil {
			damaged[n] = fmt.Errorf("reading round %d: %w", n, t.err)
		} else if t.commit != nil {
			ns = append(ns, n)
		}
	}
	if len(damaged) > 0 {
		return nil, firstDamage(damaged)
	}
	if len(ns) == 0 {
		return nil, nil
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ns)))
	w := r.newWalker()
	c, err := w.commit(plumbing.NewHash(commit))
	if err != nil {
		return nil, err
	}
	anc, err := w.ancestors(w.parents(c)...)
	if err != nil {
		return nil, err
	}
	// any round tag counts here, on the first-parent history or not: the
	// range starts after the newest one that the commit builds on
	for _, n := range ns {
		if t := tags[n]; anc[t.commit.Hash] {
			rd := roundFromCommit(t.commit)
			rd.Number, rd.Tag = n, TagName(n)
			if rd.Files, err = r.filesAtCommit(t.commit); err != nil {
				return nil, err
			}
			return &rd, nil
		}
	}
	return nil, nil
}

// DraftEntries lists the draft files of a commit, those that cfg's
// documents match, in path order.
func (r *Repo) DraftEntries(commit string, cfg *config.Config) ([]DraftEntry, error) {
	c, err := r.commitObject(plumbing.NewHash(commit))
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", commit, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", commit, err)
	}
	var out []DraftEntry
	tw := object.NewTreeWalker(tree, true, nil)
	defer tw.Close()
	for {
		name, e, err := tw.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading commit %s: %w", commit, err)
		}
		if isDraftMode(e.Mode) && cfg.IsDocument(name) {
			out = append(out, DraftEntry{Path: name, Blob: e.Hash.String()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// IndexFile returns the index git uses: $GIT_INDEX_FILE when env gives it
// (relative to dir, the directory git runs the hook in), else the
// repository's own.
func (r *Repo) IndexFile(env func(string) string, dir string) string {
	if p := env("GIT_INDEX_FILE"); p != "" {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		return p
	}
	return filepath.Join(r.gitDir, "index")
}

// readIndex decodes an index file.
func readIndex(path string) (*index.Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the index: %w", err)
	}
	defer f.Close()
	idx := &index.Index{}
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(idx); err != nil {
		return nil, fmt.Errorf("reading the index %s: %w", path, err)
	}
	return idx, nil
}

// IndexDraftEntries lists the draft files staged in the index file, those
// that cfg's documents match, in path order. Entries added with
// "git add --intent-to-add" and unmerged entries are left out, as git
// leaves them out of the commit.
func (r *Repo) IndexDraftEntries(indexFile string, cfg *config.Config) ([]DraftEntry, error) {
	idx, err := readIndex(indexFile)
	if err != nil {
		return nil, err
	}
	var out []DraftEntry
	for _, e := range idx.Entries {
		// Stage 0 is a merged entry (go-git's index.Merged says 1).
		if e.Stage != 0 || e.IntentToAdd || !isDraftMode(e.Mode) || !cfg.IsDocument(e.Name) {
			continue
		}
		out = append(out, DraftEntry{Path: e.Name, Blob: e.Hash.String()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// IndexConfig reads codraft.yaml as staged in the index file, or returns
// nil when the index has none.
func (r *Repo) IndexConfig(indexFile string) (*config.Config, error) {
	idx, err := readIndex(indexFile)
	if err != nil {
		return nil, err
	}
	var e *index.Entry
	for _, x := range idx.Entries {
		if x.Name == config.FileName && x.Stage == 0 && !x.IntentToAdd {
			e = x
		}
	}
	if e == nil {
		return nil, nil
	}
	blob, err := r.blobObject(e.Hash)
	if err != nil {
		return nil, fmt.Errorf("reading the staged %s: %w", config.FileName, err)
	}
	if err := config.CheckSize(blob.Size); err != nil {
		return nil, fmt.Errorf("staged: %w", err)
	}
	data, err := blobBytes(blob)
	if err != nil {
		return nil, fmt.Errorf("reading the staged %s: %w", config.FileName, err)
	}
	cfg, err := config.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("staged: %w", err)
	}
	return cfg, nil
}

// ReadDraftBlob reads a draft file's content and checks it as CheckText
// does; name is how errors name the file ("a1b2c3d:draft.md").
func (r *Repo) ReadDraftBlob(e DraftEntry, name string, max int64) ([]byte, error) {
	if data, ok := readLooseBlob(filepath.Join(r.commonDir, "objects"), e.Blob, max); ok {
		if err := CheckText(name, data, max); err != nil {
			return nil, err
		}
		return data, nil
	}
	blob, err := r.blobObject(plumbing.NewHash(e.Blob))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if max > 0 && blob.Size > max {
		return nil, tooLarge(name, blob.Size, max)
	}
	data, err := blobBytes(blob)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if err := CheckText(name, data, max); err != nil {
		return nil, err
	}
	return data, nil
}

// MergeHeads returns the commits being merged into HEAD while a merge is in
// progress (.git/MERGE_HEAD), or nil.
func (r *Repo) MergeHeads() ([]string, error) {
	data, err := os.ReadFile(filepath.Join(r.gitDir, "MERGE_HEAD"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Fields(string(data)) {
		if plumbing.IsHash(l) {
			out = append(out, l)
		}
	}
	return out, nil
}
