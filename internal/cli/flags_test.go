package cli

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
)

// parseOnly runs a command built by newCmd on args with a runF that only
// records that it ran, so that the test sees the flags parsed and nothing
// else.
func parseOnly(t *testing.T, newCmd func(*Factory) *cobra.Command, args ...string) {
	t.Helper()
	ios, _, _, _ := Test()
	cmd := newCmd(&Factory{IO: ios})
	cmd.SetArgs(args)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	if err := cmd.Execute(); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
}

func TestDiffFlags(t *testing.T) {
	var got *diffOptions
	parseOnly(t, func(f *Factory) *cobra.Command {
		return newDiffCmd(f, func(o *diffOptions) error { got = o; return nil })
	}, "1", "2", "-o", "r.html", "--context", "3", "--section", "2.1", "--wg", "WG1", "--exit-code", "--ignore-case")
	want := diffOptions{
		Args: []string{"1", "2"}, Output: "r.html", Context: 3, ExitCode: true, Format: "text", Color: "auto", View: "rendered",
		compare: compareOptions{filesUsage: "diff OLD.md NEW.md", Sections: []string{"2.1"}, WorkingGroups: []string{"WG1"}, IgnoreCase: true},
	}
	if diff := cmp.Diff(want, *got, cmp.AllowUnexported(diffOptions{}, compareOptions{}), cmpIgnoreFactory); diff != "" {
		t.Errorf("options mismatch (-want +got):\n%s", diff)
	}
	if got.FormatSet {
		t.Errorf("FormatSet without --format")
	}
}

func TestRoundFlags(t *testing.T) {
	var got *roundOptions
	parseOnly(t, func(f *Factory) *cobra.Command {
		return newRoundCmd(f, func(o *roundOptions) error { got = o; return nil })
	}, "second draft", "--wg", "WG1", "--wg", "WG2 (2.1)", "-m", "one", "-m", "two", "--date", "2024-12-19", "--amend")
	want := roundOptions{Label: "second draft", WorkingGroups: []string{"WG1", "WG2 (2.1)"}, Messages: []string{"one", "two"}, Date: "2024-12-19", Amend: true}
	if diff := cmp.Diff(want, *got, cmp.AllowUnexported(roundOptions{}), cmpIgnoreFactory); diff != "" {
		t.Errorf("options mismatch (-want +got):\n%s", diff)
	}
}

func TestExportFlags(t *testing.T) {
	var got *exportOptions
	parseOnly(t, func(f *Factory) *cobra.Command {
		return newExportCmd(f, func(o *exportOptions) error { got = o; return nil })
	}, "1", "4", "-o", "redlines/r.html", "--changed-only", "--normalize-unicode")
	if got.Output != "redlines/r.html" || !got.ChangedOnly || !got.compare.NormalizeUnicode || got.Layout != "inline" ||
		cmp.Diff([]string{"1", "4"}, got.Args) != "" {
		t.Errorf("options: %+v", *got)
	}
}

func TestImportFlags(t *testing.T) {
	var got *importOptions
	parseOnly(t, func(f *Factory) *cobra.Command {
		return newImportCmd(f, func(o *importOptions) error { got = o; return nil })
	}, "old/", "--init", "--as", "code.md", "--force")
	want := importOptions{Sources: []string{"old/"}, Init: true, As: "code.md", Force: true}
	if diff := cmp.Diff(want, *got, cmp.AllowUnexported(importOptions{}), cmpIgnoreFactory); diff != "" {
		t.Errorf("options mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckFlags(t *testing.T) {
	var got *checkOptions
	parseOnly(t, func(f *Factory) *cobra.Command {
		return newCheckCmd(f, func(o *checkOptions) error { got = o; return nil })
	}, "--from", "round/1", "--to", "round/4", "--format", "github", "--strict")
	want := checkOptions{From: "round/1", To: "round/4", Format: "github", Strict: true}
	if diff := cmp.Diff(want, *got, cmp.AllowUnexported(checkOptions{}), cmpIgnoreFactory); diff != "" {
		t.Errorf("options mismatch (-want +got):\n%s", diff)
	}
}

// The root command lists every command, and -C reaches the factory.
func TestRootCommands(t *testing.T) {
	ios, _, _, _ := Test()
	f := &Factory{IO: ios}
	root := NewRootCmd(f)
	var names []string
	for _, c := range root.Commands() {
		names = append(names, c.Name())
	}
	want := []string{"blame", "check", "completion", "diff", "export", "help", "hooks", "import", "init", "log", "round", "rounds", "show", "site", "summary"}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	names = names[:0]
	for _, c := range root.Commands() {
		names = append(names, c.Name())
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("commands mismatch (-want +got):\n%s", diff)
	}
	if err := root.PersistentFlags().Parse([]string{"-C", "some/dir"}); err != nil {
		t.Fatal(err)
	}
	if f.Dir != "some/dir" {
		t.Errorf("-C gave Dir %q", f.Dir)
	}
}

var cmpIgnoreFactory = cmp.FilterPath(func(p cmp.Path) bool {
	sf, ok := p.Last().(cmp.StructField)
	return ok && sf.Name() == "f"
}, cmp.Ignore())
