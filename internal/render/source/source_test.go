package source

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseListLine(t *testing.T) {
	for line, want := range map[string]ListMarker{
		"- item":      {Marker: "-"},
		"   * nested": {Indent: 3, Marker: "*"},
		"\t+ tabbed":  {Indent: 4, Marker: "+"},
		"12. twelfth": {Marker: "12.", Ordered: true, Number: 12},
		"  3) third":  {Indent: 2, Marker: "3)", Ordered: true, Number: 3},
		"- [x] done":  {Marker: "-", Task: "[x]"},
	} {
		got, ok := ParseListLine(line)
		if !ok || got != want {
			t.Errorf("ParseListLine(%q) = %+v, %v; want %+v", line, got, ok, want)
		}
	}
	for _, line := range []string{"", "-no space", "1.5 litres", "text"} {
		if _, ok := ParseListLine(line); ok {
			t.Errorf("ParseListLine(%q) read a marker", line)
		}
	}
}

func TestParseDelimiterRow(t *testing.T) {
	got, ok := ParseDelimiterRow("|:---|---:|:-:|---|")
	if want := []Align{Left, Right, Center, None}; !ok || !cmp.Equal(got, want) {
		t.Errorf("got %v, %v; want %v", got, ok, want)
	}
	if _, ok := ParseDelimiterRow("| a | b |"); ok {
		t.Error("a body row read as a delimiter row")
	}
}

func TestHeading(t *testing.T) {
	for line, want := range map[string]string{
		"## Measure 1.2: Scope {#m-1-2}": "Measure 1.2: Scope {#m-1-2}",
		"# Title #":                      "Title",
		"### C# notes":                   "C# notes",
		"Setext title":                   "Setext title",
	} {
		if got := Heading(line); got != want {
			t.Errorf("Heading(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	old := []byte("---\ntitle: Code\nversion: 1\ntags:\n  - a\n---\n")
	new := []byte("---\ntitle: Code\nversion: 2\nstatus: final\ntags:\n  - a\n  - b\n---\n")
	want := []Field{{"status", "", "final"}, {"tags", "", ""}, {"version", "1", "2"}}
	want[1] = Field{"tags", "- a", "- a\n  - b"}
	if got := FrontMatter(old, new); !cmp.Equal(got, want) {
		t.Errorf("mismatch (-want +got):\n%s", cmp.Diff(want, got))
	}
}

func TestSidesLine(t *testing.T) {
	s := &Sides{New: Files{"d.md": []byte("one\r\ntwo\nthree")}}
	for n, want := range map[int]string{1: "one", 2: "two", 3: "three"} {
		if got, ok := s.Line(false, "d.md", n); !ok || got != want {
			t.Errorf("Line %d = %q, %v", n, got, ok)
		}
	}
	if _, ok := s.Line(false, "d.md", 4); ok {
		t.Error("line past the end")
	}
	if _, ok := s.Line(true, "d.md", 1); ok {
		t.Error("line of a side without the file")
	}
}

func TestListLead(t *testing.T) {
	for _, c := range []struct {
		line  string
		depth int
		want  string
		ok    bool
	}{
		{"- item", 0, "- ", true},
		{"- item", 1, "", false},
		{"*    *   item", 0, "*    ", true},
		{"*    *   item", 1, "*    *   ", true},
		{"*    *   item", 2, "", false},
		{"*    *", 1, "*    * ", true},
		{"*    *", 2, "", false},
		{"1.  2) text", 1, "1.  2) ", true},
		{"-      code", 0, "- ", true},
		{"plain", 0, "", false},
		{"", 0, "", false},
	} {
		got, ok := ListLead(c.line, c.depth)
		if got != c.want || ok != c.ok {
			t.Errorf("ListLead(%q, %d) = %q, %v; want %q, %v", c.line, c.depth, got, ok, c.want, c.ok)
		}
	}
}
