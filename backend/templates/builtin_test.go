package templates_test

import (
	"reflect"
	"testing"

	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/internal/testws"
	"postdeck/backend/templates"
)

func agendaRows(t *testing.T, ws *core.Workspace) []map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := ws.Store.DB().Raw("SELECT id, kind, name, lang, body, data, built_in, deleted_at FROM templates WHERE kind = 'agenda' ORDER BY id").
		Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

func syncAll(t *testing.T, wss ...*core.Workspace) {
	t.Helper()
	for round := 0; round < 2; round++ {
		for _, ws := range wss {
			if _, err := ws.Sync.SyncOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// Two teammates open the Templates page before their devices have synced:
// both seed the built-in agendas, and once they sync each has one copy of
// each, the same on both, with nothing for a person to resolve.
func TestTwoDevicesSeedingAtOnceEndWithOneCopy(t *testing.T) {
	a := open(t)
	folder := t.TempDir()
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	b, _ := testws.Open(t)
	if _, err := b.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	for _, ws := range []*core.Workspace{a, b} {
		list, err := ws.Templates.List(ctx, templates.KindAgenda)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 4 {
			t.Fatalf("seeded agendas: %v", names(list))
		}
	}
	syncAll(t, a, b)
	for _, ws := range []*core.Workspace{a, b} {
		list, err := ws.Templates.List(ctx, templates.KindAgenda)
		if err != nil {
			t.Fatal(err)
		}
		got := names(list)
		want := []string{"Check-in pekanan", "Rapat pemangku kepentingan", "Stakeholder meeting", "Weekly check-in"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after sync: %v, want %v", got, want)
		}
		conflicts, err := ws.Replica.Conflicts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(conflicts) != 0 {
			t.Fatalf("seeding twice left %d conflicts: %+v", len(conflicts), conflicts)
		}
	}
	if ra, rb := agendaRows(t, a), agendaRows(t, b); !reflect.DeepEqual(ra, rb) {
		t.Fatalf("devices differ:\n%v\n%v", ra, rb)
	}
}

// A built-in the team edited or deleted is never seeded again, not after a
// restart and not by a teammate's device that joins later.
func TestBuiltInsAreSeededOncePerWorkspace(t *testing.T) {
	dir := t.TempDir()
	ws, err := core.Open(dir, &events.Recorder{})
	if err != nil {
		t.Fatal(err)
	}
	list, err := ws.Templates.List(ctx, templates.KindAgenda)
	if err != nil {
		t.Fatal(err)
	}
	var weekly, stake templates.Template
	for _, tp := range list {
		switch tp.BuiltIn {
		case "agenda.weekly_checkin.en":
			weekly = tp
		case "agenda.stakeholder.en":
			stake = tp
		}
	}
	if weekly.ID != templates.BuiltInID("agenda.weekly_checkin.en") || stake.ID == "" {
		t.Fatalf("built-ins: %+v", list)
	}
	if _, err := ws.Templates.Update(ctx, weekly.ID, templates.Input{Name: "Our check-in", Lang: "en", Body: "## Wins\n"}); err != nil {
		t.Fatal(err)
	}
	if err := ws.Templates.Delete(ctx, stake.ID); err != nil {
		t.Fatal(err)
	}
	before := changeCount(t, ws)
	_ = ws.Close()

	ws, err = core.Open(dir, &events.Recorder{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	list, err = ws.Templates.List(ctx, templates.KindAgenda)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(list); !reflect.DeepEqual(got, []string{"Check-in pekanan", "Our check-in", "Rapat pemangku kepentingan"}) {
		t.Fatalf("after a restart: %v", got)
	}
	if after := changeCount(t, ws); after != before {
		t.Fatalf("opening again wrote %d changes", after-before)
	}
}
