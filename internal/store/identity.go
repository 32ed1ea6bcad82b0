package store

import (
	"fmt"
	"strings"

	gitconfig "github.com/go-git/go-git/v5/config"
)

// Signature names the author of a round.
type Signature struct {
	Name, Email string
}

func (s Signature) String() string { return fmt.Sprintf("%s <%s>", s.Name, s.Email) }

// IsZero reports whether the signature is unset.
func (s Signature) IsZero() bool { return s.Name == "" && s.Email == "" }

// ParseSignature reads "Name <email>".
func ParseSignature(s string) (Signature, error) {
	s = strings.TrimSpace(s)
	open, end := strings.IndexByte(s, '<'), strings.LastIndexByte(s, '>')
	if open < 0 || end != len(s)-1 || end < open {
		return Signature{}, fmt.Errorf("author %q is not of the form \"Name <email>\"", s)
	}
	sig := Signature{Name: strings.TrimSpace(s[:open]), Email: strings.TrimSpace(s[open+1 : end])}
	if err := sig.validate(); err != nil {
		return Signature{}, err
	}
	return sig, nil
}

func (s Signature) validate() error {
	if s.Name == "" || s.Email == "" {
		return fmt.Errorf("%w: author %q needs a name and an email", ErrNoAuthor, s.String())
	}
	if strings.ContainsAny(s.Name, "<>\n\x00") || strings.ContainsAny(s.Email, "<>\n\x00 ") {
		return fmt.Errorf("author %q: a name or email may not hold '<', '>' or a line break", s.String())
	}
	return nil
}

// Identity returns git's user.name and user.email from the repository's
// configuration, then the global one (~/.gitconfig); ok is false when
// either is missing.
func (r *Repo) Identity() (sig Signature, ok bool) {
	cfg, err := r.gitConfig()
	if err != nil {
		return Signature{}, false
	}
	sig = Signature{Name: cfg.User.Name, Email: cfg.User.Email}
	if sig.validate() != nil {
		return Signature{}, false
	}
	return sig, true
}

// GlobalIdentity returns user.name and user.email from git's global
// configuration, for when there is no repository yet.
func GlobalIdentity() (sig Signature, ok bool) {
	cfg, err := gitconfig.LoadConfig(gitconfig.GlobalScope)
	if err != nil {
		return Signature{}, false
	}
	sig = Signature{Name: cfg.User.Name, Email: cfg.User.Email}
	if sig.validate() != nil {
		return Signature{}, false
	}
	return sig, true
}
