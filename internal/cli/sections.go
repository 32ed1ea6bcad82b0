package cli

import (
	"fmt"
	"strings"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
	"github.com/codraft/codraft/internal/trailers"
)

// sectionIndex holds the ids and numbers of a draft's sections, to check
// that a name given on the command line (--section, a --wg list) names one,
// and to suggest the nearest when it does not.
type sectionIndex struct {
	ids, numbers []string // each once, in document order
	seen         map[string]bool
}

func (x *sectionIndex) add(id, number string) {
	if x.seen == nil {
		x.seen = map[string]bool{}
	}
	if !x.seen["id:"+id] {
		x.seen["id:"+id] = true
		x.ids = append(x.ids, id)
	}
	number = strings.Join(strings.Fields(number), " ")
	if number != "" && !x.seen["n:"+number] {
		x.seen["n:"+number] = true
		x.numbers = append(x.numbers, number)
	}
}

func docsIndex(docs []*doc.Document) *sectionIndex {
	x := &sectionIndex{}
	for _, d := range docs {
		for i := range d.Sections {
			x.add(d.Sections[i].ID, d.Sections[i].Number)
		}
	}
	return x
}

// resultIndex indexes the sections of both sides of a redline.
func resultIndex(res *redline.Result) *sectionIndex {
	x := &sectionIndex{}
	for i := range res.Sections {
		for _, r := range []*redline.SectionRef{res.Sections[i].New, res.Sections[i].Old} {
			if r != nil {
				x.add(r.ID, r.Number)
			}
		}
	}
	return x
}

// has reports whether name names a section: its id, or its number with or
// without its word (redline.Names).
func (x *sectionIndex) has(name string) bool {
	for _, id := range x.ids {
		if id == name {
			return true
		}
	}
	for _, n := range x.numbers {
		if redline.NamesNumber(name, n) {
			return true
		}
	}
	return false
}

// nearestText lists the ids and numbers nearest to name, for a hint.
func (x *sectionIndex) nearestText(name string) string {
	ids := nearest(name, x.ids, 4)
	// a number is near by its whole form or its form without the word
	bare := make([]string, len(x.numbers))
	for i, n := range x.numbers {
		bare[i] = n[strings.LastIndexByte(n, ' ')+1:]
	}
	var nums []string
	for _, b := range nearest(name, bare, 4) {
		for i := range bare {
			if bare[i] == b && len(nums) < 4 {
				nums = appendNew(nums, x.numbers[i])
			}
		}
	}
	for _, n := range nearest(name, x.numbers, 4) {
		if len(nums) < 4 {
			nums = appendNew(nums, n)
		}
	}
	return (&sectionIndex{ids: ids, numbers: nums}).listText()
}

// unknownSection is the error for a name that names no section of what
// where says, with the nearest ids and numbers, else how to list them.
func (x *sectionIndex) unknownSection(name, where, listCmd string) error {
	err := fmt.Errorf("unknown section %q%s", name, where)
	if near := x.nearestText(name); near != "" {
		return withHint(err, "the nearest are: "+near+" (a section is named by its id, or its number with or without its word)")
	}
	if len(x.ids) == 0 {
		return withHint(err, "the draft has no sections: check the draft files")
	}
	first := &sectionIndex{ids: x.ids[:min(4, len(x.ids))], numbers: x.numbers[:min(4, len(x.numbers))]}
	return withHint(err, fmt.Sprintf("no section is named like it; the first are: %s (%s lists them all)", first.listText(), listCmd))
}

func (x *sectionIndex) listText() string {
	var parts []string
	if len(x.ids) > 0 {
		parts = append(parts, "ids "+strings.Join(x.ids, ", "))
	}
	if len(x.numbers) > 0 {
		parts = append(parts, "numbers "+strings.Join(x.numbers, ", "))
	}
	return strings.Join(parts, "; ")
}

// checkCitedSections checks that every section a --wg citation lists is a
// section of the draft about to be recorded (docs, read from file).
func checkCitedSections(specs []string, docs []*doc.Document, file string) error {
	var x *sectionIndex
	for _, spec := range specs {
		c, err := trailers.ParseCitation(spec)
		if err != nil {
			return explain(err)
		}
		for _, name := range c.Sections {
			if x == nil {
				x = docsIndex(docs)
			}
			if !x.has(name) {
				return x.unknownSection(name, fmt.Sprintf(" in --wg %q: %s has no such section", spec, file),
					"\"codraft diff --format json\"")
			}
		}
	}
	return nil
}
