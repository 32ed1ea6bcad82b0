package cli

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams holds the streams a command reads and writes, so that tests can
// swap them for buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTTY reports whether Out is a terminal (colour and pager decisions).
	IsTTY bool
	// Env looks up an environment variable.
	Env func(string) string
	// Dir is the working directory commands resolve relative paths against.
	Dir string
}

// System returns the process's own streams.
func System() *IOStreams {
	dir, _ := os.Getwd()
	return &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		IsTTY:  isTerminal(os.Stdout),
		Env:    os.Getenv,
		Dir:    dir,
	}
}

// Test returns streams backed by buffers, with colour and TTY off.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	dir, _ := os.Getwd()
	return &IOStreams{In: in, Out: out, ErrOut: errOut, Env: func(string) string { return "" }, Dir: dir}, in, out, errOut
}

// isTerminal reports whether f is a terminal: a file, a pipe or /dev/null
// (a character device, but no terminal) is not.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}
