package json

import (
	"bufio"
	"strconv"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
)

// w writes JSON tokens the way encoding/json does with SetEscapeHTML(false)
// and a two-space indent; section bodies are the hot path of a large
// redline, so they are written by hand.
type jw struct{ b *bufio.Writer }

func (x jw) str(s string) {
	b := x.b
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

const hex = "0123456789abcdef"

func (x jw) key(indent, k string) {
	x.b.WriteString(indent)
	x.str(k)
	x.b.WriteString(": ")
}

func (x jw) int(n int)   { x.b.WriteString(strconv.Itoa(n)) }
func (x jw) bool(v bool) { x.b.WriteString(strconv.FormatBool(v)) }

// section writes one section at indent "    " (inside the sections array).
func (x jw) section(s *redline.SectionDiff) {
	b := x.b
	const in = "      "
	b.WriteString("    {\n")
	x.key(in, "id")
	x.str(s.ID)
	b.WriteString(",\n")
	x.key(in, "status")
	x.str(string(s.Status))
	b.WriteString(",\n")
	for _, f := range []struct {
		k string
		v bool
	}{{"moved", s.Moved}, {"parent_changed", s.ParentChanged}, {"renamed", s.Renamed}, {"renumbered", s.Renumbered}, {"relevelled", s.Relevelled}} {
		x.key(in, f.k)
		x.bool(f.v)
		b.WriteString(",\n")
	}
	x.key(in, "old")
	x.ref(s.Old)
	b.WriteString(",\n")
	x.key(in, "new")
	x.ref(s.New)
	b.WriteString(",\n")
	x.key(in, "words")
	b.WriteString("{\n")
	x.key(in+"  ", "inserted")
	x.int(s.Words.Inserted)
	b.WriteString(",\n")
	x.key(in+"  ", "deleted")
	x.int(s.Words.Deleted)
	b.WriteString("\n" + in + "},\n")
	if s.SplitFrom != "" {
		x.key(in, "split_from")
		x.str(s.SplitFrom)
		b.WriteString(",\n")
	}
	if s.MergedInto != "" {
		x.key(in, "merged_into")
		x.str(s.MergedInto)
		b.WriteString(",\n")
	}
	x.key(in, "blocks")
	if len(s.Blocks) == 0 {
		if s.Blocks == nil {
			b.WriteString("null\n")
		} else {
			b.WriteString("[]\n")
		}
	} else {
		b.WriteString("[\n")
		for i := range s.Blocks {
			x.block(&s.Blocks[i])
			if i < len(s.Blocks)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(in + "]\n")
	}
	b.WriteString("    }")
}

func (x jw) ref(r *redline.SectionRef) {
	if r == nil {
		x.b.WriteString("null")
		return
	}
	const in = "        "
	b := x.b
	b.WriteString("{\n")
	x.key(in, "file")
	x.str(r.File)
	b.WriteString(",\n")
	x.key(in, "line")
	x.int(r.Line)
	b.WriteString(",\n")
	x.key(in, "level")
	x.int(r.Level)
	b.WriteString(",\n")
	for _, f := range []struct{ k, v string }{{"number", r.Number}, {"title", r.Title}, {"id", r.ID}, {"parent", r.Parent}, {"parent_number", r.ParentNumber}} {
		x.key(in, f.k)
		x.str(f.v)
		b.WriteString(",\n")
	}
	x.key(in, "parent_title")
	x.str(r.ParentTitle)
	b.WriteString("\n      }")
}

func (x jw) block(bl *redline.BlockDiff) {
	const in = "          "
	b := x.b
	b.WriteString("        {\n")
	x.key(in, "kind")
	x.str(bl.Kind)
	b.WriteString(",\n")
	x.key(in, "status")
	x.str(string(bl.Status))
	b.WriteString(",\n")
	for _, f := range []struct{ k, v string }{{"moved_from", bl.MovedFrom}, {"moved_to", bl.MovedTo}, {"move", bl.Move}, {"joined", bl.Joined}, {"old_kind", bl.OldKind}} {
		if f.v != "" {
			x.key(in, f.k)
			x.str(f.v)
			b.WriteString(",\n")
		}
	}
	x.key(in, "ops")
	switch {
	case bl.Ops == nil:
		b.WriteString("null")
	case len(bl.Ops) == 0:
		b.WriteString("[]")
	default:
		b.WriteString("[\n")
		for i, op := range bl.Ops {
			b.WriteString(in + "  {\n")
			x.key(in+"    ", "op")
			x.str(string(op.Op))
			b.WriteString(",\n")
			x.key(in+"    ", "text")
			x.str(op.Text)
			b.WriteString("\n" + in + "  }")
			if i < len(bl.Ops)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(in + "]")
	}
	for _, f := range []struct {
		k string
		v int
	}{{"old_line", bl.OldLine}, {"new_line", bl.NewLine}} {
		if f.v != 0 {
			b.WriteString(",\n")
			x.key(in, f.k)
			x.int(f.v)
		}
	}
	b.WriteString("\n        }")
}
