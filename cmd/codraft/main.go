// Command codraft records drafting rounds of a long document and redlines them section by section.
package main

import (
	"os"

	"github.com/codraft/codraft/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
