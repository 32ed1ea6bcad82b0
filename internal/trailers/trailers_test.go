package trailers

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/testenv"
)

// trailerMessages are commit messages whose trailers Parse must read
// exactly as git does.
var trailerMessages = []string{
	"",
	"Subject only",
	"Subject only\n",
	"Working-Group: WG1",
	"Working-Group: WG1\n",
	"Subject\nWorking-Group: WG1\n",
	"Subject\n\nWorking-Group: WG1\n",
	"Subject\n\nWorking-Group: WG1",
	"Subject\n\nWorking-Group: WG1\nWorking-Group: WG3 (measure-3-1, measure-3-4)\n",
	"Subject\n\nBody text.\n\nWorking-Group: WG2\n",
	"Subject\n\nBody text.\nWorking-Group: WG2\n",
	"Subject\n\nWorking-Group: WG2\n\nBody after the trailers.\n",
	"Subject\n\nWorking-Group: WG2\n\n\n\n",
	"Subject\n\nWorking-Group: WG2\n   \n",
	"Subject\n\nWorking-Group : WG2\nworking-group:WG3\n",
	"Subject\n\nWorking Group: WG2\n",
	"Subject\n\nWorking-Group:\n",
	"Subject\n\nWorking-Group:    \n",
	"Subject\n\n:no key\n",
	"Subject\n\nWorking-Group: WG3 (measure-3-1,\n  measure-3-4)\nCodraft-Round: 3\n",
	"Subject\n\nWorking-Group: WG3 (measure-3-1,\n\tmeasure-3-4,\n    measure-3-5)\n",
	"Subject\n\n  indented: not a trailer\nWorking-Group: WG1\n",
	"Subject\n\nnot a trailer\nWorking-Group: WG1\n",
	"Subject\n\nnot a trailer\nnot either\nnor this\nSigned-off-by: A <a@example.org>\nWorking-Group: WG1\n",
	"Subject\n\nnot a trailer\nnot either\nnor this\nnor that\nmore text\nSigned-off-by: A <a@example.org>\n",
	"Subject\n\nsome text\nSigned-off-by: A <a@example.org>\n",
	"Subject\n\nsome text\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\nWorking-Group: WG1\n",
	"Subject\n\nWorking-Group: WG1\n# a comment\nWorking-Group: WG2\n",
	"Subject\n\nWorking-Group: WG1\n\n# Please enter the commit message for your changes. Lines starting\n# with '#' will be ignored.\n#\n# On branch main\n",
	"Subject\n\nWorking-Group: WG1\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n+Key: value\n",
	"Subject\n\nWorking-Group: WG1\n\nConflicts:\n\tdraft.md\n",
	"Subject\n\nWorking-Group: WG1\n---\nKey: patch\n",
	"Subject\n\nText\n--- \nWorking-Group: WG1\n",
	"Subject\r\n\r\nWorking-Group: WG1\r\nWorking-Group: WG2\r\n",
	"\n\nWorking-Group: WG1\n",
	"# comment first\nSubject\n\nWorking-Group: WG1\n",
	"Subject\n\nhttp://example.org: a link\n",
	"Subject\n\nKey-1: a\nKey_2: b\n",
	"Subject\n\nKéy: a\nKey: b\n",
	"Subject\n\nKey: a: b: c\n",
	"Subject\n\n  \nWorking-Group: WG1\n",
	"Title (#12)\n\n* First change\n\nWorking-Group: WG2\n\n* Second change\n\nWorking-Group: WG3\n",
	"Title (#12)\n\n* First change\n\n* Second change\n\nWorking-Group: WG2\nWorking-Group: WG3\n",
	"Subject\n\nWorking-Group: WG1\n continued\n\tand again\nWorking-Group: WG2\n",
}

// TestParseMatchesGit compares Parse with "git
// interpret-trailers --parse --no-divider", the way git reads the trailers
// of a commit, and the divider form with plain --parse.
func TestParseMatchesGit(t *testing.T) {
	testenv.NeedGit(t)
	home := t.TempDir()
	env := testenv.Environ(testenv.GitVars(home))
	for _, divider := range []bool{false, true} {
		for _, msg := range trailerMessages {
			args := []string{"interpret-trailers", "--parse"}
			if !divider {
				args = append(args, "--no-divider")
			}
			cmd := testenv.GitCommand(t, home, args...)
			cmd.Env = env
			cmd.Stdin = strings.NewReader(msg)
			out := testenv.Run(t, cmd)
			var got strings.Builder
			for _, tr := range parseTrailers(msg, divider) {
				got.WriteString(tr.Key + ": " + tr.Value + "\n")
			}
			if diff := cmp.Diff(out, got.String()); diff != "" {
				t.Errorf("divider=%v, message %q: mismatch (-git +Parse):\n%s", divider, msg, diff)
			}
		}
	}
}

func TestCleanMessage(t *testing.T) {
	testenv.NeedGit(t)
	env := testenv.Environ(testenv.GitVars(t.TempDir()))
	stripspace := func(msg string) string {
		cmd := testenv.GitCommand(t, "", "stripspace", "--strip-comments")
		cmd.Env = env
		cmd.Stdin = strings.NewReader(msg)
		return testenv.Run(t, cmd)
	}
	msgs := []string{
		"Subject\n\n\n\nBody  \n# comment\n\nWorking-Group: WG1\n\n\n",
		"\n\n  \nSubject\t\n# Please enter\n#\n",
		"Subject\n\nWorking-Group: WG1\n# ------------------------ >8 ------------------------\n# Do not modify\ndiff --git a/x b/x\n",
		"# ------------------------ >8 ------------------------\nall cut\n",
		"no final newline",
	}
	for _, msg := range msgs {
		want := stripspace(msg)
		if i := strings.Index(want, "------------------------ >8"); i >= 0 {
			t.Fatalf("stripspace kept the cut line: %q", want)
		}
		got := CleanMessage(msg)
		// git stripspace does not know the cut line; compare the part
		// above it.
		if i := strings.Index(msg, "# ------------------------ >8"); i >= 0 {
			want = stripspace(msg[:i])
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("message %q: mismatch (-git +CleanMessage):\n%s", msg, diff)
		}
	}
}
