package gitfs

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

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
	buf, ok := readCompressed(filepath.Join(objects, hex[:2], hex[2:]), max)
	if !ok {
		return plumbing.InvalidObject, nil, false
	}
	defer compressed.Put(buf)
	zr, err := inflater(bytes.NewReader(*buf))
	if err != nil {
		return plumbing.InvalidObject, nil, false
	}
	defer inflaters.Put(zr)
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

// inflaters holds zlib readers for reuse: each holds a window and tables
// of some 40 KB, which reading hundreds of objects would otherwise
// allocate again for each.
var inflaters sync.Pool

// inflater returns a zlib reader of r, from the pool when it has one.
func inflater(r io.Reader) (io.ReadCloser, error) {
	if zr, ok := inflaters.Get().(io.ReadCloser); ok {
		if err := zr.(zlib.Resetter).Reset(r, nil); err != nil {
			return nil, err
		}
		return zr, nil
	}
	return zlib.NewReader(r)
}

// compressed holds buffers for the files of loose objects, for reuse.
var compressed = sync.Pool{New: func() any { return new([]byte) }}

// readCompressed reads the file of a loose object whole (one read, where
// a buffered reader takes many) into a buffer of the pool, unless it is
// too large to hold an object of at most max bytes (max 0: any size):
// deflate adds at most 5 bytes to every 16 KB it cannot compress, and
// zlib 6 bytes of header and checksum.
func readCompressed(path string, max int64) (*[]byte, bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || (max > 0 && fi.Size() > max+max/1024+64) {
		return nil, false
	}
	buf := compressed.Get().(*[]byte)
	*buf = slices.Grow((*buf)[:0], int(fi.Size()))[:fi.Size()]
	if _, err := io.ReadFull(f, *buf); err != nil {
		compressed.Put(buf)
		return nil, false
	}
	return buf, true
}
