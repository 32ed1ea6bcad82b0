package summary

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// injection is one kind of edit made to a section that two real rounds
// share unchanged: the rule that must report it, or "" when nothing may.
type injection struct {
	name string
	rule string
	// edit changes the source of one block, or says it cannot.
	edit func(src string, b doc.Block, first bool) (string, bool)
}

// replaceFirst replaces the first match of re in s that ok accepts.
func replaceFirst(s string, re *regexp.Regexp, ok func(s string, m []int) bool, with func(s string, m []int) string) (string, bool) {
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		if ok == nil || ok(s, m) {
			return s[:m[0]] + with(s, m) + s[m[1]:], true
		}
	}
	return s, false
}

// standaloneNumber reports whether the number at s[m[2]:m[3]] reads as a
// quantity: the word before it names no reference, version or label.
func standaloneNumber(s string, m []int) bool {
	before := strings.Fields(s[:m[2]])
	if len(before) == 0 {
		return false
	}
	w := strings.ToLower(strings.Trim(before[len(before)-1], "(.,;:"))
	return !lex().referenceWords[w] && !lex().chainWords[w] && !lex().versionWords[w] && !hasDigit(w) &&
		!strings.Contains(w, "§") && !acronymRe.MatchString(before[len(before)-1]) && !strings.HasSuffix(before[len(before)-1], "(")
}

var (
	mustRe       = regexp.MustCompile(`\bMUST\b`)
	shouldRe     = regexp.MustCompile(`\b(SHOULD|should)\b`)
	mussRe       = regexp.MustCompile(`\b(muss|müssen)\b`)
	unitNumberRe = regexp.MustCompile(`(?:^|\s)(\d{1,4}) (days|seconds|milliseconds|bytes|octets|hours|minutes|Tagen|Monaten|Monate|Jahren|Jahre|Wochen|Euro|Prozent)\b`)
	germanWordRe = regexp.MustCompile(`\s(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf) (\p{L}+)`)
	obligatesRe  = regexp.MustCompile(`\b(MUST|SHALL|must|shall|muss|müssen)\b`)
	digitWordRe  = regexp.MustCompile(`\s([2-9]) (\p{Ll}+)`)
)

var injections = []injection{
	{name: "MUST becomes SHOULD", rule: "obligation-strength", edit: func(s string, _ doc.Block, _ bool) (string, bool) {
		return replaceFirst(s, mustRe, nil, func(string, []int) string { return "SHOULD" })
	}},
	{name: "SHOULD becomes MUST", rule: "obligation-strength", edit: func(s string, _ doc.Block, _ bool) (string, bool) {
		return replaceFirst(s, shouldRe, nil, func(s string, m []int) string {
			if s[m[2]:m[3]] == "should" {
				return "must"
			}
			return "MUST"
		})
	}},
	{name: "muss becomes soll", rule: "obligation-strength", edit: func(s string, _ doc.Block, _ bool) (string, bool) {
		return replaceFirst(s, mussRe, nil, func(s string, m []int) string {
			if s[m[2]:m[3]] == "muss" {
				return "soll"
			}
			return "sollen"
		})
	}},
	{name: "a number before a unit changed", rule: "changed-quantity", edit: func(s string, _ doc.Block, _ bool) (string, bool) {
		return replaceFirst(s, unitNumberRe, standaloneNumber, func(s string, m []int) string {
			n, _ := strconv.Atoi(s[m[2]:m[3]])
			return s[m[0]:m[2]] + strconv.Itoa(n+7) + s[m[3]:m[1]]
		})
	}},
	{name: "a German number word changed", rule: "changed-quantity", edit: func(s string, _ doc.Block, _ bool) (string, bool) {
		return replaceFirst(s, germanWordRe, func(s string, m []int) bool {
			return standaloneNumber(s, m) && !lex().months[strings.ToLower(s[m[4]:m[5]])]
		}, func(s string, m []int) string {
			w := "elf"
			if s[m[2]:m[3]] == "elf" {
				w = "zwanzig"
			}
			return s[m[0]:m[2]] + w + s[m[3]:m[1]]
		})
	}},
	{name: "a paragraph carrying an obligation deleted", rule: "obligation-removed", edit: func(s string, b doc.Block, first bool) (string, bool) {
		// the first block stays, so that the section keeps some text
		if first || (b.Kind != doc.Paragraph && b.Kind != doc.ListItem) || !obligatesRe.MatchString(s) {
			return s, false
		}
		return "", true
	}},
	{name: "a digit written as a word", edit: func(s string, _ doc.Block, _ bool) (string, bool) {
		words := map[string]string{"2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine"}
		return replaceFirst(s, digitWordRe, func(s string, m []int) bool {
			return standaloneNumber(s, m) && !lex().months[s[m[4]:m[5]]] && !lex().units[s[m[4]:m[5]]] // a unit would make a duration: still equal, but keep it plain
		}, func(s string, m []int) string {
			return s[m[0]:m[2]] + words[s[m[2]:m[3]]] + s[m[3]:m[1]]
		})
	}},
	{name: "a sentence inserted with version and RFC numbers", edit: func(s string, b doc.Block, _ bool) (string, bool) {
		if b.Kind != doc.Paragraph || !strings.HasSuffix(strings.TrimSpace(s), ".") || strings.Count(s, " ") < 8 {
			return s, false
		}
		t := strings.TrimRight(s, " \n")
		return t + " This profile uses TLS 1.3 as described in RFC 8446, version 2 of the format and HTTP/2." + s[len(t):], true
	}},
}

// injected is one injection made: where and what must be reported.
type injected struct {
	inj     injection
	section string // the section's id on the new side
}

// untouchedSection reports whether a section of the redline is the same on
// both sides in every respect.
func untouchedSection(sd *redline.SectionDiff) bool {
	if sd.Changed() || sd.Old == nil || sd.New == nil {
		return false
	}
	for _, b := range sd.Blocks {
		if b.Status != redline.Unchanged || b.MovedFrom != "" || b.MovedTo != "" {
			return false
		}
	}
	return true
}

// inject makes each injection it can into its own section of newDoc among
// the untouched ones, and returns the edited source and what it made.
func inject(t *testing.T, newDoc *doc.Document, res *redline.Result) (string, []injected) {
	t.Helper()
	untouched := map[string]bool{}
	for i := range res.Sections {
		if sd := &res.Sections[i]; untouchedSection(sd) {
			untouched[sd.New.ID] = true
		}
	}
	type repl struct {
		a, b int
		text string
	}
	var repls []repl
	var made []injected
	used := map[string]bool{}
	src := string(newDoc.Source)
	for _, inj := range injections {
	sections:
		for _, sec := range newDoc.Sections {
			if !untouched[sec.ID] || used[sec.ID] {
				continue
			}
			for k, b := range sec.Blocks {
				if b.Kind == doc.Code || b.Kind == doc.HTML || b.Kind == doc.TableRow {
					continue
				}
				text, ok := inj.edit(src[b.Start:b.End], b, k == 0)
				if !ok {
					continue
				}
				end := b.End
				if text == "" && end < len(src) && src[end] == '\n' {
					end++ // a deleted paragraph takes its line break along
				}
				repls = append(repls, repl{b.Start, end, text})
				made = append(made, injected{inj, sec.ID})
				used[sec.ID] = true
				break sections
			}
		}
	}
	sort.Slice(repls, func(i, j int) bool { return repls[i].a > repls[j].a })
	for _, r := range repls {
		src = src[:r.a] + r.text + src[r.b:]
	}
	return src, made
}

type notableKey struct{ rule, section, old, new string }

func keysOf(ns []Notable, skip map[string]bool) map[notableKey]bool {
	out := map[notableKey]bool{}
	for _, n := range ns {
		if !skip[n.Section] {
			out[notableKey{n.Rule, n.Section, n.Old, n.New}] = true
		}
	}
	return out
}

// checkInjections injects edits into the sections two rounds share
// unchanged, and checks that each edit that must be reported is, in its
// section, by its rule, and that nothing else changed in the list.
func checkInjections(t *testing.T, oldPath, newPath string) []injected {
	t.Helper()
	oldDoc, newDoc := parseFile(t, oldPath), parseFile(t, newPath)
	base := diff.Compare([]*doc.Document{oldDoc}, []*doc.Document{newDoc}, diff.Options{})
	before := Compute(base, Options{Rules: uncrowded()}).Notable
	src, made := inject(t, newDoc, base)
	edited, err := doc.Parse(filepath.Base(newPath), []byte(src), doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := diff.Compare([]*doc.Document{oldDoc}, []*doc.Document{edited}, diff.Options{})
	after := Compute(res, Options{Rules: uncrowded()}).Notable
	// the redline's id of each injected section
	ids := map[string]string{}
	for i := range res.Sections {
		if sd := &res.Sections[i]; sd.New != nil {
			ids[sd.New.ID] = sectionID(sd)
		}
	}
	touched := map[string]bool{}
	for _, m := range made {
		touched[ids[m.section]] = true
		var got []string
		for _, n := range after {
			if n.Section == ids[m.section] {
				got = append(got, n.Rule+": "+n.What)
			}
		}
		want := 0
		if m.inj.rule != "" {
			want = 1
		}
		if len(got) != want || (want == 1 && !strings.HasPrefix(got[0], m.inj.rule+":")) {
			t.Errorf("%s: %s in %s: want %q reported once, got %q", filepath.Base(newPath), m.inj.name, m.section, m.inj.rule, got)
		} else {
			t.Logf("%s: %s in %s: %q", filepath.Base(newPath), m.inj.name, m.section, got)
		}
	}
	// everywhere else the list is what it was
	was, is := keysOf(before, touched), keysOf(after, touched)
	for k := range is {
		if !was[k] {
			t.Errorf("%s: reported in a section no injection touched: %+v", filepath.Base(newPath), k)
		}
	}
	for k := range was {
		if !is[k] {
			t.Errorf("%s: no longer reported after the injections: %+v", filepath.Base(newPath), k)
		}
	}
	return made
}

// injectMaxBytes bounds the rounds the injection test compares, to keep it
// quick on two cores.
const injectMaxBytes = 400_000

// TestInjectedEdits injects each kind of edit into sections that two real
// rounds share unchanged: the last pair of each corpus series, and of each
// series folder named in $CODRAFT_INJECT_SERIES (separated by the list
// separator), so that the test runs on series outside the corpus too.
func TestInjectedEdits(t *testing.T) {
	var all []series
	if dirs := os.Getenv("CODRAFT_INJECT_SERIES"); dirs != "" {
		for _, d := range filepath.SplitList(dirs) {
			files, _ := filepath.Glob(filepath.Join(d, "*.md"))
			sort.Strings(files)
			if len(files) >= 2 {
				all = append(all, series{name: filepath.Base(d), files: files})
			}
		}
	}
	all = append(all, corpusSeries(t)...)
	done := map[string]bool{}
	for _, s := range all {
		n := len(s.files)
		if fi, err := os.Stat(s.files[n-1]); err == nil && fi.Size() > injectMaxBytes {
			t.Logf("%s: skipped, its last round is over %d bytes (the labelled test reads it)", s.name, injectMaxBytes)
			continue
		}
		t.Run(s.name, func(t *testing.T) {
			for _, m := range checkInjections(t, s.files[n-2], s.files[n-1]) {
				done[m.inj.name] = true
			}
		})
	}
	for _, inj := range injections {
		if !done[inj.name] {
			t.Errorf("no series had a section to take %q", inj.name)
		}
	}
}
