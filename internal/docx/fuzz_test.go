package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/fuzzseed"
	docxr "github.com/codraft/codraft/internal/render/docx"
)

// fuzzMax is the limit the fuzz targets read under: small, so that a
// mutation that inflates a part is refused quickly.
const fuzzMax = 1 << 20

// writerSeeds are Word documents written by codraft's own writer: each
// sample round (cut to a few kilobytes) as a clean round, and a redline
// of consecutive rounds, full of tracked changes.
func writerSeeds(t testing.TB) [][]byte {
	var out [][]byte
	pairs := fuzzseed.Pairs()
	if len(pairs) > 6 {
		pairs = pairs[:6]
	}
	for _, pr := range pairs {
		a, err := doc.Parse("a.md", fuzzseed.Cut(pr.Old, 0), doc.Options{})
		if err != nil {
			continue
		}
		b, err := doc.Parse("b.md", fuzzseed.Cut(pr.New, 0), doc.Options{})
		if err != nil {
			continue
		}
		for _, sides := range [][2]*doc.Document{{a, a}, {a, b}} {
			res := diff.Compare([]*doc.Document{sides[0]}, []*doc.Document{sides[1]}, diff.Options{})
			src := func(file string, old bool) []byte {
				if old {
					return sides[0].Source
				}
				return sides[1].Source
			}
			var buf bytes.Buffer
			if err := docxr.Render(&buf, res, docxr.Options{Title: "Seed", Source: src}); err != nil {
				t.Fatal(err)
			}
			out = append(out, buf.Bytes())
		}
	}
	return out
}

// uncompressed is the size of a package's parts, read up to the limit
// (its own size when it is no zip).
func uncompressed(data []byte) int64 {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return int64(len(data))
	}
	var n int64
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			continue
		}
		k, _ := io.Copy(io.Discard, io.LimitReader(rc, fuzzMax+1))
		rc.Close()
		n += k
	}
	return n
}

// checkConvert checks what every reading must give: a known error, or
// valid UTF-8 Markdown no more than a few times the size of the parts,
// the same twice, that parses as a draft.
func checkConvert(t *testing.T, data []byte) {
	res, err := Convert(data, Options{MaxBytes: fuzzMax})
	if err != nil {
		for _, known := range []error{ErrNotDOCX, ErrEncrypted, ErrTooLarge, ErrDoctype, ErrBadXML} {
			if errors.Is(err, known) {
				return
			}
		}
		t.Fatalf("an error of no known kind: %v", err)
	}
	md := res.Markdown
	if !utf8.Valid(md) {
		t.Fatalf("Markdown is not UTF-8: %q", md)
	}
	if limit := 8*uncompressed(data) + 1024; int64(len(md)) > limit {
		t.Fatalf("%d bytes of Markdown from %d bytes of parts", len(md), limit)
	}
	again, err := Convert(data, Options{MaxBytes: fuzzMax})
	if err != nil || !bytes.Equal(again.Markdown, md) {
		t.Fatalf("a second reading differs: %v", err)
	}
	if _, err := doc.Parse("f.md", md, doc.Options{}); err != nil {
		t.Fatalf("the Markdown does not parse: %v", err)
	}
}

// FuzzConvert reads mutated packages: codraft's own Word documents and the
// test documents.
func FuzzConvert(f *testing.F) {
	for _, s := range writerSeeds(f) {
		f.Add(s)
	}
	f.Add(testDoc{numbering: lists, styles: headingStyles, body: p(pstyle("berschrift1")+num("2", "0"), r("", "Scope")) + p(num("1", "1"), r("<w:b/>", "a *b*"))}.bytes(f))
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		checkConvert(t, data)
	})
}

// FuzzConvertParts reads mutated parts, packed uncompressed: the fuzzer
// works on the XML itself rather than on deflate streams.
func FuzzConvertParts(f *testing.F) {
	for _, s := range writerSeeds(f)[:2] {
		zr, err := zip.NewReader(bytes.NewReader(s), int64(len(s)))
		if err != nil {
			f.Fatal(err)
		}
		parts := map[string]string{}
		for _, e := range zr.File {
			rc, _ := e.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			parts[e.Name] = string(b)
		}
		f.Add(parts["word/document.xml"], parts["word/styles.xml"], parts["word/numbering.xml"], "")
	}
	f.Add(p(pstyle("berschrift1")+num("2", "0"), r("", "Scope"))+p(num("1", "1"), `<w:ins w:id="1">`+r("<w:b/>", "a *b*")+`</w:ins>`, `<w:r><w:footnoteReference w:id="2"/></w:r>`), headingStyles, lists,
		`<w:footnote w:id="2">`+p("", r("", "note"))+`</w:footnote>`)
	f.Fuzz(func(t *testing.T, document, styles, numbering, footnotes string) {
		if len(document)+len(styles)+len(numbering)+len(footnotes) > 64<<10 {
			return
		}
		parts := map[string]string{"word/document.xml": document}
		if !bytes.HasPrefix([]byte(document), []byte("<?xml")) {
			parts["word/document.xml"] = `<w:document ` + testNS + `><w:body>` + document + `</w:body></w:document>`
		}
		for name, s := range map[string]string{"styles": styles, "numbering": numbering, "footnotes": footnotes} {
			if s != "" {
				parts["word/"+name+".xml"] = `<w:` + name + ` ` + testNS + `>` + s + `</w:` + name + `>`
			}
		}
		checkConvert(t, pack(t, parts))
	})
}
