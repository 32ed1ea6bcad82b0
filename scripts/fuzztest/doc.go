// Package fuzzselfcheck holds the fuzz targets that check scripts/fuzz.sh
// itself: one that never fails and one that panics on a known input. It is a
// module of its own so that go test ./... and make fuzz in the codraft
// module never see it; scripts/fuzztest/selfcheck.sh runs it on a copy.
package fuzzselfcheck
