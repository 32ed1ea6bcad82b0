package json

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"github.com/codraft/codraft/internal/diff/difftest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestGolden(t *testing.T) {
	for _, c := range difftest.Cases(t) {
		t.Run(c.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, c.Result(t)); err != nil {
				t.Fatal(err)
			}
			var v map[string]any
			if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
				t.Fatalf("output does not decode: %v", err)
			}
			if v["schema"] != "codraft.redline/v1" {
				t.Errorf("schema = %v", v["schema"])
			}
			difftest.Golden(t, filepath.Join("testdata", c.Name+".json"), buf.Bytes(), *update)
		})
	}
}
