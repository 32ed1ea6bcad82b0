package site

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/codraft/codraft/internal/lineage"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/wording"
)

const roundCSS0 = `.meta{display:grid;grid-template-columns:auto 1fr;gap:.1rem 1rem;margin:.4rem 0 1rem}
.meta dt{font-weight:600}.meta dd{margin:0}
.toc ul{padding-left:1.2rem;margin:.2rem 0}
.toc li{margin:.1rem 0}
.hl{font-size:.75rem;font-weight:400;margin-left:.5rem}
`

func dateOf(r *RoundInfo) string {
	if r.Date.IsZero() {
		return ""
	}
	return r.Date.UTC().Format("2006-01-02")
}

// writeRound writes rounds/N.html: the round as a document, each heading
// linked to its section's history.
func (b *Builder) writeRound(w io.Writer, r *RoundInfo, secs []Section, nodes []*lineage.Node) error {
	byIndex := map[int]*lineage.Node{}
	for _, n := range nodes {
		byIndex[n.Ref.Index] = n
	}
	sh := &shell{Title: fmt.Sprintf("Round %d: %s", r.Number, r.Label), Site: b.o.Title, Path: fmt.Sprintf("rounds/%d.html", r.Number), BaseURL: b.o.BaseURL, Generator: b.o.Generator, CSS: roundCSS0}
	return sh.write(w, func(p *page) {
		p.raw("<p class=\"kick\">Round ")
		p.int(r.Number)
		p.raw("</p>\n<h1>")
		p.text(b.o.Title)
		p.raw("</h1>\n<dl class=\"meta\">\n")
		b.roundMeta(p, r)
		p.raw("</dl>\n")
		p.raw("<nav class=\"toc\" aria-label=\"Contents\"><details><summary>Contents</summary>\n<ul>\n")
		for i := range secs {
			s := &secs[i]
			if s.Ref.Level > 2 {
				continue
			}
			p.raw("<li>")
			p.raw("<a href=\"#" + sectionAnchor(s.Ref.ID) + "\"><bdi>")
			p.text(s.Ref.Label())
			p.raw("</bdi></a></li>\n")
		}
		p.raw("</ul>\n</details></nav>\n")
		for i := range secs {
			s := &secs[i]
			pg := b.pageOf(byIndex[s.Ref.Index])
			p.heading(&s.Ref, sectionAnchor(s.Ref.ID), func() {
				if pg != "" {
					p.raw("<span class=\"hl\">")
					p.link("sections/"+pg+".html", "history")
					p.raw("</span>")
				}
			})
			p.blocks(s.Blocks, nil)
		}
	})
}

// roundMeta writes the round's facts and its pages, as dt/dd pairs.
func (b *Builder) roundMeta(p *page, r *RoundInfo) {
	dd := func(k string, v func()) {
		p.raw("<dt>")
		p.raw(k)
		p.raw("</dt><dd>")
		v()
		p.raw("</dd>\n")
	}
	dd("Label", func() { p.text(r.Label) })
	if d := dateOf(r); d != "" {
		dd("Date", func() { p.text(d) })
	}
	if r.Commit != "" {
		dd("Commit", func() { p.raw("<code>"); p.text(redline.ShortCommit(r.Commit)); p.raw("</code>") })
	}
	dd("Words", func() {
		p.int(r.Words)
		p.printf(" (+%d \u2212%d)", r.Inserted, r.Deleted)
	})
	dd("Working groups", func() { p.text(orDash(strings.Join(r.Groups, ", "))) })
	dd("Pages", func() {
		if prev := b.prevRound(r.Number); prev != 0 {
			p.link(fmt.Sprintf("redlines/%d-%d.html", prev, r.Number), fmt.Sprintf("redline against round %d", prev))
			p.raw(" \u00b7 ")
		}
		p.link(fmt.Sprintf("blame/%d.html", r.Number), "blame")
	})
}

func (b *Builder) prevRound(n int) int {
	for i, r := range b.rounds {
		if r.Number == n && i > 0 {
			return b.rounds[i-1].Number
		}
	}
	return 0
}

func orDash(s string) string {
	if s == "" {
		return "\u2013"
	}
	return s
}

// sectionLine is one section page: a top-level section followed through
// the rounds.
type sectionLine struct {
	page string
	// nodes are its versions, one per round that has it.
	nodes []*lineage.Node
	frags []frag
	// words are the words changed in it, by round number.
	words map[int]int
}

type frag struct {
	round  int
	off, n int64
	// ins and del are the words changed in the round, in secs sections;
	// groups the working groups cited for those changes.
	ins, del, secs int
	groups         []string
}

// spoolSections writes, for each section page that the round changed, the
// part of the page about this round: its redline and its text. The parts
// wait in a spool file until Finish puts the pages together, so that no
// round's text stays in memory.
func (b *Builder) spoolSections(st *Step, nodes []*lineage.Node) error {
	ri := len(b.rounds) - 1
	res := st.Result
	byEntry := map[string]*lineage.Node{}
	for _, n := range nodes {
		byEntry[n.Entry] = n
	}
	delByEntry := map[string]*lineage.Deletion{}
	for _, d := range st.Lineage.Deleted[ri] {
		delByEntry[d.Entry] = d
	}
	changed := map[string][]*redline.SectionDiff{}
	var order []string
	for i := range res.Sections {
		sd := &res.Sections[i]
		pg := ""
		if sd.New != nil {
			pg = b.pageOf(byEntry[sd.ID])
		} else if d := delByEntry[sd.ID]; d != nil {
			pg = b.pageOf(d.Node)
		}
		if pg == "" || !sd.Changed() {
			continue
		}
		if _, ok := changed[pg]; !ok {
			order = append(order, pg)
		}
		changed[pg] = append(changed[pg], sd)
	}
	tops := map[string]*lineage.Node{}
	for _, n := range nodes {
		if n.Top == n {
			tops[b.pages[n]] = n
			sl := b.byPg[b.pages[n]]
			sl.nodes = append(sl.nodes, n)
		}
	}
	secs := Sections(res)
	for _, pg := range order {
		sl := b.byPg[pg]
		if sl.words == nil {
			sl.words = map[int]int{}
		}
		fr := frag{round: st.Round.Number, secs: len(changed[pg])}
		for _, sd := range changed[pg] {
			sl.words[st.Round.Number] += sd.Words.Inserted + sd.Words.Deleted
			fr.ins += sd.Words.Inserted
			fr.del += sd.Words.Deleted
			var gs []string
			if n := byEntry[sd.ID]; n != nil && sd.New != nil {
				gs = n.Change.Groups
			} else if d := delByEntry[sd.ID]; d != nil {
				gs = d.Groups
			}
			for _, g := range gs {
				fr.groups = appendNew(fr.groups, g)
			}
		}
		var buf bytes.Buffer
		bw := bufio.NewWriter(&buf)
		p := &page{w: bw, up: "../"}
		b.versionPart(p, st, tops[pg], changed[pg], secs, nodes)
		if err := bw.Flush(); err != nil {
			return err
		}
		off, err := b.spool.Seek(0, io.SeekEnd)
		if err != nil {
			return err
		}
		if _, err := b.spool.Write(buf.Bytes()); err != nil {
			return err
		}
		fr.off, fr.n = off, int64(buf.Len())
		sl.frags = append(sl.frags, fr)
	}
	return nil
}

// versionPart writes one round of a section page: what changed, the
// redline of each changed section in it, and the text of the version.
func (b *Builder) versionPart(p *page, st *Step, top *lineage.Node, sds []*redline.SectionDiff, secs []Section, nodes []*lineage.Node) {
	r := &st.Round
	p.printf("<section class=\"ver\" id=\"r%d\" aria-labelledby=\"r%d-h\">\n<h2 id=\"r%d-h\">Round %d", r.Number, r.Number, r.Number, r.Number)
	if r.Label != "" {
		p.raw(": ")
		p.text(r.Label)
	}
	if d := dateOf(r); d != "" {
		p.raw(" <span class=\"mut\">")
		p.text(d)
		p.raw("</span>")
	}
	p.raw("</h2>\n<p>")
	ins, del := 0, 0
	for _, sd := range sds {
		ins += sd.Words.Inserted
		del += sd.Words.Deleted
	}
	p.printf("+%d \u2212%d words", ins, del)
	if len(r.Groups) > 0 {
		p.raw(" \u00b7 working groups cited in the round: ")
		p.text(strings.Join(r.Groups, ", "))
	}
	if prev := b.prevRound(r.Number); prev != 0 {
		p.raw(" \u00b7 ")
		p.link(fmt.Sprintf("redlines/%d-%d.html", prev, r.Number), "the whole redline")
	}
	if top != nil {
		p.raw(" \u00b7 ")
		p.link(fmt.Sprintf("rounds/%d.html#%s", r.Number, sectionAnchor(top.Ref.ID)), "in the round")
	}
	p.raw("</p>\n")
	ids := map[string]bool{}
	for _, sd := range sds {
		ids[sd.ID] = true
	}
	var notes []Notable
	for _, n := range r.Notable {
		if ids[n.Section] {
			notes = append(notes, n)
		}
	}
	if len(notes) > 0 {
		p.raw("<ul class=\"nt\">\n")
		for _, n := range notes {
			p.raw("<li dir=\"auto\">")
			p.text(n.Line)
			p.raw("</li>\n")
		}
		p.raw("</ul>\n")
	}
	added := top != nil && top.Change.Status == redline.Added && top.Predecessor() == nil
	if !added {
		p.raw("<details open><summary>Changes</summary>\n")
		for _, sd := range sds {
			writeSectionDiff(p, sd)
		}
		p.raw("</details>\n")
	}
	if top != nil {
		if added {
			p.raw("<details open><summary>Text of this version (new in this round)</summary>\n")
		} else {
			p.raw("<details><summary>Text of this version</summary>\n")
		}
		in := map[int]bool{}
		for _, n := range nodes {
			if n.Top == top {
				in[n.Ref.Index] = true
			}
		}
		for i := range secs {
			if in[secs[i].Ref.Index] {
				p.heading(&secs[i].Ref, fmt.Sprintf("r%d-%s", r.Number, sectionAnchor(secs[i].Ref.ID)), nil)
				p.blocks(secs[i].Blocks, nil)
			}
		}
		p.raw("</details>\n")
	}
	p.raw("</section>\n")
}

// writeSectionDiff writes the redline of one section: its heading (old →
// new when it changed), its status, and its changed blocks with insertions
// and deletions marked.
func writeSectionDiff(p *page, sd *redline.SectionDiff) {
	p.raw("<h3 dir=\"auto\">")
	switch {
	case sd.Old != nil && sd.New != nil && sd.Old.Label() != sd.New.Label():
		p.raw("<del>")
		p.text(sd.Old.Label())
		p.raw("</del> \u2192 <ins>")
		p.text(sd.New.Label())
		p.raw("</ins>")
	case sd.New != nil:
		p.text(sd.New.Label())
	case sd.Old != nil:
		p.text(sd.Old.Label())
	}
	tags := []string{string(sd.Status)}
	if sd.Status == redline.Unchanged {
		tags = nil
	}
	for _, t := range []struct {
		on   bool
		name string
	}{{sd.Moved, "moved"}, {sd.Renamed, "renamed"}, {sd.Renumbered, "renumbered"}, {sd.Relevelled, "re-levelled"}} {
		if t.on {
			tags = append(tags, t.name)
		}
	}
	for _, t := range tags {
		p.raw(" <span class=\"tag\">")
		p.text(t)
		p.raw("</span>")
	}
	p.raw("</h3>\n")
	same := 0
	for k := range sd.Blocks {
		bd := &sd.Blocks[k]
		if bd.Status == redline.Unchanged {
			same++
			continue
		}
		p.raw("<p dir=\"auto\">")
		switch {
		case bd.MovedFrom != "":
			p.raw("<span class=\"tag\">moved in</span> ")
		case bd.MovedTo != "":
			p.raw("<span class=\"tag\">moved out</span> ")
		}
		for _, op := range bd.Ops {
			switch op.Op {
			case redline.Insert:
				p.raw("<ins>")
				p.text(op.Text)
				p.raw("</ins>")
			case redline.Delete:
				p.raw("<del>")
				p.text(op.Text)
				p.raw("</del>")
			default:
				p.text(op.Text)
			}
		}
		p.raw("</p>\n")
	}
	if same > 0 {
		p.printf("<p class=\"mut\">%d unchanged %s not shown.</p>\n", same, wording.Plural(same, "block", "blocks"))
	}
}

const sectionCSS = `.ver{border-top:2px solid var(--ln);margin-top:1.6rem}
.ver h3{font-size:1.05rem}
.nt li{margin:.2rem 0}
`

// writeSection writes sections/ID.html: the section's lineage, then each
// version, oldest first, with the redline that led to it.
func (b *Builder) writeSection(w io.Writer, l *lineage.Lineage, sl *sectionLine) error {
	last := sl.nodes[len(sl.nodes)-1]
	title := last.Ref.Label()
	sh := &shell{Title: title, Site: b.o.Title, Path: "sections/" + sl.page + ".html", BaseURL: b.o.BaseURL, Generator: b.o.Generator, CSS: sectionCSS}
	var werr error
	err := sh.write(w, func(p *page) {
		p.raw("<p class=\"kick\">Section history</p>\n<h1 dir=\"auto\">")
		p.text(title)
		p.raw("</h1>\n<p>")
		lastRound := l.Rounds[len(l.Rounds)-1].Number
		first, end := l.Rounds[sl.nodes[0].Round].Number, l.Rounds[last.Round].Number
		switch {
		case end == lastRound:
			p.printf("In the draft from round %d to round %d (the latest), in %d %s; ", first, end, len(sl.nodes), wording.Plural(len(sl.nodes), "round", "rounds"))
		default:
			p.printf("In the draft from round %d to round %d; ", first, end)
		}
		p.printf("changed in %d %s.</p>\n", len(sl.frags), wording.Plural(len(sl.frags), "round", "rounds"))
		b.lineageTable(p, l, sl)
		p.raw("<h2>Versions</h2>\n<p>The rounds that changed it:")
		for i, f := range sl.frags {
			if i > 0 {
				p.raw(",")
			}
			p.printf(" <a href=\"#r%d\">round %d</a>", f.round, f.round)
		}
		p.raw(".</p>\n")
		for _, f := range sl.frags {
			if _, err := p.w.ReadFrom(io.NewSectionReader(b.spool, f.off, f.n)); err != nil {
				werr = err
				return
			}
		}
	})
	if werr != nil {
		return werr
	}
	return err
}

// lineageTable writes the section's lineage, newest round first: what
// happened to its heading (renamed, renumbered, moved, split, merged), the
// words changed in it and its subsections, and the working groups cited.
func (b *Builder) lineageTable(p *page, l *lineage.Lineage, sl *sectionLine) {
	n := sl.nodes[len(sl.nodes)-1]
	type row struct {
		round  int
		at     *lineage.Node
		label  string
		what   []string
		groups []string
	}
	var rows []*row
	byRound := map[int]*row{}
	for _, e := range l.History(n) {
		at := e.Node
		if at == nil {
			at = e.Deletion.Node
		}
		r := &row{round: l.Rounds[e.Round].Number, at: at, label: e.Ref().Label(), what: e.What, groups: e.Groups}
		rows = append(rows, r)
		if b.pageOf(at) == sl.page && byRound[r.round] == nil {
			byRound[r.round] = r
		}
	}
	for _, f := range sl.frags {
		words := fmt.Sprintf("+%d \u2212%d words in %d %s", f.ins, f.del, f.secs, wording.Plural(f.secs, "section", "sections"))
		if f.ins+f.del == 0 {
			words = fmt.Sprintf("%d %s changed without words inserted or deleted (moved, renamed or renumbered)", f.secs, wording.Plural(f.secs, "section", "sections"))
		}
		if r := byRound[f.round]; r != nil {
			if r.what[0] != "added" {
				r.what = append(r.what, words)
			}
			for _, g := range f.groups {
				r.groups = appendNew(r.groups, g)
			}
			continue
		}
		var at *lineage.Node
		for _, v := range sl.nodes {
			if l.Rounds[v.Round].Number == f.round {
				at = v
			}
		}
		label := ""
		if at != nil {
			label = at.Ref.Label()
		}
		rows = append(rows, &row{round: f.round, at: at, label: label, what: []string{words}, groups: f.groups})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].round > rows[j].round })
	p.raw("<h2>Lineage</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Round</th><th>Section then</th><th>What happened</th><th>Working groups</th></tr></thead>\n<tbody>\n")
	for _, r := range rows {
		p.raw("<tr><td class=\"n\">")
		p.link(fmt.Sprintf("rounds/%d.html", r.round), fmt.Sprint(r.round))
		p.raw("</td><td dir=\"auto\">")
		switch pg := b.pageOf(r.at); {
		case pg == sl.page && r.at != nil && b.hasFrag(sl, r.round):
			p.raw("<a href=\"#r")
			p.int(r.round)
			p.raw("\">")
			p.text(r.label)
			p.raw("</a>")
		case pg != "" && pg != sl.page:
			p.link("sections/"+pg+".html", r.label)
		default:
			p.text(r.label)
		}
		p.raw("</td><td dir=\"auto\">")
		p.text(strings.Join(r.what, "; "))
		p.raw("</td><td>")
		p.text(orDash(strings.Join(r.groups, ", ")))
		p.raw("</td></tr>\n")
	}
	p.raw("</tbody>\n</table></div>\n")
}

func (b *Builder) hasFrag(sl *sectionLine, round int) bool {
	for _, f := range sl.frags {
		if f.round == round {
			return true
		}
	}
	return false
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
