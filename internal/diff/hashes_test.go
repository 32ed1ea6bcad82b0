package diff

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/codraft/codraft/internal/doc"
)

var updateHashes = flag.Bool("update-hashes", false, "rewrite testdata/redline-hashes.txt from the current engine")

// redlineHashFile holds, for every pair of consecutive rounds of the sample
// drafts and of each corpus series, a hash of the JSON of its redline under
// each set of options, recorded from the engine as it was before it was
// made faster: a change of speed must not change one byte of a redline. The
// file holds hashes only, no corpus text.
const redlineHashFile = "testdata/redline-hashes.txt"

// hashSeries are the series whose consecutive pairs are pinned: the sample
// drafts and every corpus series that is present.
func hashSeries(t *testing.T) (map[string][]string, bool) {
	t.Helper()
	out := map[string][]string{}
	drafts, _ := filepath.Glob("../../drafts/*.md")
	sort.Strings(drafts)
	out["drafts"] = drafts
	dirs, _ := filepath.Glob("../../../shared/corpus/*")
	corpus := false
	for _, d := range dirs {
		fs, _ := filepath.Glob(filepath.Join(d, "*.md"))
		if len(fs) > 1 {
			sort.Strings(fs)
			out[filepath.Base(d)] = fs
			corpus = true
		}
	}
	return out, corpus
}

var hashOptions = map[string]Options{
	"plain":  {},
	"ignore": {IgnoreCase: true, IgnorePunctuation: true},
}

func redlineHash(t *testing.T, a, b *doc.Document, opt Options) string {
	t.Helper()
	r := Compare([]*doc.Document{a}, []*doc.Document{b}, opt)
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func TestRedlineHashesUnchanged(t *testing.T) {
	want := map[string]string{}
	if f, err := os.Open(redlineHashFile); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if i := strings.LastIndexByte(line, ' '); i > 0 && !strings.HasPrefix(line, "#") {
				want[line[:i]] = line[i+1:]
			}
		}
		f.Close()
	} else if !*updateHashes {
		t.Fatal(err)
	}
	series, corpus := hashSeries(t)
	names := make([]string, 0, len(series))
	for n := range series {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		files := series[name]
		for i := 0; i+1 < len(files); i++ {
			a, b := load(t, files[i]), load(t, files[i+1])
			for _, v := range []string{"ignore", "plain"} {
				key := name + "/" + filepath.Base(files[i]) + ".." + filepath.Base(files[i+1]) + " " + v
				got := redlineHash(t, a, b, hashOptions[v])
				out = append(out, key+" "+got)
				if *updateHashes {
					continue
				}
				if w, ok := want[key]; !ok {
					t.Errorf("%s: no recorded hash (run go test -run TestRedlineHashesUnchanged -update-hashes)", key)
				} else if w != got {
					t.Errorf("%s: the redline changed: hash %s, recorded %s", key, got, w)
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no pairs found")
	}
	if *updateHashes {
		if !corpus {
			t.Fatal("-update-hashes needs ../shared/corpus, so that every recorded hash is rewritten")
		}
		data := "# SHA-256 of the JSON of diff.Compare per pair and options; go test -run TestRedlineHashesUnchanged -update-hashes\n" + strings.Join(out, "\n") + "\n"
		if err := os.WriteFile(redlineHashFile, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !corpus {
		t.Log("../shared/corpus is absent: only the sample drafts were checked")
	}
}
