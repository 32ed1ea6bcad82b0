// Package docx writes a redline as a Word document whose changes are
// tracked revisions (insertions, deletions, moves and property changes),
// or one round as a clean Word document. It writes WordprocessingML with
// archive/zip and its own XML, deterministically.
package docx

import (
	"io"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/redline"
)

// Options tunes the document.
type Options struct {
	// Title is the document's title (the cover's first line and the
	// document property).
	Title string
	// Cover, when not nil, fills a first page with the two rounds and the
	// summary of the changes; a clean round has none.
	Cover *Cover
	// Author is the author of a revision whose section no working group
	// claims: round B's author. "" gives "codraft".
	Author string
	// SectionAuthors names the author of the revisions of a section, by
	// the section's id on its new side (its old side when deleted): the
	// working groups cited by the commits that changed it.
	SectionAuthors map[string]string
	// Date is the date of every revision: round B's. The zero time leaves
	// revisions undated.
	Date time.Time
	// Source returns the text of a draft file on the old or new side, so
	// that list markers and levels, table breaks and headings can be read
	// as written; nil (or a nil result) falls back to the redline's own
	// fields.
	Source func(file string, old bool) []byte
}

// Cover is the first page of a redline.
type Cover struct {
	// From and To describe the two rounds ("Round 3, third draft,
	// 2025-03-11").
	From, To string
	// Totals are lines of totals ("12 sections changed, 3 added").
	Totals []string
	// Notable are the notable changes, most severe first.
	Notable []Notable
	// Notes are anything else the reader should know.
	Notes []string
}

// Notable is one notable change.
type Notable struct {
	Label, What, Before, After string
}

// CoverEnd is the last line of the cover page. Everything after it is the
// draft: accepting every revision gives the new round, rejecting every
// revision the old one.
const CoverEnd = "Accept all changes to read the new round; reject all changes to read the old one."

// Render writes res as a Word document with tracked revisions.
func Render(w io.Writer, res *redline.Result, opt Options) error {
	wr := newWriter(res, opt)
	if opt.Cover != nil {
		wr.cover(opt.Cover)
	}
	wr.body()
	return wr.finish(w, opt.Cover != nil)
}

type writer struct {
	res     *redline.Result
	opt     Options
	b       *strings.Builder
	revID   int
	date    string
	links   []string
	linkIDs map[string]int
	lists   []listDef
	list    listState
	moves   map[string]string // block move id -> range name
	lines   map[sideFile][]int
	author  string // the current section's revision author
	// bookmarks are the bookmark names written
	bookmarks map[string]bool
}

type sideFile struct {
	file string
	old  bool
}

func newWriter(res *redline.Result, opt Options) *writer {
	w := &writer{res: res, opt: opt, b: &strings.Builder{}, linkIDs: map[string]int{}, moves: map[string]string{}, lines: map[sideFile][]int{}, bookmarks: map[string]bool{}}
	if !opt.Date.IsZero() {
		w.date = opt.Date.UTC().Format("2006-01-02T15:04:05Z")
	}
	w.author = w.defaultAuthor()
	return w
}

func (w *writer) defaultAuthor() string {
	if w.opt.Author != "" {
		return w.opt.Author
	}
	return "codraft"
}

func (w *writer) finish(out io.Writer, track bool) error {
	var doc strings.Builder
	doc.WriteString(xmlHeader + `<w:document ` + nsW + `><w:body>`)
	doc.WriteString(w.b.String())
	// a final paragraph: Word wants the body to end with one (after a
	// table, say), and it holds the page set-up
	doc.WriteString(`<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1134" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	parts := []part{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", coreProps(w.opt.Title, w.defaultAuthor())},
		{"word/document.xml", doc.String()},
		{"word/_rels/document.xml.rels", documentRels(w.links)},
		{"word/styles.xml", stylesXML()},
		{"word/numbering.xml", numberingXML(w.lists)},
		{"word/settings.xml", settings(track)},
	}
	return writePackage(out, parts)
}

// nextID is the next revision (or move range) id.
func (w *writer) nextID() string {
	w.revID++
	return itoa(w.revID)
}

// revAttrs writes the id, author and date of a revision.
func (w *writer) revAttrs() {
	w.b.WriteString(` w:id="`)
	w.b.WriteString(w.nextID())
	w.b.WriteString(`" w:author="`)
	escapeAttr(w.b, w.author)
	w.b.WriteString(`"`)
	if w.date != "" {
		w.b.WriteString(` w:date="`)
		w.b.WriteString(w.date)
		w.b.WriteString(`"`)
	}
}

// linkID is the relationship id of a link target.
func (w *writer) linkID(href string) string {
	k, ok := w.linkIDs[href]
	if !ok {
		w.links = append(w.links, href)
		k = len(w.links)
		w.linkIDs[href] = k
	}
	return "rIdL" + itoa(k)
}

// cover writes the first page.
func (w *writer) cover(c *Cover) {
	title := w.opt.Title
	if title == "" {
		title = "Redline"
	}
	w.plainPara(styleTitle, title)
	w.plainPara(styleSubtitle, "Redline")
	w.plainPara(styleCover, "From: "+c.From)
	w.plainPara(styleCover, "To: "+c.To)
	for _, t := range c.Totals {
		w.plainPara(styleCover, t)
	}
	if len(c.Notable) > 0 {
		w.plainPara(styleSubtitle, "Notable changes")
		num := w.newList(false, 1, 0)
		for _, n := range c.Notable {
			line := n.Label + ": " + n.What
			switch {
			case n.Before != "" && n.After != "":
				line += ": \u201c" + n.Before + "\u201d \u2192 \u201c" + n.After + "\u201d"
			case n.Before != "":
				line += ": was \u201c" + n.Before + "\u201d"
			case n.After != "":
				line += ": now \u201c" + n.After + "\u201d"
			}
			w.paragraph(&para{style: styleList, numID: num, segs: []seg{{text: line}}})
		}
	}
	for _, n := range c.Notes {
		w.plainPara(styleCover, n)
	}
	w.paragraph(&para{style: styleCover, segs: []seg{{text: CoverEnd}}, pageBreak: true})
}

func (w *writer) plainPara(style, text string) {
	w.paragraph(&para{style: style, segs: []seg{{text: text}}})
}

// newList adds a list definition and returns its numbering id.
func (w *writer) newList(ordered bool, start, level int) int {
	w.lists = append(w.lists, listDef{ordered: ordered, start: start, startLevel: level})
	return len(w.lists)
}
