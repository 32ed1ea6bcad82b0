// Package blame says, for each block of a round and each run of words in
// it, which round introduced the words, which round last changed the block
// and which working groups were cited for it. It follows text through
// re-wrapping (which is no change) and through moves, block by block with
// the engine's moves and, for a run of words that left one block and
// arrived in another, by its text. It reads the redline of each
// consecutive pair of rounds, one pair at a time, and does no IO.
package blame

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/codraft/codraft/internal/lineage"
	"github.com/codraft/codraft/internal/redline"
)

// Schema is the JSON schema name of "codraft blame --format json".
const Schema = "codraft.blame/v1"

// Block is one block of the current round.
type Block struct {
	// Section is the section holding the block, as it is in the round;
	// Ancestry its id and number and those of the sections enclosing it,
	// nearest first.
	Section  redline.SectionRef
	Ancestry []string
	Kind     string
	// Line is the block's 1-based line in Section.File.
	Line int
	// Text is the block's text as codraft normalises it.
	Text string
	// LastChanged is the number of the round that last changed the
	// block's text (added it, or inserted or deleted words in it); Groups
	// are the working groups cited for that change.
	LastChanged int
	Groups      []string
	// ChangedIn is the id of the section that held the block when it last
	// changed.
	ChangedIn string
	spans     []span
}

// span is a run of Text that one round introduced.
type span struct {
	start, end int
	round      int
	groups     []string
}

// Run is a run of words that one round introduced.
type Run struct {
	Text string
	// Introduced is the number of the round that wrote the words.
	Introduced int
	// Groups are the working groups cited for that round's change.
	Groups []string
}

// Introduced is the earliest round that wrote any words of the block.
func (b *Block) Introduced() int {
	first := b.LastChanged
	for _, s := range b.spans {
		if s.round < first {
			first = s.round
		}
	}
	return first
}

// Runs returns the block's text as runs of words, each introduced by one
// round; white space between two runs belongs to the run before it.
func (b *Block) Runs() []Run {
	var out []Run
	for _, s := range b.spans {
		text := b.Text[s.start:s.end]
		if len(out) > 0 {
			last := &out[len(out)-1]
			if (last.Introduced == s.round && sameGroups(last.Groups, s.groups)) || isSpace(text) {
				last.Text += text
				continue
			}
		}
		out = append(out, Run{Text: text, Introduced: s.round, Groups: s.groups})
	}
	// a block that opens with white space gives it to the next run
	if len(out) > 1 && isSpace(out[0].Text) {
		out[1].Text = out[0].Text + out[1].Text
		out = out[1:]
	}
	return out
}

func isSpace(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }

func sameGroups(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Tracker holds the blame of the newest round added.
type Tracker struct {
	round  int
	blocks []*Block
}

// NewTracker returns a tracker before any round.
func NewTracker() *Tracker { return &Tracker{} }

// Round is the number of the newest round added (0 before any).
func (t *Tracker) Round() int { return t.round }

// Blocks are the blocks of the newest round, in document order.
func (t *Tracker) Blocks() []*Block { return t.blocks }

// Add moves the blame on to round r. res compares the round before (an
// empty draft for the first) with r. Add keeps no reference to res.
func (t *Tracker) Add(r lineage.Round, res *redline.Result) error {
	olds, err := t.oldBlocks(res)
	if err != nil {
		return fmt.Errorf("blame: round %d: %w", r.Number, err)
	}
	moved := map[string]*Block{}
	pool := map[string][]span{} // deleted runs of words, by their text
	for bd, ob := range olds {
		if bd.MovedTo != "" && bd.Move != "" {
			moved[bd.Move] = ob
		}
		if bd.MovedTo == "" {
			collectDeleted(bd, ob, pool)
		}
	}
	secs := sideOrder(res, false)
	anc := ancestry(res)
	var blocks []*Block
	for _, sd := range secs {
		groups := lineage.Groups(r.Citations, sd.New)
		for k := range sd.Blocks {
			bd := &sd.Blocks[k]
			if bd.Status == redline.Deleted || bd.MovedTo != "" {
				continue
			}
			src := olds[bd]
			if bd.MovedFrom != "" {
				src = moved[bd.Move]
			}
			b := &Block{Section: *sd.New, Ancestry: anc[sd.New.ID], Kind: bd.Kind, Line: bd.NewLine}
			b.carry(bd.Ops, src, r.Number, groups, pool)
			blocks = append(blocks, b)
		}
	}
	t.blocks, t.round = blocks, r.Number
	return nil
}

// carry builds b's text and spans from the ops of its redline block: equal
// words keep the blame they had in src, inserted words are blamed on round,
// unless they are a run deleted elsewhere in the same pair.
func (b *Block) carry(ops []redline.Op, src *Block, round int, groups []string, pool map[string][]span) {
	var sb strings.Builder
	oldPos := 0
	changed := src == nil
	for _, op := range ops {
		start := sb.Len()
		switch op.Op {
		case redline.Equal:
			sb.WriteString(op.Text)
			if src != nil {
				b.spans = append(b.spans, cut(src.spans, oldPos, oldPos+len(op.Text), start)...)
			} else {
				b.spans = append(b.spans, span{start, start + len(op.Text), round, groups})
			}
			oldPos += len(op.Text)
		case redline.Insert:
			sb.WriteString(op.Text)
			changed = true
			if sp, ok := fromPool(op.Text, pool); ok {
				b.spans = append(b.spans, shift(sp, start)...)
			} else {
				b.spans = append(b.spans, span{start, start + len(op.Text), round, groups})
			}
		case redline.Delete:
			oldPos += len(op.Text)
			changed = true
		}
	}
	b.Text = sb.String()
	if changed {
		b.LastChanged, b.Groups, b.ChangedIn = round, groups, b.Section.ID
	} else {
		b.LastChanged, b.Groups, b.ChangedIn = src.LastChanged, src.Groups, src.ChangedIn
	}
	if len(b.spans) == 0 {
		b.spans = nil
	}
}

// minPoolWords is the fewest words a deleted run needs to be followed by
// its text into another block: shorter runs ("the", "shall not") recur too
// often to be the same words.
const minPoolWords = 4

// collectDeleted adds the runs of words that bd deletes from ob to pool,
// keyed by their text without surrounding white space.
func collectDeleted(bd *redline.BlockDiff, ob *Block, pool map[string][]span) {
	pos := 0
	for _, op := range bd.Ops {
		switch op.Op {
		case redline.Equal:
			pos += len(op.Text)
		case redline.Delete:
			key, lead := trimmed(op.Text)
			if len(strings.Fields(key)) >= minPoolWords {
				if _, dup := pool[key]; dup {
					pool[key] = nil // the same words deleted twice: not one move
				} else {
					pool[key] = cut(ob.spans, pos+lead, pos+lead+len(key), 0)
				}
			}
			pos += len(op.Text)
		}
	}
}

// fromPool finds inserted text among the runs deleted in the same pair.
func fromPool(text string, pool map[string][]span) ([]span, bool) {
	key, lead := trimmed(text)
	sp, ok := pool[key]
	if !ok || sp == nil {
		return nil, false
	}
	delete(pool, key) // each deleted run arrives once
	out := shift(sp, lead)
	// the white space around the key is the new round's
	if lead > 0 {
		out = append([]span{{0, lead, out[0].round, out[0].groups}}, out...)
	}
	if end := lead + len(key); end < len(text) {
		last := out[len(out)-1]
		out = append(out, span{end, len(text), last.round, last.groups})
	}
	return out, true
}

func trimmed(s string) (string, int) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	lead := len(s) - len(t)
	return strings.TrimRightFunc(t, unicode.IsSpace), lead
}

// cut returns the spans of sp inside [from, to), moved so that from is at.
func cut(sp []span, from, to, at int) []span {
	var out []span
	i := sort.Search(len(sp), func(i int) bool { return sp[i].end > from })
	for ; i < len(sp) && sp[i].start < to; i++ {
		s := sp[i]
		s.start, s.end = max(s.start, from)-from+at, min(s.end, to)-from+at
		if s.end > s.start {
			out = append(out, s)
		}
	}
	return out
}

func shift(sp []span, by int) []span {
	out := make([]span, len(sp))
	for i, s := range sp {
		s.start += by
		s.end += by
		out[i] = s
	}
	return out
}

// oldBlocks pairs each block of res that has an old side with the block of
// the current round it is, in document order, checking that the texts
// agree.
func (t *Tracker) oldBlocks(res *redline.Result) (map[*redline.BlockDiff]*Block, error) {
	out := map[*redline.BlockDiff]*Block{}
	k := 0
	for _, sd := range sideOrder(res, true) {
		for j := range sd.Blocks {
			bd := &sd.Blocks[j]
			if bd.Status == redline.Added || bd.MovedFrom != "" {
				continue
			}
			if k >= len(t.blocks) {
				return nil, fmt.Errorf("the redline's old side has more blocks than round %d", t.round)
			}
			ob := t.blocks[k]
			if old := oldText(bd.Ops); old != ob.Text {
				return nil, fmt.Errorf("block %d of round %d (%s line %d) does not match the redline's old side", k+1, t.round, ob.Section.File, ob.Line)
			}
			out[bd] = ob
			k++
		}
	}
	if k != len(t.blocks) {
		return nil, fmt.Errorf("round %d has %d blocks but the redline's old side %d", t.round, len(t.blocks), k)
	}
	return out, nil
}

func oldText(ops []redline.Op) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Op != redline.Insert {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// sideOrder returns the sections of res that have the old side (old true)
// or the new side, in that side's document order.
func sideOrder(res *redline.Result, old bool) []*redline.SectionDiff {
	var out []*redline.SectionDiff
	for i := range res.Sections {
		sd := &res.Sections[i]
		if (old && sd.Old != nil) || (!old && sd.New != nil) {
			out = append(out, sd)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if old {
			return out[a].Old.Index < out[b].Old.Index
		}
		return out[a].New.Index < out[b].New.Index
	})
	return out
}

// ancestry maps each section id on the new side to its id and number and
// those of the sections enclosing it, nearest first.
func ancestry(res *redline.Result) map[string][]string {
	refs := map[string]*redline.SectionRef{}
	for i := range res.Sections {
		if r := res.Sections[i].New; r != nil {
			refs[r.ID] = r
		}
	}
	out := make(map[string][]string, len(refs))
	for id, r := range refs {
		var a []string
		for x := r; x != nil && len(a) < 128; x = refs[x.Parent] {
			a = append(a, x.ID)
			if x.Number != "" {
				a = append(a, x.Number)
			}
			if x.Parent == "" {
				break
			}
		}
		out[id] = a
	}
	return out
}
