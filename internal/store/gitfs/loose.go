package gitfs

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
)

// ReadLoose reads object hex from its loose file in the objects directory
// straight into a buffer of its size: one inflate and one copy, where
// go-git's reader looks the path up through its chroot (a stat of every
// directory on the way) and grows a buffer as it goes. It returns ok false
// when the object is not loose, or not a well-formed object of at most max
// bytes (max 0: any size), so that the caller falls back to go-git, which
// reports what is wrong.
func ReadLoose(objects, hex string, max int64) (t plumbing.ObjectType, data []byte, ok bool) {
	if len(hex) != 40 {
		return plumbing.InvalidObject, nil, false
	}
	f, err := os.Open(filepath.Join(objects, hex[:2], hex[2:]))
	if err != nil {
		return plumbing.InvalidObject, nil, false
	}
	defer f.Close()
	zr, err := zlib.NewReader(f)
	if err != nil {
		return plumbing.InvalidObject, nil, false
	}
	defer zr.Close()
	// the header is "TYPE SIZE\x00"
	var head [32]byte
	n := 0
	for n < len(head) {
		if _, err := io.ReadFull(zr, head[n:n+1]); err != nil {
			return plumbing.InvalidObject, nil, false
		}
		if head[n] == 0 {
			break
		}
		n++
	}
	kind, num, found := bytes.Cut(head[:n], []byte(" "))
	if n == len(head) || !found {
		return plumbing.InvalidObject, nil, false
	}
	t, err = plumbing.ParseObjectType(string(kind))
	if err != nil || t.IsDelta() {
		return plumbing.InvalidObject, nil, false
	}
	size, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil || size < 0 || (max > 0 && size > max) {
		return plumbing.InvalidObject, nil, false
	}
	data = make([]byte, size)
	if _, err := io.ReadFull(zr, data); err != nil {
		return plumbing.InvalidObject, nil, false
	}
	// nothing may follow the content, and the stream must end well (its
	// checksum is read at the end)
	var extra [1]byte
	if m, err := zr.Read(extra[:]); m != 0 || err != io.EOF {
		return plumbing.InvalidObject, nil, false
	}
	return t, data, true
}
