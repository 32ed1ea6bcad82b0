package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/codraft/codraft/internal/config"
	"github.com/codraft/codraft/internal/store"
	"github.com/codraft/codraft/internal/testenv"
)

func TestLabelFromName(t *testing.T) {
	day := func(s string) *time.Time {
		d, _ := time.Parse("2006-01-02", s)
		return &d
	}
	tests := []struct {
		name  string
		label string
		date  *time.Time
	}{
		{"02-second-draft.md", "second draft", nil},
		{"01-2024-11-14-first-draft.md", "first draft", day("2024-11-14")},
		{"03-2025-03-11.md", "2025-03-11", day("2025-03-11")},
		{"04-2025-07-10-final.md", "final", day("2025-07-10")},
		{"10-2025-13-40-odd.md", "2025 13 40 odd", nil},
		{"final-text.md", "final text", nil},
		{"7-x.markdown", "x", nil},
	}
	for _, tt := range tests {
		label, date, err := labelFromName(tt.name)
		if err != nil || label != tt.label || !cmp.Equal(date, tt.date) {
			t.Errorf("labelFromName(%q) = %q, %v, %v; want %q, %v", tt.name, label, date, err, tt.label, tt.date)
		}
	}
	if _, _, err := labelFromName("02-two\nlines.md"); err == nil {
		t.Errorf("a file name with a line break gave a label")
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-11-14":                "2024-11-14T00:00:00Z",
		"2024-12-19T10:30:00+01:00": "2024-12-19T10:30:00+01:00",
		"2025-01-02T03:04:05Z":      "2025-01-02T03:04:05Z",
	} {
		got, err := parseDate(in)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"14.11.2024", "2024-11-14 10:00", ""} {
		if _, err := parseDate(bad); err == nil {
			t.Errorf("parseDate(%q) succeeded", bad)
		}
	}
}

func TestRoundAuthor(t *testing.T) {
	ios, _, _, _ := Test()
	env := map[string]string{}
	ios.Env = func(k string) string { return env[k] }
	sig, err := roundAuthor(ios, nil, "Flag Person <flag@example.org>")
	if err != nil || sig != (store.Signature{Name: "Flag Person", Email: "flag@example.org"}) {
		t.Errorf("--author: %v, %v", sig, err)
	}
	env[envAuthor] = "Env Person <env@example.org>"
	if sig, err := roundAuthor(ios, nil, ""); err != nil || sig.Name != "Env Person" {
		t.Errorf("CODRAFT_AUTHOR: %v, %v", sig, err)
	}
	env[envAuthor] = "broken"
	if _, err := roundAuthor(ios, nil, ""); err == nil || !strings.Contains(err.Error(), "CODRAFT_AUTHOR") {
		t.Errorf("bad CODRAFT_AUTHOR: %v", err)
	}
}

// TestRoundsWords: "rounds" counts the words of each round against the one
// before it with the diff engine; the first round against an empty draft.
func TestRoundsWords(t *testing.T) {
	testenv.SetGitEnv(t)
	dir := t.TempDir()
	repo, err := store.Init(dir, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	author := store.Signature{Name: "A", Email: "a@example.org"}
	for i, text := range []string{"one three\n", "one two\n"} {
		if err := os.WriteFile(filepath.Join(dir, "draft.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		d := time.Date(2025, 1, i+1, 0, 0, 0, 0, time.UTC)
		if _, err := repo.RecordRound(store.RoundOptions{Label: "r", Date: &d, Author: author}); err != nil {
			t.Fatal(err)
		}
	}
	ios, _, out, _ := Test()
	ios.Dir = dir
	if err := runRounds(&roundsOptions{f: &Factory{IO: ios}, Format: "json"}); err != nil {
		t.Fatal(err)
	}
	var got roundsJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	var words []wordCounts
	for _, r := range got.Rounds {
		if r.Words == nil {
			t.Fatalf("round %d has no word counts: %s", r.Number, out.String())
		}
		words = append(words, *r.Words)
	}
	want := []wordCounts{{Inserted: 2, Deleted: 0}, {Inserted: 1, Deleted: 1}}
	if got.Schema != RoundsSchema {
		t.Errorf("schema %q", got.Schema)
	}
	if diff := cmp.Diff(want, words); diff != "" {
		t.Errorf("words mismatch (-want +got):\n%s", diff)
	}
}
