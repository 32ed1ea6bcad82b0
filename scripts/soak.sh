#!/usr/bin/env bash
# make soak: records and redlines rounds in a loop for a few minutes
# (SOAKTIME, default 3m), checking that memory stays flat and every output
# deterministic; then the kill -9 and concurrency tests with many more
# tries than the default test run. Not part of make test.
set -euo pipefail
cd "$(dirname "$0")/.."
soaktime=${SOAKTIME:-3m}
go test ./cmd/codraft -run '^TestSoak$' -soak="$soaktime" -count=1 -timeout 60m -v | grep -v '^=== '
CODRAFT_KILL_ITERATIONS=${KILL_ITERATIONS:-300} go test ./cmd/codraft -run '^(TestKillRound|TestKillImport|TestConcurrent.*)$' -count=1 -timeout 60m
