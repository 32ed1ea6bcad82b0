package main

import (
	"archive/zip"
	"io"
	"os"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdDocxPart writes one part of a Word document (a zip entry) to a file,
// so that a script can grep it: docxpart FILE.docx PART OUT.
func cmdDocxPart(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: docxpart FILE.docx PART OUT")
	}
	zr, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != args[1] {
			continue
		}
		rc, err := f.Open()
		ts.Check(err)
		data, err := io.ReadAll(rc)
		rc.Close()
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(args[2]), data, 0o644))
		return
	}
	ts.Fatalf("%s has no part %s", args[0], args[1])
}
