#!/usr/bin/env bash
# The static gates of CI, each one command: the module is tidy, the code is
# gofmt'ed and vetted, staticcheck finds nothing, and no function is more
# complex than gocyclo's 30. The tools run through `go run` at pinned
# versions, so nothing needs installing by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.7.0
GOCYCLO=github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0
status=0
fail() { echo "lint: $*"; status=1; }

echo "lint: go mod tidy leaves go.mod and go.sum unchanged"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp go.mod go.sum "$tmp"/
$GO mod tidy
if ! cmp -s go.mod "$tmp/go.mod" || ! cmp -s go.sum "$tmp/go.sum"; then
	diff -u "$tmp/go.mod" go.mod || true
	cp "$tmp/go.mod" "$tmp/go.sum" .
	fail "go mod tidy changes go.mod or go.sum: run it and commit the result"
fi

echo "lint: gofmt -l"
unformatted=$(gofmt -l $(git ls-files '*.go'))
[ -z "$unformatted" ] || fail "not gofmt'ed: $unformatted"

echo "lint: go vet"
$GO vet ./... || fail "go vet found problems"

echo "lint: staticcheck"
$GO run "$STATICCHECK" ./... || fail "staticcheck found problems"

echo "lint: gocyclo -over 30"
$GO run "$GOCYCLO" -over 30 . || fail "functions over cyclomatic complexity 30: split them"

exit $status
