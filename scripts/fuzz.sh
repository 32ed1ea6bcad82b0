#!/usr/bin/env bash
# Runs every fuzz target in the module for a fixed time each (default 30s).
# A crasher is left by go test under the package's testdata/fuzz: commit it
# as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-30s}
# Each new input that widens coverage is minimised before fuzzing goes on;
# with the default minute each, a short run does little but minimise. A
# hundred tries shortens an input enough; a crasher is kept either way.
minimize=${FUZZMINIMIZETIME:-100x}
status=0
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u || true)
	for t in $targets; do
		echo "fuzz: $pkg $t for $fuzztime"
		if ! go test "$pkg" -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" >/tmp/codraft-fuzz.log 2>&1; then
			tail -30 /tmp/codraft-fuzz.log
			status=1
		else
			tail -1 /tmp/codraft-fuzz.log
		fi
	done
done
exit $status
