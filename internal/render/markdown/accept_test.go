package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/diff/difftest"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/rendertest"
	"github.com/codraft/codraft/internal/render/source"
)

// pairCase is one old and new draft, compared.
type pairCase struct {
	name     string
	old, new []byte
	c        rendertest.Case
}

// filePairs compares consecutive rounds (and the first with the last) of
// the draft files in dir; none when dir is absent.
func filePairs(t *testing.T, dir string) []pairCase {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	sort.Strings(files)
	var pairs [][2]string
	for i := 1; i < len(files); i++ {
		pairs = append(pairs, [2]string{files[i-1], files[i]})
	}
	if len(files) > 2 {
		pairs = append(pairs, [2]string{files[0], files[len(files)-1]})
	}
	var out []pairCase
	for _, p := range pairs {
		old, err := os.ReadFile(p[0])
		if err != nil {
			t.Fatal(err)
		}
		new, err := os.ReadFile(p[1])
		if err != nil {
			t.Fatal(err)
		}
		c, err := rendertest.CompareCase("", "old.md", old, "new.md", new)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, pairCase{name: filepath.Base(dir) + "/" + filepath.Base(p[0]) + "->" + filepath.Base(p[1]), old: old, new: new, c: c})
	}
	return out
}

// body is a rendered redline without the header codraft writes above the
// document (the front matter, which opens the output, is kept).
func body(t *testing.T, out string) string {
	t.Helper()
	fm := ""
	if strings.HasPrefix(out, "---\n") || strings.HasPrefix(out, "{--") {
		k := strings.Index(out, "\n\n**Redline")
		if k < 0 {
			t.Fatalf("no header after the front matter:\n%s", out)
		}
		fm, out = out[:k+1], out[k+2:]
	}
	_, rest, ok := strings.Cut(out, "\n* * *\n\n")
	if !ok {
		t.Fatalf("no end of header in:\n%s", out)
	}
	return fm + rest
}

// leftovers removes what a CriticMarkup processor, which works on text,
// leaves of a block that was added or deleted whole: the container whose
// text the marks held (a list marker, heading hashes, a table row of empty
// cells, an empty fenced block). It also unfences the raw HTML blocks
// that the output writes as code, so that no viewer runs them. s is
// resolved with markSentinel where each mark stood: a list marker or
// heading left empty is removed only where a mark stood on its line, as
// a draft may hold them empty itself.
func leftovers(s string) string {
	lines := strings.Split(s, "\n")
	marked := make([]bool, len(lines))
	for k, l := range lines {
		marked[k] = strings.Contains(l, markSentinel)
		lines[k] = strings.ReplaceAll(l, markSentinel, "")
	}
	var out []string
	start := 0
	if len(lines) > 0 && lines[0] == "---" {
		// the front matter is YAML: it stays as it is
		start = frontMatterEnd(lines)
		out = append(out, lines[:min(start, len(lines))]...)
	}
	for i := start; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if f := fenceOf(t); f != "" {
			if k, ok := emptyFence(lines, i, t); ok && slices.Contains(marked[i:k+1], true) {
				i = k // an empty fenced block
				continue
			}
			if k, ok := htmlFence(lines, i, t); ok {
				out = append(out, lines[i+1:k]...)
				i = k
				continue
			}
			// a code block is the draft's as written
			k := i + 1
			for k < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[k]), f) {
				k++
			}
			out = append(out, lines[i:min(k+1, len(lines))]...)
			i = k
			continue
		}
		if marked[i] && emptyContainer(l, t) {
			continue
		}
		if strings.HasPrefix(t, "|") && marked[i] {
			// a row left empty where a mark stood; a draft may hold
			// rows of empty cells itself
			row, next, ok := tableRow(lines, i, t)
			if !ok {
				i = next
				continue
			}
			l, t = row, row
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// markSentinel stands where a mark stood in a resolved redline.
const markSentinel = "\x01"

// frontMatterEnd is the index of the line after the front matter that
// lines open with a "---" line (len(lines) and over when it does not end).
func frontMatterEnd(lines []string) int {
	start := 1
	for ; start < len(lines); start++ {
		if t := strings.TrimSpace(lines[start]); t == "---" || t == "..." || strings.HasPrefix(t, "--- ") {
			start++
			break
		}
	}
	return start
}

// emptyContainer reports whether line l (t trimmed) is a container left
// empty: a list marker, heading hashes or quote marks with no text.
func emptyContainer(l, t string) bool {
	for d := 0; ; d++ {
		lead, ok := source.ListLead(l, d)
		if !ok {
			break
		}
		if strings.TrimSpace(l[min(len(lead), len(l)):]) == "" {
			return true
		}
	}
	return t != "" && (strings.Trim(t, "#") == "" || strings.Trim(t, "> ") == "")
}

// tableRow is the table row lines[i] (t trimmed), and ok. A row of empty
// cells (a row added or deleted whole, whose cells the marks held) is
// dropped: ok is false, and next is the last line it takes, its delimiter
// row when it headed a table.
func tableRow(lines []string, i int, t string) (row string, next int, ok bool) {
	cells := strings.Trim(t, "| ")
	if cells == "" || strings.Trim(cells, "| ") == "" {
		// and the delimiter row under it, when it headed a table
		if i+1 < len(lines) && (i == 0 || !strings.HasPrefix(strings.TrimSpace(lines[i-1]), "|")) {
			if _, ok := source.ParseDelimiterRow(lines[i+1]); ok && strings.Contains(lines[i+1], "|") {
				i++
			}
		}
		return "", i, false
	}
	return t, i, true
}

// emptyFence reports whether lines[i] (t trimmed) opens a fenced block that
// holds only blank lines, and the index of its closing fence.
func emptyFence(lines []string, i int, t string) (int, bool) {
	fence := fenceOf(t)
	if fence == "" {
		return 0, false
	}
	k := i + 1
	for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
		k++
	}
	if k < len(lines) && strings.TrimSpace(lines[k]) == fence {
		return k, true
	}
	return 0, false
}

// htmlFence reports whether lines[i] (t trimmed) opens a closed "html"
// fenced block, and the index of its closing fence.
func htmlFence(lines []string, i int, t string) (int, bool) {
	if !strings.HasPrefix(t, "```") || strings.TrimLeft(t, "`") != "html" {
		return 0, false
	}
	fence := t[:len(t)-len("html")]
	k := i + 1
	for k < len(lines) && strings.TrimSpace(lines[k]) != fence {
		k++
	}
	if k < len(lines) {
		return k, true
	}
	return 0, false
}

// fenceOf is the fence that opens a fenced code block on line t, or "".
func fenceOf(t string) string {
	for _, c := range []string{"`", "~"} {
		f := strings.TrimLeft(t, c)
		if n := len(t) - len(f); n >= 3 {
			return t[:n]
		}
	}
	return ""
}

// same reports how the draft got differs from want, read as the redline
// reads drafts: section by section, words in their blocks, heading levels,
// and the front-matter fields. With order set, sections must also keep
// their place.
func same(want, got []byte, order bool) []string {
	c, err := rendertest.CompareCase("", "want.md", want, "got.md", got)
	if err != nil {
		return []string{err.Error()}
	}
	var bad []string
	for _, s := range c.Result.Sections {
		if s.Status != redline.Unchanged || s.Renamed || s.Renumbered || s.Relevelled || order && s.Moved {
			var ch []string
			for _, b := range s.Blocks {
				if b.Status != redline.Unchanged {
					ch = append(ch, fmt.Sprintf("%s %s %q", b.Kind, b.Status, critic(b.Ops, false)))
				}
			}
			bad = append(bad, fmt.Sprintf("section %q: %s moved=%v renamed=%v renumbered=%v relevelled=%v %v",
				s.ID, s.Status, s.Moved, s.Renamed, s.Renumbered, s.Relevelled, ch))
		}
	}
	for _, f := range c.FrontMatter {
		bad = append(bad, fmt.Sprintf("front matter %s: %q, want %q", f.Key, f.New, f.Old))
	}
	return bad
}

// TestAcceptReject reads each redline as a CriticMarkup processor does:
// accepting every change must give the new round and rejecting every
// change the old one, as the redline reads them (moved sections stay
// where the new round has them once rejected, at the old round's heading
// levels).
func TestAcceptReject(t *testing.T) {
	var cases []pairCase
	for _, dc := range difftest.For(t, "internal/render/markdown") {
		c, err := rendertest.CompareCase(dc.Name, "old.md", dc.Old, "new.md", dc.New)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, pairCase{name: dc.Name, old: dc.Old, new: dc.New, c: c})
	}
	cases = append(cases, filePairs(t, filepath.Join(rendertest.RepoRoot(), "drafts"))...)
	corpus := filepath.Join(rendertest.RepoRoot(), "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Logf("corpus absent (%v): its pairs are left out", err)
	} else {
		for _, series := range []string{"github-terms-of-service", "ietf-quic-http", "de-btmg"} {
			cases = append(cases, filePairs(t, filepath.Join(corpus, series))...)
		}
	}
	for _, pc := range cases {
		t.Run(pc.name, func(t *testing.T) {
			out := body(t, render(t, pc.c.Result, Options{Sources: pc.c.Sources, FrontMatter: pc.c.FrontMatter}))
			if bad := same(pc.new, []byte(leftovers(resolveWith(out, true, markSentinel))), true); len(bad) > 0 {
				t.Errorf("accepting every change: not the new round:\n  %s", strings.Join(bad[:min(len(bad), 10)], "\n  "))
			}
			if bad := same(pc.old, []byte(leftovers(resolveWith(out, false, markSentinel))), false); len(bad) > 0 {
				t.Errorf("rejecting every change: not the old round:\n  %s", strings.Join(bad[:min(len(bad), 10)], "\n  "))
			}
			for _, bad := range numbersKept(pc.old, pc.new, out) {
				t.Error(bad)
			}
		})
	}
}

// ordered lists the markers of the ordered list items of a draft ("3.",
// "4)"), line by line, outside fenced code and the front matter.
func ordered(src string) []string {
	lines := strings.Split(src, "\n")
	start := 0
	if len(lines) > 0 && lines[0] == "---" {
		start = frontMatterEnd(lines)
	}
	var out []string
	fence := ""
	// prevText: the line before is text that a line may continue;
	// inList: a list item opened since the last paragraph or heading
	// that starts at the margin
	prevText, inList, blank := false, false, true
	for _, l := range lines[min(start, len(lines)):] {
		t := strings.TrimSpace(l)
		cont := prevText && !inList
		_, item := source.ParseListLine(l)
		switch {
		case item:
			inList = true
		case strings.HasPrefix(t, "#") || blank && t != "" && t == l:
			inList = false
		}
		prevText = t != "" && !item && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "|")
		blank = t == ""
		if fence != "" {
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
			}
			continue
		}
		if f := fenceOf(t); f != "" {
			fence = f
			continue
		}
		// each item the line opens, one inside the other
		prev := 0
		for d := 0; ; d++ {
			lead, ok := source.ListLead(l, d)
			if !ok {
				break
			}
			lm, ok := source.ParseListLine(l[min(prev, len(l)):])
			if d == 0 && ok && lm.Ordered && lm.Number != 1 && cont {
				// a number that goes on a paragraph's text ("... in
				// 1998\n2004. The ..."): no list item, and a redline
				// may join the lines
				break
			}
			if ok && lm.Ordered {
				out = append(out, lm.Marker)
			}
			prev = len(lead)
		}
	}
	return out
}

// numbersKept checks that accepting every change of the redline out
// gives the new round's ordered-list numbers and rejecting them the old
// round's. The redline reads list markers as no words, so the check that
// reads drafts as the redline does cannot see them. It looks only where
// the rounds' numbers differ: where they agree, there is nothing a mark
// must carry.
func numbersKept(old, new []byte, out string) []string {
	on, nn := ordered(string(old)), ordered(string(new))
	if slices.Equal(on, nn) {
		return nil
	}
	var bad []string
	for _, side := range []struct {
		accept bool
		want   []string
		what   string
	}{{true, nn, "accepting every change: the new round's"}, {false, on, "rejecting every change: the old round's"}} {
		got := ordered(leftovers(resolveWith(out, side.accept, markSentinel)))
		if !slices.Equal(got, side.want) {
			bad = append(bad, fmt.Sprintf("%s ordered-list numbers are not kept:\n  got  %v\n  want %v", side.what, got, side.want))
		}
	}
	return bad
}
