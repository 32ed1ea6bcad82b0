package redline

import "testing"

func TestNames(t *testing.T) {
	for _, c := range []struct {
		name, id, number string
		want             bool
	}{
		{"risk-sources", "risk-sources", "Measure 2.1", true},
		{"Measure 2.1", "x", "Measure 2.1", true},
		{"measure  2.1", "x", "Measure 2.1", true},
		{"2.1", "x", "Measure 2.1", true},
		{"2.1.", "x", "Measure 2.1", true},
		{"2", "x", "Measure 2.1", false},
		{"1", "x", "Measure 2.1", false},
		{"66a", "x", "§ 66a", true},
		{"4", "x", "4.", true},
		{"B.", "x", "B.", true},
		{"2.1", "x", "", false},
		{"", "x", "Measure 2.1", false},
		{"Commitment 2.1", "x", "Measure 2.1", false},
	} {
		if got := Names(c.name, c.id, c.number); got != c.want {
			t.Errorf("Names(%q, %q, %q) = %v, want %v", c.name, c.id, c.number, got, c.want)
		}
	}
}
