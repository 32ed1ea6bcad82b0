package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tourScript is the shell of the README's "A short tour" section: its
// ```sh blocks, as written.
func tourScript(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "\n## A short tour\n")
	if start < 0 {
		t.Fatal(`README.md has no "## A short tour" section`)
	}
	section := text[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	var script strings.Builder
	for _, block := range strings.Split(section, "```sh\n")[1:] {
		end := strings.Index(block, "```")
		if end < 0 {
			t.Fatal("README.md: an unterminated ```sh block in the tour")
		}
		script.WriteString(block[:end])
	}
	if script.Len() == 0 {
		t.Fatal("README.md: the tour has no ```sh block")
	}
	return script.String()
}

// TestReadmeTour runs the README's tour verbatim, from a directory that
// holds the sample drafts as a clone does, with codraft on PATH: every
// command must succeed.
func TestReadmeTour(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to run the tour with")
	}
	script := tourScript(t)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "drafts"), os.DirFS(filepath.Join("..", "..", "drafts"))); err != nil {
		t.Fatal(err)
	}
	// codraft on PATH: this test binary, which runs codraft itself when
	// CODRAFT_TEST_RUN_MAIN is set
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, ".bin")
	if err := os.MkdirAll(bin, 0o777); err != nil {
		t.Fatal(err)
	}
	wrapper := "#!/bin/sh\n" + envRunMain + "=1 exec '" + self + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "codraft"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, ".home")
	cmd := exec.Command(bash, "-e", "-x", "-c", script)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "TERM=dumb"}
	for k, v := range testEnv(home) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("the README tour failed: %v\n%s", err, tail(out.String(), 4000))
	}
	// what the tour says it made is there
	for _, p := range []string{"my-code/redlines/1-2.html", "my-code/redlines/1-2.json", "my-code/redlines/1-2.docx", "old-code/draft.md", "word-code/draft.md"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("after the tour: %v", err)
		}
	}
	if strings.Contains(out.String(), "codraft: warning") {
		t.Errorf("the tour printed a warning:\n%s", tail(out.String(), 4000))
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
