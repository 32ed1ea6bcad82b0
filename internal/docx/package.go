package docx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"strings"
)

// oleMagic starts an OLE compound file: an encrypted Word document or an
// old binary .doc.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// pkg is an opened package: its entries by name, and what may still be
// read from it.
type pkg struct {
	files  map[string]*zip.File
	budget int64 // uncompressed bytes that may still be read
	max    int64
}

func openPackage(data []byte, max int64) (*pkg, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return nil, ErrEncrypted
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: %d bytes is over the limit of %d bytes", ErrTooLarge, len(data), max)
	}
	if n, ok := directoryEntries(data); ok && n > MaxEntries {
		return nil, fmt.Errorf("%w: %d zip entries, over the limit of %d", ErrTooLarge, n, MaxEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: not a zip archive (%v)", ErrNotDOCX, err)
	}
	if len(zr.File) > MaxEntries {
		return nil, fmt.Errorf("%w: %d zip entries, over the limit of %d", ErrTooLarge, len(zr.File), MaxEntries)
	}
	p := &pkg{files: map[string]*zip.File{}, budget: max, max: max}
	for _, f := range zr.File {
		name := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(f.Name, "\\", "/")), "/")
		if _, dup := p.files[name]; !dup {
			p.files[name] = f
		}
	}
	return p, nil
}

// directoryEntries reads the number of entries that the end of central
// directory record (or its zip64 form) announces, before the directory is
// read.
func directoryEntries(data []byte) (uint64, bool) {
	const eocdLen = 22
	if len(data) < eocdLen {
		return 0, false
	}
	from := max(0, len(data)-eocdLen-0xFFFF)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 {
		return 0, false
	}
	i += from
	if i+eocdLen > len(data) {
		return 0, false
	}
	n := uint64(binary.LittleEndian.Uint16(data[i+10:]))
	if n != 0xFFFF {
		return n, true
	}
	// zip64: the locator sits just before the record
	if i < 20 || string(data[i-20:i-16]) != "PK\x06\x07" {
		return n, true
	}
	off := binary.LittleEndian.Uint64(data[i-12:])
	if off > uint64(len(data)-56) || string(data[off:off+4]) != "PK\x06\x06" {
		return n, true
	}
	return binary.LittleEndian.Uint64(data[off+32:]), true
}

// has reports whether the package has the entry.
func (p *pkg) has(name string) bool {
	_, ok := p.files[name]
	return ok
}

// read reads an entry through the remaining budget, never trusting the
// sizes its header claims.
func (p *pkg) read(name string) ([]byte, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s cannot be read (%v)", ErrNotDOCX, name, err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(rc, p.budget+1))
	if n > p.budget {
		return nil, fmt.Errorf("%w: its parts uncompress to more than %d bytes (a zip bomb?)", ErrTooLarge, p.max)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s cannot be read (%v)", ErrNotDOCX, name, err)
	}
	p.budget -= n
	return buf.Bytes(), nil
}

// rel is one relationship of a part.
type rel struct {
	typ, target string
	external    bool
}

// rels reads the relationships of a part: _rels/NAME.rels beside it.
func (p *pkg) rels(part string) (map[string]rel, error) {
	dir, file := path.Split(part)
	name := dir + "_rels/" + file + ".rels"
	data, err := p.read(name)
	if err != nil || data == nil {
		return map[string]rel{}, err
	}
	root, err := parseXML(name, data)
	if err != nil {
		return nil, err
	}
	out := map[string]rel{}
	for _, n := range root.kids {
		if n.name != "Relationship" {
			continue
		}
		r := rel{typ: n.attr("Type"), target: n.attr("Target"), external: strings.EqualFold(n.attr("TargetMode"), "External")}
		if !r.external {
			t := r.target
			if !strings.HasPrefix(t, "/") {
				t = dir + t
			}
			r.target = strings.TrimPrefix(path.Clean("/"+t), "/")
		}
		out[n.attr("Id")] = r
	}
	return out, nil
}

// byType is the target of the first internal relationship whose type ends
// in /suffix, in id order, or def when the package has that part.
func byType(rs map[string]rel, suffix string, p *pkg, def string) string {
	best := ""
	for id, r := range rs {
		if !r.external && strings.HasSuffix(r.typ, "/"+suffix) && (best == "" || id < best) {
			best = id
		}
	}
	if best != "" {
		return rs[best].target
	}
	if p.has(def) {
		return def
	}
	return ""
}

// mainPart finds the main document part through the package
// relationships, else at word/document.xml.
func (p *pkg) mainPart() (string, error) {
	rs, err := p.rels("")
	if err != nil {
		return "", err
	}
	if t := byType(rs, "officeDocument", p, "word/document.xml"); t != "" && p.has(t) {
		return t, nil
	}
	if p.has("word/document.xml") {
		return "word/document.xml", nil
	}
	return "", fmt.Errorf("%w: the zip archive has no word/document.xml", ErrNotDOCX)
}
