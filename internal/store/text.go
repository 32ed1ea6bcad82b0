package store

import (
	"fmt"

	"github.com/codraft/codraft/internal/textcheck"
)

// CheckText reports whether data may be read as a draft file: at most max
// bytes (when max > 0), and text as textcheck.Check decides. The error
// names the file and wraps ErrTooLarge or textcheck.ErrNotText.
func CheckText(name string, data []byte, max int64) error {
	if err := CheckSize(name, int64(len(data)), max); err != nil {
		return err
	}
	return textcheck.Check(name, data)
}

// CheckSize reports whether a file of size bytes is at most max (when max
// > 0), so that a file too large is refused before it is read. The error
// names the file and wraps ErrTooLarge.
func CheckSize(name string, size, max int64) error {
	if max > 0 && size > max {
		return tooLarge(name, size, max)
	}
	return nil
}

func tooLarge(name string, size, max int64) error {
	return fmt.Errorf("%s: %w: %d bytes is over the limit of %d bytes (limits.max_file_bytes in codraft.yaml)", name, ErrTooLarge, size, max)
}
