package styleguide_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/styleguide"
	"postdeck/backend/team"
	"postdeck/backend/workspace"
)

var ctx = context.Background()

type fixture struct {
	ws             *core.Workspace
	editor, viewer string
}

// setup opens a workspace onboarded in lang, whose first member (a social
// media manager) may edit the guide and a content creator may not.
func setup(t *testing.T, lang string) fixture { return setupTB(t, lang) }

func setupB(b *testing.B) fixture { return setupTB(b, "id") }

func setupTB(t testing.TB, lang string) fixture {
	t.Helper()
	ws, _ := testws.Open(t)
	if err := ws.Workspace.SetLanguage(ctx, lang); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Workspace.Onboard(ctx, workspace.OnboardInput{WorkspaceName: "Kopi Nusantara", TimeZone: "Asia/Jakarta",
		Me: team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}}}); err != nil {
		t.Fatal(err)
	}
	me, err := ws.Workspace.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cc, err := ws.Team.AddMember(ctx, me, team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}})
	if err != nil {
		t.Fatal(err)
	}
	return fixture{ws: ws, editor: me, viewer: cc.ID}
}

func section(t *testing.T, ws *core.Workspace, sec styleguide.Section) []styleguide.Entry {
	t.Helper()
	g, err := ws.StyleGuide.Show(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range g.Sections {
		if s.Section == sec {
			return s.Entries
		}
	}
	t.Fatalf("no section %s", sec)
	return nil
}

func TestANewWorkspaceStartsWithAnExampleInEverySection(t *testing.T) {
	for _, lang := range []string{"en", "id"} {
		t.Run(lang, func(t *testing.T) {
			f := setup(t, lang)
			g, err := f.ws.StyleGuide.Show(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range g.Sections {
				if len(s.Entries) == 0 {
					t.Errorf("section %s of the example is empty", s.Section)
				}
			}
			if g.Examples != g.Total || g.Total < 10 {
				t.Fatalf("examples %d of %d", g.Examples, g.Total)
			}
			terms := section(t, f.ws, styleguide.Terms)
			want := map[string]string{"en": "Coffee Friends", "id": "Sobat Kopi"}[lang]
			if terms[0].Text != want {
				t.Fatalf("terms in %s: %+v", lang, terms)
			}
		})
	}
}

func TestSeedingAgainWritesNothingAndNeverBringsBackAClearedExample(t *testing.T) {
	f := setup(t, "en")
	before, _ := f.ws.StyleGuide.Show(ctx)
	if err := f.ws.StyleGuide.SeedExample(ctx, "en"); err != nil {
		t.Fatal(err)
	}
	again, _ := f.ws.StyleGuide.Show(ctx)
	if again.Total != before.Total {
		t.Fatalf("seeding twice: %d then %d entries", before.Total, again.Total)
	}
	// Editing an example entry makes it the team's own: clearing keeps it.
	names := section(t, f.ws, styleguide.Names)
	names[0].Variants = append(names[0].Variants, "KOPI NUSANTARA")
	if _, err := f.ws.StyleGuide.Save(ctx, f.editor, names[0]); err != nil {
		t.Fatal(err)
	}
	n, err := f.ws.StyleGuide.ClearExample(ctx, f.editor)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := f.ws.StyleGuide.Show(ctx)
	if n != before.Total-1 || after.Total != 1 || after.Examples != 0 {
		t.Fatalf("cleared %d, left %+v", n, after)
	}
	// Rows stay as tombstones.
	var rows int64
	f.ws.Store.DB().Raw("SELECT COUNT(*) FROM style_guide_entries").Scan(&rows)
	if rows != int64(before.Total) {
		t.Fatalf("rows physically deleted: %d of %d", rows, before.Total)
	}
	if err := f.ws.StyleGuide.SeedExample(ctx, "en"); err != nil {
		t.Fatal(err)
	}
	if g, _ := f.ws.StyleGuide.Show(ctx); g.Total != 1 {
		t.Fatalf("seeding again brought back %d cleared entries", g.Total-1)
	}
}

func TestOnlyMembersWhoMayEditChangeTheGuide(t *testing.T) {
	f := setup(t, "en")
	banned := styleguide.Entry{Section: styleguide.Banned, Text: "murah banget", Replacement: "terjangkau", Severity: "error"}
	for _, actor := range []string{f.viewer, ""} {
		_, err := f.ws.StyleGuide.Save(ctx, actor, banned)
		want := map[string]string{f.viewer: "styleguide.permission_denied", "": "styleguide.identity_required"}[actor]
		if apperr.Code(err) != want {
			t.Fatalf("actor %q: %v, want %s", actor, err, want)
		}
	}
	if _, err := f.ws.StyleGuide.ClearExample(ctx, f.viewer); apperr.Code(err) != "styleguide.permission_denied" {
		t.Fatalf("clear as viewer: %v", err)
	}
	if _, err := f.ws.StyleGuide.Import(ctx, f.viewer, []byte(`{}`), true); apperr.Code(err) != "styleguide.permission_denied" {
		t.Fatalf("import as viewer: %v", err)
	}
	e, err := f.ws.StyleGuide.Save(ctx, f.editor, banned)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.ws.StyleGuide.Remove(ctx, f.viewer, e.ID); apperr.Code(err) != "styleguide.permission_denied" {
		t.Fatalf("remove as viewer: %v", err)
	}
	if got, _ := f.ws.StyleGuide.Entry(ctx, e.ID); got.Text != "murah banget" || got.Replacement != "terjangkau" {
		t.Fatalf("saved %+v", got)
	}
}

func TestEveryFieldIsValidated(t *testing.T) {
	f := setup(t, "en")
	long := strings.Repeat("a", 201)
	cases := []struct {
		name string
		in   styleguide.Entry
		code string
	}{
		{"unknown section", styleguide.Entry{Section: "jokes", Text: "x"}, "styleguide.section_unknown"},
		{"name without text", styleguide.Entry{Section: styleguide.Names}, "styleguide.required"},
		{"name too long", styleguide.Entry{Section: styleguide.Names, Text: long}, "styleguide.too_long"},
		{"unknown tone", styleguide.Entry{Section: styleguide.Tone, Tone: "angry"}, "styleguide.value_unknown"},
		{"unknown network", styleguide.Entry{Section: styleguide.Emoji, Network: "myspace", Mode: "none"}, "styleguide.network_unknown"},
		{"unknown rating", styleguide.Entry{Section: styleguide.Rating, Rating: "R"}, "styleguide.value_unknown"},
		{"bad colour", styleguide.Entry{Section: styleguide.Branding, Kind: "colour", Text: "Brown", Color: "brown"}, "styleguide.color_invalid"},
		{"unknown emoji mode", styleguide.Entry{Section: styleguide.Emoji, Mode: "lots"}, "styleguide.value_unknown"},
		{"hashtag with a space", styleguide.Entry{Section: styleguide.Hashtags, Kind: "banned", Text: "#two words"}, "styleguide.hashtag_invalid"},
		{"negative max", styleguide.Entry{Section: styleguide.Hashtags, Kind: "limit", Network: "x", Max: -1}, "styleguide.max_out_of_range"},
		{"unknown severity", styleguide.Entry{Section: styleguide.Banned, Text: "x", Severity: "fatal"}, "styleguide.value_unknown"},
		{"unknown label", styleguide.Entry{Section: styleguide.Disclosures, Label: "promo", Variants: []string{"#ad"}}, "styleguide.value_unknown"},
		{"disclosure without tags", styleguide.Entry{Section: styleguide.Disclosures, Label: "paid"}, "styleguide.required"},
		{"unknown channel", styleguide.Entry{Section: styleguide.Rating, Rating: "G", ChannelID: "nope"}, "styleguide.channel_unknown"},
		{"second workspace rating", styleguide.Entry{Section: styleguide.Rating, Rating: "G"}, "styleguide.scope_taken"},
	}
	before, _ := f.ws.StyleGuide.Show(ctx)
	for _, c := range cases {
		if _, err := f.ws.StyleGuide.Save(ctx, f.editor, c.in); apperr.Code(err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	if after, _ := f.ws.StyleGuide.Show(ctx); after.Total != before.Total {
		t.Fatalf("refused saves changed the guide: %d -> %d", before.Total, after.Total)
	}
	// Editing the workspace rating keeps one row for it.
	r := section(t, f.ws, styleguide.Rating)[0]
	r.Rating = "PG-13"
	if _, err := f.ws.StyleGuide.Save(ctx, f.editor, r); err != nil {
		t.Fatal(err)
	}
	if rs := section(t, f.ws, styleguide.Rating); len(rs) != 1 || rs[0].Rating != "PG-13" {
		t.Fatalf("ratings %+v", rs)
	}
}

func TestExportsEscapeEveryText(t *testing.T) {
	f := setup(t, "en")
	if _, err := f.ws.StyleGuide.Save(ctx, f.editor, styleguide.Entry{Section: styleguide.Banned,
		Text: "<script>alert(1)</script>", Reason: "a <b>bold</b> & [link](javascript:x)", Severity: "error",
		Replacement: "*x* | ~~y~~ `z` &amp; \\_w\\_"}); err != nil {
		t.Fatal(err)
	}
	html, err := f.ws.StyleGuide.Export(ctx, "html", "en")
	if err != nil {
		t.Fatal(err)
	}
	h := string(html)
	if strings.Contains(h, "<script") || strings.Contains(h, "<b>") || !strings.Contains(h, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Fatalf("HTML export does not escape: %s", h)
	}
	if !strings.Contains(h, "<style>") || strings.Contains(h, "<link") || !strings.Contains(h, "Banned words and phrases") {
		t.Fatalf("HTML export is not one standalone page: %s", h)
	}
	md, err := f.ws.StyleGuide.Export(ctx, "md", "en")
	if err != nil {
		t.Fatal(err)
	}
	m := string(md)
	if strings.Contains(m, "<script") || !strings.Contains(m, `\[link\](javascript`) || !strings.Contains(m, "## Banned words and phrases") {
		t.Fatalf("Markdown export does not escape: %s", m)
	}
	// Rendered as GitHub-style Markdown, every text reads as typed: no tag,
	// link, emphasis, strike, code or table comes from it.
	var rendered bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
	if err := gm.Convert(md, &rendered); err != nil {
		t.Fatal(err)
	}
	r := rendered.String()
	for _, bad := range []string{"<script", "<b>", "<a ", "<em>", "<del>", "<code>", "<table>"} {
		if strings.Contains(r, bad) {
			t.Errorf("rendered Markdown export has %s:\n%s\n---\n%s", bad, m, r)
		}
	}
	for _, want := range []string{"<li>&lt;script&gt;alert(1)&lt;/script&gt; (error)", "Why: a &lt;b&gt;bold&lt;/b&gt; &amp; [link](javascript:x)",
		"Instead: *x* | ~~y~~ `z` &amp;amp; \\_w\\_"} {
		if !strings.Contains(r, want) {
			t.Errorf("rendered Markdown export lacks %q:\n%s\n---\n%s", want, m, r)
		}
	}
	idMD, _ := f.ws.StyleGuide.Export(ctx, "md", "id")
	if !strings.Contains(string(idMD), "## Kata dan frasa terlarang") {
		t.Fatalf("Indonesian export: %s", idMD)
	}
	if _, err := f.ws.StyleGuide.Export(ctx, "pdf", "en"); apperr.Code(err) != "styleguide.format_unknown" {
		t.Fatalf("pdf: %v", err)
	}
}

func TestJSONExportImportsBackAndPreviewsChanges(t *testing.T) {
	f := setup(t, "en")
	data, err := f.ws.StyleGuide.Export(ctx, "json", "en")
	if err != nil {
		t.Fatal(err)
	}
	// The same file changes nothing.
	res, err := f.ws.StyleGuide.Import(ctx, f.editor, data, false)
	if err != nil || res.Added+res.Changed+res.Removed != 0 {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	// Into another workspace it adds everything.
	g := setup(t, "id")
	if _, err := g.ws.StyleGuide.ClearExample(ctx, g.editor); err != nil {
		t.Fatal(err)
	}
	res, err = g.ws.StyleGuide.Import(ctx, g.editor, data, false)
	before, _ := f.ws.StyleGuide.Show(ctx)
	if err != nil || res.Added != before.Total {
		t.Fatalf("import into an empty guide: %+v %v", res, err)
	}
	again, _ := g.ws.StyleGuide.Export(ctx, "json", "en")
	if string(again) != string(data) {
		t.Fatalf("round trip differs:\n%s\n---\n%s", data, again)
	}

	// Edit the file: one banned phrase changed, one name removed, one term added.
	var file map[string]any
	_ = json.Unmarshal(data, &file)
	secs := file["sections"].(map[string]any)
	banned := secs["banned"].([]any)
	banned[0].(map[string]any)["replacement"] = "good value"
	secs["names"] = secs["names"].([]any)[:1]
	secs["terms"] = append(secs["terms"].([]any), map[string]any{"text": "Kopi Lovers", "variants": []any{"buyers"}})
	edited, _ := json.Marshal(file)
	res, err = f.ws.StyleGuide.Import(ctx, f.editor, edited, true)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[styleguide.Section]styleguide.SectionChanges{}
	for _, c := range res.Sections {
		counts[c.Section] = c
	}
	if !res.DryRun || counts["banned"].Changed != 1 || counts["names"].Removed != 1 || counts["terms"].Added != 1 || res.Added+res.Changed+res.Removed != 3 {
		t.Fatalf("preview: %+v", res)
	}
	if after, _ := f.ws.StyleGuide.Export(ctx, "json", "en"); string(after) != string(data) {
		t.Fatal("a preview wrote to the guide")
	}
	if _, err := f.ws.StyleGuide.Import(ctx, f.editor, edited, false); err != nil {
		t.Fatal(err)
	}
	if b := section(t, f.ws, styleguide.Banned); b[0].Replacement != "good value" {
		t.Fatalf("banned after import: %+v", b)
	}
	if n := section(t, f.ws, styleguide.Names); len(n) != 1 {
		t.Fatalf("names after import: %+v", n)
	}
}

func TestBadImportsAreRefusedAndChangeNothing(t *testing.T) {
	f := setup(t, "en")
	good, _ := f.ws.StyleGuide.Export(ctx, "json", "en")
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.json")
	hf, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// 100 MB without writing it: a sparse file, refused by its size alone.
	if err := hf.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	hf.Close()
	cases := []struct {
		name, file, code string
	}{
		{"wrong field", strings.Replace(string(good), `"replacement"`, `"replacment"`, 1), "styleguide.import_field_unknown"},
		{"unknown section", strings.Replace(string(good), `"usage"`, `"jokes"`, 1), "styleguide.import_section_unknown"},
		{"bad value", strings.Replace(string(good), `"severity": "error"`, `"severity": "fatal"`, 1), "styleguide.value_unknown"},
		{"value of the wrong kind", strings.Replace(string(good), `"max": 5`, `"max": "five"`, 1), "styleguide.import_field_invalid"},
		{"not JSON", "name,text\n", "styleguide.import_not_json"},
		{"another JSON", `{"format":"something","version":1,"sections":{}}`, "styleguide.import_not_guide"},
		{"newer version", `{"format":"postdeck-style-guide","version":9,"sections":{}}`, "styleguide.import_version"},
	}
	for _, c := range cases {
		if c.file == string(good) {
			t.Fatalf("%s: the edit did not apply", c.name)
		}
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".json")
		_ = os.WriteFile(path, []byte(c.file), 0o644)
		for _, dry := range []bool{true, false} {
			if _, err := f.ws.StyleGuide.ImportFile(ctx, f.editor, path, dry); apperr.Code(err) != c.code {
				t.Errorf("%s (dry %v): %v, want %s", c.name, dry, err, c.code)
			}
		}
	}
	if _, err := f.ws.StyleGuide.ImportFile(ctx, f.editor, huge, false); apperr.Code(err) != "styleguide.import_too_large" {
		t.Errorf("100 MB file: %v", err)
	}
	if after, _ := f.ws.StyleGuide.Export(ctx, "json", "en"); string(after) != string(good) {
		t.Fatal("a refused import changed the guide")
	}
}
