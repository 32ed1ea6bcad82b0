.PHONY: build demo test bench fuzz soak
build:
	go build -o bin/codraft ./cmd/codraft
test:
	go test ./...
