// Package docx reads a Word document (.docx) as Markdown: headings from
// outline levels and heading styles, lists with their levels and numbers,
// tables, emphasis, links and footnotes. Tracked changes are read as
// accepted and comments are dropped; both are counted so that the caller
// can warn. It reads the package with archive/zip and encoding/xml only,
// within limits on the size and number of its parts.
package docx

import (
	"errors"
)

// DefaultMaxBytes bounds the uncompressed size of the parts read when
// Options.MaxBytes is zero.
const DefaultMaxBytes int64 = 64 << 20

// MaxEntries is the most entries a package may have. Word writes a few
// dozen; a package with more is refused before its directory is read.
const MaxEntries = 10000

// maxDepth is the deepest XML nesting read.
const maxDepth = 256

// Errors, each wrapped with the detail of what was found.
var (
	// ErrNotDOCX: the file is not a zip archive, or not a Word document.
	ErrNotDOCX = errors.New("not a Word document (.docx)")
	// ErrEncrypted: an OLE compound file, which is what Word writes for a
	// password-protected document and for the old .doc format.
	ErrEncrypted = errors.New("a password-protected Word document or an old .doc file")
	// ErrTooLarge: the package is over a limit (a zip bomb, or simply too
	// large).
	ErrTooLarge = errors.New("too large")
	// ErrDoctype: a part declares a DOCTYPE, which could expand entities
	// or reach outside the file.
	ErrDoctype = errors.New("XML with a DOCTYPE")
	// ErrBadXML: a part is not well-formed XML.
	ErrBadXML = errors.New("malformed XML")
)

// Options tunes the reading.
type Options struct {
	// MaxBytes bounds the file's size and the uncompressed size of all the
	// parts read, together; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// Result is a document read as Markdown.
type Result struct {
	// Markdown is the document's text as CommonMark with GFM tables,
	// strikethrough and footnotes, ending in one line feed (empty for an
	// empty document).
	Markdown []byte
	// Revisions counts the tracked changes read as accepted (insertions,
	// deletions, moves and formatting changes).
	Revisions int
	// Comments counts the comments dropped.
	Comments int
}

// Convert reads a .docx file's bytes as Markdown.
func Convert(data []byte, opt Options) (*Result, error) {
	max := opt.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	pkg, err := openPackage(data, max)
	if err != nil {
		return nil, err
	}
	c, err := newConverter(pkg)
	if err != nil {
		return nil, err
	}
	if err := c.body(); err != nil {
		return nil, err
	}
	return &Result{Markdown: c.markdown(), Revisions: c.revisions, Comments: c.comments()}, nil
}
