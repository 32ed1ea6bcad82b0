package cli

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/codraft/codraft/internal/termtext"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0
	ExitFindings = 1 // check found violations, or diff --exit-code found changes
	ExitError    = 2 // usage, repository or input error
)

// errFindings is returned by a command that ran fine but must exit 1.
var errFindings = errors.New("findings")

// hintError attaches the next step to an error.
type hintError struct {
	err  error
	hint string
}

func (e *hintError) Error() string { return e.err.Error() }
func (e *hintError) Unwrap() error { return e.err }

// withHint wraps err with the hint printed after the error line. An error
// has one hint: a hint given here replaces one err had.
func withHint(err error, hint string) error {
	if err == nil {
		return nil
	}
	var he *hintError
	if errors.As(err, &he) && he == err {
		err = he.err
	}
	return &hintError{err: err, hint: hint}
}

// hintOf is the hint err carries, or "".
func hintOf(err error) string {
	var he *hintError
	if errors.As(err, &he) {
		return he.hint
	}
	return ""
}

// usageError marks an error in the command line itself.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{msg: fmt.Sprintf(format, a...)} }

// report writes err to w as "codraft: error: ..." and one hint, and
// returns the exit code. This is the one place that maps errors to exit
// codes. cmd is the command that ran: a usage error with no hint of its
// own points to its help.
func report(w io.Writer, err error, cmd *cobra.Command) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errFindings) {
		return ExitFindings
	}
	msg := strings.TrimSpace(err.Error())
	// messages echo paths, revisions, labels and trailers: shown safely
	fmt.Fprintf(w, "codraft: error: %s\n", termtext.String(msg))
	hint := hintOf(err)
	var ue *usageError
	switch {
	case hint != "":
	case errors.As(err, &ue):
		path := "codraft"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		hint = fmt.Sprintf("run \"%s --help\" for usage", path)
	default:
		hint = systemHint(err)
	}
	if hint != "" {
		fmt.Fprintf(w, "codraft: hint: %s\n", termtext.String(hint))
	}
	return ExitError
}

// flagError turns an error of flag parsing into a usage error, suggesting
// the flag meant when an unknown one is close to a known one.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if m := invalidFlagValue().FindStringSubmatch(msg); m != nil {
		return withHint(usagef("%s takes %s, not %q", m[2], flagTakes(cmd, m[2]), m[1]),
			fmt.Sprintf("run \"%s --help\" for its flags", cmd.CommandPath()))
	}
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return usagef("%s", msg)
	}
	if near := nearestFlag(cmd, name); near != "" {
		return withHint(usagef("%s", msg), fmt.Sprintf("did you mean --%s? (run \"%s --help\" for its flags)", near, cmd.CommandPath()))
	}
	return usagef("%s", msg)
}

// invalidFlagValue matches pflag's error for a value its flag cannot take.
var invalidFlagValue = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag`)
})

// flagTakes says what a flag's value is, in words.
func flagTakes(cmd *cobra.Command, flag string) string {
	if flag == "--context" {
		return "a number of words"
	}
	f := cmd.Flags().Lookup(strings.TrimPrefix(flag, "--"))
	if f == nil {
		return "another value"
	}
	switch f.Value.Type() {
	case "int", "int64", "uint", "uint64":
		return "a whole number"
	case "bool":
		return "true or false"
	case "duration":
		return "a duration such as 10s"
	}
	return "another value"
}

// nearestFlag is the flag of cmd whose name is closest to name, within two
// edits, or "".
func nearestFlag(cmd *cobra.Command, name string) string {
	best, bestDist := "", 3
	visit := func(f *pflag.Flag) {
		if d := editDistance(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	return best
}
