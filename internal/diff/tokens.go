package diff

import (
	"github.com/codraft/codraft/internal/doc"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// scan calls fn with the bounds of each token of s, and whether it is a
// word, without allocating.
func scan(s string, fn func(i, j int, word bool)) { doc.ScanTokens(s, fn) }

func isWordRune(r rune) bool          { return doc.IsWordRune(r) }
func extendsGrapheme(r rune) bool     { return doc.ExtendsGrapheme(r) }
func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
func isJoiner(r rune) bool            { return doc.IsJoiner(r) }
func joinsAfterZWJ(r rune) bool       { return doc.JoinsAfterZWJ(r) }

// isWord reports whether a token counts as a word.
func isWord(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return isWordRune(r)
}

// countWords counts the words in s, as tokenize splits them.
func countWords(s string) int { return doc.CountWords(s) }

// signature is a block's or section's words as sorted hashes, for
// similarity.
type signature []uint64

func signatureOf(texts ...string) signature {
	return signatureSized(0, texts...)
}

// signatureSized is signatureOf for texts of about n words.
func signatureSized(n int, texts ...string) signature {
	sig := make(signature, 0, n)
	for _, t := range texts {
		scan(t, func(i, j int, word bool) {
			if word {
				sig = append(sig, hashFold(t[i:j]))
			}
		})
	}
	sortHashes(sig)
	return sig
}

// sortHashes sorts s. Hashes are spread evenly, so a long s is sorted by
// distributing it into about len(s)/2 ranges of hash values, then sorting
// each range, most of which hold a hash or two: linear time instead of
// a comparison sort's n log n, with the same result.
func sortHashes(s signature) {
	n := len(s)
	if n <= 24 {
		slices.Sort(s)
		return
	}
	b := bits.Len(uint(n)) - 1 // n/2 < 1<<b <= n ranges
	shift := 64 - b
	w := hashSortPool.Get().(*hashSortWork)
	if cap(w.tmp) < n {
		w.tmp = make([]uint64, n)
	}
	if cap(w.count) < 1<<b+1 {
		w.count = make([]int32, 1<<b+1)
	}
	tmp, count := w.tmp[:n], w.count[:1<<b+1]
	copy(tmp, s)
	clear(count)
	for _, h := range tmp {
		count[h>>shift+1]++
	}
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	// count[k] is where range k starts, then, once filled, where it ends
	for _, h := range tmp {
		k := h >> shift
		s[count[k]] = h
		count[k]++
	}
	start := int32(0)
	for _, end := range count[:1<<b] {
		switch {
		case end-start <= 1:
		case end-start <= 12:
			insertionSort(s[start:end])
		default:
			slices.Sort(s[start:end])
		}
		start = end
	}
	hashSortPool.Put(w)
}

// hashSortWork is sortHashes' work space, reused.
type hashSortWork struct {
	tmp   []uint64
	count []int32
}

var hashSortPool = sync.Pool{New: func() any { return new(hashSortWork) }}

func insertionSort(s []uint64) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// hashFold is the FNV-1a hash of a word folded to lower case.
func hashFold(w string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			for _, b := range []byte(strings.ToLower(w[i:])) {
				h ^= uint64(b)
				h *= prime
			}
			return h
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= prime
	}
	return h
}

// dice is the Dice coefficient of two word multisets: 1 for the same words,
// 0 for none in common.
func dice(a, b signature) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(commonCount(a, b)) / float64(len(a)+len(b))
}

// commonCount is the size of the intersection of two sorted multisets.
// Its steps carry no branch on the hashes, which are random and would
// defeat a branch predictor.
func commonCount(a, b signature) int {
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		common += b2i(x == y)
		i += b2i(x <= y)
		j += b2i(x >= y)
	}
	return common
}

func b2i(c bool) int {
	if c {
		return 1
	}
	return 0
}
