package doc

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/parse-hashes.txt from the current parser")

// hashFile holds, for every corpus file and sample draft, a hash of the
// JSON of its parse (sections, blocks, spans, lines, texts), recorded from
// the parser as it was before it was made faster: a change of speed must
// not change one byte of what the parse yields. The file holds hashes only,
// no corpus text.
const hashFile = "testdata/parse-hashes.txt"

// hashInputs are the files whose parses are pinned: the sample drafts of
// the repository and every file of the shared corpus, when it is present.
func hashInputs(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"../../drafts/*.md", "../../../shared/corpus/*/*.md"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			if filepath.Base(f) != "README.md" {
				files = append(files, f)
			}
		}
	}
	sort.Strings(files)
	return files
}

// hashKey names a file in the hash list by its last two path elements,
// with the options that parsed it.
func hashKey(path, variant string) string {
	return filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path) + " " + variant
}

// parseHash is the SHA-256 of the JSON of a parse with the file name left
// out.
func parseHash(t *testing.T, src []byte, opt Options) string {
	t.Helper()
	d, err := Parse("f.md", src, opt)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(struct {
		FrontMatterEnd int
		Source         string
		Sections       []Section
	}{d.FrontMatterEnd, string(d.Source), d.Sections})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// hashVariants are the ways each file is parsed: as it is, with Unicode
// folding, with CRLF line ends, and in small chunks.
var hashVariants = []string{"plain", "nfc", "crlf", "chunks"}

func variantHash(t *testing.T, src []byte, variant string) string {
	t.Helper()
	switch variant {
	case "nfc":
		return parseHash(t, src, Options{NormalizeUnicode: true})
	case "crlf":
		return parseHash(t, []byte(strings.ReplaceAll(string(src), "\n", "\r\n")), Options{})
	case "chunks":
		old := chunkBytes
		chunkBytes = 4 << 10
		defer func() { chunkBytes = old }()
	}
	return parseHash(t, src, Options{})
}

func TestParseHashesUnchanged(t *testing.T) {
	want := map[string]string{}
	if f, err := os.Open(hashFile); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if i := strings.LastIndexByte(line, ' '); i > 0 && !strings.HasPrefix(line, "#") {
				want[line[:i]] = line[i+1:]
			}
		}
		f.Close()
	} else if !*update {
		t.Fatal(err)
	}
	var out []string
	corpus := false
	for _, path := range hashInputs(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		corpus = corpus || strings.Contains(path, "shared/corpus")
		for _, v := range hashVariants {
			key, got := hashKey(path, v), variantHash(t, src, v)
			out = append(out, key+" "+got)
			if *update {
				continue
			}
			if w, ok := want[key]; !ok {
				t.Errorf("%s: no recorded hash (run go test -run TestParseHashesUnchanged -update)", key)
			} else if w != got {
				t.Errorf("%s: the parse changed: hash %s, recorded %s", key, got, w)
			}
		}
	}
	if *update {
		if !corpus {
			t.Fatal("-update needs ../shared/corpus, so that every recorded hash is rewritten")
		}
		data := "# SHA-256 of the JSON of doc.Parse per file and variant; go test -run TestParseHashesUnchanged -update\n" + strings.Join(out, "\n") + "\n"
		if err := os.WriteFile(hashFile, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !corpus {
		t.Log("../shared/corpus is absent: only the sample drafts were checked")
	}
	if len(out) == 0 {
		t.Fatal(fmt.Errorf("no input files found"))
	}
}
