package summary

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/redline"
	"github.com/google/go-cmp/cmp"
)

// ops builds word-diff ops from a compact form: "[-old-]" is deleted,
// "{+new+}" inserted, anything else equal (git's --word-diff=plain marks).
func ops(s string) []redline.Op {
	var out []redline.Op
	for s != "" {
		i := strings.IndexAny(s, "[{")
		if i < 0 || i+1 >= len(s) || (s[i:i+2] != "[-" && s[i:i+2] != "{+") {
			if i < 0 {
				out = append(out, redline.Op{Op: redline.Equal, Text: s})
				break
			}
			// a lone bracket: keep it as text
			out = append(out, redline.Op{Op: redline.Equal, Text: s[:i+1]})
			s = s[i+1:]
			continue
		}
		if i > 0 {
			out = append(out, redline.Op{Op: redline.Equal, Text: s[:i]})
		}
		kind, end := redline.Delete, "-]"
		if s[i] == '{' {
			kind, end = redline.Insert, "+}"
		}
		j := strings.Index(s[i+2:], end)
		out = append(out, redline.Op{Op: kind, Text: s[i+2 : i+2+j]})
		s = s[i+2+j+2:]
	}
	return out
}

// block builds a block whose status follows from its ops.
func block(s string) redline.BlockDiff {
	o := ops(s)
	b := redline.BlockDiff{Kind: "paragraph", Status: redline.Unchanged, Ops: o}
	ins, del, eq := false, false, false
	for _, op := range o {
		switch op.Op {
		case redline.Insert:
			ins = true
		case redline.Delete:
			del = true
		case redline.Equal:
			eq = true
		}
	}
	switch {
	case ins && !del && !eq:
		b.Status = redline.Added
	case del && !ins && !eq:
		b.Status = redline.Deleted
	case ins || del:
		b.Status = redline.Modified
	}
	return b
}

func ref(id, number, title string, level int, parent string) *redline.SectionRef {
	return &redline.SectionRef{File: "draft.md", Level: level, Number: number, Title: title, ID: id, Parent: parent}
}

// modified is a matched section, the same on both sides, with blocks.
func modified(id, number, title string, blocks ...string) redline.SectionDiff {
	sd := redline.SectionDiff{ID: id, Status: redline.Unchanged, Old: ref(id, number, title, 2, ""), New: ref(id, number, title, 2, "")}
	for _, b := range blocks {
		bd := block(b)
		if bd.Status != redline.Unchanged {
			sd.Status = redline.Modified
		}
		for _, op := range bd.Ops {
			switch op.Op {
			case redline.Insert:
				sd.Words.Inserted += len(strings.Fields(op.Text))
			case redline.Delete:
				sd.Words.Deleted += len(strings.Fields(op.Text))
			}
		}
		sd.Blocks = append(sd.Blocks, bd)
	}
	return sd
}

func result(sections ...redline.SectionDiff) *redline.Result {
	return &redline.Result{Schema: redline.Schema, Sections: sections}
}

// notables runs one rule over res.
func notables(t *testing.T, ruleID string, res *redline.Result) []Notable {
	t.Helper()
	for _, r := range DefaultRules {
		if r.ID == ruleID {
			return Compute(res, Options{Rules: []Rule{r}}).Notable
		}
	}
	t.Fatalf("no rule %q", ruleID)
	return nil
}

type ruleCase struct {
	name string
	res  *redline.Result
	want []Notable // nil: the rule must not fire
}

// fires is a case where the rule must find one change, with these values.
type fires struct {
	name     string
	res      *redline.Result
	old, new string
}

// runFires checks that each case gives exactly one finding of the rule,
// with the old and new values given.
func runFires(t *testing.T, rule string, cases []fires) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := notables(t, rule, tc.res)
			if len(got) != 1 {
				t.Fatalf("want one %s finding, got %d: %+v", rule, len(got), got)
			}
			if got[0].Old != tc.old || got[0].New != tc.new {
				t.Errorf("old, new = %q, %q; want %q, %q (%s)", got[0].Old, got[0].New, tc.old, tc.new, got[0].What)
			}
			if got[0].Severity == "" || got[0].Section == "" || got[0].Label == "" {
				t.Errorf("finding lacks severity, section or label: %+v", got[0])
			}
		})
	}
}

// runMisses checks that no case gives a finding of the rule.
func runMisses(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := notables(t, rule, tc.res); len(got) != 0 {
				t.Errorf("want no %s finding, got %+v", rule, got)
			}
		})
	}
}

// one is a result of one modified section holding the blocks.
func one(blocks ...string) *redline.Result {
	return result(modified("s", "", "Reporting", blocks...))
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := notables(t, rule, tc.res)
			for i := range tc.want {
				tc.want[i].Rule = rule
			}
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b []Notable) bool {
				return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b)
			})); diff != "" {
				t.Errorf("notable mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestObligationStrengthFires(t *testing.T) {
	runRuleCases(t, "obligation-strength", []ruleCase{
		{
			name: "shall becomes should",
			res:  result(modified("m-2-3", "Measure 2.3", "Incident reporting", "Providers [-shall-]{+should+} report serious incidents to the AI Office.")),
			want: []Notable{{Section: "m-2-3", Label: "Measure 2.3 Incident reporting",
				What:   "obligation weakened (shall → should)",
				Before: "Providers shall report serious incidents …",
				After:  "Providers should report serious incidents …",
				Old:    "shall", New: "should", Severity: High}},
		},
		{
			name: "is required to becomes is encouraged to",
			res:  result(modified("m-1", "", "Testing", "Each provider is [-required-]{+encouraged+} to run the tests twice.")),
			want: []Notable{{Section: "m-1", Label: "Testing",
				What:   "obligation weakened (is required to → is encouraged to)",
				Before: "Each provider is required to run the tests …",
				After:  "Each provider is encouraged to run the tests …",
				Old:    "is required to", New: "is encouraged to", Severity: High}},
		},
	})
	runFires(t, "obligation-strength", []fires{
		{"may becomes must", one("Signatories [-may-]{+must+} keep the documentation up to date."), "may", "must"},
		{"MUST becomes SHOULD", one("The sender [-MUST-]{+SHOULD+} close the stream."), "must", "should"},
		{"MUST becomes SHOULD inside a moved block", result(movedBlock("The sender [-MUST-]{+SHOULD+} close the stream.")), "must", "should"},
		{"SHOULD becomes MUST", one("The sender [-SHOULD-]{+MUST+} close the stream."), "should", "must"},
		{"MUST NOT becomes SHOULD NOT", one("A client [-MUST-]{+SHOULD+} NOT reuse the token."), "must not", "should not"},
		{"SHOULD NOT becomes MAY", one("A client [-SHOULD NOT-]{+MAY+} reuse the token."), "should not", "may"},
		{"MUST NOT becomes MUST", one("A client MUST[- NOT-] reuse the token."), "must not", "must"},
		{"RECOMMENDED becomes REQUIRED", one("Logging the key is [-RECOMMENDED-]{+REQUIRED+} for servers."), "is recommended", "required"},
		{"REQUIRED removed from a table row", one("| max_age | integer | [-**REQUIRED**-] |"), "required", ""},
		{"optional becomes required in a table", one("| field | [-optional-]{+required+} |"), "optional", "required"},
		{"will becomes must", one("The office [-will-]{+must+} publish the list."), "", "must"},
		{"muss becomes soll", one("Der Antrag [-muss-]{+soll+} schriftlich gestellt werden."), "muss", "soll"},
		{"soll becomes kann", one("Die Behörde [-soll-]{+kann+} den Antrag ablehnen."), "soll", "kann"},
		{"darf nicht becomes darf", one("Der Inhaber darf [-nicht-] handeln."), "darf nicht", "darf"},
		{"the same duty under another word in a rewritten sentence", one("Correspondingly, {+if +}a proxy {+detects an error, it +}MUST [-send a-]{+close the+} TCP [-segment with-]{+connection. If+} the [-RST bit set if-]{+stack permits+} it[- detects an error-]{+, the proxy SHOULD send a TCP segment with the RST bit set+}."), "must", "should"},
		{"an obligation turned into a statement of the act", one("The client [-in this mode MUST send-]{+sends+} a fresh token."), "must", ""},
		{"a statement of the act turned into an obligation", one("The client [-always sends-]{+in this mode MUST send+} a fresh token."), "", "must"},
		{"a sentence's opening rewritten up to the word binding a kept object", one("The cache is warm. [-This may be done by sending-]{+When the link is slow, hosts MUST send+} the short probe frame first."), "may", "must"},
		{"ist verpflichtet becomes kann", one("Der Betreiber [-ist verpflichtet,-]{+kann+} die Daten zu löschen."), "ist verpflichtet", "kann"},
		{"a duty's subject turned into the object of a permission", one("[-The-]{+Hosts keep a cache. This may be done with the+} short probe frame [-MUST be sent first-]{+on each path+}."), "must", "may"},
		{"a permission's object turned into the subject of a duty", one("Clients [-may send the-]{+keep one ticket. The+} session resume ticket [-early-]{+MUST go out before the first request+}."), "may", "must"},
		{"a duty's subject turned into the object of a permission in a later clause", one("[-The-]{+Hosts keep a cache, and they MAY send the+} short probe frame [-MUST be sent first-]{+on each path+}."), "must", "may"},
		{"a recommendation's subject turned into the object of a prohibition", one("[-Each-]{+Peers MUST NOT retry with an+} expired session token [-SHOULD be dropped at once-]{+after a reset+}."), "should", "must not"},
		{"should be listed becomes MUST NOT be given, the edit glued to a kept word", one("Every tag of the form `t-N` (say, `t-1`[-, the following tags should be listed:-]{+ MUST NOT be given out.+}"), "should", "must not"},
	})
}

func TestObligationStrengthNearMiss(t *testing.T) {
	runMisses(t, "obligation-strength", []ruleCase{
		{name: "shall in an unchanged sentence", res: one("Providers shall report serious incidents. They [-may-]{+can+} use the form in Annex 1.")},
		{name: "shall kept while the rest of the sentence changed", res: one("Providers shall [-test-]{+evaluate+} the model and should document it.")},
		{name: "May as a month", res: one("Reports [-must be filed by 1 June-]{+are due on 14 May+} 2025.")},
		{name: "a new paragraph with shall", res: one("Unchanged text.", "{+Providers shall test the model.+}")},
		{name: "should added next to an unchanged shall", res: one("Providers shall test the model{+ and should publish the results+}.")},
		{name: "case only", res: one("The sender [-must-]{+MUST+} close the stream.")},
		{name: "can not becomes cannot", res: one("This information [-can not-]{+cannot+} be recovered.")},
		{name: "shall used to define", res: one(`"Provider" [-shall mean-]{+means+} a person.`)},
		{name: "German intention, not a recommendation", res: one("wenn dort Vermittler [-eingesetzt-]{+herangezogen+} werden sollen")},
		{name: "a block moved unedited", res: result(movedBlock("The sender MUST close the stream."))},
		{name: "the same duty under the same word, rewritten", res: one("[-A proxy-]{+If it fails, the proxy+} MUST send a TCP segment with the RST bit set.")},
		{name: "the same words bound twice", res: one("[-It-]{+The sender+} MUST send the frame first. [-Later it-]{+Then the receiver+} SHOULD send the frame first.")},
		{name: "a sentence rewritten around it", res: one("[-The chair MUST publish the list-]{+A list is published by the chair, who SHOULD add dates+} each year.")},
		{name: "an obligation replaced by a statement of another act", res: one("The client [-in this mode MUST send-]{+receives+} a fresh token.")},
		{name: "a sentence's opening rewritten, the new obligation word binding other words", res: one("The cache is warm. [-This may be done-]{+When the link is slow, hosts MUST send a long probe instead of+} the short probe frame first.")},
		{name: "a sentence's opening rewritten, too few words kept after it", res: one("The cache is warm. [-This may be done by sending-]{+When the link is slow, hosts MUST send+} the probe.")},
		{name: "a sentence's opening rewritten, the new obligation word in another clause", res: one("[-Hosts SHOULD keep only-]{+Old keys MAY be kept, but fresh+} keys which the peer has seen in the log.")},
		{name: "a sentence rewritten into two duties that share the kept phrase", res: one("[-The-]{+Hosts may drop the+} short probe frame [-MUST be sent first-]{+and peers MUST echo it+}.")},
		{name: "a sentence rewritten, the kept phrase in another clause than the new word", res: one("[-The-]{+When the+} short probe frame [-MUST be sent first-]{+arrives late, hosts may drop the path+}.")},
		{name: "a sentence rewritten around an obligation word of the same force", res: one("[-The-]{+This MUST be done with the+} short probe frame [-MUST be sent first-]{+on each path+}.")},
		{name: "a sentence rewritten, the kept run only function words", res: one("[-Old entries-]{+A proxy+} of all of them [-MUST be purged-]{+may be cached by the server for a full day+}.")},
		{name: "a sentence rewritten, the kept phrase too far from the new word", res: one("[-The-]{+Hosts may, if the path is slow and idle, use the+} short probe frame [-MUST be sent first-]{+on each path+}.")},
		{name: "a German opening word replaced by a modal", res: one("Der Bericht [-hat-]{+muss enthalten:+}")},
		{name: "ist replaced by muss", res: one("Die Meldung [-ist-]{+muss+}")},
		{name: "an edit glued to a kept word, too many words changed", res: one("Every tag of the form `t-N` (say, `t-1`[-, the following tags from the old list should be listed:-]{+ MUST NOT be given out by the office.+}")},
	})
}

// movedBlock is a section holding one block that arrived from elsewhere,
// with its edits.
func movedBlock(ops string) redline.SectionDiff {
	sd := modified("m", "", "Moved here", ops)
	sd.Blocks[0].Status = redline.Moved
	sd.Blocks[0].MovedFrom = "elsewhere"
	return sd
}

func TestObligationRemovedAndAdded(t *testing.T) {
	runFires(t, "obligation-removed", []fires{
		{"a paragraph with SHALL deleted", one("Kept text.", "[-The provider SHALL keep records for audit.-]"), "shall", ""},
		{"a sentence with must deleted", one("Keep it short.[- Each report must name the model.-] Send it by email."), "must", ""},
		{"muss deleted in a German block", one("[-Der Antrag muss begründet werden.-]"), "muss", ""},
		{"hat … zu deleted", one("Erster Satz bleibt.[- Der Betreiber hat die Behörde unverzüglich zu unterrichten.-]"), "hat … zu", ""},
		{"a sentence deleted but for its last word", one("Hosts MAY listen on any port[-. Hosts MUST keep one port for all addresses of a name and SHOULD NOT move to another-]{+, as the record names the+} port."), "must", ""},
		{"one of two parties' duties dropped when two clauses merge", one("A [-host-]{+guest+} MUST NOT reuse the key after it has [-sent-]{+received+} a reply[-, and a guest MUST NOT reuse the key after it has received a reply-]."), "must not", ""},
		{"a clause deleted around a few kept words", one("A peer MAY cap the size of a message[-; receiving-]{+. A host that gets+} a longer [-message -]body [-SHOULD be handled as an error of type `TOO_BIG`-]{+than it accepts can answer with a status code+}."), "should", ""},
	})
	runFires(t, "obligation-added", []fires{
		{"a paragraph with MUST NOT inserted", one("Kept text.", "{+Clients MUST NOT send data early. They MUST wait.+}"), "", "must not"},
		{"a sentence with should inserted", one("Keep it short.{+ Reports should cite sources.+} Send it by email."), "", "should"},
		{"dürfen … nicht inserted", one("{+Mitglieder dürfen an der Beratung nicht mitwirken.+}"), "", "dürfen … nicht"},
		{"zu … hat inserted", one("{+Die Behörde kann anordnen, dass ein Institut Meldungen einzureichen hat.+}"), "", "hat … zu"},
		{"a second party's duty added to a sentence", one("A [-guest-]{+host+} MUST NOT reuse the key after it has [-received-]{+sent+} a reply{+, and a guest MUST NOT reuse the key after it has received a reply+}."), "", "must not"},
		{"a duty of another party in a rewritten sentence", one("A host [-SHOULD NOT-]{+has sent the+} [-send-]{+key+} it{+ twice. The guest SHOULD drop+} it."), "", "should"},
		{"a named party's duty inserted before a passive duty kept", one("[-If-]{+The host MUST NOT drop+} the{+ link, and the guest MUST NOT ask the host to drop it. If either+} link is lost, this MUST be treated as an error."), "", "must not"},
		{"a sentence inserted but for its last words", one("Each entry has a value[-, and the list gives its meaning-]{+. An unset value SHOULD take the safest+} value."), "", "should"},
	})
	moved := func(from, to string) *redline.Result {
		a := modified("a", "", "A", "Kept.", "[-"+from+"-]")
		b := modified("b", "", "B", "Kept.", "{+"+to+"+}")
		return result(a, b)
	}
	for _, rule := range []string{"obligation-removed", "obligation-added"} {
		runMisses(t, rule, []ruleCase{
			{name: "a permission only", res: one("[-You may scrape public pages.-]", "{+Archivists may copy the data.+}")},
			{name: "a sentence moved to another section", res: moved("Servers MUST NOT use the code for processed requests.", "Servers MUST NOT use the code for processed requests.")},
			{name: "a sentence moved with a small edit", res: moved("A client MUST treat the frame as a connection error of type A.", "A client MUST treat the frame as a connection error of type B.")},
			{name: "words inserted into a sentence with shall", res: one("Providers shall keep records{+ for ten years and in writing+}.")},
			{name: "a moved block", res: result(movedBlock("{+Providers shall keep records.+}"))},
			{name: "a block moved unedited", res: result(movedBlock("Providers shall keep records."))},
			{name: "shall used to define", res: one(`{+For this Section, "you" shall refer to you and your affiliates.+}`)},
			{name: "required as a circumstance", res: one("Kept.", "[-When access is required to keep the service secure.-]", "{+When access is required to maintain the systems.+}")},
			{name: "a sentence mostly rewritten under another obligation", res: one("So, {+if +}a relay {+sees a fault, it +}MUST [-emit a-]{+shut the+} link [-frame with-]{+now. If+} the [-reset flag on if-]{+driver allows+} it[- sees a fault-]{+, the relay SHOULD emit a link frame with the reset flag on+}.")},
			{name: "a sentence half rewritten, its obligation word kept", res: one("The host MUST [-close the link-]{+drop the frame+} at once.")},
			{name: "a duty given to a wider party", res: one("A [-server-]{+peer+} MUST close the stream on error.")},
			{name: "a duty restated in the passive", res: one("[-Origins SHOULD list only the versions they serve-]{+Versions an origin does not serve SHOULD NOT be listed+}, and may omit others.")},
			{name: "a duty handed to a pronoun", res: one("[-The host-]{+It+} MUST NOT reuse the key when it has sent a reply.")},
			{name: "a party's duty still stated in another block", res: one("A [-host-]{+guest+} MUST NOT reuse the key.", "Still: a host MUST NOT reuse the key{+ either+}.")},
			{name: "a duty's word replaced, which the strength rule reads", res: one("A host [-MUST-]{+SHOULD+} reuse the key when it has sent a reply.")},
		})
	}
}

func TestChangedQuantityFires(t *testing.T) {
	runRuleCases(t, "changed-quantity", []ruleCase{
		{
			name: "duration",
			res:  result(modified("m-1", "Measure 1.1", "Reporting", "Report within [-15-]{+10+} days of becoming aware of the incident.")),
			want: []Notable{{Section: "m-1", Label: "Measure 1.1 Reporting", What: "duration changed",
				Before: "Report within 15 days of becoming aware …", After: "Report within 10 days of becoming aware …",
				Old: "15 days", New: "10 days", Severity: High}},
		},
	})
	runFires(t, "changed-quantity", []fires{
		{"a number edited inside a moved block", result(movedBlock("Report within [-15-]{+10+} days.")), "15 days", "10 days"},
		{"percentage", one("A drop of more than [-3 %-]{+5 %+} triggers a review."), "3 %", "5 %"},
		{"percent in words", one("A share of [-25-]{+20+} percent or more."), "25 percent", "20 percent"},
		{"amount", one("Fines of up to [-€15 million-]{+€35 million+} apply."), "€15 million", "€35 million"},
		{"amount in euros", one("Credits of [-1,5 Millionen-]{+1 Million+} Euro and more."), "1,5 Millionen Euro", "1 Million Euro"},
		{"date", one("This applies from [-1 August 2025-]{+2 August 2026+}."), "1 August 2025", "2 August 2026"},
		{"date in a block replaced whole", result(func() redline.SectionDiff {
			sd := modified("p", "", "Preamble", "[-Effective date: May 25, 2018-]", "{+Effective date: April 19, 2019+}")
			return sd
		}()), "May 25, 2018", "April 19, 2019"},
		{"deadline removed", one("Report [-within 15 days-]{+without undue delay+}."), "15 days", "without undue delay"},
		{"digits with separators", one("The limit is [-131,182-]{+131,200+} octets."), "131,182", "131,200"},
		{"decimal", one("A weight of [-1.5-]{+2.5+} applies."), "1.5", "2.5"},
		{"hexadecimal", one("The frame type is [-0x2006e-]{+0x2006f+} here."), "0x2006e", "0x2006f"},
		{"a number word", one("Send at most [-four-]{+five+} datagrams."), "four", "five"},
		{"a German number word", one("Personen unter [-sechzehn-]{+achtzehn+} Jahren dürfen nicht teilnehmen."), "sechzehn Jahren", "achtzehn Jahren"},
		{"German number words for a duration", one("Freiheitsstrafe bis zu [-fünf-]{+zehn+} Jahren."), "fünf Jahren", "zehn Jahren"},
		{"zero becomes a number", one("The default value [-is zero-]{+is 4,096 bytes+}."), "zero", "4,096"},
		{"a number hyphenated to what it measures", one("The registry [-holds an 8-bit-]{+keeps a 62-bit+} space."), "8-bit", "62-bit"},
	})
}

func TestChangedQuantityNearMiss(t *testing.T) {
	renumbered := redline.SectionDiff{ID: "incident-reporting", Status: redline.Unchanged, Renumbered: true,
		Old:    ref("incident-reporting", "Measure 2.3", "Incident reporting", 3, ""),
		New:    ref("incident-reporting", "Measure 2.4", "Incident reporting", 3, ""),
		Blocks: []redline.BlockDiff{block("Providers report incidents within 15 days.")}}
	runMisses(t, "changed-quantity", []ruleCase{
		{name: "renumbered heading alone", res: result(renumbered)},
		{name: "same duration in words", res: one("Report within [-thirty-]{+30+} days.")},
		{name: "a digit written as a word", res: one("Send [-4-]{+four+} UDP datagrams.")},
		{name: "zero written in digits", res: one("The value MUST be [-zero-]{+0+}.")},
		{name: "same amount spelt otherwise", res: one("Loans under [-50.000-]{+50 000+} Euro.")},
		{name: "same percentage spelt otherwise", res: one("wenn der Anteil 0,2 [-vom Hundert-]{+Prozent+} nicht übersteigt")},
		{name: "same percentage in other words", res: one("mehr als [-10 vom Hundert-]{+10 Prozent+} des Kapitals")},
		{name: "same hexadecimal value", res: one("| STOPPING | [-0x00-]{+0x0000+} | reserved |")},
		{name: "a number added to the text", res: one("Report {+at least 2 times a year and +}in writing.")},
		{name: "a sentence with numbers inserted", res: one("Kept.{+ Use TLS 1.3 as described in RFC 8446, within 10 days.+}")},
		{name: "numbers deleted with their sentence", res: one("Kept.[- Report within 10 days.-]")},
		{name: "numbers inside a chemical name", res: one("Dihydromorphin: [-4,5alpha-Epoxy-17-methylmorphinan-3,6alpha-diol-]{+4,5α-Epoxy-17-methylmorphinan-3,6α-diol+}")},
		{name: "spacing around numbers", res: one("Diamorphin: [-((5R,6S)-4,5-Epoxy-]{+[(5 R ,6 S )-4,5-Epoxy-+}17-methyl")},
		{name: "a number next to a change", res: one("Report within 15 days [-in writing-]{+by email+}.")},
		{name: "a version in a name", res: one("Use [-TLS 1.2-]{+TLS 1.3+} for the handshake.")},
		{name: "a number hyphenated to a name in capitals", res: one("Clients send [-0-RTT-]{+1-RTT+} data.")},
		{name: "the same number hyphenated to what it measures", res: one("The registry [-holds-]{+keeps+} a 62-bit space.")},
		{name: "a version glued to a name", res: one("Unlike [-HTTP/1.1-]{+HTTP/2+}, streams are multiplexed.")},
		{name: "a version after the word version", res: one("QUIC version [-1-]{+2+} is used.")},
		{name: "an RFC", res: one("The key words are defined in RFC [-2119-]{+8174+}.")},
		{name: "a BCP", res: one("As described in BCP [-14-]{+15+}.")},
		{name: "a section", res: one("See Section [-4.3.6-]{+4.3.7+} for the format.")},
		{name: "a paragraph sign", res: one("nach § [-355-]{+356+} des Gesetzes")},
		{name: "an article", res: one("under Art. [-12-]{+13+} of the Regulation")},
		{name: "a chain of references", res: one("nach den §§ 10 bis 10i, 11 bis [-13d, 15-]{+18+} und 19")},
		{name: "the date of a cited act", res: one("Richtlinie 2013/36/EU des Rates vom [-14. Juni 2006-]{+26. Juni 2013+} über den Zugang")},
		{name: "a paragraph label", res: one("[-(2)-]{+(3)+} Die Behörde entscheidet.")},
		{name: "a list label", res: one("[-1.-]{+2.+} The provider reports.")},
		{name: "a block moved unedited", res: result(movedBlock("Report within 15 days."))},
		{name: "a rewritten sentence", res: one("[-Within 15 days the office files it-]{+The office files it in a month, or 10 days if urgent+}.")},
	})
}

func TestReferenceChanged(t *testing.T) {
	renumbered := redline.SectionDiff{ID: "incident-reporting", Status: redline.Unchanged, Renumbered: true,
		Old:    ref("incident-reporting", "Measure 2.3", "Incident reporting", 3, ""),
		New:    ref("incident-reporting", "Measure 2.4", "Incident reporting", 3, ""),
		Blocks: []redline.BlockDiff{block("Providers report incidents within 15 days.")}}
	runFires(t, "reference-changed", []fires{
		{"a reference edited inside a moved block", result(movedBlock("See Section [-4-]{+5+}.")), "4", "5"},
		{"an RFC", one("The key words are defined in RFC [-2119-]{+8174+}."), "2119", "8174"},
		{"a section", one("See Section [-4.3.6-]{+4.3.7+} for the format."), "4.3.6", "4.3.7"},
		{"a measure not renumbered", one("See Measure [-2.3-]{+2.5+} for the form."), "2.3", "2.5"},
		{"a German reference", one("nach § 21 Absatz 2 Nummer [-6-]{+3+} des Gesetzes"), "6", "3"},
		{"a section by its letter", one("plus this Section [-G-]{+H+}, when using the API"), "G", "H"},
		{"a reference replaced by words", one("nach Maßgabe [-des § 4b des Gesetzes-]{+der allgemeinen Vorschriften+} übermitteln"), "4b", "der allgemeinen Vorschriften"},
		{"an anchor that now names another section", anchors("See {{frame-[-push-promise-]{+settings+}}} for the limit."), "frame-push-promise", "frame-settings"},
		{"a fragment link that now names another section", anchors("See [the frame](#frame-[-push-promise-]{+settings+}) for the limit."), "frame-push-promise", "frame-settings"},
	})
	renamed := anchors("See {{[-frame-push-promise-]{+frame-push+}}} for the limit.")
	renamed.Sections[1].New = ref("frame-push", "", "PUSH", 2, "")
	runMisses(t, "reference-changed", []ruleCase{
		{name: "an anchor that follows its section's new id", res: renamed},
		{name: "an anchor to a section that is gone", res: func() *redline.Result {
			r := anchors("See {{frame-[-push-promise-]{+settings+}}} for the limit.")
			r.Sections[1].New = nil
			return r
		}()},
		{name: "an anchor inserted", res: anchors("See the limit{+ in {{frame-settings}}+}.")},
		{name: "reference follows a renumbering", res: result(renumbered, modified("m-1", "", "Reporting", "See Measure [-2.3-]{+2.4+} for the form."))},
		{name: "the reference word spelt out", res: one("nach § 1 [-Abs.-]{+Absatz+} 1a Satz 2")},
		{name: "a reference inserted", res: one("Kept{+ as described in RFC 9000+}.")},
		{name: "a citation anchor renamed", res: one("see Section 9.1.2 of {{![-RFC7540-]{+HTTP2+}}}.")},
		{name: "a quantity", res: one("Report within [-15-]{+10+} days.")},
		{name: "a block moved unedited", res: result(movedBlock("See Section 4."))},
	})
}

func TestReferencesLeftOutWhenMany(t *testing.T) {
	var blocks []string
	for i := 0; i < 12; i++ {
		blocks = append(blocks, fmt.Sprintf("See RFC [-%d-]{+%d+} here.", 1000+i, 2000+i))
	}
	blocks = append(blocks, "Report within [-15-]{+10+} days.")
	s := Compute(one(blocks...), Options{})
	if len(s.Notable) != 1 || s.Notable[0].Rule != "changed-quantity" {
		t.Errorf("want only the changed quantity listed, got %+v", s.Notable)
	}
	if want := []LeftOut{{Rule: "reference-changed", Count: 12}}; !cmp.Equal(s.NotableLeftOut, want) {
		t.Errorf("left out = %+v, want %+v", s.NotableLeftOut, want)
	}
	var text bytes.Buffer
	if err := WriteText(&text, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "left out: 12 reference-changed") {
		t.Errorf("text summary does not say what was left out:\n%s", text.String())
	}
	few := Compute(one(blocks[:3]...), Options{})
	if len(few.Notable) != 3 || len(few.NotableLeftOut) != 0 {
		t.Errorf("three references should be listed: %+v, left out %+v", few.Notable, few.NotableLeftOut)
	}
}

func TestNotableOrder(t *testing.T) {
	s := Compute(one(
		"See RFC [-2119-]{+8174+} here.",
		"{+Clients MUST wait.+}",
		"Clients [-SHOULD-]{+MUST+} wait.",
		"Report within [-15-]{+10+} days.",
	), Options{})
	var got []string
	for _, n := range s.Notable {
		got = append(got, n.Rule+"/"+string(n.Severity))
	}
	want := []string{"obligation-strength/high", "changed-quantity/high", "obligation-added/medium", "reference-changed/low"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("order mismatch (-want +got):\n%s", d)
	}
}

func TestDeletedCommitment(t *testing.T) {
	deleted := func(number, title, text string) redline.SectionDiff {
		return redline.SectionDiff{ID: "x", Status: redline.Deleted, Old: ref("x", number, title, 2, ""),
			Words: redline.WordCounts{Deleted: 3}, Blocks: []redline.BlockDiff{block("[-" + text + "-]")}}
	}
	runRuleCases(t, "deleted-commitment", []ruleCase{
		{
			name: "measure deleted",
			res:  result(deleted("Measure 4.2", "Watermarking", "Some old text")),
			want: []Notable{{Section: "x", Label: "Measure 4.2 Watermarking", What: "numbered provision deleted",
				Before: "Measure 4.2 Watermarking", Old: "Measure 4.2 Watermarking", Severity: High}},
		},
	})
	runFires(t, "deleted-commitment", []fires{
		{"commitment deleted", result(deleted("Commitment 6", "Copyright", "Some old text")), "Commitment 6 Copyright", ""},
		{"an unnumbered section with MUST", result(deleted("", "Stream reuse", "Clients MUST NOT reuse a stream.")), "Stream reuse", ""},
		{"an unnumbered section with shall", result(deleted("", "Background", "Providers shall keep records.")), "Background", ""},
		{"a German paragraph", result(deleted("§ 7c", "Zusammenarbeit", "Die Behörde meldet es.")), "§ 7c Zusammenarbeit", ""},
	})
	renumbered := redline.SectionDiff{ID: "x", Status: redline.Unchanged, Renumbered: true,
		Old: ref("x", "Measure 4.2", "Watermarking", 3, ""), New: ref("x", "Measure 4.1", "Watermarking", 3, "")}
	moved := renumbered
	moved.Moved, moved.Renumbered = true, false
	moved.New = ref("x", "Measure 4.2", "Watermarking", 3, "other")
	allMoved := deleted("1.", "Compliance", "Use must be lawful.")
	allMoved.Blocks[0].Status, allMoved.Blocks[0].MovedTo = redline.Moved, "acceptable-use"
	runMisses(t, "deleted-commitment", []ruleCase{
		{name: "measure renumbered", res: result(renumbered)},
		{name: "measure moved", res: result(moved)},
		{name: "unnumbered section without obligations", res: result(deleted("", "Background", "Some history."))},
		{name: "a section whose text all moved elsewhere", res: result(allMoved)},
		{name: "a section with a permission only", res: result(deleted("", "Scraping", "You may scrape the site."))},
	})
}

func definitions(blocks ...string) redline.SectionDiff {
	sd := modified("definitions", "Article 3", "Definitions", blocks...)
	for i := range sd.Blocks {
		sd.Blocks[i].Kind = "list_item"
	}
	return sd
}

func TestDefinitionChangedFires(t *testing.T) {
	runRuleCases(t, "definition-changed", []ruleCase{
		{
			name: "definition changed",
			res:  result(definitions(`"Provider" means a person that develops a [-general-purpose-]{+general purpose+} AI model.`, `"User" means a person.`)),
			want: []Notable{{Section: "definitions", Label: "Article 3 Definitions", What: `definition of "Provider" changed`,
				Before: "… that develops a general-purpose AI model.", After: "… that develops a general purpose AI model.",
				Old: "Provider", New: "Provider", Severity: Medium}},
		},
	})
	runFires(t, "definition-changed", []fires{
		{"term removed", result(definitions(`[-**Downstream provider**: a provider that integrates a model.-]`, `**User**: a person.`)), "Downstream provider", ""},
		{"a sentence defining a term deleted", result(definitions(`"Your Content" is yours.[- “Paid Content” is Content for paying Users.-]`)), "Paid Content", ""},
		{"term renamed", result(definitions(`An "[-Account-]{+Profile+}" is what you sign in with.`)), "Account", "Profile"},
		{"a quoted term renamed inside a longer entry", result(definitions(`An "Account" is yours. A “[-User-]{+Personal+} Account” is a person's. A [-User-]{+Personal+} Account can join.`)), "User Account", "Personal Account"},
		{"X means outside a definitions section", result(modified("scope", "Article 2", "Scope", `"Provider" means [-one-]{+any+} thing here.`)), "Provider", "Provider"},
		{"a definition-list item", one("Stream : a [-bidirectional-]{+unidirectional+} flow of bytes."), "Stream", "Stream"},
		{"a plural term with mean", result(modified("scope", "Article 2", "Scope", `"Beta Tools" mean [-tools-]{+services+} marked as beta.`)), "Beta Tools", "Beta Tools"},
		{"a definition edited and reordered in its section", result(func() redline.SectionDiff {
			sd := definitions(`The “Service” refers to the tools we run{+, including any previews+}.`)
			sd.Blocks[0].Status, sd.Blocks[0].MovedFrom = redline.Moved, "definitions"
			return sd
		}()), "Service", "Service"},
		{"a comma replaced by or", result(definitions(`"Data" means text[-,-]{+ or+} images.`)), "Data", "Data"},
		{"an edit in the defining sentence of a paragraph", one(`Servers stop. In this context, "processed" means that data was [-passed-]{+handed+} on.`), "processed", "processed"},
		{"a term renamed, its code kept", one("[-HEADER_SIZE-]{+FIELD_SIZE+} (0x6) : the largest size."), "HEADER_SIZE (0x6)", "FIELD_SIZE (0x6)"},
		{"a definition-list term renamed", one("[-HPACK_FAILED-]{+QPACK_FAILED+} (0x6): : the decoder failed."), "HPACK_FAILED (0x6)", "QPACK_FAILED (0x6)"},
		{"a definition-list item deleted", one("Kept.", "[-OLD_CODE (0x1): : an old error.-]"), "OLD_CODE (0x1)", ""},
		{"Begriffsbestimmungen", result(modified("d", "§ 1", "Begriffsbestimmungen", "Kreditinstitute sind Unternehmen, die [-Bankgeschäfte-]{+Einlagengeschäfte+} betreiben.")), "Kreditinstitute", "Kreditinstitute"},
	})
}

func TestDefinitionChangedNearMiss(t *testing.T) {
	reordered := definitions(`"User" means a person.`)
	reordered.Blocks[0].Status = redline.Moved
	reordered.Blocks[0].MovedTo = "definitions"
	// a term list rewritten as a definition list: the same terms, the same
	// definitions, other markup
	relisted := definitions(`[-**Client**: the endpoint that opens a connection.-]`, `[-**Server**: the endpoint that accepts it.-]`,
		`{+Client : the endpoint that opens a connection.+}`, `{+Server : the endpoint that accepts it.+}`)
	runMisses(t, "definition-changed", []ruleCase{
		{name: "definition moved unedited", res: result(reordered)},
		{name: "means without a quoted term outside a definitions section", res: result(modified("scope", "Article 2", "Scope", `This means [-one-]{+any+} thing here.`))},
		{name: "definitions unchanged, intro edited", res: result(definitions(`In this [-Code-]{+code+}, the following apply.`, `"User" means a person.`))},
		{name: "definition added", res: result(definitions(`{+"Model" means a model.+}`, `"User" means a person.`))},
		{name: "case only", res: result(definitions(`"Stream" means a [-Bidirectional-]{+bidirectional+} flow.`))},
		{name: "markup only", res: result(definitions(`"Stream" means a [-*bidirectional*-]{+_bidirectional_+} flow.`))},
		{name: "link destination only", res: result(definitions(`"Site" means [our site](/[-articles-]{+site-policy+}/x).`))},
		{name: "a term list rewritten as a definition list", res: result(relisted)},
		{name: "a reference renumbered inside a definition", res: result(definitions(`An "Account" is yours (see Section B([-4-]{+5+})).`))},
		{name: "an edit in the sentence before a definition", res: one(`Servers [-stop-]{+halt+} the stream. In this context, "processed" means that data was passed on.`)},
		{name: "a comma replaced by and", res: one("Push ID : used in stream headers (see above)[-,-]{+ and+} cancel frames.")},
		{name: "a web address in a definition", res: result(definitions(`"Terms" means these rules, kept at [-help.example.com/policy-]{+docs.example.com/policy+}.`))},
		{name: "a note in a definition list", res: one("Note : this is [-old-]{+new+} advice.")},
		{name: "a definition sentence moved into a paragraph", res: one(`Servers reject it.{+ In this context, "processed" means that data was passed on.+}`, `[-Note : In this context, "processed" means that data was passed on.-]`)},
		{name: "a code added after a term", res: one("SETTINGS_TABLE_SIZE{+ (0x1)+} : See [-[-]{+{{+}QPACK[-]-]{+}}+}.")},
		{name: "quoted keywords deleted from a terminology section", res: result(modified("terms", "", "Terminology", "Kept.", `[-The key words "MUST", "SHOULD" and "MAY" are to be read as described in BCP 14.-]`))},
		{name: "an attribute list", res: result(modified("d", "", "Frame Definitions", `Kept.`, `{: #fig-data title="DATA Frame[- Payload-]"}`))},
		{name: "metadata under the title heading", res: result(
			modified("title", "", "Act on Things", "Last amended by : Art. [-4-]{+1+} of the [-old-]{+new+} act"),
			func() redline.SectionDiff {
				sd := modified("s1", "§ 1", "Scope", "Kept.")
				sd.Old.Level, sd.New.Level = 3, 3
				return sd
			}(),
			func() redline.SectionDiff {
				sd := modified("s2", "§ 2", "Terms used", "Kept.")
				sd.Old.Level, sd.New.Level = 3, 3
				return sd
			}())},
		{name: "metadata before the first heading", res: result(func() redline.SectionDiff {
			sd := modified("preamble", "", "", "Last amended by : Art. [-4-]{+1+} of the [-old-]{+new+} act")
			sd.Old.Level, sd.New.Level = 0, 0
			return sd
		}())},
		{name: "a section titled Additional Terms", res: result(modified("t", "5.", "Additional Terms", `A "Plan" is [-paid-]{+free+}.`))},
	})
}

func TestNotableLine(t *testing.T) {
	n := Notable{Rule: "obligation-strength", Label: "Measure 2.3 X", What: "obligation weakened (shall → should)", Before: "a shall b", After: "a should b"}
	want := `Measure 2.3 X: obligation weakened (shall → should): "a shall b" → "a should b" [obligation-strength]`
	if got := n.Line(); got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
}

func TestRulesHaveIDsAndDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range DefaultRules {
		if r.ID == "" || r.Doc == "" || r.Find == nil || seen[r.ID] {
			t.Errorf("rule %+v: needs a unique id, a doc line and a Find function", r.ID)
		}
		seen[r.ID] = true
	}
}

// anchors is a redline of one block in a draft that also holds the
// sections frame-push-promise and frame-settings on both sides.
func anchors(block string) *redline.Result {
	r := one(block)
	for _, id := range []string{"frame-push-promise", "frame-settings"} {
		r.Sections = append(r.Sections, redline.SectionDiff{ID: id, Status: redline.Unchanged, Old: ref(id, "", id, 2, ""), New: ref(id, "", id, 2, "")})
	}
	return r
}
