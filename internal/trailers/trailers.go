// Package trailers reads the trailers of a commit message exactly as git
// does; the store and the citation check share it.
package trailers

import "strings"

// Trailer is one "Key: value" trailer of a commit message.
type Trailer struct {
	Key, Value string
}

// commentPrefix starts a comment line in a commit message (git's default
// core.commentChar).
const commentPrefix = "#"

// cutLine is the line below which "git commit --verbose" puts the diff;
// everything from it on is not part of the message.
const cutLine = commentPrefix + " ------------------------ >8 ------------------------\n"

// gitGeneratedPrefixes are the lines that git itself adds to a trailer
// block; one of them lets a block count as trailers with only 25% trailer
// lines.
var gitGeneratedPrefixes = []string{"Signed-off-by: ", "(cherry picked from commit "}

// Parse returns the trailers of a commit message the way git reads
// them (git interpret-trailers --parse --no-divider, and the
// %(trailers) of git log): the last paragraph of the message, after the
// subject paragraph, when all its lines are "Key: value" trailers (or
// continuation lines that start with white space), or when at least a
// quarter of them are and one is a line git adds (Signed-off-by, "(cherry
// picked from commit"). A key is letters, digits and hyphens, optionally
// followed by white space before the colon. Continuation lines are joined
// to the value with one space. Comment lines ("#"), trailing blank lines and
// everything from the "# --- >8 ---" cut line on are ignored. Lines of the
// block that are not trailers are left out.
func Parse(msg string) []Trailer {
	return parseTrailers(msg, false)
}

// Start returns the offset in msg where its trailer block starts, after
// comment lines and the cut line are set aside, or -1 when msg has none.
func Start(msg string) int {
	end := len(msg) - ignoredTailBytes(msg)
	if s := findTrailerStart(msg[:end]); s < end {
		return s
	}
	return -1
}

// parseTrailers is Parse; with divider, a line starting "---" and
// white space ends the message as in "git interpret-trailers" without
// --no-divider (a patch follows).
func parseTrailers(msg string, divider bool) []Trailer {
	end := len(msg)
	if divider {
		end = findPatchStart(msg)
	}
	end -= ignoredTailBytes(msg[:end])
	start := findTrailerStart(msg[:end])
	var lines []string
	for _, l := range splitLinesKeepNL(msg[start:end]) {
		if len(lines) > 0 && isGitSpace(l[0]) && findSeparator(lines[len(lines)-1]) >= 1 {
			lines[len(lines)-1] += l
			continue
		}
		lines = append(lines, l)
	}
	var out []Trailer
	for _, l := range lines {
		if strings.HasPrefix(l, commentPrefix) {
			continue
		}
		sep := findSeparator(l)
		if sep < 1 {
			continue
		}
		out = append(out, Trailer{
			Key:   trimGitSpace(l[:sep]),
			Value: unfold(trimGitSpace(l[sep+1:])),
		})
	}
	return out
}

// CleanMessage does to a commit message file what "git commit" does before
// it records the message (its default "strip" clean-up): it drops
// everything from the cut line on and every comment line, strips trailing
// white space from each line, collapses runs of blank lines into one and
// drops blank lines at both ends. "codraft check --message" reads the file
// that a commit-msg hook gets, which git has not cleaned yet.
func CleanMessage(msg string) string {
	if i := strings.Index(msg, "\n"+cutLine); i >= 0 {
		msg = msg[:i+1]
	} else if strings.HasPrefix(msg, cutLine) {
		msg = ""
	}
	var b strings.Builder
	blank := 0
	for _, l := range strings.Split(msg, "\n") {
		if strings.HasPrefix(l, commentPrefix) {
			continue
		}
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			blank++
			continue
		}
		if b.Len() > 0 && blank > 0 {
			b.WriteByte('\n')
		}
		blank = 0
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// isGitSpace is git's isspace: space, tab, line feed, carriage return.
func isGitSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isGitAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func trimGitSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isGitSpace(s[i]) {
		i++
	}
	for j > i && isGitSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// findSeparator returns the offset of the colon that ends a trailer's key
// at the start of line, or -1: the key is letters, digits and hyphens,
// possibly followed by spaces or tabs.
func findSeparator(line string) int {
	ws := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ':':
			return i
		case !ws && (isGitAlnum(c) || c == '-'):
		case i > 0 && (c == ' ' || c == '\t'):
			ws = true
		default:
			return -1
		}
	}
	return -1
}

// unfold joins continuation lines: a line break and the white space after
// it become one space.
func unfold(v string) string {
	if !strings.Contains(v, "\n") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); {
		c := v[i]
		i++
		if c == '\n' {
			for i < len(v) && isGitSpace(v[i]) {
				i++
			}
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(c)
	}
	return trimGitSpace(b.String())
}

// splitLinesKeepNL splits s after each line feed.
func splitLinesKeepNL(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// nextLine returns the offset of the line after the one at off.
func nextLine(s string, off int) int {
	if i := strings.IndexByte(s[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(s)
}

// lastLine returns the offset of the last line of s[:n] (a final line feed
// belongs to that line), or -1 when n is 0.
func lastLine(s string, n int) int {
	if n == 0 {
		return -1
	}
	if n == 1 {
		return 0
	}
	if i := strings.LastIndexByte(s[:n-1], '\n'); i >= 0 {
		return i + 1
	}
	return 0
}

// isBlankLine reports whether the line at off holds only white space.
func isBlankLine(s string, off int) bool {
	for off < len(s) && s[off] != '\n' {
		if !isGitSpace(s[off]) {
			return false
		}
		off++
	}
	return true
}

// findPatchStart returns the offset of the first line that starts with
// "---" and white space, or len(s).
func findPatchStart(s string) int {
	for off := 0; off < len(s); off = nextLine(s, off) {
		if strings.HasPrefix(s[off:], "---") && off+3 < len(s) && isGitSpace(s[off+3]) {
			return off
		}
	}
	return len(s)
}

// ignoredTailBytes counts the bytes at the end of s that are not part of the
// message: from the cut line on, and trailing comment lines, empty lines and
// an old "Conflicts:" block.
func ignoredTailBytes(s string) int {
	cutoff := len(s)
	if strings.HasPrefix(s, cutLine) {
		cutoff = 0
	} else if i := strings.Index(s, "\n"+cutLine); i >= 0 {
		cutoff = i + 1
	}
	boc, bol := 0, 0
	inConflicts := false
	for bol < cutoff {
		next := nextLine(s, bol)
		switch {
		case strings.HasPrefix(s[bol:], commentPrefix) || s[bol] == '\n':
			if boc == 0 {
				boc = bol
			}
		case strings.HasPrefix(s[bol:], "Conflicts:\n"):
			inConflicts = true
			if boc == 0 {
				boc = bol
			}
		case inConflicts && s[bol] == '\t':
		case boc != 0:
			boc = 0
			inConflicts = false
		}
		bol = next
	}
	if boc != 0 {
		return len(s) - boc
	}
	return len(s) - cutoff
}

// findTrailerStart returns the offset where the trailer block of s starts,
// or len(s) when it has none.
func findTrailerStart(s string) int {
	// The first paragraph is the subject and never holds trailers.
	off := 0
	for ; off < len(s); off = nextLine(s, off) {
		if strings.HasPrefix(s[off:], commentPrefix) {
			continue
		}
		if isBlankLine(s, off) {
			break
		}
	}
	endOfTitle := off
	onlySpaces := true
	recognized := false
	trailerLines, nonTrailerLines, possibleContinuations := 0, 0, 0
	for l := lastLine(s, len(s)); l >= endOfTitle; l = lastLine(s, l) {
		line := s[l:nextLine(s, l)]
		if strings.HasPrefix(line, commentPrefix) {
			nonTrailerLines += possibleContinuations
			possibleContinuations = 0
			continue
		}
		if isBlankLine(s, l) {
			if onlySpaces {
				continue
			}
			nonTrailerLines += possibleContinuations
			if recognized && trailerLines*3 >= nonTrailerLines {
				return nextLine(s, l)
			}
			if trailerLines > 0 && nonTrailerLines == 0 {
				return nextLine(s, l)
			}
			return len(s)
		}
		onlySpaces = false
		generated := false
		for _, p := range gitGeneratedPrefixes {
			if strings.HasPrefix(s[l:], p) {
				generated = true
			}
		}
		switch {
		case generated:
			trailerLines++
			possibleContinuations = 0
			recognized = true
		case findSeparator(line) >= 1 && !isGitSpace(line[0]):
			trailerLines++
			possibleContinuations = 0
		case isGitSpace(line[0]):
			possibleContinuations++
		default:
			nonTrailerLines++
			nonTrailerLines += possibleContinuations
			possibleContinuations = 0
		}
	}
	return len(s)
}
