package cli

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/trailers"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
	docxr "github.com/codraft/codraft/internal/render/docx"
	"github.com/codraft/codraft/internal/summary"
)

// This file joins Word documents to the commands: the redline as a .docx
// (export), one round as a clean .docx (show) and .docx drafts read as
// Markdown (import).

// writeDOCX writes the redline as a Word document with tracked revisions.
func writeDOCX(w io.Writer, c *comparison, _ *redlineOptions) error {
	opt := docxr.Options{
		Title:          c.Title,
		Cover:          docxCover(c),
		SectionAuthors: sectionAuthors(c),
		Source:         sourceOf(c.Old, c.New),
	}
	if d := c.Result.To.Date; d != nil {
		opt.Date = *d
	}
	if c.Repo != nil && c.Result.To.Commit != nil {
		if a, err := c.Repo.CommitAuthor(*c.Result.To.Commit); err == nil {
			opt.Author = a
		}
	}
	return docxr.Render(w, c.Result, opt)
}

// sourceOf serves the text of each side's files to the renderer.
func sourceOf(old, nw []*doc.Document) func(string, bool) []byte {
	return func(file string, isOld bool) []byte {
		ds := nw
		if isOld {
			ds = old
		}
		for _, d := range ds {
			if d.File == file {
				return d.Source
			}
		}
		return nil
	}
}

// docxCover is the redline's first page: the rounds, the totals and the
// notable changes.
func docxCover(c *comparison) *docxr.Cover {
	res := c.Result
	st := res.Stats
	cv := &docxr.Cover{From: endpointLine(&res.From), To: endpointLine(&res.To)}
	cv.Totals = append(cv.Totals,
		fmt.Sprintf("Sections: %d added, %d deleted, %d modified, %d moved, %d renamed, %d renumbered, %d unchanged.",
			st.Sections.Added, st.Sections.Deleted, st.Sections.Modified, st.Sections.Moved, st.Sections.Renamed, st.Sections.Renumbered, st.Sections.Unchanged),
		fmt.Sprintf("Words: %d inserted, %d deleted (%d words before, %d after).",
			st.Words.Inserted, st.Words.Deleted, st.Words.OldTotal, st.Words.NewTotal))
	s := summary.Compute(res, summary.Options{Groups: summaryGroups(c.Config)})
	for _, n := range s.Notable {
		cv.Notable = append(cv.Notable, docxr.Notable{Label: n.Label, What: n.What, Before: n.Before, After: n.After})
	}
	cv.Notes = append(cv.Notes, res.Notes...)
	return cv
}

// endpointLine names one side: "round 3, third draft, 2025-03-11, commit
// 1a2b3c4d5e6f", or a file.
func endpointLine(e *redline.Endpoint) string {
	var parts []string
	if e.Round != nil {
		parts = append(parts, fmt.Sprintf("round %d", *e.Round))
	}
	if e.Label != "" {
		parts = append(parts, e.Label)
	} else if e.Rev != "" {
		parts = append(parts, e.Rev)
	}
	if d := e.DateText(); d != "" {
		parts = append(parts, d)
	}
	if c := e.ShortCommit(); c != "" {
		parts = append(parts, "commit "+c)
	}
	return strings.Join(parts, ", ")
}

// maxAuthorCommits bounds the commits read to name the authors of a
// redline's revisions; past it, revisions are the round's author's.
const maxAuthorCommits = 500

// sectionAuthors names, for each section, the working groups cited by the
// commits between the two sides that changed it, by the section's id on
// each commit's new side (its old side for a deletion). It returns nil
// outside a repository, for the working tree, or when the history cannot
// be read: the revisions are then the round's author's.
func sectionAuthors(c *comparison) map[string]string {
	from, to := c.Result.From.Commit, c.Result.To.Commit
	if c.Repo == nil || from == nil || to == nil {
		return nil
	}
	commits, err := c.Repo.CommitsBetween(*from, *to)
	if err != nil || len(commits) > maxAuthorCommits {
		return nil
	}
	groups := map[string]map[string]bool{}
	for _, cm := range commits {
		var wgs []string
		for _, v := range trailers.Values(trailers.Parse(cm.Message), trailers.WorkingGroupKey) {
			if c, err := trailers.ParseCitation(v); err == nil {
				wgs = append(wgs, c.Group)
			}
		}
		if len(wgs) == 0 || len(cm.Parents) == 0 {
			continue
		}
		before, err := loadSide(c.Repo, cm.Parents[0], &compareOptions{})
		if err != nil {
			continue
		}
		after, err := loadSide(c.Repo, cm.Hash, &compareOptions{})
		if err != nil {
			continue
		}
		res := diff.Compare(before.docs, after.docs, diff.Options{})
		for i := range res.Sections {
			s := &res.Sections[i]
			if !s.Changed() {
				continue
			}
			for _, ref := range []*redline.SectionRef{s.New, s.Old} {
				if ref == nil {
					continue
				}
				if groups[ref.ID] == nil {
					groups[ref.ID] = map[string]bool{}
				}
				for _, wg := range wgs {
					groups[ref.ID][wg] = true
				}
			}
		}
	}
	out := map[string]string{}
	for id, set := range groups {
		ids := make([]string, 0, len(set))
		for wg := range set {
			ids = append(ids, wg)
		}
		sort.Strings(ids)
		out[id] = strings.Join(ids, ", ")
	}
	return out
}

// cleanResult is a redline of a document against itself: every section and
// block unchanged, which the Word writer writes without revisions.
func cleanResult(d *doc.Document) *redline.Result {
	res := &redline.Result{Schema: redline.Schema}
	ids := map[int]string{}
	for i := range d.Sections {
		ids[i] = d.Sections[i].ID
	}
	for i := range d.Sections {
		s := &d.Sections[i]
		ref := &redline.SectionRef{File: d.File, Line: s.Line, Level: s.Level, Number: s.Number, Title: s.Title, ID: s.ID, ExplicitID: s.ExplicitID, Index: i}
		if s.Parent >= 0 {
			ref.Parent = ids[s.Parent]
		}
		sd := redline.SectionDiff{ID: s.ID, Status: redline.Unchanged, Old: ref, New: ref}
		for _, b := range s.Blocks {
			sd.Blocks = append(sd.Blocks, redline.BlockDiff{
				Kind: string(b.Kind), Status: redline.Unchanged,
				Ops:     []redline.Op{{Op: redline.Equal, Text: b.Text}},
				OldLine: b.Line, NewLine: b.Line,
			})
		}
		res.Sections = append(res.Sections, sd)
	}
	return res
}

// writeCleanDOCX writes one draft file as a Word document without
// revisions.
func writeCleanDOCX(w io.Writer, d *doc.Document, title string) error {
	src := []*doc.Document{d}
	return docxr.Render(w, cleanResult(d), docxr.Options{Title: title, Source: sourceOf(src, src)})
}

// checkShowFormat checks show's --format and -o before anything is read.
func checkShowFormat(o *showOptions) error {
	f := o.Format
	if f == "" && o.Output != "" && strings.EqualFold(filepath.Ext(o.Output), ".docx") {
		f = "docx"
	}
	switch f {
	case "", "markdown":
	case "docx":
		if o.Output == "" {
			return withHint(usagef("a Word document is written to a file: name it with -o FILE.docx"), "run \"codraft show REV -o round.docx\"")
		}
	default:
		return usagef("unknown format %q for show: use markdown or docx", o.Format)
	}
	o.Format = f
	return nil
}

// showTo writes a draft file shown by "codraft show" to -o, as written or
// as a Word document.
func showTo(f *Factory, o *showOptions, name string, data []byte, cfg *config.Config) error {
	ios := f.IO
	if o.Format != "docx" {
		if o.Output == "" {
			_, err := ios.Out.Write(data)
			return err
		}
		return f.writeOutput(o.Output, func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		})
	}
	d, err := doc.Parse(name, data, doc.Options{NumberWords: cfg.Numbering.Words, MaxSections: cfg.Limits.MaxSections})
	if err != nil {
		return explain(err)
	}
	title := cfg.Title
	if title == "" {
		title = documentTitle([]*doc.Document{d})
	}
	var buf bytes.Buffer
	if err := writeCleanDOCX(&buf, d, title); err != nil {
		return err
	}
	return f.writeOutput(o.Output, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}
