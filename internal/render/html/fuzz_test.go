package html

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/fuzzseed"
	"github.com/codraft/codraft/internal/render/rendertest"
)

// FuzzHTML renders the redline of any two drafts, with any title and
// labels, in both layouts, and checks the page: it parses as HTML, holds no
// element, attribute, link, script or style but the renderer's own (so no
// on* attribute and no draft-supplied markup), and two renders give the
// same bytes.
func FuzzHTML(f *testing.F) {
	for _, p := range fuzzseed.Pairs() {
		f.Add(p.Old, p.New, "Code of practice", uint8(0))
	}
	for i, pl := range rendertest.Payloads {
		f.Add([]byte("# A\n\n"+pl+"\n"), []byte("# A "+pl+"\n\n"+pl+" changed\n"), pl, uint8(i))
	}
	f.Fuzz(func(t *testing.T, a, b []byte, title string, flags uint8) {
		if len(a) > 2*fuzzseed.MaxBytes || len(b) > 2*fuzzseed.MaxBytes || len(title) > 256 {
			return
		}
		res, err := rendertest.Compare("old.md", a, "new.md", b)
		if err != nil {
			return // not text: the CLI refuses it before any renderer
		}
		if !utf8.ValidString(title) {
			title = string([]rune(title)) // a title comes from UTF-8 text
		}
		res.Notes = append(res.Notes, title)
		opts := Options{Title: title, Generator: title, Lang: title, ChangedOnly: flags&1 != 0, Layout: Inline}
		if flags&2 != 0 {
			opts.Layout = SideBySide
		}
		if flags&4 != 0 && len(res.Sections) > 0 {
			opts.Summary = &Summary{
				Notable: []Notable{{Section: res.Sections[0].ID, Label: title, What: title, Before: title, After: title}},
				Chart:   &Chart{Title: title, Rounds: []string{title, title}, Series: []ChartSeries{{Section: title, Values: []int{int(flags), -1}}}},
			}
		}
		var one, two bytes.Buffer
		if err := Render(&one, res, opts); err != nil {
			t.Fatal(err)
		}
		if err := Render(&two, res, opts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(one.Bytes(), two.Bytes()) {
			t.Fatalf("two renders of one redline differ")
		}
		if !utf8.Valid(one.Bytes()) {
			t.Fatalf("the page is not UTF-8")
		}
		checkMarkup(t, "fuzz", one.Bytes())
	})
}
