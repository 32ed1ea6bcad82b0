package cli

import (
	"io"
	"path/filepath"
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
}

// formatFromPath picks an output format from a file's extension.
func formatFromPath(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return "html", nil
	case ".md", ".markdown":
		return "markdown", nil
	case ".json":
		return "json", nil
	case ".txt", ".diff":
		return "text", nil
	}
	return "", usagef("cannot tell the format of %q from its extension: use --format text|json|markdown|html", path)
}

// chooseFormat is the output format: --format when given, else the one
// -o's extension names, else def; it must be one of allowed.
func chooseFormat(cmd, format string, formatSet bool, output string, allowed ...string) (string, error) {
	if output != "" && !formatSet {
		f, err := formatFromPath(output)
		if err != nil {
			return "", err
		}
		format = f
	}
	for _, a := range allowed {
		if format == a {
			return format, nil
		}
	}
	list := strings.Join(allowed[:len(allowed)-1], ", ") + " or " + allowed[len(allowed)-1]
	return "", usagef("unknown format %q for %s: use %s", format, cmd, list)
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
	}
	return usagef("unknown format %q: use text, json, markdown or html", format)
}
