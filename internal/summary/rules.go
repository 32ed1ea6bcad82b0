package summary

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/redline"
)

// Notable is one change that a rule found worth reading first.
type Notable struct {
	// Rule is the id of the rule that fired.
	Rule string `json:"rule"`
	// Section is the section's id, Label its name as a reader knows it.
	Section string `json:"section"`
	Label   string `json:"label"`
	// What says what the rule saw: "obligation weakened (shall → should)".
	What string `json:"what"`
	// Before and After are the words before and after the change, with a
	// few words of context; either is "" when that side has none.
	Before string `json:"before"`
	After  string `json:"after"`
}

// Line is the notable change on one line: where, what, and the words.
func (n *Notable) Line() string {
	s := n.Label + ": " + n.What
	switch {
	case n.Before != "" && n.After != "":
		s += fmt.Sprintf(": %q → %q", n.Before, n.After)
	case n.Before != "":
		s += fmt.Sprintf(": %q", n.Before)
	case n.After != "":
		s += fmt.Sprintf(": → %q", n.After)
	}
	return s + " [" + n.Rule + "]"
}

// Rule finds notable changes in one section of a redline. Find is called for
// every section, changed or not, in the redline's order; Compute fills in
// Rule, and Section and Label when Find leaves them empty.
type Rule struct {
	ID string
	// Doc says in one line what the rule looks for.
	Doc  string
	Find func(c *Context, sd *redline.SectionDiff) []Notable
}

// DefaultRules is the rule table. To add a rule, add a row.
var DefaultRules = []Rule{
	{
		ID:   "obligation-strength",
		Doc:  "an obligation became a recommendation or the reverse (shall/must/is required to ↔ should/may/is encouraged to)",
		Find: findObligation,
	},
	{
		ID:   "changed-quantity",
		Doc:  "a number, percentage, amount, date or deadline changed in existing text",
		Find: findQuantity,
	},
	{
		ID:   "deleted-commitment",
		Doc:  "a commitment or measure was deleted",
		Find: findDeletedCommitment,
	},
	{
		ID:   "definition-changed",
		Doc:  "a term in a definitions section was changed or removed",
		Find: findDefinition,
	},
}

// Context is what rules may know about the whole redline besides the section
// they look at.
type Context struct {
	res *redline.Result
	// oldSections and newSections find a section of the redline by its id
	// on one side; oldRefs and newRefs find that side's reference.
	oldSections, newSections map[string]*redline.SectionDiff
	oldRefs, newRefs         map[string]*redline.SectionRef
	// byID finds a section by the id of its entry in the redline.
	byID map[string]*redline.SectionDiff
	// renumbers holds the number pairs (old, new) of renumbered sections,
	// as numbers only: "2.3" → "2.4" for Measure 2.3 → Measure 2.4.
	renumbers map[[2]string]bool
	// newTerms, built on first use, maps each term defined in a
	// definitions section on the new side to its block's text.
	newTerms map[string]string
}

func newContext(res *redline.Result) *Context {
	c := &Context{
		res:         res,
		oldSections: map[string]*redline.SectionDiff{},
		newSections: map[string]*redline.SectionDiff{},
		oldRefs:     map[string]*redline.SectionRef{},
		newRefs:     map[string]*redline.SectionRef{},
		renumbers:   map[[2]string]bool{},
		byID:        map[string]*redline.SectionDiff{},
	}
	for i := range res.Sections {
		sd := &res.Sections[i]
		if _, dup := c.byID[sd.ID]; !dup {
			c.byID[sd.ID] = sd
		}
		if sd.Old != nil {
			if _, dup := c.oldSections[sd.Old.ID]; !dup {
				c.oldSections[sd.Old.ID] = sd
				c.oldRefs[sd.Old.ID] = sd.Old
			}
		}
		if sd.New != nil {
			if _, dup := c.newSections[sd.New.ID]; !dup {
				c.newSections[sd.New.ID] = sd
				c.newRefs[sd.New.ID] = sd.New
			}
		}
		if sd.Renumbered && sd.Old != nil && sd.New != nil {
			o, n := numericPart(sd.Old.Number), numericPart(sd.New.Number)
			if o != "" && n != "" {
				c.renumbers[[2]string{o, n}] = true
			}
		}
	}
	return c
}

// oldLabel names a section by its id on the old side, else by the id of
// its entry in the redline.
func (c *Context) oldLabel(id string) string {
	if r := c.oldRefs[id]; r != nil {
		return r.Label()
	}
	if sd := c.byID[id]; sd != nil {
		if sd.Old != nil {
			return sd.Old.Label()
		}
		return sd.New.Label()
	}
	return id
}

// newLabel names a section by its id on the new side, else by the id of
// its entry in the redline.
func (c *Context) newLabel(id string) string {
	if r := c.newRefs[id]; r != nil {
		return r.Label()
	}
	if sd := c.byID[id]; sd != nil {
		if sd.New != nil {
			return sd.New.Label()
		}
		return sd.Old.Label()
	}
	return id
}

// numericPart is the last word of a section number that holds a digit,
// without trailing dots: "Measure 2.3" → "2.3", "§ 66a" → "66a", "4." → "4".
func numericPart(number string) string {
	f := strings.Fields(number)
	for i := len(f) - 1; i >= 0; i-- {
		if strings.ContainsAny(f[i], "0123456789") {
			return strings.TrimRight(f[i], ".")
		}
	}
	return ""
}

// ---- obligation strength ----

// The words that make an obligation and those that make a recommendation or
// a permission. A change of one into the other fires the rule.
var (
	strongTerms = phrases("shall", "must", "is required to", "are required to",
		"is obliged to", "are obliged to", "is obligated to", "are obligated to")
	weakTerms = phrases("should", "may", "might", "can", "could",
		"is encouraged to", "are encouraged to", "is invited to", "are invited to",
		"is recommended to", "are recommended to")
)

func findObligation(_ *Context, sd *redline.SectionDiff) []Notable {
	var out []Notable
	for _, b := range editedBlocks(sd) {
		al := align(b.Ops)
		oldStrong, oldWeak := modals(strongTerms, al.old), modals(weakTerms, al.old)
		newStrong, newWeak := modals(strongTerms, al.new), modals(weakTerms, al.new)
		for _, h := range al.hunks {
			if n, ok := obligationChange(al, h, oldStrong, newWeak, "weakened"); ok {
				out = append(out, n)
			} else if n, ok := obligationChange(al, h, oldWeak, newStrong, "strengthened"); ok {
				out = append(out, n)
			}
		}
	}
	return out
}

// modals finds the terms of re in text, leaving out "May" used as a month.
func modals(re *regexp.Regexp, text string) []match {
	var out []match
	for _, m := range findAll(re, text) {
		// "May" next to a day or a year is a month, not a permission.
		if m.text == "May" && nextToDigit(text, m.span) {
			continue
		}
		out = append(out, m)
	}
	return out
}

func nextToDigit(text string, s span) bool {
	before := strings.TrimRight(text[:s.a], " ")
	after := strings.TrimLeft(text[s.b:], " ")
	isDigit := func(b byte) bool { return b >= '0' && b <= '9' }
	return (before != "" && isDigit(before[len(before)-1])) || (after != "" && isDigit(after[0]))
}

func obligationChange(al aligned, h hunk, from, to []match, verb string) (Notable, bool) {
	f, t := overlapping(from, h.old), overlapping(to, h.new)
	if len(f) == 0 || len(t) == 0 {
		return Notable{}, false
	}
	return Notable{
		What:   fmt.Sprintf("obligation %s (%s → %s)", verb, strings.ToLower(squash(f[0].text)), strings.ToLower(squash(t[0].text))),
		Before: excerpt(al.old, f[0].span.union(h.old)),
		After:  excerpt(al.new, t[0].span.union(h.new)),
	}, true
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// ---- numbers, percentages, amounts, dates, deadlines ----

const (
	reNum       = `\d+(?:[.,]\d+)*`
	reMonths    = `January|February|March|April|May|June|July|August|September|October|November|December|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec`
	reNumWords  = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety|hundred`
	reUnits     = `(?:working |business |calendar )?(?:days?|weeks?|months?|years?|hours?|minutes?)|Werktagen|Arbeitstagen|Tagen|Tage|Wochen|Monaten|Monate|Jahren|Jahre|Stunden`
	reMagnitude = `(?:\s?(?:million|billion|thousand|bn|m|k)\b)?`
	reCurrency  = `EUR|USD|GBP|euros?|Euro|dollars?|pounds?`
)

// quantity finds the numbers the changed-quantity rule compares. The
// alternatives are tried in order, most specific first.
var quantity = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`\b\d{4}-\d{2}-\d{2}\b`,                                            // ISO date
	`\b\d{1,2}\.?\s+(?:` + reMonths + `)(?:\s+\d{4})?\b`,               // 14 November 2024
	`\b(?:` + reMonths + `)\s+\d{4}\b`,                                 // November 2024
	`\b(?:` + reMonths + `)\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?\b`, // November 14, 2024
	`(?:[€$£]|\b(?:EUR|USD|GBP)\s?)` + reNum + reMagnitude,             // €15 million
	`\b` + reNum + reMagnitude + `\s?(?:` + reCurrency + `)\b`,         // 15 million euros
	`\b` + reNum + `\s?(?:%|per\s?cent\b|percent\b|Prozent\b)`,         // 3 %
	`\b(?:` + reNum + `|` + reNumWords + `)\s+(?:` + reUnits + `)\b`,   // 15 days
	`\b\d+(?:st|nd|rd|th)\b`,                                           // 15th
	`\b` + reNum + `[a-z]?\b`,                                          // 2.3, 66a
}, "|"))

// quantities finds the quantities in text that stand on their own: a
// number glued to letters by a hyphen or directly, as in the chemical name
// "4,5alpha-Epoxy-17-methyl", is part of a name, not a quantity.
func quantities(text string) []match {
	return standalone(text, findAll(quantity, text))
}

// quantityReach is how far around a change a quantity that overlaps it
// can begin or end: the longest the quantity pattern matches in practice.
const quantityReach = 40

// quantitiesNear finds the quantities of text that may overlap the spans,
// searching only near them: a long block with one small change costs no
// more than its change.
func quantitiesNear(text string, spans []span) []match {
	var out []match
	end := -1
	for _, s := range spans {
		a, b := max(0, s.a-quantityReach), min(len(text), s.b+quantityReach)
		// widen to white space, so that no word or number is cut
		for a > 0 && text[a-1] != ' ' && text[a-1] != '\n' {
			a--
		}
		for b < len(text) && text[b] != ' ' && text[b] != '\n' {
			b++
		}
		a = max(a, end)
		if a >= b {
			continue
		}
		for _, m := range findAll(quantity, text[a:b]) {
			m.a += a
			m.b += a
			if n := len(out); n > 0 && out[n-1].b > m.a {
				continue // found from the previous window already
			}
			out = append(out, m)
		}
		end = b
	}
	return standalone(text, out)
}

// standalone keeps the matches that stand on their own in text.
func standalone(text string, ms []match) []match {
	var out []match
	for _, m := range ms {
		before, _ := utf8.DecodeLastRuneInString(text[:m.a])
		after, _ := utf8.DecodeRuneInString(text[m.b:])
		if !(m.a == 0 || unicode.IsSpace(before) || strings.ContainsRune(quantityOpeners, before)) ||
			!(m.b == len(text) || unicode.IsSpace(after) || strings.ContainsRune(quantityClosers, after)) {
			continue
		}
		if after == '.' || after == ',' { // "4" of "4,5alpha" is no quantity either
			if next, _ := utf8.DecodeRuneInString(text[m.b+1:]); unicode.IsLetter(next) || unicode.IsDigit(next) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// The characters that may stand right before and right after a quantity.
const (
	quantityOpeners = "([{\"'“„‘«/–*_`"
	quantityClosers = ")]}\"'”’»,.;:!?/–*_`"
)

var (
	isoDate    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	currencyRe = regexp.MustCompile(`(?i)\b(?:` + reCurrency + `)\b`)
	monthRe    = regexp.MustCompile(`(?i)\b(?:` + reMonths + `)\b`)
	unitRe     = regexp.MustCompile(`(?i)\b(?:` + reUnits + `)\b`)
)

// quantityKind says what a quantity is, for the rule's message.
func quantityKind(q string) string {
	l := strings.ToLower(q)
	switch {
	case strings.Contains(l, "%") || strings.Contains(l, "cent") || strings.Contains(l, "prozent"):
		return "percentage"
	case strings.ContainsAny(q, "€$£") || currencyRe.MatchString(q):
		return "amount"
	case isoDate.MatchString(q) || monthRe.MatchString(q):
		return "date"
	case unitRe.MatchString(q):
		return "deadline"
	}
	return "number"
}

var numberWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
	"seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
	"fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "forty-five": "45",
	"fifty": "50", "sixty": "60", "ninety": "90", "hundred": "100",
}

// normQuantity makes equal quantities compare equal: case, spacing,
// "per cent" against "%", "thirty" against "30".
func normQuantity(q string) string {
	f := strings.Fields(strings.ToLower(q))
	for i, w := range f {
		if d, ok := numberWords[w]; ok {
			f[i] = d
		}
	}
	s := strings.Join(f, " ")
	for _, pc := range []string{" per cent", " percent", " prozent", "per cent", "percent", "prozent", " %"} {
		s = strings.ReplaceAll(s, pc, "%")
	}
	return s
}

func findQuantity(c *Context, sd *redline.SectionDiff) []Notable {
	var out []Notable
	for _, b := range editedBlocks(sd) {
		al := align(b.Ops)
		// a hunk that only inserts never fires (numbers only added to the
		// text), so its text need not be searched
		var olds, news []span
		for _, h := range al.hunks {
			if h.old.a < h.old.b {
				olds, news = append(olds, h.old), append(news, h.new)
			}
		}
		oldQ, newQ := quantitiesNear(al.old, olds), quantitiesNear(al.new, news)
		for _, h := range al.hunks {
			o, n := overlapping(oldQ, h.old), overlapping(newQ, h.new)
			if len(o) == 0 && (len(n) == 0 || h.old.a == h.old.b) {
				continue // nothing numeric, or numbers only added to the text
			}
			if sameQuantities(o, n) || c.renumberingOnly(o, n) || sameDigits(al, h) {
				continue
			}
			kind := ""
			for _, m := range append(o, n...) {
				kind = firstNonEmpty(kind, quantityKind(m.text))
			}
			before, after := focus(al.old, h.old, o), focus(al.new, h.new, n)
			verb := "changed"
			if len(n) == 0 {
				verb = "removed"
			}
			nb := Notable{What: kind + " " + verb, Before: excerpt(al.old, before)}
			if after.b > after.a || len(n) > 0 {
				nb.After = excerpt(al.new, after)
			}
			out = append(out, nb)
		}
	}
	return out
}

// focusWords is the longest change an excerpt shows whole; in a longer one
// it shows the numbers that changed.
const focusWords = 8

// focus is the part of a changed span to quote: all of it when short,
// else the quantities found in it.
func focus(text string, s span, qs []match) span {
	if len(qs) == 0 || len(strings.Fields(text[s.a:s.b])) <= focusWords {
		for _, m := range qs {
			s = s.union(m.span)
		}
		return s
	}
	f := qs[0].span
	for _, m := range qs[1:] {
		f = f.union(m.span)
	}
	return f
}

var digitRun = regexp.MustCompile(`\d+`)

// sameDigits reports whether the words a hunk touches hold the same runs of
// digits on both sides, as when only spacing or brackets changed around
// them: "(5R,6S)" becoming "(5 R ,6 S )".
func sameDigits(al aligned, h hunk) bool {
	o := al.old[wordStart(al.old, h.old.a):wordEnd(al.old, h.old.b)]
	n := al.new[wordStart(al.new, h.new.a):wordEnd(al.new, h.new.b)]
	return slices.Equal(digitRun.FindAllString(o, -1), digitRun.FindAllString(n, -1))
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func sameQuantities(a, b []match) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if normQuantity(a[i].text) != normQuantity(b[i].text) {
			return false
		}
	}
	return true
}

// renumberingOnly reports whether every changed number in the hunk is the
// number of a renumbered section going from its old number to its new one,
// as in "see Measure 2.3" becoming "see Measure 2.4" when Measure 2.3 was
// renumbered 2.4.
func (c *Context) renumberingOnly(o, n []match) bool {
	if len(o) != len(n) || len(o) == 0 {
		return false
	}
	for i := range o {
		a, b := normQuantity(o[i].text), normQuantity(n[i].text)
		if a != b && !c.renumbers[[2]string{a, b}] {
			return false
		}
	}
	return true
}

// ---- deleted commitments and measures ----

// commitmentWords are the first words of the number or title of a section
// whose deletion the deleted-commitment rule reports.
var commitmentWords = []string{"commitment", "measure", "verpflichtung", "maßnahme", "engagement", "mesure"}

func findDeletedCommitment(c *Context, sd *redline.SectionDiff) []Notable {
	if sd.Status != redline.Deleted || sd.Old == nil {
		return nil
	}
	word := commitmentWord(sd.Old.Number)
	if word == "" {
		word = commitmentWord(sd.Old.Title)
	}
	if word == "" {
		return nil
	}
	n := Notable{What: word + " deleted", Before: sd.Old.Label()}
	if sd.MergedInto != "" {
		n.What = word + " deleted (merged into " + c.newLabel(sd.MergedInto) + ")"
	}
	return []Notable{n}
}

func commitmentWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	w := strings.ToLower(strings.TrimRight(f[0], ".:"))
	for _, cw := range commitmentWords {
		if w == cw {
			return cw
		}
	}
	return ""
}

// ---- definitions ----

// definitionsTitle matches the title of a definitions section.
var definitionsTitle = regexp.MustCompile(`(?i)\b(?:definitions?|glossary|glossaire|terminology|begriffsbestimmungen|definitionen|définitions)\b`)

// Patterns that find the term a definition defines, tried in order.
var termPatterns = []*regexp.Regexp{
	// **Term** or __Term__ at the start, after an optional list number.
	regexp.MustCompile(`^\s*(?:\d+[.)]\s+)?["“]?(?:\*\*|__)([^*_]{1,80}?)(?:\*\*|__)`),
	// the first quoted phrase among the first words: An "Account" is ...
	regexp.MustCompile(`^(?:\S+\s+){0,8}?\S*?["“„«‘]([^"”“„«»‘’]{1,80})["”“»’]`),
	// Term means ... / Term: ...
	regexp.MustCompile(`^\s*([\p{L}\p{N}][\p{L}\p{N} \-]{0,60}?)\s*(?:\bmeans\b|\brefers to\b|\bshall mean\b|\bbezeichnet\b|\bist\b|:)`),
}

// definedTerm is the term a definition block defines, lower case, or "".
func definedTerm(kind, text string) string {
	if kind == "table_row" {
		cells := strings.Split(strings.Trim(strings.TrimSpace(text), "|"), "|")
		if len(cells) > 1 {
			return normTerm(cells[0])
		}
	}
	for _, re := range termPatterns {
		if m := re.FindStringSubmatch(text); m != nil {
			return normTerm(m[1])
		}
	}
	return ""
}

func normTerm(s string) string {
	s = strings.Trim(strings.TrimSpace(s), "*_\"“”„«»‘’`,.;: ")
	return strings.ToLower(squash(s))
}

// inDefinitions reports whether a section, or one enclosing it, is a
// definitions section on the given side.
func (c *Context) inDefinitions(r *redline.SectionRef, side map[string]*redline.SectionRef) bool {
	if r == nil {
		return false
	}
	for _, id := range c.ancestry(r, side) {
		if ref := side[id]; ref != nil && definitionsTitle.MatchString(ref.Title) {
			return true
		}
		if id == r.ID && definitionsTitle.MatchString(r.Title) {
			return true
		}
	}
	return false
}

// terms maps the terms defined on the new side to their definitions.
func (c *Context) terms() map[string]string {
	if c.newTerms != nil {
		return c.newTerms
	}
	c.newTerms = map[string]string{}
	for i := range c.res.Sections {
		sd := &c.res.Sections[i]
		if !c.inDefinitions(sd.New, c.newRefs) {
			continue
		}
		for _, b := range sd.Blocks {
			if b.Status == redline.Deleted || b.MovedTo != "" {
				continue
			}
			text := sideText(b.Ops, redline.Insert)
			if t := definedTerm(b.Kind, text); t != "" {
				if _, dup := c.newTerms[t]; !dup {
					c.newTerms[t] = text
				}
			}
		}
	}
	return c.newTerms
}

// sideText is a block's text on one side: equal ops and those of kind.
func sideText(ops []redline.Op, kind redline.OpKind) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Op == redline.Equal || op.Op == kind {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

func findDefinition(c *Context, sd *redline.SectionDiff) []Notable {
	if !c.inDefinitions(sd.Old, c.oldRefs) {
		return nil
	}
	var out []Notable
	for i := range sd.Blocks {
		b := &sd.Blocks[i]
		if b.Status == redline.Unchanged || b.Status == redline.Added || b.MovedFrom != "" {
			continue
		}
		old := sideText(b.Ops, redline.Delete)
		term := definedTerm(b.Kind, old)
		if term == "" {
			continue
		}
		if b.Status == redline.Deleted {
			if def, ok := c.terms()[term]; ok {
				if squash(def) != squash(old) {
					out = append(out, Notable{
						What:   fmt.Sprintf("definition of %q changed", term),
						Before: excerpt(old, span{0, len(old)}),
						After:  excerpt(def, span{0, len(def)}),
					})
				}
				continue
			}
			out = append(out, Notable{
				What:   fmt.Sprintf("term %q removed", term),
				Before: excerpt(old, span{0, len(old)}),
			})
			continue
		}
		al := align(b.Ops)
		if len(al.hunks) == 0 {
			continue // moved unedited
		}
		changed := al.hunks[0]
		for _, h := range al.hunks[1:] {
			changed = hunk{old: changed.old.union(h.old), new: changed.new.union(h.new)}
		}
		what := fmt.Sprintf("definition of %q changed", term)
		if nt := definedTerm(b.Kind, al.new); nt != term {
			if _, still := c.terms()[term]; !still {
				what = fmt.Sprintf("term %q removed", term)
				if nt != "" {
					what = fmt.Sprintf("term %q renamed %q", term, nt)
				}
			}
		}
		out = append(out, Notable{
			What:   what,
			Before: excerpt(al.old, changed.old),
			After:  excerpt(al.new, changed.new),
		})
	}
	return out
}
