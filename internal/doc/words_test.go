package doc

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// refScanTokens is the scan as it was before its table of character
// classes: a rune at a time, every class asked of package unicode. The
// scan must find the same tokens.
func refScanTokens(s string, fn func(i, j int, word bool)) {
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		n := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		j := i + n
		word := false
		switch {
		case refIsWordRune(r):
			word = true
			for j < len(s) {
				r2, n2 := decode(s, j)
				if refIsWordRune(r2) || ExtendsGrapheme(r2) {
					j += n2
					continue
				}
				if IsJoiner(r2) && j+n2 < len(s) {
					r3, _ := decode(s, j+n2)
					if refIsWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
		case r == ' ' || r == '\t' || r == '\n':
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
				j++
			}
		default:
			// keep a grapheme's trailing joiners, marks, variation
			// selectors, skin tones and tags with it, a flag's two
			// regional indicators together, and the symbols an emoji
			// sequence joins with zero-width joiners. A control character
			// or white space takes nothing with it (Unicode breaks a
			// grapheme after a control): a mark after it stands with what
			// follows.
			if unicode.IsSpace(r) || unicode.IsControl(r) {
				break
			}
			if isRegionalIndicator(r) && j < len(s) {
				if r2, n2 := decode(s, j); isRegionalIndicator(r2) {
					j += n2
				}
			}
			for last := r; j < len(s); {
				r2, n2 := decode(s, j)
				if !ExtendsGrapheme(r2) && !(last == '\u200d' && JoinsAfterZWJ(r2)) {
					break
				}
				j += n2
				last = r2
				// a flag joined after a joiner keeps its pair
				if isRegionalIndicator(r2) && j < len(s) {
					if r3, n3 := decode(s, j); isRegionalIndicator(r3) {
						j += n3
						last = r3
					}
				}
			}
		}
		fn(i, j, word)
		i = j
	}
}

func refIsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

type token struct {
	I, J int
	Word bool
}

func tokensOf(scan func(string, func(int, int, bool)), s string) []token {
	var toks []token
	scan(s, func(i, j int, word bool) { toks = append(toks, token{i, j, word}) })
	return toks
}

// checkSameTokens fails unless ScanTokens and CountWords agree with the
// reference scan on s.
func checkSameTokens(t *testing.T, s string) {
	t.Helper()
	want := tokensOf(refScanTokens, s)
	got := tokensOf(ScanTokens, s)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("tokens of %q differ (-reference +table):\n%s", s, diff)
	}
	words := 0
	for _, tk := range want {
		if tk.Word {
			words++
		}
	}
	if n := CountWords(s); n != words {
		t.Fatalf("CountWords(%q) = %d, the reference scan finds %d", s, n, words)
	}
}

func TestIsWordRuneMatchesUnicode(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if IsWordRune(r) != refIsWordRune(r) {
			t.Fatalf("IsWordRune(%U) = %v, want %v", r, IsWordRune(r), refIsWordRune(r))
		}
	}
}

// trickyPieces are the characters and bytes that steer the scan: ASCII
// of every class, Latin-1 letters and spaces, joiners inside and outside
// words, combining and spacing marks, zero-width joiners and emoji parts,
// flags, controls, and bytes that are not UTF-8.
var trickyPieces = []string{
	"a", "Z", "7", " ", "\t", "\n", "\r", "\v", "\x00", "\x1f", "\x7f",
	"'", "-", ".", ",", "_", "/", ":", "!", "§", "(", ")",
	"ä", "ß", "é", "µ", "ª", "²", "\u00a0", "\u0085", "\u00ad", "\u2019",
	"\u0301", "\u0903", "\u20dd", "\u200c", "\u200d", "\ufe0f", "\u202f", "\u2028", "\u3000",
	"日", "ل", "\u0915", "\U0001F468", "\U0001F3FD", "\U0001F1E9", "\U0001F1EA", "\U000E0067",
	"\u2764", "\u00a9", "\xff", "\xc3", "\xe2\x80", "\xf0\x9f\x98",
}

func TestScanTokensMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 8))
	for _, p := range trickyPieces {
		for _, q := range trickyPieces {
			checkSameTokens(t, p+q)
			checkSameTokens(t, "a"+p+q+"b")
			checkSameTokens(t, p+"a"+q)
		}
	}
	var b strings.Builder
	for n := 0; n < 20000; n++ {
		b.Reset()
		for k := rng.IntN(24); k >= 0; k-- {
			b.WriteString(trickyPieces[rng.IntN(len(trickyPieces))])
		}
		checkSameTokens(t, b.String())
	}
	for n := 0; n < 2000; n++ {
		raw := make([]byte, rng.IntN(40))
		for i := range raw {
			raw[i] = byte(rng.Uint32())
		}
		checkSameTokens(t, string(raw))
	}
}

func TestScanTokensMatchesReferenceOnCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/*/*.md")
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(src), "\n\n") {
			checkSameTokens(t, para)
		}
	}
}

// refSlug is Slug as it was before its ASCII path: every string lowered
// and read a rune at a time.
func refSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

func TestSlugMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 14))
	pieces := append([]string{"A", "Q", "z", "§", "İ", "ẞ", "ǅ", "Σ", "  ", "-", "."}, trickyPieces...)
	var b strings.Builder
	for n := 0; n < 20000; n++ {
		b.Reset()
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if s := b.String(); Slug(s) != refSlug(s) {
			t.Fatalf("Slug(%q) = %q, want %q", s, Slug(s), refSlug(s))
		}
	}
	files, _ := filepath.Glob("../../../shared/corpus/*/*.md")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(line, "#") && Slug(line) != refSlug(line) {
				t.Fatalf("Slug(%q) = %q, want %q", line, Slug(line), refSlug(line))
			}
		}
	}
}

// TestASCIIWordEnd checks the eight-bytes-at-a-time scan of ASCII letters
// and digits against a scan a byte at a time, with every byte value at
// every place of a run.
func TestASCIIWordEnd(t *testing.T) {
	base := "aZ09mzAM" + "19azAZqy" + "Kk"
	for c := 0; c < 256; c++ {
		for p := 0; p < len(base); p++ {
			b := []byte(base)
			b[p] = byte(c)
			s := string(b)
			want := 0
			for want < len(s) && refIsWordRune(rune(s[want])) && s[want] < 0x80 {
				want++
			}
			got := asciiWordEnd(s, 0)
			for got < len(s) && byteClass[s[got]]&classWord != 0 {
				got++
			}
			if got != want {
				t.Fatalf("run of %q ends at %d, want %d", s, got, want)
			}
			if got := asciiWordEnd(s, 0); got > want {
				t.Fatalf("asciiWordEnd(%q) = %d, past the run's end %d", s, got, want)
			}
		}
	}
}

// TestCollapseSpace checks collapseSpace, which returns text that needs no
// folding as it is, against folding every string.
func TestCollapseSpace(t *testing.T) {
	fold := func(s string) string {
		var b strings.Builder
		space := false
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(s[i])
		}
		return b.String()
	}
	pieces := []string{" ", "  ", "\t", "\n", "\r", "a", "ä", "\u00a0", "-"}
	rng := rand.New(rand.NewPCG(3, 7))
	for n := 0; n < 5000; n++ {
		var b strings.Builder
		for k := rng.IntN(8); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if s := b.String(); collapseSpace(s) != fold(s) {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, collapseSpace(s), fold(s))
		}
	}
}

// TestTextRunEnd checks the eight-bytes-at-a-time scan of a run of text
// against a scan a byte at a time, with every byte that matters at every
// place.
func TestTextRunEnd(t *testing.T) {
	ref := func(b []byte, j int) int {
		for j < len(b) {
			if !isCollapsible(b[j]) {
				j++
			} else if b[j] == ' ' && j+1 < len(b) && !isCollapsible(b[j+1]) {
				j += 2
			} else {
				break
			}
		}
		return j
	}
	bytesOf := []byte{' ', '\t', '\n', '\r', 'a', 0x00, 0x1f, 0x21, 0x80, 0xa0, 0xff, 0x2a, 0x8d, 0x89}
	rng := rand.New(rand.NewPCG(5, 9))
	for n := 0; n < 200000; n++ {
		b := make([]byte, 1+rng.IntN(30))
		for i := range b {
			b[i] = 'x'
			if rng.IntN(3) == 0 {
				b[i] = bytesOf[rng.IntN(len(bytesOf))]
			}
		}
		j := rng.IntN(len(b))
		got := textRunEnd(b, j)
		for got < len(b) {
			if !isCollapsible(b[got]) {
				got++
			} else if b[got] == ' ' && got+1 < len(b) && !isCollapsible(b[got+1]) {
				got += 2
			} else {
				break
			}
		}
		if want := ref(b, j); got != want {
			t.Fatalf("run of %q from %d ends at %d, want %d", b, j, got, want)
		}
	}
}
