# Each target is one command. `make demo` runs the main job on the sample
# drafts; `make test` runs the tests.
GO ?= go
FUZZTIME ?= 30s
SOAKTIME ?= 3m

.PHONY: build demo test bench fuzz soak lint

build:
	$(GO) build -o bin/codraft ./cmd/codraft

demo: build
	./scripts/demo.sh

test:
	$(GO) test ./...

bench:
	$(GO) test ./internal/... -run '^$$' -bench . -benchtime 5x && $(GO) run ./scripts/bench

fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

soak:
	SOAKTIME=$(SOAKTIME) ./scripts/soak.sh

lint:
	./scripts/lint.sh
