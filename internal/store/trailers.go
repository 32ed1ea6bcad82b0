package store

import (
	"strings"

	"github.com/codraft/codraft/internal/trailers"
)

// splitMessage splits a commit message into its subject, its body and its
// trailers.
func splitMessage(msg string) (subject, body string, ts []trailers.Trailer) {
	msg = strings.ReplaceAll(msg, "\r\n", "\n")
	ts = trailers.Parse(msg)
	if i := trailers.Start(msg); i >= 0 && len(ts) > 0 {
		msg = msg[:i]
	}
	msg = strings.Trim(msg, "\n")
	subject, rest, _ := strings.Cut(msg, "\n")
	return strings.TrimSpace(subject), strings.TrimSpace(rest), ts
}
