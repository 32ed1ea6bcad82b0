# Each target is one command. `make demo` runs the main job on the sample
# drafts; `make test` runs the tests.
GO ?= go
FUZZTIME ?= 30s
SOAKTIME ?= 3m

.PHONY: build demo test bench fuzz fuzz-selfcheck soak lint race

# The commit a build from a clone says it is (codraft --version), passed
# to the linker so that a GOFLAGS without VCS stamping does not lose it.
VERSION ?= $(shell git describe --tags --always --dirty --abbrev=12 2>/dev/null)

# CGO_ENABLED=0 links codraft statically: it calls no C, and a static binary
# starts without the dynamic loader (about 50 fewer page faults a run).
build:
	CGO_ENABLED=0 $(GO) build -ldflags "-X github.com/codraft/codraft/internal/cli.version=$(VERSION)" -o bin/codraft ./cmd/codraft

demo: build
	./scripts/demo.sh

test:
	$(GO) test ./...

# The table of issue 14: codraft against git's word diff, export and summary
# against diff, check over a 100-commit history (BENCHFLAGS: -runs N, -base
# BIN for a same-run before/after). Go benchmarks: go test -bench . ./internal/...
BENCHFLAGS ?=
bench:
	$(GO) run ./scripts/bench $(BENCHFLAGS)

# The fuzz runs use go1.27.3, fetched for them alone (see scripts/fuzz.sh).
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

# Checks that make fuzz still fails on a real crasher (a few seconds).
fuzz-selfcheck:
	./scripts/fuzztest/selfcheck.sh

soak:
	SOAKTIME=$(SOAKTIME) ./scripts/soak.sh

lint:
	./scripts/lint.sh

# The race detector on the packages that run goroutines (the parallel
# parser and comparison, the summary's workers, check's jobs); the
# corpus-wide and hostile-input tests are left to make test.
race:
	$(GO) test -race -skip 'Labelled|Injected|Corpus|Hostile|Large|Flood' ./internal/parallel/ ./internal/check/ ./internal/diff/ && $(GO) test -race -run 'Concurren|Series|Drafts' ./internal/doc/ ./internal/summary/
