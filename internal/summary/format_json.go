package summary

import (
	"io"

	"github.com/codraft/codraft/internal/jsonout"
)

// WriteJSON writes s as the codraft.summary/v1 JSON document (docs/json.md),
// indented, with a final newline.
func WriteJSON(w io.Writer, s *Summary) error {
	return writeJSON(w, s)
}

// WriteHistoryJSON writes h as the codraft.summary-history/v1 JSON document.
func WriteHistoryJSON(w io.Writer, h *History) error {
	return writeJSON(w, h)
}

func writeJSON(w io.Writer, v any) error {
	return jsonout.Write(w, v)
}
