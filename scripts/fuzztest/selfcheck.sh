#!/usr/bin/env bash
# make fuzz-selfcheck: checks that scripts/fuzz.sh fails on a real crasher
# and passes only Go's bare fuzzing deadline race. It runs the script on a
# copy of this directory (a module of its own, so go test ./... and make
# fuzz never see its targets) and leaves nothing behind. Takes a few seconds
# once the build cache is warm.
#
# Real go test runs: a clean target passes and leaves no file; a target that
# panics on a known input fails, writes that input under testdata/fuzz,
# names and prints it, and the input fails go test again; once that input is a
# committed regression case, the script fails on it again with no new file.
# A stand-in go command then replays the race's exact output, since the race
# itself cannot be called up on demand: bare, it passes with one line; with
# a failing input written, a panic printed or a stray file left, it fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script=$here/../fuzz.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mod=$tmp/mod
mkdir "$mod"
cp "$here/go.mod" "$here"/*.go "$mod/"
failures=0

fail() {
	echo "fuzz-selfcheck: FAIL: $*"
	failures=$((failures + 1))
}

# run EXPECT NAME FUZZTIME [VAR=VALUE...]: runs the fuzz script on the copy
# with the given environment and checks its exit status (0 or 1).
run() {
	local expect=$1 name=$2 fuzztime=$3
	shift 3
	local rc=0
	env FUZZ_DIR="$mod" "$@" "$script" "$fuzztime" >"$tmp/$name.out" 2>&1 || rc=$?
	if [ "$rc" -ne "$expect" ]; then
		fail "$name: exit status $rc, want $expect; output:"
		sed 's/^/    /' "$tmp/$name.out"
		return 1
	fi
	echo "fuzz-selfcheck: ok: $name"
}

# newfiles lists files under the copy other than the ones copied in.
newfiles() {
	(cd "$mod" && find . -type f ! -name go.mod ! -name '*.go' | LC_ALL=C sort)
}

# 1. A target that never fails passes and leaves no file.
if run 0 pass 2s FUZZ_TARGETS=FuzzSelfCheckPass; then
	[ -z "$(newfiles)" ] || fail "pass: left files: $(newfiles)"
fi

# 2. A target that panics on a known input fails and writes that input.
if run 1 crash 60s FUZZ_TARGETS=FuzzSelfCheckCrash; then
	crasher=$(newfiles | grep '^\./testdata/fuzz/FuzzSelfCheckCrash/' || true)
	if [ "$(wc -l <<<"$crasher")" -ne 1 ] || [ -z "$crasher" ]; then
		fail "crash: want one failing input written, got: $(newfiles)"
	else
		grep -q "new failing input: ${crasher#./}" "$tmp/crash.out" || fail "crash: output does not name ${crasher#./}"
		grep -qx "go test fuzz v1" "$tmp/crash.out" || fail "crash: output does not show the failing input"
		grep -q 'panic: fuzzselfcheck: known crasher bug' "$tmp/crash.out" || fail "crash: output lacks the panic"
		# The written input is the known one and reproduces under plain go test.
		grep -q '^string("bug' "$mod/$crasher" || fail "crash: input is not the known one: $(cat "$mod/$crasher")"
		if (cd "$mod" && go test . -run "^FuzzSelfCheckCrash/$(basename "$crasher")\$" >"$tmp/rerun.out" 2>&1); then
			fail "crash: go test -run on the written input passed"
		fi
		# 3. Kept as a regression case, it fails the seed run; nothing new is written.
		before=$(newfiles)
		run 1 regression 60s FUZZ_TARGETS=FuzzSelfCheckCrash || true
		[ "$(newfiles)" = "$before" ] || fail "regression: files changed: $(newfiles)"
		grep -q 'panic: fuzzselfcheck: known crasher bug' "$tmp/regression.out" || fail "regression: output lacks the panic"
		rm -rf "$mod/testdata"
	fi
fi

# A stand-in go command: "go test" prints what the coordinator's deadline
# race prints and does what FAKE_FUZZ says; the script's own go list and go
# version calls use the real go.
cat >"$tmp/fakego" <<'EOF'
#!/usr/bin/env bash
for a; do case $a in ^Fuzz*\$) t=${a#^}; t=${t%\$};; esac; done
case ${FAKE_FUZZ:-} in
stray) echo "ok  	codraft.invalid/fuzzselfcheck	2.010s"; : >stray.txt; exit 0 ;;
esac
echo "fuzz: elapsed: 0s, gathering baseline coverage: 0/1 completed"
echo "fuzz: elapsed: 0s, gathering baseline coverage: 1/1 completed, now fuzzing with 2 workers"
echo "fuzz: elapsed: 2s, execs: 52061 (17353/sec), new interesting: 3 (total: 4)"
case ${FAKE_FUZZ:-} in
input) mkdir -p "testdata/fuzz/$t"; printf 'go test fuzz v1\nstring("x")\n' >"testdata/fuzz/$t/0123456789abcdef" ;;
panic) echo "panic: runtime error: index out of range [3] with length 3" ;;
esac
echo "--- FAIL: $t (2.02s)"
echo "    context deadline exceeded"
echo "FAIL"
echo "exit status 1"
echo "FAIL	codraft.invalid/fuzzselfcheck	2.030s"
exit 1
EOF
chmod +x "$tmp/fakego"
fake=(FUZZ_TARGETS=FuzzSelfCheckPass FUZZ_GO="$tmp/fakego")

# 4. The bare race passes, with one line that says so.
if run 0 race 2s "${fake[@]}"; then
	grep -q "^fuzz: FuzzSelfCheckPass: bare 'context deadline exceeded', no input written: .*counted as a pass$" "$tmp/race.out" ||
		fail "race: no line saying the deadline was counted as a pass"
fi
# 5. The same output with a failing input written fails.
run 1 race-with-input 2s "${fake[@]}" FAKE_FUZZ=input || true
rm -rf "$mod/testdata"
# 6. The same output with a panic in it fails.
run 1 race-with-panic 2s "${fake[@]}" FAKE_FUZZ=panic || true
# 7. A passing run that leaves a file fails.
run 1 stray-file 2s "${fake[@]}" FAKE_FUZZ=stray || true
rm -f "$mod/stray.txt"
# 8. A toolchain that cannot be had falls back to the machine's Go, in one
# line (GOPROXY=off keeps the attempt on this machine).
if run 0 fallback 2s "${fake[@]}" FUZZ_GOTOOLCHAIN=go1.99.0 GOPROXY=off; then
	grep -q '^fuzz: go1.99.0 could not be had; fuzzing with ' "$tmp/fallback.out" || fail "fallback: no line saying so"
fi
# 9. A target name that matches nothing is an error, not a silent pass.
run 1 unknown-target 2s FUZZ_TARGETS=FuzzNoSuchTarget || true

if [ "$failures" -ne 0 ]; then
	echo "fuzz-selfcheck: $failures check(s) failed"
	exit 1
fi
echo "fuzz-selfcheck: all checks passed"
