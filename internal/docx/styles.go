package docx

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// style is a paragraph or character style as far as it matters here.
type style struct {
	id, name string
	basedOn  string
	outline  int // w:outlineLvl + 1, or 0
	numID    string
	ilvl     int
	hasNum   bool
	strong   bool
	em       bool
	strike   bool
	mono     bool
}

// styles maps style ids to styles.
type styles map[string]*style

var headingName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^heading\s*([1-9])$`) })

func readStyles(root *node) styles {
	out := styles{}
	if root == nil {
		return out
	}
	for _, n := range root.kids {
		if n.name != "style" {
			continue
		}
		s := &style{id: n.attr("styleId"), name: strings.ToLower(strings.TrimSpace(n.val("name"))), basedOn: n.val("basedOn")}
		if ppr := n.child("pPr"); ppr != nil {
			if v := ppr.val("outlineLvl"); v != "" {
				if k, err := strconv.Atoi(v); err == nil && k >= 0 && k < 9 {
					s.outline = k + 1
				}
			}
			if np := ppr.child("numPr"); np != nil {
				s.hasNum = true
				s.numID = np.val("numId")
				s.ilvl, _ = strconv.Atoi(np.val("ilvl"))
			}
		}
		if rpr := n.child("rPr"); rpr != nil {
			s.strong, s.em, s.strike = rpr.on("b"), rpr.on("i"), rpr.on("strike") || rpr.on("dstrike")
			s.mono = monoFont(rpr)
		}
		if _, dup := out[s.id]; !dup {
			out[s.id] = s
		}
	}
	return out
}

// chain is a style and the styles it is based on, nearest first, without
// cycles and at most 16 deep.
func (ss styles) chain(id string) []*style {
	var out []*style
	seen := map[string]bool{}
	for id != "" && !seen[id] && len(out) < 16 {
		seen[id] = true
		s := ss[id]
		if s == nil {
			break
		}
		out = append(out, s)
		id = s.basedOn
	}
	return out
}

// headingLevel is the heading level (1-6) a paragraph style gives, from
// the outline level of the style or a style it is based on, or from the
// name of a heading style (Word keeps the English name "heading 1" in
// localised documents, whose style ids read "berschrift1" or "Titre1").
func (ss styles) headingLevel(id string) int {
	for _, s := range ss.chain(id) {
		if s.outline > 0 {
			return min(s.outline, 6)
		}
		if m := headingName().FindStringSubmatch(s.name); m != nil {
			return min(int(m[1][0]-'0'), 6)
		}
		if m := headingName().FindStringSubmatch(strings.ToLower(s.id)); m != nil {
			return min(int(m[1][0]-'0'), 6)
		}
	}
	return 0
}

// is reports whether the style or one it is based on has one of the
// names or ids.
func (ss styles) is(id string, names ...string) bool {
	for _, s := range ss.chain(id) {
		for _, n := range names {
			if s.name == n || strings.EqualFold(s.id, strings.ReplaceAll(n, " ", "")) {
				return true
			}
		}
	}
	if len(ss.chain(id)) == 0 {
		for _, n := range names {
			if strings.EqualFold(id, strings.ReplaceAll(n, " ", "")) {
				return true
			}
		}
	}
	return false
}

// numbering of a paragraph style: numId and level, when the style or one
// it is based on has them.
func (ss styles) numbering(id string) (string, int, bool) {
	for _, s := range ss.chain(id) {
		if s.hasNum {
			return s.numID, s.ilvl, true
		}
	}
	return "", 0, false
}

// monoFonts are font families taken as code.
var monoFonts = map[string]bool{
	"consolas": true, "courier": true, "courier new": true, "lucida console": true, "menlo": true,
	"monaco": true, "dejavu sans mono": true, "liberation mono": true, "source code pro": true, "cascadia code": true, "cascadia mono": true,
}

func monoFont(rpr *node) bool {
	f := rpr.child("rFonts")
	if f == nil {
		return false
	}
	return monoFonts[strings.ToLower(f.attr("ascii"))] || monoFonts[strings.ToLower(f.attr("hAnsi"))]
}

// level is one level of a list definition.
type level struct {
	start   int
	format  string // decimal, bullet, lowerLetter, ...
	text    string // w:lvlText, "%1." and the like
	legal   bool
	present bool
}

// list is one numbering instance (w:num): its levels, overrides applied.
// Instances of one abstract numbering share its counters, as in Word; an
// instance that overrides a level's start restarts that level where it is
// first used.
type list struct {
	levels   [9]level
	abstract string
	restart  [9]bool
}

// numbering maps numIds to their lists.
type numbering map[string]*list

func readNumbering(root *node) numbering {
	out := numbering{}
	if root == nil {
		return out
	}
	abstract := map[string][9]level{}
	for _, n := range root.kids {
		if n.name != "abstractNum" {
			continue
		}
		var lv [9]level
		for _, l := range n.kids {
			if l.name != "lvl" {
				continue
			}
			k, err := strconv.Atoi(l.attr("ilvl"))
			if err != nil || k < 0 || k > 8 {
				continue
			}
			lv[k] = readLevel(l)
		}
		if _, dup := abstract[n.attr("abstractNumId")]; !dup {
			abstract[n.attr("abstractNumId")] = lv
		}
	}
	for _, n := range root.kids {
		if n.name != "num" {
			continue
		}
		l := &list{levels: abstract[n.val("abstractNumId")], abstract: n.val("abstractNumId")}
		for _, o := range n.kids {
			if o.name != "lvlOverride" {
				continue
			}
			k, err := strconv.Atoi(o.attr("ilvl"))
			if err != nil || k < 0 || k > 8 {
				continue
			}
			if lv := o.child("lvl"); lv != nil {
				l.levels[k] = readLevel(lv)
				l.restart[k] = true
			}
			if s := o.val("startOverride"); s != "" {
				if v, err := strconv.Atoi(s); err == nil {
					l.levels[k].start = v
					l.restart[k] = true
				}
			}
		}
		if _, dup := out[n.attr("numId")]; !dup {
			out[n.attr("numId")] = l
		}
	}
	return out
}

func readLevel(l *node) level {
	lv := level{start: 1, format: "decimal", present: true}
	if s := l.val("start"); s != "" {
		if v, err := strconv.Atoi(s); err == nil {
			lv.start = v
		}
	}
	if f := l.val("numFmt"); f != "" {
		lv.format = f
	}
	lv.text = l.val("lvlText")
	if len(lv.text) > 64 {
		lv.text = lv.text[:64]
	}
	lv.legal = l.child("isLgl") != nil
	return lv
}

// counter follows the numbers of one list.
type counter struct {
	n       [9]int
	started [9]bool
}

// next counts an item at level k and returns its label as Word shows it
// ("3.", "(b)", "2.1"), and the item's own number.
func (c *counter) next(l *list, k int) (string, int) {
	if c.started[k] {
		c.n[k]++
	} else {
		c.n[k] = l.levels[k].start
		c.started[k] = true
	}
	for d := k + 1; d < 9; d++ {
		c.started[d] = false
	}
	lv := l.levels[k]
	var b strings.Builder
	t := lv.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			d := int(t[i+1] - '1')
			n := c.n[d]
			if !c.started[d] {
				n = l.levels[d].start
			}
			f := l.levels[d].format
			if lv.legal {
				f = "decimal"
			}
			b.WriteString(formatNumber(n, f))
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	label := b.String()
	if len(label) > maxLabel {
		label = strings.ToValidUTF8(label[:maxLabel], "")
	}
	return label, c.n[k]
}

// maxLabel bounds the length of a list label.
const maxLabel = 64

// formatNumber writes n in a Word number format; unknown formats are
// decimal.
func formatNumber(n int, f string) string {
	switch f {
	case "bullet", "none":
		return ""
	case "lowerLetter", "upperLetter":
		s := letters(n)
		if f == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(n)
		if f == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}

// letters is Word's lettering: a..z, then aa..zz, and so on.
func letters(n int) string {
	if n <= 0 || n > 780 {
		return strconv.Itoa(n)
	}
	c := byte('a' + (n-1)%26)
	return strings.Repeat(string(c), (n-1)/26+1)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
