package termtext

import (
	"bytes"
	"strings"
	"testing"
	"testing/quick"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	cases := []struct{ in, want, line string }{
		{"plain text, with a \\ and \"quotes\"", "plain text, with a \\ and \"quotes\"", ""},
		{"tab\tand\nnewline", "tab\tand\nnewline", "tab\tand\\x0anewline"},
		{"\r::error::forged", `\x0d::error::forged`, ""},
		{"\x1b[2K\x1b]0;title\x07", `\x1b[2K\x1b]0;title\x07`, ""},
		{"nul\x00del\x7f", `nul\x00del\x7f`, ""},
		{"c1 \u009b31m \u0085", `c1 \x9b31m \x85`, ""},
		{"bidi \u202eevil\u202c \u2066iso\u2069", `bidi \u202eevil\u202c \u2066iso\u2069`, ""},
		{"kept: é 漢 \u200b \u00a0 \u2028", "kept: é 漢 \u200b \u00a0 \u2028", ""},
		{"bad \xff\xfe utf-8 \xe2\x82", "bad \ufffd\ufffd utf-8 \ufffd\ufffd", ""},
	}
	for _, c := range cases {
		if got := String(c.in); got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
		line := c.line
		if line == "" {
			line = c.want
		}
		if got := Line(c.in); got != line {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, line)
		}
		if Safe(c.in) != (c.in == c.want) {
			t.Errorf("Safe(%q) = %v", c.in, Safe(c.in))
		}
	}
}

// raw reports the first character of out that must never reach a terminal
// as it is, or "".
func raw(out string, oneLine bool) string {
	if !utf8.ValidString(out) {
		return "invalid UTF-8"
	}
	for _, r := range out {
		if r == '\n' && !oneLine {
			continue
		}
		if needsEscape(r, oneLine) {
			return string(r)
		}
	}
	return ""
}

// TestNoRawControls is the property: whatever the input, the output holds
// no control character but tab and line feed (none in Line), no bidi
// control and no invalid UTF-8, and safe text passes unchanged.
func TestNoRawControls(t *testing.T) {
	prop := func(s string, b []byte) bool {
		for _, in := range []string{s, string(b), s + "\r" + string(b) + "\x1b\u202e\u0085"} {
			if raw(String(in), false) != "" || raw(Line(in), true) != "" {
				return false
			}
			if strings.Contains(String(in), "\r") {
				return false
			}
			if Safe(in) && String(in) != in {
				return false
			}
		}
		return true
	}
	if err := quick.Check(prop, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

// TestWriter: writing in pieces, even one byte at a time through a rune,
// gives what String gives for the whole.
func TestWriter(t *testing.T) {
	in := "a\x1b[31mé\u202e漢\xff\r\n\u0085z\xe2\x82"
	for size := 1; size <= len(in); size++ {
		var buf bytes.Buffer
		w := Writer(&buf)
		for i := 0; i < len(in); i += size {
			n, err := w.Write([]byte(in[i:min(i+size, len(in))]))
			if err != nil || n != min(size, len(in)-i) {
				t.Fatalf("size %d: Write = %d, %v", size, n, err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), String(in); got != want {
			t.Errorf("size %d: %q, want %q", size, got, want)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "\r::error::x", "\x1b]8;;http://x\x07link", "\u202e\u2066", "\xff\xc0\x80", "\u009b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, line := String(s), Line(s)
		if r := raw(out, false); r != "" {
			t.Fatalf("String(%q) = %q holds %q", s, out, r)
		}
		if r := raw(line, true); r != "" {
			t.Fatalf("Line(%q) = %q holds %q", s, line, r)
		}
		// at most six bytes out for each byte in (a \u202e is three bytes)
		if len(out) > 6*len(s) || len(line) > 6*len(s) {
			t.Fatalf("grew from %d to %d bytes", len(s), len(out))
		}
		if String(out) != out {
			t.Fatalf("String is not idempotent on %q", s)
		}
	})
}
