package docx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Each kind of bad input is refused with its own error, and nothing is
// read back.
func TestHostile(t *testing.T) {
	bomb := testDoc{body: p("", r("", "x")) + strings.Repeat(" ", 3<<20)}
	split := testDoc{body: p("", r("", strings.Repeat("y", 600<<10))), styles: `<w:style w:styleId="A"><w:name w:val="` + strings.Repeat("z", 600<<10) + `"/></w:style>`}
	doctype := func(part, decl string) []byte {
		d := testDoc{body: p("", r("", "x")), styles: `<w:style w:styleId="A"/>`}.bytes(t)
		return replacePart(t, d, part, func(s string) string {
			return strings.Replace(s, "?>", "?>"+decl, 1)
		})
	}
	laughs := `<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`
	for _, tc := range []struct {
		name string
		data []byte
		max  int64
		want error
		msg  string
	}{
		{"not a zip", []byte("# A Markdown file named .docx\n"), 0, ErrNotDOCX, "not a zip archive"},
		{"empty", nil, 0, ErrNotDOCX, "not a zip archive"},
		{"no document", pack(t, map[string]string{"word/styles.xml": "<x/>", "notes.txt": "hello"}), 0, ErrNotDOCX, "no word/document.xml"},
		{"encrypted or .doc", append(append([]byte{}, oleMagic...), make([]byte, 512)...), 0, ErrEncrypted, ""},
		{"bigger than the limit", testDoc{body: p("", r("", "x"))}.bytes(t), 100, ErrTooLarge, "over the limit of 100 bytes"},
		{"zip bomb", bomb.bytes(t), 1 << 20, ErrTooLarge, "uncompress to more than 1048576 bytes"},
		{"parts together over the limit", split.bytes(t), 1 << 20, ErrTooLarge, "zip bomb"},
		{"header claims less than the data", lieAboutSize(t, bomb.bytes(t), 100), 0, ErrNotDOCX, "cannot be read"},
		{"header claims more than the limit", lieAboutSize(t, bomb.bytes(t), 1<<40), 1 << 20, ErrTooLarge, "zip bomb"},
		{"too many entries", manyEntries(t, MaxEntries+1), 0, ErrTooLarge, "10001 zip entries"},
		{"directory record announcing too many entries", forgeCount(t, testDoc{body: p("", r("", "x"))}.bytes(t), 60000), 0, ErrTooLarge, "60000 zip entries"},
		{"entity expansion", doctype("word/document.xml", laughs), 0, ErrDoctype, "word/document.xml"},
		{"external entity", doctype("word/document.xml", `<!DOCTYPE w:document SYSTEM "file:///etc/passwd">`), 0, ErrDoctype, "document type"},
		{"DOCTYPE in styles", doctype("word/styles.xml", `<!DOCTYPE x>`), 0, ErrDoctype, "word/styles.xml"},
		{"DOCTYPE in relationships", doctype("_rels/.rels", `<!DOCTYPE x>`), 0, ErrDoctype, "_rels/.rels"},
		{"undefined entity", testDoc{body: p("", r("", "&bogus;"))}.bytes(t), 0, ErrBadXML, "entity"},
		{"malformed", testDoc{body: "<w:p><w:r>"}.bytes(t), 0, ErrBadXML, "word/document.xml"},
		{"nested too deep", testDoc{body: strings.Repeat("<w:sdt>", 300) + strings.Repeat("</w:sdt>", 300)}.bytes(t), 0, ErrBadXML, "nested more than 256 deep"},
		{"not a document", replacePart(t, testDoc{body: p("")}.bytes(t), "word/document.xml", func(string) string { return "<html/>" }), 0, ErrNotDOCX, "its root is <html>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Convert(tc.data, Options{MaxBytes: tc.max})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if res != nil {
				t.Errorf("a result beside the error: %q", res.Markdown)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
		})
	}
}

// replacePart rewrites one part of a package.
func replacePart(t *testing.T, data []byte, name string, f func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		parts[e.Name] = b.String()
		if e.Name == name {
			parts[e.Name] = f(b.String())
		}
	}
	return pack(t, parts)
}

// lieAboutSize sets the uncompressed size that the central directory gives
// word/document.xml.
func lieAboutSize(t *testing.T, data []byte, size uint64) []byte {
	t.Helper()
	out := append([]byte(nil), data...)
	name := []byte("word/document.xml")
	for i := 0; i+46 < len(out); i++ {
		if string(out[i:i+4]) != "PK\x01\x02" {
			continue
		}
		n := int(binary.LittleEndian.Uint16(out[i+28:]))
		if !bytes.Equal(out[i+46:i+46+n], name) {
			continue
		}
		if size > 0xFFFFFFFF {
			size = 0xFFFFFFFE
		}
		binary.LittleEndian.PutUint32(out[i+24:], uint32(size))
		return out
	}
	t.Fatal("no central directory entry for word/document.xml")
	return nil
}

func manyEntries(t *testing.T, n int) []byte {
	parts := map[string]string{"word/document.xml": `<w:document ` + testNS + `><w:body/></w:document>`}
	for i := 0; len(parts) < n; i++ {
		parts[fmt.Sprintf("x/%d", i)] = ""
	}
	return pack(t, parts)
}

// forgeCount makes the end of central directory record announce n entries.
func forgeCount(t *testing.T, data []byte, n uint16) []byte {
	out := append([]byte(nil), data...)
	i := bytes.LastIndex(out, []byte("PK\x05\x06"))
	if i < 0 {
		t.Fatal("no end of central directory record")
	}
	binary.LittleEndian.PutUint16(out[i+8:], n)
	binary.LittleEndian.PutUint16(out[i+10:], n)
	return out
}
