package store

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/store/gitfs"
	"github.com/codraft/codraft/internal/trailers"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TagPrefix is the prefix of round tags: round N is tagged "round/N".
const TagPrefix = "round/"

// Round is one recorded drafting round.
type Round struct {
	Number int
	// Label is the commit subject after "Round N: " (the whole subject for
	// a commit that codraft did not write).
	Label string
	// Date is the commit's author date.
	Date time.Time
	// Commit is the full hex id of the round's commit; Tag is "round/N".
	Commit string
	Tag    string
	// WorkingGroups are the Working-Group trailers as written.
	WorkingGroups []string
	// Files are the draft files at the round, in path order.
	Files []string
	// Message is the commit message's body, without subject and trailers.
	Message string
}

// Rounds lists the rounds, from the round/N tags (lightweight or annotated),
// in ascending order. A tag that does not lead to a commit is skipped.
func (r *Repo) Rounds() ([]Round, error) {
	rounds, damaged, err := r.rounds(true)
	if err == nil && len(damaged) > 0 {
		err = firstDamage(damaged)
	}
	return rounds, err
}

// rounds lists the rounds; their Files only when withFiles, which costs a
// walk of each round's tree. A round whose tag or commit cannot be read is
// left out and its error (wrapping ErrCorrupt) returned in damaged, so that
// the other rounds stay readable.
func (r *Repo) rounds(withFiles bool) (rounds []Round, damaged map[int]error, err error) {
	refs, err := r.roundTags()
	if err != nil {
		return nil, nil, err
	}
	for n, h := range refs {
		c, err := r.peelCommit(h)
		if errors.Is(err, ErrCorrupt) {
			if damaged == nil {
				damaged = map[int]error{}
			}
			damaged[n] = fmt.Errorf("reading round %d: %w", n, err)
			continue
		}
		if err != nil {
			continue
		}
		rd := roundFromCommit(c)
		rd.Number = n
		rd.Tag = TagName(n)
		if withFiles {
			if rd.Files, err = r.filesAtCommit(c); err != nil {
				return nil, nil, err
			}
		}
		rounds = append(rounds, rd)
	}
	sort.Slice(rounds, func(i, j int) bool { return rounds[i].Number < rounds[j].Number })
	return rounds, damaged, nil
}

// firstDamage is the error of the lowest damaged round.
func firstDamage(damaged map[int]error) error {
	first := 0
	for n := range damaged {
		if first == 0 || n < first {
			first = n
		}
	}
	return damaged[first]
}

// TagName returns the tag of round n.
func TagName(n int) string { return TagPrefix + strconv.Itoa(n) }

// roundTags maps each round number to the object its tag points at.
func (r *Repo) roundTags() (map[int]plumbing.Hash, error) {
	iter, err := r.repo.Tags()
	if err != nil {
		return nil, fmt.Errorf("reading tags: %w", err)
	}
	out := map[int]plumbing.Hash{}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		if n, ok := parseRoundTag(ref.Name().Short()); ok {
			out[n] = ref.Hash()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading tags: %w", err)
	}
	return out, nil
}

func parseRoundTag(name string) (int, bool) {
	s, ok := strings.CutPrefix(name, TagPrefix)
	if !ok {
		return 0, false
	}
	return parseRoundNumber(s)
}

func parseRoundNumber(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

var subjectRE = regexp.MustCompile(`^Round (\d+)(?::\s*(.*))?$`)

func roundFromCommit(c *object.Commit) Round {
	subject, body, ts := splitMessage(c.Message)
	rd := Round{
		Label:         subject,
		Date:          c.Author.When,
		Commit:        c.Hash.String(),
		WorkingGroups: trailers.Values(ts, trailers.WorkingGroupKey),
		Message:       body,
	}
	if m := subjectRE.FindStringSubmatch(subject); m != nil {
		rd.Label = strings.TrimSpace(m[2])
	}
	return rd
}

// commitRound returns the number in a commit's Codraft-Round trailer, or 0.
func commitRound(c *object.Commit) int {
	for _, v := range trailers.Values(trailers.Parse(c.Message), trailers.RoundKey) {
		if n, ok := parseRoundNumber(v); ok {
			return n
		}
	}
	return 0
}

// peelCommit follows annotated tags from h to a commit.
func (r *Repo) peelCommit(h plumbing.Hash) (*object.Commit, error) {
	for range 10 {
		c, err := r.repo.CommitObject(h)
		if err == nil {
			return c, nil
		}
		if errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		t, err := r.repo.TagObject(h)
		if errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		if err != nil {
			if r.repo.Storer.HasEncodedObject(h) != nil {
				return nil, gitfs.Missing(h)
			}
			return nil, fmt.Errorf("%s is not a commit", h)
		}
		h = t.Target
	}
	return nil, fmt.Errorf("%s: too many nested tags", h)
}

// Rev is a resolved revision: a commit, or the working tree.
type Rev struct {
	// Spec is the revision as the user wrote it ("worktree" for the
	// working tree).
	Spec string
	// Round is the round whose commit this is, or nil.
	Round *Round
	// Commit is the full hex commit id ("" for the working tree).
	Commit string
	// Date is the commit's author date (zero for the working tree).
	Date     time.Time
	Worktree bool
}

// Name is how messages name the revision: "round 2", or the spec.
func (v Rev) Name() string {
	switch {
	case v.Worktree:
		return "the working tree"
	case v.Round != nil:
		return fmt.Sprintf("round %d", v.Round.Number)
	}
	return v.Spec
}

// Worktree returns the working tree as a pseudo-revision.
func (r *Repo) Worktree() Rev { return Rev{Spec: "worktree", Worktree: true} }

// Resolve turns a revision into a commit, trying in order: a round number,
// round/N, a unique round label (exact, else ignoring case), then any git
// revision. An ambiguous label gives ErrAmbiguous listing the candidates; a
// revision that is none of these gives ErrUnknownRevision naming it.
func (r *Repo) Resolve(spec string) (Rev, error) {
	if strings.TrimSpace(spec) == "" {
		return Rev{}, fmt.Errorf("%w: empty revision", ErrUnknownRevision)
	}
	rounds, damaged, err := r.rounds(false)
	if err != nil {
		return Rev{}, err
	}
	withFiles := func(rd *Round) {
		if c, err := r.repo.CommitObject(plumbing.NewHash(rd.Commit)); err == nil {
			rd.Files, _ = r.filesAtCommit(c)
		}
	}
	byRound := func(rd Round) Rev {
		withFiles(&rd)
		return Rev{Spec: spec, Round: &rd, Commit: rd.Commit, Date: rd.Date}
	}
	if n, ok := parseRoundNumber(spec); ok && damaged[n] != nil {
		return Rev{}, damaged[n]
	}
	if n, ok := parseRoundTag(spec); ok && damaged[n] != nil {
		return Rev{}, damaged[n]
	}
	if n, ok := parseRoundNumber(spec); ok {
		for _, rd := range rounds {
			if rd.Number == n {
				return byRound(rd), nil
			}
		}
	}
	if n, ok := parseRoundTag(spec); ok {
		for _, rd := range rounds {
			if rd.Number == n {
				return byRound(rd), nil
			}
		}
	}
	for _, fold := range []bool{false, true} {
		var hits []Round
		for _, rd := range rounds {
			if rd.Label == spec || (fold && strings.EqualFold(rd.Label, spec)) {
				hits = append(hits, rd)
			}
		}
		if len(hits) == 1 {
			return byRound(hits[0]), nil
		}
		if len(hits) > 1 {
			var names []string
			for _, rd := range hits {
				names = append(names, fmt.Sprintf("%d (%s)", rd.Number, rd.Tag))
			}
			return Rev{}, fmt.Errorf("%w: label %q names rounds %s; use a round number", ErrAmbiguous, spec, strings.Join(names, ", "))
		}
	}
	// git takes an abbreviated commit id of four hex digits at least;
	// go-git would take "9" for any commit whose id starts with 9
	if shortHex.MatchString(spec) {
		if n, ok := parseRoundNumber(spec); ok {
			return Rev{}, fmt.Errorf("%w %q: there is no round %d", ErrUnknownRevision, spec, n)
		}
		return Rev{}, fmt.Errorf("%w %q: not a round number, round tag, round label or git revision", ErrUnknownRevision, spec)
	}
	if h, err := r.resolveGit(spec); err == nil {
		c, err := r.peelCommit(*h)
		if err != nil {
			return Rev{}, fmt.Errorf("%w %q: %v", ErrUnknownRevision, spec, err)
		}
		rev := Rev{Spec: spec, Commit: c.Hash.String(), Date: c.Author.When}
		for _, rd := range rounds {
			if rd.Commit == rev.Commit {
				rd := rd
				withFiles(&rd)
				rev.Round = &rd
				break
			}
		}
		return rev, nil
	}
	if len(damaged) > 0 {
		// the revision may be the label of a round that cannot be read
		return Rev{}, fmt.Errorf("%w %q, and %w", ErrUnknownRevision, spec, firstDamage(damaged))
	}
	if n, ok := parseRoundNumber(spec); ok {
		return Rev{}, fmt.Errorf("%w %q: there is no round %d", ErrUnknownRevision, spec, n)
	}
	return Rev{}, fmt.Errorf("%w %q: not a round number, round tag, round label or git revision", ErrUnknownRevision, spec)
}

var shortHex = regexp.MustCompile(`^[0-9a-fA-F]{1,3}$`)

// resolveGit resolves a git revision to an object. A spec with a colon
// outside "^{...}" names a file in git's grammar ("HEAD:draft.md"), never
// a commit, and go-git would read it as the revision before the colon.
func (r *Repo) resolveGit(spec string) (*plumbing.Hash, error) {
	if strings.Contains(spec, ":") && !strings.Contains(spec, "^{") {
		return nil, plumbing.ErrReferenceNotFound
	}
	return r.repo.ResolveRevision(plumbing.Revision(spec))
}

// ResolveFile resolves a revision, or REV:PATH: the whole spec is tried as a
// revision first (round number, round/N, round label, git revision), and
// only when it is none is it split at a colon, the first one whose left
// part is a revision. path is "" when the spec is a revision alone. A
// damaged or ambiguous revision before the colon is an error, not a reason
// to try the next colon.
func (r *Repo) ResolveFile(spec string) (rev Rev, path string, err error) {
	rev, err = r.Resolve(spec)
	if err == nil || !errors.Is(err, ErrUnknownRevision) {
		return rev, "", err
	}
	for i := 1; i < len(spec)-1; i++ {
		if spec[i] != ':' {
			continue
		}
		left, err2 := r.Resolve(spec[:i])
		switch {
		case err2 == nil:
			return left, spec[i+1:], nil
		case !errors.Is(err2, ErrUnknownRevision):
			return Rev{}, "", err2
		}
	}
	return Rev{}, "", err
}

// commitOf returns the commit of a resolved revision.
func (r *Repo) commitOf(rev Rev) (*object.Commit, error) {
	if rev.Worktree {
		return nil, errors.New("the working tree is not a commit")
	}
	c, err := r.repo.CommitObject(plumbing.NewHash(rev.Commit))
	if errors.Is(err, ErrCorrupt) {
		return nil, fmt.Errorf("reading %s: %w", rev.Spec, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrUnknownRevision, rev.Spec, err)
	}
	return c, nil
}
