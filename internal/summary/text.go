package summary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
)

// span is a half-open byte range.
type span struct{ a, b int }

func (s span) union(t span) span {
	return span{min(s.a, t.a), max(s.b, t.b)}
}

// hunk is one change inside a block: what it deleted from the old text and
// what it inserted into the new one. Either may be empty.
type hunk struct {
	old, new span
}

// aligned is a block's two texts rebuilt from its ops, and its hunks.
type aligned struct {
	old, new string
	hunks    []hunk
}

// align rebuilds both texts of a block from its ops. Changes separated only
// by white space form one hunk.
func align(ops []redline.Op) aligned {
	var old, new strings.Builder
	on, nn := 0, 0
	for _, op := range ops {
		if op.Op != redline.Insert {
			on += len(op.Text)
		}
		if op.Op != redline.Delete {
			nn += len(op.Text)
		}
	}
	old.Grow(on)
	new.Grow(nn)
	var hs []hunk
	open := false
	var cur hunk
	for i, op := range ops {
		switch op.Op {
		case redline.Equal:
			if open && strings.TrimSpace(op.Text) == "" && nextIsChange(ops, i) {
				old.WriteString(op.Text)
				new.WriteString(op.Text)
				continue
			}
			if open {
				cur.old.b, cur.new.b = old.Len(), new.Len()
				hs = append(hs, cur)
				open = false
			}
			old.WriteString(op.Text)
			new.WriteString(op.Text)
		case redline.Delete, redline.Insert:
			if !open {
				cur = hunk{old: span{old.Len(), old.Len()}, new: span{new.Len(), new.Len()}}
				open = true
			}
			if op.Op == redline.Delete {
				old.WriteString(op.Text)
			} else {
				new.WriteString(op.Text)
			}
		}
	}
	if open {
		cur.old.b, cur.new.b = old.Len(), new.Len()
		hs = append(hs, cur)
	}
	return aligned{old: old.String(), new: new.String(), hunks: hs}
}

func nextIsChange(ops []redline.Op, i int) bool {
	return i+1 < len(ops) && ops[i+1].Op != redline.Equal
}

// excerptContext and excerptMax bound the words an excerpt shows: the words
// around a change, and the most it shows at all.
const (
	excerptContext = 3
	excerptMax     = 24
)

// excerpt is the text of s in text, widened to whole words and by a few
// words of context on each side, with "…" where it was cut.
func excerpt(text string, s span) string {
	a, b := wordStart(text, s.a), wordEnd(text, s.b)
	for i := 0; i < excerptContext; i++ {
		if na := prevWord(text, a); na < a {
			a = na
		}
		if nb := nextWord(text, b); nb > b {
			b = nb
		}
	}
	var buf [48]span // an excerpt is a few words but where a change is long
	ws := appendRawWords(buf[:0], text, a, b)
	var out strings.Builder
	out.Grow(b - a + 8)
	if strings.TrimSpace(text[:a]) != "" {
		out.WriteString("… ")
	}
	for i, w := range ws {
		if len(ws) > excerptMax && i >= excerptMax/2 && i < len(ws)-excerptMax/2 {
			if i == excerptMax/2 {
				out.WriteString(" …")
			}
			continue
		}
		if i > 0 {
			out.WriteByte(' ')
		}
		out.WriteString(text[w.a:w.b])
	}
	if strings.TrimSpace(text[b:]) != "" {
		out.WriteString(" …")
	}
	return out.String()
}

// isSpace is unicode.IsSpace, ASCII read without a call.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// lastRune is the rune that ends t[:i] and its length, ASCII read without
// a call.
func lastRune(t string, i int) (rune, int) {
	if c := t[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(t[:i])
}

// runeAt is the rune that starts t[i:] and its length, ASCII read without
// a call.
func runeAt(t string, i int) (rune, int) {
	if c := t[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(t[i:])
}

// wordStart moves i back to the start of the word it is inside.
func wordStart(t string, i int) int {
	for i > 0 {
		r, n := lastRune(t, i)
		if isSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// wordEnd moves i forward to the end of the word it is inside.
func wordEnd(t string, i int) int {
	for i < len(t) {
		r, n := runeAt(t, i)
		if isSpace(r) {
			break
		}
		i += n
	}
	return i
}

// prevWord is the start of the word before position i (a word start).
func prevWord(t string, i int) int {
	j := i
	for j > 0 {
		r, n := lastRune(t, j)
		if !isSpace(r) {
			break
		}
		j -= n
	}
	if j == 0 {
		return i
	}
	return wordStart(t, j)
}

// nextWord is the end of the word after position i (a word end).
func nextWord(t string, i int) int {
	j := i
	for j < len(t) {
		r, n := runeAt(t, j)
		if !isSpace(r) {
			break
		}
		j += n
	}
	if j == len(t) {
		return i
	}
	return wordEnd(t, j)
}
