package site

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/codraft/codraft/internal/lineage"
	"github.com/codraft/codraft/internal/wording"
)

const indexCSS = `.chart{max-width:100%;height:auto;color:var(--fg)}
.chart .bv{fill:var(--bar)}
.chart text{fill:currentColor;font-size:11px}
.chart .ax{stroke:var(--ln)}
.heat td.n{min-width:3rem}
.h1{background:color-mix(in srgb,var(--bar) 12%,transparent)}
.h2{background:color-mix(in srgb,var(--bar) 28%,transparent)}
.h3{background:color-mix(in srgb,var(--bar) 45%,transparent)}
.h4{background:color-mix(in srgb,var(--bar) 65%,transparent)}
.nw{white-space:nowrap}
.cols{columns:2 22rem}
.cols li{break-inside:avoid}
`

// writeIndex writes index.html: the rounds, the convergence table and
// churn chart, the change in each top-level section round by round, and
// the list of section pages.
func (b *Builder) writeIndex(w io.Writer, l *lineage.Lineage) error {
	sh := &shell{Title: b.o.Title, Site: b.o.Title, Path: "index.html", BaseURL: b.o.BaseURL, Generator: b.o.Generator, CSS: indexCSS}
	return sh.write(w, func(p *page) {
		rs := b.rounds
		p.raw("<p class=\"kick\">Review site</p>\n<h1>")
		p.text(b.o.Title)
		p.raw("</h1>\n<p>")
		p.printf("%d %s", len(rs), wording.Plural(len(rs), "round", "rounds"))
		if len(rs) > 0 && dateOf(&rs[0]) != "" {
			p.printf(", from %s to %s", dateOf(&rs[0]), dateOf(&rs[len(rs)-1]))
		}
		p.raw(".")
		if fl := b.FirstLastPath(); fl != "" {
			p.raw(" ")
			p.link(fl, fmt.Sprintf("Redline of round %d against round %d", rs[0].Number, rs[len(rs)-1].Number))
			p.raw(".")
		}
		p.raw("</p>\n")
		b.roundsTable(p)
		b.convergence(p)
		b.heat(p)
		b.sectionList(p, l)
	})
}

func (b *Builder) roundsTable(p *page) {
	p.raw("<h2 id=\"rounds\">Rounds</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Round</th><th>Label</th><th>Date</th><th>Words</th><th>Change</th><th>Working groups</th><th>Sections changed</th><th>Notable changes</th><th>Pages</th></tr></thead>\n<tbody>\n")
	for i := range b.rounds {
		r := &b.rounds[i]
		p.raw("<tr><td class=\"n\">")
		p.link(fmt.Sprintf("rounds/%d.html", r.Number), fmt.Sprint(r.Number))
		p.raw("</td><td dir=\"auto\">")
		p.text(r.Label)
		p.raw("</td><td class=\"nw\">")
		p.text(dateOf(r))
		p.printf("</td><td class=\"n\">%d</td><td class=\"n\">+%d \u2212%d</td><td>", r.Words, r.Inserted, r.Deleted)
		p.text(orDash(strings.Join(r.Groups, ", ")))
		p.printf("</td><td class=\"n\">%d</td><td>", r.SectionsChanged)
		switch len(r.Notable) {
		case 0:
			p.raw("\u2013")
		default:
			p.printf("<details><summary>%d</summary><ul>", len(r.Notable))
			for _, n := range r.Notable {
				p.raw("<li dir=\"auto\">")
				p.text(n.Line)
				p.raw("</li>")
			}
			p.raw("</ul></details>")
		}
		p.raw("</td><td>")
		p.link(fmt.Sprintf("rounds/%d.html", r.Number), "text")
		if i > 0 {
			p.raw(" \u00b7 ")
			p.link(fmt.Sprintf("redlines/%d-%d.html", b.rounds[i-1].Number, r.Number), "redline")
		}
		p.raw(" \u00b7 ")
		p.link(fmt.Sprintf("blame/%d.html", r.Number), "blame")
		p.raw("</td></tr>\n")
	}
	p.raw("</tbody>\n</table></div>\n")
}

// convergence writes the table of change per pair of rounds, and the churn
// chart that draws it: words inserted and deleted as a share of the draft.
func (b *Builder) convergence(p *page) {
	p.raw("<h2 id=\"convergence\">Convergence</h2>\n")
	if len(b.rounds) < 2 {
		p.raw("<p>One round: nothing to compare yet.</p>\n")
		return
	}
	p.raw("<p>How much each round changed the one before: a drafting process converges as these numbers fall.</p>\n")
	b.churnChart(p)
	p.raw("<div class=\"scroll\"><table>\n<thead><tr><th>Rounds</th><th>Words inserted</th><th>Words deleted</th><th>Churn</th><th>Sections changed</th><th>Notable changes</th></tr></thead>\n<tbody>\n")
	for i := 1; i < len(b.rounds); i++ {
		a, r := &b.rounds[i-1], &b.rounds[i]
		p.raw("<tr><td>")
		p.link(fmt.Sprintf("redlines/%d-%d.html", a.Number, r.Number), fmt.Sprintf("%d \u2192 %d", a.Number, r.Number))
		p.printf("</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
			r.Inserted, r.Deleted, churn(r), r.SectionsChanged, len(r.Notable))
	}
	p.raw("</tbody>\n</table></div>\n")
}

// churn is the words inserted and deleted as a share of the round's words.
func churn(r *RoundInfo) string {
	if r.Words == 0 {
		return "\u2013"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(r.Inserted+r.Deleted)/float64(r.Words))
}

// churnChart draws the words changed per pair of rounds as bars, in SVG
// without script; the table under it holds the same numbers.
func (b *Builder) churnChart(p *page) {
	n := len(b.rounds) - 1
	top := 1
	for i := 1; i < len(b.rounds); i++ {
		top = max(top, b.rounds[i].Inserted+b.rounds[i].Deleted)
	}
	const h, left, bottom = 160, 56, 22
	bw := max(8, min(48, 720/n))
	width := left + n*bw + 8
	p.printf("<svg class=\"chart\" role=\"img\" aria-labelledby=\"churn-t\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n<title id=\"churn-t\">Words inserted and deleted from each round to the next (most: %d)</title>\n", width, h+bottom, width, h+bottom, top)
	p.printf("<line class=\"ax\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", left, h, width-4, h)
	p.printf("<text x=\"%d\" y=\"12\" text-anchor=\"end\">%d</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", left-6, top, left-6, h)
	step := max(1, (n+11)/12)
	for i := 1; i <= n; i++ {
		r := &b.rounds[i]
		v := r.Inserted + r.Deleted
		bh := v * (h - 16) / top
		x := left + (i-1)*bw
		p.printf("<rect class=\"bv\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>round %d: +%d \u2212%d words</title></rect>\n", x+2, h-bh, bw-4, bh, r.Number, r.Inserted, r.Deleted)
		if (i-1)%step == 0 || i == n {
			p.printf("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x+bw/2, h+15, r.Number)
		}
	}
	p.raw("</svg>\n")
}

// heat writes the words changed in each top-level section per round, its
// cells shaded by size.
func (b *Builder) heat(p *page) {
	if len(b.rounds) < 2 {
		return
	}
	var lines []*sectionLine
	most := 0
	for _, sl := range b.lines {
		if len(sl.words) > 0 {
			lines = append(lines, sl)
			for _, v := range sl.words {
				most = max(most, v)
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	p.raw("<h3 id=\"churn-by-section\">Words changed in each part</h3>\n<div class=\"scroll\"><table class=\"heat\">\n<thead><tr><th>Section</th>")
	for _, r := range b.rounds[1:] {
		p.printf("<th>%d</th>", r.Number)
	}
	p.raw("</tr></thead>\n<tbody>\n")
	for _, sl := range lines {
		p.raw("<tr><th scope=\"row\" dir=\"auto\">")
		p.link("sections/"+sl.page+".html", sl.nodes[len(sl.nodes)-1].Ref.Label())
		p.raw("</th>")
		for _, r := range b.rounds[1:] {
			v := sl.words[r.Number]
			if v == 0 {
				p.raw("<td class=\"n\"></td>")
				continue
			}
			p.printf("<td class=\"n h%d\">%d</td>", 1+min(3, 4*v/(most+1)), v)
		}
		p.raw("</tr>\n")
	}
	p.raw("</tbody>\n</table></div>\n")
}

// sectionList links every section page: those in the latest round in its
// order, then those the draft no longer has.
func (b *Builder) sectionList(p *page, l *lineage.Lineage) {
	p.raw("<h2 id=\"sections\">Sections</h2>\n<p>Each page follows a top-level section through every round: its lineage, each version and the redlines between them.</p>\n<ul class=\"cols\">\n")
	last := len(l.Rounds) - 1
	var gone []*sectionLine
	for _, sl := range b.lines {
		n := sl.nodes[len(sl.nodes)-1]
		if n.Round != last {
			gone = append(gone, sl)
			continue
		}
	}
	for _, n := range l.Last() {
		if n.Top == n {
			p.raw("<li dir=\"auto\">")
			p.link("sections/"+b.pages[n]+".html", n.Ref.Label())
			p.raw("</li>\n")
		}
	}
	p.raw("</ul>\n")
	if len(gone) > 0 {
		sort.SliceStable(gone, func(i, j int) bool {
			return gone[i].nodes[len(gone[i].nodes)-1].Round > gone[j].nodes[len(gone[j].nodes)-1].Round
		})
		p.raw("<h3>No longer in the draft</h3>\n<ul class=\"cols\">\n")
		for _, sl := range gone {
			n := sl.nodes[len(sl.nodes)-1]
			p.raw("<li dir=\"auto\">")
			p.link("sections/"+sl.page+".html", n.Ref.Label())
			p.printf(" <span class=\"mut\">(last in round %d)</span></li>\n", l.Rounds[n.Round].Number)
		}
		p.raw("</ul>\n")
	}
}
