package trailers

import (
	"errors"
	"fmt"
	"strings"
)

// WorkingGroupKey is the trailer that cites a working group:
// "Working-Group: WG3 (measure-3-1, Measure 3.4)".
const WorkingGroupKey = "Working-Group"

// RoundKey is the trailer that marks a commit as a round: "Codraft-Round: 3".
const RoundKey = "Codraft-Round"

// ErrBadCitation is wrapped by the error for a Working-Group trailer value
// that is not "ID" or "ID (section, section)".
var ErrBadCitation = errors.New("malformed working-group citation")

// CitationForms says how a citation is written, for messages.
const CitationForms = `"` + WorkingGroupKey + `: ID" or "` + WorkingGroupKey + `: ID (section, section)"`

// Citation is one Working-Group trailer value, parsed.
type Citation struct {
	// Group is the working group's id: "WG3".
	Group string
	// Sections are the sections listed, each with its runs of white space
	// made one space; nil when the citation lists none and so covers every
	// section its commit changed.
	Sections []string
}

// ParseCitation reads the value of a Working-Group trailer: an id, then
// optionally one parenthesised, comma-separated list of sections, none of
// them empty. The value is one line. Group is set even when the rest is
// malformed (the part before the first space, tab or parenthesis), so that
// a message can name it. The error wraps ErrBadCitation and says what is
// wrong.
func ParseCitation(v string) (Citation, error) {
	var c Citation
	v = strings.TrimSpace(v)
	id, rest := v, ""
	if i := strings.IndexAny(v, " \t("); i >= 0 {
		id, rest = v[:i], strings.TrimSpace(v[i:])
	}
	c.Group = id
	bad := func(why string) (Citation, error) {
		return c, fmt.Errorf("%w %q: %s", ErrBadCitation, v, why)
	}
	switch {
	case strings.ContainsAny(v, "\r\n"):
		return bad("a citation is one line")
	case id == "":
		return bad("it names no working group")
	case rest == "":
		return c, nil
	case !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")"):
		return bad("after the id comes nothing, or a list of sections in parentheses")
	case strings.Count(rest, "(") != 1 || strings.Count(rest, ")") != 1:
		return bad("the list of sections is one pair of parentheses")
	}
	for _, s := range strings.Split(rest[1:len(rest)-1], ",") {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" {
			c.Sections = nil
			return bad("the list of sections has an empty item")
		}
		c.Sections = append(c.Sections, s)
	}
	return c, nil
}

// Values returns the values of the trailers with the key (compared without
// regard to case), in order.
func Values(ts []Trailer, key string) []string {
	var vs []string
	for _, t := range ts {
		if strings.EqualFold(t.Key, key) {
			vs = append(vs, t.Value)
		}
	}
	return vs
}
