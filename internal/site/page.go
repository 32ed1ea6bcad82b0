package site

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
)

// baseCSS is the style sheet every page of the site shares; a page may add
// rules of its own. The Content-Security-Policy admits the page's one style
// element by its hash and no script at all.
const baseCSS = `:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--mut:#595959;--ln:#d0d7de;--pan:#f4f6f8;--lnk:#0b57d0;--ins:#0a5c2a;--insb:#dcf3e2;--del:#9b1c1c;--delb:#fbe5e5;--bar:#3d6fb6}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#15171a;--mut:#a9adb3;--ln:#3a3f45;--pan:#1f2328;--lnk:#8ab4f8;--ins:#8fe6a7;--insb:#113a20;--del:#ffa8a8;--delb:#4a1c1c;--bar:#7aa7e8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",sans-serif}
a{color:var(--lnk)}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem 2rem}
.site{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:.45rem 1rem;background:var(--pan);border-bottom:1px solid var(--ln);font-size:.9rem}
.site strong{margin-right:.5rem}
h1{font-size:1.8rem;line-height:1.2;margin:1.2rem 0 .6rem}
h2{font-size:1.35rem;margin:1.8rem 0 .5rem}
h3{font-size:1.15rem;margin:1.4rem 0 .4rem}
h4,h5,h6,h7{font-size:1rem;margin:1.2rem 0 .3rem}
.mut{color:var(--mut)}
.kick{margin:0;color:var(--mut);font-size:.85rem;text-transform:uppercase;letter-spacing:.08em}
table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}
th,td{border:1px solid var(--ln);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:var(--pan)}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.875em}
pre{background:var(--pan);padding:.5rem .7rem;overflow-x:auto;border-radius:4px}
blockquote{margin:.6rem 0;padding:0 1rem;border-left:4px solid var(--ln);color:var(--mut)}
ins{color:var(--ins);background:var(--insb);text-decoration:underline}
del{color:var(--del);background:var(--delb);text-decoration:line-through}
details{margin:.4rem 0}
summary{cursor:pointer}
.tag{display:inline-block;font-size:.75rem;padding:0 .35rem;border:1px solid var(--ln);border-radius:3px;margin-left:.3rem;color:var(--mut)}
footer{color:var(--mut);font-size:.85rem;border-top:1px solid var(--ln);margin-top:2rem;padding-top:.6rem}
@media print{.site{display:none}}
`

// page is one page being written: its place in the site (for relative
// links) and its writer.
type page struct {
	w *bufio.Writer
	// up is the way from the page's folder to the site's root: "" or "../".
	up string
}

func (p *page) raw(s string)  { p.w.WriteString(s) }
func (p *page) text(s string) { p.w.WriteString(escape(s)) }
func (p *page) int(n int)     { p.w.WriteString(strconv.Itoa(n)) }
func (p *page) printf(format string, a ...any) {
	fmt.Fprintf(p.w, format, a...)
}

// escape escapes draft text for element content and attribute values, and
// isolates it from the page's direction.
func escape(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return html.EscapeString(s)
}

// link writes <a href="...">text</a>; href is a path inside the site,
// relative to its root.
func (p *page) link(href, text string) {
	p.raw(`<a href="`)
	p.text(p.up + href)
	p.raw(`">`)
	p.text(text)
	p.raw(`</a>`)
}

// shell holds what every page has around its body.
type shell struct {
	// Title is the page's title; Site the site's (the document's title).
	Title, Site string
	// Path is the page's path in the site ("rounds/2.html").
	Path string
	// BaseURL, when set, gives the page a canonical link.
	BaseURL   string
	Generator string
	// CSS is added to the shared style sheet.
	CSS string
	// NoNav leaves out the links to the rest of the site (a page written
	// on its own, outside a site).
	NoNav bool
}

func cspFor(css string) string {
	sum := sha256.Sum256([]byte(css))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; img-src data:; base-uri 'none'; form-action 'none'"
}

// canonical is the absolute address of path under base.
func canonical(base, path string) string {
	return strings.TrimRight(base, "/") + "/" + path
}

// write writes the page: head, the site's links, body, footer.
func (s *shell) write(w io.Writer, body func(p *page)) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	p := &page{w: bw, up: strings.Repeat("../", strings.Count(s.Path, "/"))}
	css := baseCSS + s.CSS
	p.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"")
	p.raw(cspFor(css))
	p.raw("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n")
	if s.Generator != "" {
		p.raw("<meta name=\"generator\" content=\"")
		p.text(s.Generator)
		p.raw("\">\n")
	}
	if s.BaseURL != "" {
		p.raw("<link rel=\"canonical\" href=\"")
		p.text(canonical(s.BaseURL, s.Path))
		p.raw("\">\n")
	}
	p.raw("<title>")
	p.text(s.Title)
	if s.Site != "" && s.Site != s.Title {
		p.raw(" \u2013 ")
		p.text(s.Site)
	}
	p.raw("</title>\n<style>")
	p.raw(css)
	p.raw("</style>\n</head>\n<body>\n")
	if !s.NoNav {
		p.raw("<nav class=\"site\" aria-label=\"Site\"><strong>")
		p.text(s.Site)
		p.raw("</strong>")
		p.link("index.html", "Rounds")
		p.link("index.html#convergence", "Convergence")
		p.link("index.html#sections", "Sections")
		p.raw("</nav>\n")
	}
	p.raw("<main class=\"wrap\">\n")
	body(p)
	p.raw("<footer>")
	if s.Generator != "" {
		p.raw("Generated by ")
		p.text(s.Generator)
		p.raw(". ")
	}
	p.raw("Draft text is shown as written: its links are not followed and nothing is loaded from the network.</footer>\n</main>\n</body>\n</html>\n")
	return bw.Flush()
}
