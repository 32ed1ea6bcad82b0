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
	// modals[k] are the obligation words of sentence k, at offsets into
	// the sentence; read[k] tells whether they were looked for yet.
	modals [][]modal
	read   []bool
	// duties[k] are the duties of sentence k, at offsets into the text;
	// dutied[k] tells whether they were read yet.
	duties [][]duty
	dutied []bool
	// idx is what findModals looks up in the text, found once for every
	// stretch read; nil until then.
	idx *modalIndex
}

func newProse(text string) *prose { return &prose{text: text} }

// sentences are the sentences of the text.
func (p *prose) sentences() []span {
	if !p.split {
		p.sents, p.split = sentences(p.text), true
		p.modals = make([][]modal, len(p.sents))
		p.read = make([]bool, len(p.sents))
		p.duties = make([][]duty, len(p.sents))
		p.dutied = make([]bool, len(p.sents))
	}
	return p.sents
}

// modalsOf are the obligation words of the k-th sentence, at offsets into
// the sentence.
func (p *prose) modalsOf(k int) []modal {
	p.sentences()
	if !p.read[k] {
		s := p.sents[k]
		p.modals[k], p.read[k] = p.modalsIn(s), true
	}
	return p.modals[k]
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
	if !p.dutied[k] {
		p.duties[k], p.dutied[k] = sentenceDuties(p, k), true
	}
	return p.duties[k]
}

// modalsIn is findModals of the text's stretch s, at offsets into it.
func (p *prose) modalsIn(s span) []modal {
	if p.idx == nil {
		p.idx = newModalIndex(p.text)
	}
	return findModalsIn(p.idx, s.a, s.b)
}
