package store

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	// Damaged, when not nil, says why the round cannot be read (it wraps
	// ErrCorrupt); only Number and Tag are set then.
	Damaged error
}

// MaxRound is the highest round number: a round/N tag with a higher N is
// not a round.
const MaxRound = 1_000_000

// Rounds lists the rounds in ascending order, from the round/N tags
// (lightweight or annotated) that are rounds: N at most MaxRound, and the
// commit on the first-parent history of HEAD or carrying the trailer
// "Codraft-Round: N". A tag that does not lead to a commit is skipped; one
// that is left out for another reason gives a warning (Warnings). A round
// whose tag, commit or tree cannot be read is listed with Damaged set, and
// the error is the lowest such round's; the other rounds are whole.
func (r *Repo) Rounds() ([]Round, error) {
	rounds, damaged, err := r.rounds(true)
	if err != nil || len(damaged) == 0 {
		return rounds, err
	}
	for n, derr := range damaged {
		rounds = append(rounds, Round{Number: n, Tag: TagName(n), Damaged: derr})
	}
	sort.Slice(rounds, func(i, j int) bool { return rounds[i].Number < rounds[j].Number })
	return rounds, firstDamage(damaged)
}

// rounds lists the rounds that can be read; their Files only when
// withFiles, which costs a walk of each round's tree. A round whose tag,
// commit or tree cannot be read is left out and its error (wrapping
// ErrCorrupt) returned in damaged, so that the other rounds stay readable.
func (r *Repo) rounds(withFiles bool) (rounds []Round, damaged map[int]error, err error) {
	tags, err := r.scanRoundTags()
	if err != nil {
		return nil, nil, err
	}
	damaged = map[int]error{}
	for n, t := range tags {
		switch {
		case t.err != nil:
			damaged[n] = fmt.Errorf("reading round %d: %w", n, t.err)
			continue
		case t.commit == nil || !t.round:
			continue
		}
		rd := roundFromCommit(t.commit)
		rd.Number = n
		rd.Tag = TagName(n)
		if withFiles {
			if rd.Files, err = r.filesAtCommit(t.commit); errors.Is(err, ErrCorrupt) {
				damaged[n] = fmt.Errorf("reading round %d: %w", n, err)
				continue
			} else if err != nil {
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

// roundTag is a tag round/N as found.
type roundTag struct {
	n    int
	hash plumbing.Hash // the object the tag names
	// commit is the commit it leads to, nil when it leads to none (or err)
	commit *object.Commit
	// round: the tag is a round (see Rounds); chain: its commit is on the
	// first-parent history of HEAD
	round, chain bool
	// err (wrapping ErrCorrupt): the tag or its commit cannot be read
	err error
}

// scanRoundTags reads every tag round/N with N a round number, and decides
// which are rounds. It notes a warning for each one that is not.
func (r *Repo) scanRoundTags() (map[int]*roundTag, error) {
	refs, err := r.plumb.ListRefs("refs/tags/" + TagPrefix)
	if err != nil {
		return nil, fmt.Errorf("reading tags: %w", err)
	}
	chain, complete := r.firstParents()
	out := map[int]*roundTag{}
	for name, ref := range refs {
		short := strings.TrimPrefix(name.String(), "refs/tags/")
		n, ok := parseRoundTag(short)
		if !ok {
			if s := strings.TrimPrefix(short, TagPrefix); allDigits(s) && s[0] != '0' {
				r.warn(fmt.Sprintf("the tag %s is not a round: round numbers end at %d", short, MaxRound))
			}
			continue
		}
		t := &roundTag{n: n, hash: ref.Hash, err: ref.Err}
		out[n] = t
		if t.err != nil {
			continue
		}
		t.commit, t.err = r.peelCommit(ref.Hash)
		if !errors.Is(t.err, ErrCorrupt) {
			t.err = nil // a tag of something else than a commit: no round
		}
		if t.commit == nil {
			continue
		}
		t.chain = chain[t.commit.Hash] || !complete
		t.round = t.chain || commitRound(t.commit) == n
		if !t.round {
			r.warn(fmt.Sprintf("the tag %s is not a round: commit %s is not on the first-parent history of HEAD, and its message does not say \"%s: %d\"", short, t.commit.Hash.String()[:7], trailers.RoundKey, n))
		}
	}
	return out, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// firstParents returns the commits on the first-parent history of HEAD,
// and whether that history was read to its root: it is not when a commit
// cannot be read (a damaged repository, a shallow clone). It is computed
// once for each HEAD.
func (r *Repo) firstParents() (map[plumbing.Hash]bool, bool) {
	head, err := r.resolveRevision(plumbing.HEAD.String())
	if err != nil {
		return map[plumbing.Hash]bool{}, true // an unborn branch: no history
	}
	if r.chain != nil && r.chainHead == *head {
		return r.chain, r.chainComplete
	}
	chain := map[plumbing.Hash]bool{}
	complete := true
	h := *head
	for {
		chain[h] = true
		c, err := r.commitObject(h)
		if err != nil {
			complete = false
			break
		}
		if c.NumParents() == 0 {
			break
		}
		h = c.ParentHashes[0]
		if chain[h] {
			break
		}
	}
	r.chain, r.chainHead, r.chainComplete = chain, *head, complete
	return chain, complete
}

// warn notes a warning about the repository, once.
func (r *Repo) warn(msg string) {
	for _, w := range r.warnings {
		if w == msg {
			return
		}
	}
	r.warnings = append(r.warnings, msg)
}

// Warnings returns what codraft noticed in the repository and set aside
// while it worked (a round tag that is not a round), in order.
func (r *Repo) Warnings() []string { return append([]string(nil), r.warnings...) }

func parseRoundTag(name string) (int, bool) {
	s, ok := strings.CutPrefix(name, TagPrefix)
	if !ok {
		return 0, false
	}
	return parseRoundNumber(s)
}

// parseRoundNumber reads a round number: 1 to MaxRound, written without
// leading zeros.
func parseRoundNumber(s string) (int, bool) {
	if len(s) > len(strconv.Itoa(MaxRound)) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxRound || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

var subjectRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^Round (\d+)(?::\s*(.*))?$`) })

func roundFromCommit(c *object.Commit) Round {
	subject, body, ts := splitMessage(c.Message)
	rd := Round{
		Label:         subject,
		Date:          c.Author.When,
		Commit:        c.Hash.String(),
		WorkingGroups: trailers.Values(ts, trailers.WorkingGroupKey),
		Message:       body,
	}
	if m := subjectRE().FindStringSubmatch(subject); m != nil {
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
		c, err := r.commitObject(h)
		if err == nil {
			return c, nil
		}
		if errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		t, err := r.tagObject(h)
		if errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		if err != nil {
			if r.st.HasEncodedObject(h) != nil {
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
		if c, err := r.commitObject(plumbing.NewHash(rd.Commit)); err == nil {
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
	if rd, err := matchLabel(rounds, spec); err != nil {
		return Rev{}, err
	} else if rd != nil {
		return byRound(*rd), nil
	}
	// git takes an abbreviated commit id of four hex digits at least, so
	// a short number is a round number or nothing
	if shortHex(spec) {
		if n, ok := parseRoundNumber(spec); ok {
			return Rev{}, fmt.Errorf("%w %q: there is no round %d", ErrUnknownRevision, spec, n)
		}
		return Rev{}, fmt.Errorf("%w %q: not a round number, round tag, round label or git revision", ErrUnknownRevision, spec)
	}
	h, err := r.resolveRevision(spec)
	if errors.Is(err, ErrAmbiguous) {
		return Rev{}, err
	}
	if err == nil {
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
	if errors.Is(err, errBadRevision) {
		// a revision git's syntax would take but codraft cannot: say why
		return Rev{}, fmt.Errorf("%w %q: %v", ErrUnknownRevision, spec, err)
	}
	if n, ok := parseRoundNumber(spec); ok {
		return Rev{}, fmt.Errorf("%w %q: there is no round %d", ErrUnknownRevision, spec, n)
	}
	return Rev{}, fmt.Errorf("%w %q: not a round number, round tag, round label or git revision", ErrUnknownRevision, spec)
}

// matchLabel finds the round labelled spec: exactly, else ignoring case.
// It returns nil when none is, and ErrAmbiguous when several are.
func matchLabel(rounds []Round, spec string) (*Round, error) {
	for _, fold := range []bool{false, true} {
		var hits []Round
		for _, rd := range rounds {
			if rd.Label == spec || (fold && strings.EqualFold(rd.Label, spec)) {
				hits = append(hits, rd)
			}
		}
		if len(hits) == 1 {
			return &hits[0], nil
		}
		if len(hits) > 1 {
			var names []string
			for _, rd := range hits {
				names = append(names, fmt.Sprintf("%d (%s)", rd.Number, rd.Tag))
			}
			return nil, fmt.Errorf("%w: label %q names rounds %s; use a round number", ErrAmbiguous, spec, strings.Join(names, ", "))
		}
	}
	return nil, nil
}

// shortHex reports whether s is one to three hex digits.
func shortHex(s string) bool {
	if len(s) == 0 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
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
	// as REV:PATH, the error is that of its revision ("9" of "9:draft.md")
	var first error
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
		case first == nil:
			first = err2
		}
	}
	if first != nil {
		return Rev{}, "", first
	}
	return Rev{}, "", err
}

// commitOf returns the commit of a resolved revision.
func (r *Repo) commitOf(rev Rev) (*object.Commit, error) {
	if rev.Worktree {
		return nil, errors.New("the working tree is not a commit")
	}
	c, err := r.commitObject(plumbing.NewHash(rev.Commit))
	if errors.Is(err, ErrCorrupt) {
		return nil, fmt.Errorf("reading %s: %w", rev.Spec, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrUnknownRevision, rev.Spec, err)
	}
	return c, nil
}
