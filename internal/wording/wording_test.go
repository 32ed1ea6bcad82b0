package wording

import "testing"

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "rounds", 1: "round", 2: "rounds", -1: "rounds"} {
		if got := Plural(n, "round", "rounds"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 draft files", 1: "1 draft file", 12: "12 draft files"} {
		if got := Count(n, "draft file"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOrNone(t *testing.T) {
	if got := OrNone("", "no number"); got != "no number" {
		t.Errorf("OrNone empty = %q", got)
	}
	if got := OrNone("§ 2", "no number"); got != "§ 2" {
		t.Errorf("OrNone set = %q", got)
	}
}
