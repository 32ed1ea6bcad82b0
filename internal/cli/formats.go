package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	jsonr "github.com/codraft/codraft/internal/render/json"
	"github.com/codraft/codraft/internal/render/term"
)

// redlineOptions are the rendering choices shared by diff and export.
type redlineOptions struct {
	Color       bool
	AllSections bool
	Context     int
	Layout      string // html: inline or side-by-side
	ChangedOnly bool   // html: show only changed sections
	View        string // html: rendered or source
}

// formatFromPath picks the output format of command cmd from a file's
// extension: one of allowed. A file with no extension is text.
func formatFromPath(cmd, path string, allowed ...string) (string, error) {
	format := ""
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		format = "html"
	case ".md", ".markdown":
		format = "markdown"
	case ".json":
		format = "json"
	case ".docx":
		format = "docx"
	case ".txt", ".diff", "":
		format = "text"
	}
	if slices.Contains(allowed, format) {
		return format, nil
	}
	exts := make([]string, len(allowed))
	for i, a := range allowed {
		exts[i] = extensionOf(a)
	}
	hint := fmt.Sprintf("name the file %s, or pass --format %s", orList(exts), strings.Join(allowed, "|"))
	if format == "" || filepath.Ext(path) == "" {
		return "", withHint(usagef("cannot tell the format of %q from its extension: %s writes %s", path, cmd, orList(allowed)), hint)
	}
	if format == "text" {
		hint = "run \"codraft diff\" for a text redline, or " + hint
	}
	return "", withHint(usagef("%s writes %s, not %s", cmd, orList(allowed), format), hint)
}

// extensionOf is the file extension of an output format.
func extensionOf(format string) string {
	switch format {
	case "markdown":
		return ".md"
	case "text":
		return ".txt"
	}
	return "." + format
}

// chooseFormat is the output format: --format when given, else the one
// -o's extension names, else def; it must be one of allowed.
func chooseFormat(cmd, format string, formatSet bool, output string, allowed ...string) (string, error) {
	if output != "" && !formatSet {
		return formatFromPath(cmd, output, allowed...)
	}
	if slices.Contains(allowed, format) {
		return format, nil
	}
	return "", usagef("unknown format %q for %s: use %s", format, cmd, orList(allowed))
}

// writeRedline writes a comparison in one of the redline formats.
func writeRedline(w io.Writer, format string, c *comparison, ro *redlineOptions) error {
	switch format {
	case "json":
		return jsonr.Render(w, c.Result)
	case "text":
		return term.Render(w, c.Result, term.Options{Color: ro.Color, AllSections: ro.AllSections, Context: ro.Context})
	case "html":
		return writeHTML(w, c, ro)
	case "markdown":
		return writeMarkdown(w, c, ro)
	case "docx":
		return writeDOCX(w, c, ro)
	}
	return usagef("unknown format %q: use text, json, markdown, html or docx", format)
}
