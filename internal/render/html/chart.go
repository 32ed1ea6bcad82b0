package html

import (
	"strconv"
	"strings"
)

// chart draws c as an inline SVG table of bars: one row per series, one
// column per round, each bar as long as its value against the largest. No
// script, no style attributes (the CSP forbids them): classes only.
func (r *renderer) chart(c *Chart) {
	const (
		labelW = 230 // the row labels' column
		colW   = 96  // one round
		barMax = 58  // the longest bar
		rowH   = 22
		top    = 26 // the round labels
	)
	cols := len(c.Rounds)
	peak := 0
	for _, s := range c.Series {
		cols = max(cols, len(s.Values))
		for _, v := range s.Values {
			peak = max(peak, v)
		}
	}
	title := c.Title
	if title == "" {
		title = "Changes by round"
	}
	w := labelW + cols*colW + 8
	h := top + len(c.Series)*rowH + 6
	num := strconv.Itoa

	// a named section is a landmark, so the chart is in one, as the
	// summary above it is
	r.raw("<section class=\"chart wrap\" aria-labelledby=\"chart-c\">\n<h2 id=\"chart-c\">")
	r.text(title)
	r.raw("</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
	r.raw(num(w) + " " + num(h) + "\" width=\"" + num(w) + "\" height=\"" + num(h))
	r.raw("\" role=\"img\" aria-labelledby=\"chart-t chart-d\">\n<title id=\"chart-t\">")
	r.text(title)
	r.raw("</title>\n<desc id=\"chart-d\">")
	for k, s := range c.Series {
		if k > 0 {
			r.raw("; ")
		}
		r.text(isoTitle(s.Section))
		r.raw(": ")
		end := removedAt(&s)
		for j, v := range s.Values {
			if j > 0 {
				r.raw(", ")
			}
			r.text(isoTitle(roundLabel(c, j)))
			switch {
			case j == end:
				r.raw(" removed")
			case v < 0:
				r.raw(" not present")
			default:
				r.raw(" ")
				r.int(v)
			}
		}
	}
	r.raw("</desc>\n")
	for j := 0; j < cols; j++ {
		r.raw("<text x=\"" + num(labelW+j*colW) + "\" y=\"16\">")
		r.text(isoTitle(truncate(roundLabel(c, j), 13)))
		r.raw("</text>\n")
	}
	for k, s := range c.Series {
		y := top + k*rowH
		r.raw("<text x=\"0\" y=\"" + num(y+15) + "\">")
		r.text(isoTitle(truncate(s.Section, 34)))
		r.raw("</text>\n")
		end := removedAt(&s)
		for j, v := range s.Values {
			x := labelW + j*colW
			if v < 0 {
				// the part did not exist in that round: a gap, not a 0;
				// the first gap after a removed part's end says so
				r.raw("<rect class=\"gp\" x=\"" + num(x) + "\" y=\"" + num(y+4) + "\" width=\"" + num(barMax) + "\" height=\"14\"/>")
				if j == end {
					r.raw("<text class=\"v\" x=\"" + num(x+4) + "\" y=\"" + num(y+15) + "\">removed</text>\n")
				} else {
					r.raw("<text class=\"v\" x=\"" + num(x+barMax+4) + "\" y=\"" + num(y+15) + "\">\u2013</text>\n")
				}
				continue
			}
			bw := 0
			if peak > 0 {
				bw = (v*barMax + peak - 1) / peak
			}
			r.raw("<rect class=\"bg\" x=\"" + num(x) + "\" y=\"" + num(y+4) + "\" width=\"" + num(barMax) + "\" height=\"14\"/>")
			if bw > 0 {
				r.raw("<rect class=\"bv\" x=\"" + num(x) + "\" y=\"" + num(y+4) + "\" width=\"" + num(bw) + "\" height=\"14\"/>")
			}
			r.raw("<text class=\"v\" x=\"" + num(x+barMax+4) + "\" y=\"" + num(y+15) + "\">" + num(v) + "</text>\n")
		}
	}
	r.raw("</svg>\n</section>\n")
}

// removedAt is the column of the first gap after the last value of a
// removed part, or -1.
func removedAt(s *ChartSeries) int {
	if !s.Removed {
		return -1
	}
	for j := len(s.Values) - 1; j > 0; j-- {
		if s.Values[j] >= 0 {
			return -1
		}
		if s.Values[j-1] >= 0 {
			return j
		}
	}
	return -1
}

func roundLabel(c *Chart, j int) string {
	if j < len(c.Rounds) && c.Rounds[j] != "" {
		return c.Rounds[j]
	}
	return "#" + strconv.Itoa(j+1)
}

// truncate shortens s to at most n runes, ending in an ellipsis when cut.
func truncate(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "\u2026"
}
