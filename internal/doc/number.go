package doc

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// a number after a number word: 3, 1.2, 66a, 2.1.3., I, IV, A
const numTok = `(?:\d+[a-z]?(?:\.\d+[a-z]?)*\.?|[IVXLCDM]+\b\.?|[A-Z]\b\.?)`

// numberPatterns holds the fixed patterns of headings, compiled when a
// heading is first read rather than when the program starts.
var numberPatterns = sync.OnceValue(func() *headingPatterns {
	return &headingPatterns{
		bareNum:     regexp.MustCompile(`^(\d+(?:\.\d+)*\.?|\d+\)|[A-Z]\.|[IVXLCDM]+\.|\([a-z0-9]+\))(?:\s+|$)`),
		sepPrefix:   regexp.MustCompile(`^\s*[:.\-–—)]*\s*`),
		ordinalPart: regexp.MustCompile(`^(\S+ (?:Abschnitt|Teil|Kapitel|Unterabschnitt|Titel|Buch|Chapter|Part))\s+[-–—]\s*(.*)$`),
		attrBlock:   regexp.MustCompile(`\s*\{[:#.][^}]*\}\s*$`),
	}
})

type headingPatterns struct {
	// a bare leading number: "4.", "1.2", "1.2.3.", "B.", "II.", "(a)"
	bareNum *regexp.Regexp
	// what separates a number from its title
	sepPrefix *regexp.Regexp
	// "Erster Abschnitt - Title", "Zweiter Teil - Title"
	ordinalPart *regexp.Regexp
	// a trailing attribute block
	attrBlock *regexp.Regexp
}

// wordCache holds the compiled pattern of each list of number words;
// documents are parsed in parallel.
var wordCache sync.Map

// stripAttributeBlock removes a trailing kramdown or pandoc attribute block
// that the parser did not take ({: .class}, {#id .c}).
func stripAttributeBlock(s string) string {
	if !strings.Contains(s, "{") {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(numberPatterns().attrBlock.ReplaceAllString(s, ""))
}

// numberWordRE returns the pattern of a number after one of words.
func numberWordRE(words []string) *regexp.Regexp {
	key := strings.Join(words, "\x00")
	if re, ok := wordCache.Load(key); ok {
		return re.(*regexp.Regexp)
	}
	alts := make([]string, 0, len(words))
	for _, w := range words {
		alts = append(alts, regexp.QuoteMeta(w))
	}
	// longest first so "§§" wins over "§"
	for i := range alts {
		for j := i + 1; j < len(alts); j++ {
			if len(alts[j]) > len(alts[i]) {
				alts[i], alts[j] = alts[j], alts[i]
			}
		}
	}
	re := regexp.MustCompile(`^((?i:` + strings.Join(alts, "|") + `)\s*` + numTok + `)(?:\s+|$|[:\-–—,])`)
	wordCache.Store(key, re)
	return re
}

// splitNumber splits a heading's plain text into its number as written and
// its title.
func splitNumber(h string, words []string) (number, title string) {
	return splitNumberRE(h, numberWordRE(words))
}

// splitNumberRE is splitNumber with the pattern of the number words.
func splitNumberRE(h string, wordRE *regexp.Regexp) (number, title string) {
	h = strings.TrimSpace(h)
	pat := numberPatterns()
	if m := wordRE.FindStringSubmatch(h); m != nil {
		number, title = m[1], h[len(m[1]):]
	} else if m := pat.bareNum.FindStringSubmatch(h); m != nil {
		number, title = m[1], h[len(m[1]):]
	} else if m := pat.ordinalPart.FindStringSubmatch(h); m != nil {
		return m[1], cleanTitle(m[2])
	} else {
		return "", cleanTitle(h)
	}
	// sepPrefix is anchored at the start and may match nothing
	loc := pat.sepPrefix.FindStringIndex(title)
	return strings.TrimSpace(number), cleanTitle(title[loc[1]:])
}

func cleanTitle(t string) string {
	t = strings.TrimSpace(t)
	// German headings end in " - " when the title is empty
	t = strings.TrimRight(t, " -–—")
	return strings.TrimSpace(t)
}

// Slug lower-cases s and turns every run of characters that are not letters
// or digits into one hyphen.
func Slug(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return slugUnicode(s)
		}
	}
	// ASCII: a byte is a character, and its class is in the table
	b := make([]byte, 0, len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if byteClass[c]&classWord == 0 {
			dash = true
			continue
		}
		if dash && len(b) > 0 {
			b = append(b, '-')
		}
		dash = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// slugUnicode is Slug of text that is not all ASCII.
func slugUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		// strings.ToLower maps each character so
		r = unicode.ToLower(r)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
