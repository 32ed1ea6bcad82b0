package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/quick"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/check"
	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// outBase is the parent draft of the checks below.
const outBase = `# Chapter 1: Records

## Measure 1.1: Keep records {#records}

Providers keep records of each model.

## Measure 1.2: Report

Providers report serious incidents.
`

func outConfig() *config.Config {
	cfg := config.Default()
	cfg.WorkingGroups = []config.WorkingGroup{{ID: "WG1", Name: "One", Owns: []string{"records"}}, {ID: "WG2", Name: "Two"}}
	cfg.Check.EnforceOwnership = true
	return cfg
}

// outFindings checks one commit whose draft goes from outBase to draft.
func outFindings(tb testing.TB, msg string, draft []byte, configChanged bool) []check.Finding {
	tb.Helper()
	parse := func(src []byte) []*doc.Document {
		d, err := doc.Parse("draft.md", src, doc.Options{})
		if err != nil {
			return nil
		}
		return []*doc.Document{d}
	}
	c := &check.Commit{ID: "0123456789abcdef0123456789abcdef01234567", Message: msg, ConfigChanged: configChanged, ConfigLine: 2}
	c.Diffs = []*redline.Result{diff.Compare(parse([]byte(outBase)), parse(draft), diff.Options{})}
	return check.Check(outConfig(), c)
}

// rawControl returns the first character of out that no text or github
// output may hold as it is (a control but tab and line feed, a bidi
// control, a carriage return, invalid UTF-8), or "".
func rawControl(out string) string {
	if !utf8.ValidString(out) {
		return "invalid UTF-8"
	}
	for _, r := range out {
		switch {
		case r == '\t' || r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return fmt.Sprintf("%U", r)
		}
	}
	return ""
}

// validBytes replaces each byte of s that is not part of valid UTF-8 with
// U+FFFD, as a JSON encoder must.
func validBytes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// checkOutputs writes fs in the three formats and checks what every output
// must hold: text and github carry no raw control, every github line is a
// workflow command, every text line a finding or its hint, and the JSON
// keeps the messages exactly.
func checkOutputs(t testing.TB, fs []check.Finding) map[string]string {
	t.Helper()
	outs := map[string]string{}
	for _, format := range []string{"text", "github", "json"} {
		var buf bytes.Buffer
		left, err := writeFindings(&buf, format, fs)
		if err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		outs[format] = out
		shown := len(fs) - left
		switch format {
		case "json":
			var doc checkJSON
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatalf("json: %v", err)
			}
			if len(doc.Findings) != len(fs) {
				t.Fatalf("json: %d findings, want %d", len(doc.Findings), len(fs))
			}
			for i, f := range fs {
				if doc.Findings[i].Message != validBytes(f.Message) {
					t.Fatalf("json: message %q, want %q", doc.Findings[i].Message, f.Message)
				}
			}
			continue
		case "github":
			for _, l := range strings.SplitAfter(out, "\n") {
				if l != "" && !strings.HasPrefix(l, "::error ") && !strings.HasPrefix(l, "::warning ") && !strings.HasPrefix(l, "::notice ") {
					t.Fatalf("github: a line that is not a workflow command: %q", l)
				}
			}
		case "text":
			lines := 0
			for _, f := range fs[:shown] {
				lines++
				if f.Fix != "" {
					lines++
				}
			}
			if got := strings.Count(out, "\n"); got != lines {
				t.Fatalf("text: %d lines for %d findings, want %d:\n%s", got, shown, lines, out)
			}
		}
		if r := rawControl(out); r != "" {
			t.Fatalf("%s output holds %s raw:\n%q", format, r, out)
		}
	}
	return outs
}

// TestCheckOutputsNeverHoldRawControls is the property: whatever text a
// commit message, a section title or a file name holds, the text and
// github outputs show it escaped and stay one line per finding (and one
// workflow command per line), and the JSON keeps it exactly.
func TestCheckOutputsNeverHoldRawControls(t *testing.T) {
	prop := func(s string, b []byte) bool {
		for _, x := range []string{s, string(b), "\r::error::forged" + s, "\x1b]0;" + string(b) + "\x07\u202e\u0085"} {
			oneLine := strings.ReplaceAll(x, "\n", " ")
			msg := "Edit\n\nWorking-Group: " + oneLine + "\nWorking-Group: WG2 (" + strings.NewReplacer("(", "", ")", "", ",", "").Replace(oneLine) + ")\n"
			draft := strings.Replace(outBase, "Report", "Report "+oneLine, 1) + "\n## " + oneLine + "\n\nNew text.\n"
			fs := outFindings(t, msg, []byte(draft), true)
			fs = append(fs, check.Finding{File: x + ".md", Line: 3, Section: x, Title: x, Rule: check.RuleUncited, Severity: check.Error, Message: x, Fix: x})
			checkOutputs(t, fs)
		}
		return true
	}
	if err := quick.Check(prop, &quick.Config{MaxCount: 300}); err != nil {
		t.Error(err)
	}
}

// TestCheckInjection: a CR inside a trailer can no longer start a workflow
// command of its own, and an ESC sequence reaches the log escaped.
func TestCheckInjection(t *testing.T) {
	msg := "Edit\n\nWorking-Group: WG9\r::error::forged\x1b[2K\n"
	fs := outFindings(t, msg, []byte(outBase), false)
	outs := checkOutputs(t, fs)
	// a citation is one line: the trailer is malformed, and quoted escaped
	want := `::error title=Malformed Working-Group trailer::"Working-Group: WG9\r::error::forged\x1b[2K" in 0123456 is not of the form`
	if !strings.HasPrefix(outs["github"], want) || strings.Count(outs["github"], "::error") != 2 {
		t.Errorf("github:\n got %s\nwant %s...", outs["github"], want)
	}
	if !strings.Contains(outs["text"], `"Working-Group: WG9\r::error::forged\x1b[2K" in 0123456 is not of the form`) || strings.ContainsAny(outs["text"], "\r\x1b") {
		t.Errorf("text: %s", outs["text"])
	}
}

// TestCheckOutputBounded: the 69 KB trailer that named ten thousand
// sections made hundreds of megabytes; now it makes one short finding,
// and a flood of findings is cut to the first maxShownFindings in the
// text and github formats, with a count of the rest.
func TestCheckOutputBounded(t *testing.T) {
	names := make([]string, 10000)
	for i := range names {
		names[i] = fmt.Sprintf("x%d", i)
	}
	msg := "Edit\n\nWorking-Group: WG1 (" + strings.Join(names, ", ") + ")\n"
	draft := strings.Replace(outBase, "each model", "each model and version", 1)
	fs := outFindings(t, msg, []byte(draft), false)
	outs := checkOutputs(t, fs)
	for f, out := range outs {
		if len(out) > 2000 {
			t.Errorf("%s: %d bytes for a %d-byte message", f, len(out), len(msg))
		}
	}

	// 1,000 unknown groups (and the uncited owner): 200 shown, 801
	// counted.
	var b strings.Builder
	b.WriteString("Edit\n\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "Working-Group: G%d\n", i)
	}
	fs = outFindings(t, b.String(), []byte(draft), false)
	if len(fs) != 1001 {
		t.Fatalf("%d findings", len(fs))
	}
	outs = checkOutputs(t, fs)
	if n := strings.Count(outs["github"], "\n"); n != maxShownFindings+1 || !strings.HasSuffix(outs["github"], "::notice title=More findings::801 more findings are not shown here; \"codraft check --format json\" lists them all\n") {
		t.Errorf("github: %d lines, ending %q", n, outs["github"][len(outs["github"])-200:])
	}
	if n := strings.Count(outs["text"], "\n"); n != 2*maxShownFindings {
		t.Errorf("text: %d lines", n)
	}
}

// FuzzCheckFindings runs trailer parsing, the rules and the three output
// formats on any commit message and draft, and asserts that the output
// stays within a fixed multiple of the input's size, and that the text and
// github outputs hold no raw control.
func FuzzCheckFindings(f *testing.F) {
	f.Add("Edit\n\nWorking-Group: WG1 (records, x0, x1, x2)\n", []byte(outBase), false)
	f.Add("Edit\n\nWorking-Group: WG2\nWorking-Group: WG9 (a\n", []byte(strings.Replace(outBase, "serious", "all serious", 1)), true)
	f.Add("Edit\n\nworking-group: WG1 (Measure 1.1, measure 1.1, records)\nSigned-off-by: A <a@b>\n", []byte(outBase+"\n## Measure 1.3\n\nMore.\n"), false)
	f.Add("Edit\n\nWorking-Group: \r::error::x\x1b[2K\u202e\n", []byte("# \x1b]0;t\x07\n\nText\u202e.\n"), true)
	f.Fuzz(func(t *testing.T, msg string, draft []byte, configChanged bool) {
		if len(msg)+len(draft) > 64<<10 {
			return
		}
		fs := outFindings(t, msg, draft, configChanged)
		outs := checkOutputs(t, fs)
		in := len(msg) + len(draft) + len(outBase)
		for format, out := range outs {
			if len(out) > 100*in {
				t.Fatalf("%s: %d bytes of output for %d bytes of input", format, len(out), in)
			}
		}
	})
}

func TestFirstDifferentLine(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "x: 1\n", 1},
		{"x: 1\ny: 2\n", "x: 1\ny: 3\n", 2},
		{"x: 1\n", "x: 1\ny: 2\n", 2},
		{"x: 1\ny: 2\nz: 3\n", "x: 1\ny: 2\n", 2},
	} {
		if got := firstDifferentLine([]byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("firstDifferentLine(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
