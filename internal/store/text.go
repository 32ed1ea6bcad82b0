package store

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// CheckText reports whether data may be read as a draft file: at most max
// bytes (when max > 0), no NUL byte, valid UTF-8. The error names the file
// and wraps ErrTooLarge, ErrBinary or ErrNotText.
func CheckText(name string, data []byte, max int64) error {
	if max > 0 && int64(len(data)) > max {
		return tooLarge(name, int64(len(data)), max)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%s: %w (NUL byte at line %d); a draft file must be UTF-8 text", name, ErrBinary, lineAt(data, i))
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return fmt.Errorf("%s: %w (invalid byte 0x%02x at line %d); convert the file to UTF-8", name, ErrNotText, data[i], lineAt(data, i))
	}
	return nil
}

func tooLarge(name string, size, max int64) error {
	return fmt.Errorf("%s: %w: %d bytes is over the limit of %d bytes (limits.max_file_bytes in codraft.yaml)", name, ErrTooLarge, size, max)
}

func lineAt(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }
