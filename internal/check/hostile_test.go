package check

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/testenv"
)

// watchdog is how long one hostile check may take: far above what each
// takes, short of what time growing with the product of two inputs would.
const watchdog = 60 * time.Second

// TestHostileCommits checks commits built to make the rules' work or
// output grow with the square of the input: every one must finish under
// the watchdog, and its findings must stay within a fixed multiple of the
// message, draft and configuration.
func TestHostileCommits(t *testing.T) {
	// a draft of 5,000 sections, each changed, one with a long title
	var oldB, newB strings.Builder
	for i := range 5000 {
		title := fmt.Sprintf("Section title %d", i)
		if i == 7 {
			title = strings.Repeat("Long title ", 2000)
		}
		fmt.Fprintf(&oldB, "## Measure %d: %s\n\nText %d.\n\n", i, title, i)
		fmt.Fprintf(&newB, "## Measure %d: %s\n\nText %d changed.\n\n", i, title, i)
	}
	oldDraft, newDraft := oldB.String(), newB.String()
	lines := func(n int, f func(i int) string) string {
		var b strings.Builder
		b.WriteString("Edit\n\n")
		for i := range n {
			b.WriteString(f(i) + "\n")
		}
		return b.String()
	}
	bigConfig := func() *config.Config {
		cfg := testConfig()
		for i := range 20000 {
			cfg.WorkingGroups = append(cfg.WorkingGroups, config.WorkingGroup{ID: fmt.Sprintf("G%d", i), Owns: []string{fmt.Sprintf("section-title-%d", i%5000)}})
		}
		cfg.Check.EnforceOwnership = true
		return cfg
	}
	tests := []struct {
		name string
		msg  string
		cfg  func() *config.Config
	}{
		{"5,000 trailers, each listing one section, over 5,000 changed sections", lines(5000, func(i int) string { return fmt.Sprintf("Working-Group: WG1 (Measure %d)", 4999-i) }), testConfig},
		{"5,000 trailers naming the long-titled section", lines(5000, func(int) string { return "Working-Group: WG1 (measure-7, Measure 7)" }), testConfig},
		{"20,000 names that are no section, in one trailer", "Edit\n\nWorking-Group: WG1 (" + strings.Repeat("nowhere, ", 20000) + "x)\n", testConfig},
		{"5,000 unknown groups against 20,000 configured", lines(5000, func(i int) string { return fmt.Sprintf("Working-Group: X%d", i) }), bigConfig},
		{"ownership over 20,000 groups", "Edit\n\nWorking-Group: WG1\n", bigConfig},
		{"5,000 trailers without a list, section lists required", lines(5000, func(int) string { return "Working-Group: WG1" }), func() *config.Config {
			cfg := testConfig()
			cfg.Check.RequireSectionRefs = true
			return cfg
		}},
	}
	c0 := commit(t, "", newDraft, oldDraft)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg()
			c := &Commit{ID: c0.ID, Message: tt.msg, Diffs: c0.Diffs, ConfigChanged: true, ConfigLine: 1}
			var fs []Finding
			testenv.Within(t, watchdog, tt.name, func() { fs = Check(cfg, c) })
			out := 0
			for _, f := range fs {
				out += len(f.Message) + len(f.Fix) + len(f.Title) + len(f.Section) + len(f.Number) + len(f.File) + len(f.Commit)
			}
			in := len(tt.msg) + len(oldDraft) + len(newDraft) + 40*len(cfg.WorkingGroups)
			if out > 20*in {
				t.Errorf("%d findings, %d bytes, for %d bytes of input", len(fs), out, in)
			}
			t.Logf("%d findings, %d bytes, for %d bytes of input", len(fs), out, in)
		})
	}
}
