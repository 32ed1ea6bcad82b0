package diff

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/fuzzseed"
	"github.com/codraft/codraft/internal/redline"
)

// FuzzWordDiff checks the tokeniser and the word diff on any two texts:
// tokens concatenate to their text, a word is never split (nor a grapheme:
// an emoji with its joiners and modifiers, a letter with its marks, a flag),
// the ops rebuild both sides, and every op starts and ends on a token
// boundary of its side, so that no fragment of a word is ever marked.
func FuzzWordDiff(f *testing.F) {
	for _, p := range fuzzseed.Pairs() {
		// a block's text, as the engine diffs it: one paragraph of each
		a, b := firstParagraph(p.Old), firstParagraph(p.New)
		if a != "" && b != "" {
			f.Add(a, b, uint8(0))
		}
	}
	f.Add("Providers shall keep records for 10,000 days.", "Providers should keep risk-based records for 1.2 days.", uint8(0))
	f.Add("don't re-use 4,5alpha", "do not reuse 4.5alpha", uint8(1))
	f.Add("The Signatory SHALL.", "the signatory shall!", uint8(3))
	f.Add("👩\u200d👩\u200d👧 family 👍🏽 ok 🇩🇪 1\ufe0f\u20e3", "👩\u200d👩\u200d👦 family 👍🏿 ok 🇩🇰 2\ufe0f\u20e3", uint8(0))
	f.Add("e\u0301cole Cafe\u0301 \u0301x", "école Café x", uint8(0))
	f.Add("می\u200cخواهم برود", "می\u200cروم برود", uint8(0))
	f.Add("שלום עולם مرحبا", "שלום לכם مرحبا بكم", uint8(0))
	f.Add("🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F flag", "🏴\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F flag", uint8(0))
	f.Fuzz(func(t *testing.T, a, b string, flags uint8) {
		if len(a) > 4<<10 || len(b) > 4<<10 || !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		checkTokens(t, a)
		checkTokens(t, b)
		opts := Options{IgnoreCase: flags&1 != 0, IgnorePunctuation: flags&2 != 0}
		w := &wordDiffer{opts: opts}
		ops, ins, del := w.diff(a, b)
		// The new side always rebuilds; the old one does unless an ignore
		// option let a difference pass as equal (and then a note says so).
		oldText, newText := rebuild(ops, redline.Delete), rebuild(ops, redline.Insert)
		if newText != b {
			t.Fatalf("ops rebuild the new side as %q, want %q\nops %q", newText, b, ops)
		}
		if oldText != a && (opts == Options{} || len(w.notes) == 0) {
			t.Fatalf("ops rebuild the old side as %q, want %q\nops %q", oldText, a, ops)
		}
		if opts == (Options{}) {
			if (a == b) != (ins == 0 && del == 0 && !hasChange(ops)) {
				t.Fatalf("a == b is %v but the diff counts +%d -%d with ops %q", a == b, ins, del, ops)
			}
			checkOpBoundaries(t, ops, redline.Delete, a)
		}
		checkOpBoundaries(t, ops, redline.Insert, b)
		for i, op := range ops {
			if op.Text == "" {
				t.Fatalf("op %d is empty: %q", i, ops)
			}
			if i > 0 && op.Op == ops[i-1].Op {
				t.Fatalf("ops %d and %d are both %s: %q", i-1, i, op.Op, ops)
			}
		}
		// determinism
		again, _, _ := (&wordDiffer{opts: opts}).diff(a, b)
		if len(again) != len(ops) {
			t.Fatalf("two diffs of the same texts differ: %q and %q", ops, again)
		}
		for i := range ops {
			if ops[i] != again[i] {
				t.Fatalf("two diffs of the same texts differ: %q and %q", ops, again)
			}
		}
	})
}

// firstParagraph is the first run of non-blank lines of md that holds a
// letter, with its lines joined by spaces.
func firstParagraph(md []byte) string {
	for _, para := range strings.Split(string(md), "\n\n") {
		if strings.IndexFunc(para, unicode.IsLetter) >= 0 && !strings.HasPrefix(para, "#") {
			return strings.Join(strings.Fields(para), " ")
		}
	}
	return ""
}

// rebuild is one side of ops: the equal text and the text of kind k.
func rebuild(ops []redline.Op, k redline.OpKind) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Op == redline.Equal || op.Op == k {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// checkTokens checks the tokens of s: none empty, together s, and no
// boundary between them inside a word or a grapheme.
func checkTokens(t *testing.T, s string) {
	t.Helper()
	toks := tokenize(s)
	if got := strings.Join(toks, ""); got != s {
		t.Fatalf("tokens of %q concatenate to %q", s, got)
	}
	off := 0
	for i, tok := range toks {
		if tok == "" {
			t.Fatalf("token %d of %q is empty", i, s)
		}
		off += len(tok)
		if i+1 < len(toks) {
			if why := splits(s, off); why != "" {
				t.Fatalf("tokens of %q split %s at byte %d: %q | %q", s, why, off, tok, toks[i+1])
			}
		}
	}
	if n, want := countWords(s), wordTokens(toks); n != want {
		t.Fatalf("countWords(%q) = %d, want %d", s, n, want)
	}
}

func wordTokens(toks []string) int {
	n := 0
	for _, t := range toks {
		if isWord(t) {
			n++
		}
	}
	return n
}

// checkOpBoundaries checks that every op of side k (with the equal ops)
// starts and ends on a token boundary of that side's text s.
func checkOpBoundaries(t *testing.T, ops []redline.Op, k redline.OpKind, s string) {
	t.Helper()
	off := 0
	for i, op := range ops {
		if op.Op != redline.Equal && op.Op != k {
			continue
		}
		if off > 0 && off < len(s) {
			why := splits(s, off)
			if !utf8.RuneStart(s[off]) {
				why = "a character"
			}
			if why != "" {
				t.Fatalf("op %d (%s %q) starts inside %s at byte %d of %q\nops %q", i, op.Op, op.Text, why, off, s, ops)
			}
		}
		off += len(op.Text)
	}
}

// splits reports what a boundary at byte off of s would cut: "a word", "a
// grapheme", or "" when a boundary may go there.
func splits(s string, off int) string {
	prev, psize := utf8.DecodeLastRuneInString(s[:off])
	next, nsize := utf8.DecodeRuneInString(s[off:])
	// a mark after a symbol ("!" and a circumflex) is part of the symbol,
	// not of a word: look through marks to the character they belong to
	base := prev
	for i := off - psize; extendsGrapheme(base) && i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			break
		}
		base = r
		i -= size
	}
	if isWordRune(prev) && isWordRune(base) && isWordRune(next) {
		return "a word"
	}
	if isWordRune(prev) && isWordRune(base) && isJoiner(next) && off+nsize < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[off+nsize:]); isWordRune(r) {
			return "a word at a joiner"
		}
	}
	if unicode.IsSpace(prev) || unicode.IsControl(prev) {
		return "" // a mark after white space or a control stands alone
	}
	if extendsGrapheme(next) {
		return "a grapheme before " + runeName(next)
	}
	if prev == '\u200d' && off >= 4 && joinsAfterZWJ(next) {
		// an emoji ZWJ sequence: a symbol, a joiner, a symbol; the symbol
		// before is found behind any further joiners and marks, and a
		// word or a control before them joins nothing
		i := off - 3
		r, size := utf8.DecodeLastRuneInString(s[:i])
		for i > 0 && extendsGrapheme(r) {
			i -= size
			r, size = utf8.DecodeLastRuneInString(s[:i])
		}
		if i > 0 && !isWordRune(r) && !unicode.IsSpace(r) && !unicode.IsControl(r) {
			return "a grapheme after a zero-width joiner"
		}
	}
	if isRegionalIndicator(prev) && isRegionalIndicator(next) {
		// flags are pairs of regional indicators, counted from the start
		// of their run
		n := 0
		for i := off; i > 0; {
			r, size := utf8.DecodeLastRuneInString(s[:i])
			if !isRegionalIndicator(r) {
				break
			}
			n++
			i -= size
		}
		if n%2 == 1 {
			return "a flag"
		}
	}
	return ""
}

func runeName(r rune) string { return fmt.Sprintf("%U", r) }

// tokenize splits text into words, runs of white space, and single other
// characters. A word is a run of letters, digits and marks, which may hold
// an apostrophe, hyphen, dot, comma or underscore between two such runs
// ("don't", "risk-based", "1.2", "10,000"), so a diff never marks part of a
// word.
func tokenize(s string) []string {
	toks := make([]string, 0, len(s)/3+1)
	scan(s, func(i, j int, _ bool) { toks = append(toks, s[i:j]) })
	return toks
}
