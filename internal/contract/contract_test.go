package contract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codraft/codraft/internal/cli"
	"github.com/codraft/codraft/internal/testenv"
)

// schemaFiles maps each schema name a document carries to its file in
// docs/schema.
var schemaFiles = map[string]string{
	"codraft.redline/v1":         "redline.schema.json",
	"codraft.summary/v1":         "summary.schema.json",
	"codraft.summary-history/v1": "summary-history.schema.json",
	"codraft.check/v1":           "check.schema.json",
	"codraft.rounds/v1":          "rounds.schema.json",
	"codraft.log/v1":             "log.schema.json",
	"codraft.blame/v1":           "blame.schema.json",
}

const schemaDir = "../../docs/schema"

// compileSchemas compiles every schema in docs/schema, keyed by the schema
// name a document carries.
func compileSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	entries, err := os.ReadDir(schemaDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		path, _ := filepath.Abs(filepath.Join(schemaDir, e.Name()))
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if err := c.AddResource(e.Name(), doc); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for name, file := range schemaFiles {
		s, err := c.Compile(file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out[name] = s
	}
	return out
}

// validate checks one JSON document against the schema its "schema" field
// names; a document without a known schema name is a failure.
func validate(t *testing.T, schemas map[string]*jsonschema.Schema, what string, data []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: not JSON: %v", what, err)
		return
	}
	var head struct {
		Schema string `json:"schema"`
	}
	_ = json.Unmarshal(data, &head)
	s, ok := schemas[head.Schema]
	if !ok {
		t.Errorf("%s: unknown schema %q", what, head.Schema)
		return
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not match %s:\n%v", what, head.Schema, err)
	}
}

// TestSchemasDocumented checks that every schema has its section in
// docs/json.md.
func TestSchemasDocumented(t *testing.T) {
	md, err := os.ReadFile("../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	for name, file := range schemaFiles {
		if !bytes.Contains(md, []byte("`"+name+"`")) || !bytes.Contains(md, []byte("schema/"+file)) {
			t.Errorf("docs/json.md does not document %s (%s)", name, file)
		}
	}
}

// TestGoldenOutputs validates the JSON golden files of the renderers and
// the summary.
func TestGoldenOutputs(t *testing.T) {
	schemas := compileSchemas(t)
	var files []string
	for _, pat := range []string{"../render/json/testdata/*.json", "../summary/testdata/*.json"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no golden JSON files found")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		validate(t, schemas, f, data)
	}
}

// TestCommandOutputs records each series as rounds and validates every JSON
// output codraft writes of it: rounds, diff and summary of each consecutive
// pair and of the first against the last, summary --all and check. The
// sample drafts always run; the shared corpus runs when it is present.
func TestCommandOutputs(t *testing.T) {
	schemas := compileSchemas(t)
	series := map[string][]string{}
	drafts, _ := filepath.Glob("../../drafts/0*.md")
	series["drafts"] = drafts
	dirs, _ := filepath.Glob("../../../shared/corpus/*")
	if len(dirs) == 0 {
		t.Log("../shared/corpus is absent: only the sample drafts are checked")
	}
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(d, "*.md"))
		if len(files) > 1 {
			series[filepath.Base(d)] = files
		}
	}
	names := make([]string, 0, len(series))
	for n := range series {
		names = append(names, n)
	}
	sort.Strings(names)
	testenv.SetGitEnv(t)
	t.Setenv("CODRAFT_AUTHOR", "Ada Drafter <ada@example.org>")
	t.Setenv("CODRAFT_NOW", "2025-01-02T03:04:05Z")
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			files := series[name]
			sort.Strings(files)
			abs := make([]string, len(files))
			for i, f := range files {
				abs[i], _ = filepath.Abs(f)
			}
			dir := t.TempDir()
			run(t, dir, append([]string{"import", "--init"}, abs...)...)
			n := len(files)
			var cmds [][]string
			cmds = append(cmds, []string{"rounds", "--format", "json"}, []string{"summary", "--all", "--format", "json"},
				[]string{"check", "--format", "json"}, []string{"blame", "--format", "json"}, []string{"blame", "1", "--format", "json"})
			pairs := [][2]int{{1, n}}
			for i := 1; i < n; i++ {
				pairs = append(pairs, [2]int{i, i + 1})
			}
			for _, p := range pairs {
				a, b := strconv.Itoa(p[0]), strconv.Itoa(p[1])
				cmds = append(cmds, []string{"diff", a, b, "--format", "json"}, []string{"summary", a, b, "--format", "json"})
			}
			cmds = append(cmds, logCommands(t, dir)...)
			for _, c := range cmds {
				out := run(t, dir, c...)
				validate(t, schemas, name+": codraft "+strings.Join(c, " "), out)
			}
		})
	}
}

// run runs codraft in dir and returns its standard output; exit 1 (check
// found something) is not a failure.
func run(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	ios, _, out, errOut := cli.Test()
	ios.Dir = dir
	ios.Env = os.Getenv
	code := cli.Run(ios, append([]string{"-C", dir}, args...))
	if code != 0 && !(code == 1 && args[0] == "check") {
		t.Fatalf("codraft %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	if out.Len() == 0 {
		t.Fatalf("codraft %s wrote nothing", strings.Join(args, " "))
	}
	return append([]byte(nil), out.Bytes()...)
}

// logCommands returns a "log --section" command, with and without
// --patch, for the first few sections of the last round that have a number
// or an id.
func logCommands(t *testing.T, dir string) [][]string {
	t.Helper()
	var bl struct {
		Files []struct {
			Blocks []struct {
				Section string `json:"section"`
			} `json:"blocks"`
		} `json:"files"`
	}
	if err := json.Unmarshal(run(t, dir, "blame", "--format", "json"), &bl); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out [][]string
	for _, f := range bl.Files {
		for _, b := range f.Blocks {
			if b.Section == "" || seen[b.Section] || len(seen) >= 3 {
				continue
			}
			seen[b.Section] = true
			out = append(out, []string{"log", "--section", b.Section, "--format", "json"},
				[]string{"log", "--section", b.Section, "--patch", "--format", "json"})
		}
	}
	return out
}
