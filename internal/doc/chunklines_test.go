package doc

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// chunkLines are lines whose meaning to goldmark depends on what comes
// before them: fences, HTML blocks of every type, list items and their
// indented content, quotes, indented code, tables and headings.
var chunkLines = []string{
	"", "", "", "# H", "## H", "text", "more text",
	"```", "~~~", "````", "  ```", "   ~~~", "``` go", "    ```",
	"- a", "- ```", "1. b", "  - c", "    code", "\tcode",
	"> q", "> ```", ">",
	"<div>", "</div>", "<!--", "-->", "  <!--", "<pre>", "</pre>", "</script>", "<?x", "?>",
	"<!A", ">", "<![CDATA[", "]]>", "<span>", "<x y=\"1\">", "<https://a.example>",
	"| a | b |", "|---|---|", "| 1 | 2 |", "---", "===", "[r]: /x",
	"* * *", "+ e", "2) f", "-   g", "     ```", "  # H", "#H", "\\```", "``", "  </div>",
	"<script>", "</style>", "<textarea>", "<!DOCTYPE html>", "<!-- x -->", "- <!--", "   ", "\t",
	"~~~ x", "````~", "  ```  ", "a | b", "--- | ---", "   - h", "  > q", "<del>", "<div",
}

// TestChunkedParseOfLineMixes parses documents of random chunkLines whole
// and in chunks of one byte (every place the scanner would cut), and wants
// the same result: the scanner's reading of fences, HTML blocks and
// containers, line by line, against goldmark's. The documents are made
// from a fixed seed.
func TestChunkedParseOfLineMixes(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		lines := make([]string, 3+r.IntN(20))
		for k := range lines {
			lines[k] = chunkLines[r.IntN(len(chunkLines))]
		}
		src := []byte(strings.Join(lines, "\n") + "\n")
		if diff := chunkedDiff(t, src); diff != "" {
			t.Fatalf("document %d parses differently in chunks (-whole +chunked):\n%q\n%s", i, src, diff)
		}
	}
}
