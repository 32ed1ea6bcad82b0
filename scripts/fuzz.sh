#!/usr/bin/env bash
# make fuzz: runs every fuzz target in the module for a fixed time each
# (default 30s). A crasher is left by go test under the package's
# testdata/fuzz, and printed in the log (so that a failure in CI can be
# reproduced from its log alone): commit it as a regression case once the
# bug is fixed.
#
# Go 1.26 has a race in its fuzzing coordinator (go.dev/issue/75804): when a
# duration -fuzztime runs out while a worker is busy, a target can fail with
# a bare "context deadline exceeded" having found nothing. Two defences:
#
# 1. The fuzz runs use go1.27.3, which carries the fix; the go command fetches
#    it from the module proxy (GOTOOLCHAIN) for this script only, so builds
#    and make test keep the Go named in go.mod. We pick this over count-based
#    budgets (-fuzztime Nx) because a count means very different work for
#    fast and slow targets and on a loaded machine, and over the gate alone
#    because with the fix the race cannot happen at all. FUZZ_GOTOOLCHAIN
#    names another toolchain; empty means the machine's own Go. When that
#    toolchain cannot be had, the script says so in one line and fuzzes with
#    the machine's Go.
# 2. Whatever Go runs, a failed run counts as a pass only when it is exactly
#    that race: no new file under testdata/fuzz and nothing in the output but
#    the progress lines, "--- FAIL: FuzzX", "context deadline exceeded" and
#    go test's closing FAIL lines. The script says so in one line. Any other
#    failure (a panic, a t.Error, a failing input written, a failing seed, a
#    build error) fails the step with the log's tail.
#
# A run that passes must leave no new file in the work tree; one that does
# fails the step and names the files.
#
# scripts/fuzztest/selfcheck.sh (make fuzz-selfcheck, run by .ci/run) proves
# that a real crasher still fails this script. It uses these knobs, which a
# person may use too:
#   FUZZ_DIR      the module to fuzz (default: this repository)
#   FUZZ_TARGETS  space-separated target names to run (default: every one);
#                 a name that matches no target is an error
#   FUZZ_GO       the go command for the fuzz runs (default: go)
#   FUZZMINIMIZETIME  see below
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${FUZZ_DIR:-$root}
cd "$dir"
fuzztime=${1:-30s}
# Each new input that widens coverage is minimised before fuzzing goes on;
# with the default minute each, a short run does little but minimise. A
# hundred tries shortens an input enough; a crasher is kept either way.
minimize=${FUZZMINIMIZETIME:-100x}
fuzzgo=${FUZZ_GO:-go}
toolchain=${FUZZ_GOTOOLCHAIN-go1.27.3}

# Choose the toolchain once; the first use downloads it (about 76 MB).
if [ -n "$toolchain" ]; then
	if have=$(GOTOOLCHAIN=$toolchain go version 2>/dev/null) && [[ $have == "go version $toolchain "* ]]; then
		export GOTOOLCHAIN=$toolchain
	else
		export GOTOOLCHAIN=local
		echo "fuzz: $toolchain could not be had; fuzzing with $(go env GOVERSION), whose deadline race is gated below"
	fi
else
	export GOTOOLCHAIN=local
fi
echo "fuzz: $(go env GOVERSION), -fuzztime $fuzztime each"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# files lists every file under the module but .git, sorted.
files() {
	find . -path ./.git -prune -o -type f -print | LC_ALL=C sort
}

# bare_deadline reports whether log $1 of target $2 shows nothing but the
# coordinator's deadline race: the deadline line is there and every other
# line is one a clean run or that race prints.
bare_deadline() {
	grep -Eq '^[[:space:]]+context deadline exceeded$' "$1" || return 1
	! grep -Ev -e '^$' \
		-e '^fuzz: elapsed: [0-9hms.]+, (execs: [0-9]+ \([0-9]+/sec\)(, new interesting: [0-9]+ \(total: [0-9]+\))?|gathering baseline coverage: [0-9]+/[0-9]+ completed(, now fuzzing with [0-9]+ workers)?|testing seed corpus: [0-9]+/[0-9]+ completed(, now fuzzing with [0-9]+ workers)?)$' \
		-e '^warning: starting with empty corpus$' \
		-e '^go: downloading [^ ]+ v[^ ]+$' \
		-e "^--- FAIL: $2 \\([0-9.]+s\\)$" \
		-e '^[[:space:]]+context deadline exceeded$' \
		-e '^FAIL$' -e '^exit status 1$' \
		-e '^FAIL[[:space:]]+[^[:space:]]+[[:space:]]+[0-9.]+s$' \
		"$1" >/dev/null
}

declare -A wanted=()
for t in ${FUZZ_TARGETS:-}; do
	wanted[$t]=1
done
declare -A seen=()
status=0 runs=0 failed=0 raced=0
for pkg in $(go list ./...); do
	pkgdir=$(go list -f '{{.Dir}}' "$pkg")
	targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$pkgdir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u || true)
	for t in $targets; do
		seen[$t]=1
		if [ ${#wanted[@]} -gt 0 ] && [ -z "${wanted[$t]:-}" ]; then
			continue
		fi
		runs=$((runs + 1))
		echo "fuzz: $pkg $t for $fuzztime"
		log=$work/$t.log
		files >"$work/before"
		rc=0
		"$fuzzgo" test "$pkg" -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" >"$log" 2>&1 || rc=$?
		files >"$work/after"
		added=$(LC_ALL=C comm -13 "$work/before" "$work/after" | sed 's|^\./||')
		inputs=$(grep -E '(^|/)testdata/fuzz/' <<<"$added" || true)
		if [ "$rc" -eq 0 ] && [ -z "$added" ]; then
			tail -1 "$log"
		elif [ "$rc" -ne 0 ] && [ -z "$added" ] && bare_deadline "$log" "$t"; then
			echo "fuzz: $t: bare 'context deadline exceeded', no input written: Go's fuzzing race (go.dev/issue/75804), counted as a pass"
			raced=$((raced + 1))
		else
			tail -40 "$log"
			if [ -n "$inputs" ]; then
				echo "fuzz: $t: FAIL: new failing input:" $inputs
				echo $inputs >>"$work/inputs"
			elif [ "$rc" -ne 0 ]; then
				echo "fuzz: $t: FAIL (exit status $rc)"
			else
				echo "fuzz: $t: FAIL: the run passed but left new files in the work tree:" $added
			fi
			failed=$((failed + 1))
			status=1
		fi
	done
done
for t in "${!wanted[@]}"; do
	if [ -z "${seen[$t]:-}" ]; then
		echo "fuzz: FAIL: no fuzz target $t in $dir"
		status=1
	fi
done
# the failing inputs themselves, last, so that a failure in CI can be
# reproduced from the tail of its log: copy each to the path named
for f in $(cat "$work/inputs" 2>/dev/null); do
	echo "fuzz: --- $f ($(wc -c <"$f") bytes; first 64 KB) ---"
	head -c 65536 "$f"
	echo
	echo "fuzz: --- end of $f ---"
done
echo "fuzz: $runs targets run, $failed failed, $raced bare deadline(s) counted as passes"
exit $status
