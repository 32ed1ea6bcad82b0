package store

import (
	"regexp"
	"strings"
)

// Trailer is one "Key: value" line of the last paragraph of a commit message.
type Trailer struct {
	Key, Value string
}

var trailerLine = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9-]*):\s*(.*)$`)

// ParseTrailers returns the trailers of a commit message: the lines of its
// last paragraph, when every line there is "Key: value" (or a continuation
// line starting with white space), and the message has more than that one
// paragraph.
func ParseTrailers(msg string) []Trailer {
	_, _, trailers := splitMessage(msg)
	return trailers
}

// splitMessage splits a commit message into its subject, its body and its
// trailer block.
func splitMessage(msg string) (subject, body string, trailers []Trailer) {
	msg = strings.ReplaceAll(msg, "\r\n", "\n")
	msg = strings.Trim(msg, "\n")
	subject, rest, _ := strings.Cut(msg, "\n")
	subject = strings.TrimSpace(subject)
	rest = strings.Trim(rest, "\n")
	if rest == "" {
		return subject, "", nil
	}
	paras := strings.Split(rest, "\n\n")
	last := paras[len(paras)-1]
	var ts []Trailer
	for _, line := range strings.Split(last, "\n") {
		if line != "" && (line[0] == ' ' || line[0] == '\t') && len(ts) > 0 {
			ts[len(ts)-1].Value += " " + strings.TrimSpace(line)
			continue
		}
		m := trailerLine.FindStringSubmatch(line)
		if m == nil {
			ts = nil
			break
		}
		ts = append(ts, Trailer{Key: m[1], Value: strings.TrimSpace(m[2])})
	}
	if ts == nil {
		return subject, strings.TrimSpace(rest), nil
	}
	body = strings.TrimSpace(strings.Join(paras[:len(paras)-1], "\n\n"))
	return subject, body, ts
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
