// Package hugepages asks Linux to back the Go heap that a command is about
// to fill with transparent huge pages.
//
// Each 4 KB page of fresh memory costs a page fault when it is first
// touched. Where a fault is dear (on the virtual machines codraft is
// measured on, 10 to 20 µs), a command that reads drafts of several
// megabytes spends a fifth of its time faulting in its own heap. A 2 MB
// page takes one fault instead of 512. The Go runtime leaves the heap to
// the kernel's default, and where transparent huge pages are enabled only
// for memory that asks for them ("madvise", the default of many kernels),
// the heap never gets them.
//
// Reserve makes the runtime map the address space that a command's heap
// will grow into, by allocating large objects and dropping them, and marks
// that space and the heap before it with MADV_HUGEPAGE. It changes
// no result, only where memory comes from. GODEBUG=disablethp=1, the Go
// runtime's own switch against huge pages, turns it off, and it stays off
// where the kernel charges untouched memory against a commit limit
// (vm.overcommit_memory 2).
package hugepages
