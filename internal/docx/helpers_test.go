package docx

import (
	"archive/zip"
	"bytes"
	"sort"
	"strings"
	"testing"
	"time"
)

const testNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// pack zips parts, in name order.
func pack(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testDoc is a Word document made of a body and, optionally, its other
// parts (styles, numbering, footnotes, comments, relationships).
type testDoc struct {
	body, styles, numbering, footnotes, comments, rels string
}

func (d testDoc) bytes(t testing.TB) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:document ` + testNS + `><w:body>` + d.body + `<w:sectPr/></w:body></w:document>`,
	}
	add := func(name, root, inner string) {
		if inner != "" {
			parts["word/"+name] = `<?xml version="1.0" encoding="UTF-8"?><w:` + root + ` ` + testNS + `>` + inner + `</w:` + root + `>`
		}
	}
	add("styles.xml", "styles", d.styles)
	add("numbering.xml", "numbering", d.numbering)
	add("footnotes.xml", "footnotes", d.footnotes)
	add("comments.xml", "comments", d.comments)
	if d.rels != "" {
		parts["word/_rels/document.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + d.rels + `</Relationships>`
	}
	return pack(t, parts)
}

// p is a paragraph: properties and runs.
func p(ppr string, runs ...string) string {
	if ppr != "" {
		ppr = "<w:pPr>" + ppr + "</w:pPr>"
	}
	return "<w:p>" + ppr + strings.Join(runs, "") + "</w:p>"
}

// r is a run of text with properties.
func r(rpr, text string) string {
	if rpr != "" {
		rpr = "<w:rPr>" + rpr + "</w:rPr>"
	}
	return `<w:r>` + rpr + `<w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func pstyle(id string) string { return `<w:pStyle w:val="` + id + `"/>` }

func num(id, lvl string) string {
	return `<w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr>`
}
