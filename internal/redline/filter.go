package redline

// Ancestry lists the ids and numbers of s and of the sections that enclose
// it, nearest first, on its new side (its old side for a deleted section).
func (r *Result) Ancestry(s *SectionDiff) []string {
	ref, newSide := s.New, true
	if ref == nil {
		ref, newSide = s.Old, false
	}
	byID := map[string]*SectionRef{}
	for i := range r.Sections {
		x := r.Sections[i].New
		if !newSide {
			x = r.Sections[i].Old
		}
		if x != nil {
			byID[x.ID] = x
		}
	}
	var out []string
	for ref != nil && len(out) < 64 {
		out = append(out, ref.ID)
		if ref.Number != "" {
			out = append(out, ref.Number)
		}
		if ref.Parent == "" {
			break
		}
		ref = byID[ref.Parent]
	}
	return out
}

// Filter keeps the sections for which keep is true and recounts the
// section and word statistics over them (the word totals of each side stay
// those of the whole documents).
func (r *Result) Filter(keep func(*SectionDiff) bool) {
	kept := r.Sections[:0:0]
	for i := range r.Sections {
		if keep(&r.Sections[i]) {
			kept = append(kept, r.Sections[i])
		}
	}
	r.Sections = kept
	r.Recount()
}

// Recount computes the statistics from the sections; the word totals of
// each side are kept.
func (r *Result) Recount() {
	st := &r.Stats
	oldTotal, newTotal := st.Words.OldTotal, st.Words.NewTotal
	*st = Stats{}
	st.Words.OldTotal, st.Words.NewTotal = oldTotal, newTotal
	for i := range r.Sections {
		s := &r.Sections[i]
		switch s.Status {
		case Added:
			st.Sections.Added++
		case Deleted:
			st.Sections.Deleted++
		case Modified:
			st.Sections.Modified++
		default:
			st.Sections.Unchanged++
		}
		if s.Moved {
			st.Sections.Moved++
		}
		if s.Renamed {
			st.Sections.Renamed++
		}
		if s.Renumbered {
			st.Sections.Renumbered++
		}
		if s.Relevelled {
			st.Sections.Relevelled++
		}
		st.Words.Inserted += s.Words.Inserted
		st.Words.Deleted += s.Words.Deleted
	}
}
