package cli

import (
	"io"
	"os"
	"os/exec"
	"strings"
)

// withPager runs write with the pager's input as its writer when standard
// output is a terminal that can page ($PAGER, else "less -R"; not with
// TERM=dumb), and with standard output otherwise.
func withPager(ios *IOStreams, off bool, write func(io.Writer) error) error {
	if off || !ios.IsTTY || ios.Env("TERM") == "dumb" {
		return write(ios.Out)
	}
	pager := ios.Env("CODRAFT_PAGER")
	if pager == "" {
		pager = ios.Env("PAGER")
	}
	if pager == "" {
		pager = "less -R"
	}
	if pager == "cat" || strings.TrimSpace(pager) == "" {
		return write(ios.Out)
	}
	cmd := exec.Command("sh", "-c", pager)
	cmd.Stdout, cmd.Stderr = rawOut(ios.Out), ios.ErrOut
	cmd.Env = append(os.Environ(), "LESS=FRX")
	in, err := cmd.StdinPipe()
	if err != nil {
		return write(ios.Out)
	}
	if err := cmd.Start(); err != nil {
		return write(ios.Out)
	}
	werr := write(in)
	in.Close()
	cmd.Wait()
	if werr != nil && strings.Contains(werr.Error(), "broken pipe") {
		return nil // the reader quit the pager early
	}
	return werr
}
