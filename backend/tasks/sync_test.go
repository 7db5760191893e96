package tasks_test

import (
	"testing"

	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/tasks"
)

func syncOnce(t *testing.T, ws *core.Workspace) {
	t.Helper()
	if _, err := ws.Sync.SyncOnce(ctx); err != nil {
		t.Fatalf("sync: %v", err)
	}
}

// Two teammates tick different items of one checklist while offline; after
// both sync, both ticks are there on both computers, and a status change
// made meanwhile on one of them is kept too.
func TestTicksOfDifferentItemsMadeOfflineBothStay(t *testing.T) {
	f := setup(t)
	folder := t.TempDir()
	if _, err := f.ws.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	task, err := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Peluncuran produk", AssigneeID: f.ana,
		Checklist: []string{"Foto", "Caption", "Jadwal"}})
	if err != nil {
		t.Fatal(err)
	}
	syncOnce(t, f.ws)
	mate, _ := testws.Open(t)
	if _, err := mate.Sync.Join(ctx, folder, f.ws.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	got, err := mate.Tasks.Get(ctx, task.ID)
	if err != nil || len(got.Checklist) != 3 {
		t.Fatalf("the teammate has the task: %+v %v", got, err)
	}

	// Offline: Ana ticks "Foto" and starts the task here; Budi ticks "Jadwal" there.
	if err := f.ws.Tasks.Check(ctx, f.ana, task.ID, task.Checklist[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Tasks.Update(ctx, f.ana, task.ID, tasks.Patch{Status: str("doing")}); err != nil {
		t.Fatal(err)
	}
	if err := mate.Tasks.Check(ctx, f.budi, task.ID, task.Checklist[2].ID, true); err != nil {
		t.Fatal(err)
	}

	syncOnce(t, f.ws)
	syncOnce(t, mate)
	syncOnce(t, f.ws)
	for name, ws := range map[string]*core.Workspace{"this computer": f.ws, "the teammate's": mate} {
		got, err := ws.Tasks.Get(ctx, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		c := got.Checklist
		if !c[0].Done || c[0].DoneBy != f.ana || c[1].Done || !c[2].Done || c[2].DoneBy != f.budi || got.Status != "doing" {
			t.Fatalf("%s: status %s, checklist %+v", name, got.Status, c)
		}
		h, _ := ws.Tasks.History(ctx, task.ID)
		if len(h) != 2 || h[1].Kind != tasks.KindStatus || h[1].To != "doing" {
			t.Fatalf("%s: history %+v", name, h)
		}
	}
	var conflicts int64
	if err := mate.Store.DB().Raw("SELECT COUNT(*) FROM conflicts").Scan(&conflicts).Error; err != nil {
		t.Fatal(err)
	}
	if conflicts != 0 {
		t.Fatalf("ticking different items is no conflict, got %d", conflicts)
	}
}
