package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The accessibility and validity checks use two npm packages, installed
// (as .ci/run does) with
//
//	npm install --prefix .cache/npm axe-core@4.14.1 html-validate@10.9.0
//
// axe-core runs inside the page; html-validate runs under node. Without
// them the checks are left out with a message, unless RequireEnv is set.
const (
	// NPMEnv names the node_modules directory holding the packages; without
	// it, .cache/npm/node_modules at the module's root is used.
	NPMEnv = "CODRAFT_NPM_MODULES"
	// NPMInstall is the command that installs the packages.
	NPMInstall = "npm install --prefix .cache/npm axe-core@4.14.1 html-validate@10.9.0"
)

// repoRoot is the module's root directory.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// NodeModules returns the node_modules directory that holds the package
// pkg. Without it the check is left out with a message in the test's log
// (ok is false), so that the other checks of the test still run; with
// RequireEnv set the test fails.
func NodeModules(t testing.TB, pkg string) (dir string, ok bool) {
	t.Helper()
	dir = os.Getenv(NPMEnv)
	if dir == "" {
		dir = filepath.Join(repoRoot(), ".cache", "npm", "node_modules")
	}
	if _, err := os.Stat(filepath.Join(dir, pkg, "package.json")); err != nil {
		missing(t, fmt.Sprintf("npm package %s not found in %s; install it with %q at the module's root, or set %s", pkg, dir, NPMInstall, NPMEnv))
		return "", false
	}
	return dir, true
}

// missing reports a tool that is not there: a failure with RequireEnv
// set, else a line in the log saying which check was left out.
func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s; %s=1 requires it", msg, RequireEnv)
	}
	t.Logf("check skipped: %s", msg)
}

// AxeViolation is one rule that axe-core found broken on a page.
type AxeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

func (v AxeViolation) String() string {
	t := v.Targets
	if len(t) > 5 {
		t = append(t[:5:5], fmt.Sprintf("and %d more", len(v.Targets)-5))
	}
	return fmt.Sprintf("%s (%s): %s: %s", v.ID, v.Impact, v.Help, strings.Join(t, ", "))
}

// Axe runs axe-core on the page open in ctx (on the elements the
// JavaScript expression include selects, "" for the whole document) and
// returns its violations, most severe first. The script goes in through the DevTools protocol,
// which the page's Content-Security-Policy does not govern.
func Axe(t testing.TB, ctx context.Context, include string) (vs []AxeViolation, ok bool) {
	t.Helper()
	dir, ok := NodeModules(t, "axe-core")
	if !ok {
		return nil, false
	}
	src, err := os.ReadFile(filepath.Join(dir, "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	Eval[bool](t, ctx, string(src)+"\n;true")
	if include == "" {
		include = "document"
	}
	vs = Eval[[]AxeViolation](t, ctx, `axe.run(`+include+`, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, targets: v.nodes.map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise)
	rank := map[string]int{"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
	sort.SliceStable(vs, func(i, j int) bool { return rank[vs[i].Impact] < rank[vs[j].Impact] })
	return vs, true
}

// Severe keeps the serious and critical violations.
func Severe(vs []AxeViolation) []AxeViolation {
	var out []AxeViolation
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			out = append(out, v)
		}
	}
	return out
}

// CheckAxe fails the test on any serious or critical axe-core violation
// on the page and logs the others.
func CheckAxe(t *testing.T, p *Page, name string) {
	t.Helper()
	vs, ok := Axe(t, p.Ctx, "")
	if !ok {
		return
	}
	severe := Severe(vs)
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Logf("%s: axe: %s", name, v)
		}
	}
	if len(severe) > 0 {
		var b strings.Builder
		for _, v := range severe {
			b.WriteString("\n  " + v.String())
		}
		t.Errorf("%s: %d serious or critical accessibility violations:%s", name, len(severe), b.String())
	}
}

// HTMLValidate runs html-validate on the files with the configuration at
// the module's root (.htmlvalidate.json) and returns its messages, one a
// line, for those that break a rule at the error level; ok is false when
// node or the package is missing.
func HTMLValidate(t testing.TB, paths ...string) (errs []string, ok bool) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node not found; install it (Debian: apt-get install nodejs npm)")
		return nil, false
	}
	dir, ok := NodeModules(t, "html-validate")
	if !ok {
		return nil, false
	}
	bin := filepath.Join(dir, "html-validate", "bin", "html-validate.mjs")
	if _, err := os.Stat(bin); err != nil {
		bin = filepath.Join(dir, "html-validate", "bin", "html-validate.js")
	}
	args := append([]string{bin, "--formatter", "json", "--config", filepath.Join(repoRoot(), ".htmlvalidate.json")}, paths...)
	cmd := exec.Command(node, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var results []struct {
		FilePath string `json:"filePath"`
		Messages []struct {
			RuleID   string `json:"ruleId"`
			Severity int    `json:"severity"`
			Message  string `json:"message"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		t.Fatalf("html-validate: %v (exit: %v)\n%s%s", err, runErr, stdout.Bytes(), stderr.Bytes())
	}
	for _, r := range results {
		for _, m := range r.Messages {
			if m.Severity >= 2 {
				errs = append(errs, fmt.Sprintf("%s:%d:%d: %s: %s", filepath.Base(r.FilePath), m.Line, m.Column, m.RuleID, m.Message))
			}
		}
	}
	return errs, true
}

// CheckValid fails the test on any html-validate error in the files.
func CheckValid(t *testing.T, paths ...string) {
	t.Helper()
	errs, _ := HTMLValidate(t, paths...)
	if len(errs) > 0 {
		if len(errs) > 40 {
			errs = append(errs[:40:40], fmt.Sprintf("and %d more", len(errs)-40))
		}
		t.Errorf("html-validate: errors:\n%s", strings.Join(errs, "\n"))
	}
}
