package summary

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A quantity is a number that says how much, how many, how long or when:
// digits with separators (131,182, 1.5, 0x2006e), a number word compared by
// its value (four, sechzehn), with what belongs to it (a currency, a unit, a
// month, "per cent"). A number is not a quantity when it names something: a
// version (TLS 1.3, HTTP/2), a reference to a document or a section (RFC
// 2119, Section 4.3.6, § 355, Art. 12), or the label of a list item or a
// paragraph ((2), 1.).

// word is one white-space separated word of a text: its whole span and
// its core, the word without the punctuation around it.
type word struct {
	span
	raw  string
	core string
	cs   span // the core's span
}

// Characters stripped from the ends of a word to find its core.
const (
	leadPunct  = "([{\"'“„‘«*_`!<>~"
	trailPunct = ")]}\"'”’»,.;:!?*_`<>~"
)

// wordsIn splits text[a:b] into words, with spans in text.
func wordsIn(text string, a, b int) []word {
	return appendWords(make([]word, 0, max(b-a, 0)/7+1), text, a, b)
}

// appendWords appends the words of text[a:b] to dst.
func appendWords(dst []word, text string, a, b int) []word {
	for i := a; ; {
		w, j, ok := nextWordIn(text, i, b)
		if !ok {
			return dst
		}
		dst = append(dst, w)
		i = j
	}
}

// spaceAt reports whether text holds white space at i, and its length.
func spaceAt(text string, i int) (bool, int) {
	r, n := runeAt(text, i)
	return isSpace(r), n
}

// nextWordIn is the first word of text[i:b], the position after it, and
// whether there is one.
func nextWordIn(text string, i, b int) (word, int, bool) {
	f, j := nextField(text[:b], i)
	if f == "" {
		return word{}, j, false
	}
	i = j - len(f)
	w := word{span: span{i, j}, raw: text[i:j]}
	ca, cb := i, j
	for ca < cb {
		r, n := utf8.DecodeRuneInString(text[ca:])
		if !strings.ContainsRune(leadPunct, r) {
			break
		}
		ca += n
	}
	for cb > ca {
		r, n := utf8.DecodeLastRuneInString(text[ca:cb])
		if !strings.ContainsRune(trailPunct, r) {
			break
		}
		cb -= n
	}
	// a closing bracket that closes an opening one inside the word
	// belongs to it: "B(4)"
	if cb < j && text[cb] == ')' && strings.Contains(text[ca:cb], "(") && !strings.Contains(text[ca:cb], ")") {
		cb++
	}
	w.cs = span{ca, cb}
	w.core = text[ca:cb]
	return w, j, true
}

// wordsAround are the words of text from k words before s to k words
// after it, in buf's array when it has room.
func wordsAround(text string, s span, k int, buf []word) []word {
	a, b := wordStart(text, s.a), wordEnd(text, s.b)
	for i := 0; i < k; i++ {
		if na := prevWord(text, a); na < a {
			a = na
		}
		if nb := nextWord(text, b); nb > b {
			b = nb
		}
	}
	return appendWords(buf[:0], text, a, b)
}

var (
	ordinalRe = lazy(`^\d+(?:st|nd|rd|th)$`)
	percentRe = lazy(`^\d+(?:[.,]\d+)*\s?%$`)
	moneyRe   = lazy(`^[€$£]\d+(?:[.,]\d+)*(?:[mkb]n?)?$`)
	// a key and a value written together: type=0x1
	keyValueRe = lazy(`^[A-Za-z_]+=(0[xX][0-9a-fA-F]+|\d+)$`)
	labelRe    = lazy(`^(?:\(\d+[a-z]?\)|\([a-z]{1,3}\)|\d+[a-z]?[.)]|[a-z][.)])$`)
	acronymRe  = lazy(`^[A-Z][A-Z0-9]*[A-Z]$`)
	dottedDate = lazy(`^\d{1,2}\.\d{1,2}\.\d{2,4}$`)
	// the day or the whole date after "vom" or "of"
	dateLike = lazy(`^\d{1,2}\.?(?:\d{1,2}\.\d{2,4})?$`)
)

// isDigits reports whether s is digits with an optional sign, in groups
// joined by one separator each (. , ’ ' or a space): "-131,182", "1 500".
func isDigits(s string) bool {
	if strings.HasPrefix(s, "−") {
		s = s[len("−"):]
	} else if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	for {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 {
			return false
		}
		s = s[n:]
		if s == "" {
			return true
		}
		switch {
		case s[0] == '.' || s[0] == ',' || s[0] == '\'' || s[0] == ' ':
			s = s[1:]
		case strings.HasPrefix(s, "’"):
			s = s[len("’"):]
		default:
			return false
		}
	}
}

// isHex reports whether s is a hexadecimal number written 0x…: "0x2006e".
func isHex(s string) bool {
	if len(s) < 3 || s[0] != '0' || s[1] != 'x' && s[1] != 'X' {
		return false
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// gluedRef reports whether s is a reference written without a space:
// RFC7540, BCP14 (rfc, bcp, std or fyi in any case, then digits).
func gluedRef(s string) bool {
	if len(s) < 4 || !allDigits(s[3:]) {
		return false
	}
	switch strings.ToLower(s[:3]) {
	case "rfc", "bcp", "std", "fyi":
		return true
	}
	return false
}

// numberWord is the value of an English or German number word
// ("twenty-five" included), and whether w is one.
func numberWord(w string) (int, bool) {
	if v, ok := lex().germanNumbers[w]; ok {
		return v, true
	}
	if !isASCII(w) {
		if !strings.ContainsRune(w, '\u0130') {
			// in lower case it keeps a letter beyond ASCII, which no
			// English number word holds: of the letters whose lower
			// case is ASCII, the Kelvin sign lowers to a k, which none
			// holds either, and İ to an i
			return 0, false
		}
		return englishNumber([]byte(strings.ToLower(w)))
	}
	var buf [24]byte // an English number word or two, joined by "-", fit
	if len(w) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return englishNumber(buf[:len(w)])
}

// englishNumber is the value of a word in lower case that is an English
// number word, or two joined by "-" ("twenty-one").
func englishNumber(l []byte) (int, bool) {
	en := lex().englishNumbers
	if v, ok := en[string(l)]; ok {
		return v, true
	}
	if i := bytes.IndexByte(l, '-'); i >= 0 {
		tv, tok := en[string(l[:i])]
		uv, uok := en[string(l[i+1:])]
		if tok && uok && tv >= 20 && tv%10 == 0 && tv < 100 && uv > 0 && uv < 10 {
			return tv + uv, true
		}
	}
	return 0, false
}

// numKind is what a number in a text is.
type numKind int

const (
	notNumber numKind = iota
	quantityNum
	referenceNum
	versionNum
	labelNum
)

// number is a word of a text holding a number, and what it is.
type number struct {
	w     word
	kind  numKind
	value string // the number's value in a canonical spelling
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// numberValue is the canonical value of a word's core when it is a
// number: digits as written (separators kept), number words as digits.
func numberValue(core string) (string, bool) {
	if !hasDigit(core) {
		// every spelling in digits holds one; what is left is a word
		if v, ok := numberWord(core); ok {
			return strconv.Itoa(v), true
		}
		return "", false
	}
	switch {
	case isHex(core):
		if v, err := strconv.ParseUint(core[2:], 16, 64); err == nil {
			return "0x" + strconv.FormatUint(v, 16), true
		}
		return strings.ToLower(core), true
	case isDigits(core):
		return canonDigits(core), true
	case ordinalRe.MatchString(core):
		return core[:len(core)-2], true
	case percentRe.MatchString(core):
		return strings.ReplaceAll(core, " ", ""), true
	case moneyRe.MatchString(core):
		return core, true
	}
	if n, unit, ok := compoundNumber(core); ok {
		return canonDigits(n) + "-" + unit, true
	}
	if m := keyValueRe.FindStringSubmatch(core); m != nil {
		return numberValue(m[1])
	}
	if v, ok := numberWord(core); ok {
		return strconv.Itoa(v), true
	}
	return "", false
}

// compoundNumber splits a number joined by a hyphen to the lower-case word
// it measures ("8-bit", "30-day") into the digits and the word. A word in
// capitals after the hyphen makes a name ("0-RTT"), not a quantity.
func compoundNumber(core string) (string, string, bool) {
	i := 0
	for i < len(core) && core[i] >= '0' && core[i] <= '9' {
		i++
	}
	if i == 0 || i+3 > len(core) || core[i] != '-' {
		return "", "", false
	}
	for j := i + 1; j < len(core); j++ {
		if core[j] < 'a' || core[j] > 'z' {
			return "", "", false
		}
	}
	return core[:i], core[i+1:], true
}

// canonDigits spells a number in digits the same whatever its separators:
// a separator before exactly three digits groups thousands (131,182 and
// 131.182 and 131 182), any other is the decimal point (1,5 and 1.5).
func canonDigits(core string) string {
	s := strings.ReplaceAll(core, "−", "-")
	s = dropThousands(s)
	if strings.ContainsAny(s, ",’'") {
		s = decimalPoint.Replace(s) // it allocates even when it replaces nothing
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.HasPrefix(s, "0") || s == "0" {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return s
}

// decimalPoint spells the separators left after dropThousands the way
// strconv reads them.
var decimalPoint = strings.NewReplacer(",", ".", "’", "", "'", "")

// dropThousands removes each separator (. , ’ ' or a space) that stands
// before exactly three digits: "131,182" → "131182", "1,5" stays.
func dropThousands(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if strings.ContainsRune(".,’' ", r) && i+n+3 <= len(s) && allDigits(s[i+n:i+n+3]) &&
			(i+n+3 == len(s) || !isASCIIWord(s[i+n+3])) {
			b.WriteString(s[i+n : i+n+3])
			i += n + 3
			continue
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// magnitudeOf is the factor a magnitude word stands for, or 0.
func magnitudeOf(w string) float64 {
	switch w {
	case "thousand", "tausend":
		return 1e3
	case "million", "millionen", "mio", "m":
		return 1e6
	case "billion", "milliarde", "milliarden", "mrd", "bn":
		return 1e9
	}
	return 0
}

// classify finds the numbers among ws and says what each is. first is true
// when ws[0] is the first word of its block.
func classify(ws []word, first bool, buf []number) []number {
	out := append(buf[:0], make([]number, len(ws))...)
	for i, w := range ws {
		out[i].w = w
		core := w.core
		digits := hasDigit(core)
		switch {
		case digits && gluedRef(core):
			out[i].kind, out[i].value = referenceNum, strings.ToUpper(core)
			continue
		case digits && strings.HasPrefix(core, "§"):
			out[i].kind, out[i].value = referenceNum, core
			continue
		}
		v, ok := numberValue(core)
		if !ok {
			// a word holding a digit in a reference is part of it: "B(4)",
			// "4.3.6", "66a", "13d" in "§§ 11 bis 13d"; so is a letter or
			// a Roman number right after a word naming a part: "Section G"
			switch {
			case digits && inReference(ws, out, i):
				out[i].kind, out[i].value = referenceNum, core
			case i > 0 && lex().partWords[strings.ToLower(ws[i-1].core)] && letterRe.MatchString(core):
				out[i].kind, out[i].value = referenceNum, core
			}
			continue
		}
		out[i].value = v
		out[i].kind = quantityNum
		prev := ""
		if i > 0 {
			prev = ws[i-1].core
		}
		lp := strings.ToLower(strings.TrimRight(prev, "."))
		switch {
		case labelRe.MatchString(w.raw) && (strings.HasPrefix(w.raw, "(") || (i == 0 && first)):
			out[i].kind = labelNum
		case inReference(ws, out, i):
			out[i].kind = referenceNum
		case lex().versionWords[lp] || (acronymRe.MatchString(prev) && !lex().currencyWords[lp] && ws[i-1].raw == prev):
			out[i].kind = versionNum
		}
	}
	return out
}

// letterRe is a part's letter or Roman number: "G", "IV".
var letterRe = lazy(`^(?:[A-Z]|[IVX]{1,5})$`)

// inReference reports whether the i-th word, a number, belongs to a
// reference: it follows a reference word ("§ 5", "RFC 2119", "Absatz 2"),
// continues a reference ("§§ 3 bis 5", "Absätze 1, 2"), or dates a cited
// act ("Richtlinie 2013/36/EU … vom 26. Juni 2013").
func inReference(ws []word, out []number, i int) bool {
	if i == 0 {
		return false
	}
	prev := ws[i-1].core
	lp := strings.ToLower(strings.TrimRight(prev, "."))
	ref := func(k int) bool { return k >= 0 && out[k].kind == referenceNum }
	cites := func(k int) bool {
		return k >= 0 && (out[k].kind == referenceNum || lex().citing[strings.ToLower(ws[k].core)] || strings.Contains(ws[k].core, "/"))
	}
	switch {
	case lex().referenceWords[lp] || strings.HasSuffix(prev, "§"):
		return true
	case lex().chainWords[lp] && ref(i-2):
		return true
	case ref(i-1) && strings.HasSuffix(ws[i-1].raw, ","):
		return true
	case (lp == "vom" || lp == "of" || lp == "v") && cites(i-2) && dateLike.MatchString(ws[i].core):
		return true
	case lex().months[lp] && ref(i-2):
		return true
	}
	return false
}

// quantity is one quantity in a text: the words it spans, its value and
// its kind.
type quantity struct {
	span
	text  string
	value string
	kind  string
	// digits is true when the number is written in digits.
	digits bool
}

// quantitiesIn gathers each number of kind quantityNum in ns with the
// words that belong to it.
func quantitiesIn(text string, ns []number) []quantity {
	var out []quantity
	for i := 0; i < len(ns); i++ {
		if ns[i].kind != quantityNum {
			continue
		}
		q, end := quantityAt(text, ns, i)
		out = append(out, q)
		i = end
	}
	return out
}

// lowerCore is a word's core in lower case without a final dot.
func lowerCore(ns []number, k int) string {
	return strings.ToLower(strings.TrimRight(ns[k].w.core, "."))
}

// quantityAt gathers the number ns[i] with the words that belong to it,
// and returns the quantity and the index of its last word.
func quantityAt(text string, ns []number, i int) (quantity, int) {
	a, b := i, i
	kind := "number"
	vals := []string{ns[i].value}
	// before: a currency or a month
	if a > 0 && (lex().currencyWords[lowerCore(ns, a-1)] || ns[a-1].w.core == "€") {
		a--
		kind = "amount"
		vals = append([]string{lowerCore(ns, a)}, vals...)
	} else if a > 0 && lex().months[lowerCore(ns, a-1)] && ns[a-1].kind == notNumber {
		a--
		kind = "date"
		vals = append([]string{lowerCore(ns, a)}, vals...)
	}
	switch v := ns[i].value; {
	case strings.HasPrefix(v, "€") || strings.HasPrefix(v, "$") || strings.HasPrefix(v, "£"):
		kind = "amount"
	case strings.HasSuffix(v, "%"):
		kind = "percentage"
	}
	// digits grouped by spaces: "1 500 000"
	for b+1 < len(ns) && thousandsGroup(ns[b], ns[b+1]) {
		b++
		vals[len(vals)-1] = canonDigits(vals[len(vals)-1] + ns[b].w.core)
	}
	// after: a month and year, a unit, a magnitude, a currency, "per cent"
	for b+1 < len(ns) {
		nb, nk, word, ok := attach(ns, b, kind)
		if !ok {
			break
		}
		b, kind = nb, nk
		if f := magnitudeOf(word); f > 0 && kind != "date" {
			if v, err := strconv.ParseFloat(vals[len(vals)-1], 64); err == nil {
				vals[len(vals)-1] = strconv.FormatFloat(v*f, 'f', -1, 64)
			} else {
				vals = append(vals, word)
			}
		} else if ns[b].kind == quantityNum {
			vals = append(vals, ns[b].value)
		} else {
			vals = append(vals, word)
		}
		if strings.HasSuffix(ns[b].w.raw, ",") && kind != "date" || strings.HasSuffix(ns[b].w.raw, ";") {
			break
		}
	}
	q := quantity{span: span{ns[a].w.cs.a, ns[b].w.cs.b}, kind: kind, digits: hasDigit(ns[i].w.core)}
	q.text = text[q.a:q.b]
	q.value = strings.Join(vals, " ")
	if kind == "number" && dottedDate.MatchString(ns[i].w.core) {
		q.kind = "date"
	}
	if kind == "date" && len(ns[i].value) == 4 && a == i {
		q.kind = "number" // a year alone
	}
	return q, b
}

// thousandsGroup reports whether next continues the digits of w grouped
// by spaces: "1 500" of "1 500 000".
func thousandsGroup(w, next number) bool {
	return len(next.w.core) == 3 && next.w.core == next.w.raw && isDigits(next.w.core) &&
		hasDigit(w.w.core) && w.w.core == w.w.raw && !strings.ContainsAny(w.w.core, ".,")
}

// attach reads the word after ns[b] as part of a quantity of kind: a month
// or year of a date, a magnitude, a currency, "per cent", a unit. It
// returns the index of the last word taken, the quantity's kind, the word
// as the value spells it, and whether a word was taken.
func attach(ns []number, b int, kind string) (int, string, string, bool) {
	nx := lowerCore(ns, b+1)
	switch {
	case lex().months[nx] && ns[b+1].kind == notNumber:
		return b + 1, "date", nx, true
	case kind == "date" && ns[b+1].kind == quantityNum && len(ns[b+1].value) == 4:
		return b + 1, kind, nx, true
	case lex().magnitudes[nx]:
		return b + 1, kind, nx, true
	case lex().currencyWords[nx] && kind != "date":
		return b + 1, "amount", nx, true
	case lex().percents[nx]:
		return b + 1, "percentage", "%", true
	case (nx == "per" && b+2 < len(ns) && lowerCore(ns, b+2) == "cent") || (nx == "vom" && b+2 < len(ns) && lowerCore(ns, b+2) == "hundert"):
		return b + 2, "percentage", "%", true
	case lex().units[nx], lex().durationQualifiers[nx] && b+2 < len(ns) && lex().units[lowerCore(ns, b+2)]:
		if kind == "number" {
			kind = "duration"
		}
		return b + 1, kind, nx, true
	}
	return b, kind, "", false
}
