package site

import (
	"fmt"
	"io"
	"strings"

	"github.com/codraft/codraft/internal/blame"
)

// BlamePage is a blame view of one round.
type BlamePage struct {
	// Title is the document's title.
	Title string
	// Rounds are the rounds up to and including Round, oldest first.
	Rounds []RoundInfo
	Round  int
	Blocks []*blame.Block
	// Generator names the program; BaseURL gives a canonical link.
	Generator, BaseURL string
	// InSite links the page to the rest of the site (it is then
	// blame/N.html); otherwise the page stands alone.
	InSite bool
}

// roundCSS gives each round a colour of its own: hues a golden angle apart,
// so that neighbouring rounds differ, and stronger for newer rounds.
func roundCSS(rounds []RoundInfo) string {
	var b strings.Builder
	b.WriteString(`.bl{display:grid;grid-template-columns:7.5rem 1fr;gap:0 .8rem;border-top:1px solid var(--ln);padding:.35rem 0}
.bl .g{font-size:.8rem;color:var(--mut);line-height:1.4}
.bl .g a{font-weight:600}
.bl .t{white-space:pre-wrap;overflow-wrap:anywhere}
.bl .t span{border-radius:2px;padding:0 .05rem}
.bl.k-code .t{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.875em}
.legend{display:flex;flex-wrap:wrap;gap:.3rem .6rem;list-style:none;padding:0;font-size:.85rem}
.legend li{padding:0 .4rem;border-radius:3px}
`)
	// older rounds are paler, so that recent text stands out
	shade := func(i int) (int, int, int) {
		age := 1.0
		if len(rounds) > 1 {
			age = float64(i) / float64(len(rounds)-1)
		}
		return (rounds[i].Number - 1) * 137 % 360, 25 + int(55*age), int(14 * age)
	}
	for i, r := range rounds {
		h, s, d := shade(i)
		fmt.Fprintf(&b, ".r%d{background:hsl(%d %d%% %d%%)}\n", r.Number, h, s, 96-d)
	}
	b.WriteString("@media (prefers-color-scheme:dark){")
	for i, r := range rounds {
		h, s, d := shade(i)
		fmt.Fprintf(&b, ".r%d{background:hsl(%d %d%% %d%%)}", r.Number, h, s*2/3, 14+d)
	}
	b.WriteString("}\n")
	return b.String()
}

// WriteBlame writes the blame page.
func WriteBlame(w io.Writer, bp BlamePage) error {
	sh := &shell{
		Title: fmt.Sprintf("Blame of round %d", bp.Round), Site: bp.Title,
		Path: fmt.Sprintf("blame/%d.html", bp.Round), BaseURL: bp.BaseURL,
		Generator: bp.Generator, CSS: roundCSS(bp.Rounds), NoNav: !bp.InSite,
	}
	if !bp.InSite {
		sh.Path = "blame.html"
		sh.BaseURL = ""
	}
	info := map[int]RoundInfo{}
	for _, r := range bp.Rounds {
		info[r.Number] = r
	}
	return sh.write(w, func(p *page) {
		p.raw("<p class=\"kick\">Blame</p>\n<h1>")
		p.text(bp.Title)
		p.raw(": round ")
		p.int(bp.Round)
		if r, ok := info[bp.Round]; ok && r.Label != "" {
			p.raw(" <span class=\"mut\">(")
			p.text(r.Label)
			p.raw(")</span>")
		}
		p.raw("</h1>\n<p>Each run of words is coloured by the round that wrote it; hover over it for the round and the working groups cited. The margin gives, for each block, the round that last changed it and the working groups cited for that change. Re-wrapping is no change, and text is followed where it moved.</p>\n<ul class=\"legend\" aria-label=\"Rounds\">\n")
		for _, r := range bp.Rounds {
			p.printf("<li class=\"r%d\">", r.Number)
			label := fmt.Sprintf("Round %d", r.Number)
			if bp.InSite {
				p.link(fmt.Sprintf("rounds/%d.html", r.Number), label)
			} else {
				p.text(label)
			}
			if r.Label != "" {
				p.raw(": ")
				p.text(r.Label)
			}
			p.raw("</li>\n")
		}
		p.raw("</ul>\n")
		writeBlameBlocks(p, &bp, info)
	})
}

func writeBlameBlocks(p *page, bp *BlamePage, info map[int]RoundInfo) {
	cur := ""
	for _, b := range bp.Blocks {
		key := b.Section.File + "\x00" + b.Section.ID
		if key != cur {
			cur = key
			anchor := sectionAnchor(b.Section.ID)
			p.heading(&b.Section, anchor, func() {
				if bp.InSite {
					p.raw(" <span class=\"tag\">")
					p.link(fmt.Sprintf("rounds/%d.html#%s", bp.Round, anchor), "in the round")
					p.raw("</span>")
				}
			})
		}
		p.printf("<div class=\"bl k-%s\"><div class=\"g\">", escape(b.Kind))
		changed := fmt.Sprintf("round %d", b.LastChanged)
		switch {
		case bp.InSite && b.LastChanged > 1 && info[b.LastChanged-1].Number != 0:
			p.link(fmt.Sprintf("redlines/%d-%d.html", b.LastChanged-1, b.LastChanged), changed)
		case bp.InSite:
			p.link(fmt.Sprintf("rounds/%d.html#%s", b.LastChanged, sectionAnchor(b.ChangedIn)), changed)
		default:
			p.raw("<strong>")
			p.text(changed)
			p.raw("</strong>")
		}
		if len(b.Groups) > 0 {
			p.raw("<br>")
			p.text(strings.Join(b.Groups, ", "))
		}
		p.raw("<br>line ")
		p.int(b.Line)
		p.raw("</div><div class=\"t\" dir=\"auto\">")
		for _, r := range b.Runs() {
			title := fmt.Sprintf("round %d", r.Introduced)
			if ri, ok := info[r.Introduced]; ok && ri.Label != "" {
				title += ": " + ri.Label
			}
			if len(r.Groups) > 0 {
				title += " \u00b7 " + strings.Join(r.Groups, ", ")
			}
			p.printf("<span class=\"r%d\" title=\"%s\">", r.Introduced, escape(title))
			p.text(r.Text)
			p.raw("</span>")
		}
		p.raw("</div></div>\n")
	}
}
