package summary

import (
	"regexp"
	"testing"
)

// TestNumberScanners checks the hand-written scanners of number spellings
// against the expressions they stand for.
func TestNumberScanners(t *testing.T) {
	digits := regexp.MustCompile(`^[-+−]?\d+(?:[.,’' ]\d+)*$`)
	hex := regexp.MustCompile(`^0[xX][0-9a-fA-F]+$`)
	glued := regexp.MustCompile(`(?i)^(?:rfc|bcp|std|fyi)\d+$`)
	cases := []string{"", "1", "-1", "+1", "−12", "−", "-", "131,182", "1.5", "1 500 000", "1’000", "1'000",
		"1,", ",1", "1..2", "1.a", "a1", "12a", "0x2006e", "0X1F", "0x", "0xg", "0x1g", "x12", "00x1",
		"RFC7540", "rfc2119", "Bcp14", "STD1", "fyi9", "RFC", "RFC7540a", "RFCx", "ABC123", "RF7540", "RFC 7540", "١٢"}
	for _, c := range cases {
		if got, want := isDigits(c), digits.MatchString(c); got != want {
			t.Errorf("isDigits(%q) = %v, want %v", c, got, want)
		}
		if got, want := isHex(c), hex.MatchString(c); got != want {
			t.Errorf("isHex(%q) = %v, want %v", c, got, want)
		}
		if got, want := gluedRef(c), glued.MatchString(c); got != want {
			t.Errorf("gluedRef(%q) = %v, want %v", c, got, want)
		}
	}
}
