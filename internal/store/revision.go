package store

import (
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// errBadRevision is wrapped by resolveRevision's error for a revision it
// cannot read.
var errBadRevision = errors.New("not a revision")

// errBadRefName is wrapped by resolveRevision's error for a name no ref
// can have: it is no revision, and most likely no label either, so it
// gets the message of any name that is none.
var errBadRefName = errors.New("not a ref name")

// revStep is one suffix of a git revision: a move to a parent, or a search
// of the history by message.
type revStep struct {
	parent int // ^N: the Nth parent (0: the commit itself)
	first  int // ~N: N first parents back
	re     *regexp.Regexp
	negate bool // ^{/!-re}: the first commit whose message does not match
}

// parseRevision splits a git revision into the name it starts from and the
// steps after it. It reads what git's revision grammar offers for naming a
// commit: NAME (a ref, short or full, or a commit id of 4 to 40 hex digits,
// or "@" for HEAD), followed by any of ~, ~N, ^, ^N, ^{}, ^{commit},
// ^{tag}, ^{object} and ^{/regexp} (^{/!-regexp} for a message that does not
// match). A reflog ("@{...}"), a path ("REV:PATH") and a tree or blob
// ("^{tree}") name no commit, and are errors.
func parseRevision(spec string) (string, []revStep, error) {
	end := strings.IndexAny(spec, "~^:@")
	if end < 0 {
		end = len(spec)
	}
	if end == 0 && strings.HasPrefix(spec, "@") && !strings.HasPrefix(spec, "@{") {
		spec, end = "HEAD"+spec[1:], 4
	}
	name, rest := spec[:end], spec[end:]
	switch {
	case strings.HasPrefix(rest, "@{"):
		return "", nil, reflogError(rest)
	case strings.Contains(name, ".."):
		return "", nil, fmt.Errorf("%w: a range (%q) names two revisions: give them as two arguments", errBadRevision, spec)
	}
	if err := checkRefName(name); err != nil {
		return "", nil, err
	}
	var steps []revStep
	for rest != "" {
		c := rest[0]
		rest = rest[1:]
		switch {
		case c == '~':
			n, tail := leadingNumber(rest, 1)
			steps, rest = append(steps, revStep{first: n}), tail
		case c == '^' && strings.HasPrefix(rest, "{"):
			close := strings.IndexByte(rest, '}')
			if close < 0 {
				return "", nil, fmt.Errorf("%w: missing \"}\" in ^{...}", errBadRevision)
			}
			step, ok, err := braceStep(rest[1:close])
			if err != nil {
				return "", nil, err
			}
			if ok {
				steps = append(steps, step)
			}
			rest = rest[close+1:]
		case c == '^':
			n, tail := leadingNumber(rest, 1)
			steps, rest = append(steps, revStep{parent: n}), tail
		case c == ':':
			return "", nil, fmt.Errorf("%w: %q names a file, not a commit", errBadRevision, spec)
		case c == '@' && strings.HasPrefix(rest, "{"):
			return "", nil, reflogError(string(c) + rest)
		default:
			return "", nil, fmt.Errorf("%w: %q after %q", errBadRevision, string(c)+rest, name)
		}
	}
	return name, steps, nil
}

// braceStep reads the inside of ^{...}: a peel to the commit (no step), or
// a search by message.
func braceStep(in string) (revStep, bool, error) {
	switch in {
	case "", "commit", "tag", "object":
		return revStep{}, false, nil
	case "tree", "blob":
		return revStep{}, false, fmt.Errorf("%w: ^{%s} names a %s, not a commit", errBadRevision, in, in)
	}
	pattern, ok := strings.CutPrefix(in, "/")
	if !ok {
		return revStep{}, false, fmt.Errorf("%w: %q is not a revision suffix", errBadRevision, "^{"+in+"}")
	}
	negate := false
	switch {
	case strings.HasPrefix(pattern, "!-"):
		pattern, negate = pattern[2:], true
	case strings.HasPrefix(pattern, "!!"):
		pattern = pattern[1:]
	case strings.HasPrefix(pattern, "!"):
		return revStep{}, false, fmt.Errorf("%w: ^{/!...} other than ^{/!-...} and ^{/!!...} is reserved", errBadRevision)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return revStep{}, false, fmt.Errorf("%w: ^{/%s}: %v", errBadRevision, pattern, err)
	}
	return revStep{re: re, negate: negate}, true, nil
}

// leadingNumber reads the decimal number at the start of s, or gives def
// when there is none.
func leadingNumber(s string, def int) (int, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return def, s
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		n = int(^uint(0) >> 1) // more parents than any history has
	}
	return n, s[i:]
}

// reflogError refuses a reflog entry, at of the revision ("@{1}").
func reflogError(at string) error {
	return fmt.Errorf("%w: codraft does not read the reflog (%q); name the commit or round instead", errBadRevision, at)
}

// checkRefName refuses a name that no ref can have (git check-ref-format's
// rules), so that a name never leads outside the refs.
func checkRefName(name string) error {
	bad := func(why string) error { return fmt.Errorf("%w: ref name %q %s", errBadRefName, name, why) }
	switch {
	case name == "":
		return bad("is empty")
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "/"):
		return bad(`starts with "." or "/"`)
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, "/"):
		return bad(`ends with "." or "/"`)
	case strings.Contains(name, "..") || strings.Contains(name, "/.") || strings.Contains(name, "//"):
		return bad(`holds "..", "/." or "//"`)
	case strings.HasSuffix(name, ".lock") || strings.Contains(name, ".lock/"):
		return bad(`has a part ending in ".lock"`)
	}
	for _, r := range name {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(`\?*[`, r) {
			return bad(fmt.Sprintf("holds %q", r))
		}
	}
	return nil
}

// resolveRevision resolves a git revision (see parseRevision) to a commit.
// Its name is tried as an abbreviated or full commit id first, then as a
// ref by git's rules (NAME, refs/NAME, refs/tags/NAME, refs/heads/NAME,
// refs/remotes/NAME, refs/remotes/NAME/HEAD); annotated tags are followed
// to their commit. An abbreviation that several commits share is
// ErrAmbiguous unless a ref has that name; anything else that names no
// commit is plumbing.ErrReferenceNotFound or a parse error.
func (r *Repo) resolveRevision(spec string) (*plumbing.Hash, error) {
	name, steps, err := parseRevision(spec)
	if err != nil {
		return nil, err
	}
	c, err := r.revisionBase(name)
	if err != nil {
		return nil, err
	}
	for _, s := range steps {
		if c, err = r.revisionStep(c, s); err != nil {
			return nil, err
		}
	}
	return &c.Hash, nil
}

// revisionBase finds the commit a revision's name names.
func (r *Repo) revisionBase(name string) (*object.Commit, error) {
	ids := r.hashesWithPrefix(name)
	var found []*object.Commit
	for _, h := range ids {
		if c, err := r.peelCommit(h); err == nil {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	for _, rule := range plumbing.RefRevParseRules {
		ref, err := storer.ResolveReference(r.st, plumbing.ReferenceName(fmt.Sprintf(rule, name)))
		if err != nil {
			continue
		}
		if c, err := r.peelCommit(ref.Hash()); err == nil {
			return c, nil
		}
		break
	}
	if len(found) > 1 {
		var list []string
		for _, c := range found {
			list = append(list, c.Hash.String()[:12])
		}
		return nil, fmt.Errorf("%w: %q is the start of the ids of %d commits (%s); give more of the id", ErrAmbiguous, name, len(found), strings.Join(list, ", "))
	}
	return nil, plumbing.ErrReferenceNotFound
}

// hashesWithPrefix lists the objects whose id starts with s, when s is 4 to
// 40 hex digits (git's shortest abbreviation is 4).
func (r *Repo) hashesWithPrefix(s string) []plumbing.Hash {
	if len(s) < 4 || len(s) > 2*len(plumbing.ZeroHash) {
		return nil
	}
	s = strings.ToLower(s)
	b, err := hex.DecodeString(s[:len(s)&^1])
	if err != nil {
		return nil
	}
	if len(s) == 2*len(plumbing.ZeroHash) {
		return []plumbing.Hash{plumbing.NewHash(s)}
	}
	type prefixer interface {
		HashesWithPrefix(prefix []byte) ([]plumbing.Hash, error)
	}
	p, ok := r.st.(prefixer)
	if !ok {
		return nil
	}
	hashes, err := p.HashesWithPrefix(b)
	if err != nil {
		return nil
	}
	var out []plumbing.Hash
	for _, h := range hashes {
		if strings.HasPrefix(h.String(), s) {
			out = append(out, h)
		}
	}
	return out
}

// revisionStep takes one step of a revision from commit c.
func (r *Repo) revisionStep(c *object.Commit, s revStep) (*object.Commit, error) {
	switch {
	case s.re != nil:
		return r.searchMessage(c, s)
	case s.parent > 0:
		if s.parent > c.NumParents() {
			return nil, fmt.Errorf("%w: commit %s has no parent %d", plumbing.ErrReferenceNotFound, c.Hash.String()[:12], s.parent)
		}
		return r.commitObject(c.ParentHashes[s.parent-1])
	}
	for range s.first {
		if c.NumParents() == 0 {
			return nil, fmt.Errorf("%w: commit %s has no parent", plumbing.ErrReferenceNotFound, c.Hash.String()[:12])
		}
		p, err := r.commitObject(c.ParentHashes[0])
		if err != nil {
			return nil, err
		}
		c = p
	}
	return c, nil
}

// searchMessage finds the newest commit reachable from c (c included)
// whose message matches s.re (or does not, for s.negate).
func (r *Repo) searchMessage(c *object.Commit, s revStep) (*object.Commit, error) {
	var hit *object.Commit
	err := object.NewCommitPreorderIter(c, nil, nil).ForEach(func(hc *object.Commit) error {
		if s.re.MatchString(hc.Message) != s.negate {
			hit = hc
			return storer.ErrStop
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if hit == nil {
		return nil, fmt.Errorf("%w: no commit message matches %q", plumbing.ErrReferenceNotFound, s.re.String())
	}
	return hit, nil
}
