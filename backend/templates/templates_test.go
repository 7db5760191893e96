package templates_test

import (
	"context"
	"encoding/json"
	"testing"

	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/templates"
)

var ctx = context.Background()

func open(t testing.TB) *core.Workspace {
	t.Helper()
	ws, _ := testws.Open(t)
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Asia/Jakarta"); err != nil {
		t.Fatal(err)
	}
	return ws
}

func changeCount(t *testing.T, ws *core.Workspace) int64 {
	t.Helper()
	var n int64
	if err := ws.Store.DB().Raw("SELECT COUNT(*) FROM changes").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func names(ts []templates.Template) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}

func TestTemplatesAreAddedChangedAndDeletedAsTombstones(t *testing.T) {
	ws := open(t)
	sig, err := ws.Templates.Add(ctx, templates.Input{Kind: templates.KindSnippet, Name: "Signature", Lang: "en", Body: "— Team Kopi ☕"})
	if err != nil {
		t.Fatal(err)
	}
	if sig.ID == "" || sig.Kind != "snippet" || string(sig.Data) != `{"variants":{}}` {
		t.Fatalf("added: %+v", sig)
	}
	if _, err := ws.Templates.Add(ctx, templates.Input{Kind: templates.KindSnippet, Name: "Ajakan", Lang: "id", Body: "Pesan sekarang!"}); err != nil {
		t.Fatal(err)
	}
	list, err := ws.Templates.List(ctx, templates.KindSnippet)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(list); len(got) != 2 || got[0] != "Ajakan" || got[1] != "Signature" {
		t.Fatalf("snippets by name: %v", got)
	}
	up, err := ws.Templates.Update(ctx, sig.ID, templates.Input{Name: "Signature", Lang: "en", Body: "— Sari, Team Kopi"})
	if err != nil {
		t.Fatal(err)
	}
	if up.Body != "— Sari, Team Kopi" {
		t.Fatalf("updated: %+v", up)
	}
	if _, err := ws.Templates.Update(ctx, sig.ID, templates.Input{Kind: templates.KindAgenda, Name: "x"}); code(err) != "template.kind_fixed" {
		t.Fatalf("kind change: %v", err)
	}
	if err := ws.Templates.Delete(ctx, sig.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Templates.Get(ctx, sig.ID); code(err) != "template.not_found" {
		t.Fatalf("deleted template still readable: %v", err)
	}
	var rows int64
	ws.Store.DB().Raw("SELECT COUNT(*) FROM templates WHERE id = ? AND deleted_at IS NOT NULL", sig.ID).Scan(&rows)
	if rows != 1 {
		t.Fatal("the deleted template's row is gone: deletes must be tombstones")
	}
	if err := ws.Templates.Delete(ctx, sig.ID); code(err) != "template.not_found" {
		t.Fatalf("second delete: %v", err)
	}
}

func TestBadTemplatesAreRefusedAndWriteNothing(t *testing.T) {
	ws := open(t)
	if _, err := ws.Templates.List(ctx, ""); err != nil { // seeds the defaults first
		t.Fatal(err)
	}
	before := changeCount(t, ws)
	for _, c := range []struct {
		in   templates.Input
		code string
	}{
		{templates.Input{Kind: "poster", Name: "x"}, "template.kind_unknown"},
		{templates.Input{Kind: templates.KindSnippet, Name: "  "}, "template.name_required"},
		{templates.Input{Kind: templates.KindSnippet, Name: "x", Lang: "fr"}, "template.lang_unknown"},
		{templates.Input{Kind: templates.KindSnippet, Name: "x", Data: json.RawMessage(`[1]`)}, "template.data_invalid"},
		{templates.Input{Kind: templates.KindSnippet, Name: "x", Body: "bad \xff"}, "template.text_invalid"},
	} {
		if _, err := ws.Templates.Add(ctx, c.in); code(err) != c.code {
			t.Errorf("%+v: want %s, got %v", c.in, c.code, err)
		}
	}
	if _, err := ws.Templates.List(ctx, "poster"); code(err) != "template.kind_unknown" {
		t.Errorf("list of an unknown kind: %v", err)
	}
	if after := changeCount(t, ws); after != before {
		t.Fatalf("refused input wrote %d changes", after-before)
	}
}
