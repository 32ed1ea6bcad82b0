package trailers

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCitation(t *testing.T) {
	tests := []struct {
		in       string
		group    string
		sections []string
		err      string // "" when the citation is well formed
	}{
		{"WG2", "WG2", nil, ""},
		{" WG2 ", "WG2", nil, ""},
		{"WG3 (measure-3-1, measure-3-4)", "WG3", []string{"measure-3-1", "measure-3-4"}, ""},
		{"WG3(measure-3-1)", "WG3", []string{"measure-3-1"}, ""},
		{"WG3 (Measure  3.1 ,§ 66a)", "WG3", []string{"Measure 3.1", "§ 66a"}, ""},
		{"WG3 (a,,b)", "WG3", nil, "the list of sections has an empty item"},
		{"WG3 (a, )", "WG3", nil, "the list of sections has an empty item"},
		{"WG3 ()", "WG3", nil, "the list of sections has an empty item"},
		{"WG3 (a", "WG3", nil, "after the id comes nothing, or a list of sections in parentheses"},
		{"WG3 a", "WG3", nil, "after the id comes nothing, or a list of sections in parentheses"},
		{"WG3 (a) b", "WG3", nil, "after the id comes nothing, or a list of sections in parentheses"},
		{"WG3 ((a))", "WG3", nil, "the list of sections is one pair of parentheses"},
		{"WG3 (a)\nKey: v", "WG3", nil, "a citation is one line"},
		{"(a)", "", nil, "it names no working group"},
		{"", "", nil, "it names no working group"},
	}
	for _, tt := range tests {
		c, err := ParseCitation(tt.in)
		if c.Group != tt.group {
			t.Errorf("ParseCitation(%q).Group = %q, want %q", tt.in, c.Group, tt.group)
		}
		if tt.err == "" {
			if err != nil || !cmp.Equal(c.Sections, tt.sections) {
				t.Errorf("ParseCitation(%q) = %q, %v; want %q, nil", tt.in, c.Sections, err, tt.sections)
			}
			continue
		}
		if !errors.Is(err, ErrBadCitation) || !strings.HasSuffix(err.Error(), ": "+tt.err) {
			t.Errorf("ParseCitation(%q) error = %v, want one wrapping ErrBadCitation ending %q", tt.in, err, tt.err)
		}
	}
}

// FuzzCitationTrailer checks that a citation that ParseCitation accepts,
// written as a trailer the way "codraft round" writes it, reads back from
// the commit message as the same citation: what a round records, check
// accepts.
func FuzzCitationTrailer(f *testing.F) {
	for _, s := range []string{"WG1", "WG1 (a,,b)", "WG3 (Measure 3.1, § 66a)", "WG1\t(a)", " WG2 ", "WG1 (a\fb)", "WG1 (#x)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		want, err := ParseCitation(v)
		if err != nil {
			return
		}
		msg := "Round 1: x\n\n" + RoundKey + ": 1\n" + WorkingGroupKey + ": " + strings.TrimSpace(v) + "\n"
		vs := Values(Parse(msg), WorkingGroupKey)
		if len(vs) != 1 {
			t.Fatalf("%q: the message %q has %d Working-Group trailers, want 1", v, msg, len(vs))
		}
		got, err := ParseCitation(vs[0])
		if err != nil {
			t.Fatalf("%q: read back as %q: %v", v, vs[0], err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q: read back as %q, mismatch (-want +got):\n%s", v, vs[0], diff)
		}
	})
}
