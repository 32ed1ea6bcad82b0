package summary

import "sync"

// lexicon holds the word lists the rules look words up in. They are built
// the first time a rule looks, so that commands that never summarise do
// not build them at start-up.
type lexicon struct {
	// notTerms are definition-list terms that define nothing.
	notTerms map[string]bool
	// determiners open the noun phrase that names a party.
	determiners map[string]bool
	// pronouns stand for a party without naming it.
	pronouns map[string]bool
	// notParties are words ending in s that stand before an obligation word
	// without naming a party.
	notParties map[string]bool
	// skipped are the words that may stand between an obligation word and the
	// action it binds to, or between a party and the obligation word.
	skipped map[string]bool
	// englishNumbers are the English number words, matched in any case.
	englishNumbers map[string]int
	// germanNumbers are matched in lower case only, so that nouns such as
	// "Acht" stay words.
	germanNumbers map[string]int
	// referenceWords introduce a reference to a document or a part of one.
	referenceWords map[string]bool
	// versionWords introduce a version.
	versionWords map[string]bool
	// chainWords join the numbers of one reference: "Sections 4 and 5".
	chainWords map[string]bool
	// partWords name a part of a document that may be numbered by a letter.
	partWords map[string]bool
	// citing are the words after which "vom" (of) introduces the date of a
	// cited act: "Richtlinie … des Rates vom 26. Juni 2013".
	citing map[string]bool
	// months, units, durationQualifiers, currencyWords, magnitudes and
	// percents are the words of dates, durations, amounts and shares.
	months             map[string]bool
	units              map[string]bool
	durationQualifiers map[string]bool
	currencyWords      map[string]bool
	magnitudes         map[string]bool
	percents           map[string]bool
	// attachable are the words that a quantity may take beside its number.
	attachable map[string]bool
}

var (
	lexiconOnce sync.Once
	lexiconSets *lexicon
)

// lex is the lexicon, built on first use.
func lex() *lexicon {
	lexiconOnce.Do(func() { lexiconSets = newLexicon() })
	return lexiconSets
}

func newLexicon() *lexicon {
	l := &lexicon{
		notTerms: map[string]bool{"note": true, "notes": true, "example": true, "examples": true, "hinweis": true, "anmerkung": true},
		determiners: map[string]bool{
			"a": true, "an": true, "the": true, "each": true, "every": true, "any": true, "no": true,
			"this": true, "that": true, "these": true, "those": true, "its": true, "their": true,
			"our": true, "your": true, "all": true, "both": true, "either": true, "neither": true,
		},
		pronouns: map[string]bool{
			"it": true, "they": true, "he": true, "she": true, "we": true, "you": true, "i": true,
			"one": true, "which": true, "who": true, "that": true, "this": true, "there": true,
			"itself": true, "themselves": true, "them": true, "these": true, "those": true,
		},
		notParties: map[string]bool{
			"this": true, "thus": true, "was": true, "has": true, "does": true, "is": true, "its": true,
			"as": true, "us": true, "yes": true, "less": true, "unless": true, "dies": true, "es": true,
			"als": true, "des": true, "bis": true, "aus": true, "das": true, "uns": true, "always": true,
			"sometimes": true, "perhaps": true, "otherwise": true, "whereas": true, "besides": true,
		},
		skipped: map[string]bool{
			"also": true, "then": true, "only": true, "still": true, "therefore": true, "thus": true,
			"always": true, "never": true, "instead": true, "first": true, "immediately": true,
			"either": true, "be": true, "have": true, "not": true, "now": true, "further": true,
		},
		englishNumbers: map[string]int{
			"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
			"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
			"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
			"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
			"hundred": 100, "thousand": 1000,
		},
		germanNumbers: map[string]int{
			"null": 0, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
			"neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
			"sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30,
			"vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
			"hundert": 100, "tausend": 1000,
		},
		referenceWords: map[string]bool{
			"rfc": true, "rfcs": true, "bcp": true, "std": true, "fyi": true, "section": true, "sections": true,
			"sec": true, "§": true, "§§": true, "art": true, "article": true, "articles": true, "artikel": true,
			"absatz": true, "absätze": true, "abs": true, "satz": true, "sätze": true, "nr": true, "nummer": true,
			"nummern": true, "buchstabe": true, "anlage": true, "anlagen": true, "annex": true, "annexes": true,
			"anhang": true, "appendix": true, "chapter": true, "kapitel": true, "measure": true, "measures": true,
			"commitment": true, "commitments": true, "paragraph": true, "paragraphs": true, "para": true, "teil": true,
			"abschnitt": true, "table": true, "figure": true, "fig": true, "clause": true, "clauses": true, "recital": true,
			"erwägungsgrund": true, "no": true, "s": true, "seite": true, "l": true, "bgbl": true, "abl": true,
			"unterabsatz": true, "halbsatz": true, "doppelbuchstabe": true, "rn": true, "randnummer": true,
			"part": true, "item": true, "step": true, "errata": true, "erratum": true, "draft": true, "iso": true,
			"iec": true, "en": true, "din": true, "absätzen": true, "sätzen": true, "buchstaben": true, "artikeln": true,
			"paragraphen": true, "abschnitten": true, "kapiteln": true, "anhängen": true, "i": true, "ii": true, "iii": true,
			"nrn": true, "tz": true, "textziffer": true, "ziffer": true, "ziff": true,
		},
		versionWords: map[string]bool{"version": true, "versions": true, "v": true, "release": true, "fassung": true},
		chainWords:   map[string]bool{"and": true, "or": true, "to": true, "through": true, "und": true, "oder": true, "bis": true, "sowie": true, "&": true, "-": true, "–": true},
		partWords: map[string]bool{"section": true, "sections": true, "article": true, "annex": true, "appendix": true,
			"part": true, "chapter": true, "anlage": true, "anhang": true, "teil": true, "abschnitt": true, "kapitel": true, "titel": true},
		citing: map[string]bool{"rates": true, "rats": true, "kommission": true, "parlaments": true, "council": true, "commission": true, "parliament": true},
		months: map[string]bool{
			"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
			"august": true, "september": true, "october": true, "november": true, "december": true,
			"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
			"sept": true, "oct": true, "nov": true, "dec": true, "januar": true, "jänner": true, "februar": true,
			"märz": true, "mai": true, "juni": true, "juli": true, "oktober": true, "dezember": true,
		},
		units: map[string]bool{
			"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true, "year": true,
			"years": true, "hour": true, "hours": true, "minute": true, "minutes": true, "second": true, "seconds": true,
			"ms": true, "milliseconds": true, "tag": true, "tage": true, "tagen": true, "tages": true, "werktage": true,
			"werktagen": true, "arbeitstage": true, "arbeitstagen": true, "woche": true, "wochen": true, "monat": true,
			"monate": true, "monaten": true, "monats": true, "jahr": true, "jahre": true, "jahren": true, "jahres": true,
			"stunde": true, "stunden": true, "minuten": true, "sekunden": true,
		},
		durationQualifiers: map[string]bool{"working": true, "business": true, "calendar": true},
		currencyWords: map[string]bool{
			"eur": true, "usd": true, "gbp": true, "chf": true, "euro": true, "euros": true, "dollar": true,
			"dollars": true, "pound": true, "pounds": true, "€": true, "$": true, "£": true, "deutsche": true, "dm": true,
		},
		magnitudes: map[string]bool{"million": true, "millionen": true, "billion": true, "milliarde": true, "milliarden": true, "thousand": true, "bn": true, "mio": true, "mrd": true},
		percents:   map[string]bool{"%": true, "percent": true, "prozent": true, "vom": false},
	}
	l.attachable = map[string]bool{"per": true, "cent": true, "vom": true, "hundert": true, "€": true}
	for _, set := range []map[string]bool{l.months, l.units, l.durationQualifiers, l.currencyWords, l.magnitudes, l.percents} {
		for w := range set {
			l.attachable[w] = true
		}
	}
	return l
}
