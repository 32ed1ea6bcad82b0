package doc

import (
	"bytes"
	"errors"
	"fmt"
)

// Limits on what a draft may hold. The size of a file is limited before it
// is parsed (limits.max_file_bytes in codraft.yaml); these bound what a file
// within that size can cost.
const (
	// DefaultMaxSections is the most sections (headings, and the preamble)
	// a draft file may have unless Options.MaxSections says otherwise.
	DefaultMaxSections = 100000
	// MaxNesting is the deepest nesting of lists and block quotes codraft
	// reads. goldmark's time per line grows with the square of the depth
	// (a few hundred kilobytes nested thousands deep took minutes), and no
	// document is nested so deep; markdown-it stops at the same depth.
	MaxNesting = 100
	// maxRefLines is the most lines beginning with "[" that one paragraph
	// may have before its link reference definitions are left as text.
	// goldmark takes time quadratic in the number of definitions that
	// start a paragraph (100,000 in a row took 20 s); below this it is a
	// few milliseconds.
	maxRefLines = 5000
	// MaxBlocks is the most blocks (paragraphs, list items, table rows,
	// ...) one draft file may have. Each block costs a few kilobytes
	// through parse and diff (a million one-line list items took 2.4 GB),
	// so a file of tiny blocks within the size limit could exhaust memory;
	// a 50 MB draft of real prose has some 500,000.
	MaxBlocks = 1000000
)

// Errors for drafts over a limit; Parse wraps them with the file and line.
var (
	ErrTooManySections = errors.New("too many sections")
	ErrTooDeep         = errors.New("lists or block quotes nested too deep")
	ErrTooManyBlocks   = errors.New("too many blocks")
)

// scanLimits reads src a line at a time for what bounds its parse: it
// returns an error naming the first line that opens or continues more than
// MaxNesting lists and block quotes, else the lines that may start a block
// (as estimateBlocksAt counts them) and the
// largest number of lines, in one run of non-blank lines, that begin
// (after container markers) with "[": an upper bound on the link
// reference definitions that can start a paragraph.
func scanLimits(file string, src []byte) (blocks, refLines int, err error) {
	prevBlank := true
	run := 0 // lines beginning with "[" in the current run of non-blank lines
	line := 1
	for off := 0; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		l := src[off:end]
		depth, rest := linePrefix(l)
		if depth > MaxNesting {
			return 0, 0, fmt.Errorf("%s:%d: %w: %d levels (codraft reads at most %d)", file, line, ErrTooDeep, depth, MaxNesting)
		}
		var starts bool
		if starts, prevBlank = lineStartsBlock(l, prevBlank); starts {
			blocks++
		}
		switch {
		case len(bytes.TrimSpace(l)) == 0:
			run = 0
		case rest < len(l) && l[rest] == '[':
			run++
			refLines = max(refLines, run)
		}
		off = end + 1
	}
	return blocks, refLines, nil
}

// linePrefix reads the container markers at the start of a line: block
// quote markers ">" and list markers ("-", "*", "+", "1." or "1)" followed
// by a space or the line end), with the white space between them. It
// returns an estimate of the nesting they stand for (one per marker, and one
// per two columns of white space before the first, as nested lists are
// indented) and the offset of the first character after them.
func linePrefix(line []byte) (depth, rest int) {
	markers, col, ws, wsAtMarker := 0, 0, 0, 0
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ':
			col++
			ws++
			i++
			continue
		case c == '\t':
			ws += 4 - col%4
			col += 4 - col%4
			i++
			continue
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return markers + wsAtMarker/2, i
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
				return markers + wsAtMarker/2, i
			}
			i = j + 1
		default:
			return markers + wsAtMarker/2, i
		}
		if markers == 0 {
			wsAtMarker = ws
		}
		markers++
		col++
	}
	return markers + wsAtMarker/2, i
}

// estimateBlocksAt counts the lines of src that may start a block (a line
// after a blank one, and a line that opens a list item, a table row, a
// quote or a heading: at least the number of blocks goldmark finds, less
// table rows written without a leading pipe), for src whose lines start at starts,
// with the number of its lines that start with "#" (ATX headings, most of
// the headings of a draft).
func estimateBlocksAt(src []byte, starts []int) (blocks, hashes int) {
	prevBlank := true
	for i, off := range starts {
		end := len(src)
		if i+1 < len(starts) {
			end = starts[i+1] - 1
		}
		var starts bool
		starts, prevBlank = lineStartsBlock(src[off:end], prevBlank)
		if starts {
			blocks++
		}
		if off < end && src[off] == '#' {
			hashes++
		}
	}
	return blocks, hashes
}

// lineStartsBlock reports whether line, after a blank line or not, may
// start a block, and whether it is blank.
func lineStartsBlock(line []byte, prevBlank bool) (starts, blank bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i == len(line) {
		return false, true
	}
	return prevBlank || startsBlock(line[i:]), false
}

// startsBlock reports whether a line (without its indentation) opens a
// list item, table row, quote or heading.
func startsBlock(l []byte) bool {
	switch l[0] {
	case '-', '*', '+':
		return len(l) == 1 || l[1] == ' ' || l[1] == '\t'
	case '|', '>', '#':
		return true
	}
	i := 0
	for i < len(l) && i < 10 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')')
}
