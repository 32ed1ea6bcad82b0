package json

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/fuzzseed"
)

// decodedRedline is the part of codraft.redline/v1 that tools may rely on, as a
// tool would decode it.
type decodedRedline struct {
	Schema string `json:"schema"`
	Stats  struct {
		Sections map[string]int `json:"sections"`
		Words    map[string]int `json:"words"`
	} `json:"stats"`
	Sections []decodedSection `json:"sections"`
}

// decodedSection is one section of a decoded redline.
type decodedSection struct {
	ID     string         `json:"id"`
	Status string         `json:"status"`
	Old    *ref           `json:"old"`
	New    *ref           `json:"new"`
	Blocks []decodedBlock `json:"blocks"`
}

// decodedBlock is one block of a decoded section.
type decodedBlock struct {
	Kind      string `json:"kind"`
	Status    string `json:"status"`
	MovedFrom string `json:"moved_from"`
	MovedTo   string `json:"moved_to"`
	Ops       []struct {
		Op   string `json:"op"`
		Text string `json:"text"`
	} `json:"ops"`
}

type ref struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// FuzzJSON renders the redline of any two drafts as JSON and decodes it as
// a tool would: it decodes, names its schema, equals encoding/json's bytes
// for the whole result, and the contract's rule holds on the decoded
// document: for every section, the equal and delete ops of its blocks (but
// those that moved in) are the old section's text, block by block, and the
// equal and insert ops (but those that moved out) the new one's.
func FuzzJSON(f *testing.F) {
	for _, p := range fuzzseed.Pairs() {
		f.Add(p.Old, p.New)
	}
	f.Add([]byte("# A\n\n\"quoted\" \\ <b>&amp;</b> \u2028 \U0001F600\n"), []byte("# B\n\n\"quote\" \\\\ <i>&lt;</i> \u2029\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		if len(a) > 2*fuzzseed.MaxBytes || len(b) > 2*fuzzseed.MaxBytes {
			return
		}
		da, err := doc.Parse("old.md", a, doc.Options{})
		if err != nil {
			return
		}
		db, err := doc.Parse("new.md", b, doc.Options{})
		if err != nil {
			return
		}
		checkJSON(t, da, db)
	})
}

// checkJSON renders the redline of da and db as JSON and checks it as
// FuzzJSON says.
func checkJSON(t *testing.T, da, db *doc.Document) {
	t.Helper()
	res := diff.Compare([]*doc.Document{da}, []*doc.Document{db}, diff.Options{})
	var out, whole bytes.Buffer
	if err := Render(&out, res); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&whole, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), whole.Bytes()) {
		t.Fatalf("streamed JSON differs from encoding/json")
	}
	var r decodedRedline
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("the JSON does not decode: %v", err)
	}
	if r.Schema != "codraft.redline/v1" {
		t.Fatalf("schema %q", r.Schema)
	}
	want := map[bool]map[int][]string{true: sectionTexts(da), false: sectionTexts(db)}
	seen := map[bool]int{}
	inserted, deleted := 0, 0
	for _, s := range r.Sections {
		for _, old := range []bool{true, false} {
			side := s.New
			if old {
				side = s.Old
			}
			if side == nil {
				continue
			}
			seen[old]++
			got := rebuiltSide(s, old)
			if strings.Join(got, "\x1e") != strings.Join(want[old][side.Line], "\x1e") {
				t.Fatalf("section %s (old=%v, line %d) rebuilds from the JSON as %q, want %q", s.ID, old, side.Line, got, want[old][side.Line])
			}
		}
		ins, del := countOps(t, s)
		inserted += ins
		deleted += del
	}
	if seen[true] != len(da.Sections) || seen[false] != len(db.Sections) {
		t.Fatalf("the JSON has %d old and %d new sections, the drafts %d and %d", seen[true], seen[false], len(da.Sections), len(db.Sections))
	}
	if (r.Stats.Words["inserted"] > 0 && inserted == 0) || (r.Stats.Words["deleted"] > 0 && deleted == 0) {
		t.Fatalf("stats count words changed (%v) but no op inserts or deletes", r.Stats.Words)
	}
}

// sectionTexts is the non-empty block texts of each section of d, by the
// section's line.
func sectionTexts(d *doc.Document) map[int][]string {
	m := map[int][]string{}
	for _, s := range d.Sections {
		var bl []string
		for _, b := range s.Blocks {
			if b.Text != "" {
				bl = append(bl, b.Text)
			}
		}
		m[s.Line] = bl
	}
	return m
}

// rebuiltSide is the old (or new) text of the blocks of s, block by block,
// as the ops give it: equal and delete (or insert) ops, leaving out the
// blocks that moved in (or out).
func rebuiltSide(s decodedSection, old bool) []string {
	var got []string
	for _, b := range s.Blocks {
		if (old && b.MovedFrom != "") || (!old && b.MovedTo != "") {
			continue
		}
		var sb strings.Builder
		for _, op := range b.Ops {
			if op.Op == "equal" || (old && op.Op == "delete") || (!old && op.Op == "insert") {
				sb.WriteString(op.Text)
			}
		}
		if sb.Len() > 0 {
			got = append(got, sb.String())
		}
	}
	return got
}

// countOps counts the insert and delete ops of the blocks of s, and fails
// on an op that is none of equal, insert and delete.
func countOps(t *testing.T, s decodedSection) (inserted, deleted int) {
	t.Helper()
	for _, b := range s.Blocks {
		for _, op := range b.Ops {
			switch op.Op {
			case "equal":
			case "insert":
				inserted++
			case "delete":
				deleted++
			default:
				t.Fatalf("op %q", op.Op)
			}
		}
	}
	return inserted, deleted
}
