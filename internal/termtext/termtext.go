// Package termtext makes text from a draft, a commit message or a ref safe
// to write to a terminal or a CI log: control characters and bidi controls
// are shown escaped, invalid UTF-8 is replaced, and no carriage return is
// ever written.
//
// A terminal acts on ESC, CSI and OSC sequences (clearing lines, setting
// titles, writing links), a CI runner reads a lone CR as the end of a line
// (so "\r::error::..." inside a value becomes a workflow command), and the
// bidi overrides and isolates reorder what follows them on screen. Each of
// those is shown as an escape instead: C0 controls other than tab and line
// feed, DEL and the C1 controls as \x1b, bidi controls (U+202A-U+202E,
// U+2066-U+2069) as \u202e. Everything else, including backslashes, is
// written as it is.
package termtext

import (
	"io"
	"strings"
	"unicode/utf8"
)

// String returns s made safe for a terminal; tab and line feed are kept.
func String(s string) string { return escape(s, false) }

// Line returns s made safe for a terminal, with line feeds escaped too, for
// a value that must stay on one line (a finding, a trailer, a file name).
func Line(s string) string { return escape(s, true) }

// Safe reports whether String would return s unchanged.
func Safe(s string) bool { return safeUpTo(s, false) == len(s) }

// Writer returns a writer that passes what it is given through String to
// w. A rune split across two writes is held back until it is whole; what
// is held back at the end is not written (call Flush to write it as
// replaced).
func Writer(w io.Writer) *EscapeWriter { return &EscapeWriter{w: w} }

// EscapeWriter is the writer Writer returns.
type EscapeWriter struct {
	w    io.Writer
	tail []byte // the start of a rune that the next write may complete
}

// Write escapes p and writes it; it reports len(p) when all of it was
// written (or held back as the start of a rune).
func (e *EscapeWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(e.tail) > 0 {
		p = append(e.tail, p...)
		e.tail = nil
	}
	// hold back an incomplete rune at the end
	cut := len(p)
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				cut = i
			}
			break
		}
	}
	e.tail = append(e.tail[:0], p[cut:]...)
	if _, err := io.WriteString(e.w, String(string(p[:cut]))); err != nil {
		return 0, err
	}
	return n, nil
}

// Flush writes what is held back of an incomplete rune, replaced.
func (e *EscapeWriter) Flush() error {
	if len(e.tail) == 0 {
		return nil
	}
	s := String(string(e.tail))
	e.tail = nil
	_, err := io.WriteString(e.w, s)
	return err
}

// escape is String, or Line when oneLine.
func escape(s string, oneLine bool) string {
	i := safeUpTo(s, oneLine)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case needsEscape(r, oneLine):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// safeUpTo returns the length of the longest prefix of s that needs no
// change.
func safeUpTo(s string, oneLine bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if needsEscape(rune(c), oneLine) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || needsEscape(r, oneLine) {
			return i
		}
		i += size
	}
	return len(s)
}

// needsEscape reports whether r is shown escaped.
func needsEscape(r rune, oneLine bool) bool {
	switch {
	case r == '\t':
		return false
	case r == '\n':
		return oneLine
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

const hexDigits = "0123456789abcdef"

// writeEscape writes r as \xHH (a control) or \uHHHH (a bidi control).
func writeEscape(b *strings.Builder, r rune) {
	if r < 0x100 {
		b.WriteString(`\x`)
		b.WriteByte(hexDigits[r>>4])
		b.WriteByte(hexDigits[r&0xf])
		return
	}
	b.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[(r>>shift)&0xf])
	}
}
