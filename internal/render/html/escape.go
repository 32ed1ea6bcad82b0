package html

import (
	"io"
	"strings"
	"unicode/utf8"
)

// writeEscaped writes s so that it is text in element content and in a
// quoted attribute value: & < > " ' become references, NUL and invalid
// UTF-8 become U+FFFD. Every string from a draft goes through here.
func writeEscaped(w io.StringWriter, s string) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
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
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		last = i + 1
	}
	w.WriteString(s[last:])
}
