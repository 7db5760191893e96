package csvio_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/google/uuid"

	"postdeck/backend/core"
	"postdeck/backend/csvio"
	"postdeck/backend/internal/testws"
)

// table reads a table whole, in a fixed order.
func table(t *testing.T, ws *core.Workspace, q string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := ws.Store.DB().Raw(q).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// An import writes its rows in one batch; a teammate who joins afterwards
// gets exactly the same posts, channel texts and history, and the same
// change log of the importing device, as the importing device has.
func TestAnImportedFileSyncsToATeammateIdentically(t *testing.T) {
	f := setup(t)
	folder := t.TempDir()
	if _, err := f.ws.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	rows := parse(t, export(t, f.ws))
	xText := slices.Index(rows[0], "text [x:@kopinus]")
	if xText < 0 {
		t.Fatalf("no column for X's own text in %v", rows[0])
	}
	for _, r := range rows[1:] {
		if r[1] == "Promo kopi susu" {
			r[1], r[xText] = "Promo kopi susu (revisi)", "Kopi susu -25% ☕"
		}
	}
	for i := 0; i < 40; i++ {
		r := make([]string, len(rows[0]))
		r[1], r[2], r[3], r[5], r[6] = fmt.Sprintf("Ide %d", i), fmt.Sprintf("2027-03-%02d", 1+i%28), "10:00",
			"instagram:@kopinus, x:@kopinus", "Teks umum"
		if i%3 == 0 {
			r[xText] = fmt.Sprintf("Teks X %d", i)
		}
		if i%10 == 0 {
			r[0] = uuid.Must(uuid.NewV7()).String() // a post from another workspace keeps its id
		}
		rows = append(rows, r)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.WriteAll(rows)
	res, _, err := csvio.Import(ctx, f.ws, b.Bytes(), csvio.Options{Actor: f.sari})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 40 || res.Updated != 1 {
		t.Fatalf("result: %+v", res)
	}
	if _, err := f.ws.Sync.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	mate, _ := testws.Open(t)
	if _, err := mate.Sync.Join(ctx, folder, f.ws.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"SELECT * FROM posts ORDER BY id", "SELECT * FROM post_variants ORDER BY id",
		"SELECT * FROM post_events ORDER BY id"} {
		want, got := table(t, f.ws, q), table(t, mate, q)
		if len(want) < 10 {
			t.Fatalf("%s: only %d rows", q, len(want))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs:\nteammate %v\nimporter %v", q, got, want)
		}
	}
	device := f.ws.Replica.Device()
	log := `SELECT entity, row_id, field, value, hlc, device, base_hlc, base_device FROM changes WHERE device = '` +
		device + `' ORDER BY hlc, entity, row_id, field`
	if want, got := table(t, f.ws, log), table(t, mate, log); !reflect.DeepEqual(got, want) {
		t.Errorf("the teammate has %d of the importer's changes, the importer %d, or they differ", len(got), len(want))
	}
}
