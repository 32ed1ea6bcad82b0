package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0
	ExitFindings = 1 // check found violations, or diff --exit-code found changes
	ExitError    = 2 // usage, repository or input error
)

// errFindings is returned by a command that ran fine but must exit 1.
var errFindings = errors.New("findings")

// hintError attaches next-step hints to an error.
type hintError struct {
	err   error
	hints []string
}

func (e *hintError) Error() string { return e.err.Error() }
func (e *hintError) Unwrap() error { return e.err }

// withHint wraps err with one or more hints printed after the error line.
func withHint(err error, hints ...string) error {
	if err == nil {
		return nil
	}
	return &hintError{err: err, hints: hints}
}

// addHint adds a hint after those err has.
func addHint(err error, hint string) error {
	var he *hintError
	if errors.As(err, &he) {
		return &hintError{err: he.err, hints: append(append([]string(nil), he.hints...), hint)}
	}
	return withHint(err, hint)
}

// usageError marks an error in the command line itself.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{msg: fmt.Sprintf(format, a...)} }

// report writes err to w as "codraft: error: ..." plus hints, and returns
// the exit code. This is the one place that maps errors to exit codes.
func report(w io.Writer, err error) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errFindings) {
		return ExitFindings
	}
	msg := strings.TrimSpace(err.Error())
	fmt.Fprintf(w, "codraft: error: %s\n", msg)
	var he *hintError
	if errors.As(err, &he) {
		for _, h := range he.hints {
			fmt.Fprintf(w, "codraft: hint: %s\n", h)
		}
	} else if h := systemHint(err); h != "" {
		fmt.Fprintf(w, "codraft: hint: %s\n", h)
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(w, "codraft: hint: run \"codraft --help\" for usage\n")
	}
	return ExitError
}
