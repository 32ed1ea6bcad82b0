package summary

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// FuzzSummary compares two arbitrary drafts and checks that summarising the
// redline never panics, agrees with the redline on every count, and quotes
// only valid UTF-8.
func FuzzSummary(f *testing.F) {
	f.Add("## Measure 1.1: A\n\nProviders shall report within 15 days.\n",
		"## Measure 1.2: A\n\nProviders should report within 10 days.\n")
	f.Add("## Definitions\n\n- **Term**: a word.\n\n## Commitment 2: X\n\nText.\n",
		"## Definitions\n\n- **Term**: two words.\n")
	f.Add("Reports by 1 May 2025 may follow; fees of €5 million, 3 % and 4,5alpha-x.\n",
		"Reports by 14 May 2025 must follow; fees of €6 million, 4 % and 4,5α-x.\n")
	// Small seeds only: the fuzzer minimises each new input it finds, and
	// minimising a whole sample draft takes minutes.
	f.Add("# A\n\n## Measure 1.1: X\n\nSee Measure 1.2 by 2 May.\n\n## Measure 1.2: Y\n\nIs required to.\n",
		"# A\n\n## Measure 1.1: Y\n\nSee Measure 1.1 by 2 June.\n\n### Z\n\nIs encouraged to.\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		da, err := doc.Parse("a.md", []byte(a), doc.Options{})
		if err != nil {
			return
		}
		db, err := doc.Parse("b.md", []byte(b), doc.Options{})
		if err != nil {
			return
		}
		res := diff.Compare([]*doc.Document{da}, []*doc.Document{db}, diff.Options{})
		checkAgreement(t, res)
		sum := Compute(res, Options{Groups: []Group{{ID: "G", Owns: []string{"a", "definitions"}}}})
		for _, n := range sum.Notable {
			if !utf8.ValidString(n.Before) || !utf8.ValidString(n.After) {
				t.Errorf("notable quotes invalid UTF-8: %+v", n)
			}
		}
		var out bytes.Buffer
		for _, w := range []func(*bytes.Buffer, *Summary) error{
			func(b *bytes.Buffer, s *Summary) error { return WriteText(b, s) },
			func(b *bytes.Buffer, s *Summary) error { return WriteMarkdown(b, s) },
			func(b *bytes.Buffer, s *Summary) error { return WriteJSON(b, s) },
		} {
			out.Reset()
			if err := w(&out, sum); err != nil {
				t.Fatal(err)
			}
		}
		ComputeChart([]*redline.Result{res, res})
	})
}
