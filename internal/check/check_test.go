package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
)

const base = `# Chapter 1: Transparency

Intro of chapter one.

## Commitment 1: Documentation

### Measure 1.1: Model documentation

Signatories shall document the model and keep that documentation.

### Measure 1.2: Updates

Signatories shall update the documentation when the model changes.

# Chapter 2: Risk

## Commitment 2: Risk taxonomy

### Measure 2.1: Risk sources

Signatories shall identify the sources of systemic risk.

Second paragraph of measure two one, with enough words to keep it apart.
`

func testConfig() *config.Config {
	cfg := config.Default()
	cfg.WorkingGroups = []config.WorkingGroup{
		{ID: "WG1", Name: "Transparency", Owns: []string{"documentation"}},
		{ID: "WG2", Name: "Risk", Owns: []string{"risk-taxonomy"}},
		{ID: "WG3", Name: "Mitigation"},
	}
	return cfg
}

func parse(t *testing.T, src string) []*doc.Document {
	t.Helper()
	if src == "" {
		return nil
	}
	d, err := doc.Parse("draft.md", []byte(src), doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return []*doc.Document{d}
}

// commit builds a Commit whose draft goes from each parent's text to
// newText.
func commit(t *testing.T, msg, newText string, parents ...string) *Commit {
	t.Helper()
	c := &Commit{ID: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", Message: msg, Head: true}
	for _, p := range parents {
		c.Diffs = append(c.Diffs, diff.Compare(parse(t, p), parse(t, newText), diff.Options{}))
	}
	return c
}

// brief is a finding as the tests compare it.
type brief struct {
	Rule     Rule
	Severity Severity
	File     string
	Line     int
	Section  string
}

func briefs(fs []Finding) []brief {
	out := []brief{}
	for _, f := range fs {
		out = append(out, brief{f.Rule, f.Severity, f.File, f.Line, f.Section})
	}
	return out
}

func edit(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic(fmt.Sprintf("%q not in text", old))
	}
	return strings.Replace(s, old, new, 1)
}

func TestRules(t *testing.T) {
	risk := edit(base, "identify the sources", "identify and document the sources")
	doc1 := edit(base, "keep that documentation", "keep that documentation current")
	both := edit(risk, "keep that documentation", "keep that documentation current")
	tests := []struct {
		name    string
		msg     string
		old     string
		new     string
		cfg     func(*config.Config)
		want    []brief
		noDiffs bool
	}{
		{name: "blanket citation covers everything", msg: "Edit\n\nWorking-Group: WG3\n", old: base, new: both, want: []brief{}},
		{name: "no citation", msg: "Edit\n", old: base, new: risk,
			want: []brief{{RuleUncited, Error, "draft.md", 19, "risk-sources"}}},
		{name: "citation in the body is not a trailer", msg: "Edit\n\nWorking-Group: WG2\n\nMore text.\n", old: base, new: risk,
			want: []brief{{RuleUncited, Error, "draft.md", 19, "risk-sources"}}},
		{name: "listed by id", msg: "Edit\n\nWorking-Group: WG2 (risk-sources)\n", old: base, new: risk, want: []brief{}},
		{name: "listed by number as written", msg: "Edit\n\nWorking-Group: WG2 (measure  2.1)\n", old: base, new: risk, want: []brief{}},
		{name: "listed by an enclosing section", msg: "Edit\n\nWorking-Group: WG2 (Commitment 2)\n", old: base, new: risk, want: []brief{}},
		{name: "list misses a section", msg: "Edit\n\nWorking-Group: WG2 (risk-sources)\n", old: base, new: both,
			want: []brief{{RuleUncited, Error, "draft.md", 7, "model-documentation"}}},
		{name: "two trailers cover two sections", msg: "Edit\n\nWorking-Group: WG2 (risk-sources)\nWorking-Group: WG1 (Measure 1.1)\n", old: base, new: both, want: []brief{}},
		{name: "unknown group", msg: "Edit\n\nWorking-Group: WG9\n", old: base, new: risk,
			want: []brief{{RuleUnknownGroup, Error, "", 0, ""}}},
		{name: "malformed trailer covers nothing", msg: "Edit\n\nWorking-Group: WG2 (risk-sources\n", old: base, new: risk,
			want: []brief{{RuleBadTrailer, Error, "", 0, ""}, {RuleUncited, Error, "draft.md", 19, "risk-sources"}}},
		{name: "empty trailer", msg: "Edit\n\nWorking-Group:\n", old: base, new: risk,
			want: []brief{{RuleBadTrailer, Error, "", 0, ""}, {RuleUncited, Error, "draft.md", 19, "risk-sources"}}},
		{name: "named section not changed", msg: "Edit\n\nWorking-Group: WG2 (risk-sources, updates)\n", old: base, new: risk,
			want: []brief{{RuleUnchangedSection, Warning, "draft.md", 11, "updates"}}},
		{name: "named section does not exist", msg: "Edit\n\nWorking-Group: WG2 (risk-sources, measure-9-9)\n", old: base, new: risk,
			want: []brief{{RuleUnchangedSection, Warning, "", 0, ""}}},
		{name: "named section in a commit without draft changes", msg: "Edit\n\nWorking-Group: WG2 (risk-sources)\n", noDiffs: true,
			want: []brief{{RuleUnchangedSection, Warning, "", 0, ""}}},
		{name: "no citation needed without draft changes", msg: "Tooling\n", noDiffs: true, want: []brief{}},
		{name: "ownership off", msg: "Edit\n\nWorking-Group: WG3\n", old: base, new: risk, want: []brief{}},
		{name: "ownership: owner not cited", msg: "Edit\n\nWorking-Group: WG3\n", old: base, new: risk,
			cfg:  func(c *config.Config) { c.Check.EnforceOwnership = true },
			want: []brief{{RuleOwnership, Error, "draft.md", 19, "risk-sources"}}},
		{name: "ownership: owner cited", msg: "Edit\n\nWorking-Group: WG2\n", old: base, new: risk,
			cfg: func(c *config.Config) { c.Check.EnforceOwnership = true }, want: []brief{}},
		{name: "ownership: unowned section", msg: "Edit\n\nWorking-Group: WG3\n", old: base, new: edit(base, "Intro of chapter one.", "Intro of chapter 1."),
			cfg: func(c *config.Config) { c.Check.EnforceOwnership = true }, want: []brief{}},
		{name: "ownership: two owners, one cited", msg: "Edit\n\nWorking-Group: WG1\n", old: base, new: both,
			cfg:  func(c *config.Config) { c.Check.EnforceOwnership = true },
			want: []brief{{RuleOwnership, Error, "draft.md", 19, "risk-sources"}}},
		{name: "section refs required", msg: "Edit\n\nWorking-Group: WG2\n", old: base, new: risk,
			cfg:  func(c *config.Config) { c.Check.RequireSectionRefs = true },
			want: []brief{{RuleSectionRefs, Error, "", 0, ""}}},
		{name: "section refs given", msg: "Edit\n\nWorking-Group: WG2 (risk-sources)\n", old: base, new: risk,
			cfg: func(c *config.Config) { c.Check.RequireSectionRefs = true }, want: []brief{}},
		{name: "added section", msg: "Edit\n", old: base, new: base + "\n### Measure 2.2: New measure\n\nText of the new measure.\n",
			want: []brief{{RuleUncited, Error, "draft.md", 25, "new-measure"}}},
		{name: "deleted section is located in the parent", msg: "Edit\n", old: base, new: edit(base, "### Measure 1.2: Updates\n\nSignatories shall update the documentation when the model changes.\n\n", ""),
			want: []brief{{RuleUncited, Error, "draft.md", 11, "updates"}}},
		{name: "deleted section listed by its old id", msg: "Edit\n\nWorking-Group: WG1 (updates)\n", old: base, new: edit(base, "### Measure 1.2: Updates\n\nSignatories shall update the documentation when the model changes.\n\n", ""),
			want: []brief{}},
		{name: "root commit against an empty draft", msg: "Round 1\n\nWorking-Group: WG1\n", old: "", new: base, want: []brief{}},
		{name: "root commit without citation", msg: "Round 1\n", old: "", new: "# Only\n\nText.\n",
			want: []brief{{RuleUncited, Error, "draft.md", 1, "only"}}},
		{name: "front matter only", msg: "Dates\n", old: "---\nround: 1\n---\n" + base, new: "---\nround: 2\n---\n" + base, want: []brief{}},
		{name: "renumbered section counts as changed", msg: "Edit\n\nWorking-Group: WG1 (model-documentation)\n", old: base, new: edit(base, "Measure 1.2: Updates", "Measure 1.3: Updates"),
			want: []brief{{RuleUncited, Error, "draft.md", 11, "updates"}, {RuleUnchangedSection, Warning, "draft.md", 7, "model-documentation"}}},
		{name: "lower-case key", msg: "Edit\n\nworking-group: WG2\n", old: base, new: risk, want: []brief{}},
		{name: "doc1", msg: "Edit\n\nWorking-Group: WG1 (documentation)\n", old: base, new: doc1, want: []brief{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			var c *Commit
			if tt.noDiffs {
				c = &Commit{ID: "a1b2c3d4e5f6", Message: tt.msg, Head: true}
			} else {
				c = commit(t, tt.msg, tt.new, tt.old)
			}
			c.Root = tt.old == "" && !tt.noDiffs
			got := Check(cfg, c)
			// sort: trailer findings first as Check gives them; compare as is
			if diff := cmp.Diff(tt.want, briefs(got)); diff != "" {
				for _, f := range got {
					t.Logf("%s:%d: %s [%s] fix: %s", f.File, f.Line, f.Message, f.Rule, f.Fix)
				}
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMessagesAndFixes(t *testing.T) {
	risk := edit(base, "identify the sources", "identify and document the sources")
	cfg := testConfig()
	cfg.Check.EnforceOwnership = true

	c := commit(t, "Edit\n", risk, base)
	got := Check(cfg, c)
	want := []Finding{
		{File: "draft.md", Line: 19, Section: "risk-sources", Number: "Measure 2.1", Title: "Risk sources", Commit: c.ID, Rule: RuleUncited, Severity: Error,
			Message: `Measure 2.1 "Risk sources" changed in a1b2c3d without a working-group citation`,
			Fix:     `git commit --amend --no-edit --trailer "Working-Group: WG2"`},
		{File: "draft.md", Line: 19, Section: "risk-sources", Number: "Measure 2.1", Title: "Risk sources", Commit: c.ID, Rule: RuleOwnership, Severity: Error,
			Message: `Measure 2.1 "Risk sources" changed in a1b2c3d, which does not cite WG2, the working group that owns Commitment 2 "Risk taxonomy"`,
			Fix:     `git commit --amend --no-edit --trailer "Working-Group: WG2"`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("HEAD commit: mismatch (-want +got):\n%s", diff)
	}

	c.Head = false
	got = Check(cfg, c)
	if want := `git rebase -i a1b2c3d^, change "pick a1b2c3d" to "edit", then run: git commit --amend --no-edit --trailer "Working-Group: WG2" && git rebase --continue`; got[0].Fix != want {
		t.Errorf("older commit: fix\n got %s\nwant %s", got[0].Fix, want)
	}
	c.Root = true
	got = Check(cfg, c)
	if !strings.HasPrefix(got[0].Fix, "git rebase -i --root, ") {
		t.Errorf("root commit: fix %s", got[0].Fix)
	}

	c = commit(t, "Edit\n\nWorking-Group: WG9\n", risk, base)
	c.ID = ""
	got = Check(cfg, c)
	wantMsgs := []string{
		`"Working-Group: WG9" in the new commit names working group WG9, which codraft.yaml does not define` +
			` | name one of WG1, WG2, WG3, or add WG9 to working_groups in codraft.yaml`,
		`Measure 2.1 "Risk sources" changed in the new commit, which does not cite WG2, the working group that owns Commitment 2 "Risk taxonomy"` +
			` | commit with: git commit --trailer "Working-Group: WG2"`,
	}
	var msgs []string
	for _, f := range got {
		msgs = append(msgs, f.Message+" | "+f.Fix)
	}
	if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
		t.Errorf("message: mismatch (-want +got):\n%s", diff)
	}

	// Without an owner, the fix names the one group the commit cites,
	// else a placeholder.
	cfg = testConfig()
	c = commit(t, "Edit\n\nWorking-Group: WG3 (updates)\n", edit(base, "Intro of chapter one.", "Intro of chapter 1."), base)
	got = Check(cfg, c)
	if len(got) != 2 || got[0].Fix != `git commit --amend --no-edit --trailer "Working-Group: WG3 (transparency)"` {
		for _, f := range got {
			t.Logf("%s | %s", f.Message, f.Fix)
		}
		t.Errorf("fix for an unowned section in a commit citing one group")
	}
	c = commit(t, "Edit\n", edit(base, "Intro of chapter one.", "Intro of chapter 1."), base)
	got = Check(cfg, c)
	if len(got) != 1 || !strings.HasSuffix(got[0].Fix, `"Working-Group: ID" (ID is one of WG1, WG2, WG3)`) {
		t.Errorf("fix for an unowned section: %+v", got)
	}
}

func TestFailed(t *testing.T) {
	w := []Finding{{Severity: Warning}}
	e := []Finding{{Severity: Warning}, {Severity: Error}}
	for _, tt := range []struct {
		fs     []Finding
		strict bool
		want   bool
	}{{nil, true, false}, {w, false, false}, {w, true, true}, {e, false, true}} {
		if got := Failed(tt.fs, tt.strict); got != tt.want {
			t.Errorf("Failed(%v, %v) = %v", tt.fs, tt.strict, got)
		}
	}
}

// TestMerges checks the combined-diff rule: a merge needs a citation only
// for what differs from every parent.
func TestMerges(t *testing.T) {
	p1 := "Signatories shall identify the sources of systemic risk."
	p2 := "Second paragraph of measure two one, with enough words to keep it apart."
	// two branches from base
	left := edit(base, p1, "Signatories shall identify and list the sources of systemic risk.")
	right := edit(base, p2, "Second paragraph of measure two one, with words enough to keep it apart.")
	clean := edit(left, p2, "Second paragraph of measure two one, with words enough to keep it apart.")
	// two edits to one paragraph, at different words
	leftWord := edit(base, p1, "Signatories must identify the sources of systemic risk.")
	rightWord := edit(base, p1, "Signatories shall identify the sources of systemic risks.")
	bothWords := edit(base, p1, "Signatories must identify the sources of systemic risks.")
	tests := []struct {
		name    string
		parents []string
		result  string
		want    []string // ids of own changes
	}{
		{"clean merge of two paragraphs", []string{left, right}, clean, nil},
		{"clean merge of two words in one paragraph", []string{leftWord, rightWord}, bothWords, nil},
		{"merge takes one side", []string{left, base}, left, nil},
		{"fast-forward-like merge", []string{base, left}, left, nil},
		{"evil merge: a word of its own", []string{left, right}, edit(clean, "systemic risk.", "systemic risk in the Union."), []string{"risk-sources"}},
		{"evil merge: a deletion of its own", []string{left, right}, edit(clean, "Signatories shall update", "Signatories update"), []string{"updates"}},
		{"evil merge: a section of its own", []string{left, right}, clean + "\n### Measure 2.2: Merged\n\nText only the merge has.\n", []string{"merged"}},
		{"evil merge: a heading of its own", []string{left, right}, edit(clean, "Measure 1.2: Updates", "Measure 1.2: Revisions"), []string{"revisions"}},
		{"evil merge: a section deleted", []string{left, right}, edit(clean, "### Measure 1.2: Updates\n\nSignatories shall update the documentation when the model changes.\n\n", ""), []string{"updates"}},
		{"section deleted on one branch", []string{edit(base, "### Measure 1.2: Updates\n\nSignatories shall update the documentation when the model changes.\n\n", ""), right},
			edit(right, "### Measure 1.2: Updates\n\nSignatories shall update the documentation when the model changes.\n\n", ""), nil},
		{"section added on one branch", []string{base + "\n### Measure 2.2: New\n\nNew text.\n", right}, right + "\n### Measure 2.2: New\n\nNew text.\n", nil},
		{"octopus merge", []string{left, right, base}, clean, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := commit(t, "Merge branch 'x'\n", tt.result, tt.parents...)
			var got []string
			for _, sd := range ownChanges(c.Diffs) {
				got = append(got, sd.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("own changes: mismatch (-want +got):\n%s", diff)
			}
			fs := Check(testConfig(), c)
			if len(fs) != len(tt.want) {
				t.Errorf("findings: got %d, want %d: %+v", len(fs), len(tt.want), fs)
			}
		})
	}
}

// TestBoundedFindings: what a finding quotes is bounded, and the names of
// one trailer that are no section are reported together, so the findings
// grow with the input and not with its square.
func TestBoundedFindings(t *testing.T) {
	risk := edit(base, "identify the sources", "identify and document the sources")
	names := make([]string, 10000)
	for i := range names {
		names[i] = fmt.Sprintf("x%d", i)
	}
	msg := "Edit\n\nWorking-Group: WG2 (risk-sources, " + strings.Join(names, ", ") + ")\n"
	got := Check(testConfig(), commit(t, msg, risk, base))
	if len(got) != 1 {
		t.Fatalf("%d findings, want 1", len(got))
	}
	f := got[0]
	if f.Rule != RuleUnchangedSection || !strings.Contains(f.Message, "names 10,000 sections that do not exist, e.g. x0, x1, x2, x3, x4 and 9,995 more") {
		t.Errorf("message %q", f.Message)
	}
	if n := len(f.Message) + len(f.Fix); n > 600 {
		t.Errorf("the finding is %d bytes long:\n%s\n%s", n, f.Message, f.Fix)
	}

	// The same names with nothing changed in the draft, and as many
	// unknown groups: one finding per trailer, each short.
	got = Check(testConfig(), &Commit{ID: "a1b2c3d4e5f6", Message: msg, Head: true})
	if len(got) != 1 || !strings.Contains(got[0].Message, "names 10,001 sections (risk-sources, x0, x1, x2, x3 and 9,996 more)") {
		t.Errorf("without draft changes: %+v", got)
	}
	long := strings.Repeat("W", 70000)
	got = Check(testConfig(), commit(t, "Edit\n\nWorking-Group: "+long+"\nWorking-Group: "+long+" (a\n", risk, base))
	total := 0
	for _, f := range got {
		total += len(f.Message) + len(f.Fix)
	}
	if len(got) != 2 || total > 1500 {
		t.Errorf("%d findings, %d bytes, about two 70 KB trailers", len(got), total)
	}

	// A section named many times, by id and by number, is reported once.
	msg = "Edit\n\nWorking-Group: WG2 (risk-sources, updates, Measure 1.2, measure 1.2, updates)\n"
	if got := briefs(Check(testConfig(), commit(t, msg, risk, base))); !cmp.Equal(got, []brief{{RuleUnchangedSection, Warning, "draft.md", 11, "updates"}}) {
		t.Errorf("a section named three ways: %v", got)
	}

	// A long title is quoted as an excerpt; the JSON fields keep it whole.
	title := strings.Repeat("Long title ", 1000)
	got = Check(testConfig(), commit(t, "Edit\n", base+"\n### Measure 2.2: "+title+"\n\nText.\n", base))
	if len(got) != 1 || got[0].Title != strings.TrimSpace(title) || len(got[0].Message) > 300 {
		t.Errorf("long title: %d findings, message %d bytes", len(got), len(got[0].Message))
	}
}

func TestExcerptAndCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567"} {
		if got := count(n); got != want {
			t.Errorf("count(%d) = %q", n, got)
		}
	}
	if got := excerpt(strings.Repeat("é", 100)); got != strings.Repeat("é", 80)+"… (40 more bytes)" {
		t.Errorf("excerpt = %q", got)
	}
	if got := excerpt(strings.Repeat("a", 80)); got != strings.Repeat("a", 80) {
		t.Errorf("excerpt of 80 runes = %q", got)
	}
	for _, p := range [][2]string{{"MEASURE 1.2", "measure 1.2"}, {"ſ", "S"}, {"K", "k"}} {
		if foldKey(p[0]) != foldKey(p[1]) {
			t.Errorf("foldKey(%q) != foldKey(%q)", p[0], p[1])
		}
	}
}

// TestConfigChanged: a change to codraft.yaml needs a citation: one
// without a section list, or one that lists codraft.yaml.
func TestConfigChanged(t *testing.T) {
	risk := edit(base, "identify the sources", "identify and document the sources")
	tests := []struct {
		name, msg string
		draft     bool
		want      []brief
	}{
		{"uncited", "Settings\n", false, []brief{{RuleConfigChanged, Error, "codraft.yaml", 3, ""}}},
		{"blanket citation", "Settings\n\nWorking-Group: WG1\n", false, []brief{}},
		{"listed", "Settings\n\nWorking-Group: WG1 (codraft.yaml)\n", false, []brief{}},
		{"list without it", "Edit\n\nWorking-Group: WG2 (risk-sources)\n", true, []brief{{RuleConfigChanged, Error, "codraft.yaml", 3, ""}}},
		{"list with it and the section", "Edit\n\nWorking-Group: WG2 (risk-sources, codraft.yaml)\n", true, []brief{}},
		{"uncited with a draft change", "Edit\n", true, []brief{{RuleConfigChanged, Error, "codraft.yaml", 3, ""}, {RuleUncited, Error, "draft.md", 19, "risk-sources"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Commit{ID: "a1b2c3d4e5f6", Message: tt.msg, Head: true}
			if tt.draft {
				c = commit(t, tt.msg, risk, base)
			}
			c.ConfigChanged, c.ConfigLine = true, 3
			got := Check(testConfig(), c)
			if diff := cmp.Diff(tt.want, briefs(got)); diff != "" {
				for _, f := range got {
					t.Logf("%s | %s", f.Message, f.Fix)
				}
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// Without the change, a list naming codraft.yaml is a name that is no
	// section.
	got := Check(testConfig(), commit(t, "Edit\n\nWorking-Group: WG2 (risk-sources, codraft.yaml)\n", risk, base))
	if diff := cmp.Diff([]brief{{RuleUnchangedSection, Warning, "", 0, ""}}, briefs(got)); diff != "" {
		t.Errorf("codraft.yaml listed, not changed: mismatch (-want +got):\n%s", diff)
	}
	c := &Commit{ID: "a1b2c3d4e5f6", Message: "Settings\n", Head: true, ConfigChanged: true, ConfigLine: 3}
	if got := Check(testConfig(), c); len(got) != 1 || got[0].Fix != `git commit --amend --no-edit --trailer "Working-Group: ID" (ID is one of WG1, WG2, WG3)` {
		t.Errorf("fix: %+v", got)
	}
}

func TestUnionConfig(t *testing.T) {
	base := testConfig()
	base.Check.EnforceOwnership = true
	at := config.Default()
	at.Documents = []string{"nothing/*.md"}
	at.Numbering.Words = []string{"Clause"}
	at.Limits.MaxFileBytes = 1 << 20
	at.WorkingGroups = []config.WorkingGroup{{ID: "WG2", Name: "Risk, renamed", Owns: []string{"risk-sources"}}, {ID: "WG9", Name: "New"}}
	u := UnionConfig(base, at)
	if diff := cmp.Diff([]string{"nothing/*.md", "*.md"}, u.Documents); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	// an exclusion only one side has cannot hide a draft file
	at.Documents = []string{"*.md", "!draft.md"}
	if u := UnionConfig(base, at); !u.IsDocument("draft.md") {
		t.Errorf("documents %q: draft.md excluded by the change alone", u.Documents)
	}
	want := []config.WorkingGroup{
		{ID: "WG2", Name: "Risk, renamed", Owns: []string{"risk-sources", "risk-taxonomy"}},
		{ID: "WG9", Name: "New"},
		{ID: "WG1", Name: "Transparency", Owns: []string{"documentation"}},
		{ID: "WG3", Name: "Mitigation"},
	}
	if diff := cmp.Diff(want, u.WorkingGroups); diff != "" {
		t.Errorf("working groups (-want +got):\n%s", diff)
	}
	if !u.Check.EnforceOwnership || u.Check.RequireSectionRefs || u.Limits.MaxFileBytes != 1<<20 || u.Numbering.Words[0] != "Clause" || !wordsIn(base.Numbering.Words, u.Numbering.Words) {
		t.Errorf("union %+v", u)
	}
	if !cmp.Equal(at.WorkingGroups[0].Owns, []string{"risk-sources"}) || UnionConfig(nil, at) != at {
		t.Errorf("UnionConfig changed its input, or widened with no base")
	}
}

func wordsIn(sub, all []string) bool {
	set := map[string]bool{}
	for _, w := range all {
		set[w] = true
	}
	for _, w := range sub {
		if !set[w] {
			return false
		}
	}
	return true
}
