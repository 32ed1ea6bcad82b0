package gitfs

import (
	"regexp"
	"strings"
	"testing"
)

// isObjectID accepts exactly what ^(?:[0-9a-f]{40}|[0-9a-f]{64})$ matches.
func TestIsObjectIDAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^(?:[0-9a-f]{40}|[0-9a-f]{64})$`)
	id := "0123456789abcdef0123456789abcdef01234567"
	cases := []string{"", id, id[:39], id + "8", strings.ToUpper(id), id + id[:24], id + id[:23], id + id[:25]}
	for i := range id {
		for _, c := range "/g:G\x00 " {
			cases = append(cases, id[:i]+string(c)+id[i+1:])
		}
	}
	for _, s := range cases {
		if got, want := isObjectID(s), re.MatchString(s); got != want {
			t.Errorf("isObjectID(%q) = %v, want %v", s, got, want)
		}
	}
}
