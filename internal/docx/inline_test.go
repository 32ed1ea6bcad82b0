package docx

import (
	"bytes"
	"html"
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// gfm reads Markdown as another reader than ours would.
var gfm = goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.Table))

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// rendered is the text goldmark shows for md, and the tags it writes.
func rendered(t *testing.T, md string) (text string, tags []string) {
	t.Helper()
	var buf bytes.Buffer
	if err := gfm.Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	tags = htmlTag.FindAllString(buf.String(), -1)
	return html.UnescapeString(htmlTag.ReplaceAllString(buf.String(), "")), tags
}

// pieces are texts chosen to trip Markdown up: its punctuation, at the
// start and end of formatted stretches, beside letters and spaces.
var pieces = []string{"a", "word", " ", "  ", "*", "_", "**", "`", "``", "[", "]", "(", ")", "!", "#", "# ", "- ", "1. ", "<b>", "&amp;", "\\", "~~", "|", "\"", ".", ",", "x_y", "é", "{#id}", "> ", "+ ", "=", "---"}

// Whatever text and formatting a paragraph has, the Markdown written for
// it reads back as the same text, and formatting shows as the tags for it.
func TestInlineReadsBack(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		var segs []seg
		var want strings.Builder
		for k := rng.Intn(6) + 1; k > 0; k-- {
			var text strings.Builder
			for m := rng.Intn(3) + 1; m > 0; m-- {
				text.WriteString(pieces[rng.Intn(len(pieces))])
			}
			s := seg{text: text.String(), f: uint8(rng.Intn(16))}
			if rng.Intn(5) == 0 {
				s.href = "https://example.org/" + strings.Repeat("p", rng.Intn(3))
			}
			segs = append(segs, s)
			want.WriteString(s.text)
		}
		md := renderInline(segs, inlineCtx{lineStart: true, brk: "  \n"})
		got, _ := rendered(t, md)
		if norm(got) != norm(want.String()) {
			t.Fatalf("segments %+v\nwrote %q\nwhich reads as %q, want %q", segs, md, norm(got), norm(want.String()))
		}
	}
}

// norm folds white space, as Markdown does at the ends of a paragraph and
// as a reader does inside it.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// Strong text reads back as strong, emphasis as emphasis, code as code.
func TestInlineFormatting(t *testing.T) {
	for _, tc := range []struct {
		segs []seg
		tags []string
	}{
		{[]seg{{text: "plain "}, {text: "bold", f: fStrong}}, []string{"<p>", "<strong>", "</strong>", "</p>"}},
		// emphasis inside a word could pair otherwise: it is left out
		{[]seg{{text: "in"}, {text: "word", f: fEm}, {text: "s"}}, []string{"<p>", "</p>"}},
		{[]seg{{text: "("}, {text: "word", f: fEm}, {text: ")"}}, []string{"<p>", "<em>", "</em>", "</p>"}},
		{[]seg{{text: "gone", f: fStrike}}, []string{"<p>", "<del>", "</del>", "</p>"}},
		{[]seg{{text: "x := `y`", f: fCode}}, []string{"<p>", "<code>", "</code>", "</p>"}},
		{[]seg{{text: "both", f: fStrong | fEm}}, []string{"<p>", "<em>", "<strong>", "</strong>", "</em>", "</p>"}},
		{[]seg{{text: "site", href: "https://example.org/a(b)"}}, []string{"<p>", `<a href="https://example.org/a(b)">`, "</a>", "</p>"}},
	} {
		md := renderInline(tc.segs, inlineCtx{lineStart: true})
		_, tags := rendered(t, md)
		if strings.Join(tags, "") != strings.Join(tc.tags, "") {
			t.Errorf("%+v wrote %q: tags %q, want %q", tc.segs, md, tags, tc.tags)
		}
	}
}
