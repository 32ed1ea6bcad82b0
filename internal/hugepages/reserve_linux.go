//go:build linux && (amd64 || arm64 || riscv64 || ppc64le || s390x || loong64)

package hugepages

import (
	"cmp"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

const (
	hugePageBytes = 2 << 20
	// arenaBytes is the size and alignment of the runtime's heap arenas on
	// 64-bit Linux: an aligned region of this size that holds one heap
	// object belongs to the heap whole (hence the build constraint).
	arenaBytes = 64 << 20
	// minBytes is the least reservation worth its cost. A heap in huge
	// pages is resident up to its next 2 MB boundaries, a few MB more at
	// its peak: for the heap of about 10 MB that the de-kwg-large pair (1.4
	// MB) takes, that is a fifth more memory for a twentieth less time;
	// from about 20 MB (twice that pair) it is under a tenth more memory
	// for a sixth less time.
	minBytes = 16 << 20
	// pieceBytes is the size of the objects a reservation is made of: the
	// runtime's unit of heap growth
	pieceBytes = 4 << 20
)

var (
	mu       sync.Mutex
	reserved int // bytes reserved so far
	// wanted is whether reservations are made (onRequest), read once
	wanted = sync.OnceValue(onRequest)
)

// Reserve readies about n bytes of heap for huge pages, less what earlier
// calls reserved: n is a total, and a call that would add less than 16 MB,
// or less than the calls before it reserved, does nothing. So does every
// call where transparent huge pages are off or already on for all memory,
// or under GODEBUG=disablethp=1. It is safe to call from several
// goroutines.
func Reserve(n int) {
	mu.Lock()
	defer mu.Unlock()
	n -= reserved
	// a heap that keeps growing is reserved for in doubling steps: each
	// costs a collection
	if !wanted() || n < max(minBytes, reserved) {
		return
	}
	reserved += n
	// In pieces: a large object that starts in memory the heap used
	// before is cleared whole, which would touch all of it in small pages
	// before the advice. A piece is cleared only where it lies in such
	// memory; the rest come fresh from the kernel, untouched.
	pieces := make([][]byte, 0, n/pieceBytes+1)
	for left := n; left > 0; left -= pieceBytes {
		pieces = append(pieces, make([]byte, min(left, pieceBytes)))
	}
	for _, r := range spans(pieces) {
		// from the start of the arena, with the heap the runtime began with
		advise(r[0]&^(arenaBytes-1), r[1])
	}
	runtime.KeepAlive(pieces)
	// a collection now returns the pieces to the heap, which fills them
	// first; left to run on its own, it can end after the heap has grown
	// past them
	runtime.GC()
}

// spans returns the address ranges that the pieces cover, adjacent pieces
// joined, lowest first.
func spans(pieces [][]byte) [][2]uintptr {
	var out [][2]uintptr
	for _, p := range pieces {
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(p)))
		out = append(out, [2]uintptr{lo, lo + uintptr(len(p))})
	}
	slices.SortFunc(out, func(a, b [2]uintptr) int { return cmp.Compare(a[0], b[0]) })
	joined := out[:0]
	for _, r := range out {
		if k := len(joined) - 1; k >= 0 && joined[k][1] == r[0] {
			joined[k][1] = r[1]
		} else {
			joined = append(joined, r)
		}
	}
	return joined
}

// advise marks the whole huge pages within [lo, hi) for huge pages. It is
// advice: an error changes nothing that works.
func advise(lo, hi uintptr) {
	lo = (lo + hugePageBytes - 1) &^ (hugePageBytes - 1)
	hi &^= hugePageBytes - 1
	if lo < hi {
		syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE)
	}
}

// onRequest reports whether the kernel backs memory with transparent huge
// pages only where asked ("[madvise]"), the runtime is not told to keep
// them off, and the kernel does not count untouched memory against a
// commit limit (vm.overcommit_memory 2), where a reservation could make
// the runtime run out of memory that the command never uses.
func onRequest() bool {
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return false
		}
	}
	if b, err := os.ReadFile("/proc/sys/vm/overcommit_memory"); err != nil || strings.TrimSpace(string(b)) == "2" {
		return false
	}
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && strings.Contains(string(b), "[madvise]")
}
