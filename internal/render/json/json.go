// Package json writes a redline as the codraft.redline/v1 JSON document.
package json

import (
	"bufio"
	"bytes"
	"io"

	"github.com/codraft/codraft/internal/jsonout"
	"github.com/codraft/codraft/internal/redline"
)

// Render writes res as indented JSON, with HTML characters left as they are
// and a final newline. Sections are encoded one at a time, so that a large
// redline never sits in memory twice, and by hand (write.go), for speed; the
// bytes are those that encoding/json gives for the whole document.
func Render(w io.Writer, res *redline.Result) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	field := func(prefix, name string, v any, last bool) error {
		buf.Reset()
		if err := jsonout.NewEncoder(&buf, prefix).Encode(v); err != nil {
			return err
		}
		b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if name != "" {
			bw.WriteString(prefix + `"` + name + `": `)
		} else {
			bw.WriteString(prefix)
		}
		bw.Write(b)
		if !last {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		return nil
	}
	bw.WriteString("{\n")
	for _, f := range []struct {
		name string
		v    any
	}{{"schema", res.Schema}, {"from", res.From}, {"to", res.To}, {"stats", res.Stats}, {"front_matter", frontMatter(res)}} {
		if err := field("  ", f.name, f.v, false); err != nil {
			return err
		}
	}
	if len(res.Sections) == 0 {
		bw.WriteString("  \"sections\": [],\n")
	} else {
		bw.WriteString("  \"sections\": [\n")
		x := jw{bw}
		for i := range res.Sections {
			x.section(&res.Sections[i])
			if i < len(res.Sections)-1 {
				bw.WriteByte(',')
			}
			bw.WriteByte('\n')
		}
		bw.WriteString("  ],\n")
	}
	if err := field("  ", "metadata_changed", res.MetadataChanged, len(res.Notes) == 0); err != nil {
		return err
	}
	if len(res.Notes) > 0 {
		if err := field("  ", "notes", res.Notes, true); err != nil {
			return err
		}
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// frontMatter is the list of front-matter changes, never null.
func frontMatter(res *redline.Result) []redline.FrontMatterChange {
	if res.FrontMatter == nil {
		return []redline.FrontMatterChange{}
	}
	return res.FrontMatter
}

// Encode writes any value the way codraft writes its JSON documents.
func Encode(w io.Writer, v any) error {
	return jsonout.Write(w, v)
}
