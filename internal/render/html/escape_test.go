package html

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// refEscaped is writeEscaped as two plain passes: make s valid UTF-8, then
// replace the bytes that need it one by one.
func refEscaped(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case 0:
			b.WriteString("\uFFFD")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// refJSONEscaped is writeJSONEscaped as two plain passes.
func refJSONEscaped(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '&':
			b.WriteString("&amp;")
		case c == '\'':
			b.WriteString("&#39;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\n`)
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case c == '\t':
			b.WriteString(`\t`)
		case c == 0:
			b.WriteString("\uFFFD")
		case c < 0x20:
			b.WriteString(`\u00` + strconv.FormatUint(uint64(c)>>4, 16) + strconv.FormatUint(uint64(c)&15, 16))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// TestEscapersMatchReference checks both one-pass escapers against their
// two-pass references on chosen strings and on random strings built from
// pieces that matter: markup bytes, control bytes, line ends, characters
// of 2, 3 and 4 bytes, U+FFFD itself, and invalid or cut-off UTF-8.
func TestEscapersMatchReference(t *testing.T) {
	pieces := []string{"a", "Wort ", "&", "<", ">", "\"", "'", "\\", "\x00", "\x01", "\x1f", "\x7f", "\t", "\n", "\r", "\r\n",
		"ä", "€", "𝄞", "\uFFFD", "\xff", "\xc3", "\xe2\x82", "\xf0\x9d\x84", "\xed\xa0\x80", "\xc0\xaf", "\u202e", "\u2028"}
	cases := []string{"", "plain text", "a<b>&\"c'\x00d\xff", "\xff\xfe", "ä\xff\xffö", "x\r\ny\rz\n", strings.Repeat("€", 40) + "\xe2"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		var h, j strings.Builder
		writeEscaped(&h, s)
		if want := refEscaped(s); h.String() != want {
			t.Fatalf("writeEscaped(%q) = %q, want %q", s, h.String(), want)
		}
		writeJSONEscaped(&j, s)
		if want := refJSONEscaped(s); j.String() != want {
			t.Fatalf("writeJSONEscaped(%q) = %q, want %q", s, j.String(), want)
		}
		if !utf8.ValidString(h.String()) || !utf8.ValidString(j.String()) {
			t.Fatalf("escaping %q gave invalid UTF-8", s)
		}
	}
}
