package textcheck

import (
	"errors"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		data   string
		want   string // "" for text
		binary bool
	}{
		{"", "", false},
		{"# Title\n\ncafé, 日本, 🏳️‍🌈\n", "", false},
		{"# Title\n\nbin\x00ary\n", "f.md: binary file (NUL byte at line 3); a draft file must be UTF-8 text", true},
		{"caf\xe9\n", "f.md: not UTF-8 text (invalid byte 0xe9 at line 1); convert the file to UTF-8", false},
		{"a\nb\n\xed\xa0\x80", "f.md: not UTF-8 text (invalid byte 0xed at line 3); convert the file to UTF-8", false},
		{"caf\xe9\x00", "f.md: binary file (NUL byte at line 1); a draft file must be UTF-8 text", true},
		{"ok\xc3", "f.md: not UTF-8 text (invalid byte 0xc3 at line 1); convert the file to UTF-8", false},
	}
	for _, tt := range tests {
		err := Check("f.md", []byte(tt.data))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Check(%q) = %q, want %q", tt.data, got, tt.want)
		}
		if err != nil && (!errors.Is(err, ErrNotText) || errors.Is(err, ErrBinary) != tt.binary) {
			t.Errorf("Check(%q): errors.Is ErrNotText %v, ErrBinary %v; want true, %v", tt.data, errors.Is(err, ErrNotText), errors.Is(err, ErrBinary), tt.binary)
		}
	}
}
