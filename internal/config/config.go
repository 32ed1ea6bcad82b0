// Package config reads and writes codraft.yaml, the configuration of a draft
// repository: its title, draft files, working groups and limits.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// FileName is the configuration file at the root of a draft repository.
const FileName = "codraft.yaml"

// DefaultMaxFileBytes is the default limit on the size of one draft file.
const DefaultMaxFileBytes int64 = 64 << 20

// MaxBytes is the largest codraft.yaml that codraft reads.
const MaxBytes = 1 << 20

// WorkingGroup is one working group that commits cite.
type WorkingGroup struct {
	ID   string   `yaml:"id"`
	Name string   `yaml:"name"`
	Owns []string `yaml:"owns,omitempty"`
}

// Config is the content of codraft.yaml.
type Config struct {
	Title         string         `yaml:"title"`
	Documents     []string       `yaml:"documents"`
	WorkingGroups []WorkingGroup `yaml:"working_groups"`
	Numbering     struct {
		// Words introduce a number in a heading; nil leaves them to the
		// Markdown parser's defaults.
		Words []string `yaml:"words,omitempty"`
	} `yaml:"numbering"`
	Limits struct {
		MaxFileBytes int64 `yaml:"max_file_bytes"`
		// MaxSections is the most sections of one draft file; 0 leaves it
		// to the Markdown parser's default.
		MaxSections int `yaml:"max_sections,omitempty"`
	} `yaml:"limits"`
	Check struct {
		EnforceOwnership   bool `yaml:"enforce_ownership"`
		RequireSectionRefs bool `yaml:"require_section_refs"`
	} `yaml:"check"`
}

// Default returns a configuration with every default filled in, except
// those of the Markdown parser (number words, the section limit), which
// stay unset until FillParserDefaults.
func Default() *Config {
	c := &Config{
		Documents:     []string{"*.md", "!*.redline.md", "!redlines/**"},
		WorkingGroups: []WorkingGroup{},
	}
	c.Limits.MaxFileBytes = DefaultMaxFileBytes
	return c
}

// FillParserDefaults sets the number words and the section limit where the
// configuration leaves them to the Markdown parser, to that parser's
// defaults as given, so that Marshal writes every setting out.
func (c *Config) FillParserDefaults(numberWords []string, maxSections int) {
	if c.Numbering.Words == nil {
		// each word once, though a word may serve several languages
		seen := map[string]bool{}
		for _, w := range numberWords {
			if !seen[w] {
				seen[w] = true
				c.Numbering.Words = append(c.Numbering.Words, w)
			}
		}
	}
	if c.Limits.MaxSections == 0 {
		c.Limits.MaxSections = maxSections
	}
}

// known lists the keys codraft.yaml may hold, by the path of their parent
// mapping ("" for the top level, "working_groups[]" for a working group).
var known = map[string][]string{
	"":                 {"title", "documents", "working_groups", "numbering", "limits", "check"},
	"working_groups[]": {"id", "name", "owns"},
	"numbering":        {"words"},
	"limits":           {"max_file_bytes", "max_sections"},
	"check":            {"enforce_ownership", "require_section_refs"},
}

// Parse reads codraft.yaml. Missing keys take their defaults; unknown keys
// and malformed values are errors naming the line ("codraft.yaml:7: ...").
// A file over MaxBytes is an error.
func Parse(data []byte) (*Config, error) {
	if len(data) > MaxBytes {
		return nil, tooBig(int64(len(data)))
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return Default(), nil // an empty file: every default
		}
		return nil, yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, lineErr(extra.Line, "more than one YAML document")
	}
	if len(root.Content) == 0 {
		return Default(), nil
	}
	top := root.Content[0]
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return Default(), nil
	}
	if top.Kind != yaml.MappingNode {
		return nil, lineErr(top.Line, "expected a mapping of keys (%s)", strings.Join(known[""], ", "))
	}
	if err := checkKeys(top, ""); err != nil {
		return nil, err
	}
	c := Default()
	if err := top.Decode(c); err != nil {
		return nil, typeError(top, err)
	}
	if err := c.validate(top); err != nil {
		return nil, err
	}
	return c, nil
}

func checkKeys(n *yaml.Node, where string) error {
	switch n.Kind {
	case yaml.MappingNode:
		keys, ok := known[where]
		if !ok {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !slices.Contains(keys, k.Value) {
				name := k.Value
				if where != "" {
					name = strings.TrimSuffix(where, "[]") + "." + k.Value
				}
				return lineErr(k.Line, "unknown key %q (known here: %s)", name, strings.Join(keys, ", "))
			}
			sub := k.Value
			if where != "" {
				sub = where + "." + k.Value
			}
			if sub == "working_groups" {
				sub = "working_groups[]"
			}
			if err := checkKeys(n.Content[i+1], sub); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if err := checkKeys(c, where); err != nil {
				return err
			}
		}
	case yaml.ScalarNode:
		if where == "" || where == "working_groups[]" || where == "numbering" || where == "limits" || where == "check" {
			if n.Tag != "!!null" {
				return lineErr(n.Line, "expected a mapping, found %q", n.Value)
			}
		}
	}
	return nil
}

// validate checks values that decode fine but make no sense.
func (c *Config) validate(top *yaml.Node) error {
	line := func(keys ...string) int {
		n := top
		for _, k := range keys {
			var next *yaml.Node
			for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					next = n.Content[i+1]
				}
			}
			if next == nil {
				return n.Line
			}
			n = next
		}
		return n.Line
	}
	positive := 0
	for _, g := range c.Documents {
		if !strings.HasPrefix(g, "!") {
			positive++
		}
	}
	if positive == 0 {
		return lineErr(line("documents"), "documents: give at least one glob that is not an exclusion (the default is \"*.md\")")
	}
	for _, g := range c.Documents {
		if err := validGlob(strings.TrimPrefix(g, "!")); err != nil {
			return lineErr(line("documents"), "documents: %v", err)
		}
	}
	seen := map[string]bool{}
	for i, wg := range c.WorkingGroups {
		l := line("working_groups")
		if n := wgNode(top, i); n != nil {
			l = n.Line
		}
		if wg.ID == "" {
			return lineErr(l, "working_groups: a working group needs an id")
		}
		if !validID(wg.ID) {
			return lineErr(l, "working_groups: id %q may hold only letters, digits, '.', '_' and '-'", wg.ID)
		}
		if seen[wg.ID] {
			return lineErr(l, "working_groups: id %q is listed twice", wg.ID)
		}
		seen[wg.ID] = true
	}
	for _, w := range c.Numbering.Words {
		if strings.TrimSpace(w) == "" {
			return lineErr(line("numbering", "words"), "numbering.words: a word may not be empty")
		}
	}
	if c.Limits.MaxFileBytes <= 0 {
		return lineErr(line("limits", "max_file_bytes"), "limits.max_file_bytes must be a positive number of bytes")
	}
	if c.Limits.MaxSections < 0 || c.Limits.MaxSections == 0 && valueNode(top, "limits", "max_sections") != nil {
		return lineErr(line("limits", "max_sections"), "limits.max_sections must be a positive number of sections")
	}
	return nil
}

// valueNode returns the value at the path of keys, or nil when a key is
// not there or its value is null.
func valueNode(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		var next *yaml.Node
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		if next == nil || next.Tag == "!!null" {
			return nil
		}
		n = next
	}
	return n
}

func wgNode(top *yaml.Node, i int) *yaml.Node {
	for j := 0; j+1 < len(top.Content); j += 2 {
		if top.Content[j].Value == "working_groups" {
			s := top.Content[j+1]
			if s.Kind == yaml.SequenceNode && i < len(s.Content) {
				return s.Content[i]
			}
		}
	}
	return nil
}

// validID reports whether id is a working group id: an ASCII letter or
// digit, then letters, digits, ".", "_" or "-".
func validID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		alnum := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || c != '.' && c != '_' && c != '-') {
			return false
		}
	}
	return id != ""
}

// Limits on a documents glob, so that matching stays cheap.
const (
	maxGlobBytes       = 256
	maxGlobDoubleStars = 4
)

func validGlob(g string) error {
	if g == "" || strings.HasPrefix(g, "/") || strings.Contains(g, `\`) {
		return fmt.Errorf("%q is not a slash-separated path relative to the repository root", g)
	}
	if len(g) > maxGlobBytes {
		return fmt.Errorf("a glob of %d bytes is longer than the %d bytes allowed", len(g), maxGlobBytes)
	}
	stars := 0
	for _, seg := range strings.Split(g, "/") {
		if seg == "**" {
			if stars++; stars > maxGlobDoubleStars {
				return fmt.Errorf("%q has more than %d \"**\" elements", g, maxGlobDoubleStars)
			}
			continue
		}
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("%q has an empty, '.' or '..' path element", g)
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("%q is not a valid glob", g)
		}
	}
	return nil
}

// ConfigError is an error in codraft.yaml at a line.
type ConfigError struct {
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", FileName, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", FileName, e.Msg)
}

func lineErr(line int, format string, a ...any) error {
	return &ConfigError{Line: line, Msg: fmt.Sprintf(format, a...)}
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+): (.*)`) })

// parserErrors are the messages of yaml.v3's parser (not its scanner).
var parserErrors = map[string]bool{
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
}

// yamlError turns a yaml.v3 error into a ConfigError naming the line.
func yamlError(err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		if parserErrors[m[2]] {
			// yaml.v3 reports the 0-based line for its parser's errors
			// (and the 1-based one for its scanner's).
			n++
		}
		return &ConfigError{Line: n, Msg: m[2]}
	}
	return &ConfigError{Msg: msg}
}

// Marshal writes the configuration as YAML with every key present and a
// comment on each, so that a new user sees what can be set.
func (c *Config) Marshal() []byte {
	var n yaml.Node
	if err := n.Encode(c); err != nil {
		panic(fmt.Sprintf("config: encoding: %v", err)) // a Config always encodes
	}
	comments := map[string]string{
		"title":          "The document's title, shown in redlines.",
		"documents":      "The draft files, as globs relative to the repository root (\"**\" matches any\n depth); a glob that starts with \"!\" excludes what it matches (redlines\n written as *.redline.md or into redlines/ are no draft). README.md at the\n root and codraft.yaml are never draft files.",
		"working_groups": "The working groups that commits cite with a \"Working-Group: ID\" trailer;\n owns lists the section ids a group is responsible for.",
		"numbering":      "words: the words that introduce a number in a heading (Measure 1.2).",
		"limits":         "max_file_bytes: the largest draft file codraft reads;\n max_sections: the most sections (headings) one draft file may have.",
		"check":          "What \"codraft check\" enforces beyond a citation for every changed section.",
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if txt, ok := comments[k.Value]; ok {
			k.HeadComment = "# " + strings.ReplaceAll(txt, "\n", "\n#")
		}
		if k.Value == "numbering" {
			v := n.Content[i+1]
			for j := 0; j+1 < len(v.Content); j += 2 {
				if v.Content[j].Value == "words" {
					v.Content[j+1].Style = yaml.FlowStyle
				}
			}
		}
		if k.Value == "working_groups" {
			v := n.Content[i+1]
			for _, wg := range v.Content {
				for j := 0; j+1 < len(wg.Content); j += 2 {
					if wg.Content[j].Value == "owns" {
						wg.Content[j+1].Style = yaml.FlowStyle
					}
				}
			}
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		panic(fmt.Sprintf("config: encoding: %v", err))
	}
	_ = enc.Close()
	return buf.Bytes()
}

// IsDocument reports whether the slash path (relative to the repository
// root) is a draft file: it matches one of Documents and no exclusion among
// them (a glob that starts with "!"), is not README.md at the root, and is
// not codraft.yaml. A Word draft (.docx) is never one itself: round records
// it as the Markdown beside it, NAME.md, which is a draft file when
// Documents matches NAME.docx.
func (c *Config) IsDocument(p string) bool {
	if p == FileName || strings.EqualFold(p, "README.md") || strings.EqualFold(path.Ext(p), ".docx") {
		return false
	}
	twin, isMD := strings.CutSuffix(p, ".md")
	match := false
	for _, g := range c.Documents {
		if ex, ok := strings.CutPrefix(g, "!"); ok {
			if MatchGlob(ex, p) {
				return false
			}
		} else if !match {
			match = MatchGlob(g, p) || isMD && MatchGlob(g, twin+".docx")
		}
	}
	return match
}

// MatchGlob reports whether the slash path p matches the glob g, element by
// element; a "**" element matches any number of elements, none included.
// It takes time proportional to the number of elements of g times that of
// p, whatever the pattern: each pair of a glob suffix and a path suffix is
// decided once.
func MatchGlob(g, p string) bool {
	gs, ps := strings.Split(g, "/"), strings.Split(p, "/")
	// next[j] says whether gs[i+1:] matches ps[j:]; cur[j] is computed for
	// gs[i:], from the last element of the glob to the first.
	next, cur := make([]bool, len(ps)+1), make([]bool, len(ps)+1)
	next[len(ps)] = true
	for i := len(gs) - 1; i >= 0; i-- {
		if gs[i] == "**" {
			cur[len(ps)] = next[len(ps)]
			for j := len(ps) - 1; j >= 0; j-- {
				cur[j] = next[j] || cur[j+1]
			}
		} else {
			cur[len(ps)] = false
			for j := range ps {
				cur[j] = false
				if next[j+1] {
					cur[j], _ = path.Match(gs[i], ps[j])
				}
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

// NeedsWalk reports whether some glob can match below the root, so that the
// draft files cannot be found by listing the root directory alone.
func (c *Config) NeedsWalk() bool {
	for _, g := range c.Documents {
		if !strings.HasPrefix(g, "!") && (strings.Contains(g, "/") || g == "**") {
			return true
		}
	}
	return false
}

// Group returns the working group with the id, or nil.
func (c *Config) Group(id string) *WorkingGroup {
	for i := range c.WorkingGroups {
		if c.WorkingGroups[i].ID == id {
			return &c.WorkingGroups[i]
		}
	}
	return nil
}

// GroupIDs lists the ids of the working groups in file order.
func (c *Config) GroupIDs() []string {
	ids := make([]string, len(c.WorkingGroups))
	for i, wg := range c.WorkingGroups {
		ids[i] = wg.ID
	}
	return ids
}
