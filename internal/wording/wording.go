// Package wording holds the small helpers that put counts and missing
// values into the sentences codraft writes.
package wording

import "strconv"

// Plural is one when n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count is n followed by word, with an "s" unless n is 1: "1 draft file",
// "3 draft files".
func Count(n int, word string) string {
	return strconv.Itoa(n) + " " + Plural(n, word, word+"s")
}

// OrNone is s, or none when s is empty.
func OrNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
