package diff

import (
	"bytes"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/codraft/codraft/internal/doc"
	"github.com/codraft/codraft/internal/redline"
)

// maxFrontMatterDepth bounds how deep nested front-matter keys are
// followed; deeper values are shown as written.
const maxFrontMatterDepth = 32

// wholeFrontMatter is the key under which front matter that is not a YAML
// mapping is compared as one text.
const wholeFrontMatter = "(front matter)"

// field is one front-matter key (a path for nested keys) and its value.
type field struct{ key, value string }

// frontMatterChanges compares the front matter of the two sides key by key:
// the old side's keys in order (changed or removed), then the keys only
// the new side has. With one file a side the files are compared with each
// other; with more, files of the same path, and keys are prefixed with it.
func frontMatterChanges(a, b []*doc.Document) []redline.FrontMatterChange {
	out := []redline.FrontMatterChange{}
	if len(a) == 1 && len(b) == 1 {
		return appendFieldChanges(out, "", frontMatterFields(a[0]), frontMatterFields(b[0]))
	}
	byFile := map[string]*doc.Document{}
	for _, d := range b {
		byFile[d.File] = d
	}
	seen := map[string]bool{}
	for _, d := range a {
		seen[d.File] = true
		var nf []field
		if n := byFile[d.File]; n != nil {
			nf = frontMatterFields(n)
		}
		out = appendFieldChanges(out, d.File+": ", frontMatterFields(d), nf)
	}
	for _, d := range b {
		if !seen[d.File] {
			out = appendFieldChanges(out, d.File+": ", nil, frontMatterFields(d))
		}
	}
	return out
}

// appendFieldChanges appends the differences of two field lists.
func appendFieldChanges(out []redline.FrontMatterChange, prefix string, old, new []field) []redline.FrontMatterChange {
	nv := make(map[string]string, len(new))
	for _, f := range new {
		nv[f.key] = f.value
	}
	ov := make(map[string]bool, len(old))
	for _, f := range old {
		ov[f.key] = true
		v, ok := nv[f.key]
		switch {
		case !ok:
			out = append(out, redline.FrontMatterChange{Key: prefix + f.key, Old: ptr(f.value)})
		case v != f.value:
			out = append(out, redline.FrontMatterChange{Key: prefix + f.key, Old: ptr(f.value), New: ptr(v)})
		}
	}
	for _, f := range new {
		if !ov[f.key] {
			out = append(out, redline.FrontMatterChange{Key: prefix + f.key, New: ptr(f.value)})
		}
	}
	return out
}

func ptr(s string) *string { return &s }

// frontMatterFields reads a document's front matter as a list of fields:
// nested mappings as dotted paths, lists of plain values as one value
// ("a, b"), other lists by index ("author[0].name"). Front matter that is
// not a YAML mapping is one field holding its text.
func frontMatterFields(d *doc.Document) []field {
	if d.FrontMatterEnd == 0 {
		return nil
	}
	body := frontMatterBody(d.Source[:d.FrontMatterEnd])
	var root yaml.Node
	if err := yaml.Unmarshal(body, &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		t := strings.TrimSpace(string(body))
		if t == "" {
			return nil
		}
		return []field{{wholeFrontMatter, t}}
	}
	var out []field
	flattenYAML(root.Content[0], "", 0, &out)
	return out
}

// frontMatterBody is the front matter without its delimiter lines.
func frontMatterBody(fm []byte) []byte {
	_, rest, _ := bytes.Cut(fm, []byte("\n"))
	rest = bytes.TrimSuffix(rest, []byte("\n"))
	if i := bytes.LastIndexByte(rest, '\n'); i >= 0 {
		return rest[:i+1]
	}
	return nil
}

// flattenYAML appends the fields of node n under path.
func flattenYAML(n *yaml.Node, path string, depth int, out *[]field) {
	if depth >= maxFrontMatterDepth {
		*out = append(*out, field{path, yamlText(n)})
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			*out = append(*out, field{path, "{}"})
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if path != "" {
				k = path + "." + k
			}
			flattenYAML(n.Content[i+1], k, depth+1, out)
		}
	case yaml.SequenceNode:
		if plainList(n) {
			*out = append(*out, field{path, yamlText(n)})
			return
		}
		for i, c := range n.Content {
			flattenYAML(c, path+"["+strconv.Itoa(i)+"]", depth+1, out)
		}
	default:
		*out = append(*out, field{path, yamlText(n)})
	}
}

// plainList reports whether a sequence holds only scalars.
func plainList(n *yaml.Node) bool {
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// yamlText is a value as one line of text: a scalar as written, an alias
// by its name (never expanded), a list of scalars joined with ", ", and
// anything else in YAML's flow form.
func yamlText(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.AliasNode:
		return "*" + n.Value
	case yaml.SequenceNode:
		if plainList(n) {
			vs := make([]string, len(n.Content))
			for i, c := range n.Content {
				vs[i] = c.Value
			}
			return strings.Join(vs, ", ")
		}
	}
	c := *n
	c.Style = yaml.FlowStyle
	b, err := yaml.Marshal(&c)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
