// Package html writes a redline as one self-contained, script-optional HTML
// page for reviewers: header, summary, contents, and every section with its
// insertions, deletions and moves marked.
//
// Draft text is data: every string that came from a draft is escaped, links
// in it stay text, and the page's Content-Security-Policy admits only the
// page's own style sheet and script, by hash.
package html

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/source"
	"github.com/codraft/codraft/internal/wording"
)

// Layout is how a section's old and new text are laid out.
type Layout string

// Layouts.
const (
	// Inline shows one column with deletions and insertions in place.
	Inline Layout = "inline"
	// SideBySide shows the old text on the left and the new on the right.
	SideBySide Layout = "side-by-side"
)

// ParseLayout reads a --layout value; "" means Inline.
func ParseLayout(s string) (Layout, error) {
	switch Layout(s) {
	case "", Inline:
		return Inline, nil
	case SideBySide:
		return SideBySide, nil
	}
	return "", fmt.Errorf("unknown layout %q (want inline or side-by-side)", s)
}

// View is how block text shows.
type View string

// Views.
const (
	// Rendered shows the Markdown as the document reads, the marks inside
	// it.
	Rendered View = "rendered"
	// Source shows the Markdown source, as written, with the marks.
	Source View = "source"
)

// ParseView reads a --view value; "" means Rendered.
func ParseView(s string) (View, error) {
	switch View(s) {
	case "", Rendered:
		return Rendered, nil
	case Source:
		return Source, nil
	}
	return "", fmt.Errorf("unknown view %q (want rendered or source)", s)
}

// Options tunes the page.
type Options struct {
	// View is Rendered (the default when empty) or Source. The page has a
	// switch to the other view for every changed section.
	View View
	// Sources are the drafts' files on both sides, from which the rendered
	// view reads list markers, nesting and table alignment. Nil shows
	// lists as bullets and tables without alignment.
	Sources *source.Sides
	// FrontMatter are the front-matter fields that changed, shown as a
	// table at the top of the page.
	FrontMatter []source.Field
	// Title is the document's title; "" gives "Redline".
	Title string
	// Layout is Inline (the default when empty) or SideBySide.
	Layout Layout
	// ChangedOnly writes only the changes, with a little context: the
	// changed sections, each with the heading of its unchanged neighbours;
	// every other run of unchanged sections becomes one line saying how
	// many it holds. Inside a changed section, unchanged paragraphs more
	// than one away from a change fold the same way, and a run of inserted
	// or deleted paragraphs shows its first and counts the rest. Inside a
	// paragraph, unchanged words away from a change and the end of a long
	// insertion or deletion give way to a mark. The page carries one view,
	// and its legend states these rules. The summary and contents still
	// cover every section.
	ChangedOnly bool
	// Generator names the program and its version, as "codraft v1.2.0".
	Generator string
	// Timestamp, when not zero, is written as the time of generation. It is
	// left out by default so that output is reproducible.
	Timestamp time.Time
	// Lang is the page's language tag; "" gives "en".
	Lang string
	// Summary holds what the summary package computed, when the caller
	// has it: notable changes and a per-round chart. Nil leaves both out.
	Summary *Summary
}

// Summary is the change summary shown under the totals.
type Summary struct {
	// Notable are the changes a reader should look at first.
	Notable []Notable
	// LeftOut counts, per rule, the notable changes left out of Notable
	// because there were too many of them to list.
	LeftOut []LeftOut
	// Chart, when set, is drawn as an inline SVG (no script).
	Chart *Chart
}

// LeftOut is how many notable changes of one rule were left out.
type LeftOut struct {
	Rule  string
	Count int
}

// Notable is one notable change, as the summary package finds them.
type Notable struct {
	// Section is the id of the section it concerns, as in the redline; it
	// becomes a link when that section is on the page.
	Section string
	// Label names the section; What says what changed ("obligation
	// weakened (shall → should)").
	Label, What string
	// Before and After are the words before and after, with a little
	// context; either may be empty.
	Before, After string
	// Severity is "high", "medium" or "low", or empty when not known.
	Severity string
}

// Chart is a set of series over rounds, such as the words changed in each
// top-level section from one round to the next.
type Chart struct {
	// Title is the chart's caption; "" gives "Changes by round".
	Title string
	// Rounds label the columns: the values of every series, in order.
	Rounds []string
	// Series are the chart's rows.
	Series []ChartSeries
}

// ChartSeries is one row of a Chart.
type ChartSeries struct {
	// Section labels the row.
	Section string
	// Values has one value per round; a negative value marks a round in
	// which the part did not exist (not yet, or no longer), drawn as a gap.
	Values []int
	// Removed marks a part that a later round removed: the gap after its
	// last value says so.
	Removed bool
}

// bigPage is the size of draft text past which the browser is told to
// lay out and paint only the sections near the view (content-visibility),
// so that a megabyte of draft opens and scrolls without stalling. Below it
// the page is simplest as it is.
const bigPage = 256 << 10

// Render writes res as an HTML page to w.
func Render(w io.Writer, res *redline.Result, opts Options) error {
	if res == nil {
		return fmt.Errorf("html: nil result")
	}
	if opts.Layout == "" {
		opts.Layout = Inline
	}
	if _, err := ParseLayout(string(opts.Layout)); err != nil {
		return err
	}
	if opts.View == "" {
		opts.View = Rendered
	}
	if _, err := ParseView(string(opts.View)); err != nil {
		return err
	}
	if opts.Title == "" {
		opts.Title = "Redline"
	}
	if opts.Lang == "" {
		opts.Lang = "en"
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	r := &renderer{w: bw, res: res, opt: opts}
	r.plan()
	r.page()
	return bw.Flush()
}

// renderer holds the state of one Render call.
type renderer struct {
	w   *bufio.Writer
	res *redline.Result
	opt Options
	// secs are the per-section anchors and paragraph labels, computed
	// before anything is written.
	secs []secPlan
	// moves maps a move id to the anchors of its two ends.
	moves map[string]*moveEnds
	// textBytes is the size of all the draft text on the page.
	textBytes int
	// byNew and byOld map a section id on each side to its index in
	// res.Sections.
	byNew, byOld map[string]int
	// sfx is added to block anchors while the second view of a section is
	// written, so that ids stay unique.
	sfx string
	// rowPara is the paragraph number that the next table cell carries.
	rowPara *blockPlan
	// hide marks the blocks of the section being written that a page of
	// changes only leaves out; nil writes them all.
	hide []byte
	// near says on which sides of the block being written a change
	// lies, for a page of changes only to keep the unchanged words near
	// it.
	near nearby
	// iw writes the rendered text of a block; its buffer is kept from
	// block to block.
	iw inlineWriter
}

type secPlan struct {
	anchor string
	blocks []blockPlan
}

type blockPlan struct {
	anchor string
	// para is the paragraph number on the new side, or on the old side
	// when old is true (a block that exists only there).
	para int
	old  bool
}

type moveEnds struct {
	out, in       string // block anchors
	outSec, inSec int    // section indexes
}

func (r *renderer) raw(s string) { r.w.WriteString(s) }

// text writes s escaped for element content and attribute values.
func (r *renderer) text(s string) { writeEscaped(r.w, s) }

// iso writes a string from a draft escaped and isolated (<bdi>), so that
// bidirectional controls in it cannot reorder the text around it.
func (r *renderer) iso(s string) {
	r.raw("<bdi>")
	writeEscaped(r.w, s)
	r.raw("</bdi>")
}

// isoTitle is s isolated with U+2068 and U+2069 for <title> and SVG text,
// where no element may stand; an embedding or override left open inside
// it is closed before the end.
func isoTitle(s string) string {
	return "\u2068" + s + strings.Repeat("\u202c", unclosed(s)) + "\u2069"
}

// unclosed counts the embeddings and overrides (U+202A-202E) that s opens
// and does not close; isolates are closed by U+2069 anyway.
func unclosed(s string) int {
	n := 0
	for _, c := range s {
		switch {
		case c >= 0x202a && c <= 0x202e && c != 0x202c:
			n++
		case c == 0x202c && n > 0:
			n--
		}
	}
	return n
}

func (r *renderer) int(n int) { r.w.WriteString(strconv.Itoa(n)) }

func (r *renderer) page() {
	res, o := r.res, r.opt
	r.raw("<!DOCTYPE html>\n<html lang=\"")
	r.text(o.Lang)
	r.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"")
	r.raw(csp) // ours, with no quote or markup in it
	r.raw("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n")
	if o.Generator != "" {
		r.raw("<meta name=\"generator\" content=\"")
		r.text(o.Generator)
		r.raw("\">\n")
	}
	r.raw("<title>Redline: ")
	r.text(isoTitle(o.Title))
	r.raw(" (")
	r.text(isoTitle(endpointShort(&res.From)))
	r.raw(" \u2192 ")
	r.text(isoTitle(endpointShort(&res.To)))
	r.raw(")</title>\n<style>")
	r.raw(css)
	r.raw("</style>\n</head>\n<body class=\"")
	if o.Layout == SideBySide {
		r.raw("sbs")
	} else {
		r.raw("inl")
	}
	if r.textBytes > bigPage {
		r.raw(" big")
	}
	r.raw(" v-")
	r.raw(string(o.View))
	r.raw("\">\n<a class=\"skip\" href=\"#main\">Skip to the redline</a>\n")
	r.header()
	r.frontMatter()
	r.navBar()
	r.summary()
	r.notable()
	r.toc()
	r.main()
	r.footer()
	r.raw("<script>")
	r.raw(js)
	r.raw("</script>\n</body>\n</html>\n")
}

func (r *renderer) header() {
	res, o := r.res, r.opt
	r.raw("<header class=\"hd wrap\">\n<p class=\"kick\">Redline</p>\n<h1>")
	r.iso(o.Title)
	r.raw("</h1>\n<dl class=\"rounds\">\n<dt>From</dt><dd>")
	r.endpoint(&res.From)
	r.raw("</dd>\n<dt>To</dt><dd>")
	r.endpoint(&res.To)
	r.raw("</dd>\n</dl>\n")
	if o.Generator != "" || !o.Timestamp.IsZero() {
		r.raw("<p class=\"gen\">Generated")
		if o.Generator != "" {
			r.raw(" by ")
			r.text(o.Generator)
		}
		if !o.Timestamp.IsZero() {
			t := o.Timestamp.UTC()
			r.raw(" on <time datetime=\"")
			r.text(t.Format(time.RFC3339))
			r.raw("\">")
			r.text(t.Format("2006-01-02 15:04 UTC"))
			r.raw("</time>")
		}
		r.raw("</p>\n")
	}
	r.raw(`<section class="legend" aria-labelledby="legend-h">
<h2 id="legend-h">Legend</h2>
<ul>
<li><ins>Inserted text</ins> is underlined; <del>deleted text</del> is struck through.</li>
<li><span class="mvx">Moved text</span> is double-underlined where it arrived and <span class="mvx out">double-struck</span> where it left; each end links to the other.</li>
<li>A renumbered or retitled heading shows <del>old</del><span class="arr">&#8594;</span><ins>new</ins>.</li>
<li><span class="bx"></span> A bar in the margin marks a changed paragraph; &#182; numbers cite paragraphs of the new round, &#8220;was &#182;&#8221; those of the old.</li>
<li><span class="wc">+12 &#8722;3</span> after a title counts the words inserted and deleted.</li>
<li>Keys <kbd>n</kbd> and <kbd>p</kbd> go to the next and previous change when scripts run.</li>
`)
	if o.ChangedOnly {
		r.raw(`<li>This page shows the changes only; the full redline shows everything. Unchanged sections and paragraphs away from a change are left out, and a line says how many. In a run of inserted or deleted paragraphs only the first is shown, and a line counts the rest. Inside a paragraph, <small>[&#8230;]</small> stands for unchanged words away from a change, and <small>[&#8230; 12 more inserted words]</small> for the rest of a long insertion or deletion. A paragraph rewritten for the most part shows the start of its old text and of its new. A moved paragraph shows its first words where it left, and where it arrived when its words did not change.</li>
`)
	}
	r.raw(`</ul>
</section>
`)
	r.raw("</header>\n")
}

// endpoint describes one side: round, label, date and commit, or the files
// compared.
func (r *renderer) endpoint(e *redline.Endpoint) {
	r.raw("<span class=\"rl\">")
	r.iso(endpointShort(e))
	r.raw("</span>")
	if e.Round != nil && e.Label != "" {
		r.raw(": ")
		r.iso(e.Label)
	}
	if e.Date != nil {
		t := e.Date.UTC()
		r.raw(" \u00b7 <time datetime=\"")
		r.text(t.Format(time.RFC3339))
		r.raw("\">")
		r.text(e.DateText())
		r.raw("</time>")
	}
	if c := e.ShortCommit(); c != "" {
		r.raw(" \u00b7 commit <code>")
		r.text(c)
		r.raw("</code>")
	}
	if e.Round == nil && len(e.Files) > 0 && !(len(e.Files) == 1 && e.Files[0] == e.Rev) {
		r.raw(" \u00b7 ")
		r.iso(strings.Join(e.Files, ", "))
	}
}

// endpointShort names a side in a few words: "Round 2", a label, a
// revision or the file compared.
func endpointShort(e *redline.Endpoint) string {
	switch {
	case e.Round != nil:
		return "Round " + strconv.Itoa(*e.Round)
	case e.Label != "":
		return e.Label
	case e.Rev != "":
		return e.Rev
	case len(e.Files) > 0:
		return strings.Join(e.Files, ", ")
	}
	return "?"
}

func (r *renderer) navBar() {
	r.raw("<nav class=\"bar\" aria-label=\"Redline\">\n")
	if r.opt.ChangedOnly {
		r.raw("<span>Only changed sections are written</span>\n")
	} else {
		r.raw("<label><input type=\"checkbox\" id=\"only\"> Show only changed sections</label>\n")
	}
	if !r.opt.ChangedOnly {
		// the other view is filled in by the script, so the switch shows
		// only when scripts run
		r.raw("<label class=\"js\" hidden><input type=\"checkbox\" id=\"srcv\"")
		if r.opt.View == Source {
			r.raw(" checked")
		}
		r.raw("> Show Markdown source</label>\n")
	}
	r.raw("<a href=\"#toc\">Contents</a>\n")
	r.raw("<span class=\"js\" hidden><button type=\"button\" id=\"prev\" aria-keyshortcuts=\"p\">&#8593; Previous change</button> <button type=\"button\" id=\"next\" aria-keyshortcuts=\"n\">&#8595; Next change</button> <output id=\"pos\" aria-live=\"polite\"></output></span>\n</nav>\n")
}

func (r *renderer) summary() {
	st := r.res.Stats
	r.raw("<section class=\"sum wrap\" aria-labelledby=\"sum-h\">\n<h2 id=\"sum-h\">Summary</h2>\n<table>\n<caption>Sections</caption>\n<tbody>\n")
	for _, row := range []struct {
		name, key string
		n         int
	}{
		{"Added", "added", st.Sections.Added},
		{"Deleted", "deleted", st.Sections.Deleted},
		{"Modified", "modified", st.Sections.Modified},
		{"Moved", "moved", st.Sections.Moved},
		{"Renamed", "renamed", st.Sections.Renamed},
		{"Renumbered", "renumbered", st.Sections.Renumbered},
		{"Re-levelled", "relevelled", st.Sections.Relevelled},
		{"Unchanged", "unchanged", st.Sections.Unchanged},
	} {
		r.statRow(row.name, "sections."+row.key, row.n)
	}
	r.raw("</tbody>\n</table>\n<table>\n<caption>Words</caption>\n<tbody>\n")
	r.statRow("Inserted", "words.inserted", st.Words.Inserted)
	r.statRow("Deleted", "words.deleted", st.Words.Deleted)
	r.statRow("In the old round", "words.old_total", st.Words.OldTotal)
	r.statRow("In the new round", "words.new_total", st.Words.NewTotal)
	r.raw("</tbody>\n</table>\n</section>\n")
	if len(r.res.Notes) > 0 {
		r.raw("<div class=\"wrap\"><div class=\"notes\" role=\"note\">\n")
		for _, n := range r.res.Notes {
			r.raw("<p>")
			r.text(n)
			r.raw("</p>\n")
		}
		r.raw("</div></div>\n")
	}
}

func (r *renderer) statRow(name, key string, n int) {
	r.raw("<tr><th scope=\"row\">")
	r.raw(name)
	r.raw("</th><td data-stat=\"")
	r.raw(key)
	r.raw("\">")
	r.int(n)
	r.raw("</td></tr>\n")
}

func (r *renderer) notable() {
	s := r.opt.Summary
	if s == nil {
		return
	}
	if len(s.Notable) > 0 {
		r.raw("<section class=\"nt wrap\" aria-labelledby=\"nt-h\">\n<h2 id=\"nt-h\">Notable changes</h2>\n<ul>\n")
		for k := range s.Notable {
			if k == notableShown {
				// The rest fold away, so that a long list does not push
				// the redline down the page.
				r.raw("</ul>\n<details><summary>")
				r.int(len(s.Notable) - k)
				r.raw(" more notable changes</summary>\n<ul>\n")
			}
			r.notableItem(&s.Notable[k])
		}
		r.raw("</ul>\n")
		if len(s.Notable) > notableShown {
			r.raw("</details>\n")
		}
		r.leftOut(s.LeftOut)
		r.raw("</section>\n")
	}
	if s.Chart != nil && len(s.Chart.Series) > 0 {
		r.chart(s.Chart)
	}
}

// notableShown is how many notable changes show before the rest fold.
const notableShown = 12

func (r *renderer) notableItem(n *Notable) {
	r.raw("<li>")
	i, ok := r.sectionIndex(n.Section)
	if ok {
		r.raw("<a href=\"#")
		r.text(r.secs[i].anchor)
		r.raw("\">")
	}
	r.iso(n.Label)
	if ok {
		r.raw("</a>")
	}
	if n.What != "" {
		r.raw(": ")
		r.iso(n.What)
	}
	if sev := severityClass(n.Severity); sev != "" {
		r.raw(" <span class=\"tag sev-")
		r.raw(sev)
		r.raw("\">")
		r.raw(sev)
		r.raw("</span>")
	}
	switch {
	case n.Before != "" && n.After != "":
		r.raw(" <q class=\"o\">")
		r.text(n.Before)
		r.raw("</q><span class=\"arr\">\u2192</span><q class=\"n\">")
		r.text(n.After)
		r.raw("</q>")
	case n.Before != "":
		r.raw(" (was <q class=\"o\">")
		r.text(n.Before)
		r.raw("</q>)")
	case n.After != "":
		r.raw(" (now <q class=\"n\">")
		r.text(n.After)
		r.raw("</q>)")
	}
	r.raw("</li>\n")
}

// severityClass is a notable change's severity as the page writes it:
// high, medium or low, and "" for anything else.
func severityClass(s string) string {
	switch s {
	case "high", "medium", "low":
		return s
	}
	return ""
}

// leftOut says how many notable changes of each rule were left out.
func (r *renderer) leftOut(left []LeftOut) {
	total := 0
	for _, l := range left {
		total += l.Count
	}
	if total == 0 {
		return
	}
	r.raw("<p class=\"lo\">")
	r.int(total)
	r.raw(wording.Plural(total, " more notable change", " more notable changes"))
	r.raw(" left out, too many to list: ")
	sep := ""
	for _, l := range left {
		if l.Count <= 0 {
			continue
		}
		r.raw(sep)
		r.int(l.Count)
		r.raw(" ")
		r.iso(l.Rule)
		sep = ", "
	}
	r.raw(".</p>\n")
}

// sectionIndex finds a section by its redline id, then by its id on the new
// side, then on the old.
func (r *renderer) sectionIndex(id string) (int, bool) {
	if id == "" {
		return 0, false
	}
	for i := range r.res.Sections {
		if r.res.Sections[i].ID == id {
			return i, true
		}
	}
	if i, ok := r.byNew[id]; ok {
		return i, true
	}
	i, ok := r.byOld[id]
	return i, ok
}

func (r *renderer) toc() {
	secs := r.res.Sections
	changed := 0
	for i := range secs {
		if secs[i].Changed() {
			changed++
		}
	}
	r.raw("<nav class=\"toc wrap\" id=\"toc\" aria-labelledby=\"toc-h\">\n<details")
	if len(secs) <= tocOpenMax {
		r.raw(" open")
	}
	r.raw("><summary><h2 id=\"toc-h\">Contents</h2> <span class=\"wc\">")
	r.int(len(secs))
	r.raw(wording.Plural(len(secs), " section", " sections"))
	r.raw(", ")
	r.int(changed)
	r.raw(" changed</span></summary>\n<ul>\n")
	for i := range secs {
		s := &secs[i]
		ref := side(s)
		r.raw("<li class=\"l")
		r.int(min(ref.Level, 6))
		r.raw(" ")
		r.raw(statusClass(s))
		r.raw("\"><a href=\"#")
		r.text(r.secs[i].anchor)
		r.raw("\">")
		r.iso(ref.Label())
		r.raw("</a>")
		r.tags(s, false)
		if s.Words.Inserted > 0 || s.Words.Deleted > 0 {
			r.raw(" ")
			r.wordCounts(s.Words)
		}
		r.raw("</li>\n")
	}
	r.raw("</ul>\n</details>\n</nav>\n")
}

// tocOpenMax is the largest table of contents shown open: past it, the
// contents start folded so that the redline is near the top of the page.
const tocOpenMax = 60

func (r *renderer) wordCounts(w redline.WordCounts) {
	r.raw("<span class=\"wc\">+")
	r.int(w.Inserted)
	r.raw(" \u2212")
	r.int(w.Deleted)
	r.raw("</span>")
}

// side returns the section's new side, or its old one when it was deleted.
func side(s *redline.SectionDiff) *redline.SectionRef {
	if s.New != nil {
		return s.New
	}
	if s.Old != nil {
		return s.Old
	}
	return &redline.SectionRef{ID: s.ID}
}

// statusClass is the section's CSS class for its status.
func statusClass(s *redline.SectionDiff) string {
	switch s.Status {
	case redline.Added:
		return "add"
	case redline.Deleted:
		return "del"
	case redline.Unchanged:
		if s.Changed() {
			return "mod"
		}
		return "same"
	}
	return "mod"
}

// tags writes the section's status words, each as text, never colour alone;
// showSame adds "unchanged" to a section that did not change.
func (r *renderer) tags(s *redline.SectionDiff, showSame bool) {
	tag := func(class, text string) {
		r.raw(" <span class=\"tag ")
		r.raw(class)
		r.raw("\">")
		r.raw(text)
		r.raw("</span>")
	}
	switch s.Status {
	case redline.Added:
		tag("add", "added")
	case redline.Deleted:
		tag("del", "deleted")
	case redline.Modified:
		tag("mod", "modified")
	default:
		if showSame && !s.Changed() {
			tag("same", "unchanged")
		}
	}
	if s.Moved {
		tag("mv", "moved")
	}
	if s.Renamed {
		tag("mod", "renamed")
	}
	if s.Renumbered {
		tag("mod", "renumbered")
	}
	if s.Relevelled {
		tag("mod", "re-levelled")
	}
}

func (r *renderer) footer() {
	r.raw("<footer class=\"ft wrap\">\n<p>")
	if r.opt.Generator != "" {
		r.raw("Generated by ")
		r.text(r.opt.Generator)
		r.raw(". ")
	}
	r.raw("Draft text is data: no markup, script or style from a draft runs here. The rendered view shows emphasis, code, tables, lists and links to http, https, mailto, relative and in-page addresses; anything else shows as text, and an image as its description in brackets.</p>\n</footer>\n")
}

// frontMatter writes the front-matter fields that changed as a small table.
func (r *renderer) frontMatter() {
	f := r.opt.FrontMatter
	if len(f) == 0 && !r.res.MetadataChanged {
		return
	}
	r.raw("<section class=\"fm wrap\" aria-labelledby=\"fm-h\">\n<h2 id=\"fm-h\">Front matter</h2>\n")
	if len(f) == 0 {
		r.raw("<p>The front matter changed.</p>\n</section>\n")
		return
	}
	r.raw("<table>\n<thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Old</th><th scope=\"col\">New</th></tr></thead>\n<tbody>\n")
	for _, x := range f {
		r.raw("<tr><th scope=\"row\">")
		r.iso(x.Key)
		r.raw("</th><td>")
		if x.Old == "" {
			r.raw("<span class=\"wc\">(none)</span>")
		} else {
			r.raw("<del>")
			r.iso(x.Old)
			r.raw("</del>")
		}
		r.raw("</td><td>")
		if x.New == "" {
			r.raw("<span class=\"wc\">(removed)</span>")
		} else {
			r.raw("<ins>")
			r.iso(x.New)
			r.raw("</ins>")
		}
		r.raw("</td></tr>\n")
	}
	r.raw("</tbody>\n</table>\n</section>\n")
}
