package config

import (
	"regexp"
	"testing"
)

// validID accepts exactly what ^[A-Za-z0-9][A-Za-z0-9._-]*$ matches.
func TestValidIDAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	ids := []string{"", "WG1", "wg-1", "a.b_c-d", "9", "-x", ".x", "_x", "x y", "x/y", "Ä", "x\n", "WG1.", "x\x00"}
	alphabet := "aZ09._- /\x00é"
	for i := 0; i < 5000; i++ {
		var b []byte
		for n := i; n > 0; n /= len(alphabet) {
			b = append(b, alphabet[n%len(alphabet)])
		}
		ids = append(ids, string(b))
	}
	for _, id := range ids {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}
