// Package doc parses a Markdown draft into a tree of sections made of byte
// spans into the source; it is the only importer of goldmark.
package doc

// Kind is the kind of a block inside a section.
type Kind string

// Block kinds, as written in the JSON redline.
const (
	Paragraph     Kind = "paragraph"
	ListItem      Kind = "list_item"
	TableRow      Kind = "table_row"
	Code          Kind = "code"
	Quote         Kind = "quote"
	HTML          Kind = "html"
	ThematicBreak Kind = "thematic_break"
)

// Block is one unit of a section's text: a paragraph, a list item's own
// text, a table row, a code block, a quote, a raw HTML block or a rule.
type Block struct {
	Kind Kind
	// Text is the block's normalised text: soft line breaks and runs of
	// spaces and tabs inside a paragraph become one space; code keeps its
	// lines. Inline markup is kept as written.
	Text string
	// Start and End are the byte span of the block in Document.Source.
	Start, End int
	// Line is the 1-based line where the block starts.
	Line int
	// Words is the number of words of Text (see ScanTokens), counted once
	// when the draft is parsed, however many comparisons use it.
	Words int `json:"-"`
}

// Section is a heading and the blocks up to the next heading of any level.
// Text before the first heading is a preamble section with Level 0.
type Section struct {
	// ID is the identity used for matching: the explicit {#id}, else the
	// slug of the title without its number, else the slug of the number;
	// duplicates within a document get -2, -3 in document order.
	ID string
	// ExplicitID is true when ID came from a {#id} attribute.
	ExplicitID bool
	// Level is the heading level (1-6), 0 for the preamble.
	Level int
	// Number is the section number as written in its own heading
	// ("Measure 1.2", "§ 66a", "B.", "4."), or "".
	Number string
	// Title is the heading text without its number, attributes and
	// markup-only punctuation.
	Title string
	// TitleSlug and NumberSlug are Slug(Title) and Slug(Number), made once
	// when the draft is parsed, for matching sections.
	TitleSlug, NumberSlug string `json:"-"`
	// Line is the 1-based line of the heading, 0 for the preamble.
	Line int
	// Start and End are the byte span of the whole section (heading
	// included) in Document.Source.
	Start, End int
	// Parent is the index in Document.Sections of the enclosing section
	// (the nearest earlier section of a lower level), or -1.
	Parent int
	Blocks []Block
}

// Document is one parsed draft file.
type Document struct {
	// File is the path the document was read from, as given.
	File   string
	Source []byte
	// FrontMatter is the byte span of YAML front matter at the very top,
	// or 0,0 when there is none. It is metadata, never a section.
	FrontMatterEnd int
	// Sections in document order; the preamble, when present, is first.
	Sections []Section
}

// Options tunes parsing.
type Options struct {
	// NumberWords are the words that introduce a number in a heading
	// (Commitment, Measure, Article, §, ...). Nil means DefaultNumberWords.
	NumberWords []string
	// NormalizeUnicode folds text to NFC before comparison.
	NormalizeUnicode bool
	// MaxSections is the most sections the draft may have: 0 means
	// DefaultMaxSections, a negative number no limit. More is an error
	// wrapping ErrTooManySections.
	MaxSections int
	// Cache, when set, keeps the parse of each chunk of the draft for the
	// next draft that holds the same chunk (another version of it).
	Cache *Cache
}

// DefaultNumberWords are the words that introduce a section number unless
// codraft.yaml says otherwise.
var DefaultNumberWords = []string{
	"Commitment", "Measure", "Article", "Section", "Chapter", "Annex", "Appendix",
	"Recital", "Part", "Title", "Schedule", "Clause", "Rule", "Principle", "§", "§§",
	"Artikel", "Abschnitt", "Kapitel", "Anhang", "Anlage", "Teil", "Unterabschnitt", "Verpflichtung", "Maßnahme",
	"Article", "Chapitre", "Annexe", "Partie", "Engagement", "Mesure", "Titre",
}
