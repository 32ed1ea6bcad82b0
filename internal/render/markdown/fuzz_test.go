package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/fuzzseed"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/rendertest"
	"github.com/codraft/codraft/internal/textcheck"
)

// FuzzMarkdown renders the redline of any two drafts and checks the
// CommonMark with CriticMarkup: valid UTF-8, the same bytes on every
// render, and every CriticMarkup mark closed, none inside another (so
// delimiters in draft text were escaped, and marks never run into each
// other), a substitution with exactly one "~>".
func FuzzMarkdown(f *testing.F) {
	for _, p := range fuzzseed.Pairs() {
		f.Add(p.Old, p.New, "Code of practice", false)
	}
	for _, pl := range rendertest.Payloads {
		f.Add([]byte("# A\n\nx "+pl+" y\n"), []byte("# A\n\nx "+pl+" z\n\n"+pl+"\n"), pl, true)
	}
	f.Add([]byte("# A\n\na {+ b\n"), []byte("# A\n\na {+++ b\n"), "{++", false)
	f.Add([]byte("# A\n\nx~ y\n"), []byte("# A\n\nx~> y~~\n"), "~>", false)
	f.Fuzz(func(t *testing.T, a, b []byte, title string, changedOnly bool) {
		if len(a) > 2*fuzzseed.MaxBytes || len(b) > 2*fuzzseed.MaxBytes || len(title) > 256 {
			return
		}
		res, err := rendertest.Compare("old.md", a, "new.md", b)
		if err != nil {
			return
		}
		title = strings.ToValidUTF8(title, "\uFFFD")
		opts := Options{Title: title, Generator: title, ChangedOnly: changedOnly}
		var one, two bytes.Buffer
		if err := Render(&one, res, opts); err != nil {
			t.Fatal(err)
		}
		if err := Render(&two, res, opts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(one.Bytes(), two.Bytes()) {
			t.Fatalf("two renders of one redline differ")
		}
		if !utf8.Valid(one.Bytes()) {
			t.Fatalf("the output is not UTF-8: %s", invalidAt(one.Bytes(), res))
		}
		if msg := checkCritic(one.String()); msg != "" {
			t.Fatalf("%s\n%s", msg, one.String())
		}
	})
}

var closers = map[string]string{"{++": "++}", "{--": "--}", "{~~": "~~}", "{>>": "<<}", "{==": "==}"}

// checkCritic reads the CriticMarkup marks of s as CriticMarkup tools do
// (an opener, then the nearest closer of its kind) and reports what is
// wrong, or "".
func checkCritic(s string) string {
	for i := 0; i < len(s); {
		at, open := nextOpener(s, i)
		if at < 0 {
			// a closer with no opener means draft text was not escaped
			for _, c := range closers {
				if j := unescaped(s[i:], c); j >= 0 {
					return "closer " + c + " without an opener at byte " + itoa(i+j)
				}
			}
			return ""
		}
		// text before the opener holds no stray closer either
		for _, c := range closers {
			if j := unescaped(s[i:at], c); j >= 0 {
				return "closer " + c + " without an opener at byte " + itoa(i+j)
			}
		}
		body := s[at+3:]
		end := strings.Index(body, closers[open])
		if end < 0 {
			return open + " at byte " + itoa(at) + " is never closed"
		}
		content := body[:end]
		for o := range closers {
			if j := unescaped(content, o); j >= 0 {
				return "mark " + o + " inside " + open + " at byte " + itoa(at)
			}
		}
		if open == "{~~" && strings.Count(content, "~>") != 1 {
			return "substitution at byte " + itoa(at) + " without exactly one ~>: " + content
		}
		i = at + 3 + end + 3
	}
	return ""
}

// nextOpener finds the first unescaped opener in s at or after i.
func nextOpener(s string, i int) (int, string) {
	best, which := -1, ""
	for o := range closers {
		if j := unescaped(s[i:], o); j >= 0 && (best < 0 || i+j < best) {
			best, which = i+j, o
		}
	}
	return best, which
}

// unescaped is the index of the first d in s that no backslash escapes
// (the renderer writes \{++ and ++\}, and doubles a draft's backslash
// before a mark), or -1.
func unescaped(s, d string) int {
	for off := 0; ; {
		j := strings.Index(s[off:], d)
		if j < 0 {
			return -1
		}
		// escaped by an odd number of backslashes before it
		k, n := off+j, 0
		for k-n > 0 && s[k-n-1] == '\\' {
			n++
		}
		if n%2 == 0 {
			return k
		}
		off += j + 1
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

func TestEscapeCriticOverlap(t *testing.T) {
	for in, want := range map[string]string{
		"{++}":       `\{++\}`,
		"{++}}":      `\{++\}}`,
		"a {--} b":   `a \{--\} b`,
		"{~~>":       `\{~~\>`,
		"{+ + } ~ >": "{+ + } ~ >",
		"x++} {==":   `x++\} \{==`,
		"plain":      "plain",
	} {
		if got := escapeCritic(in); got != want {
			t.Errorf("escapeCritic(%q) = %q, want %q", in, got, want)
		}
	}
}

// invalidAt says where out first stops being UTF-8, with the bytes around
// it, and which texts of the redline are not UTF-8 themselves, so that a
// failure found by a fuzzer elsewhere can be understood from its log.
func invalidAt(out []byte, res *redline.Result) string {
	at := len(out)
	var te *textcheck.Error
	if errors.As(textcheck.Check("", out), &te) {
		at = te.Offset
	}
	msg := fmt.Sprintf("at byte %d of %d: %q", at, len(out), out[max(at-60, 0):min(at+60, len(out))])
	for _, s := range res.Sections {
		for _, r := range []*redline.SectionRef{s.Old, s.New} {
			if r != nil && !utf8.ValidString(r.Number+r.Title+r.ID) {
				msg += fmt.Sprintf("\nsection %q number %q title %q", r.ID, r.Number, r.Title)
			}
		}
		for _, b := range s.Blocks {
			for _, op := range b.Ops {
				if !utf8.ValidString(op.Text) {
					msg += fmt.Sprintf("\nsection %q block %s op %s %q of %q", s.ID, b.Kind, op.Op, op.Text, b.Ops)
				}
			}
		}
	}
	return msg
}
