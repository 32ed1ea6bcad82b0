// Package textcheck decides whether bytes may be read as a draft: UTF-8
// text without a NUL byte. It is the one such check, shared by the store
// and the Markdown parser.
package textcheck

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrNotText is wrapped by every error of Check: the input is not UTF-8
// text.
var ErrNotText = errors.New("not UTF-8 text")

// ErrBinary is wrapped, besides ErrNotText, by the error for input that
// holds a NUL byte.
var ErrBinary = errors.New("binary file")

// Hint is the next step after an error of Check.
const Hint = "save the file as UTF-8 text, or change documents in codraft.yaml so that it is not a draft file"

// Error says why a file is not text and where.
type Error struct {
	// Name is the file as messages name it.
	Name string
	// Offset is the byte offset of the NUL byte or of the first byte that
	// is not UTF-8; Line is its 1-based line.
	Offset, Line int
	// Byte is the byte at Offset.
	Byte byte
}

func (e *Error) Error() string {
	if e.Byte == 0 {
		return fmt.Sprintf("%s: %s (NUL byte at line %d); a draft file must be UTF-8 text", e.Name, ErrBinary, e.Line)
	}
	return fmt.Sprintf("%s: %s (invalid byte 0x%02x at line %d); convert the file to UTF-8", e.Name, ErrNotText, e.Byte, e.Line)
}

// Is makes every Error match ErrNotText, and one for a NUL byte ErrBinary.
func (e *Error) Is(target error) bool {
	return target == ErrNotText || target == ErrBinary && e.Byte == 0
}

// Check returns nil when data is UTF-8 text without a NUL byte, else an
// *Error naming the file as name, the first offending byte and its line.
func Check(name string, data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &Error{Name: name, Offset: i, Line: lineAt(data, i)}
	}
	if utf8.Valid(data) {
		return nil
	}
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	return &Error{Name: name, Offset: i, Line: lineAt(data, i), Byte: data[i]}
}

func lineAt(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }
