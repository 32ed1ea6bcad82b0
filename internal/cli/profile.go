package cli

import (
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfile writes a CPU profile to $CODRAFT_CPUPROFILE and a heap
// profile, with every allocation sampled about each 4 KB, to
// $CODRAFT_MEMPROFILE when they are set, for performance work; the
// returned function stops them and writes the heap profile.
func startProfile(ios *IOStreams) func() {
	stopCPU := startCPUProfile(ios.Env("CODRAFT_CPUPROFILE"))
	mem := ios.Env("CODRAFT_MEMPROFILE")
	if mem != "" {
		runtime.MemProfileRate = 4096
	}
	return func() {
		stopCPU()
		if mem != "" {
			writeHeapProfile(mem)
		}
	}
}

// startCPUProfile starts a CPU profile to path, if it is not empty, and
// returns the function that stops it.
func startCPUProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// writeHeapProfile writes the profile of every allocation sampled so far
// to path. Like the CPU profile, it is an aid, so a failure is silent.
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	pprof.Lookup("allocs").WriteTo(f, 0)
}
