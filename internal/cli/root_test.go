package cli

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Run builds only the command its arguments name; what a command writes
// and its exit code are those of a run with every command built.
func TestRunBuildsOneCommand(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--version"},
		{"--version", "diff"},
		{"--help"},
		{},
		{"help", "diff"},
		{"diff", "--help"},
		{"diff", "-h"},
		{"-C", dir, "diff", "--help"},
		{"--chdir=" + dir, "rounds", "--help"},
		{"-C" + dir, "show", "--help"},
		{"-C", dir, "rounds"},
		{"-C", dir, "rounds", "extra"},
		{"-C", dir, "diff", "--bogus"},
		{"-C", dir, "diff", "--format", "pdf"},
		{"-C", dir, "summary", "--formt", "json"},
		{"-C", dir, "check", "--from"},
		{"--bogus", "diff"},
		{"-C"},
		{"-C", dir},
		{"dif"},
		{"hooks", "--help"},
		{"hooks", "install", "--help"},
		{"hooks", "instal"},
		{"completion", "bash"},
		{"-C", dir, "init", "--help"},
		{"site", "--help"},
		{"blame", "--help"},
		{"log", "--help"},
		{"export", "--help"},
		{"import", "--help"},
		{"round", "--help"},
		{"check", "--help"},
		{"summary", "--help"},
	} {
		// the argument lists that need the whole tree; every other one
		// must build one command or none, or the comparison below
		// compares the whole tree with itself
		shown := strings.ReplaceAll(strings.Join(args, " "), dir, "DIR")
		wholeTree := map[string]bool{"--version diff": true, "--help": true, "": true, "help diff": true,
			"--bogus diff": true, "-C": true, "-C DIR": true, "dif": true, "completion bash": true}[shown]
		if got := commandOf(args); (got == allCommands) != wholeTree {
			t.Errorf("commandOf(%q) = %q: the whole tree is wanted only for %v", args, got, wholeTree)
		}
		type result struct {
			Out, Err string
			Code     int
		}
		runWith := func(only string) result {
			ios, _, out, errOut := Test()
			code := run(ios, args, only)
			return result{out.String(), errOut.String(), code}
		}
		want := runWith(allCommands)
		if got := runWith(commandOf(args)); !cmp.Equal(got, want) {
			t.Errorf("codraft %q built with %q: mismatch (-all +one):\n%s", args, commandOf(args), cmp.Diff(want, got))
		}
	}
	for args, want := range map[string]string{"diff": "diff", "-C x hooks install": "hooks", "--version": noCommand, "--help diff": allCommands, "dif": allCommands, "": allCommands} {
		if got := commandOf(splitArgs(args)); got != want {
			t.Errorf("commandOf(%q) = %q, want %q", args, got, want)
		}
	}
}

func splitArgs(s string) []string {
	var out []string
	for _, f := range []byte(s) {
		if f == ' ' {
			out = append(out, "")
			continue
		}
		if len(out) == 0 {
			out = append(out, "")
		}
		out[len(out)-1] += string(f)
	}
	return out
}
