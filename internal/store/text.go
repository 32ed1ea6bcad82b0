package store

import (
	"fmt"

	"github.com/codraft/codraft/internal/textcheck"
)

// CheckText reports whether data may be read as a draft file: at most max
// bytes (when max > 0), and text as textcheck.Check decides. The error
// names the file and wraps ErrTooLarge or textcheck.ErrNotText.
func CheckText(name string, data []byte, max int64) error {
	if max > 0 && int64(len(data)) > max {
		return tooLarge(name, int64(len(data)), max)
	}
	return textcheck.Check(name, data)
}

func tooLarge(name string, size, max int64) error {
	return fmt.Errorf("%s: %w: %d bytes is over the limit of %d bytes (limits.max_file_bytes in codraft.yaml)", name, ErrTooLarge, size, max)
}
