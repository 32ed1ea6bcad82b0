package fuzzselfcheck

import (
	"strings"
	"testing"
)

// FuzzSelfCheckPass never fails: a run of it must pass and leave no file.
func FuzzSelfCheckPass(f *testing.F) {
	f.Add("draft")
	f.Fuzz(func(t *testing.T, s string) {
		if got := strings.ToUpper(strings.ToLower(s)); len(got) < 0 {
			t.Fatal("unreachable")
		}
	})
}

// FuzzSelfCheckCrash panics on any input that starts with "bug". Each byte
// is tested on its own branch so that coverage leads the fuzzer to it in a
// moment; the seed alone does not fail.
func FuzzSelfCheckCrash(f *testing.F) {
	f.Add("b")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 0 && s[0] == 'b' {
			if len(s) > 1 && s[1] == 'u' {
				if len(s) > 2 && s[2] == 'g' {
					panic("fuzzselfcheck: known crasher " + s)
				}
			}
		}
	})
}
