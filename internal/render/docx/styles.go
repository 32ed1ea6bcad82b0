package docx

import "strings"

// Style ids. The names are Word's own (Heading 1, Title, Quote, Hyperlink),
// so that Word's navigation pane shows the outline and other readers map
// the styles to their own. Code lines are paragraphs of a "Code Block"
// style whose runs are "Verbatim Char" (pandoc's name for inline code):
// readers that take "Source Code" paragraphs as one code block drop the
// revisions inside it.
const (
	styleTitle    = "Title"
	styleSubtitle = "Subtitle"
	styleList     = "ListParagraph"
	styleCode     = "CodeBlock"
	styleQuote    = "Quote"
	styleCover    = "CoverNote"
	styleRule     = "HorizontalRule"
	styleLink     = "Hyperlink"
	styleVerbatim = "VerbatimChar"
	styleTable    = "TableGrid"
)

func headingStyle(level int) string {
	return "Heading" + itoa(min(max(level, 1), 6))
}

const monoFonts = `<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas" w:eastAsia="Consolas"/>`

func stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles ` + nsW + `>`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri" w:eastAsia="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>`)
	b.WriteString(`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`)
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>`)
	b.WriteString(`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>`)
	sizes := []int{36, 30, 26, 24, 22, 22}
	for l := 1; l <= 6; l++ {
		b.WriteString(`<w:style w:type="paragraph" w:styleId="Heading`)
		b.WriteString(itoa(l))
		b.WriteString(`"><w:name w:val="heading `)
		b.WriteString(itoa(l))
		b.WriteString(`"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="`)
		b.WriteString(itoa(360 - 40*l))
		b.WriteString(`" w:after="120"/><w:outlineLvl w:val="`)
		b.WriteString(itoa(l - 1))
		b.WriteString(`"/></w:pPr><w:rPr><w:b/>`)
		if l >= 5 {
			b.WriteString(`<w:i/>`)
		}
		b.WriteString(`<w:color w:val="1F3864"/><w:sz w:val="`)
		b.WriteString(itoa(sizes[l-1]))
		b.WriteString(`"/><w:szCs w:val="`)
		b.WriteString(itoa(sizes[l-1]))
		b.WriteString(`"/></w:rPr></w:style>`)
	}
	b.WriteString(`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr></w:style>`)
	b.WriteString(`<w:style w:type="paragraph" w:styleId="CodeBlock"><w:name w:val="Code Block"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="60" w:after="120" w:line="240" w:lineRule="auto"/><w:ind w:left="284"/><w:contextualSpacing/></w:pPr><w:rPr>` + monoFonts + `<w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="567" w:right="567"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="paragraph" w:styleId="CoverNote"><w:name w:val="Cover Note"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="404040"/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="paragraph" w:styleId="HorizontalRule"><w:name w:val="Horizontal Rule"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="808080"/></w:pBdr></w:pPr></w:style>`)
	b.WriteString(`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="character" w:styleId="VerbatimChar"><w:name w:val="Verbatim Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr>` + monoFonts + `<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="808080"/>`)
	}
	b.WriteString(`</w:tblBorders></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr></w:tblStylePr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// listDef is one list of the document: bullets, or numbers starting at
// start on level startLevel.
type listDef struct {
	ordered    bool
	start      int
	startLevel int
}

var bullets = []string{"\u2022", "\u25e6", "\u25aa"}

// numberingXML gives each list an abstract numbering of its own (so that
// every numbered list counts from its own start in any reader) and a
// numbering instance with the same id.
func numberingXML(lists []listDef) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:numbering ` + nsW + `>`)
	for i, l := range lists {
		b.WriteString(`<w:abstractNum w:abstractNumId="`)
		b.WriteString(itoa(i + 1))
		b.WriteString(`"><w:multiLevelType w:val="multilevel"/>`)
		for lvl := 0; lvl < 9; lvl++ {
			b.WriteString(`<w:lvl w:ilvl="`)
			b.WriteString(itoa(lvl))
			b.WriteString(`"><w:start w:val="`)
			start := 1
			if l.ordered && lvl == l.startLevel {
				start = max(l.start, 0)
			}
			b.WriteString(itoa(start))
			b.WriteString(`"/>`)
			if l.ordered {
				b.WriteString(`<w:numFmt w:val="decimal"/><w:lvlText w:val="%`)
				b.WriteString(itoa(lvl + 1))
				b.WriteString(`."/>`)
			} else {
				b.WriteString(`<w:numFmt w:val="bullet"/><w:lvlText w:val="`)
				b.WriteString(bullets[lvl%len(bullets)])
				b.WriteString(`"/>`)
			}
			b.WriteString(`<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="`)
			b.WriteString(itoa(720 * (lvl + 1)))
			b.WriteString(`" w:hanging="360"/></w:pPr>`)
			if !l.ordered {
				b.WriteString(`<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/></w:rPr>`)
			}
			b.WriteString(`</w:lvl>`)
		}
		b.WriteString(`</w:abstractNum>`)
	}
	for i := range lists {
		b.WriteString(`<w:num w:numId="`)
		b.WriteString(itoa(i + 1))
		b.WriteString(`"><w:abstractNumId w:val="`)
		b.WriteString(itoa(i + 1))
		b.WriteString(`"/></w:num>`)
	}
	b.WriteString(`</w:numbering>`)
	return b.String()
}
