package styleguide_test

import (
	"strings"
	"testing"

	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/styleguide"
)

// connect puts a and b in one shared folder: a publishes, b joins.
func connect(t *testing.T, a, b *core.Workspace) {
	t.Helper()
	folder := t.TempDir()
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatalf("connect: %v", err)
	}
	if _, err := b.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatalf("join: %v", err)
	}
}

func syncAll(t *testing.T, wss ...*core.Workspace) {
	t.Helper()
	for i := 0; i < 2; i++ {
		for _, ws := range wss {
			if _, err := ws.Sync.SyncOnce(ctx); err != nil {
				t.Fatalf("sync: %v", err)
			}
		}
	}
}

func exportJSON(t *testing.T, ws *core.Workspace) string {
	t.Helper()
	data, err := ws.StyleGuide.Export(ctx, "json", "en")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func openConflicts(t *testing.T, ws *core.Workspace) int {
	t.Helper()
	cs, err := ws.Replica.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

func TestTwoDevicesEditingDifferentEntriesBothKeepTheirEdits(t *testing.T) {
	f := setup(t, "en")
	a := f.ws
	// b is the editor's second computer: it joins the team's folder with
	// nothing of its own, then says whom it belongs to. Every device weighs
	// b's changes against the rights of that member.
	b, _ := testws.Open(t)
	connect(t, a, b)
	if err := b.Workspace.SetMe(ctx, f.editor); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	// At the same time: a fixes a brand name, b changes a banned phrase's
	// replacement and adds a colour.
	name := section(t, a, styleguide.Names)[0]
	name.Variants = append(name.Variants, "KOPI NUSANTARA")
	if _, err := a.StyleGuide.Save(ctx, f.editor, name); err != nil {
		t.Fatal(err)
	}
	ban := section(t, b, styleguide.Banned)[0]
	ban.Replacement = "good value"
	if _, err := b.StyleGuide.Save(ctx, f.editor, ban); err != nil {
		t.Fatal(err)
	}
	if _, err := b.StyleGuide.Save(ctx, f.editor, styleguide.Entry{Section: styleguide.Branding, Kind: "colour", Text: "Leaf", Color: "#2F9E44"}); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	for _, ws := range []*core.Workspace{a, b} {
		if n := section(t, ws, styleguide.Names)[0]; len(n.Variants) != len(name.Variants) {
			t.Fatalf("the name edit was lost: %+v", n)
		}
		if ban := section(t, ws, styleguide.Banned)[0]; ban.Replacement != "good value" {
			t.Fatalf("the banned phrase edit was lost: %+v", ban)
		}
		if openConflicts(t, ws) != 0 {
			t.Fatal("edits of different entries made conflicts")
		}
	}
	if exportJSON(t, a) != exportJSON(t, b) {
		t.Fatal("the devices do not agree")
	}
}

func TestTwoDevicesSeedingTheExampleEndWithOneCopy(t *testing.T) {
	a := setup(t, "en").ws
	b := setup(t, "en").ws
	before, _ := a.StyleGuide.Show(ctx)
	connect(t, a, b)
	syncAll(t, a, b)
	after, _ := b.StyleGuide.Show(ctx)
	if after.Total != before.Total || exportJSON(t, a) != exportJSON(t, b) {
		t.Fatalf("two seeds: %d entries, want %d", after.Total, before.Total)
	}
	cs, _ := b.Replica.Conflicts(ctx)
	for _, c := range cs {
		if c.Entity == styleguide.Table {
			t.Fatalf("identical seeds left a conflict: %+v", c)
		}
	}
}

// 1x1 transparent PNG.
const pngB64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

func TestTheGuideTravelsToANewDevice(t *testing.T) {
	f := setup(t, "id")
	a := f.ws
	logo, err := a.StyleGuide.AddLogoBase64(ctx, f.editor, "logo.png", pngB64)
	if err != nil {
		t.Fatal(err)
	}
	if logo.FileState != "here" || logo.Mime != "image/png" {
		t.Fatalf("logo %+v", logo)
	}
	if _, err := a.StyleGuide.Save(ctx, f.editor, styleguide.Entry{Section: styleguide.Banned, Text: "murah banget",
		Replacement: "terjangkau", Severity: "error"}); err != nil {
		t.Fatal(err)
	}
	c, _ := testws.Open(t)
	connect(t, a, c)
	syncAll(t, a, c)
	if exportJSON(t, a) != exportJSON(t, c) {
		t.Fatal("the new device has another guide")
	}
	got, err := c.StyleGuide.Entry(ctx, logo.ID)
	if err != nil || got.FileState != "here" {
		t.Fatalf("the logo file did not arrive: %+v %v", got, err)
	}
	content, err := c.StyleGuide.LogoContent(ctx, logo.ID)
	if err != nil || content != pngB64 {
		t.Fatalf("logo content: %v", err)
	}
	// The new device's HTML page shows the logo itself.
	html, _ := c.StyleGuide.Export(ctx, "html", "id")
	if !strings.Contains(string(html), `<img class="logo" src="data:image/png;base64,`+pngB64+`"`) {
		t.Fatalf("the logo is not in the HTML page: %s", html)
	}
	md, _ := c.StyleGuide.Export(ctx, "md", "id")
	if len(md) == 0 || !strings.Contains(string(md), "murah banget") {
		t.Fatalf("export on the new device: %s", md)
	}
}

func TestTwoDevicesSettingOneScopeAtOnceWriteOneRow(t *testing.T) {
	f := setup(t, "en")
	a := f.ws
	// b is the editor's second computer: it joins the team's folder with
	// nothing of its own, then says whom it belongs to. Every device weighs
	// b's changes against the rights of that member.
	b, _ := testws.Open(t)
	connect(t, a, b)
	if err := b.Workspace.SetMe(ctx, f.editor); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	if _, err := a.StyleGuide.ClearExample(ctx, f.editor); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	// Both add "the emoji policy of X" without having seen the other's.
	if _, err := a.StyleGuide.Save(ctx, f.editor, styleguide.Entry{Section: styleguide.Emoji, Network: "x", Mode: "none"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.StyleGuide.Save(ctx, f.editor, styleguide.Entry{Section: styleguide.Emoji, Network: "x", Mode: "max", Max: 2}); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	for _, ws := range []*core.Workspace{a, b} {
		if e := section(t, ws, styleguide.Emoji); len(e) != 1 {
			t.Fatalf("two emoji policies for X: %+v", e)
		}
	}
	if exportJSON(t, a) != exportJSON(t, b) {
		t.Fatal("the devices do not agree")
	}
	// The value that lost is kept for a person to choose, not dropped.
	if openConflicts(t, a) == 0 || openConflicts(t, a) != openConflicts(t, b) {
		t.Fatalf("conflicts a=%d b=%d", openConflicts(t, a), openConflicts(t, b))
	}
}
