package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/rendertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func allCases(t *testing.T) []rendertest.Case {
	t.Helper()
	cases, err := rendertest.FileCases("internal/render/markdown")
	if err != nil {
		t.Fatal(err)
	}
	return append(cases, rendertest.Built()...)
}

func render(t *testing.T, res *redline.Result, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, res, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	for _, c := range allCases(t) {
		for _, v := range []struct {
			suffix string
			opts   Options
		}{
			{"", Options{}},
			{".changed", Options{ChangedOnly: true, Timestamp: time.Date(2025, 7, 11, 9, 30, 0, 0, time.UTC)}},
		} {
			if v.suffix != "" && c.Name != "structure" && c.Name != "built-kinds" {
				continue
			}
			name := c.Name + v.suffix
			t.Run(name, func(t *testing.T) {
				opts := v.opts
				opts.Title = "Golden " + c.Name
				opts.Generator = "codraft test"
				opts.Sources, opts.FrontMatter = c.Sources, c.FrontMatter
				got := render(t, c.Result, opts)
				path := filepath.Join("testdata", name+".md")
				if *update {
					if err := os.MkdirAll("testdata", 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
				}
			})
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range allCases(t) {
		if a, b := render(t, c.Result, Options{Title: "x"}), render(t, c.Result, Options{Title: "x"}); a != b {
			t.Errorf("%s: two renders differ", c.Name)
		}
	}
}

// resolve applies every CriticMarkup change in s: accepting them gives the
// new text, rejecting them the old. Comments go away (with the space that
// set them apart), and the escapes the renderer puts into delimiters from
// the draft are undone.
func resolve(s string, accept bool) string { return resolveWith(s, accept, "") }

// resolveWith is resolve that writes sentinel where a mark's text was
// dropped, so that a reader can tell a container that a mark left empty
// from one written empty. A dropped text that starts with a line end took
// whole lines away, and left the line the mark opens on as it was: it gets
// no sentinel.
func resolveWith(s string, accept bool, sentinel string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		rest := s[i:]
		if esc, lit, ok := escaped(rest); ok {
			b.WriteString(lit)
			i += len(esc)
			continue
		}
		var open, close string
		for _, d := range [][2]string{{"{++", "++}"}, {"{--", "--}"}, {"{~~", "~~}"}, {"{>>", "<<}"}} {
			if strings.HasPrefix(rest, d[0]) {
				open, close = d[0], d[1]
			}
		}
		if open == "" {
			b.WriteByte(s[i])
			i++
			continue
		}
		end := strings.Index(rest[len(open):], close)
		if end < 0 {
			b.WriteString(rest)
			break
		}
		inner := rest[len(open) : len(open)+end]
		i += len(open) + end + len(close)
		if (open == "{++" && !accept || open == "{--" && accept) && !strings.HasPrefix(inner, "\n") {
			// the mark's text is dropped
			b.WriteString(sentinel)
		}
		if open == "{>>" && i < len(s) && s[i] == ' ' {
			// a comment goes with the space that set it apart
			if t := b.String(); t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\n") {
				i++
			}
		}
		switch open {
		case "{++":
			if accept {
				b.WriteString(resolve(inner, accept))
			}
		case "{--":
			if !accept {
				b.WriteString(resolve(inner, accept))
			}
		case "{~~":
			old, new, _ := strings.Cut(inner, "~>")
			if accept {
				b.WriteString(resolve(new, accept))
			} else {
				b.WriteString(resolve(old, accept))
			}
		}
	}
	return b.String()
}

// escaped recognises a delimiter that the renderer escaped.
func escaped(s string) (esc, lit string, ok bool) {
	for _, d := range []string{"++}", "--}", "~~}", "<<}", "==}"} {
		e := d[:2] + `\}`
		if strings.HasPrefix(s, e) {
			return e, d, true
		}
	}
	if strings.HasPrefix(s, `~\>`) {
		return `~\>`, "~>", true
	}
	for _, d := range []string{"++", "--", "~~", ">>", "=="} {
		if strings.HasPrefix(s, `\{`+d) {
			return `\{` + d, "{" + d, true
		}
	}
	// a brace or ">" escaped because a mark written beside the text could
	// complete a delimiter with it
	for _, e := range []string{`\{`, `\}`, `\>`} {
		if strings.HasPrefix(s, e) {
			return e, e[1:], true
		}
	}
	return "", "", false
}

func TestCriticRoundTrip(t *testing.T) {
	texts := []string{"plain ", "a+", "+b", "x-", "-y", "~", "{++ not ++}", "{-- no --}", "{~~ a~>b ~~}", "{>> c <<}", "{== h ==}", "end}", "{", "}~>", "**bold** ", "`code` "}
	for _, a := range texts {
		for _, b := range texts {
			for _, ops := range [][]redline.Op{
				{rendertest.Eq(a), rendertest.Del(b), rendertest.Ins(a), rendertest.Eq(b)},
				{rendertest.Ins(a), rendertest.Del(b)},
				{rendertest.Del(a), rendertest.Eq(b), rendertest.Ins(b + a)},
			} {
				got := critic(ops, false)
				if acc, want := resolve(got, true), sideText(ops, redline.Insert); acc != want {
					t.Errorf("accepting %q: %q, want %q", got, acc, want)
				}
				if rej, want := resolve(got, false), sideText(ops, redline.Delete); rej != want {
					t.Errorf("rejecting %q: %q, want %q", got, rej, want)
				}
			}
		}
	}
}

// TestWholeDocument checks each case's output as a whole: accepting every
// change gives back each paragraph of the new round and rejecting gives the
// old; its headings are the sections with a level, at their level.
func TestWholeDocument(t *testing.T) {
	for _, c := range allCases(t) {
		out := render(t, c.Result, Options{Title: "t"})
		acc, rej := resolve(out, true), resolve(out, false)
		for _, s := range c.Result.Sections {
			for _, b := range s.Blocks {
				if b.Kind != "paragraph" || b.Move != "" {
					continue
				}
				if n := sideText(b.Ops, redline.Insert); n != "" && !strings.Contains(acc, n) {
					t.Errorf("%s: accepted output lacks new paragraph %q", c.Name, n)
				}
				if o := sideText(b.Ops, redline.Delete); o != "" && !strings.Contains(rej, o) {
					t.Errorf("%s: rejected output lacks old paragraph %q", c.Name, o)
				}
			}
		}
		if c.Name == "built-hostile" {
			continue // its ids and titles are not headings a parser can give back
		}
		d, err := doc.Parse("out.md", []byte(out), doc.Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var want, got []int
		for _, s := range c.Result.Sections {
			r := s.New
			if r == nil {
				r = s.Old
			}
			if r.Level > 0 {
				want = append(want, r.Level)
			}
		}
		for _, s := range d.Sections {
			if s.Level > 0 {
				got = append(got, s.Level)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: heading levels mismatch (-want +got):\n%s", c.Name, diff)
		}
	}
}

func TestTableRowsStayRows(t *testing.T) {
	res := &redline.Result{Sections: []redline.SectionDiff{{ID: "t", Status: redline.Modified,
		Old: rendertest.Ref("t", 1, "", "T"), New: rendertest.Ref("t", 1, "", "T"),
		Blocks: []redline.BlockDiff{
			rendertest.Block("table_row", rendertest.Eq("| document | deadline |")),
			rendertest.Block("table_row", rendertest.Del("| old row | 14 days |")),
			rendertest.Block("table_row", rendertest.Eq("| report | "), rendertest.Del("14 days |"), rendertest.Ins("30 days | extra |")),
			rendertest.Block("table_row", rendertest.Ins("| new row | 7 days |")),
		}}}}
	out := render(t, res, Options{})
	want := "# T\n\n| document | deadline |\n| --- | --- |\n| {--old row--} | {--14 days--} |\n| report | {--14 days--} |{++30 days++} | {++extra++} |\n| {++new row++} | {++7 days++} |\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("table:\n%s\nwant it to end with:\n%s", out, want)
	}
}
