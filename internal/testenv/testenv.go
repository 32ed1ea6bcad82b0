// Package testenv is for tests only: it gives them a git command line cut
// off from the machine's configuration, with fixed identities and dates,
// helpers to run git and other commands, and a watchdog for inputs built to
// make the code hang. Only _test.go files import it (a test in
// internal/contract checks that no other code links it).
package testenv

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// GitDate is the author and committer date of every commit the git command
// line makes under GitVars, so that commit ids are the same on every run.
const GitDate = "2024-10-01T12:00:00Z"

// GitVars returns the environment variables, name to value, that cut git off
// from the machine: HOME and XDG_CONFIG_HOME inside home (an empty
// directory, so no user configuration), no system configuration, a fixed
// author and committer with fixed dates, and UTC as the time zone.
func GitVars(home string) map[string]string {
	vars := map[string]string{
		"HOME":                home,
		"XDG_CONFIG_HOME":     filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM": "1",
		"TZ":                  "UTC",
	}
	for _, who := range []string{"AUTHOR", "COMMITTER"} {
		vars["GIT_"+who+"_NAME"] = "Git User"
		vars["GIT_"+who+"_EMAIL"] = "git@example.org"
		vars["GIT_"+who+"_DATE"] = GitDate
	}
	return vars
}

// Environ returns the process environment with vars over it, in the form
// of exec.Cmd.Env.
func Environ(vars map[string]string) []string {
	env := os.Environ()
	for _, k := range slices.Sorted(maps.Keys(vars)) {
		env = append(env, k+"="+vars[k])
	}
	return env
}

// SetGitEnv sets GitVars, with HOME in a fresh temporary directory, in the
// process environment for the rest of the test (t.Setenv: not in parallel
// tests), so that both the git command line and the code under test see
// it. It returns HOME.
func SetGitEnv(t testing.TB) string {
	t.Helper()
	home := t.TempDir()
	for k, v := range GitVars(home) {
		t.Setenv(k, v)
	}
	return home
}

// HasGit reports whether the git command line is installed.
func HasGit() bool {
	_, err := exec.LookPath("git")
	return err == nil
}

// NeedGit skips the test, saying why, when git is not installed.
func NeedGit(t testing.TB) {
	t.Helper()
	if !HasGit() {
		t.Skip("git is not installed")
	}
}

// GitCommand returns the command "git args..." in dir, with the process
// environment (set it with SetGitEnv, or set cmd.Env from GitVars). It
// skips the test when git is not installed.
func GitCommand(t testing.TB, dir string, args ...string) *exec.Cmd {
	t.Helper()
	NeedGit(t)
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	return cmd
}

// Git runs "git args..." in dir, as GitCommand, and returns its standard
// output. It fails the test, with both outputs, when git fails.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	return Run(t, GitCommand(t, dir, args...))
}

// Run runs cmd and returns its standard output. It fails the test when cmd
// fails, naming the command and showing what it wrote on both outputs.
func Run(t testing.TB, cmd *exec.Cmd) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		name := append([]string{filepath.Base(cmd.Args[0])}, cmd.Args[1:]...)
		t.Fatalf("%s: %v\n%s%s", strings.Join(name, " "), err, out, stderr.Bytes())
	}
	return string(out)
}

// Within runs f and fails the test when f panics or has not returned after
// limit: a hang, or time growing with the square of the input. name says
// which input in the message. After a timeout the goroutine running f is
// left behind: the test binary is failing anyway.
func Within(t testing.TB, limit time.Duration, name string, f func()) {
	t.Helper()
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("%s: panic: %v", name, p)
		}
	case <-timer.C:
		t.Fatalf("%s: no result after %s: a hang, or time growing with the square of the input", name, limit)
	}
}
