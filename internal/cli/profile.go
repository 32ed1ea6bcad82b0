package cli

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile to $CODRAFT_CPUPROFILE when it is set,
// for performance work; the returned function stops it.
func startProfile(ios *IOStreams) func() {
	path := ios.Env("CODRAFT_CPUPROFILE")
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
