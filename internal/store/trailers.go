package store

import (
	"strings"

	"github.com/codraft/codraft/internal/trailers"
)

// Trailer is one "Key: value" trailer of a commit message.
type Trailer = trailers.Trailer

// ParseTrailers returns the trailers of a commit message, read exactly as
// git reads them (internal/trailers).
func ParseTrailers(msg string) []Trailer {
	return trailers.Parse(msg)
}

// splitMessage splits a commit message into its subject, its body and its
// trailers.
func splitMessage(msg string) (subject, body string, ts []Trailer) {
	msg = strings.ReplaceAll(msg, "\r\n", "\n")
	ts = trailers.Parse(msg)
	if i := trailers.Start(msg); i >= 0 && len(ts) > 0 {
		msg = msg[:i]
	}
	msg = strings.Trim(msg, "\n")
	subject, rest, _ := strings.Cut(msg, "\n")
	return strings.TrimSpace(subject), strings.TrimSpace(rest), ts
}

// trailerValues returns the values of the trailers with the key (compared
// without regard to case), in order.
func trailerValues(ts []Trailer, key string) []string {
	var vs []string
	for _, t := range ts {
		if strings.EqualFold(t.Key, key) {
			vs = append(vs, t.Value)
		}
	}
	return vs
}

// WorkingGroupID returns the id in a Working-Group trailer value:
// "WG3 (measure-3-1, measure-3-4)" gives "WG3".
func WorkingGroupID(spec string) string {
	spec = strings.TrimSpace(spec)
	if i := strings.IndexAny(spec, " \t("); i >= 0 {
		return spec[:i]
	}
	return spec
}

// WorkingGroupSections returns the section list in a Working-Group trailer
// value, or nil when it has none (the trailer covers every section).
func WorkingGroupSections(spec string) []string {
	open := strings.IndexByte(spec, '(')
	end := strings.LastIndexByte(spec, ')')
	if open < 0 || end < open {
		return nil
	}
	var out []string
	for _, s := range strings.Split(spec[open+1:end], ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
