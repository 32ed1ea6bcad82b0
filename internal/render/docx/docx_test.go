package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/render/docx"
	"github.com/codraft/codraft/internal/render/rendertest"
)

// render compares two drafts and writes the Word redline, with the sources
// and a cover, as export does.
func renderPair(t testing.TB, oldName string, old []byte, newName string, nw []byte) []byte {
	t.Helper()
	od, err := doc.Parse(oldName, old, doc.Options{MaxSections: -1})
	if err != nil {
		t.Fatal(err)
	}
	nd, err := doc.Parse(newName, nw, doc.Options{MaxSections: -1})
	if err != nil {
		t.Fatal(err)
	}
	res := diff.Compare([]*doc.Document{od}, []*doc.Document{nd}, diff.Options{})
	src := func(file string, isOld bool) []byte {
		if isOld && file == oldName {
			return old
		}
		if !isOld && file == newName {
			return nw
		}
		return nil
	}
	var buf bytes.Buffer
	err = docx.Render(&buf, res, docx.Options{
		Title:  "Test",
		Cover:  &docx.Cover{From: oldName, To: newName, Totals: []string{"totals"}},
		Author: "Round author",
		Date:   time.Date(2025, 3, 11, 0, 0, 0, 0, time.UTC),
		Source: src,
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func draftPairs(t *testing.T) [][2]string {
	files, _ := filepath.Glob(filepath.Join(rendertest.RepoRoot(), "drafts", "0*.md"))
	sort.Strings(files)
	if len(files) < 2 {
		t.Fatal("drafts/ has fewer than two rounds")
	}
	var out [][2]string
	for i := 1; i < len(files); i++ {
		out = append(out, [2]string{files[i-1], files[i]})
	}
	return out
}

// corpusPairs lists the consecutive pairs of the shared corpus series
// named, or nil when the corpus is absent.
func corpusPairs(t *testing.T, series ...string) [][2]string {
	dir := filepath.Join(rendertest.RepoRoot(), "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Logf("%s absent: corpus pairs skipped", dir)
		return nil
	}
	var out [][2]string
	for _, s := range series {
		files, _ := filepath.Glob(filepath.Join(dir, s, "*.md"))
		sort.Strings(files)
		for i := 1; i < len(files); i++ {
			out = append(out, [2]string{files[i-1], files[i]})
		}
	}
	return out
}

func readPair(t testing.TB, p [2]string) ([]byte, []byte) {
	a, err := os.ReadFile(p[0])
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p[1])
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

func TestDeterministic(t *testing.T) {
	for _, p := range draftPairs(t) {
		a, b := readPair(t, p)
		one := renderPair(t, "a.md", a, "b.md", b)
		two := renderPair(t, "a.md", a, "b.md", b)
		if !bytes.Equal(one, two) {
			t.Errorf("%s -> %s: two renders differ", filepath.Base(p[0]), filepath.Base(p[1]))
		}
	}
	for _, c := range rendertest.Built() {
		var one, two bytes.Buffer
		if err := docx.Render(&one, c.Result, docx.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := docx.Render(&two, c.Result, docx.Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(one.Bytes(), two.Bytes()) {
			t.Errorf("%s: two renders differ", c.Name)
		}
	}
}

// wantParts is the package's part list, in order.
var wantParts = []string{
	"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml",
	"word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
}

// TestPackage checks the zip entries (names, order, fixed time) and that
// every part is well-formed XML, on the file cases and the hand-built ones
// (including hostile text).
func TestPackage(t *testing.T) {
	cases, err := rendertest.FileCases("")
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, rendertest.Built()...)
	for _, c := range cases {
		var buf bytes.Buffer
		if err := docx.Render(&buf, c.Result, docx.Options{Title: "T <&> \x01", Cover: &docx.Cover{From: "a", To: "b"}}); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
			if !f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("%s: %s has time %v", c.Name, f.Name, f.Modified)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			if err := wellFormed(data); err != nil {
				t.Errorf("%s: %s: %v", c.Name, f.Name, err)
			}
		}
		if strings.Join(names, " ") != strings.Join(wantParts, " ") {
			t.Errorf("%s: parts %v, want %v", c.Name, names, wantParts)
		}
	}
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestRevisionsMarkup checks that a redline with a moved block, an
// insertion, a deletion and a relevelled heading carries Word's revision
// elements, each with the author and date.
func TestRevisionsMarkup(t *testing.T) {
	old := []byte("# Scope\n\nKeep this paragraph as it is, word for word.\n\nThe provider shall keep records for ten years.\n\n## Records\n\nMove me to the end please, this paragraph travels far.\n\n# End\n\nClosing words.\n")
	nw := []byte("# Scope\n\nKeep this paragraph as it is, word for word.\n\nThe provider should keep records for five years.\n\n### Records\n\n# End\n\nClosing words.\n\nMove me to the end please, this paragraph travels far.\n")
	data := renderPair(t, "a.md", old, "b.md", nw)
	body := documentXML(t, data)
	for _, want := range []string{"<w:ins ", "<w:del ", "<w:delText", "<w:moveFrom ", "<w:moveTo ", "<w:moveFromRangeStart ", "<w:moveToRangeEnd ", "<w:pPrChange ", `w:author="Round author"`, `w:date="2025-03-11T00:00:00Z"`, `<w:pStyle w:val="Heading1"/>`} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
}

func documentXML(t testing.TB, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// tool finds an external program, skipping the test (or failing it, with
// CODRAFT_REQUIRE_DOCX_TOOLS=1) when it is absent.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CODRAFT_REQUIRE_DOCX_TOOLS") == "1" {
			t.Fatalf("%s is required (CODRAFT_REQUIRE_DOCX_TOOLS=1) but absent: apt-get install pandoc libreoffice-writer-nogui poppler-utils", name)
		}
		t.Skipf("%s absent: install pandoc, libreoffice-writer-nogui and poppler-utils to run this test", name)
	}
	return p
}

// frontMatter matches YAML front matter, which is metadata, not text.
var frontMatter = regexp.MustCompile(`(?s)\A---\n.*?\n(?:---|\.\.\.|--- [^\n]*)[ \t]*\n`)

// markerToken is a token that is layout in pandoc's plain text, not a word:
// a list marker or number, or a piece of a table border or heading rule.
var markerToken = regexp.MustCompile(`^(?:[-*+=:|]+|[0-9]+[.)])$`)

// plainWords normalises pandoc's plain text: white space runs become one
// space, and list markers, list numbers and table and heading rules are
// dropped (list numbers are markup, not words; pandoc draws a table's rules
// to its cells' widths).
//
// Where white space falls is compared apart: code and list items written
// with odd indentation (as in the German statutes of the corpus) are read
// by pandoc's Markdown reader and by ours in different shapes, which moves
// line breaks between words without changing a character.
func plainWords(s string) string {
	var out []string
	for _, f := range strings.Fields(s) {
		if !markerToken.MatchString(f) {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}

// attributeLine is a line that is only a brace block, such as a kramdown
// attribute list ({:numbered="false"}, {: #fig title="A figure"}).
var attributeLine = regexp.MustCompile(`^ {0,3}\{[^{}]*\}[ \t]*$`)

// asText escapes the opening brace of every attribute line outside fenced
// code. Our Markdown reader, like CommonMark, reads such a line as the text
// of a paragraph, and the redline shows it as text; pandoc's attributes
// extension (needed to read a heading's {#id} as its id, as we do) takes
// some of them ({:key="value"}, {.class}) for the attributes of the next
// block and drops them, others ({: #id}) not. Escaped, pandoc reads every
// one as text, as we do, so the comparison keeps their words rather than
// losing some.
func asText(md []byte) []byte {
	lines := strings.SplitAfter(string(md), "\n")
	fence := ""
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if fence != "" {
			if strings.HasPrefix(t, fence) && strings.Trim(strings.TrimSpace(t), fence[:1]) == "" {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:len(t)-len(strings.TrimLeft(t, t[:1]))]
			continue
		}
		if attributeLine.MatchString(strings.TrimRight(l, "\r\n")) {
			k := strings.IndexByte(l, '{')
			lines[i] = l[:k] + "\\" + l[k:]
		}
	}
	return []byte(strings.Join(lines, ""))
}

func pandocMarkdown(t *testing.T, pandoc string, md []byte) string {
	md = asText(frontMatter.ReplaceAll(md, nil))
	cmd := exec.Command(pandoc, "-f", "commonmark+pipe_tables+attributes+strikeout", "-t", "plain", "--wrap=none")
	cmd.Stdin = bytes.NewReader(md)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc markdown: %v", err)
	}
	return plainWords(string(out))
}

func pandocDocx(t *testing.T, pandoc, file, track string) string {
	out, err := exec.Command(pandoc, "--track-changes="+track, "-f", "docx", "-t", "plain", "--wrap=none", file).Output()
	if err != nil {
		t.Fatalf("pandoc docx: %v", err)
	}
	s := string(out)
	k := strings.Index(s, docx.CoverEnd)
	if k < 0 {
		t.Fatalf("pandoc's text of %s lacks the cover's last line", file)
	}
	return plainWords(s[k+len(docx.CoverEnd):])
}

// TestPandocAcceptReject has pandoc, an independent reader, accept and
// reject every revision of the redline: the plain text must be that of the
// new round and the old round.
func TestPandocAcceptReject(t *testing.T) {
	pandoc := tool(t, "pandoc")
	// two corpus series with lists, tables, code and attribute lines;
	// github-terms-of-service can be named too
	series := []string{"de-btmg", "ietf-quic-http"}
	if s := os.Getenv("CODRAFT_DOCX_SERIES"); s != "" {
		series = strings.Split(s, ",")
	}
	pairs := append(draftPairs(t), corpusPairs(t, series...)...)
	dir := t.TempDir()
	spaced := 0
	defer func() { t.Logf("%d pairs; %d sides equal only up to where white space falls", len(pairs), spaced) }()
	// each round but the first and last is in two pairs: read it once
	text := map[string]string{}
	markdown := func(path string, md []byte) string {
		if s, ok := text[path]; ok {
			return s
		}
		s := pandocMarkdown(t, pandoc, md)
		text[path] = s
		return s
	}
	for _, p := range pairs {
		name := filepath.Base(filepath.Dir(p[0])) + "/" + filepath.Base(p[0]) + "->" + filepath.Base(p[1])
		a, b := readPair(t, p)
		file := filepath.Join(dir, "r.docx")
		if err := os.WriteFile(file, renderPair(t, "a.md", a, "b.md", b), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, want := pandocDocx(t, pandoc, file, "accept"), markdown(p[1], b); noSpace(got) != noSpace(want) {
			t.Errorf("%s: accept all is not the new round:\n%s", name, firstDifference(want, got))
		} else if got != want {
			spaced++
		}
		if got, want := pandocDocx(t, pandoc, file, "reject"), markdown(p[0], a); noSpace(got) != noSpace(want) {
			t.Errorf("%s: reject all is not the old round:\n%s", name, firstDifference(want, got))
		} else if got != want {
			spaced++
		}
	}
}

func noSpace(s string) string { return strings.ReplaceAll(s, " ", "") }

// firstDifference shows where two texts part, white space aside.
func firstDifference(want, got string) string {
	w, g := []rune(noSpace(want)), []rune(noSpace(got))
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	ctx := func(s []rune) string {
		return string(s[max(0, i-60):min(len(s), i+60)])
	}
	return "want: ..." + ctx(w) + "...\n got: ..." + ctx(g) + "..."
}

// TestLibreOfficePDF converts redlines with insertions, deletions, moved
// paragraphs and sections and a relevelled heading (the last pair of
// drafts/, a hand-made case and, with the corpus, a pair of the QUIC
// series whose sections moved) to PDF with LibreOffice, and renders their
// first pages to PNG with pdftoppm, into testdata/pages (git-ignored, or
// $CODRAFT_DOCX_PAGES) to be looked at.
func TestLibreOfficePDF(t *testing.T) {
	soffice := tool(t, "soffice")
	pdftoppm := tool(t, "pdftoppm")
	out := os.Getenv("CODRAFT_DOCX_PAGES")
	if out == "" {
		out = filepath.Join("testdata", "pages")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	pairs := draftPairs(t)
	a, b := readPair(t, pairs[len(pairs)-1])
	cases := map[string][]byte{
		"drafts-3-4": renderPair(t, "a.md", a, "b.md", b),
		"moves":      renderPair(t, "a.md", []byte(movesOld), "b.md", []byte(movesNew)),
	}
	names := []string{"drafts-3-4", "moves"}
	if qp := corpusPairs(t, "ietf-quic-http"); len(qp) > 2 {
		a, b := readPair(t, qp[2])
		cases["quic-3-4"] = renderPair(t, "a.md", a, "b.md", b)
		names = append(names, "quic-3-4")
	}
	dir := t.TempDir()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir}
	for _, name := range names {
		file := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(file, cases[name], 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, file)
	}
	if msg, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for _, name := range names {
		pdf := filepath.Join(dir, name+".pdf")
		if fi, err := os.Stat(pdf); err != nil || fi.Size() == 0 {
			t.Fatalf("%s: no PDF: %v", name, err)
		}
		if msg, err := exec.Command(pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "4", pdf, filepath.Join(out, name)).CombinedOutput(); err != nil {
			t.Fatalf("%s: pdftoppm: %v\n%s", name, err, msg)
		}
	}
	pngs, _ := filepath.Glob(filepath.Join(out, "*.png"))
	if len(pngs) < 3 {
		t.Fatalf("%d pages rendered, want at least 3", len(pngs))
	}
	t.Logf("pages in %s", out)
}

const movesOld = `# Scope

Keep this paragraph as it is, word for word.

The provider shall keep records for ten years.

## Records

This paragraph will travel to the end of the draft, and it changes a word on the way.

# End

Closing words.
`

const movesNew = `# Scope

Keep this paragraph as it is, word for word.

The provider should keep records for five years.

### Records

# End

Closing words.

This paragraph will travel to the end of the draft, and it changes one word on the way.
`

// sideText reads document.xml as Word shows it once every revision is
// accepted (or rejected): the text of each paragraph on a line, without
// the text another side holds. A paragraph whose mark is inserted (deleted
// on accept) joins the next one.
func sideText(t testing.TB, data []byte, accept bool) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(documentXML(t, data)))
	gone := map[string]bool{"ins": !accept, "moveTo": !accept, "del": accept, "moveFrom": accept}
	var out, para strings.Builder
	depth, inPPr, joined := 0, false, false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case e.Name.Local == "pPr":
				inPPr = true
			case gone[e.Name.Local] && inPPr:
				joined = true
			case gone[e.Name.Local]:
				depth++
			case e.Name.Local == "p":
				joined = false
			case (e.Name.Local == "t" || e.Name.Local == "delText") && depth == 0:
				var s string
				if err := d.DecodeElement(&s, &e); err != nil {
					t.Fatal(err)
				}
				para.WriteString(s)
			}
		case xml.EndElement:
			switch {
			case e.Name.Local == "pPr":
				inPPr = false
			case gone[e.Name.Local] && !inPPr:
				depth--
			case e.Name.Local == "p" && !joined:
				if s := strings.TrimSpace(para.String()); s != "" {
					out.WriteString(s + "\n")
				}
				para.Reset()
			}
		}
	}
	return out.String()
}

// TestAcceptRejectOrder checks, without pandoc, that accepting every
// revision gives the new round's paragraphs in order and rejecting every
// one the old round's, when sections moved and a deleted section followed
// a moved one on the old side.
func TestAcceptRejectOrder(t *testing.T) {
	old := "# Alpha\n\nFirst words stay.\n\n# Beta\n\nBeta travels to the end.\n\n# Gamma\n\nGamma goes away entirely.\n\n# Delta\n\nDelta text stays here.\n\n# Epsilon\n\nEpsilon stays too.\n\n# Eta\n\nEta is the last of the old.\n"
	nw := "# Alpha\n\nFirst words stay.\n\n# Delta\n\nDelta text stays here, amended.\n\n# Epsilon\n\nEpsilon stays too.\n\n# Eta\n\nEta is the last of the old.\n\n# Beta\n\nBeta travels to the end.\n\n# Zeta\n\nA new closing section.\n"
	data := renderPair(t, "a.md", []byte(old), "b.md", []byte(nw))
	body := documentXML(t, data)
	if !strings.Contains(body, "<w:moveFrom ") {
		t.Fatalf("no section moved: the case does not test moves")
	}
	lines := func(md string) string {
		var b strings.Builder
		for _, l := range strings.Split(md, "\n") {
			if l = strings.TrimLeft(l, "# "); l != "" {
				b.WriteString(l + "\n")
			}
		}
		return b.String()
	}
	strip := func(s string) string { return s[strings.Index(s, docx.CoverEnd)+len(docx.CoverEnd)+1:] }
	if got, want := strip(sideText(t, data, true)), lines(nw); got != want {
		t.Errorf("accept all:\n%s\nwant:\n%s", got, want)
	}
	if got, want := strip(sideText(t, data, false)), lines(old); got != want {
		t.Errorf("reject all:\n%s\nwant:\n%s", got, want)
	}
}

// TestBookmarks checks that a heading with a {#id} attribute carries a
// bookmark of that name, once, and a heading without one none: a moved
// heading has it at its new place only.
func TestBookmarks(t *testing.T) {
	old := "# Scope {#scope-id}\n\nWords of the scope.\n\n# Plain\n\nPlain words here.\n\n# Travels {#far}\n\nThis section travels to the end.\n\n# Rest\n\nMore words.\n\n# Again {#scope-id}\n\nA duplicate id.\n"
	nw := "# Scope {#scope-id}\n\nWords of the scope.\n\n# Plain\n\nPlain words here.\n\n# Rest\n\nMore words.\n\n# Again {#scope-id}\n\nA duplicate id.\n\n# Travels {#far}\n\nThis section travels to the end.\n"
	body := documentXML(t, renderPair(t, "a.md", []byte(old), "b.md", []byte(nw)))
	if !strings.Contains(body, "<w:moveFrom ") {
		t.Fatal("no section moved: the case does not test moves")
	}
	names := regexp.MustCompile(`<w:bookmarkStart w:id="(\d+)" w:name="([^"]*)"/>`).FindAllStringSubmatch(body, -1)
	var got []string
	for _, m := range names {
		got = append(got, m[2])
		if !strings.Contains(body, `<w:bookmarkEnd w:id="`+m[1]+`"/>`) {
			t.Errorf("bookmark %s is not closed", m[2])
		}
	}
	if want := []string{"scope-id", "far"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("bookmarks %q, want %q", got, want)
	}
	moved := body[strings.Index(body, "<w:moveToRangeStart "):]
	if !strings.Contains(moved[:strings.Index(moved, "</w:p>")], `w:name="far"`) {
		t.Error("the moved heading's bookmark is not at its new place")
	}
}
