package doc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// maxFuzzInput is the largest input the parse fuzz targets look at: the
// seeds are cut to a few kilobytes, and longer inputs only slow the search.
const maxFuzzInput = 16 << 10

// checkInvariants checks what FuzzParse asks of every parse besides tiling
// spans: errors of the known kinds naming the file; the same result twice;
// levels, parents, lines and block kinds that make sense; paragraph text
// normalised; and the same sections when the lines end in CRLF or a BOM
// comes first.
func checkInvariants(t *testing.T, src []byte, d *Document, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrNotText) && !errors.Is(err, ErrTooDeep) && !errors.Is(err, ErrTooManySections) {
			t.Fatalf("an error of no known kind: %v", err)
		}
		if !strings.HasPrefix(err.Error(), "f.md") {
			t.Fatalf("error %q does not name the file", err)
		}
		return
	}
	again, err := Parse("f.md", src, Options{})
	if err != nil || !cmp.Equal(d, again) {
		t.Fatalf("two parses differ: %v\n%s", err, cmp.Diff(d, again))
	}
	lineOf := func(off int) int { return bytes.Count(d.Source[:off], []byte("\n")) + 1 }
	for i, s := range d.Sections {
		switch {
		case s.Level < 0 || s.Level > 6 || (s.Level == 0 && i > 0):
			t.Fatalf("section %d has level %d", i, s.Level)
		case s.ID == "":
			t.Fatalf("section %d has no id", i)
		case s.Level == 0 && s.Line != 0:
			t.Fatalf("the preamble is on line %d", s.Line)
		case s.Level > 0 && s.Line != lineOf(s.Start):
			t.Fatalf("section %q is on line %d but starts on line %d", s.ID, s.Line, lineOf(s.Start))
		case s.Parent >= i || (s.Parent >= 0 && d.Sections[s.Parent].Level >= s.Level):
			t.Fatalf("section %d (level %d) has parent %d", i, s.Level, s.Parent)
		case !utf8.ValidString(s.Title) || !utf8.ValidString(s.Number):
			t.Fatalf("section %d: title or number is not UTF-8", i)
		}
		checkBlocks(t, s.Blocks, lineOf)
	}
	if bytes.IndexByte(src, '\r') < 0 && !bytes.HasPrefix(src, []byte("\ufeff")) {
		want := outline(d)
		for name, v := range map[string][]byte{
			"CRLF": bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")),
			"BOM":  append([]byte("\ufeff"), src...),
		} {
			dv, err := Parse("f.md", v, Options{})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got := outline(dv); got != want {
				t.Fatalf("with %s the sections differ:\n%s\nwant\n%s", name, got, want)
			}
		}
	}
}

// checkBlocks checks the lines, kinds and texts of a section's blocks.
func checkBlocks(t *testing.T, blocks []Block, lineOf func(int) int) {
	t.Helper()
	for _, b := range blocks {
		switch {
		case b.Line != lineOf(b.Start):
			t.Fatalf("block at %d says line %d, is on line %d", b.Start, b.Line, lineOf(b.Start))
		case !knownKind[b.Kind]:
			t.Fatalf("block kind %q", b.Kind)
		case !utf8.ValidString(b.Text):
			t.Fatalf("block text is not UTF-8: %q", b.Text)
		case b.Kind == Paragraph && (strings.ContainsAny(b.Text, "\n\t") || strings.Contains(b.Text, "  ") || strings.Trim(b.Text, " ") != b.Text):
			t.Fatalf("paragraph text not normalised: %q", b.Text)
		}
	}
}

var knownKind = map[Kind]bool{Paragraph: true, ListItem: true, TableRow: true, Code: true, Quote: true, HTML: true, ThematicBreak: true}
