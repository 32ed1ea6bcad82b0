package summary

// prose is one side of a block as the obligation rules read it: its text,
// its sentences, and the obligation words of each sentence, each found once
// however many rules and edits ask. It is filled as it is read, so one
// prose belongs to one goroutine at a time: the rules read a section on
// one goroutine.
type prose struct {
	text  string
	sents []span
	split bool
	// per[k] holds what was found in sentence k, as it is read.
	per []sentenceRead
	// idx is what findModals looks up in the text, found once for every
	// stretch read; nil until then.
	idx *modalIndex
}

// sentenceRead is what the rules found in one sentence: its obligation
// words, at offsets into the sentence, once read is true, and its duties,
// at offsets into the text, once dutied is true.
type sentenceRead struct {
	modals       []modal
	duties       []duty
	read, dutied bool
}

func newProse(text string) *prose { return &prose{text: text} }

// sentences are the sentences of the text.
func (p *prose) sentences() []span {
	if !p.split {
		p.sents, p.split = sentences(p.text), true
		p.per = make([]sentenceRead, len(p.sents))
	}
	return p.sents
}

// modalsOf are the obligation words of the k-th sentence, at offsets into
// the sentence.
func (p *prose) modalsOf(k int) []modal {
	p.sentences()
	if r := &p.per[k]; !r.read {
		r.modals, r.read = p.modalsIn(p.sents[k]), true
	}
	return p.per[k].modals
}

// strongestOf is the strongest binding obligation word of the k-th
// sentence, at offsets into the sentence, and whether there is one.
func (p *prose) strongestOf(k int) (modal, bool) {
	return strongest(p.modalsOf(k))
}

// dutiesOf are the duties of the k-th sentence (loose adjectives left out),
// at offsets into the text.
func (p *prose) dutiesOf(k int) []duty {
	p.sentences()
	if r := &p.per[k]; !r.dutied {
		d := sentenceDuties(p, k)
		r = &p.per[k]
		r.duties, r.dutied = d, true
	}
	return p.per[k].duties
}

// modalsIn is findModals of the text's stretch s, at offsets into it.
func (p *prose) modalsIn(s span) []modal {
	if p.idx == nil {
		p.idx = newModalIndex(p.text)
	}
	return findModalsIn(p.idx, s.a, s.b)
}
