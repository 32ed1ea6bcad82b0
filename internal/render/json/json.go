// Package json writes a redline as the codraft.redline/v1 JSON document.
package json

import (
	"encoding/json"
	"io"

	"github.com/codraft/codraft/internal/diff"
)

// Render writes res as indented JSON, with HTML characters left as they are
// and a final newline.
func Render(w io.Writer, res *diff.Result) error {
	return Encode(w, res)
}

// Encode writes any value the way codraft writes its JSON documents.
func Encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
