package config

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// ReadFile reads a codraft.yaml from disk: only a regular file (never
// through a link, from a pipe or a device), and at most MaxBytes. An error
// that the file does not exist wraps fs.ErrNotExist; the others are
// *ConfigError.
func ReadFile(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(fi.Mode())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, notRegular(fi.Mode())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, tooBig(-1)
	}
	return data, nil
}

// notRegular says what a codraft.yaml that is not a regular file is.
func notRegular(m fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case m&fs.ModeSymlink != 0:
		kind = "a symbolic link"
	case m.IsDir():
		kind = "a directory"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	}
	return &ConfigError{Msg: "is " + kind + "; codraft reads its configuration only from a regular file"}
}

// tooBig is the error for a codraft.yaml over MaxBytes (size -1: unknown).
func tooBig(size int64) error {
	if size < 0 {
		return &ConfigError{Msg: fmt.Sprintf("is larger than %d bytes, the most codraft reads", MaxBytes)}
	}
	return &ConfigError{Msg: fmt.Sprintf("is %d bytes, larger than %d bytes, the most codraft reads", size, MaxBytes)}
}

// CheckSize refuses a codraft.yaml of size bytes before it is read.
func CheckSize(size int64) error {
	if size > MaxBytes {
		return tooBig(size)
	}
	return nil
}

// takes says what each key's value must be, in words.
var takes = map[string]string{
	"title":                      "text",
	"documents":                  "a list of globs",
	"documents[]":                "a glob",
	"working_groups":             "a list of working groups",
	"working_groups[]":           "a working group (id, name, owns)",
	"working_groups.id":          "text",
	"working_groups.name":        "text",
	"working_groups.owns":        "a list of section ids",
	"working_groups.owns[]":      "a section id",
	"numbering":                  "a mapping (words)",
	"numbering.words":            "a list of words",
	"numbering.words[]":          "a word",
	"limits":                     "a mapping (max_file_bytes, max_sections)",
	"limits.max_file_bytes":      "a whole number of bytes",
	"limits.max_sections":        "a whole number",
	"check":                      "a mapping (enforce_ownership, require_section_refs)",
	"check.enforce_ownership":    "true or false",
	"check.require_section_refs": "true or false",
}

var unmarshalMsg = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+)(?: `(.*)`)? into ")
})

// typeError turns yaml.v3's "cannot unmarshal !!str `x` into int" into what
// the key takes: "limits.max_sections takes a whole number, not "x"".
func typeError(top *yaml.Node, err error) error {
	te, ok := err.(*yaml.TypeError)
	if !ok || len(te.Errors) == 0 {
		return yamlError(err)
	}
	m := unmarshalMsg().FindStringSubmatch(te.Errors[0])
	if m == nil {
		return yamlError(err)
	}
	line := 0
	fmt.Sscan(m[1], &line)
	key := keyAt(top, "", line, m[2], m[3])
	what, ok := takes[key]
	if !ok {
		return yamlError(err)
	}
	found := map[string]string{"map": "a mapping", "seq": "a list"}[m[2]]
	if found == "" {
		found = fmt.Sprintf("%q", m[3])
	}
	name := strings.TrimSuffix(key, "[]")
	if strings.HasSuffix(key, "[]") {
		name = "each item of " + name
	}
	return lineErr(line, "%s takes %s, not %s", name, what, found)
}

// keyAt finds the key whose value (or list item) is the node at line of the
// kind ("map", "seq", else a scalar with the value given), below n at the
// path where.
func keyAt(n *yaml.Node, where string, line int, kind, value string) string {
	is := func(v *yaml.Node) bool {
		switch {
		case v.Line != line:
			return false
		case kind == "map":
			return v.Kind == yaml.MappingNode
		case kind == "seq":
			return v.Kind == yaml.SequenceNode
		}
		return v.Kind == yaml.ScalarNode && v.Value == value
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			sub := n.Content[i].Value
			if where != "" {
				sub = strings.TrimSuffix(where, "[]") + "." + sub
			}
			v := n.Content[i+1]
			if k := keyAt(v, sub, line, kind, value); k != "" {
				return k // the innermost node on the line
			}
			if is(v) {
				return sub
			}
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			if k := keyAt(item, where+"[]", line, kind, value); k != "" {
				return k
			}
			if is(item) {
				return where + "[]"
			}
		}
	}
	return ""
}
