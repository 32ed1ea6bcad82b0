//go:build linux && (amd64 || arm64 || riscv64 || ppc64le || s390x || loong64)

package hugepages

import (
	"os"
	"runtime"
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
	minBytes     = 16 << 20
	madvHugePage = 14
)

var (
	mu       sync.Mutex
	reserved int  // bytes reserved so far
	mode     bool // whether the kernel gives huge pages on request only
	checked  bool
)

// Reserve readies about n bytes of heap for huge pages, less what earlier
// calls reserved: n is a total, and a call that adds less than 16 MB does
// nothing. So does every call where transparent huge pages are off or
// already on for all memory, or under GODEBUG=disablethp=1. It is safe to
// call from several goroutines.
func Reserve(n int) {
	mu.Lock()
	defer mu.Unlock()
	if !checked {
		mode = onRequest()
		checked = true
	}
	n -= reserved
	if !mode || n < minBytes {
		return
	}
	reserved += n
	p := make([]byte, n) // fresh memory: the runtime maps it without touching it
	start := uintptr(unsafe.Pointer(unsafe.SliceData(p)))
	// from the start of p's arena, with the heap the runtime began with
	advise(start&^(arenaBytes-1), start+uintptr(n))
	runtime.KeepAlive(p)
	// a collection now returns p's pages to the heap, which fills them
	// first; left to run on its own, it can end after the heap has grown
	// past them
	runtime.GC()
}

// advise marks the whole huge pages within [lo, hi) for huge pages. It is
// advice: an error changes nothing that works.
func advise(lo, hi uintptr) {
	lo = (lo + hugePageBytes - 1) &^ (hugePageBytes - 1)
	hi &^= hugePageBytes - 1
	if lo < hi {
		syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, madvHugePage)
	}
}

// onRequest reports whether the kernel backs memory with transparent huge
// pages only where asked ("[madvise]"), and the runtime is not told to
// keep them off.
func onRequest() bool {
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return false
		}
	}
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && strings.Contains(string(b), "[madvise]")
}
