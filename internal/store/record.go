package store

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/store/gitfs"
	"github.com/codraft/codraft/internal/trailers"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// LockFile is the file in the git directory that writing commands lock.
const LockFile = gitfs.LockFile

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

// staged is a working tree file recorded in the round.
type staged struct {
	gitfs.IndexFile
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

// lock takes the writer lock, then reopens the repository, so that what
// another process wrote while this one waited (packs from a git gc
// included) is seen.
func (r *Repo) lock() (func(), error) {
	timeout := r.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	unlock, err := r.plumb.Lock(timeout)
	if err != nil {
		return nil, err
	}
	fresh, err := openAt(r.root)
	if err != nil {
		unlock()
		return nil, err
	}
	r.st, r.plumb = fresh.st, fresh.plumb
	return unlock, nil
}

// recording is the state of recording one round, step by step.
type recording struct {
	r    *Repo
	opts RoundOptions
	cfg  *config.Config
	// the branch HEAD points at, and its commit (zero on an unborn branch)
	branch     plumbing.ReferenceName
	head       plumbing.Hash
	headCommit *object.Commit
	// the last round: its number and commit (nil when there is none)
	lastN int
	last  *object.Commit
	// the new round's number and parents
	number  int
	parents []plumbing.Hash
	// the new round's tree, flattened; the draft files in the working tree,
	// the files recorded and the draft files deleted
	entries map[string]gitfs.Entry
	wt      []wtFile
	files   []staged
	removed []string
}

func (r *Repo) record(opts RoundOptions) (Round, error) {
	rec := &recording{r: r, opts: opts}
	for _, step := range []func() error{rec.readState, rec.amend, rec.checkCitations, rec.stage, rec.checkChanged} {
		if err := step(); err != nil {
			return Round{}, err
		}
	}
	return rec.write()
}

// readState reads the configuration, the branch and the last round.
func (rec *recording) readState() error {
	r := rec.r
	var err error
	if rec.cfg, err = r.Config(); err != nil {
		return err
	}
	if rec.branch, rec.head, err = r.currentBranch(); err != nil {
		return err
	}
	if !rec.head.IsZero() {
		if rec.headCommit, err = r.commitObject(rec.head); err != nil {
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				err = gitfs.Missing(rec.head)
			}
			return fmt.Errorf("reading HEAD: %w", err)
		}
		rec.parents = []plumbing.Hash{rec.head}
	}
	tags, err := r.scanRoundTags()
	if err != nil {
		return err
	}
	for n, t := range tags {
		if t.chain && t.round {
			rec.lastN = max(rec.lastN, n)
		}
	}
	if rec.lastN > 0 {
		rec.last = tags[rec.lastN].commit
	}
	rec.number = rec.lastN + 1
	if t := tags[rec.number]; t != nil && !rec.opts.Amend {
		return rec.taken(t)
	}
	if rec.number > MaxRound {
		return fmt.Errorf("round %d would be past the last round number, %d", rec.number, MaxRound)
	}
	return nil
}

// taken says why the tag the new round needs is not free.
func (rec *recording) taken(t *roundTag) error {
	name := TagName(t.n)
	switch {
	case t.err != nil:
		return fmt.Errorf("round %d cannot be recorded: its tag %s exists but %w", t.n, name, t.err)
	case t.commit == nil:
		return fmt.Errorf("%w: %s names %s, which is not a commit", ErrTagExists, name, t.hash)
	}
	return fmt.Errorf("%w: %s is on commit %s, which is not on the first-parent history of %s", ErrTagExists, name, t.commit.Hash.String()[:7], rec.branch.Short())
}

// amend, with --amend, makes the round replace the last one, keeping what
// the options leave unsaid.
func (rec *recording) amend() error {
	if !rec.opts.Amend {
		return nil
	}
	last, lastN := rec.last, rec.lastN
	if last == nil {
		return errors.New("there is no round to amend")
	}
	if rec.headCommit == nil || rec.headCommit.Hash != last.Hash {
		return fmt.Errorf("round %d is not the last commit on %s; --amend replaces a round only while it is the tip of the branch", lastN, rec.branch.Short())
	}
	if remote, err := rec.r.pushedTo(last); err != nil {
		return err
	} else if remote != "" {
		return fmt.Errorf("%w: round %d is on %s; record a new round instead", ErrPushed, lastN, remote)
	}
	rec.number = lastN
	rec.parents = last.ParentHashes
	old := roundFromCommit(last)
	if rec.opts.Label == "" {
		rec.opts.Label = old.Label
	}
	if rec.opts.Message == "" {
		rec.opts.Message = old.Message
	}
	if rec.opts.WorkingGroups == nil {
		rec.opts.WorkingGroups = old.WorkingGroups
	}
	return nil
}

// checkCitations checks the Working-Group trailers to write.
func (rec *recording) checkCitations() error {
	for i, wg := range rec.opts.WorkingGroups {
		wg = strings.TrimSpace(wg)
		rec.opts.WorkingGroups[i] = wg
		if err := CheckCitation(rec.cfg, wg); err != nil {
			return err
		}
	}
	return nil
}

// stage builds the new tree: HEAD's, with the draft files and codraft.yaml
// as they are in the working tree, their blobs written.
func (rec *recording) stage() error {
	r, cfg := rec.r, rec.cfg
	rec.entries = map[string]gitfs.Entry{}
	var err error
	if rec.headCommit != nil {
		if rec.entries, err = r.plumb.Flatten(rec.headCommit); err != nil {
			return err
		}
	}
	if rec.wt, err = r.worktreeDrafts(cfg); err != nil {
		return err
	}
	if len(rec.wt) == 0 && !rec.opts.AllowEmpty {
		return fmt.Errorf("%w in %s match documents %q in codraft.yaml: a round records at least one", ErrNoDraftFiles, r.root, cfg.Documents)
	}
	inWT := map[string]bool{}
	for _, f := range rec.wt {
		inWT[f.path] = true
	}
	for p, e := range rec.entries {
		// with no draft file at all (--allow-empty), the previous ones stay
		if len(rec.wt) > 0 && isDraftMode(e.Mode) && cfg.IsDocument(p) && !inWT[p] {
			delete(rec.entries, p)
			rec.removed = append(rec.removed, p)
		}
	}
	sort.Strings(rec.removed)
	for _, f := range rec.wt {
		data, err := r.readWorktreeFile(f.path, cfg.Limits.MaxFileBytes)
		if err != nil {
			return err
		}
		rec.files = append(rec.files, staged{IndexFile: gitfs.IndexFile{Path: f.path, Info: f.info}, content: data})
	}
	cfgInfo, err := os.Lstat(filepath.Join(r.root, config.FileName))
	if err != nil {
		return err
	}
	cfgData, err := config.ReadFile(filepath.Join(r.root, config.FileName))
	if err != nil {
		return err
	}
	rec.files = append(rec.files, staged{IndexFile: gitfs.IndexFile{Path: config.FileName, Info: cfgInfo}, content: cfgData})
	for i := range rec.files {
		f := &rec.files[i]
		f.Mode = filemode.Regular
		if f.Info.Mode()&0o111 != 0 {
			f.Mode = filemode.Executable
		}
		if f.Hash, err = r.plumb.WriteBlob(f.content); err != nil {
			return err
		}
		rec.entries[f.Path] = f.Entry
	}
	return nil
}

// checkChanged refuses a round that records nothing new, unless asked to.
func (rec *recording) checkChanged() error {
	if rec.opts.Amend || rec.opts.AllowEmpty {
		return nil
	}
	if rec.last == nil {
		return nil
	}
	prev, err := rec.r.plumb.Flatten(rec.last)
	if err != nil {
		return err
	}
	if maps.Equal(draftSet(prev, rec.cfg), draftSet(rec.entries, rec.cfg)) {
		return fmt.Errorf("%w since round %d: the draft files and codraft.yaml are as recorded there", ErrNothingChanged, rec.lastN)
	}
	return nil
}

// write writes the tree, the commit, the index, the branch and the tag, in
// that order.
func (rec *recording) write() (Round, error) {
	r, opts := rec.r, rec.opts
	treeHash, err := r.plumb.WriteTree(rec.entries)
	if err != nil {
		return Round{}, err
	}
	when := time.Now()
	switch {
	case opts.Date != nil:
		when = *opts.Date
	case opts.Amend:
		when = rec.last.Author.When // an amended round keeps its date
	}
	when = when.Truncate(time.Second)
	sig := object.Signature{Name: opts.Author.Name, Email: opts.Author.Email, When: when}
	subject, msg := roundMessage(rec.number, opts.Label, opts.Message, opts.WorkingGroups)
	commit := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: treeHash, ParentHashes: rec.parents}
	commitHash, err := r.plumb.WriteObject(commit)
	if err != nil {
		return Round{}, err
	}
	index := make([]gitfs.IndexFile, len(rec.files))
	for i, f := range rec.files {
		index[i] = f.IndexFile
	}
	if err := r.plumb.UpdateIndex(rec.entries, index, rec.removed); err != nil {
		return Round{}, err
	}
	err = r.plumb.UpdateRef(rec.branch, commitHash, func() error {
		_, now, err := r.currentBranch()
		if err != nil {
			return err
		}
		if now != rec.head {
			return fmt.Errorf("%w: %s changed while the round was being recorded; run the command again", ErrRefMoved, rec.branch.Short())
		}
		return nil
	})
	if err != nil {
		return Round{}, err
	}
	if err := r.writeRoundTag(rec.number, commitHash, sig, subject, opts.Amend); err != nil {
		// the branch has the round: only its tag is missing, which the
		// next writing command adds
		return Round{}, fmt.Errorf("round %d is recorded as commit %s, but its tag %s was not written (the next \"codraft round\" writes it): %w", rec.number, commitHash.String()[:12], TagName(rec.number), err)
	}
	c, err := r.commitObject(commitHash)
	if err != nil {
		return Round{}, err
	}
	rd := roundFromCommit(c)
	rd.Number, rd.Tag = rec.number, TagName(rec.number)
	for _, f := range rec.wt {
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

// draftSet keeps the draft files and codraft.yaml of a flattened tree.
func draftSet(entries map[string]gitfs.Entry, cfg *config.Config) map[string]gitfs.Entry {
	out := map[string]gitfs.Entry{}
	for p, e := range entries {
		if p == config.FileName || (isDraftMode(e.Mode) && cfg.IsDocument(p)) {
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
	ref, err := r.st.Reference(plumbing.HEAD)
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
	h, err := r.plumb.BranchRef(branch)
	if err != nil {
		return "", plumbing.ZeroHash, fmt.Errorf("%w: %v", ErrBadBranch, err)
	}
	return branch, h, nil
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
	h, err := r.plumb.WriteObject(tag)
	if err != nil {
		return err
	}
	name := plumbing.NewTagReferenceName(TagName(n))
	return r.plumb.UpdateRef(name, h, func() error {
		if force {
			return nil
		}
		if _, err := r.st.Reference(name); err == nil {
			return fmt.Errorf("tag %s exists already", TagName(n))
		}
		return nil
	})
}

// pushedTo names a remote-tracking branch that contains the commit, or "".
func (r *Repo) pushedTo(c *object.Commit) (string, error) {
	refs, err := r.st.IterReferences()
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
	r.plumb.CleanTemps()
	ref, err := r.st.Reference(plumbing.HEAD)
	if err != nil {
		return nil
	}
	h, err := r.resolveRevision(ref.Name().String())
	if err != nil {
		return nil // an unborn branch
	}
	tags, err := r.scanRoundTags()
	if err != nil {
		return err
	}
	tagged := map[plumbing.Hash]int{}
	for n, t := range tags {
		if t.commit != nil {
			tagged[t.commit.Hash] = n
		}
	}
	c, err := r.commitObject(*h)
	for i := 0; err == nil && i < 1000; i++ {
		if _, ok := tagged[c.Hash]; ok {
			return nil
		}
		if n := commitRound(c); n > 0 {
			subject, _, _ := splitMessage(c.Message)
			t, exists := tags[n]
			if !exists {
				return r.writeRoundTag(n, c.Hash, c.Committer, subject, false)
			}
			if old := t.commit; old != nil && commitRound(old) == n && sameParents(old, c) {
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
