// Package redline is the redline model: the result of comparing two rounds
// (sections, blocks, word operations, statistics and endpoints) and the
// presentation helpers on it. Renderers, summaries and checks read it without
// importing the comparison engine or the Markdown parser.
package redline

import "time"

// Status of a section or block.
type Status string

// Section statuses.
const (
	Added     Status = "added"
	Deleted   Status = "deleted"
	Modified  Status = "modified"
	Unchanged Status = "unchanged"
	// Moved is a block status only: the block left one place and arrived at
	// another (possibly with small edits, shown in its ops).
	Moved Status = "moved"
)

// OpKind is the kind of a word-diff operation.
type OpKind string

// Operation kinds.
const (
	Equal  OpKind = "equal"
	Insert OpKind = "insert"
	Delete OpKind = "delete"
)

// Op is one run of text that is equal, inserted or deleted.
type Op struct {
	Op   OpKind `json:"op"`
	Text string `json:"text"`
}

// Endpoint describes one side of a comparison: a revision or a file.
// The caller fills it; the engine never looks at it.
type Endpoint struct {
	Rev    string     `json:"rev"`
	Round  *int       `json:"round"`
	Label  string     `json:"label"`
	Commit *string    `json:"commit"`
	Date   *time.Time `json:"date"`
	Files  []string   `json:"files,omitempty"`
}

// SectionStats counts sections by what happened to them.
type SectionStats struct {
	Added      int `json:"added"`
	Deleted    int `json:"deleted"`
	Modified   int `json:"modified"`
	Unchanged  int `json:"unchanged"`
	Moved      int `json:"moved"`
	Renamed    int `json:"renamed"`
	Renumbered int `json:"renumbered"`
	Relevelled int `json:"relevelled"`
}

// WordStats counts words: inserted and deleted across the whole diff, and
// the totals of each side.
type WordStats struct {
	Inserted int `json:"inserted"`
	Deleted  int `json:"deleted"`
	OldTotal int `json:"old_total"`
	NewTotal int `json:"new_total"`
}

// Stats is the redline's totals.
type Stats struct {
	Sections SectionStats `json:"sections"`
	Words    WordStats    `json:"words"`
}

// SectionRef is one side of a section.
type SectionRef struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Level  int    `json:"level"`
	Number string `json:"number"`
	Title  string `json:"title"`
	// ID is the section's id on this side; Parent is the id of the
	// enclosing section on this side ("" at the top level).
	ID           string `json:"id"`
	Parent       string `json:"parent"`
	ParentNumber string `json:"parent_number"`
	ParentTitle  string `json:"parent_title"`
	// ExplicitID is true when the draft gave the section its id with a
	// {#id} attribute (ID is then that id, or it with -2, -3, ... when an
	// earlier section took it).
	ExplicitID bool `json:"-"`
	// Index is the section's position in its side's document order.
	Index int `json:"-"`
}

// Label is how people name the section: "Measure 1.2 Title", "B. Title",
// "Title", or "(preamble)".
func (r *SectionRef) Label() string {
	switch {
	case r == nil:
		return ""
	case r.Number != "" && r.Title != "":
		return r.Number + " " + r.Title
	case r.Number != "":
		return r.Number
	case r.Title != "":
		return r.Title
	case r.Level == 0:
		return "(preamble)"
	}
	return r.ID
}

// WordCounts counts the words a section or block inserted and deleted.
type WordCounts struct {
	Inserted int `json:"inserted"`
	Deleted  int `json:"deleted"`
}

// BlockDiff is one block of a section in the redline.
type BlockDiff struct {
	Kind   string `json:"kind"`
	Status Status `json:"status"`
	// MovedFrom and MovedTo name the section holding the other end of a
	// move, by its id in this result. Move is an identifier shared by both
	// ends.
	MovedFrom string `json:"moved_from,omitempty"`
	MovedTo   string `json:"moved_to,omitempty"`
	Move      string `json:"move,omitempty"`
	// Joined is "split" on the three ends of a paragraph split in two
	// (the old block, moved_to, and the two new ones, moved_from), and
	// "merged" on those of two paragraphs merged into one.
	Joined string `json:"joined,omitempty"`
	// OldKind is the block's kind on the old side where it differs from
	// Kind: a change of form (a list item that became a paragraph of a
	// definition list).
	OldKind string `json:"old_kind,omitempty"`
	Ops     []Op   `json:"ops"`
	// OldLine and NewLine are the block's 1-based lines on each side (0
	// where the block has no such side).
	OldLine int `json:"old_line,omitempty"`
	NewLine int `json:"new_line,omitempty"`
}

// SectionDiff is one section of the redline: a matched pair, or an added or
// deleted section.
type SectionDiff struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
	Moved  bool   `json:"moved"`
	// ParentChanged is set on a section that kept its place in document
	// order but whose enclosing section is another one, because an
	// ancestor heading was promoted, inserted or removed: "now under X".
	ParentChanged bool        `json:"parent_changed"`
	Renamed       bool        `json:"renamed"`
	Renumbered    bool        `json:"renumbered"`
	Relevelled    bool        `json:"relevelled"`
	Old           *SectionRef `json:"old"`
	New           *SectionRef `json:"new"`
	Words         WordCounts  `json:"words"`
	// SplitFrom names the section (by its id in this result) most of whose
	// words this added section took; MergedInto the section in this result
	// that took most of a deleted section's words.
	SplitFrom  string      `json:"split_from,omitempty"`
	MergedInto string      `json:"merged_into,omitempty"`
	Blocks     []BlockDiff `json:"blocks"`
}

// Changed reports whether anything happened to the section.
func (s *SectionDiff) Changed() bool {
	return s.Status != Unchanged || s.Moved || s.Renamed || s.Renumbered || s.Relevelled
}

// Result is a whole redline. Sections come in the new side's document order,
// with deleted sections placed after the section that preceded them on the
// old side.
type Result struct {
	Schema string   `json:"schema"`
	From   Endpoint `json:"from"`
	To     Endpoint `json:"to"`
	Stats  Stats    `json:"stats"`
	// FrontMatter lists the front-matter fields that differ, key by key
	// (nested keys as dotted paths): the old side's keys in order, then
	// those added. Never null.
	FrontMatter []FrontMatterChange `json:"front_matter"`
	Sections    []SectionDiff       `json:"sections"`
	// MetadataChanged is true when a file's front matter differs between
	// the sides. Front matter is metadata, never a section.
	MetadataChanged bool `json:"metadata_changed"`
	// Notes tell of anything the engine had to do that a reader should
	// know, such as falling back to a coarser unit than words.
	Notes []string `json:"notes,omitempty"`
}

// FrontMatterChange is one front-matter field that was added (Old nil),
// removed (New nil) or changed.
type FrontMatterChange struct {
	Key string  `json:"key"`
	Old *string `json:"old"`
	New *string `json:"new"`
}

// Schema is the redline's JSON schema name.
const Schema = "codraft.redline/v1"

// WorktreeRev is the Rev of an endpoint that is the working tree rather
// than a recorded revision.
const WorktreeRev = "worktree"

// IsWorktree reports whether e is the working tree.
func (e Endpoint) IsWorktree() bool { return e.Round == nil && e.Rev == WorktreeRev }

// ShortCommit abbreviates a commit id for a reader as git does by default
// (7 hex digits), the same in every output and message.
func ShortCommit(id string) string {
	if len(id) > 7 {
		return id[:7]
	}
	return id
}

// ShortCommit is e's commit abbreviated by ShortCommit, or "" without one.
func (e Endpoint) ShortCommit() string {
	if e.Commit == nil {
		return ""
	}
	return ShortCommit(*e.Commit)
}

// DateText is e's date as a reader sees it: the day alone when the time is
// midnight UTC (a round dated with --date), else the day and time in UTC;
// "" without a date.
func (e Endpoint) DateText() string {
	if e.Date == nil {
		return ""
	}
	t := e.Date.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04 UTC")
}
