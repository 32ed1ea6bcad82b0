package gitfs

import (
	"os"
	"path/filepath"
)

// tempObjects lists go-git's temporary object files: it writes an object to
// objects/pack/tmp_obj_* and renames it into place, but leaves the file
// behind when the write fails (a full disk).
func (r *Repo) tempObjects() map[string]bool {
	files, _ := filepath.Glob(filepath.Join(r.CommonDir, "objects", "pack", "tmp_obj_*"))
	m := make(map[string]bool, len(files))
	for _, f := range files {
		m[f] = true
	}
	return m
}

// removeNewTempObjects removes the temporary object files that are not in
// before: those a failed write of this process left.
func (r *Repo) removeNewTempObjects(before map[string]bool) {
	for f := range r.tempObjects() {
		if !before[f] {
			os.Remove(f)
		}
	}
}
