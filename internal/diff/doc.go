// Package diff is the comparison engine: it matches sections across rounds,
// aligns their blocks, diffs their words and finds moved text, producing a
// redline.Result. It is the only importer of go-diff.
package diff
