// Package rendertest holds the redline cases that the renderers' golden
// tests share: old/new draft pairs run through the engine, and results built
// by hand for shapes a small draft pair does not easily produce. Only tests
// import it.
package rendertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/diff/difftest"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/source"
)

// Case is one redline to render.
type Case struct {
	Name   string
	Result *redline.Result
	// Sources are the two drafts' text (as parsed: LF line ends, no BOM)
	// and FrontMatter the front-matter fields that changed, as the command
	// line gives them to the renderers; both are nil for a hand-built case.
	Sources     *source.Sides
	FrontMatter []source.Field
}

// RepoRoot is the module's root directory.
func RepoRoot() string { return difftest.RepoRoot() }

// Compare parses two drafts and compares them as `codraft diff OLD NEW`
// does with two files.
func Compare(oldName string, old []byte, newName string, new []byte) (*redline.Result, error) {
	c, err := CompareCase("", oldName, old, newName, new)
	return c.Result, err
}

// CompareCase compares two drafts as Compare does and keeps their text and
// changed front matter with the result, as the command line passes them to
// the renderers.
func CompareCase(name, oldName string, old []byte, newName string, new []byte) (Case, error) {
	od, err := doc.Parse(oldName, old, doc.Options{})
	if err != nil {
		return Case{}, err
	}
	nd, err := doc.Parse(newName, new, doc.Options{})
	if err != nil {
		return Case{}, err
	}
	res := diff.Compare([]*doc.Document{od}, []*doc.Document{nd}, diff.Options{})
	res.From = redline.Endpoint{Rev: oldName, Label: filepath.Base(oldName), Files: []string{oldName}}
	res.To = redline.Endpoint{Rev: newName, Label: filepath.Base(newName), Files: []string{newName}}
	src := &source.Sides{Old: source.Files{od.File: od.Source}, New: source.Files{nd.File: nd.Source}}
	fm := source.FrontMatter(od.Source[:od.FrontMatterEnd], nd.Source[:nd.FrontMatterEnd])
	return Case{Name: name, Result: res, Sources: src, FrontMatter: fm}, nil
}

// CompareFiles reads and compares two draft files.
func CompareFiles(oldPath, newPath string) (*redline.Result, error) {
	c, err := CompareFileCase(oldPath, newPath)
	return c.Result, err
}

// CompareFileCase reads and compares two draft files, keeping their text.
func CompareFileCase(oldPath, newPath string) (Case, error) {
	old, err := os.ReadFile(oldPath)
	if err != nil {
		return Case{}, err
	}
	new, err := os.ReadFile(newPath)
	if err != nil {
		return Case{}, err
	}
	name := strings.TrimSuffix(filepath.Base(oldPath), ".md") + "-" + strings.TrimSuffix(filepath.Base(newPath), ".md")
	return CompareCase(name, filepath.Base(oldPath), old, filepath.Base(newPath), new)
}

// FileCases compares the two rounds of every case in testdata/cases that
// expects something of the code under dir (relative to the repository
// root, such as "internal/render/html"), in name order; with dir "", every
// case.
func FileCases(dir string) ([]Case, error) {
	all, err := difftest.Load()
	if err != nil {
		return nil, err
	}
	var cases []Case
	for _, dc := range all {
		if dir != "" && !dc.Uses(dir) {
			continue
		}
		c, err := CompareCase(dc.Name, "old.md", dc.Old, "new.md", dc.New)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", dc.Name, err)
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// Built returns the hand-built cases.
func Built() []Case {
	return []Case{
		{Name: "built-kinds", Result: Kinds()},
		{Name: "built-hostile", Result: Hostile()},
	}
}

// Op constructors.
func Eq(s string) redline.Op  { return redline.Op{Op: redline.Equal, Text: s} }
func Ins(s string) redline.Op { return redline.Op{Op: redline.Insert, Text: s} }
func Del(s string) redline.Op { return redline.Op{Op: redline.Delete, Text: s} }

// Block makes a block of the given kind; its status follows from its ops.
func Block(kind string, ops ...redline.Op) redline.BlockDiff {
	var eq, in, de bool
	for _, o := range ops {
		switch o.Op {
		case redline.Equal:
			eq = true
		case redline.Insert:
			in = true
		case redline.Delete:
			de = true
		}
	}
	st := redline.Modified
	switch {
	case !in && !de:
		st = redline.Unchanged
	case in && !de && !eq:
		st = redline.Added
	case de && !in && !eq:
		st = redline.Deleted
	}
	return redline.BlockDiff{Kind: kind, Status: st, Ops: ops}
}

// Para is Block("paragraph", ops...).
func Para(ops ...redline.Op) redline.BlockDiff { return Block("paragraph", ops...) }

// MoveOut and MoveIn are the two ends of a moved block.
func MoveOut(move, to string, ops ...redline.Op) redline.BlockDiff {
	b := Para(ops...)
	b.Status, b.Move, b.MovedTo = redline.Moved, move, to
	return b
}

func MoveIn(move, from string, ops ...redline.Op) redline.BlockDiff {
	b := Para(ops...)
	b.Status, b.Move, b.MovedFrom = redline.Moved, move, from
	return b
}

// Ref makes one side of a section.
func Ref(id string, level int, number, title string) *redline.SectionRef {
	return &redline.SectionRef{File: "draft.md", Level: level, Number: number, Title: title, ID: id}
}

// Finish numbers lines and indexes, derives each section's status and word
// counts from its blocks, and fills the totals, as the engine does.
func Finish(res *redline.Result) *redline.Result {
	res.Schema = redline.Schema
	var st redline.Stats
	oldIdx, newIdx, line := 0, 0, 1
	for i := range res.Sections {
		s := &res.Sections[i]
		if s.Old != nil {
			s.Old.Index, s.Old.Line = oldIdx, line
			oldIdx++
		}
		if s.New != nil {
			s.New.Index, s.New.Line = newIdx, line
			newIdx++
		}
		line += 2 + 2*len(s.Blocks)
		var w redline.WordCounts
		changedBlocks := false
		for _, b := range s.Blocks {
			if b.Status != redline.Unchanged {
				changedBlocks = true
			}
			for _, o := range b.Ops {
				n := len(strings.Fields(o.Text))
				switch o.Op {
				case redline.Insert:
					if b.MovedTo == "" {
						w.Inserted += n
					}
				case redline.Delete:
					if b.MovedTo == "" {
						w.Deleted += n
					}
				}
				if o.Op != redline.Insert && b.MovedFrom == "" {
					st.Words.OldTotal += n
				}
				if o.Op != redline.Delete && b.MovedTo == "" {
					st.Words.NewTotal += n
				}
			}
		}
		s.Words = w
		st.Words.Inserted += w.Inserted
		st.Words.Deleted += w.Deleted
		switch {
		case s.Old == nil:
			s.Status = redline.Added
			st.Sections.Added++
		case s.New == nil:
			s.Status = redline.Deleted
			st.Sections.Deleted++
		case changedBlocks:
			s.Status = redline.Modified
			st.Sections.Modified++
		default:
			s.Status = redline.Unchanged
			st.Sections.Unchanged++
		}
		if s.Old != nil && s.New != nil {
			s.Renamed = s.Old.Title != s.New.Title
			s.Renumbered = s.Old.Number != s.New.Number
			s.Relevelled = s.Old.Level != s.New.Level
		}
		for _, f := range []struct {
			on bool
			n  *int
		}{{s.Moved, &st.Sections.Moved}, {s.Renamed, &st.Sections.Renamed}, {s.Renumbered, &st.Sections.Renumbered}, {s.Relevelled, &st.Sections.Relevelled}} {
			if f.on {
				*f.n++
			}
		}
	}
	res.Stats = st
	return res
}

func rounds(res *redline.Result) {
	r1, r4 := 1, 4
	c1, c4 := "3f1c0a9d2b7e4f60a1b2c3d4e5f60718293a4b5c", "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807"
	d1 := time.Date(2024, 11, 14, 0, 0, 0, 0, time.UTC)
	d4 := time.Date(2025, 7, 10, 0, 0, 0, 0, time.UTC)
	res.From = redline.Endpoint{Rev: "1", Round: &r1, Label: "first draft", Commit: &c1, Date: &d1, Files: []string{"draft.md"}}
	res.To = redline.Endpoint{Rev: "4", Round: &r4, Label: "final", Commit: &c4, Date: &d4, Files: []string{"draft.md"}}
}

// Kinds is one result with every kind of change: sections added, deleted,
// modified, unchanged, moved, renamed, renumbered, re-levelled, split and
// merged, and blocks of every kind and status, including a move with an
// edit.
func Kinds() *redline.Result {
	res := &redline.Result{Notes: []string{"one section has more distinct words than the word diff can tell apart: it is compared line by line"}}
	rounds(res)
	res.Sections = []redline.SectionDiff{
		{ID: "", Old: Ref("", 0, "", ""), New: Ref("", 0, "", ""), Blocks: []redline.BlockDiff{
			Para(Eq("This sample code has no legal effect. Comments are due by "), Del("28 November"), Ins("24 July"), Eq(" 2025.")),
		}},
		{ID: "general-provisions", Old: Ref("general-provisions", 1, "", "General provisions"), New: Ref("general-provisions", 1, "", "General provisions"), Blocks: []redline.BlockDiff{
			Para(Eq("The provisions in this part apply to every chapter of the Code.")),
			Block("quote", Eq("The Code is a way of showing compliance.")),
		}},
		{ID: "documentation", Old: Ref("documentation", 3, "Measure 1.1", "Documentation"), New: Ref("documentation", 3, "Measure 1.2", "Model documentation"), Blocks: []redline.BlockDiff{
			Para(Eq("Signatories shall draw up"), Ins(", publish"), Eq(" and keep up to date technical documentation.")),
			Block("list_item", Eq("the model's architecture;")),
			Block("list_item", Ins("the data used for evaluation;")),
			Block("table_row", Eq("| model documentation | "), Del("14"), Ins("30"), Eq(" days |")),
			Block("code", Eq("```\nreport(model, deadline="), Del("14"), Ins("30"), Eq(")\nsend()\n```")),
			Block("thematic_break", Eq("---")),
			Para(Del("This paragraph was removed.")),
			MoveOut("mv1", "incident-reporting", Eq("Providers keep a register of incidents and report serious incidents "), Ins("within fifteen days "), Eq("without undue delay.")),
		}},
		{ID: "acceptable-use-policy", New: Ref("acceptable-use-policy", 3, "Measure 1.1", "Acceptable use policy"), Blocks: []redline.BlockDiff{
			Para(Ins("Providers publish an acceptable use policy.")),
			Block("html", Ins("<div class=\"note\">raw HTML stays text</div>")),
		}},
		{ID: "data-sources", Old: Ref("data-sources", 3, "Measure 3.2", "Voluntary disclosure of data sources"), MergedInto: "documentation", Blocks: []redline.BlockDiff{
			Para(Del("Providers may disclose their data sources.")),
		}},
		{ID: "incident-reporting", Moved: true, Old: Ref("incident-reporting", 3, "Measure 5.5", "Incident reporting"), New: Ref("incident-reporting", 2, "Measure 9.3", "Incident reporting"), Blocks: []redline.BlockDiff{
			Para(Eq("Serious incidents are reported to the AI Office.")),
			MoveIn("mv1", "documentation", Eq("Providers keep a register of incidents and report serious incidents "), Ins("within fifteen days "), Eq("without undue delay.")),
		}},
		{ID: "examples", SplitFrom: "general-provisions", New: Ref("examples", 2, "", "Examples"), Blocks: []redline.BlockDiff{
			Para(Ins("Examples of data sources.")),
		}},
		{ID: "unchanged", Old: Ref("unchanged", 2, "Annex A", "Reporting deadlines"), New: Ref("unchanged", 2, "Annex A", "Reporting deadlines"), Blocks: []redline.BlockDiff{
			Block("table_row", Eq("| document | deadline |")),
			Block("table_row", Eq("| model documentation | 14 days |")),
		}},
	}
	// Incident reporting came last on the old side.
	Finish(res)
	res.Sections[5].Old.Index = 99
	return res
}

// Payloads are strings that would run script, load something, or break
// out of an attribute if they reached the page as markup. Each sets
// window.__pwned if it ever runs.
var Payloads = []string{
	`<script>window.__pwned=1</script>`,
	`<img src=x onerror="window.__pwned=2">`,
	`<iframe src="javascript:window.__pwned=3"></iframe>`,
	`<svg onload="window.__pwned=4"><script>window.__pwned=5</script></svg>`,
	`[link](javascript:window.__pwned=6)`,
	`[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD03PC9zY3JpcHQ+)`,
	`"><img src=x onerror=window.__pwned=8>`,
	`' onmouseover='window.__pwned=9' x='`,
	`</style></script></title></textarea><script>window.__pwned=10</script>`,
	`<a href="javascript:window.__pwned=11">click</a>`,
	"<div onclick=\"window.__pwned=12\">raw\x00html</div>",
	`<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=13>`,
	`<!--<img src=x onerror=window.__pwned=14>-->`,
	`{++ ++} {-- --} {~~ a~>b ~~} {>> note <<}`,
	// inline Markdown that the rendered view reads: links, images and
	// emphasis around payloads, and link targets that must stay text
	`**bold <script>window.__pwned=15</script>** _em <img src=x onerror=window.__pwned=16>_ ` + "`code <b>x</b>`",
	`![alt <svg onload=window.__pwned=17>](javascript:window.__pwned=17)`,
	`[spaced](http://example.invalid/x" onclick="window.__pwned=18) [tab](java	script:window.__pwned=18)`,
	`[upper](JaVaScRiPt:window.__pwned=19) <javascript:window.__pwned=19> [vb](vbscript:msgbox(1))`,
	`[slashes](//evil.invalid/x) [back](/\evil.invalid) [ent](jav&#x61;script:window.__pwned=20)`,
	`[frag](#x" onfocus="window.__pwned=21) [ok](https://example.invalid/a?b=1&c=2) [mail](mailto:a@example.invalid)`,
	"\u202eevil\u202a label \u2066isolate",
}

// Hostile is a result in which every field that can come from a draft
// holds a payload: ids, numbers, titles, file names, labels, ops, notes.
func Hostile() *redline.Result {
	res := &redline.Result{}
	rounds(res)
	p := Payloads
	res.From.Label = p[0]
	res.To.Label = p[7]
	res.From.Files = []string{p[8]}
	res.Notes = []string{p[1]}
	var secs []redline.SectionDiff
	for i, pl := range p {
		id := fmt.Sprintf("x%d\" onfocus=\"window.__pwned=%d\" %s", i, 100+i, pl)
		old := Ref(id, 2, pl, "old "+pl)
		new := Ref(id, 2, "N"+pl, "new "+pl)
		s := redline.SectionDiff{ID: id, Old: old, New: new, Blocks: []redline.BlockDiff{
			Para(Eq(pl), Del(" "+pl), Ins(" "+pl)),
			Block("code", Ins(pl)),
			Block("html", Eq(pl)),
			MoveOut(pl, id, Eq(pl)),
			MoveIn(pl, id, Eq(pl)),
		}}
		if i%3 == 1 {
			s.Old = nil
		}
		if i%3 == 2 {
			s.New = nil
		}
		secs = append(secs, s)
	}
	res.Sections = secs
	return Finish(res)
}
