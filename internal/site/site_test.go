package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/blame"
	"github.com/codraft/codraft/internal/diff"
	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/lineage"
)

const hostile = "# Part <script>alert(1)</script>\n\nText with <img src=x onerror=alert(1)> and [a link](https://example.org/x) and **bold** `<b>code</b>`.\n\n| a | <i>b</i> |\n|---|---|\n| 1 | 2 |\n"

// TestDraftTextIsData writes a round page and a blame page of a hostile
// draft: no element or link of the draft survives, and the one style
// element is the one the CSP admits.
func TestDraftTextIsData(t *testing.T) {
	d, err := doc.Parse("draft.md", []byte(hostile), doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := diff.Compare(nil, []*doc.Document{d}, diff.Options{})
	lb := lineage.NewBuilder()
	if err := lb.Add(lineage.Round{Number: 1}, res); err != nil {
		t.Fatal(err)
	}
	tr := blame.NewTracker()
	if err := tr.Add(lineage.Round{Number: 1, Citations: []lineage.Citation{{Group: "WG<1>"}}}, res); err != nil {
		t.Fatal(err)
	}
	b := &Builder{o: Options{Title: "T<i>"}, pages: map[*lineage.Node]string{}}
	var round, bl bytes.Buffer
	if err := b.writeRound(&round, &RoundInfo{Number: 1, Label: "<u>one</u>"}, Sections(res), lb.Lineage().Sections[0]); err != nil {
		t.Fatal(err)
	}
	if err := WriteBlame(&bl, BlamePage{Title: "T<i>", Rounds: []RoundInfo{{Number: 1}}, Round: 1, Blocks: tr.Blocks()}); err != nil {
		t.Fatal(err)
	}
	for name, page := range map[string]string{"round": round.String(), "blame": bl.String()} {
		for _, bad := range []string{"<script", "<img", "<i>", "<u>", "<b>", `href="https:`, "WG<1>"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s page holds %q from the draft", name, bad)
			}
		}
		styles := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(page, -1)
		if len(styles) != 1 {
			t.Fatalf("%s page has %d style elements", name, len(styles))
		}
		sum := sha256.Sum256([]byte(styles[0][1]))
		if want := "style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(page, want) {
			t.Errorf("%s page: the CSP does not admit its style by hash (%s)", name, want)
		}
		if strings.Contains(page, " style=") || strings.Contains(page, "<script") {
			t.Errorf("%s page has a style attribute or a script", name)
		}
	}
	if !strings.Contains(round.String(), "<strong>bold</strong>") || !strings.Contains(round.String(), "<code>&lt;b&gt;code&lt;/b&gt;</code>") {
		t.Errorf("round page lost the draft's inline markup:\n%s", round.String())
	}
}
