//go:build !(linux && (amd64 || arm64 || riscv64 || ppc64le || s390x || loong64))

package hugepages

// Reserve does nothing outside 64-bit Linux.
func Reserve(n int) {}
