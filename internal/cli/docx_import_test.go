package cli

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/docx"
	"github.com/codraft/codraft/internal/fuzzseed"
)

// sectionView is what a round trip through Word must keep of a section:
// its id, number, title, level and the words of its text.
type sectionView struct {
	ID, Number, Title string
	Level             int
	Words             []string
}

// plainMD reads inline Markdown as its text, by another reader than ours:
// goldmark renders it as HTML, whose tags are dropped and entities decoded.
var plainMD = goldmark.New(goldmark.WithExtensions(extension.Strikethrough))

var tags = regexp.MustCompile(`<[^>]*>`)

func plainWords(md string) []string {
	var buf bytes.Buffer
	if err := plainMD.Convert([]byte(md), &buf); err != nil {
		return strings.Fields(md)
	}
	return strings.Fields(html.UnescapeString(tags.ReplaceAllString(buf.String(), "")))
}

var fenceLine = regexp.MustCompile("^ {0,3}(```+|~~~+)")

// blockWords are the words of a block as a reader sees them: code and raw
// HTML as written (without the fences), a table row cell by cell, other
// blocks as rendered text. An HTML comment is no text.
func blockWords(b doc.Block) []string {
	switch b.Kind {
	case doc.Code:
		lines := strings.Split(b.Text, "\n")
		if len(lines) > 0 && fenceLine.MatchString(lines[0]) {
			lines = lines[1:]
			if n := len(lines); n > 0 && fenceLine.MatchString(lines[n-1]) {
				lines = lines[:n-1]
			}
		}
		return strings.Fields(strings.Join(lines, "\n"))
	case doc.HTML:
		t := strings.TrimSpace(b.Text)
		if strings.HasPrefix(t, "<!--") && strings.HasSuffix(t, "-->") && !strings.Contains(t[4:len(t)-3], "-->") {
			return nil
		}
		return strings.Fields(b.Text)
	case doc.ThematicBreak:
		return nil
	case doc.TableRow:
		var cells []string
		for _, c := range splitRow(b.Text) {
			cells = append(cells, strings.Join(plainWords(c), " "))
		}
		return strings.Fields(strings.Join(cells, " "))
	}
	return plainWords(b.Text)
}

// splitRow cuts a table row at its unescaped pipes, unescaping the others.
func splitRow(row string) []string {
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteString("\\|")
			i++
		case row[i] == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(cells, cur.String())
}

func viewOf(d *doc.Document) []sectionView {
	var out []sectionView
	for _, s := range d.Sections {
		v := sectionView{ID: s.ID, Number: s.Number, Title: s.Title, Level: s.Level}
		for _, b := range s.Blocks {
			v.Words = append(v.Words, blockWords(b)...)
		}
		out = append(out, v)
	}
	return out
}

// roundTrip writes a draft as a clean Word document, as "codraft show REV
// -o round.docx" does, reads it back and parses both.
func roundTrip(t *testing.T, name string, src []byte) (before, after *doc.Document, md []byte) {
	t.Helper()
	opt := doc.Options{MaxSections: -1}
	before, err := doc.Parse(name, src, opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeCleanDOCX(&buf, before, "Round trip"); err != nil {
		t.Fatal(err)
	}
	res, err := docx.Convert(buf.Bytes(), docx.Options{})
	if err != nil {
		t.Fatalf("%s: reading the Word document back: %v", name, err)
	}
	if res.Revisions != 0 || res.Comments != 0 {
		t.Errorf("%s: a clean round has %d revisions and %d comments", name, res.Revisions, res.Comments)
	}
	after, err = doc.Parse(name, res.Markdown, opt)
	if err != nil {
		t.Fatalf("%s: parsing the Markdown read back: %v", name, err)
	}
	return before, after, res.Markdown
}

// A sample round written as Word and read back has the same sections
// (ids, numbers, titles, levels) and the same words in each.
func TestDOCXRoundTripDrafts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fuzzseed.Root(), "drafts", "*.md"))
	n := 0
	for _, f := range files {
		if filepath.Base(f) == "README.md" {
			continue
		}
		n++
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		before, after, _ := roundTrip(t, filepath.Base(f), src)
		if diff := cmp.Diff(viewOf(before), viewOf(after)); diff != "" {
			t.Errorf("%s: round trip through Word changed it (-before +after):\n%s", filepath.Base(f), diff)
		}
	}
	if n != 4 {
		t.Errorf("read %d sample rounds, want 4", n)
	}
}

// explicitID counts the sections whose id a {#id} attribute gives: the
// Word heading carries it as a bookmark, read back into {#id}. (What a
// reader never sees is not compared: front matter, which is no section,
// and raw HTML that is only a comment, which the writer leaves out; see
// blockWords.)
const explicitID = "explicit {#id}"

// TestDOCXRoundTripCorpus runs the round trip on every round of the shared
// corpus and reports, per series, how many sections come back whole.
func TestDOCXRoundTripCorpus(t *testing.T) {
	dir := fuzzseed.CorpusDir()
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.md"))
	if len(files) == 0 {
		t.Skipf("the shared corpus is not at %s", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		if filepath.Base(f) == "README.md" {
			continue
		}
		name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			before, after, _ := roundTrip(t, name, src)
			bv, av := viewOf(before), viewOf(after)
			explicit := map[int]bool{}
			for i, s := range before.Sections {
				if s.ExplicitID {
					explicit[i] = true
				}
			}
			if len(bv) != len(av) {
				t.Fatalf("%d sections before, %d after", len(bv), len(av))
			}
			same, words := 0, 0
			for i := range bv {
				b, a := bv[i], av[i]
				if diff := cmp.Diff(b, a); diff != "" {
					t.Errorf("section %d (%s) changed (-before +after):\n%s", i, bv[i].ID, diff)
					continue
				}
				same++
				words += len(b.Words)
			}
			t.Logf("%s: %d/%d sections whole (%d with an %s), %d words", name, same, len(bv), len(explicit), explicitID, words)
		})
	}
}

// The same Word document reads as the same bytes.
func TestDOCXImportDeterministic(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(fuzzseed.Root(), "drafts", "04-2025-07-10-final.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, first := roundTrip(t, "final.md", src)
	for i := 0; i < 3; i++ {
		if _, _, again := roundTrip(t, "final.md", src); !bytes.Equal(first, again) {
			t.Fatalf("run %d read different Markdown", i+2)
		}
	}
}

// pandocDOCX has pandoc, another writer of Word documents, write Markdown
// (without its front matter) as .docx.
func pandocDOCX(t *testing.T, d *doc.Document) []byte {
	t.Helper()
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc is not installed (apt-get install pandoc): Word documents of another writer are not read")
	}
	cmd := exec.Command(pandoc, "-f", "gfm", "-t", "docx", "-o", "-")
	cmd.Stdin = bytes.NewReader(d.Source[d.FrontMatterEnd:])
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc: %v\n%s", err, stderr.Bytes())
	}
	return out
}

// Word documents that pandoc writes from the sample rounds (and from the
// corpus series written in GitHub's Markdown) read back with the same
// sections and words.
func TestDOCXFromPandoc(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fuzzseed.Root(), "drafts", "0*.md"))
	more, _ := filepath.Glob(filepath.Join(fuzzseed.CorpusDir(), "github-terms-of-service", "*.md"))
	for _, f := range append(files, more...) {
		name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			before, err := doc.Parse(name, src, doc.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := docx.Convert(pandocDOCX(t, before), docx.Options{})
			if err != nil {
				t.Fatal(err)
			}
			after, err := doc.Parse(name, res.Markdown, doc.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(viewOf(before), viewOf(after)); diff != "" {
				t.Errorf("read back from pandoc's Word document (-before +after):\n%s", diff)
			}
		})
	}
}

// A Word document saved by LibreOffice (which writes Word's own ways:
// shared list definitions restarted by overrides, bookmarks on headings)
// reads as the same draft.
func TestDOCXFromLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui): Word documents it saves are not read")
	}
	f := filepath.Join(fuzzseed.Root(), "drafts", "04-2025-07-10-final.md")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	before, err := doc.Parse("final.md", src, doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "final.docx")
	if err := os.MkdirAll(filepath.Dir(in), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, pandocDOCX(t, before), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", filepath.Join(dir, "out"), in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "final.docx"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := docx.Convert(data, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	after, err := doc.Parse("final.md", res.Markdown, doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(viewOf(before), viewOf(after)); diff != "" {
		t.Errorf("read back from LibreOffice's Word document (-before +after):\n%s", diff)
	}
}
