package html

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestContrast checks the colour pairs the page puts text in against WCAG's
// 4.5:1 for normal text, in the light, dark and print palettes.
func TestContrast(t *testing.T) {
	// Text colour on the background it is drawn on.
	pairs := [][2]string{
		{"fg", "bg"}, {"mut", "bg"}, {"mut", "pan"}, {"lnk", "bg"}, {"fg", "pan"},
		{"ins", "insb"}, {"del", "delb"}, {"mv", "mvb"}, {"mod", "bg"},
		{"ins", "cur"}, {"del", "cur"}, {"fg", "cur"},
	}
	root := palette(t, between(t, css, ":root{", "}"))
	dark := merge(root, palette(t, between(t, css, "@media (prefers-color-scheme:dark){:root{", "}")))
	print := merge(root, palette(t, between(t, css, "@media print{\n@page{size:A4;margin:16mm 14mm 18mm 14mm}\n:root{", "}")))
	for name, p := range map[string]map[string]string{"light": root, "dark": dark, "print": print} {
		for _, pr := range pairs {
			a, b := p[pr[0]], p[pr[1]]
			if a == "" || b == "" {
				t.Fatalf("%s: no --%s or --%s", name, pr[0], pr[1])
			}
			if c := contrast(a, b); c < 4.5 {
				t.Errorf("%s: --%s %s on --%s %s: contrast %.2f, want at least 4.5", name, pr[0], a, pr[1], b, c)
			}
		}
	}
}

var cssVar = regexp.MustCompile(`--([a-z]+):(#[0-9a-f]{3,6})`)

func palette(t *testing.T, block string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, v := range cssVar.FindAllStringSubmatch(block, -1) {
		m[v[1]] = v[2]
	}
	return m
}

func merge(base, over map[string]string) map[string]string {
	m := map[string]string{}
	for k, v := range base {
		m[k] = v
	}
	for k, v := range over {
		m[k] = v
	}
	return m
}

func luminance(hex string) float64 {
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		n, _ := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		c := float64(n) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}
