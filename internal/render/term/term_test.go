package term

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/diff/difftest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestGolden(t *testing.T) {
	for _, c := range difftest.Cases(t) {
		t.Run(c.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, c.Result(t), Options{Context: 12}); err != nil {
				t.Fatal(err)
			}
			difftest.Golden(t, filepath.Join("testdata", c.Name+".txt"), buf.Bytes(), *update)
		})
	}
}

func TestColorHasNoBrackets(t *testing.T) {
	c := difftest.Cases(t)[0]
	var buf bytes.Buffer
	if err := Render(&buf, c.Result(t), Options{Color: true, Context: 12}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "\x1b[31m") || strings.Contains(out, "[-") {
		t.Errorf("colour output should use ANSI marks, not brackets:\n%q", out)
	}
}
