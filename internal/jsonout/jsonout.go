// Package jsonout writes codraft's JSON outputs in their one form: indented
// by two spaces, with <, > and & left as they are (not escaped as for
// embedding in HTML), each document ended by a line feed.
package jsonout

import (
	"encoding/json"
	"io"
)

// NewEncoder returns an encoder that writes in that form, each line after
// the first prefixed by prefix (for a value nested in a document written by
// hand).
func NewEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	return enc
}

// Write writes v as one JSON document.
func Write(w io.Writer, v any) error { return NewEncoder(w, "").Encode(v) }
