package html

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Both escapers below make one pass over their text: a table says which
// bytes need a look (those that become references, and the first byte of
// every multi-byte character, which is checked for valid UTF-8 as it
// comes). Text with invalid UTF-8 is written as strings.ToValidUTF8 makes
// it, each run of invalid bytes one U+FFFD: from the first invalid byte on,
// the rest is made valid and escaped again.

// htmlStop marks the bytes that writeEscaped does not copy as they are.
var htmlStop = stopTable("&<>\"'\x00")

// jsonStop marks the bytes that jesc does not copy as they are.
var jsonStop = func() [256]bool {
	t := stopTable("\"\\&'<>")
	for c := range 0x20 {
		t[c] = true
	}
	return t
}()

// stopTable marks the bytes of special and every byte of a multi-byte
// character.
func stopTable(special string) [256]bool {
	var t [256]bool
	for i := range len(special) {
		t[special[i]] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}

// validAt reports whether a valid UTF-8 character starts at byte i of s
// (a byte of at least utf8.RuneSelf), and its length.
func validAt(s string, i int) (int, bool) {
	r, size := utf8.DecodeRuneInString(s[i:])
	return size, r != utf8.RuneError || size > 1
}

// writeEscaped writes s so that it is text in element content and in a
// quoted attribute value: & < > " ' become references, NUL and invalid
// UTF-8 become U+FFFD. Every string from a draft goes through here.
func writeEscaped(w io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); {
		for i < len(s) && !htmlStop[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		var rep string
		switch c := s[i]; c {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case 0:
			rep = "\uFFFD"
		default:
			size, ok := validAt(s, i)
			if !ok {
				w.WriteString(s[last:i])
				writeEscaped(w, strings.ToValidUTF8(s[i:], "\uFFFD"))
				return
			}
			i += size
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		i++
		last = i
	}
	w.WriteString(s[last:])
}

// jesc writes s escaped for a JSON string that stands in a single-quoted
// attribute value: JSON's escapes for '"', '\' and control characters,
// then references for '&', '\”, '<' and '>'. A line break is one "\n", as
// the HTML parser makes CR LF and CR one LF in text; NUL and invalid UTF-8
// become U+FFFD, as writeEscaped makes them.
func (r *renderer) jesc(s string) { writeJSONEscaped(r.w, s) }

func writeJSONEscaped(w io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); {
		for i < len(s) && !jsonStop[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		var rep string
		n := 1
		switch {
		case c == '"':
			rep = `\"`
		case c == '\\':
			rep = `\\`
		case c == '&':
			rep = "&amp;"
		case c == '\'':
			rep = "&#39;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '\n':
			rep = `\n`
		case c == '\r':
			rep = `\n`
			if i+1 < len(s) && s[i+1] == '\n' {
				n = 2
			}
		case c == '\t':
			rep = `\t`
		case c == 0:
			rep = "\uFFFD"
		case c < 0x20:
			rep = `\u00` + strconv.FormatUint(uint64(c)>>4, 16) + strconv.FormatUint(uint64(c)&15, 16)
		default:
			size, ok := validAt(s, i)
			if !ok {
				w.WriteString(s[last:i])
				writeJSONEscaped(w, strings.ToValidUTF8(s[i:], "\uFFFD"))
				return
			}
			i += size
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		i += n
		last = i
	}
	w.WriteString(s[last:])
}
