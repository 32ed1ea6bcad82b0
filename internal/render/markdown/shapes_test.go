package markdown

import (
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/render/rendertest"
)

// TestShapeChanges checks that accept-all and reject-all give back each
// round when the markup around the text changes: list lines that open
// items inside items, a list item that becomes a paragraph, a table that
// gains a column in its middle.
func TestShapeChanges(t *testing.T) {
	// text that the output of a case must hold: another list starts
	// after a blank line, as on the next line an item numbered 7 would
	// read as text of the item before it
	has := map[string]string{"bullets-and-delimiters": "- clerk\n\n{--7.--}{++7)++} first\n"}
	for _, tc := range []struct{ name, old, new string }{
		{"nested-empty-items",
			"# Schedule\n\n*    *   -\n\n    *   first compound\n\n*    *   -\n\n    *   second compound\n\n*    *\n    *\n\n*    *   -\n\n    *   third compound\n",
			"# Schedule\n\n*    *   -\n\n    *   first compound\n\n*    *   -\n\n    *   added compound\n\n*    *   -\n\n    *   second compound\n\n*    *   -\n\n    *   third compound\n"},
		{"item-to-paragraph",
			"# Changes\n\n- Nothing changed in this round\n\n# Next\n\nText.\n",
			"# Changes\n\nNothing changed in this round\n\n# Next\n\nText.\n"},
		{"paragraph-to-item",
			"# Changes\n\nThe committee met twice\n",
			"# Changes\n\n1. The committee met twice\n2. It adopted the budget\n"},
		{"deeper-item",
			"# Steps\n\n- open the valve\n- close the lid\n",
			"# Steps\n\n- open the valve\n  - close the lid\n"},
		{"column-in-the-middle",
			"# Fees\n\n| Item | Fee |\n|---|---|\n| Filing | 10 |\n| Appeal | 40 |\n",
			"# Fees\n\n| Item | Class | Fee |\n|---|:-:|---|\n| Filing | A | 10 |\n| Appeal | B | 45 |\n"},
		{"table-split-in-two",
			"# Codes\n\n| Code | Meaning |\n|---|---|\n| 1 | start |\n| 2 | stop |\n\n| Code | Meaning |\n|---|---|\n| 3 | pause |\n",
			"# Codes\n\n| Code | Meaning |\n|---|---|\n| 1 | start |\n| 2 | stop |\n| 3 | pause |\n"},
		{"items-renumbered",
			"# Duties\n\n1. Keep the minutes.\n2. Send the agenda.\n3. Book the room.\n   1) the large hall\n   2) the annex\n",
			"# Duties\n\n1. Keep the minutes.\n2. Check the quorum.\n3. Send the agenda.\n4. Book the room.\n   1) the small hall\n   2) the large hall\n   3) the annex\n\n9. Close the meeting.\n"},
		{"bullets-and-delimiters",
			"# Roles\n\n- chair\n- clerk\n\n7. first\n8. second\n",
			"# Roles\n\n* chair\n- clerk\n\n7) first\n8. second\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := rendertest.CompareCase("", "old.md", []byte(tc.old), "new.md", []byte(tc.new))
			if err != nil {
				t.Fatal(err)
			}
			out := body(t, render(t, c.Result, Options{Sources: c.Sources, FrontMatter: c.FrontMatter}))
			if bad := same([]byte(tc.new), []byte(leftovers(resolveWith(out, true, markSentinel))), true); len(bad) > 0 {
				t.Errorf("accepting every change: not the new round:\n  %s\n%s", strings.Join(bad, "\n  "), out)
			}
			if bad := same([]byte(tc.old), []byte(leftovers(resolveWith(out, false, markSentinel))), false); len(bad) > 0 {
				t.Errorf("rejecting every change: not the old round:\n  %s\n%s", strings.Join(bad, "\n  "), out)
			}
			if !strings.Contains(out, has[tc.name]) {
				t.Errorf("output lacks %q:\n%s", has[tc.name], out)
			}
			for _, bad := range numbersKept([]byte(tc.old), []byte(tc.new), out) {
				t.Errorf("%s\n%s", bad, out)
			}
		})
	}
}
