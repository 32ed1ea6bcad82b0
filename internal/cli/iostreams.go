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

// isTerminal reports whether f is a terminal: a file, a pipe, /dev/null or
// /dev/full (character devices, but no terminals) is not.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// checkedWriter passes writes on to w and keeps the first error; after
// one, it writes nothing more.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	c.err = err
	return n, err
}

// rawOut is the writer under standard output's checkedWriter: what a
// child process (the pager) is given, so that it sees the terminal itself.
func rawOut(w io.Writer) io.Writer {
	if c, ok := w.(*checkedWriter); ok {
		return c.w
	}
	return w
}
