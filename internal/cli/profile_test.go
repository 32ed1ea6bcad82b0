package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// With CODRAFT_CPUPROFILE and CODRAFT_MEMPROFILE set, a command writes a
// CPU and an allocation profile, both in pprof's format (gzip), and its
// output is the same as without them.
func TestProfilesAreWritten(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	for p, text := range map[string]string{a: "# One\n\nThe groups shall report.\n", b: "# One\n\nThe groups should report.\n"} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(env map[string]string) string {
		var out bytes.Buffer
		ios := &IOStreams{In: bytes.NewReader(nil), Out: &out, ErrOut: io.Discard, Env: func(k string) string { return env[k] }}
		if code := Run(ios, []string{"-C", dir, "diff", "a.md", "b.md", "--format", "json"}); code != 0 {
			t.Fatalf("exit %d", code)
		}
		return out.String()
	}
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	with := run(map[string]string{"CODRAFT_CPUPROFILE": cpu, "CODRAFT_MEMPROFILE": mem})
	if without := run(nil); with != without {
		t.Errorf("the output changes with profiling:\n%s\nwithout:\n%s", with, without)
	}
	for _, p := range []string{cpu, mem} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			t.Errorf("%s is not a gzip-compressed pprof profile (%d bytes)", filepath.Base(p), len(data))
		}
	}
}
