// Package site writes the static review site of a draft's whole history:
// an index of rounds with the convergence table and churn chart, each round
// as a document, the redline of each consecutive pair and of the first
// round against the last, a page per top-level section with its lineage,
// versions and redlines, and a blame view of each round.
//
// Every page is one self-contained file: its style is inline and admitted
// by hash in a strict Content-Security-Policy, it loads nothing from the
// network and links only relatively, so the folder works from file:// and
// from any static host. The output is deterministic and incremental: a
// manifest records the inputs of each page, and a page whose inputs did not
// change is neither rendered nor written again.
package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/codraft/codraft/internal/blame"
	"github.com/codraft/codraft/internal/lineage"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/render/html"
)

// layoutVersion changes whenever the pages' layout changes, so that an
// update of codraft renders every page again.
const layoutVersion = "codraft-site/1"

// ManifestName is the manifest's file name in the site's folder.
const ManifestName = ".codraft-site.json"

// Options tunes the site.
type Options struct {
	// Dir is the folder the site is written to.
	Dir string
	// BaseURL, when set, is where the site will be published: each page
	// gets a canonical link under it. Links between pages stay relative.
	BaseURL string
	// Title is the document's title.
	Title string
	// Generator names the program and its version.
	Generator string
}

// RoundInfo is one round as the index shows it.
type RoundInfo struct {
	Number int
	Label  string
	Date   time.Time
	Commit string
	// Groups are the working groups cited by the round's commits.
	Groups []string
	// Words is the round's total; Inserted and Deleted the change since
	// the round before.
	Words, Inserted, Deleted int
	// SectionsChanged counts the sections that changed in any way.
	SectionsChanged int
	Notable         []Notable
}

// Notable is one notable change, as the summary finds them.
type Notable struct {
	// Section is the section's id in the round's redline.
	Section, Label, What, Before, After string
	// Line is the change in one line of text.
	Line string
}

// Step is one round handed to the builder.
type Step struct {
	Round RoundInfo
	// Result compares the round before (an empty draft for the first)
	// with this one.
	Result *redline.Result
	// Lineage is the lineage with this round already added.
	Lineage *lineage.Lineage
	// Blame is the blame of this round.
	Blame []*blame.Block
	// Inputs identifies what the round's pages are made of besides the
	// rounds before it: its commit and the working groups it cites.
	Inputs string
}

// Stats counts what a build did.
type Stats struct {
	Pages, Written, Unchanged, Removed int
	Bytes                              int64
}

type manifest struct {
	Schema string               `json:"schema"`
	Pages  map[string]pageEntry `json:"pages"`
}

type pageEntry struct {
	Input  string `json:"input,omitempty"`
	Output string `json:"output"`
}

// Builder writes the site one round at a time.
type Builder struct {
	o      Options
	old    manifest
	cur    manifest
	stats  Stats
	rounds []RoundInfo
	// chain identifies the rounds added so far and the site's options.
	chain string
	// pages names the page of each top-level section line, by node.
	pages map[*lineage.Node]string
	used  map[string]bool
	// lines are the section pages in order of first appearance.
	lines []*sectionLine
	byPg  map[string]*sectionLine
	spool *os.File
	// first is the first round's redline against an empty draft's
	// endpoint, kept for the first-against-last redline.
	firstEP redline.Endpoint
}

// New prepares a build into o.Dir, reading the manifest of the last build
// there, if any.
func New(o Options) (*Builder, error) {
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, err
	}
	b := &Builder{o: o, pages: map[*lineage.Node]string{}, used: map[string]bool{}, byPg: map[string]*sectionLine{}}
	b.cur = manifest{Schema: "codraft.site-manifest/v1", Pages: map[string]pageEntry{}}
	data, err := os.ReadFile(filepath.Join(o.Dir, ManifestName))
	switch {
	case err == nil:
		if json.Unmarshal(data, &b.old) != nil {
			b.old = manifest{}
		}
	case !errors.Is(err, os.ErrNotExist):
		return nil, err
	}
	sp, err := os.CreateTemp(o.Dir, ".codraft-site-spool-*")
	if err != nil {
		return nil, err
	}
	b.spool = sp
	b.chain = hash(layoutVersion, o.BaseURL, o.Title, o.Generator)
	return b, nil
}

func hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Close removes the builder's temporary files; Finish calls it.
func (b *Builder) Close() {
	if b.spool != nil {
		name := b.spool.Name()
		b.spool.Close()
		os.Remove(name)
		b.spool = nil
	}
}

// emit writes the page at path (slash-separated, relative to the site)
// unless the manifest shows that its inputs (key, when not "") are those of
// the last build and the file is still what that build wrote; a page whose
// rendering did not change is not written again either.
func (b *Builder) emit(path, key string, render func(io.Writer) error) error {
	full := filepath.Join(b.o.Dir, filepath.FromSlash(path))
	b.stats.Pages++
	if old, ok := b.old.Pages[path]; ok && key != "" && old.Input == key {
		if sum, size, err := fileHash(full); err == nil && sum == old.Output {
			b.cur.Pages[path] = old
			b.stats.Unchanged++
			b.stats.Bytes += size
			return nil
		}
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sum := sha256.Sum256(buf.Bytes())
	out := hex.EncodeToString(sum[:])
	b.cur.Pages[path] = pageEntry{Input: key, Output: out}
	b.stats.Bytes += int64(buf.Len())
	if old, _, err := fileHash(full); err == nil && old == out {
		b.stats.Unchanged++
		return nil
	}
	b.stats.Written++
	return writeAtomic(full, buf.Bytes())
}

func fileHash(path string) (string, int64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", 0, err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), int64(len(data)), nil
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// Add renders the pages of one round: the round as a document, its redline
// against the round before, and its blame; and keeps what the section
// pages and the index need.
func (b *Builder) Add(st *Step) error {
	b.chain = hash(b.chain, st.Inputs)
	r := st.Round
	b.rounds = append(b.rounds, r)
	ri := len(b.rounds) - 1
	if ri == 0 {
		b.firstEP = st.Result.To
	}
	nodes := st.Lineage.Sections[ri]
	b.namePages(nodes, r.Number)
	if err := b.spoolSections(st, nodes); err != nil {
		return err
	}
	key := b.chain
	secs := Sections(st.Result)
	if err := b.emit(fmt.Sprintf("rounds/%d.html", r.Number), key, func(w io.Writer) error {
		return b.writeRound(w, &r, secs, nodes)
	}); err != nil {
		return err
	}
	if ri > 0 {
		prev := b.rounds[ri-1].Number
		path := fmt.Sprintf("redlines/%d-%d.html", prev, r.Number)
		if err := b.emit(path, key, func(w io.Writer) error {
			return b.writeRedline(w, path, st.Result, r.Notable)
		}); err != nil {
			return err
		}
	}
	bp := BlamePage{Title: b.o.Title, Rounds: b.rounds, Round: r.Number, Blocks: st.Blame, Generator: b.o.Generator, BaseURL: b.o.BaseURL, InSite: true}
	return b.emit(fmt.Sprintf("blame/%d.html", r.Number), key, func(w io.Writer) error { return WriteBlame(w, bp) })
}

// FirstLastPath is the path of the redline of the first round against the
// last, when there are more than two rounds ("" otherwise).
func (b *Builder) FirstLastPath() string {
	if len(b.rounds) < 3 {
		return ""
	}
	return fmt.Sprintf("redlines/%d-%d.html", b.rounds[0].Number, b.rounds[len(b.rounds)-1].Number)
}

// NeedFirstLast reports whether the redline of the first round against the
// last must be rendered: the caller computes it only then.
func (b *Builder) NeedFirstLast() bool {
	p := b.FirstLastPath()
	if p == "" {
		return false
	}
	old, ok := b.old.Pages[p]
	if !ok || old.Input != hash(b.chain, "first-last") {
		return true
	}
	sum, _, err := fileHash(filepath.Join(b.o.Dir, filepath.FromSlash(p)))
	return err != nil || sum != old.Output
}

// AddFirstLast renders the redline of the first round against the last;
// res is nil when NeedFirstLast said it was not needed.
func (b *Builder) AddFirstLast(res *redline.Result, notable []Notable) error {
	p := b.FirstLastPath()
	if p == "" {
		return nil
	}
	return b.emit(p, hash(b.chain, "first-last"), func(w io.Writer) error {
		if res == nil {
			return errors.New("the redline of the first round against the last is needed")
		}
		return b.writeRedline(w, p, res, notable)
	})
}

// writeRedline renders the HTML redline and gives it the site's links and,
// with a base URL, its canonical link.
func (b *Builder) writeRedline(w io.Writer, path string, res *redline.Result, notable []Notable) error {
	hs := &html.Summary{}
	for _, n := range notable {
		hs.Notable = append(hs.Notable, html.Notable{Section: n.Section, Label: n.Label, What: n.What, Before: n.Before, After: n.After})
	}
	if len(hs.Notable) == 0 {
		hs = nil
	}
	var buf bytes.Buffer
	if err := html.Render(&buf, res, html.Options{Title: b.o.Title, Generator: b.o.Generator, Summary: hs}); err != nil {
		return err
	}
	page := buf.Bytes()
	up := strings.Repeat("../", strings.Count(path, "/"))
	nav := "<nav class=\"site\" aria-label=\"Site\"><a href=\"" + up + "index.html\">\u2190 All rounds of " + escape(b.o.Title) + "</a></nav>\n"
	page = insertAfterTag(page, "<body", nav)
	if b.o.BaseURL != "" {
		page = insertBefore(page, "</head>", "<link rel=\"canonical\" href=\""+escape(canonical(b.o.BaseURL, path))+"\">\n")
	}
	_, err := w.Write(page)
	return err
}

// insertAfterTag inserts s after the first tag that starts with open (and
// the line end after it).
func insertAfterTag(page []byte, open, s string) []byte {
	i := bytes.Index(page, []byte(open))
	if i < 0 {
		return page
	}
	j := bytes.IndexByte(page[i:], '>')
	if j < 0 {
		return page
	}
	at := i + j + 1
	if at < len(page) && page[at] == '\n' {
		at++
	}
	return append(page[:at:at], append([]byte(s), page[at:]...)...)
}

func insertBefore(page []byte, mark, s string) []byte {
	i := bytes.Index(page, []byte(mark))
	if i < 0 {
		return page
	}
	return append(page[:i:i], append([]byte(s), page[i:]...)...)
}

// namePages gives each top-level section of the round its page: the page of
// the top-level section it continues, else a new one named after its id
// (with the round number when an earlier line had that name).
func (b *Builder) namePages(nodes []*lineage.Node, round int) {
	for _, n := range nodes {
		if n.Top != n {
			continue
		}
		if p := n.Predecessor(); p != nil && b.pages[p] != "" {
			b.pages[n] = b.pages[p]
			continue
		}
		name := slugAnchor(n.Ref.ID)
		if b.used[name] {
			name = fmt.Sprintf("%s-r%d", name, round)
			for k := 2; b.used[name]; k++ {
				name = fmt.Sprintf("%s-r%d-%d", slugAnchor(n.Ref.ID), round, k)
			}
		}
		b.used[name] = true
		b.pages[n] = name
		sl := &sectionLine{page: name}
		b.lines = append(b.lines, sl)
		b.byPg[name] = sl
	}
}

// pageOf is the section page of a node's top-level section ("" for the
// preamble and headings above the top level).
func (b *Builder) pageOf(n *lineage.Node) string {
	if n == nil || n.Top == nil {
		return ""
	}
	return b.pages[n.Top]
}

// Finish writes the section pages and the index, removes the pages of the
// last build that this one no longer has, and writes the manifest.
func (b *Builder) Finish(l *lineage.Lineage) (Stats, error) {
	defer b.Close()
	for _, sl := range b.lines {
		if err := b.emit("sections/"+sl.page+".html", "", func(w io.Writer) error { return b.writeSection(w, l, sl) }); err != nil {
			return b.stats, err
		}
	}
	if err := b.emit("index.html", "", func(w io.Writer) error { return b.writeIndex(w, l) }); err != nil {
		return b.stats, err
	}
	var stale []string
	for p := range b.old.Pages {
		if _, ok := b.cur.Pages[p]; !ok {
			stale = append(stale, p)
		}
	}
	sort.Strings(stale)
	for _, p := range stale {
		if err := os.Remove(filepath.Join(b.o.Dir, filepath.FromSlash(p))); err == nil {
			b.stats.Removed++
		}
	}
	data, err := json.MarshalIndent(b.cur, "", " ")
	if err != nil {
		return b.stats, err
	}
	return b.stats, writeAtomic(filepath.Join(b.o.Dir, ManifestName), append(data, '\n'))
}
