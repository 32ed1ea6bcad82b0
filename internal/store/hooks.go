package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	gitconfig "github.com/go-git/go-git/v5/config"
)

// ErrForeignHook is returned when a hook that codraft did not write is in
// the way.
var ErrForeignHook = errors.New("a hook codraft did not write is installed")

// HooksDir returns the directory git runs hooks from: core.hooksPath, as
// git reads it (the repository's setting, else the global one, else the
// system's unless GIT_CONFIG_NOSYSTEM is set; relative to the worktree
// root, "~/" to the home directory), else "hooks" in the git directory.
func (r *Repo) HooksDir() (string, error) {
	p, err := r.hooksPath()
	if err != nil {
		return "", fmt.Errorf("reading git configuration: %w", err)
	}
	if p == "" {
		return filepath.Join(r.commonDir, "hooks"), nil
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		p = filepath.Join(home, rest)
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(r.root, p)
	}
	return filepath.Clean(p), nil
}

// hooksPath is core.hooksPath from the first configuration that sets it,
// in git's order: the repository's, the global one, the system's.
func (r *Repo) hooksPath() (string, error) {
	local, err := r.st.Config()
	if err != nil {
		return "", err
	}
	if p := hooksOption(local); p != "" {
		return p, nil
	}
	scopes := []gitconfig.Scope{gitconfig.GlobalScope, gitconfig.SystemScope}
	if noSystem, _ := strconv.ParseBool(os.Getenv("GIT_CONFIG_NOSYSTEM")); noSystem {
		scopes = scopes[:1]
	}
	for _, scope := range scopes {
		cfg, err := gitconfig.LoadConfig(scope)
		if err != nil {
			return "", err
		}
		if p := hooksOption(cfg); p != "" {
			return p, nil
		}
	}
	return "", nil
}

func hooksOption(cfg *gitconfig.Config) string {
	if cfg == nil || cfg.Raw == nil {
		return ""
	}
	return cfg.Raw.Section("core").Option("hooksPath")
}

// HookInstall says what InstallHook did.
type HookInstall struct {
	// Path is the hook's file.
	Path string
	// Unchanged is true when the same hook was installed already.
	Unchanged bool
	// Replaced is true when an earlier codraft hook was rewritten.
	Replaced bool
	// Saved is where a foreign hook that force replaced was moved, or "".
	Saved string
}

// InstallHook writes the hook called name (e.g. "commit-msg") with script
// as its content, executable. A hook already there is replaced when ours
// says codraft wrote it; otherwise InstallHook fails with ErrForeignHook,
// unless force is set, in which case that hook is first renamed to
// name.before-codraft (replacing an earlier one of that name).
func (r *Repo) InstallHook(name string, script []byte, ours func([]byte) bool, force bool) (HookInstall, error) {
	dir, err := r.HooksDir()
	if err != nil {
		return HookInstall{}, err
	}
	res := HookInstall{Path: filepath.Join(dir, name)}
	old, err := os.ReadFile(res.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return res, err
	case bytes.Equal(old, script):
		if fi, err := os.Stat(res.Path); err == nil && fi.Mode()&0o111 == 0o111 {
			res.Unchanged = true
			return res, nil
		}
		res.Replaced = true
	case ours(old):
		res.Replaced = true
	case !force:
		return res, fmt.Errorf("%w: %s", ErrForeignHook, res.Path)
	default:
		res.Saved = res.Path + ".before-codraft"
		if err := os.Rename(res.Path, res.Saved); err != nil {
			return res, err
		}
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return res, fmt.Errorf("creating the hooks directory %s (git's core.hooksPath, when set): %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+name+".tmp*")
	if err != nil {
		return res, err
	}
	_, werr := tmp.Write(script)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o755)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), res.Path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return res, werr
	}
	return res, nil
}
