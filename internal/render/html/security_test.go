package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/codraft/codraft/internal/render/rendertest"
)

// The page may hold these elements and attributes and no others: anything
// else would have come from a draft.
var (
	allowedElements = set("html head meta title style body a header p h1 h2 h3 h4 h5 h6 dl dt dd span time code " +
		"section ul li ins del kbd nav label input button output table caption tbody tr th td div details summary " +
		"main pre blockquote footer script template figure figcaption svg desc text rect q bdi ol strong em s br hr thead small")
	allowedAttrs = set("lang charset http-equiv content name class id href aria-label aria-labelledby aria-live " +
		"aria-keyshortcuts aria-hidden role type hidden checked open scope datetime data-stat data-sv xmlns viewbox width height x y title dir value tabindex")
	safeID     = regexp.MustCompile(`^[\p{L}\p{N}_.-]+$`)
	safeIDTail = regexp.MustCompile(`^[\p{L}\p{N}_.-]*$`)
	// a draft's link may keep an http, https or mailto address, or a
	// relative path, query or fragment without a scheme, white space or
	// backslash (as inline.SafeHref lets through)
	safeLink  = regexp.MustCompile(`^(?i:https?://[^/\\\s]|mailto:|/[^/\\\s]|/$|[?#]|[^:/?#\\\s][^:?#\\\s]*(?:[/?#]|$))[^\\\s\x00-\x1f]*$`)
	digits    = regexp.MustCompile(`^[0-9]{1,10}$`)
	safeClass = regexp.MustCompile(`^[a-z0-9 -]*$`)
)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// checkMarkup parses page and reports every element or attribute that the
// renderer does not write itself.
func checkMarkup(t *testing.T, name string, page []byte) {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: parse: %v", name, err)
	}
	scripts, styles := 0, 0
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.CommentNode {
			t.Errorf("%s: comment %q in page", name, n.Data)
		}
		if n.Type == xhtml.ElementNode {
			tag := strings.ToLower(n.Data)
			if !allowedElements[tag] {
				t.Errorf("%s: element <%s> is not the renderer's", name, n.Data)
			}
			switch tag {
			case "script":
				scripts++
				if n.FirstChild == nil || n.FirstChild.Data != js || n.FirstChild.NextSibling != nil {
					t.Errorf("%s: a script that is not ours", name)
				}
			case "style":
				styles++
				if n.FirstChild == nil || n.FirstChild.Data != css {
					t.Errorf("%s: a style sheet that is not ours", name)
				}
			}
			checkAttrs(t, name, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 1 || styles != 1 {
		t.Errorf("%s: %d scripts and %d style sheets, want 1 and 1", name, scripts, styles)
	}
}

// checkAttrs reports every attribute of element n, or value of one, that
// the renderer does not write itself.
func checkAttrs(t *testing.T, name string, n *xhtml.Node) {
	t.Helper()
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case !allowedAttrs[key] || a.Namespace != "":
			t.Errorf("%s: attribute %s=%q on <%s> is not the renderer's", name, a.Key, a.Val, n.Data)
		case key == "href" && !(strings.HasPrefix(a.Val, "#") && safeID.MatchString(a.Val[1:])) && !safeLink.MatchString(a.Val):
			t.Errorf("%s: link to %q", name, a.Val)
		case key == "dir" && a.Val != "auto", key == "value" && !digits.MatchString(a.Val), key == "tabindex" && a.Val != "0":
			t.Errorf("%s: %s=%q", name, key, a.Val)
		case key == "id" && !safeID.MatchString(a.Val):
			t.Errorf("%s: id %q", name, a.Val)
		case key == "class" && !safeClass.MatchString(a.Val):
			t.Errorf("%s: class %q", name, a.Val)
		case key == "content" && strings.EqualFold(attr(n, "http-equiv"), "Content-Security-Policy") && a.Val != csp:
			t.Errorf("%s: CSP %q", name, a.Val)
		case key == "data-sv":
			if n.Data != "div" || attr(n, "class") != "body sv two" || n.FirstChild != nil {
				t.Errorf("%s: data-sv on <%s class=%q> with children: not the source view's empty body", name, n.Data, attr(n, "class"))
			}
			if err := checkSourceData(a.Val); err != nil {
				t.Errorf("%s: data-sv: %v", name, err)
			}
		}
	}
}

// checkSourceData checks that the data of a source view has the shape the
// page's script reads: every class and anchor one the renderer writes,
// every part of a known kind, every link a fragment of the page; the rest
// is text.
func checkSourceData(val string) error {
	var blocks [][]any
	if err := json.Unmarshal([]byte(val), &blocks); err != nil {
		return err
	}
	str := func(v any) (string, bool) { s, ok := v.(string); return s, ok }
	for _, b := range blocks {
		if len(b) < 4 {
			return fmt.Errorf("block %v: fewer than 4 fields", b)
		}
		cls, ok1 := str(b[0])
		tail, ok2 := str(b[1])
		_, ok3 := b[2].(float64)
		if !ok1 || !ok2 || !ok3 || !safeClass.MatchString(cls) || !safeIDTail.MatchString(tail) {
			return fmt.Errorf("block %v: bad class, anchor or number", b[:3])
		}
		for _, p := range b[3:] {
			part, ok := p.([]any)
			if !ok || len(part) < 2 {
				return fmt.Errorf("part %v", p)
			}
			for _, f := range part {
				if _, ok := str(f); !ok {
					return fmt.Errorf("part %v: a field that is not a string", part)
				}
			}
			kind, _ := str(part[0])
			class, _ := str(part[1])
			if !safeClass.MatchString(class) {
				return fmt.Errorf("part %v: class %q", part, class)
			}
			switch kind {
			case "p", "pre", "q":
				for _, f := range part[2:] {
					if s, _ := str(f); s == "" || !strings.ContainsRune(" +-", rune(s[0])) {
						return fmt.Errorf("run %q: no mark", s)
					}
				}
			case "m":
				if len(part) != 6 {
					return fmt.Errorf("move note %v", part)
				}
				if href, _ := str(part[3]); href != "" && !safeID.MatchString(href) {
					return fmt.Errorf("move note %v", part)
				}
			case "e":
				if len(part) != 2 {
					return fmt.Errorf("empty column %v", part)
				}
			default:
				return fmt.Errorf("part of kind %q", kind)
			}
		}
	}
	return nil
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is the text content of the parsed page.
func textOf(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

func hostileOptions(l Layout, firstSection string) Options {
	p := rendertest.Payloads
	return Options{Title: p[0], Generator: p[1], Layout: l, Lang: `en" onload="x`,
		Summary: &Summary{
			Notable: []Notable{{Section: firstSection, Label: p[2], What: p[3], Before: p[6], After: p[7]}, {Label: p[8], Before: p[9]}},
			Chart:   &Chart{Title: p[8], Rounds: []string{p[9], p[10]}, Series: []ChartSeries{{Section: p[4], Values: []int{3, 5}}, {Section: p[11], Values: []int{1}}}},
		}}
}

func TestHostileDrafts(t *testing.T) {
	for _, c := range allCases(t) {
		for _, l := range []Layout{Inline, SideBySide} {
			for _, v := range []View{Rendered, Source} {
				name := c.Name + "/" + string(l) + "/" + string(v)
				opts := hostileOptions(l, c.Result.Sections[0].ID)
				opts.View = v
				var buf bytes.Buffer
				if err := Render(&buf, c.Result, opts); err != nil {
					t.Fatal(err)
				}
				checkMarkup(t, name, buf.Bytes())
				text := textOf(t, buf.Bytes())
				// The payloads are still there, as text.
				for _, p := range rendertest.Payloads[:4] {
					if !strings.Contains(text, strings.ReplaceAll(p, "\x00", "\uFFFD")) {
						t.Errorf("%s: payload %q is not in the page's text", name, p)
					}
				}
				if c.Name != "hostile" {
					continue
				}
				want := []string{"<script>window.__pwned=1</script>", `<img src=x onerror="window.__pwned=5">`,
					`<svg onload="window.__pwned=7">`, "{++ not an insertion ++}"}
				if v == Source {
					want = append(want, "[javascript link](javascript:window.__pwned=3)")
				} else {
					// a link whose target may not be followed is its text
					want = append(want, "javascript link")
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("%s: draft text %q is not shown as text", name, w)
					}
				}
			}
			// a page of changes only cuts draft text short: what it
			// keeps stays text too
			for _, v := range []View{Rendered, Source} {
				opts := hostileOptions(l, c.Result.Sections[0].ID)
				opts.View, opts.ChangedOnly = v, true
				var buf bytes.Buffer
				if err := Render(&buf, c.Result, opts); err != nil {
					t.Fatal(err)
				}
				checkMarkup(t, c.Name+"/"+string(l)+"/"+string(v)+"/changed-only", buf.Bytes())
			}
		}
	}
}

func TestEscape(t *testing.T) {
	var b strings.Builder
	writeEscaped(&b, "a<b>&\"c'\x00d\xff")
	if got, want := b.String(), "a&lt;b&gt;&amp;&#34;c&#39;\uFFFDd\uFFFD"; got != want {
		t.Errorf("writeEscaped = %q, want %q", got, want)
	}
}
