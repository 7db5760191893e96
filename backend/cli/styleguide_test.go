package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postdeck/backend/core"
	"postdeck/backend/events"
)

func TestStyleGuideImportShowExportFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var sari, ana map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Sari", "--role", "social_media_manager", "--json").stdout), &sari)
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Ana", "--role", "content_creator", "--json").stdout), &ana)
	run(t, dir, "me", "set", sari["id"].(string))

	file := filepath.Join(t.TempDir(), "guide.json")
	os.WriteFile(file, []byte(`{"format":"postdeck-style-guide","version":1,"sections":{
	  "banned":[{"text":"termurah","replacement":"terjangkau","reason":"Klaim harga","severity":"error"}],
	  "names":[{"text":"Kopi Nusantara","variants":["KopiNusantara"]}]}}`), 0o644)

	// A member without edit_style_guide is refused, with the code the window
	// translates, in the words of this device's language.
	if r := run(t, dir, "styleguide", "import", file, "--as", ana["id"].(string)); r.code != 2 || !strings.Contains(r.stderr, "styleguide.permission_denied") ||
		!strings.Contains(r.stderr, "Your roles do not allow editing the style guide") {
		t.Fatalf("import as a content creator: %+v", r)
	}
	ws, err := core.Open(dir, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Workspace.SetLanguage(context.Background(), "id"); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	if r := run(t, dir, "styleguide", "import", file, "--as", ana["id"].(string)); r.code != 2 || !strings.Contains(r.stderr, "Peran Anda tidak mengizinkan mengubah panduan gaya") {
		t.Fatalf("refusal in Bahasa Indonesia: %+v", r)
	}
	r := run(t, dir, "styleguide", "import", file, "--dry-run", "--json")
	var res struct {
		DryRun   bool `json:"dryRun"`
		Added    int  `json:"added"`
		Sections []struct {
			Section string `json:"section"`
			Added   int    `json:"added"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || r.code != 0 || !res.DryRun || res.Added != 2 {
		t.Fatalf("dry run: %+v %v", r, err)
	}
	var shown struct {
		Total int `json:"total"`
	}
	json.Unmarshal([]byte(run(t, dir, "styleguide", "show", "--json").stdout), &shown)
	if shown.Total != 0 {
		t.Fatalf("a dry run wrote %d entries", shown.Total)
	}
	if r := run(t, dir, "styleguide", "import", file); r.code != 0 || !strings.Contains(r.stdout, "imported: 2 added") {
		t.Fatalf("import: %+v", r)
	}
	var guide struct {
		Sections []struct {
			Section string `json:"section"`
			Entries []struct {
				Text        string `json:"text"`
				Replacement string `json:"replacement"`
			} `json:"entries"`
		} `json:"sections"`
	}
	json.Unmarshal([]byte(run(t, dir, "styleguide", "show", "--json").stdout), &guide)
	found := false
	for _, s := range guide.Sections {
		if s.Section == "banned" && len(s.Entries) == 1 && s.Entries[0].Replacement == "terjangkau" {
			found = true
		}
	}
	if !found {
		t.Fatalf("show --json: %+v", guide)
	}
	if r := run(t, dir, "styleguide", "show"); !strings.Contains(r.stdout, "text=termurah") {
		t.Fatalf("show: %s", r.stdout)
	}

	out := t.TempDir()
	for _, f := range []struct{ format, lang, want string }{
		{"md", "en", "## Banned words and phrases"},
		{"md", "id", "## Kata dan frasa terlarang"},
		{"html", "en", "<h2>Banned words and phrases</h2>"},
		{"json", "en", `"replacement": "terjangkau"`},
	} {
		path := filepath.Join(out, "guide-"+f.lang+"."+f.format)
		if r := run(t, dir, "styleguide", "export", "--format", f.format, "--lang", f.lang, "--out", path); r.code != 0 {
			t.Fatalf("export %s: %+v", f.format, r)
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), f.want) || !strings.Contains(string(data), "termurah") {
			t.Fatalf("export %s %s: %s", f.format, f.lang, data)
		}
	}
	// The JSON export imports back without a change.
	if r := run(t, dir, "styleguide", "import", filepath.Join(out, "guide-en.json"), "--json"); r.code != 0 || !strings.Contains(r.stdout, `"added": 0`) ||
		!strings.Contains(r.stdout, `"changed": 0`) || !strings.Contains(r.stdout, `"removed": 0`) {
		t.Fatalf("re-import: %+v", r)
	}
	if r := run(t, dir, "styleguide", "export", "--format", "pdf", "--out", filepath.Join(out, "x.pdf")); r.code != 2 || !strings.Contains(r.stderr, "styleguide.format_unknown") {
		t.Fatalf("pdf: %+v", r)
	}
	// A file with an unknown section changes nothing and says which.
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"format":"postdeck-style-guide","version":1,"sections":{"jokes":[],"banned":[]}}`), 0o644)
	if r := run(t, dir, "styleguide", "import", bad); r.code != 2 || !strings.Contains(r.stderr, "styleguide.import_section_unknown") || !strings.Contains(r.stderr, "jokes") {
		t.Fatalf("unknown section: %+v", r)
	}
	json.Unmarshal([]byte(run(t, dir, "styleguide", "show", "--json").stdout), &shown)
	if shown.Total != 2 {
		t.Fatalf("a refused import changed the guide: %d entries", shown.Total)
	}
}
