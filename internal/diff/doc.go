// Package diff is the comparison engine: it matches sections across rounds,
// aligns their blocks, diffs their words and finds moved text, producing a
// redline.Result. Its word diff is go-diff's algorithm on integer ids
// (myers.go); go-diff itself is only the reference of that port's test.
package diff
