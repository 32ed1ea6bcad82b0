package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Namespaces of WordprocessingML (transitional and strict) and of
// relationships; elements of other namespaces keep their namespace in
// their name, so that they never pass for Word's own.
var (
	nsW = map[string]bool{
		"http://schemas.openxmlformats.org/wordprocessingml/2006/main": true,
		"http://purl.oclc.org/ooxml/wordprocessingml/main":             true,
	}
	nsR = map[string]bool{
		"http://schemas.openxmlformats.org/officeDocument/2006/relationships": true,
		"http://purl.oclc.org/ooxml/officeDocument/relationships":             true,
	}
	nsRels = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// node is one XML element: its name (the local name for Word's and the
// relationships' namespaces, else "{namespace}local"), its attributes
// (local names of Word's, relationships' or no namespace), its children
// and, for the elements that hold text, its text.
type node struct {
	name  string
	attrs []attr
	kids  []*node
	text  string
}

type attr struct{ name, value string }

func (n *node) attr(name string) string {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value
		}
	}
	return ""
}

// child is the first child with the name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// val is the w:val of the named child, or "".
func (n *node) val(name string) string {
	if c := n.child(name); c != nil {
		return c.attr("val")
	}
	return ""
}

// on reports whether a toggle property (w:b, w:i, ...) is set: present,
// with no value or a true one.
func (n *node) on(name string) bool {
	c := n.child(name)
	if c == nil {
		return false
	}
	switch strings.ToLower(c.attr("val")) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

func elemName(n xml.Name) string {
	if nsW[n.Space] || nsRels == n.Space || n.Space == "" {
		return n.Local
	}
	return "{" + n.Space + "}" + n.Local
}

func attrName(n xml.Name) (string, bool) {
	switch {
	case n.Space == "" || nsW[n.Space]:
		return n.Local, true
	case nsR[n.Space]:
		return "r:" + n.Local, true
	}
	return "", false
}

// textElems are the elements whose character data is kept.
var textElems = map[string]bool{"t": true, "instrText": true}

// decoder reads one part's XML, refusing a DOCTYPE.
type decoder struct {
	part string
	d    *xml.Decoder
}

func newDecoder(part string, data []byte) *decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	return &decoder{part: part, d: d}
}

// token is the next token that is not a comment or processing
// instruction, or an error.
func (dc *decoder) token() (xml.Token, error) {
	for {
		t, err := dc.d.Token()
		if err == io.EOF {
			return nil, err
		}
		if err != nil {
			return nil, fmt.Errorf("%w in %s: %v", ErrBadXML, dc.part, err)
		}
		switch t := t.(type) {
		case xml.Directive:
			if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(string(t))), "DOCTYPE") {
				return nil, fmt.Errorf("%w in %s: codraft reads no document type declarations (they can expand entities or load external files)", ErrDoctype, dc.part)
			}
			continue
		case xml.Comment, xml.ProcInst:
			continue
		}
		return t, nil
	}
}

// element reads the element that start opened, with its subtree.
func (dc *decoder) element(start xml.StartElement, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%w in %s: elements nested more than %d deep", ErrBadXML, dc.part, maxDepth)
	}
	n := &node{name: elemName(start.Name)}
	for _, a := range start.Attr {
		if name, ok := attrName(a.Name); ok {
			n.attrs = append(n.attrs, attr{name, a.Value})
		}
	}
	keep := textElems[n.name]
	var text strings.Builder
	for {
		t, err := dc.token()
		if err == io.EOF {
			return nil, fmt.Errorf("%w in %s: it ends inside <%s>", ErrBadXML, dc.part, n.name)
		}
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			k, err := dc.element(t, depth+1)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, k)
		case xml.EndElement:
			n.text = text.String()
			return n, nil
		case xml.CharData:
			if keep {
				text.Write(t)
			}
		}
	}
}

// root reads the part's root element, whole.
func (dc *decoder) root() (*node, error) {
	for {
		t, err := dc.token()
		if err == io.EOF {
			return nil, fmt.Errorf("%w in %s: no root element", ErrBadXML, dc.part)
		}
		if err != nil {
			return nil, err
		}
		if s, ok := t.(xml.StartElement); ok {
			n, err := dc.element(s, 1)
			if err != nil {
				return nil, err
			}
			return n, dc.rest()
		}
	}
}

// rest reads to the end of the part, so that a DOCTYPE or malformed XML
// after the root is seen too.
func (dc *decoder) rest() error {
	for {
		_, err := dc.token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// parseXML reads a whole part.
func parseXML(part string, data []byte) (*node, error) {
	return newDecoder(part, data).root()
}
