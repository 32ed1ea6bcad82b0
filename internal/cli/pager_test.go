package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A file or /dev/null is no terminal, though /dev/null is a character
// device.
func TestIsTerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Errorf("%s is taken for a terminal", os.DevNull)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("a file is taken for a terminal")
	}
}

// On a terminal, TERM=dumb means no pager: the output goes to the terminal
// itself. The pager named here would write elsewhere, and fail the test.
func TestPagerDumbTerminal(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "pager-ran")
	env := map[string]string{"TERM": "dumb", "PAGER": "cat > " + marker}
	var out bytes.Buffer
	ios := &IOStreams{Out: &out, ErrOut: io.Discard, IsTTY: true, Env: func(k string) string { return env[k] }}
	err := withPager(ios, false, func(w io.Writer) error {
		_, err := io.WriteString(w, "redline\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != "redline\n" {
		t.Errorf("output %q, want it written directly", out.String())
	}
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("the pager ran with TERM=dumb")
	}
	// the same terminal with another TERM pages
	env["TERM"] = "xterm"
	out.Reset()
	if err := withPager(ios, false, func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the pager did not run with TERM=xterm: %v", err)
	}
}
