package jsonout

import (
	"bytes"
	"testing"
)

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, map[string]any{"a": "<x> & y", "b": []int{1}}); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"a\": \"<x> & y\",\n  \"b\": [\n    1\n  ]\n}\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestNewEncoderPrefix(t *testing.T) {
	var b bytes.Buffer
	if err := NewEncoder(&b, "  ").Encode([]string{"a"}); err != nil {
		t.Fatal(err)
	}
	if want := "[\n    \"a\"\n  ]\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
