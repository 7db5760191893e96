package sharedfolder_test

import (
	"math/rand"
	"testing"
	"time"
)

// Rebuilding a device's state from its change log keeps the refusals as
// they were: the Sync page still says when each change was refused, and the
// refused change stays out of the rebuilt state.
func TestRebuildKeepsWhenAChangeWasRefused(t *testing.T) {
	h := newHistory()
	setupTeam(h)
	approve(h.by(devBudi), "post-1", memBudi)
	ws := receiver(t)
	deliver(t, rand.New(rand.NewSource(1)), ws, h.all)
	before, err := ws.Replica.Refused(ctx)
	if err != nil || len(before) != 3 {
		t.Fatalf("refused before the rebuild: %+v, %v", before, err)
	}
	// The rebuild runs a moment later than the refusal.
	for time.Now().UnixMilli() <= before[len(before)-1].RefusedAt+1 {
		time.Sleep(time.Millisecond)
	}
	if _, err := ws.Sync.RebuildState(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := ws.Replica.Refused(ctx)
	if err != nil || len(after) != len(before) {
		t.Fatalf("refused after the rebuild: %+v, %v", after, err)
	}
	for i := range before {
		if after[i].ID != before[i].ID || after[i].RefusedAt != before[i].RefusedAt {
			t.Fatalf("the rebuild changed a refusal:\nbefore %+v\nafter  %+v", before[i], after[i])
		}
	}
	if got := postStatus(t, ws, "post-1"); got != "in_review/" {
		t.Fatalf("after the rebuild the refused approval shows: %s", got)
	}
}
