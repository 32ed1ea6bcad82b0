package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStartupDeps checks that the program links none of the packages that
// only a network client needs (go-git's top-level package brings them all:
// its transports, HTTP, TLS, SSH): every command pays for their
// initialisation at start-up, and codraft never talks to a server.
func TestStartupDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	banned := []string{
		"github.com/go-git/go-git/v5",
		"github.com/go-git/go-git/v5/plumbing/transport",
		"net/http",
		"crypto/tls",
		"crypto/x509",
		"golang.org/x/crypto/ssh",
	}
	for _, d := range strings.Fields(string(out)) {
		for _, b := range banned {
			if d == b || (b != banned[0] && strings.HasPrefix(d, b+"/")) {
				t.Errorf("codraft links %s", d)
			}
		}
	}
}
