//go:build race

package diff

// raceEnabled is true under the race detector, whose instrumentation
// allocates: allocation limits are not checked then.
const raceEnabled = true
