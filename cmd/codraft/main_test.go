package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/codraft/codraft/internal/cli"
	"github.com/codraft/codraft/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the files that cmp compares in testdata/script with the actual output")

// envRunMain makes the test binary run codraft itself, for the tests that
// start codraft processes of their own (concurrency, kill -9).
const envRunMain = "CODRAFT_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		os.Exit(cli.Main())
	}
	testscript.Main(m, map[string]func(){
		"codraft": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs every script in testdata/script. Each runs in a fresh
// $WORK with HOME there, a fixed author (CODRAFT_AUTHOR) and clock
// (CODRAFT_NOW), and git's own identity and dates fixed, so that commit ids
// are the same on every run. Besides testscript's commands they have:
//
//	codraft ARGS...        the command line under test
//	[git]                  true when the git command line is installed (use "exec git ...")
//	writefile FILE STRING  write STRING, with Go escapes (\x00, \xff, \n), to FILE
//	docxpart F.docx P OUT  write part P of a Word document to OUT
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams())
}

func scriptParams() testscript.Params {
	return testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, ".home")
			if err := os.MkdirAll(home, 0o777); err != nil {
				return err
			}
			for k, v := range testEnv(home) {
				env.Setenv(k, v)
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "git":
				return testenv.HasGit(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"writefile": cmdWritefile,
			"docxpart":  cmdDocxPart,
		},
	}
}

// testEnv is the environment of every script and codraft process a test
// starts: no trace of the machine's git configuration, fixed identities
// and dates (testenv.GitVars), and codraft's own author, clock and lock
// timeout.
func testEnv(home string) map[string]string {
	env := testenv.GitVars(home)
	env["CODRAFT_AUTHOR"] = "Ada Drafter <ada@example.org>"
	env["CODRAFT_NOW"] = "2025-01-02T03:04:05Z"
	env["CODRAFT_LOCK_TIMEOUT"] = "30s"
	return env
}

func cmdWritefile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writefile FILE STRING")
	}
	data, err := strconv.Unquote(`"` + args[1] + `"`)
	if err != nil {
		ts.Fatalf("writefile: %q: %v", args[1], err)
	}
	name := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(name), 0o777))
	ts.Check(os.WriteFile(name, []byte(data), 0o644))
}
