package redline

import "strings"

// Names reports whether name, as a trailer or a filter writes it, names the
// section with this id and number: its id; its number as written ("Measure
// 2.1", "§ 66a"), without regard to case and spacing; or that number without
// its word ("2.1", "66a"), with or without a final period ("4" for "4.").
func Names(name, id, number string) bool {
	if name == id {
		return true
	}
	return NamesNumber(name, number)
}

// NamesNumber reports whether name is the number, written as Names accepts.
func NamesNumber(name, number string) bool {
	if number == "" {
		return false
	}
	q := strings.Join(strings.Fields(name), " ")
	n := strings.Join(strings.Fields(number), " ")
	if q == "" {
		return false
	}
	if strings.EqualFold(q, n) {
		return true
	}
	bare := n
	if i := strings.LastIndexByte(n, ' '); i >= 0 {
		bare = n[i+1:]
	}
	return strings.EqualFold(strings.TrimSuffix(q, "."), strings.TrimSuffix(bare, "."))
}

// ChangedSections counts the sections to which anything happened (see
// SectionDiff.Changed): the one count of changed sections that every output
// gives.
func (r *Result) ChangedSections() int {
	n := 0
	for i := range r.Sections {
		if r.Sections[i].Changed() {
			n++
		}
	}
	return n
}
