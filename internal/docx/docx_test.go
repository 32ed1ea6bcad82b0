package docx

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const headingStyles = `<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="Titre 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My Heading"/><w:basedOn w:val="Titre2"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="CodeBlock"><w:name w:val="Code Block"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>` +
	`<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>`

const lists = `<w:abstractNum w:abstractNumId="0">` +
	`<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>` +
	`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>` +
	`</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="1">` +
	`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1"/></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>` +
	`<w:lvl w:ilvl="2"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%3."/></w:lvl>` +
	`</w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
	`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`

func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		name           string
		doc            testDoc
		want           string
		revs, comments int
	}{
		{
			name: "headings from styles, localised styles and outline levels",
			doc: testDoc{styles: headingStyles, body: p(pstyle("berschrift1"), r("", "Erster Teil")) +
				p(pstyle("MyHeading"), r("", "Based on an outline level")) +
				p(`<w:outlineLvl w:val="3"/>`, r("", "Direct outline level")) +
				p(pstyle("Heading3")+`<w:outlineLvl w:val="9"/>`, r("", "Body text after all")) +
				p(pstyle("Heading3"), r("", "Heading # with {braces}")) +
				p(pstyle("Heading3")) +
				p(pstyle("TOC1"), r("", "A table of contents entry"))},
			want: "# Erster Teil\n\n## Based on an outline level\n\n#### Direct outline level\n\nBody text after all\n\n### Heading \\# with \\{braces}\n",
		},
		{
			name: "lists keep their levels and numbers",
			doc: testDoc{numbering: lists, body: p(num("1", "0"), r("", "three")) +
				p(num("1", "1"), r("", "letter a")) +
				p(num("1", "2"), r("", "a bullet")) +
				p(num("1", "1"), r("", "letter b")) +
				p(num("1", "0"), r("", "four")) +
				p("", r("", "A paragraph.")) +
				p(num("2", "0"), r("", "first article")) +
				p(num("2", "1"), r("", "one point one")) +
				p(num("2", "2"), r("", "roman four"))},
			want: "3. three\n   - (a) letter a\n     - a bullet\n   - (b) letter b\n4. four\n\nA paragraph.\n\n- Article 1 first article\n  - 1.1 one point one\n    - IV. roman four\n",
		},
		{
			name: "instances of one list count on, one that overrides its start restarts",
			doc: testDoc{numbering: lists + `<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
				body: p(num("3", "0"), r("", "one")) + p(num("1", "0"), r("", "two")) + p(num("1", "0"), r("", "three")) + p("", r("", "Between.")) +
					p(num("1", "0"), r("", "four"))},
			want: "1. one\n2. two\n3. three\n\nBetween.\n\n4. four\n",
		},
		{
			name: "numbered headings carry their numbers",
			doc: testDoc{numbering: lists, styles: headingStyles, body: p(pstyle("berschrift1")+num("2", "0"), r("", "Scope")) +
				p(pstyle("MyHeading")+num("2", "1"), r("", "Definitions")) +
				p(pstyle("berschrift1")+num("2", "0"), r("", "Obligations"))},
			want: "# Article 1 Scope\n\n## 1.1 Definitions\n\n# Article 2 Obligations\n",
		},
		{
			name: "emphasis, strong, code and links, with Markdown characters escaped",
			doc: testDoc{styles: headingStyles, rels: `<Relationship Id="rIdL1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a b" TargetMode="External"/>`,
				body: p("", r("", "Plain, "), r("<w:b/>", "strong "), r("<w:b/><w:i/>", "both"), r("<w:i/>", " italic"), r("", " and "), r(`<w:rStyle w:val="Strong"/>`, "styled")) +
					p("", r("", "Code "), r(`<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>`, "a`b"), r("", " and a "), `<w:hyperlink r:id="rIdL1">`+r("", "link")+`</w:hyperlink>`, r("", "!")) +
					p("", r("", "# not a heading *nor* _emphasis_ [nor] a &lt;tag> &amp; 1. snake_case &amp;copy; x")) +
					p("", r("", "2024. A year")) +
					p("", r("<w:b/>", "\"Quoted\""), r("", "after")) +
					p("", r("", "Ends with a bang!"), `<w:hyperlink w:anchor="sec">`+r("", "inner")+`</w:hyperlink>`)},
			want: "Plain, **strong *both*** *italic* and **styled**\n\n" +
				"Code ``a`b`` and a [link](<https://example.org/a b>)\\!\n\n" +
				"\\# not a heading \\*nor\\* \\_emphasis\\_ \\[nor\\] a \\<tag> & 1. snake_case \\&copy; x\n\n" +
				"2024\\. A year\n\n" +
				"\"Quoted\"after\n\n" +
				"Ends with a bang\\![inner](#sec)\n",
		},
		{
			name: "tables escape pipes and take the widest row",
			doc: testDoc{body: `<w:tbl><w:tr><w:tc>` + p("", r("", "Name")) + `</w:tc><w:tc>` + p("", r("<w:b/>", "Value")) + `</w:tc></w:tr>` +
				`<w:tr><w:tc>` + p("", r("", "a|b")) + `</w:tc><w:tc>` + p("", r("", "one")) + p("", r("", "two")) + `</w:tc><w:tc>` + p("", r("", "extra")) + `</w:tc></w:tr>` +
				`<w:tr><w:trPr><w:del w:id="1" w:author="x"/></w:trPr><w:tc>` + p("", r("", "deleted row")) + `</w:tc></w:tr></w:tbl>`},
			want: "| Name | **Value** |  |\n| --- | --- | --- |\n| a\\|b | one two | extra |\n",
			revs: 1,
		},
		{
			name: "code blocks and quotes",
			doc: testDoc{styles: headingStyles, body: p(pstyle("CodeBlock"), r("", "if a {")) + p(pstyle("CodeBlock"), r("", "  ```")) + p(pstyle("CodeBlock"), r("", "}")) +
				p(pstyle("Quote"), r("", "- quoted"))},
			want: "````\nif a {\n  ```\n}\n````\n\n> \\- quoted\n",
		},
		{
			name: "tracked changes read as accepted",
			doc: testDoc{body: p("", r("", "Kept "), `<w:ins w:id="1" w:author="a">`+r("", "inserted ")+`</w:ins>`, `<w:del w:id="2" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del>`, r("", "end.")) +
				p(`<w:rPr><w:del w:id="3" w:author="a"/></w:rPr>`, r("", "Joined ")) +
				p("", r("", "paragraphs.")) +
				`<w:moveFrom w:id="4" w:author="a">` + p("", r("", "Moved away.")) + `</w:moveFrom>` +
				p("", `<w:moveTo w:id="5" w:author="a">`+r("", "Moved here.")+`</w:moveTo>`) +
				p("", r(`<w:b/><w:rPrChange w:id="6" w:author="a"><w:rPr/></w:rPrChange>`, "Now bold"))},
			want: "Kept inserted end.\n\nJoined paragraphs.\n\nMoved here.\n\n**Now bold**\n",
			revs: 6,
		},
		{
			name: "comments dropped, footnotes kept",
			doc: testDoc{
				comments:  `<w:comment w:id="0" w:author="a">` + p("", r("", "a remark")) + `</w:comment><w:comment w:id="1" w:author="b">` + p("", r("", "another")) + `</w:comment>`,
				footnotes: `<w:footnote w:type="separator" w:id="-1">` + p("", r("", "---")) + `</w:footnote><w:footnote w:id="7">` + p("", `<w:r><w:footnoteRef/></w:r>`, r("", " The note's *text*.")) + `</w:footnote>`,
				body: p("", `<w:commentRangeStart w:id="0"/>`, r("", "Text"), `<w:commentRangeEnd w:id="0"/>`, `<w:r><w:commentReference w:id="0"/></w:r>`,
					`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="7"/></w:r>`, r("", " and more."))},
			want:     "Text[^1] and more.\n\n[^1]: The note's \\*text\\*.\n",
			comments: 2,
		},
		{
			name: "fields: hyperlinks kept, instructions and tables of contents dropped",
			doc: testDoc{body: p("", `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, r("", "Contents 1")) +
				p("", r("", "Contents 2"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
				p("", r("", "See "), `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, r("", "the site"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`, r("", "; page "),
					`<w:fldSimple w:instr=" PAGE ">`+r("", "3")+`</w:fldSimple>`, r("", "."))},
			want: "See [the site](https://example.org/x); page 3.\n",
		},
		{
			name: "line breaks, tabs and hidden text",
			doc: testDoc{numbering: lists, body: p("", r("", "one"), `<w:r><w:br/><w:t>- two</w:t><w:tab/><w:t>three</w:t></w:r>`, r("<w:vanish/>", "hidden")) +
				p(num("1", "0"), r("", "item"), `<w:r><w:br/><w:t>1. more</w:t></w:r>`)},
			want: "one  \n\\- two\tthree\n\n3. item  \n1\\. more\n",
		},
		{
			name: "a bookmark on a heading is its id, unless hidden, a hash or the heading's text",
			doc: testDoc{styles: headingStyles, body: p(pstyle("Heading3"), `<w:bookmarkStart w:id="1" w:name="frame-data"/>`, r("", "DATA"), `<w:bookmarkEnd w:id="1"/>`) +
				p(pstyle("Heading3"), `<w:bookmarkStart w:id="2" w:name="_Toc12345"/>`, `<w:bookmarkStart w:id="3" w:name="iana:frames"/>`, r("", "Frame Types")) +
				p(pstyle("Heading3"), `<w:bookmarkStart w:id="4" w:name="1-scope-and-aims"/>`, r("", "1. Scope and Aims")) +
				p(pstyle("Heading3"), `<w:bookmarkStart w:id="5" w:name="Xdeb3c073cf3884f7ebc7079bdc4e62502d051dd"/>`, r("", "A heading whose id was long")) +
				p(pstyle("Heading3"), `<w:bookmarkStart w:id="6" w:name="with space"/>`, `<w:bookmarkStart w:id="7" w:name="-lead"/>`, r("", "Not ids")) +
				p("", `<w:bookmarkStart w:id="8" w:name="para-mark"/>`, r("", "A paragraph keeps no id."))},
			want: "### DATA {#frame-data}\n\n### Frame Types {#iana:frames}\n\n### 1. Scope and Aims\n\n### A heading whose id was long\n\n### Not ids\n\nA paragraph keeps no id.\n",
		},
		{
			name: "an empty document",
			doc:  testDoc{body: p("")},
			want: "",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Convert(tc.doc.bytes(t), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(res.Markdown)); diff != "" {
				t.Errorf("Markdown mismatch (-want +got):\n%s", diff)
			}
			if res.Revisions != tc.revs || res.Comments != tc.comments {
				t.Errorf("revisions, comments = %d, %d, want %d, %d", res.Revisions, res.Comments, tc.revs, tc.comments)
			}
		})
	}
}
