package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/trailers"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// LockFile is the file in the git directory that writing commands lock.
const LockFile = "codraft.lock"

// RoundOptions says how to record a round.
type RoundOptions struct {
	// Label names the round ("second draft"); the subject is
	// "Round N: Label".
	Label string
	// Message is the commit message's body.
	Message string
	// Date is the author and committer date; nil means now (with Amend:
	// the amended round's date).
	Date *time.Time
	// Author is the author and committer; required.
	Author Signature
	// WorkingGroups are the Working-Group trailers to write, each an id
	// from codraft.yaml optionally followed by a list of sections:
	// "WG3 (measure-3-1, measure-3-4)".
	WorkingGroups []string
	// AllowEmpty records a round even when the draft files and
	// codraft.yaml are as at the last round.
	AllowEmpty bool
	// Amend replaces the last round, which must be the tip of the current
	// branch and on no remote-tracking branch. Empty Label, Message and
	// nil WorkingGroups keep the last round's.
	Amend bool
}

// treeEntry is one non-tree entry of a flattened git tree.
type treeEntry struct {
	mode filemode.FileMode
	hash plumbing.Hash
}

// staged is a working tree file recorded in the round.
type staged struct {
	path    string
	hash    plumbing.Hash
	mode    filemode.FileMode
	info    fs.FileInfo
	content []byte
}

// RecordRound records the draft files of the working tree and codraft.yaml
// as the next round (or, with Amend, as the last round again) on the current
// branch: one commit with the Codraft-Round and Working-Group trailers, then
// the annotated tag round/N. Additions, edits and deletions of draft files
// are recorded; other files are left as they are, in the commit and in the
// index. It holds the repository lock while it works, and first finishes a
// round that an earlier, killed run left without its tag.
//
// Writes happen in an order that leaves a whole round or none after a crash:
// objects, then the index, then the branch (atomically, if it still points
// where it did), then the tag.
func (r *Repo) RecordRound(opts RoundOptions) (Round, error) {
	if err := opts.Author.validate(); err != nil {
		return Round{}, err
	}
	if strings.ContainsAny(opts.Label, "\r\n") {
		return Round{}, fmt.Errorf("a round label must be one line, got %q", opts.Label)
	}
	unlock, err := r.lock()
	if err != nil {
		return Round{}, err
	}
	defer unlock()
	if err := r.repair(); err != nil {
		return Round{}, err
	}
	return r.record(opts)
}

// Repair finishes what a killed writer left: a round commit without its tag
// gets it, and stale temporary and lock files of codraft are removed.
func (r *Repo) Repair() error {
	unlock, err := r.lock()
	if err != nil {
		return err
	}
	defer unlock()
	return r.repair()
}

// lock takes the writer lock, then reopens the repository, so that what
// another process wrote while this one waited (packs from a git gc
// included) is seen.
func (r *Repo) lock() (func(), error) {
	timeout := r.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	unlock, err := lockRepo(filepath.Join(r.commonDir, LockFile), timeout)
	if err != nil {
		return nil, err
	}
	fresh, err := openAt(r.root)
	if err != nil {
		unlock()
		return nil, err
	}
	r.repo = fresh.repo
	return unlock, nil
}

func (r *Repo) record(opts RoundOptions) (Round, error) {
	cfg, err := r.Config()
	if err != nil {
		return Round{}, err
	}
	branch, head, err := r.currentBranch()
	if err != nil {
		return Round{}, err
	}
	var headCommit *object.Commit
	if !head.IsZero() {
		if headCommit, err = r.repo.CommitObject(head); err != nil {
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				err = missing(head)
			}
			return Round{}, fmt.Errorf("reading HEAD: %w", err)
		}
	}
	tags, err := r.roundTags()
	if err != nil {
		return Round{}, err
	}
	lastN := 0
	for n := range tags {
		lastN = max(lastN, n)
	}
	var last *object.Commit
	if lastN > 0 {
		last, _ = r.peelCommit(tags[lastN])
	}

	number := lastN + 1
	var parents []plumbing.Hash
	if headCommit != nil {
		parents = []plumbing.Hash{head}
	}
	if opts.Amend {
		if last == nil {
			return Round{}, errors.New("there is no round to amend")
		}
		if headCommit == nil || headCommit.Hash != last.Hash {
			return Round{}, fmt.Errorf("round %d is not the last commit on %s; --amend replaces a round only while it is the tip of the branch", lastN, branch.Short())
		}
		if remote, err := r.pushedTo(last); err != nil {
			return Round{}, err
		} else if remote != "" {
			return Round{}, fmt.Errorf("%w: round %d is on %s; record a new round instead", ErrPushed, lastN, remote)
		}
		number = lastN
		parents = last.ParentHashes
		old := roundFromCommit(last)
		if opts.Label == "" {
			opts.Label = old.Label
		}
		if opts.Message == "" {
			opts.Message = old.Message
		}
		if opts.WorkingGroups == nil {
			opts.WorkingGroups = old.WorkingGroups
		}
	}
	for i, wg := range opts.WorkingGroups {
		wg = strings.TrimSpace(wg)
		opts.WorkingGroups[i] = wg
		if err := CheckCitation(cfg, wg); err != nil {
			return Round{}, err
		}
	}

	// The tree: HEAD's, with the draft files and codraft.yaml as they are
	// in the working tree.
	entries := map[string]treeEntry{}
	if headCommit != nil {
		if entries, err = r.flatten(headCommit); err != nil {
			return Round{}, err
		}
	}
	wt, err := r.worktreeDrafts(cfg)
	if err != nil {
		return Round{}, err
	}
	inWT := map[string]bool{}
	for _, f := range wt {
		inWT[f.path] = true
	}
	var removed []string
	for p, e := range entries {
		if isDraftMode(e.mode) && cfg.IsDocument(p) && !inWT[p] {
			delete(entries, p)
			removed = append(removed, p)
		}
	}
	sort.Strings(removed)
	var files []staged
	for _, f := range wt {
		data, err := r.readWorktreeFile(f.path, cfg.Limits.MaxFileBytes)
		if err != nil {
			return Round{}, err
		}
		files = append(files, staged{path: f.path, info: f.info}.with(data))
	}
	cfgInfo, err := os.Lstat(filepath.Join(r.root, config.FileName))
	if err != nil {
		return Round{}, err
	}
	cfgData, err := os.ReadFile(filepath.Join(r.root, config.FileName))
	if err != nil {
		return Round{}, err
	}
	files = append(files, staged{path: config.FileName, info: cfgInfo}.with(cfgData))
	for i := range files {
		f := &files[i]
		f.mode = filemode.Regular
		if f.info.Mode()&0o111 != 0 {
			f.mode = filemode.Executable
		}
		if f.hash, err = r.writeBlob(f.content); err != nil {
			return Round{}, err
		}
		entries[f.path] = treeEntry{mode: f.mode, hash: f.hash}
	}

	if !opts.Amend && !opts.AllowEmpty {
		if len(wt) == 0 && last == nil {
			return Round{}, fmt.Errorf("%w: no draft files in %s match documents %q in codraft.yaml", ErrNothingChanged, r.root, cfg.Documents)
		}
		if last != nil {
			prev, err := r.flatten(last)
			if err != nil {
				return Round{}, err
			}
			if maps.Equal(draftSet(prev, cfg), draftSet(entries, cfg)) {
				return Round{}, fmt.Errorf("%w since round %d: the draft files and codraft.yaml are as recorded there", ErrNothingChanged, lastN)
			}
		}
	}

	treeHash, err := r.writeTree(entries)
	if err != nil {
		return Round{}, err
	}
	when := time.Now()
	switch {
	case opts.Date != nil:
		when = *opts.Date
	case opts.Amend:
		when = last.Author.When // an amended round keeps its date
	}
	when = when.Truncate(time.Second)
	sig := object.Signature{Name: opts.Author.Name, Email: opts.Author.Email, When: when}
	subject, msg := roundMessage(number, opts.Label, opts.Message, opts.WorkingGroups)
	commit := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: treeHash, ParentHashes: parents}
	commitHash, err := r.writeObject(commit)
	if err != nil {
		return Round{}, err
	}
	if err := r.updateIndex(entries, files, removed); err != nil {
		return Round{}, err
	}
	err = replaceLocked(r.commonDir, branch.String(), []byte(commitHash.String()+"\n"), func() error {
		_, now, err := r.currentBranch()
		if err != nil {
			return err
		}
		if now != head {
			return fmt.Errorf("%w: %s changed while the round was being recorded; run the command again", ErrRefMoved, branch.Short())
		}
		return nil
	})
	if err != nil {
		return Round{}, err
	}
	if err := r.writeRoundTag(number, commitHash, sig, subject, opts.Amend); err != nil {
		// the branch has the round: only its tag is missing, which the
		// next writing command adds
		return Round{}, fmt.Errorf("round %d is recorded as commit %s, but its tag %s was not written (the next \"codraft round\" writes it): %w", number, commitHash.String()[:12], TagName(number), err)
	}

	c, err := r.repo.CommitObject(commitHash)
	if err != nil {
		return Round{}, err
	}
	rd := roundFromCommit(c)
	rd.Number, rd.Tag = number, TagName(number)
	for _, f := range wt {
		rd.Files = append(rd.Files, f.path)
	}
	return rd, nil
}

// CheckCitation checks a Working-Group trailer value before it is recorded:
// it must be well formed (read by the same parser as "codraft check") and
// name a working group of codraft.yaml. The error wraps
// trailers.ErrBadCitation or ErrBadWorkingGroup.
func CheckCitation(cfg *config.Config, v string) error {
	c, err := trailers.ParseCitation(v)
	if err != nil {
		return err
	}
	if cfg.Group(c.Group) == nil {
		known := strings.Join(cfg.GroupIDs(), ", ")
		if known == "" {
			known = "none"
		}
		return fmt.Errorf("%w %q: codraft.yaml lists %s", ErrBadWorkingGroup, c.Group, known)
	}
	return nil
}

// with sets the content of a staged file.
func (s staged) with(data []byte) staged { s.content = data; return s }

// draftSet keeps the draft files and codraft.yaml of a flattened tree.
func draftSet(entries map[string]treeEntry, cfg *config.Config) map[string]treeEntry {
	out := map[string]treeEntry{}
	for p, e := range entries {
		if p == config.FileName || (isDraftMode(e.mode) && cfg.IsDocument(p)) {
			out[p] = e
		}
	}
	return out
}

// roundMessage writes a round's commit message: subject, body, then the
// trailers (joined to the body's own trailers, if it ends with some).
func roundMessage(n int, label, body string, wgs []string) (subject, msg string) {
	subject = "Round " + strconv.Itoa(n)
	if label != "" {
		subject += ": " + label
	}
	var tr strings.Builder
	fmt.Fprintf(&tr, "%s: %d\n", trailers.RoundKey, n)
	for _, wg := range wgs {
		fmt.Fprintf(&tr, "%s: %s\n", trailers.WorkingGroupKey, wg)
	}
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	switch {
	case body == "":
		msg = subject + "\n\n" + tr.String()
	case len(trailers.Parse("x\n\n"+body)) > 0:
		msg = subject + "\n\n" + body + "\n" + tr.String()
	default:
		msg = subject + "\n\n" + body + "\n\n" + tr.String()
	}
	return subject, msg
}

// currentBranch returns the branch HEAD points at and its commit (zero on
// an unborn branch); a detached HEAD is ErrDetachedHead.
func (r *Repo) currentBranch() (plumbing.ReferenceName, plumbing.Hash, error) {
	ref, err := r.repo.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", plumbing.ZeroHash, fmt.Errorf("reading HEAD: %w", err)
	}
	if ref.Type() != plumbing.SymbolicReference {
		return "", plumbing.ZeroHash, fmt.Errorf("%w at %s: a round is recorded on a branch", ErrDetachedHead, ref.Hash().String()[:12])
	}
	branch := ref.Target()
	if !branch.IsBranch() {
		return "", plumbing.ZeroHash, fmt.Errorf("HEAD points at %s, not a branch", branch)
	}
	bref, err := r.repo.Storer.Reference(branch)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return branch, plumbing.ZeroHash, nil
	}
	if err != nil {
		return "", plumbing.ZeroHash, fmt.Errorf("reading %s: %w", branch, err)
	}
	return branch, bref.Hash(), nil
}

// flatten lists the non-tree entries of a commit's tree by path.
func (r *Repo) flatten(c *object.Commit) (map[string]treeEntry, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", c.Hash, err)
	}
	out := map[string]treeEntry{}
	w := object.NewTreeWalker(tree, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading commit %s: %w", c.Hash, err)
		}
		if e.Mode == filemode.Dir {
			continue
		}
		out[name] = treeEntry{mode: e.Mode, hash: e.Hash}
	}
	return out, nil
}

// encoder is a git object that can encode itself.
type encoder interface {
	Encode(plumbing.EncodedObject) error
}

// writeObject stores an object unless the repository has it already.
func (r *Repo) writeObject(o encoder) (plumbing.Hash, error) {
	obj := &plumbing.MemoryObject{}
	if err := o.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.storeObject(obj)
}

func (r *Repo) storeObject(obj *plumbing.MemoryObject) (plumbing.Hash, error) {
	h := obj.Hash()
	if r.repo.Storer.HasEncodedObject(h) == nil {
		return h, nil
	}
	before := r.tempObjects()
	if _, err := r.repo.Storer.SetEncodedObject(obj); err != nil {
		r.removeNewTempObjects(before)
		return plumbing.ZeroHash, fmt.Errorf("writing object %s: %w", h, err)
	}
	return h, nil
}

func (r *Repo) writeBlob(data []byte) (plumbing.Hash, error) {
	obj := &plumbing.MemoryObject{}
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	if _, err := obj.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.storeObject(obj)
}

// dirNode is a directory while a tree is built.
type dirNode struct {
	files map[string]treeEntry
	dirs  map[string]*dirNode
}

// writeTree writes the trees for the flattened entries and returns the
// root's hash. Empty directories are left out.
func (r *Repo) writeTree(entries map[string]treeEntry) (plumbing.Hash, error) {
	root := &dirNode{files: map[string]treeEntry{}, dirs: map[string]*dirNode{}}
	for p, e := range entries {
		d := root
		parts := strings.Split(p, "/")
		for _, dir := range parts[:len(parts)-1] {
			sub, ok := d.dirs[dir]
			if !ok {
				sub = &dirNode{files: map[string]treeEntry{}, dirs: map[string]*dirNode{}}
				d.dirs[dir] = sub
			}
			d = sub
		}
		d.files[parts[len(parts)-1]] = e
	}
	h, _, err := r.writeDir(root)
	return h, err
}

func (r *Repo) writeDir(d *dirNode) (plumbing.Hash, bool, error) {
	var es []object.TreeEntry
	for name, sub := range d.dirs {
		h, ok, err := r.writeDir(sub)
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		if ok {
			es = append(es, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
		}
	}
	for name, e := range d.files {
		es = append(es, object.TreeEntry{Name: name, Mode: e.mode, Hash: e.hash})
	}
	sort.Sort(object.TreeEntrySorter(es))
	h, err := r.writeObject(&object.Tree{Entries: es})
	return h, len(es) > 0, err
}

// updateIndex makes git's index agree with the new round for the recorded
// files, removes the deleted draft files from it, and keeps every other
// entry (so that other staged changes stay staged).
func (r *Repo) updateIndex(entries map[string]treeEntry, files []staged, removed []string) error {
	path := filepath.Join(r.gitDir, "index")
	idx := &index.Index{Version: 2}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := index.NewDecoder(bytes.NewReader(data)).Decode(idx); err != nil {
			return fmt.Errorf("reading the git index %s: %w", path, err)
		}
	case errors.Is(err, fs.ErrNotExist):
		// No index yet: start from the new tree, without stat data, so that
		// git compares the other files by content.
		for p, e := range entries {
			idx.Entries = append(idx.Entries, &index.Entry{Name: p, Hash: e.hash, Mode: e.mode})
		}
	default:
		return err
	}
	drop := map[string]bool{}
	for _, p := range removed {
		drop[p] = true
	}
	for _, f := range files {
		drop[f.path] = true
	}
	kept := idx.Entries[:0]
	for _, e := range idx.Entries {
		if !drop[e.Name] {
			kept = append(kept, e)
		}
	}
	idx.Entries = kept
	for _, f := range files {
		e := &index.Entry{Name: f.path, Hash: f.hash, Mode: f.mode}
		fillStat(e, f.info)
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
	return replaceLocked(r.gitDir, "index", buf.Bytes(), nil)
}

// writeRoundTag writes the annotated tag round/n for a commit. Unless force,
// an existing tag of that name is an error.
func (r *Repo) writeRoundTag(n int, commit plumbing.Hash, sig object.Signature, subject string, force bool) error {
	tag := &object.Tag{
		Name:       TagName(n),
		Tagger:     sig,
		Message:    subject + "\n",
		TargetType: plumbing.CommitObject,
		Target:     commit,
	}
	h, err := r.writeObject(tag)
	if err != nil {
		return err
	}
	name := plumbing.NewTagReferenceName(TagName(n))
	return replaceLocked(r.commonDir, name.String(), []byte(h.String()+"\n"), func() error {
		if force {
			return nil
		}
		if _, err := r.repo.Storer.Reference(name); err == nil {
			return fmt.Errorf("tag %s exists already", TagName(n))
		}
		return nil
	})
}

// pushedTo names a remote-tracking branch that contains the commit, or "".
func (r *Repo) pushedTo(c *object.Commit) (string, error) {
	refs, err := r.repo.References()
	if err != nil {
		return "", err
	}
	defer refs.Close()
	var found string
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		if found != "" || !ref.Name().IsRemote() || ref.Type() != plumbing.HashReference {
			return nil
		}
		rc, err := r.peelCommit(ref.Hash())
		if err != nil {
			return nil
		}
		if rc.Hash == c.Hash {
			found = ref.Name().Short()
			return nil
		}
		if ok, err := c.IsAncestor(rc); err == nil && ok {
			found = ref.Name().Short()
		}
		return nil
	})
	return found, err
}

// repair runs under the lock: it removes what a killed writer left in the
// git directory, and tags a round commit that a killed writer left untagged
// (or whose tag an interrupted --amend did not move).
func (r *Repo) repair() error {
	cleanTemps(r.gitDir)
	if r.commonDir != r.gitDir {
		cleanTemps(r.commonDir)
	}
	ref, err := r.repo.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return nil
	}
	h, err := r.repo.ResolveRevision(plumbing.Revision(ref.Name()))
	if err != nil {
		return nil // an unborn branch
	}
	tags, err := r.roundTags()
	if err != nil {
		return err
	}
	tagged := map[plumbing.Hash]int{}
	for n, th := range tags {
		if c, err := r.peelCommit(th); err == nil {
			tagged[c.Hash] = n
		}
	}
	c, err := r.repo.CommitObject(*h)
	for i := 0; err == nil && i < 1000; i++ {
		if _, ok := tagged[c.Hash]; ok {
			return nil
		}
		if n := commitRound(c); n > 0 {
			subject, _, _ := splitMessage(c.Message)
			th, exists := tags[n]
			if !exists {
				return r.writeRoundTag(n, c.Hash, c.Committer, subject, false)
			}
			old, perr := r.peelCommit(th)
			if perr == nil && commitRound(old) == n && sameParents(old, c) {
				return r.writeRoundTag(n, c.Hash, c.Committer, subject, true)
			}
			return nil
		}
		if c.NumParents() == 0 {
			return nil
		}
		c, err = c.Parent(0)
	}
	return nil
}

func sameParents(a, b *object.Commit) bool {
	if len(a.ParentHashes) != len(b.ParentHashes) {
		return false
	}
	for i := range a.ParentHashes {
		if a.ParentHashes[i] != b.ParentHashes[i] {
			return false
		}
	}
	return true
}
