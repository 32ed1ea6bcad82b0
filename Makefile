.PHONY: build demo test bench fuzz soak
build:
	go build -o bin/codraft ./cmd/codraft
test:
	go test ./...
demo:
	bash scripts/demo.sh
soak:
	go test -count=1 -run 'TestKillRound|TestConcurrent' ./cmd/codraft -kill-iterations=500
