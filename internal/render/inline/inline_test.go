package inline

import (
	"strings"
	"testing"
)

// show writes what a reading shows of s: markup dropped, styled content
// wrapped in tags named by its style (e, s, c, x, i), links as {text|dest}.
func show(s string, opts Option) string {
	r := Parse(s, opts)
	var b strings.Builder
	var cur Style
	link := ""
	tags := []struct {
		bit  Style
		name string
	}{{Strong, "s"}, {Em, "e"}, {Strike, "x"}, {Code, "c"}, {Image, "i"}}
	closeAll := func() {
		for k := len(tags) - 1; k >= 0; k-- {
			if cur&tags[k].bit != 0 {
				b.WriteString("</" + tags[k].name + ">")
			}
		}
		cur = 0
	}
	for i := 0; i < len(s); i++ {
		if r.Markup[i] {
			continue
		}
		if l := r.Link(i); l != link {
			closeAll()
			if link != "" {
				b.WriteString("|" + link + "}")
			}
			if l != "" {
				b.WriteString("{")
			}
			link = l
		}
		if st := r.Style[i]; st != cur {
			closeAll()
			for _, t := range tags {
				if st&t.bit != 0 {
					b.WriteString("<" + t.name + ">")
				}
			}
			cur = st
		}
		b.WriteString(r.Text(i))
	}
	closeAll()
	if link != "" {
		b.WriteString("|" + link + "}")
	}
	return b.String()
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		opts Option
		want string
	}{
		{"plain text", 0, "plain text"},
		{"a *b* and **c** and `d*e*`", 0, "a <e>b</e> and <s>c</s> and <c>d*e*</c>"},
		{"***both***", 0, "<s><e>both</e></s>"},
		{"_a_ b_c_d __e__", 0, "<e>a</e> b_c_d <s>e</s>"},
		{"~one~ ~~two~~ ~~~three~~~ ~a~~", 0, "<x>one</x> <x>two</x> ~~~three~~~ ~a~~"},
		{"*open only", 0, "*open only"},
		{"**a *b* c**", 0, "<s>a </s><s><e>b</e></s><s> c</s>"},
		{"`` a`b ``", 0, "<c>a`b</c>"},
		{"` `", 0, "<c> </c>"},
		{"`unclosed", 0, "`unclosed"},
		{`\*not em\* \\`, 0, `*not em* \`},
		{`a\b`, 0, `a\b`},
		{"see [the annex](https://example.org/a \"T\") now", 0, "see {the annex|https://example.org/a} now"},
		{"[a](<b c>)", 0, "{a|b c}"},
		{`[a](b\_c&amp;d)`, 0, "{a|b_c&d}"},
		{"[ref][label] and [short][]", 0, "ref and short"},
		{"[no tail] here", 0, "[no tail] here"},
		{"[a [b](x) c](y)", 0, "[a {b|x} c](y)"},
		{"[*em* link](x)", 0, "{<e>em</e> link|x}"},
		{"*a [b* c](x)", 0, "*a {b* c|x}"},
		{"![a chart](c.png)", 0, "a chart"},
		{"![a chart](c.png)", FrameAlt, "<i>[a chart]</i>"},
		{"[![logo](l.png)](https://x.example)", FrameAlt, "{<i>[logo]</i>|https://x.example}"},
		{"<https://example.org/x> <a@b.example>", 0, "{https://example.org/x|https://example.org/x} {a@b.example|mailto:a@b.example}"},
		{"<not a link> and <3 and a < b>", 0, " and <3 and a < b>"},
		{"a <span class=\"x\">b</span> <!-- c --> d", 0, "a b  d"},
		{"a <span>b</span>", HTMLAsText, "a <span>b</span>"},
		{"&amp; &eacute; &#65; &#x42; &#0; &bogus; &", 0, "& é A B \uFFFD &bogus; &"},
	} {
		if got := show(c.in, c.opts); got != c.want {
			t.Errorf("show(%q, %d) = %q, want %q", c.in, c.opts, got, c.want)
		}
	}
}

func TestPlain(t *testing.T) {
	r := Plain("*a* &amp;", Code)
	for i := range r.Markup {
		if r.Markup[i] || r.Style[i] != Code || r.Link(i) != "" {
			t.Fatalf("byte %d: markup %v, style %v, link %q", i, r.Markup[i], r.Style[i], r.Link(i))
		}
	}
	if got := r.Text(4); got != "&" {
		t.Errorf("Text(4) = %q, want %q", got, "&")
	}
}

func TestTooLongIsContent(t *testing.T) {
	s := strings.Repeat("*a* ", MaxLen/4+1)
	r := Parse(s, 0)
	if r.Markup[0] || r.Style[1] != 0 {
		t.Errorf("a text over MaxLen was read for Markdown")
	}
}

func TestSafeHref(t *testing.T) {
	for d, want := range map[string]bool{
		"https://a.example/x": true, "http://a.example": true, "mailto:a@b.example": true, "annex.md": true,
		"/x/y": true, "#frag": true, "../up?x=1": true, "a/b:c": true,
		"javascript:x": false, "JavaScript:x": false, "data:text/html,x": false, "vbscript:x": false,
		"//evil.example": false, "/\\evil.example": false, "java\tscript:x": false, "http:evil": false,
		"": false, "a b": false, "\u202ehttps://x": false,
		"https:///": false, "https:///evil.example/": false, "http://": false, "https://?q": false, "HTTPS://#f": false,
	} {
		if got := SafeHref(d); got != want {
			t.Errorf("SafeHref(%q) = %v, want %v", d, got, want)
		}
	}
}

// An entity in a destination is decoded before the check, as a browser
// would read it: it cannot smuggle a scheme past SafeHref.
func TestEntityInDestination(t *testing.T) {
	r := Parse("[x](jav&#x61;script:alert(1))", 0)
	if d := r.Link(1); d != "javascript:alert(1)" || SafeHref(d) {
		t.Errorf("Link = %q (safe %v), want the decoded, unsafe javascript:alert(1)", d, SafeHref(d))
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a *b* **c** `d`", "[a](b) ![c](d) <e@f.g> &amp;", "~~x~~ _y_ <span>z</span>", "[[[", "*_*_*_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range []Option{0, FrameAlt | HTMLAsText} {
			r := Parse(s, o)
			if len(r.Markup) != len(s) || len(r.Style) != len(s) {
				t.Fatalf("reading of %d bytes for a text of %d", len(r.Markup), len(s))
			}
			for i := range s {
				_ = r.Link(i)
				if !r.Markup[i] && r.Text(i) == "" {
					t.Fatalf("content byte %d shows nothing", i)
				}
			}
		}
	})
}
