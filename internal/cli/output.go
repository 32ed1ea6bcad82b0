package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/codraft/codraft/internal/atomicfile"
)

// writeFileAtomic writes an output file (-o) atomically (internal/atomicfile),
// naming it in errors relative to the working directory when it is below it.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	shown := path
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			shown = rel
		}
	}
	return atomicfile.Write(path, shown, write)
}
