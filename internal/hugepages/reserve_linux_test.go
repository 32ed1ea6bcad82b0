//go:build linux && (amd64 || arm64 || riscv64 || ppc64le || s390x || loong64)

package hugepages

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// vmFlags returns the VmFlags of the mapping that holds address a, from
// /proc/self/smaps.
func vmFlags(t *testing.T, a uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= a && a < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return line
		}
	}
	t.Fatalf("no mapping holds %#x", a)
	return ""
}

// mappingRange parses the first line of a mapping in smaps ("lo-hi perms ...").
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	field, _, _ := strings.Cut(line, " ")
	l, h, found := strings.Cut(field, "-")
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}

func TestReserveAdvisesTheHeapItWillFill(t *testing.T) {
	if !onRequest() {
		t.Skip("transparent huge pages are not in madvise mode here")
	}
	var wg sync.WaitGroup
	for range 4 { // concurrent calls reserve once
		wg.Add(1)
		go func() { defer wg.Done(); Reserve(64 << 20) }()
	}
	wg.Wait()
	if reserved != 64<<20 {
		t.Fatalf("reserved %d bytes, want %d", reserved, 64<<20)
	}
	runtime.GC() // frees the reservation
	// a large allocation now comes from the reserved space
	p := make([]byte, 16<<20)
	a := uintptr(unsafe.Pointer(unsafe.SliceData(p)))
	if flags := vmFlags(t, a); !strings.Contains(flags, " hg") {
		t.Errorf("the heap at %#x is not marked for huge pages: %s", a, flags)
	}
	runtime.KeepAlive(p)
	Reserve(32 << 20) // within what is reserved: nothing more
	if reserved != 64<<20 {
		t.Errorf("a smaller reservation changed the total to %d", reserved)
	}
}

func TestOnRequestHonoursDisableTHP(t *testing.T) {
	t.Setenv("GODEBUG", "madvdontneed=1, disablethp=1")
	if onRequest() {
		t.Error("GODEBUG=disablethp=1 left huge pages on")
	}
}

// heapBuf keeps TestSpansJoinAdjacentPieces's buffer on the heap, where it
// does not move.
var heapBuf []byte

func TestSpansJoinAdjacentPieces(t *testing.T) {
	heapBuf = make([]byte, 32)
	buf := heapBuf
	base := uintptr(unsafe.Pointer(&buf[0]))
	got := spans([][]byte{buf[10:12], buf[0:4], buf[4:8], buf[12:20], buf[24:32]})
	want := [][2]uintptr{{base, base + 8}, {base + 10, base + 20}, {base + 24, base + 32}}
	if len(got) != len(want) {
		t.Fatalf("spans = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d = %v, want %v", i, got[i], want[i])
		}
	}
}
