package summary

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/diff/difftest"
	"github.com/codraft/codraft/internal/redline"

	"github.com/codraft/codraft/internal/config"
	jsonr "github.com/codraft/codraft/internal/render/json"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestSectionLines(t *testing.T) {
	at := func(r *redline.SectionRef, parent, parentNumber string) *redline.SectionRef {
		r.Parent, r.ParentNumber = parent, parentNumber
		return r
	}
	c4 := redline.SectionDiff{ID: "c4", Status: redline.Unchanged, Old: ref("c4", "Commitment 4", "Risk", 2, ""), New: ref("c4", "Commitment 4", "Risk", 2, "")}
	c2 := redline.SectionDiff{ID: "c2", Status: redline.Unchanged, Old: ref("c2", "Commitment 2", "Incidents", 2, ""), New: ref("c2", "Commitment 2", "Incidents", 2, "")}
	cases := []struct {
		name string
		sd   redline.SectionDiff
		want string
	}{
		{
			name: "reworded and moved to another commitment",
			sd: redline.SectionDiff{ID: "sir", Status: redline.Modified, Moved: true, Renumbered: true,
				Old:   at(ref("sir", "Measure 4.3", "Serious incident reporting", 3, ""), "c4", "Commitment 4"),
				New:   at(ref("sir", "Measure 2.3", "Serious incident reporting", 3, ""), "c2", "Commitment 2"),
				Words: redline.WordCounts{Inserted: 48, Deleted: 12}},
			want: "Measure 2.3 (was 4.3) Serious incident reporting: reworded (+48 −12 words); moved from Commitment 4 to Commitment 2; renumbered",
		},
		{
			name: "renumbered only",
			sd: redline.SectionDiff{ID: "cp", Status: redline.Unchanged, Renumbered: true,
				Old: ref("cp", "Commitment 6", "Copyright policy", 2, ""), New: ref("cp", "Commitment 5", "Copyright policy", 2, "")},
			want: "Commitment 5 (was 6) Copyright policy: renumbered",
		},
		{
			name: "letters",
			sd: redline.SectionDiff{ID: "payment", Status: redline.Unchanged, Renumbered: true,
				Old: ref("payment", "L.", "Payment", 3, ""), New: ref("payment", "K.", "Payment", 3, "")},
			want: "K. (was L.) Payment: renumbered",
		},
		{
			name: "retitled and promoted",
			sd: redline.SectionDiff{ID: "x", Status: redline.Modified, Renamed: true, Relevelled: true,
				Old: ref("x", "", "Old title", 3, ""), New: ref("x", "", "New title", 2, ""), Words: redline.WordCounts{Inserted: 1}},
			want: `New title: text added (+1 word); retitled (was "Old title"); promoted from level 3 to level 2`,
		},
		{
			name: "added",
			sd:   redline.SectionDiff{ID: "n", Status: redline.Added, New: ref("n", "Measure 1.4", "Acceptable use", 3, ""), Words: redline.WordCounts{Inserted: 132}},
			want: "Measure 1.4 Acceptable use: added (+132 words)",
		},
		{
			name: "deleted and merged",
			sd: redline.SectionDiff{ID: "d", Status: redline.Deleted, Old: ref("d", "Measure 3.2", "Disclosure", 3, ""),
				MergedInto: "c2", Words: redline.WordCounts{Deleted: 58}},
			want: "Measure 3.2 Disclosure: deleted (−58 words), merged into Commitment 2 Incidents",
		},
		{
			name: "moved within its commitment",
			sd: redline.SectionDiff{ID: "m", Status: redline.Unchanged, Moved: true,
				Old: at(ref("m", "", "Scope", 3, ""), "c4", "Commitment 4"), New: at(ref("m", "", "Scope", 3, ""), "c4", "Commitment 4")},
			want: "Scope: moved within Commitment 4",
		},
		{
			name: "text moved out and reordered",
			sd: redline.SectionDiff{ID: "c4", Status: redline.Modified, Old: ref("c4", "Commitment 4", "Risk", 2, ""), New: ref("c4", "Commitment 4", "Risk", 2, ""),
				Blocks: []redline.BlockDiff{
					{Status: redline.Moved, MovedTo: "c2"}, {Status: redline.Moved, MovedTo: "c2"},
					{Status: redline.Moved, MovedTo: "c4"}, {Status: redline.Moved, MovedFrom: "c4"},
				}},
			want: "Commitment 4 Risk: text moved out to Commitment 2 Incidents; text reordered",
		},
		{
			name: "punctuation only",
			sd:   redline.SectionDiff{ID: "p", Status: redline.Modified, Old: ref("p", "4.", "Survival", 4, ""), New: ref("p", "4.", "Survival", 4, "")},
			want: "4. Survival: punctuation or formatting changed",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := Compute(result(c4, c2, tc.sd), Options{})
			if len(s.Sections) != 1 {
				t.Fatalf("got %d changed sections, want 1", len(s.Sections))
			}
			if got := s.Sections[0].Line(); got != tc.want {
				t.Errorf("line mismatch\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func TestWorkingGroupOwnership(t *testing.T) {
	chapter := redline.SectionDiff{ID: "chapter-2", Status: redline.Unchanged, Old: ref("chapter-2", "", "Chapter 2", 1, ""), New: ref("chapter-2", "", "Chapter 2", 1, "")}
	commitment := redline.SectionDiff{ID: "risk", Status: redline.Unchanged, Old: ref("risk", "Commitment 5", "Risk", 2, "chapter-2"), New: ref("risk", "Commitment 5", "Risk", 2, "chapter-2")}
	measure := modified("evals", "Measure 5.1", "Evaluations", "Run [-two-]{+three+} tests.")
	measure.Old.Parent, measure.New.Parent = "risk", "risk"
	// A measure moved from Commitment 5 (WG2) to incident reporting (WG4).
	moved := redline.SectionDiff{ID: "pmm", Status: redline.Unchanged, Moved: true,
		Old: ref("pmm", "Measure 5.5", "Monitoring", 3, "risk"), New: ref("pmm", "Measure 9.3", "Monitoring", 3, "incidents")}
	incidents := redline.SectionDiff{ID: "incidents", Status: redline.Added, New: ref("incidents", "Commitment 9", "Incidents", 2, ""), Words: redline.WordCounts{Inserted: 5}}
	orphan := redline.SectionDiff{ID: "annex", Status: redline.Deleted, Old: ref("annex", "Annex A", "Deadlines", 1, ""), Words: redline.WordCounts{Deleted: 7}}
	res := result(chapter, commitment, measure, moved, incidents, orphan)
	s := Compute(res, Options{Groups: []Group{
		{ID: "WG2", Name: "Risk", Owns: []string{"chapter-2"}},
		{ID: "WG3", Name: "Mitigation", Owns: []string{"nothing-here"}},
		{ID: "WG4", Name: "Governance", Owns: []string{"incidents"}},
	}})
	type row struct {
		ID       string
		Sections []string
		Stats    GroupStats
	}
	var got []row
	for _, g := range s.Groups {
		got = append(got, row{g.ID, g.Sections, g.Stats})
	}
	want := []row{
		{"WG2", []string{"evals", "pmm"}, GroupStats{
			Sections: redline.SectionStats{Unchanged: 3, Modified: 1, Moved: 1},
			Words:    redline.WordCounts{Inserted: 1, Deleted: 1}}},
		{"WG3", []string{}, GroupStats{}},
		{"WG4", []string{"pmm", "incidents"}, GroupStats{
			Sections: redline.SectionStats{Unchanged: 1, Added: 1, Moved: 1},
			Words:    redline.WordCounts{Inserted: 5}}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("groups mismatch (-want +got):\n%s", d)
	}
	for _, sec := range s.Sections {
		if sec.ID == "annex" && len(sec.Groups) != 0 {
			t.Errorf("annex owned by %v, want no group", sec.Groups)
		}
	}

	// Groups that own nothing give no working-group report at all.
	s = Compute(res, Options{Groups: []Group{{ID: "WG1"}, {ID: "WG2"}}})
	if s.Groups != nil {
		t.Errorf("groups without owns: got %+v, want none", s.Groups)
	}
}

// TestGitHubTermsNumbering04to05 is the test: the round where
// "L. Payment" becomes "K. Payment" lists the re-lettered sections, and
// nothing else.
func TestGitHubTermsNumbering04to05(t *testing.T) {
	var tos *series
	for _, s := range corpusSeries(t) {
		if s.name == "github-terms-of-service" {
			tos = &s
		}
	}
	if tos == nil {
		t.Skip("corpus tests skipped: github-terms-of-service is absent")
	}
	var pair series
	for i, f := range tos.files {
		if strings.HasPrefix(filepath.Base(f), "05-") {
			pair = series{name: tos.name, files: tos.files[i-1 : i+1]}
		}
	}
	if !strings.HasPrefix(filepath.Base(pair.files[0]), "04-") {
		t.Fatalf("github-terms-of-service: no round 04 before 05 in %v", tos.files)
	}
	s := Compute(compareSeries(t, pair)[0], Options{})
	want := []Renumbering{
		{ID: "payment", OldNumber: "L.", NewNumber: "K.", OldTitle: "Payment", NewTitle: "Payment"},
		{ID: "cancellation-and-termination", OldNumber: "M.", NewNumber: "L.", OldTitle: "Cancellation and Termination", NewTitle: "Cancellation and Termination"},
		{ID: "communications-with-github", OldNumber: "N.", NewNumber: "M.", OldTitle: "Communications with GitHub", NewTitle: "Communications with GitHub"},
		{ID: "disclaimer-of-warranties", OldNumber: "O.", NewNumber: "N.", OldTitle: "Disclaimer of Warranties", NewTitle: "Disclaimer of Warranties"},
		{ID: "limitation-of-liability", OldNumber: "P.", NewNumber: "O.", OldTitle: "Limitation of Liability", NewTitle: "Limitation of Liability"},
		{ID: "release-and-indemnification", OldNumber: "Q.", NewNumber: "P.", OldTitle: "Release and Indemnification", NewTitle: "Release and Indemnification"},
		{ID: "changes-to-these-terms", OldNumber: "R.", NewNumber: "Q.", OldTitle: "Changes to These Terms", NewTitle: "Changes to These Terms"},
		{ID: "miscellaneous", OldNumber: "S.", NewNumber: "R.", OldTitle: "Miscellaneous", NewTitle: "Miscellaneous"},
	}
	if d := cmp.Diff(want, s.Renumbered); d != "" {
		t.Errorf("numbering table mismatch (-want +got):\n%s", d)
	}
	var text bytes.Buffer
	if err := WriteText(&text, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "\n  L. → K.  Payment\n") {
		t.Errorf("text summary lacks the row \"L. → K.  Payment\":\n%s", text.String())
	}
}

// TestSummaryAgreesWithRedline checks, on every consecutive pair of the
// sample drafts and of the corpus, that the JSON summary and the JSON
// redline agree on every count.
func TestSummaryAgreesWithRedline(t *testing.T) {
	all := []series{draftsSeries(t)}
	all = append(all, corpusSeriesOrNone(t)...)
	for _, s := range all {
		for i, res := range compareSeries(t, s) {
			name := s.name + "/" + filepath.Base(s.files[i])[:2] + "-" + filepath.Base(s.files[i+1])[:2]
			t.Run(name, func(t *testing.T) {
				checkAgreement(t, res)
			})
		}
	}
}

// corpusSeriesOrNone is corpusSeries without the skip, for tests that also
// cover the drafts: the caller logs that the corpus is absent.
func corpusSeriesOrNone(t *testing.T) []series {
	t.Helper()
	var out []series
	t.Run("corpus", func(t *testing.T) { out = corpusSeries(t) })
	return out
}

// redlineJSON and summaryJSON are the parts of the two documents the
// agreement test reads, decoded from the bytes each writer produced.
type redlineJSON struct {
	Stats    json.RawMessage `json:"stats"`
	Sections []struct {
		ID         string             `json:"id"`
		Status     string             `json:"status"`
		Moved      bool               `json:"moved"`
		Renamed    bool               `json:"renamed"`
		Renumbered bool               `json:"renumbered"`
		Relevelled bool               `json:"relevelled"`
		Words      redline.WordCounts `json:"words"`
		Old        *struct{ Number string }
		New        *struct{ Number string }
	} `json:"sections"`
}

type summaryJSON struct {
	Schema   string          `json:"schema"`
	Stats    json.RawMessage `json:"stats"`
	Notable  []Notable       `json:"notable"`
	Sections []struct {
		ID         string             `json:"id"`
		Status     string             `json:"status"`
		Moved      bool               `json:"moved"`
		Renamed    bool               `json:"renamed"`
		Renumbered bool               `json:"renumbered"`
		Relevelled bool               `json:"relevelled"`
		Words      redline.WordCounts `json:"words"`
	} `json:"sections"`
	Renumbered []Renumbering `json:"renumbered"`
}

func checkAgreement(t *testing.T, res *redline.Result) {
	t.Helper()
	var rb, sb bytes.Buffer
	if err := jsonr.Render(&rb, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&sb, Compute(res, Options{})); err != nil {
		t.Fatal(err)
	}
	var r redlineJSON
	var s summaryJSON
	if err := json.Unmarshal(rb.Bytes(), &r); err != nil {
		t.Fatalf("redline JSON: %v", err)
	}
	if err := json.Unmarshal(sb.Bytes(), &s); err != nil {
		t.Fatalf("summary JSON: %v", err)
	}
	if s.Schema != Schema {
		t.Errorf("schema = %q, want %q", s.Schema, Schema)
	}
	// The stats object is the redline's, byte for byte once compacted:
	// the same keys, in the same order, with the same numbers.
	if got, want := compact(t, s.Stats), compact(t, r.Stats); got != want {
		t.Errorf("stats differ:\nsummary %s\nredline %s", got, want)
	}
	var st redline.Stats
	if err := json.Unmarshal(r.Stats, &st); err != nil {
		t.Fatal(err)
	}

	// Changed sections: the same ones, in the same order, with the same
	// status, flags and words.
	type entry struct {
		ID, Status                             string
		Moved, Renamed, Renumbered, Relevelled bool
		Words                                  redline.WordCounts
	}
	var fromRedline, fromSummary []entry
	var unchanged, renumbered int
	var counted redline.SectionStats
	var words redline.WordCounts
	for _, x := range r.Sections {
		e := entry{x.ID, x.Status, x.Moved, x.Renamed, x.Renumbered, x.Relevelled, x.Words}
		if x.Status != "unchanged" || x.Moved || x.Renamed || x.Renumbered || x.Relevelled {
			fromRedline = append(fromRedline, e)
		}
		if x.Renumbered {
			renumbered++
		}
	}
	for _, x := range s.Sections {
		fromSummary = append(fromSummary, entry{x.ID, x.Status, x.Moved, x.Renamed, x.Renumbered, x.Relevelled, x.Words})
		switch x.Status {
		case "added":
			counted.Added++
		case "deleted":
			counted.Deleted++
		case "modified":
			counted.Modified++
		default:
			unchanged++
		}
		counted.Moved += b2i(x.Moved)
		counted.Renamed += b2i(x.Renamed)
		counted.Renumbered += b2i(x.Renumbered)
		counted.Relevelled += b2i(x.Relevelled)
		words.Inserted += x.Words.Inserted
		words.Deleted += x.Words.Deleted
	}
	if d := cmp.Diff(fromRedline, fromSummary); d != "" {
		t.Errorf("changed sections differ (-redline +summary):\n%s", d)
	}
	counted.Unchanged = len(r.Sections) - len(s.Sections) + unchanged
	if d := cmp.Diff(st.Sections, counted); d != "" {
		t.Errorf("summary sections do not add up to the stats (-stats +summary):\n%s", d)
	}
	if words.Inserted != st.Words.Inserted || words.Deleted != st.Words.Deleted {
		t.Errorf("summary sections words +%d −%d, stats +%d −%d", words.Inserted, words.Deleted, st.Words.Inserted, st.Words.Deleted)
	}
	if len(s.Renumbered) != st.Sections.Renumbered || len(s.Renumbered) != renumbered {
		t.Errorf("numbering table has %d rows; stats say %d renumbered, the redline's sections %d", len(s.Renumbered), st.Sections.Renumbered, renumbered)
	}
	ids := map[string]bool{}
	for _, x := range r.Sections {
		ids[x.ID] = true
	}
	for _, n := range s.Notable {
		if !ids[n.Section] {
			t.Errorf("notable %+v names a section the redline lacks", n)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// draftsGroups are the working groups of drafts/codraft.yaml.
func draftsGroups(t *testing.T) []Group {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "drafts", "codraft.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var gs []Group
	for _, g := range cfg.WorkingGroups {
		gs = append(gs, Group{ID: g.ID, Name: g.Name, Owns: g.Owns})
	}
	return gs
}

// TestGoldenDrafts compares the text, Markdown and JSON summaries of each
// consecutive pair of the sample drafts, and the --all table, with the files
// in testdata; go test -update rewrites them.
func TestGoldenDrafts(t *testing.T) {
	s := draftsSeries(t)
	opts := Options{Groups: draftsGroups(t)}
	results := compareSeries(t, s)
	for i, res := range results {
		sum := Compute(res, opts)
		base := "drafts-" + filepath.Base(s.files[i])[:2] + "-" + filepath.Base(s.files[i+1])[:2]
		for ext, write := range map[string]func(*bytes.Buffer) error{
			".txt":  func(b *bytes.Buffer) error { return WriteText(b, sum) },
			".md":   func(b *bytes.Buffer) error { return WriteMarkdown(b, sum) },
			".json": func(b *bytes.Buffer) error { return WriteJSON(b, sum) },
		} {
			t.Run(base+ext, func(t *testing.T) {
				var b bytes.Buffer
				if err := write(&b); err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("testdata", base+ext), b.Bytes())
			})
		}
	}
	h := ComputeHistory(results, opts)
	for ext, write := range map[string]func(*bytes.Buffer) error{
		".txt":  func(b *bytes.Buffer) error { return WriteHistoryText(b, h) },
		".md":   func(b *bytes.Buffer) error { return WriteHistoryMarkdown(b, h) },
		".json": func(b *bytes.Buffer) error { return WriteHistoryJSON(b, h) },
	} {
		t.Run("drafts-all"+ext, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "drafts-all"+ext), b.Bytes())
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	difftest.Golden(t, path, got, *update)
}

// TestDraftsNotable checks that the notable changes of the sample drafts are
// the deliberate edits that drafts/README.md lists, and the obligations of
// the sections each round added, by rule, section and values, in the
// order of the list.
func TestDraftsNotable(t *testing.T) {
	s := draftsSeries(t)
	type hit struct{ Rule, Section, Old, New string }
	want := [][]hit{
		{ // 01 → 02
			{"obligation-strength", "keeping-documentation-up-to-date", "shall", "should"},
			{"obligation-strength", "insider-threat-controls", "should", "shall"},
			{"changed-quantity", "", "28 November 2024", "15 January 2025"}, // the preamble's comment deadline
			{"changed-quantity", "risk-tiers-and-thresholds", "25 percent", "20 percent"},
			{"deleted-commitment", "voluntary-disclosure-of-data-sources", "Measure 3.2 Voluntary disclosure of data sources", ""},
			{"obligation-added", "acceptable-use-policy", "", "shall"},
			{"obligation-added", "structured-risk-scenarios", "", "shall"},
			{"obligation-added", "structured-risk-scenarios", "", "should"},
			{"obligation-added", "safety-and-security-model-reports", "", "shall"},
		},
		{ // 02 → 03
			{"changed-quantity", "", "15 January 2025", "30 March 2025"},
			{"changed-quantity", "serious-incident-reporting", "15 days", "10 days"},
			{"changed-quantity", "reporting-deadlines", "15 days", "10 days"},
			{"obligation-added", "transitional-provisions", "", "shall"},
			{"obligation-added", "model-specific-systemic-risks", "", "shall"},
			{"obligation-added", "model-specific-systemic-risks", "", "should"},
			{"obligation-added", "models-with-openly-released-weights", "", "shall"},
			{"obligation-added", "models-with-openly-released-weights", "", "shall not"},
			{"obligation-added", "models-with-openly-released-weights", "", "should"},
			{"obligation-added", "incentives-and-remuneration", "", "should"},
			{"obligation-added", "incentives-and-remuneration", "", "shall"},
			{"obligation-added", "corrective-measures", "", "shall"},
		},
		{ // 03 → 04: the comment deadline left the preamble with its sentence, which is no changed date
			{"deleted-commitment", "risk-culture", "Measure 8.3 Risk culture", ""},
			{"obligation-added", "responding-to-information-requests", "", "shall"},
			{"obligation-added", "sharing-of-evaluation-methods", "", "should"},
			{"obligation-added", "sharing-of-evaluation-methods", "", "are encouraged to"},
			{"obligation-added", "adherence-reporting", "", "shall"},
			{"obligation-added", "adherence-reporting", "", "must"},
		},
	}
	results := compareSeries(t, s)
	if len(results) != len(want) {
		t.Fatalf("drafts/ has %d pairs, the test knows %d", len(results), len(want))
	}
	for i, res := range results {
		var got []hit
		for _, n := range Compute(res, Options{}).Notable {
			got = append(got, hit{n.Rule, n.Section, n.Old, n.New})
		}
		for j := range want[i] {
			if want[i][j].Section == "" {
				want[i][j].Section = preambleID(res)
			}
		}
		if d := cmp.Diff(want[i], got); d != "" {
			t.Errorf("pair %d: notable changes mismatch (-want +got):\n%s", i+1, d)
		}
	}
}

func preambleID(res *redline.Result) string {
	for _, s := range res.Sections {
		if (s.New != nil && s.New.Level == 0) || (s.Old != nil && s.Old.Level == 0) {
			return s.ID
		}
	}
	return ""
}

// TestTextEscapesControls: a control or bidi character in a draft's text or
// a round's label reaches the text summary escaped, and no CR is written.
func TestTextEscapesControls(t *testing.T) {
	s := &Summary{Schema: Schema,
		From:     redline.Endpoint{Rev: "1", Label: "one\x1b[2J"},
		To:       redline.Endpoint{Rev: "2", Label: "two\u202e"},
		Sections: []Section{{ID: "a", Label: "Title\r::error::x", Changes: []string{"reworded"}}},
	}
	var b strings.Builder
	if err := WriteText(&b, s); err != nil {
		t.Fatal(err)
	}
	h := &History{Schema: HistorySchema, Pairs: []Pair{{From: s.From, To: s.To, Label: "lab\x1b]0;x\x07"}}}
	if err := WriteHistoryText(&b, h); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"\x1b", "\r", "\u202e", "\x07"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, `Title\x0d::error::x`) || !strings.Contains(out, `lab\x1b]0;x\x07`) {
		t.Errorf("escapes missing:\n%s", out)
	}
}
