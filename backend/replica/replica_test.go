package replica_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
	"postdeck/backend/store"
)

var ctx = context.Background()

var entities = []replica.Entity{{Table: "members", Fields: map[string]replica.Kind{
	"name": replica.Text, "email": replica.Text, "roles": replica.JSON, "capacity_hours": replica.Float, "freelancer": replica.Bool,
}}, {Table: replica.TableConflictResolutions, Fields: map[string]replica.Kind{"resolved_by": replica.Text}}}

func open(t *testing.T, now func() time.Time) *replica.Replica {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r, err := replica.Open(st, entities, replica.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func rowsHash(t *testing.T, st *store.Store) string {
	var rows []map[string]any
	st.DB().Raw("SELECT * FROM members ORDER BY id").Scan(&rows)
	var clocks []map[string]any
	st.DB().Raw("SELECT * FROM field_clocks ORDER BY entity, row_id, field").Scan(&clocks)
	b, _ := json.Marshal([]any{rows, clocks})
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Three replicas exchange their change logs in random orders, with
// duplicates, and end with identical rows.
func TestThreeReplicasConverge(t *testing.T) {
	seed := time.Now().UnixNano()
	if s := os.Getenv("POSTDECK_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	stores := make([]*store.Store, 3)
	reps := make([]*replica.Replica, 3)
	for i := range reps {
		st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		skew := time.Duration(rng.Intn(600)-300) * time.Second
		reps[i], err = replica.Open(st, entities, replica.Options{Now: func() time.Time { return time.Now().Add(skew) }})
		if err != nil {
			t.Fatal(err)
		}
		stores[i] = st
	}
	var ids []string
	for step := 0; step < 600; step++ {
		r := reps[rng.Intn(3)]
		err := r.Write(ctx, func(w *replica.Writer) error {
			if len(ids) == 0 || rng.Intn(5) == 0 {
				id, err := w.Insert("members", map[string]any{"name": fmt.Sprint("m", step), "roles": []string{"copywriter"}})
				ids = append(ids, id)
				return err
			}
			id := ids[rng.Intn(len(ids))]
			switch rng.Intn(4) {
			case 0:
				return w.Delete("members", id)
			case 1:
				return w.Restore("members", id)
			default:
				return w.Update("members", id, map[string]any{"name": fmt.Sprint("n", rng.Intn(20)), "capacity_hours": float64(rng.Intn(40))})
			}
		})
		if err != nil && apperr.Code(err) != apperr.CodeNotFound {
			t.Fatal(err)
		}
		if rng.Intn(10) == 0 { // a random exchange: a random slice of one log, maybe twice
			from, to := reps[rng.Intn(3)], reps[rng.Intn(3)]
			all, _, _ := from.AllChanges(ctx, 0, 1<<30)
			if len(all) > 0 {
				a := rng.Intn(len(all))
				batch := all[a:min(len(all), a+1+rng.Intn(50))]
				rng.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
				for k := 0; k <= rng.Intn(2); k++ {
					if _, err := to.Apply(ctx, batch); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	// Full exchange, in random order, until nobody learns anything new.
	for round := 0; round < 5; round++ {
		for _, i := range rng.Perm(3) {
			for _, j := range rng.Perm(3) {
				all, _, _ := reps[i].AllChanges(ctx, 0, 1<<30)
				rng.Shuffle(len(all), func(a, b int) { all[a], all[b] = all[b], all[a] })
				if _, err := reps[j].Apply(ctx, all); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	want := rowsHash(t, stores[0])
	for i := 1; i < 3; i++ {
		if got := rowsHash(t, stores[i]); got != want {
			t.Fatalf("replica %d diverged (seed %d)", i, seed)
		}
	}
	c0, _ := reps[0].Conflicts(ctx)
	for i := 1; i < 3; i++ {
		ci, _ := reps[i].Conflicts(ctx)
		if len(ci) != len(c0) {
			t.Fatalf("replica %d has %d open conflicts, replica 0 has %d", i, len(ci), len(c0))
		}
	}
}

func TestConcurrentEditsLeaveOneWinnerAndOneConflict(t *testing.T) {
	a, b := open(t, time.Now), open(t, time.Now)
	var id string
	a.Write(ctx, func(w *replica.Writer) error {
		var err error
		id, err = w.Insert("members", map[string]any{"name": "Ana"})
		return err
	})
	all, _, _ := a.AllChanges(ctx, 0, 100)
	b.Apply(ctx, all)
	a.Write(ctx, func(w *replica.Writer) error { return w.Update("members", id, map[string]any{"name": "Ana A"}) })
	b.Write(ctx, func(w *replica.Writer) error { return w.Update("members", id, map[string]any{"name": "Ana B"}) })
	fromA, _, _ := a.LocalChanges(ctx, 0, 100)
	fromB, _, _ := b.LocalChanges(ctx, 0, 100)
	if _, err := b.Apply(ctx, fromA); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Apply(ctx, fromB); err != nil {
		t.Fatal(err)
	}
	ca, _ := a.Conflicts(ctx)
	cb, _ := b.Conflicts(ctx)
	if len(ca) != 1 || len(cb) != 1 || ca[0].ID != cb[0].ID {
		t.Fatalf("want the same single conflict on both: %+v %+v", ca, cb)
	}
	views, _ := a.ConflictViews(ctx)
	var winner, loser string
	json.Unmarshal(views[0].Current, &winner)
	json.Unmarshal(views[0].Value, &loser)
	if winner == loser || (winner != "Ana A" && winner != "Ana B") || (loser != "Ana A" && loser != "Ana B") {
		t.Fatalf("winner %q loser %q", winner, loser)
	}
}

func TestAClockTenYearsAheadDoesNotWinSilently(t *testing.T) {
	normal := open(t, time.Now)
	future := open(t, func() time.Time { return time.Now().AddDate(10, 0, 0) })
	var id string
	normal.Write(ctx, func(w *replica.Writer) error {
		var err error
		id, err = w.Insert("members", map[string]any{"name": "Ana"})
		return err
	})
	all, _, _ := normal.AllChanges(ctx, 0, 100)
	future.Apply(ctx, all)
	future.Write(ctx, func(w *replica.Writer) error {
		return w.Update("members", id, map[string]any{"name": "From the future"})
	})
	fromFuture, _, _ := future.LocalChanges(ctx, 0, 100)
	res, err := normal.Apply(ctx, fromFuture)
	if err != nil || res.Quarantined != 1 || res.Applied != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if n, _ := normal.Quarantined(ctx); n != 1 {
		t.Fatalf("quarantined: %d", n)
	}
	normal.Write(ctx, func(w *replica.Writer) error { return w.Update("members", id, map[string]any{"name": "Ana 2"}) })
	mine, _, _ := normal.LocalChanges(ctx, 0, 100)
	if last := mine[len(mine)-1].Clock.Time(); last.After(time.Now().Add(time.Hour)) {
		t.Fatalf("the local clock was dragged to %s", last)
	}
}

func TestValidIDAcceptsIdsAndRefusesPathsAndNoise(t *testing.T) {
	for _, ok := range []string{replica.NewID(), "a", "0193f1c2-0000-7000-8000-000000000000", "dev_1", strings.Repeat("a", 64)} {
		if !replica.ValidID(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "-a", "_a", "../etc", "a/b", "a b", "é", strings.Repeat("a", 65), "a\x00"} {
		if replica.ValidID(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}
