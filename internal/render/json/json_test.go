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
	for _, c := range difftest.For(t, "internal/render/json") {
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

// TestRenderMatchesEncodingJSON checks that the streaming writer gives the
// bytes encoding/json gives for the whole document.
func TestRenderMatchesEncodingJSON(t *testing.T) {
	for _, c := range difftest.For(t, "internal/render/json") {
		res := c.Result(t)
		res.Notes = []string{"a note"}
		var got, want bytes.Buffer
		if err := Render(&got, res); err != nil {
			t.Fatal(err)
		}
		if err := Encode(&want, res); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed JSON differs from encoding/json:\n%s\nwant\n%s", c.Name, got.String(), want.String())
		}
	}
}

// TestRenderEscapesLikeEncodingJSON checks the hand-written string escapes
// on hostile text.
func TestRenderEscapesLikeEncodingJSON(t *testing.T) {
	res := difftest.For(t, "internal/render/json")[0].Result(t)
	res.Sections[0].ID = "q\"b\\s\n\r\t\b\f\x01\x1f<>&\u2028\u2029\xff end é 😀"
	res.Sections[0].Blocks[0].Ops[0].Text = res.Sections[0].ID
	var got, want bytes.Buffer
	if err := Render(&got, res); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&want, res); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("escapes differ from encoding/json:\n%s\nwant\n%s", got.String(), want.String())
	}
}
