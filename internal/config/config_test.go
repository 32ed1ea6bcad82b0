package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultRoundTrips(t *testing.T) {
	c := Default()
	c.FillParserDefaults([]string{"Measure", "§"}, 100000)
	c.Title = "Code: of practice"
	c.WorkingGroups = []WorkingGroup{{ID: "WG1", Name: "Transparency"}, {ID: "WG2", Name: "Risk", Owns: []string{"measure-2-1"}}}
	data := c.Marshal()
	got, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(Marshal()): %v\n%s", err, data)
	}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s\n%s", diff, data)
	}
	for _, key := range []string{"title:", "documents:", "working_groups:", "numbering:", "words:", "limits:", "max_file_bytes: 67108864", "max_sections: 100000", "check:", "enforce_ownership: false", "require_section_refs: false"} {
		if !strings.Contains(string(data), key) {
			t.Errorf("Marshal() lacks %q:\n%s", key, data)
		}
	}
}

func TestParseDefaults(t *testing.T) {
	for _, in := range []string{"", "# nothing\n", "title: T\n", "numbering: {}\nlimits: {}\n"} {
		got, err := Parse([]byte(in))
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		want := Default()
		if strings.HasPrefix(in, "title") {
			want.Title = "T"
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Parse(%q) mismatch (-want +got):\n%s", in, diff)
		}
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"title: T\ntittle: x\n", "codraft.yaml:2: unknown key \"tittle\""},
		{"title: T\nlimits:\n  max_file_bytes: lots\n", "codraft.yaml:3: limits.max_file_bytes takes a whole number of bytes, not \"lots\""},
		{"limits: {max_file_bytes: 10, max_sections: many}\n", "codraft.yaml:1: limits.max_sections takes a whole number, not \"many\""},
		{"title: [a, b]\n", "codraft.yaml:1: title takes text, not a list"},
		{"documents: \"*.md\"\n", "codraft.yaml:1: documents takes a list of globs, not \"*.md\""},
		{"documents:\n  - {a: b}\n", "codraft.yaml:2: each item of documents takes a glob, not a mapping"},
		{"check:\n  enforce_ownership: sometimes\n", "codraft.yaml:2: check.enforce_ownership takes true or false, not \"sometimes\""},
		{"working_groups:\n  - id: WG1\n    owns: m-1\n", "codraft.yaml:3: working_groups.owns takes a list of section ids, not \"m-1\""},
		{"numbering:\n  words: [Measure, [x]]\n", "codraft.yaml:2: each item of numbering.words takes a word, not a list"},
		{"limits:\n  max_sections: 0\n", "codraft.yaml:2: limits.max_sections must be a positive"},
		{"documents: ['" + strings.Repeat("a/", 130) + "*.md']\n", "codraft.yaml:1: documents: a glob of 264 bytes is longer than the 256 bytes allowed"},
		{"documents: ['**/**/**/**/**/*.md']\n", "codraft.yaml:1: documents: \"**/**/**/**/**/*.md\" has more than 4 \"**\" elements"},
		{strings.Repeat("#", MaxBytes+1), "codraft.yaml: is 1048577 bytes, larger than 1048576 bytes, the most codraft reads"},
		{"title: T\nlimits:\n  max_bytes: 3\n", "codraft.yaml:3: unknown key \"limits.max_bytes\""},
		{"title: T\ndocuments: [a\n", "codraft.yaml:2: did not find expected ',' or ']'"},
		{"title: ok\ndocuments:\n  - x\n working_groups: []\n", "codraft.yaml:4: did not find expected key"},
		{"title: T\ntitle: U\n", "codraft.yaml:2: mapping key \"title\" already defined at line 1"},
		{"title: \"T\n", "codraft.yaml:2: found unexpected end of stream"},
		{"title: T\nworking_groups:\n  - id: WG1\n  - id: WG1\n", "codraft.yaml:4: working_groups: id \"WG1\" is listed twice"},
		{"working_groups:\n  - name: x\n", "codraft.yaml:2: working_groups: a working group needs an id"},
		{"working_groups:\n  - id: WG1\n    colour: red\n", "codraft.yaml:3: unknown key \"working_groups.colour\""},
		{"documents: []\n", "codraft.yaml:1: documents: give at least one glob"},
		{"documents: ['[']\n", "codraft.yaml:1: documents: \"[\" is not a valid glob"},
		{"limits:\n  max_file_bytes: 0\n", "codraft.yaml:2: limits.max_file_bytes must be a positive"},
		{"limits:\n  max_sections: -1\n", "codraft.yaml:2: limits.max_sections must be a positive"},
		{"title: a\n  b: c\n", "codraft.yaml:2:"},
		{"- a\n", "codraft.yaml:1: expected a mapping of keys"},
		{"check: yes\n", "codraft.yaml:1: expected a mapping"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want error starting %q", tt.in, err, tt.want)
		}
	}
}

func TestIsDocument(t *testing.T) {
	c := Default()
	c.Documents = []string{"*.md", "parts/**/*.md", "annex/*.txt"}
	tests := map[string]bool{
		"draft.md":             true,
		"README.md":            false,
		"readme.md":            false,
		"codraft.yaml":         false,
		"sub/draft.md":         false,
		"parts/a.md":           true,
		"parts/x/y/b.md":       true,
		"parts/README.md":      true,
		"annex/a.txt":          true,
		"annex/deep/a.txt":     false,
		"draft.markdown":       false,
		"notes/parts/draft.md": false,
	}
	for p, want := range tests {
		if got := c.IsDocument(p); got != want {
			t.Errorf("IsDocument(%q) = %v, want %v", p, got, want)
		}
	}
	if !c.NeedsWalk() || Default().NeedsWalk() {
		t.Errorf("NeedsWalk wrong")
	}
}

func TestGroup(t *testing.T) {
	c, err := Parse([]byte("working_groups:\n  - {id: WG1, name: One}\n  - {id: WG2, name: Two, owns: [m-1]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g := c.Group("WG2"); g == nil || g.Name != "Two" || len(g.Owns) != 1 {
		t.Errorf("Group(WG2) = %+v", g)
	}
	if g := c.Group("WG3"); g != nil {
		t.Errorf("Group(WG3) = %+v, want nil", g)
	}
	if diff := cmp.Diff([]string{"WG1", "WG2"}, c.GroupIDs()); diff != "" {
		t.Errorf("GroupIDs mismatch (-want +got):\n%s", diff)
	}
}

func TestParseLeavesParserDefaults(t *testing.T) {
	c, err := Parse([]byte("numbering:\n  words: []\nlimits:\n  max_sections: 7\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Numbering.Words == nil || len(c.Numbering.Words) != 0 || c.Limits.MaxSections != 7 {
		t.Errorf("explicit settings: words %#v, max_sections %d", c.Numbering.Words, c.Limits.MaxSections)
	}
	c.FillParserDefaults([]string{"Measure"}, 100)
	if len(c.Numbering.Words) != 0 || c.Limits.MaxSections != 7 {
		t.Errorf("FillParserDefaults overrode explicit settings: %#v %d", c.Numbering.Words, c.Limits.MaxSections)
	}
	d := Default()
	if d.Numbering.Words != nil || d.Limits.MaxSections != 0 {
		t.Errorf("Default() sets the parser's settings: %#v %d", d.Numbering.Words, d.Limits.MaxSections)
	}
}

// TestMatchGlobManyStars: a glob of many "**" against a deep path that it
// does not match is decided without backtracking through every split
// (13 "**" took minutes before); the answers agree with a plain reading.
func TestMatchGlobManyStars(t *testing.T) {
	g := strings.Repeat("**/", 13) + "x/*.md"
	deep := strings.Repeat("d/", 40)
	tests := map[string]bool{
		deep + "a.md":            false,
		deep + "x/a.md":          true,
		"x/a.md":                 true,
		deep + "x/sub/a.md":      false,
		deep + "x/a.markdown":    false,
		strings.Repeat("x/", 30): false,
	}
	for p, want := range tests {
		if got := MatchGlob(g, p); got != want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", g, p, got, want)
		}
	}
	for _, tt := range []struct {
		g, p string
		want bool
	}{
		{"**", "a/b/c", true},
		{"**", "", true},
		{"a/**", "a", true},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a/**/b", "a/x/y/c", false},
		{"*.md", "a/b.md", false},
		{"**/*.md", "b.md", true},
	} {
		if got := MatchGlob(tt.g, tt.p); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.g, tt.p, got, tt.want)
		}
	}
}

// The default documents leave out the redlines a user writes beside the
// drafts; a glob starting with "!" excludes.
func TestIsDocumentExclusions(t *testing.T) {
	c := Default()
	for p, want := range map[string]bool{
		"draft.md":              true,
		"r.redline.md":          false,
		"redlines/1-2.md":       false,
		"redlines/r.redline.md": false,
		"notes.txt":             false,
	} {
		if got := c.IsDocument(p); got != want {
			t.Errorf("default IsDocument(%q) = %v, want %v", p, got, want)
		}
	}
	c.Documents = []string{"**/*.md", "!redlines/**", "!**/*.redline.md"}
	for p, want := range map[string]bool{
		"parts/a.md":         true,
		"redlines/deep/x.md": false,
		"parts/a.redline.md": false,
	} {
		if got := c.IsDocument(p); got != want {
			t.Errorf("IsDocument(%q) with %v = %v, want %v", p, c.Documents, got, want)
		}
	}
	if _, err := Parse([]byte("documents: [\"!*.md\"]\n")); err == nil {
		t.Errorf("documents of exclusions alone were accepted")
	}
}

func TestFillParserDefaultsOnce(t *testing.T) {
	c := Default()
	c.FillParserDefaults([]string{"Article", "Measure", "Article"}, 10)
	if diff := cmp.Diff([]string{"Article", "Measure"}, c.Numbering.Words); diff != "" {
		t.Errorf("words mismatch (-want +got):\n%s", diff)
	}
}
