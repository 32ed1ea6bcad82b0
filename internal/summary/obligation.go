package summary

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// force is how binding an obligation word is: 3 an obligation or a
// prohibition (must, must not), 2 a recommendation (should, should not), 1 a
// permission or possibility (may, can), 0 none.
type force struct {
	level int
	neg   bool
}

// binding reports whether the words impose something: an obligation, a
// prohibition or a recommendation, not a mere permission.
func (f force) binding() bool { return f.level >= 2 }

// modal is one obligation word or phrase found in a text.
type modal struct {
	span
	text  string
	force force
	// loose marks the lower-case adjectives (required, recommended,
	// optional) that bind only when a change swaps them for one another.
	loose bool
}

// term is the modal's words as a reader names them: lower case, single
// spaces, and "hat … zu" for the German construction.
func (m modal) term() string {
	t := strings.ToLower(squash(m.text))
	f := strings.Fields(t)
	switch {
	case f[0] == "hat" || f[0] == "haben":
		return f[0] + " … zu"
	case f[len(f)-1] == "hat" || f[len(f)-1] == "haben":
		return f[len(f)-1] + " … zu"
	case (f[0] == "darf" || f[0] == "dürfen") && f[len(f)-1] == "nicht" && len(f) > 2:
		return f[0] + " … nicht"
	}
	if i := strings.Index(t, " verpflichtet"); i > 0 && (strings.HasPrefix(t, "ist ") || strings.HasPrefix(t, "sind ")) {
		return strings.Fields(t)[0] + " verpflichtet"
	}
	return t
}

// modalClass is a set of words and phrases of one force. English phrases
// match in any case, the RFC 2119 capitals only as capitals.
type modalClass struct {
	re    *regexp.Regexp
	force force
	loose bool
}

func words(caseFold bool, list ...string) *regexp.Regexp {
	alts := make([]string, len(list))
	for i, p := range list {
		alts[i] = strings.ReplaceAll(p, " ", `\s+`)
	}
	flags := ""
	if caseFold {
		flags = "(?i)"
	}
	return regexp.MustCompile(flags + `\b(?:` + strings.Join(alts, "|") + `)\b`)
}

// modalClasses lists every obligation word the rules know, strongest
// phrases first; where two overlap, the longer one wins.
var modalClasses = []modalClass{
	{re: words(true, "must not", "mustn't", "shall not", "shan't", "may not",
		"is not permitted to", "are not permitted to", "is prohibited from", "are prohibited from",
		"darf nicht", "dürfen nicht", `darf kein\p{L}*`, `dürfen kein\p{L}*`,
		`darf\b[^.,;:!?]{1,100}?\bnicht`, `dürfen\b[^.,;:!?]{1,100}?\bnicht`), force: force{3, true}},
	{re: words(true, "should not", "shouldn't", "ought not to", "soll nicht", "sollen nicht", "sollte nicht", "sollten nicht"),
		force: force{2, true}},
	{re: words(false, "NOT RECOMMENDED"), force: force{2, true}},
	{re: words(true, "cannot", "can not", "can't", "kann nicht", "können nicht"), force: force{1, true}},
	{re: words(true, "shall", "must", "is required to", "are required to", "is obliged to", "are obliged to",
		"is obligated to", "are obligated to", "has to", "have to", "muss", "müssen", "musste",
		`ist (?:\S+ ){0,3}?verpflichtet`, `sind (?:\S+ ){0,3}?verpflichtet`,
		`hat\b[^.,;:!?]{1,80}?\bzu \p{L}+en`, `haben\b[^.,;:!?]{1,80}?\bzu \p{L}+en`,
		`hat\b[^.,;:!?]{1,80}?\b\p{L}+zu\p{L}+en`, `haben\b[^.,;:!?]{1,80}?\b\p{L}+zu\p{L}+en`,
		`\p{L}+zu\p{L}+en hat`, `\p{L}+zu\p{L}+en haben`, `zu \p{L}+en hat`, `zu \p{L}+en haben`), force: force{3, false}},
	{re: words(false, "REQUIRED"), force: force{3, false}},
	{re: words(true, "should", "ought to", "is encouraged to", "are encouraged to", "is recommended", "are recommended",
		"soll", "sollen", "sollte", "sollten"), force: force{2, false}},
	{re: words(false, "RECOMMENDED"), force: force{2, false}},
	{re: words(true, "may", "might", "can", "could", "is permitted to", "are permitted to",
		"kann", "können", "darf", "dürfen"), force: force{1, false}},
	{re: words(false, "OPTIONAL"), force: force{1, false}},
	{re: words(false, "required"), force: force{3, false}, loose: true},
	{re: words(false, "recommended"), force: force{2, false}, loose: true},
	{re: words(false, "optional"), force: force{1, false}, loose: true},
}

// definitional is "shall" used to define rather than to oblige: "shall
// mean", "shall refer to".
var definitional = regexp.MustCompile(`(?i)^\s+(?:mean|means|refer|have the meaning|be construed|be deemed|include)\b`)

// findModals finds the obligation words of text, leaving out "May" used
// as a month and "shall" used to define.
func findModals(text string) []modal {
	var all []modal
	for _, c := range modalClasses {
		for _, ix := range c.re.FindAllStringIndex(text, -1) {
			m := modal{span: span{ix[0], ix[1]}, text: text[ix[0]:ix[1]], force: c.force, loose: c.loose}
			if !wordBounded(text, m.span) {
				continue
			}
			l := strings.ToLower(m.text)
			if m.text == "May" && nextToDigit(text, m.span) {
				continue
			}
			if (l == "shall" || l == "must") && definitional.MatchString(text[m.b:]) {
				continue
			}
			if strings.HasPrefix(l, "soll") && intention(text[:m.a]) {
				continue
			}
			if strings.Contains(l, "required") && circumstance(text[:m.a]) {
				continue
			}
			all = append(all, m)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].a != all[j].a {
			return all[i].a < all[j].a
		}
		return all[i].b > all[j].b
	})
	var out []modal
	end := -1
	for _, m := range all {
		if m.a < end {
			continue
		}
		out = append(out, m)
		end = m.b
	}
	return out
}

// intention reports whether the word before a German "soll" makes it an
// intention rather than a recommendation: "errichtet werden soll".
func intention(before string) bool {
	w := strings.ToLower(before[wordStart(before, len(strings.TrimRight(before, " \n"))):])
	w = strings.TrimSpace(w)
	return w == "werden" || w == "wird" || w == "worden"
}

// circumstance reports whether "required" follows a word that makes it a
// circumstance rather than a duty: "when access is required to maintain",
// "as required by law".
func circumstance(before string) bool {
	ws := strings.Fields(before)
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-4; i-- {
		switch strings.ToLower(strings.Trim(ws[i], ",;(")) {
		case "when", "where", "if", "as", "unless", "wherever", "whenever":
			return true
		}
	}
	return false
}

// wordBounded reports whether s starts and ends at word boundaries in
// text, letters outside ASCII included (regexp's \b knows ASCII only).
func wordBounded(text string, s span) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:s.a])
	after, _ := utf8.DecodeRuneInString(text[s.b:])
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
	return (s.a == 0 || !isWord(before)) && (s.b == len(text) || !isWord(after))
}

func nextToDigit(text string, s span) bool {
	before := strings.TrimRight(text[:s.a], " ")
	after := strings.TrimLeft(text[s.b:], " ")
	isDigit := func(b byte) bool { return b >= '0' && b <= '9' }
	return (before != "" && isDigit(before[len(before)-1])) || (after != "" && isDigit(after[0]))
}

// strongest is the most binding modal of ms that binds on its own (loose
// adjectives left out), and whether there is one.
func strongest(ms []modal) (modal, bool) {
	best, ok := modal{}, false
	for _, m := range ms {
		if m.loose || !m.force.binding() {
			continue
		}
		if !ok || m.force.level > best.force.level || (m.force.level == best.force.level && m.force.neg && !best.force.neg) {
			best, ok = m, true
		}
	}
	return best, ok
}

// sentences splits text into sentences: a stop (. ! ? ;) followed by white
// space and a capital letter, a digit label or a quote ends one.
func sentences(text string) []span {
	var out []span
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' && c != ';' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\n' || text[j] == '*' || text[j] == '_') {
			j++
		}
		if j == i+1 || j >= len(text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		if c == '.' && !unicode.IsUpper(r) && r != '"' && r != '“' && r != '(' {
			continue
		}
		if c == '.' && abbreviation(text[:i]) {
			continue
		}
		out = append(out, span{start, i + 1})
		start = j
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, span{start, len(text)})
	}
	return out
}

// abbreviation reports whether the word ending text is an abbreviation
// whose dot ends no sentence: "Abs.", "Nr.", "e.g.", a single letter.
func abbreviation(text string) bool {
	w := text[wordStart(text, len(text)):]
	w = strings.TrimLeft(w, "(\"“„")
	if utf8.RuneCountInString(w) <= 1 {
		return true
	}
	switch strings.ToLower(w) {
	case "abs", "nr", "art", "s", "z.b", "e.g", "i.e", "vgl", "bzw", "ggf", "sec", "no", "vs", "etc", "u.a", "d.h", "st", "dr", "mr", "ms":
		return true
	}
	return false
}
