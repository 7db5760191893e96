package sharedfolder_test

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
)

// The permission tests write changes as three other devices would (a
// manager's, Budi's and Citra's, content creators) and deliver them to
// receiving devices in random orders, as the shared folder may.
const (
	devManager = "00000000-0000-7000-8000-00000000000a"
	devBudi    = "00000000-0000-7000-8000-00000000000b"
	devCitra   = "00000000-0000-7000-8000-00000000000c"
	memManager = "m-manager"
	memBudi    = "m-budi"
	memCitra   = "m-citra"
)

// author writes changes for one device with increasing clocks, basing each
// on the last value of the field any author wrote (they saw everything).
type author struct {
	device string
	h      *history
}

type history struct {
	next int64
	last map[string]replica.Clock
	all  []replica.Change
}

func newHistory() *history {
	return &history{next: replica.Stamp(time.Now().Add(-time.Hour).UnixMilli(), 0), last: map[string]replica.Clock{}}
}

func (h *history) by(device string) author { return author{device, h} }

// write records one row write: all its fields share one clock.
func (a author) write(table, id string, values map[string]any) []replica.Change {
	a.h.next += 1 << 16 // one millisecond later
	clock := replica.Clock{HLC: a.h.next, Device: a.device}
	names := make([]string, 0, len(values))
	for f := range values {
		names = append(names, f)
	}
	sort.Strings(names)
	var out []replica.Change
	for _, f := range names {
		raw, _ := json.Marshal(values[f])
		k := table + "/" + id + "/" + f
		c := replica.Change{Entity: table, RowID: id, Field: f, Value: raw, Clock: clock, Base: a.h.last[k]}
		a.h.last[k] = clock
		out = append(out, c)
	}
	a.h.all = append(a.h.all, out...)
	return out
}

// receiver opens a device that knows which member each author writes for.
func receiver(t *testing.T) *core.Workspace {
	t.Helper()
	ws, _ := testws.Open(t)
	for dev, mem := range map[string]string{devManager: memManager, devBudi: memBudi, devCitra: memCitra} {
		if err := ws.Store.DB().Exec(`INSERT INTO sync_devices(device, member_id) VALUES (?, ?)`, dev, mem).Error; err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

// deliver applies changes in a random order, in random batches, with some
// delivered twice.
func deliver(t *testing.T, rng *rand.Rand, ws *core.Workspace, changes []replica.Change) {
	t.Helper()
	cs := append([]replica.Change(nil), changes...)
	rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
	for len(cs) > 0 {
		n := 1 + rng.Intn(min(len(cs), 4))
		batch := append([]replica.Change(nil), cs[:n]...)
		if rng.Intn(5) == 0 {
			batch = append(batch, cs[rng.Intn(len(cs))])
		}
		if _, err := ws.Replica.Apply(ctx, batch); err != nil {
			t.Fatalf("apply: %v", err)
		}
		cs = cs[n:]
	}
}

// refusedSet names the open refusals of a device, sorted.
func refusedSet(t *testing.T, ws *core.Workspace) []string {
	t.Helper()
	rs, err := ws.Replica.Refused(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s.%s %s by %s: %s %s", r.Table, r.Field, r.RowID, r.Member, r.Reason, r.Permission))
	}
	sort.Strings(out)
	return out
}

func postStatus(t *testing.T, ws *core.Workspace, id string) string {
	t.Helper()
	var rows []struct{ Status, ApprovedBy string }
	if err := ws.Store.DB().Raw(`SELECT status, approved_by FROM posts WHERE id = ?`, id).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		return "(no post)"
	}
	return rows[0].Status + "/" + rows[0].ApprovedBy
}

// setupTeam is the manager founding the team: itself, Budi and Citra
// (content creators, who may not approve), and a post Budi sent for review.
func setupTeam(h *history) {
	m := h.by(devManager)
	m.write("members", memManager, map[string]any{"name": "Maya", "roles": []string{"social_media_manager"}, "created_at": 1})
	m.write("members", memBudi, map[string]any{"name": "Budi", "roles": []string{"content_creator"}, "created_at": 1})
	m.write("members", memCitra, map[string]any{"name": "Citra", "roles": []string{"content_creator"}, "created_at": 1})
	h.by(devBudi).write("posts", "post-1", map[string]any{"title": "Promo Jumat", "status": "in_review", "created_at": 1})
}

func approve(a author, post, member string) {
	a.write("posts", post, map[string]any{"status": "approved", "approved_by": member, "approved_at": 1700000000000})
}

func TestApprovalWithoutApprovePostsIsRefusedOnEveryDevice(t *testing.T) {
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	h := newHistory()
	setupTeam(h)
	approve(h.by(devBudi), "post-1", memBudi)
	want := []string{
		"posts.approved_at post-1 by m-budi: permission_missing approve_posts",
		"posts.approved_by post-1 by m-budi: permission_missing approve_posts",
		"posts.status post-1 by m-budi: permission_missing approve_posts",
	}
	for i := 0; i < 4; i++ {
		ws := receiver(t)
		deliver(t, rng, ws, h.all)
		if got := postStatus(t, ws, "post-1"); got != "in_review/" {
			t.Fatalf("device %d: post is %s, want still in review", i, got)
		}
		if got := refusedSet(t, ws); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("device %d refused:\n%s\nwant:\n%s", i, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestGrantArrivingAfterTheApprovalItAllowsAppliesIt(t *testing.T) {
	h := newHistory()
	setupTeam(h)
	grant := h.by(devManager).write("roles", "content_creator", map[string]any{"permissions": []string{"approve_posts"}})
	before := len(h.all)
	approve(h.by(devBudi), "post-1", memBudi)
	approval := h.all[before:]

	ws := receiver(t)
	if _, err := ws.Replica.Apply(ctx, h.all[:before-len(grant)]); err != nil {
		t.Fatal(err)
	}
	res, err := ws.Replica.Apply(ctx, approval)
	if err != nil {
		t.Fatal(err)
	}
	if res.Refused != 3 || postStatus(t, ws, "post-1") != "in_review/" {
		t.Fatalf("before the grant: %+v, post %s; want the approval refused", res, postStatus(t, ws, "post-1"))
	}
	if _, err := ws.Replica.Apply(ctx, grant); err != nil {
		t.Fatal(err)
	}
	if got := postStatus(t, ws, "post-1"); got != "approved/"+memBudi {
		t.Fatalf("after the grant the post is %s, want approved by Budi", got)
	}
	if got := refusedSet(t, ws); len(got) != 0 {
		t.Fatalf("still refused after the grant: %v", got)
	}
	// The refusal is kept as history, marked allowed, never deleted.
	var kept int64
	ws.Store.DB().Raw(`SELECT COUNT(*) FROM refused_changes WHERE accepted_at IS NOT NULL`).Scan(&kept)
	if kept != 3 {
		t.Fatalf("%d refusals kept as allowed, want 3", kept)
	}
}

func TestRevokeArrivingAfterAnApprovalMadeAfterItTakesTheApprovalBack(t *testing.T) {
	h := newHistory()
	setupTeam(h)
	h.by(devManager).write("roles", "content_creator", map[string]any{"permissions": []string{"approve_posts"}})
	revoke := h.by(devManager).write("roles", "content_creator", map[string]any{"permissions": []string{}})
	approve(h.by(devBudi), "post-1", memBudi) // Budi had not seen the revoke
	ws := receiver(t)
	var early []replica.Change
	for _, c := range h.all {
		if c.Clock != revoke[0].Clock {
			early = append(early, c)
		}
	}
	if _, err := ws.Replica.Apply(ctx, early); err != nil {
		t.Fatal(err)
	}
	if got := postStatus(t, ws, "post-1"); got != "approved/"+memBudi {
		t.Fatalf("before the revoke arrives the post is %s, want approved", got)
	}
	if _, err := ws.Replica.Apply(ctx, revoke); err != nil {
		t.Fatal(err)
	}
	if got := postStatus(t, ws, "post-1"); got != "in_review/" {
		t.Fatalf("after the revoke the post is %s, want back in review", got)
	}
	if got := refusedSet(t, ws); len(got) != 3 {
		t.Fatalf("refused %v, want the three fields of the approval", got)
	}
	// Rebuilding this device's data from its change log leaves the refused
	// approval out, as sync did.
	if _, err := ws.Replica.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := postStatus(t, ws, "post-1"); got != "in_review/" {
		t.Fatalf("after a rebuild the post is %s, want in review", got)
	}
	if got := refusedSet(t, ws); len(got) != 3 {
		t.Fatalf("after a rebuild refused %v, want the three fields of the approval", got)
	}
}

func TestStyleGuideEditWithoutEditStyleGuideIsRefused(t *testing.T) {
	h := newHistory()
	setupTeam(h)
	h.by(devBudi).write("style_guide_entries", "entry-1", map[string]any{"section": "banned", "text": "murah banget", "created_at": 1})
	h.by(devBudi).write("workspace", "ws-1", map[string]any{"network_limits": `[{"network":"x","maxChars":10}]`})
	h.by(devManager).write("style_guide_entries", "entry-2", map[string]any{"section": "banned", "text": "gratis", "created_at": 1})
	ws := receiver(t)
	deliver(t, rand.New(rand.NewSource(1)), ws, h.all)
	var texts []string
	ws.Store.DB().Raw(`SELECT text FROM style_guide_entries WHERE deleted_at IS NULL ORDER BY text`).Scan(&texts)
	if strings.Join(texts, ",") != "gratis" {
		t.Fatalf("style guide holds %v, want only the manager's entry", texts)
	}
	got := refusedSet(t, ws)
	if len(got) != 4 || !strings.Contains(strings.Join(got, "\n"), "workspace.network_limits ws-1 by m-budi: permission_missing edit_style_guide") {
		t.Fatalf("refused:\n%s", strings.Join(got, "\n"))
	}
}

func TestRoleChangeByANonManagerIsRefused(t *testing.T) {
	h := newHistory()
	setupTeam(h)
	h.by(devBudi).write("roles", "content_creator", map[string]any{"permissions": []string{"approve_posts", "manage_team"}})
	h.by(devBudi).write("members", memBudi, map[string]any{"roles": []string{"head_of_social"}})
	approve(h.by(devBudi), "post-1", memBudi) // would be allowed by either change
	ws := receiver(t)
	deliver(t, rand.New(rand.NewSource(2)), ws, h.all)
	if got := postStatus(t, ws, "post-1"); got != "in_review/" {
		t.Fatalf("post is %s: a refused role change gave Budi a permission", got)
	}
	var roles string
	ws.Store.DB().Raw(`SELECT roles FROM members WHERE id = ?`, memBudi).Scan(&roles)
	if roles != `["content_creator"]` {
		t.Fatalf("Budi's roles are %s", roles)
	}
	if got := refusedSet(t, ws); len(got) != 5 {
		t.Fatalf("refused:\n%s", strings.Join(got, "\n"))
	}
}

// TestPermissionsConvergeInAnyOrder makes random grants, revokes, role and
// member changes, approvals and style-guide edits by a manager and two
// content creators, and delivers them to several devices in different
// random orders and batches: every device must end with the same data and
// refuse the same changes as a device that got them all at once.
//
// POSTDECK_SEED replays a run.
func TestPermissionsConvergeInAnyOrder(t *testing.T) {
	seed := time.Now().UnixNano()
	if s := os.Getenv("POSTDECK_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	t.Logf("seed %d (replay with POSTDECK_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewSource(seed))
	for run := 0; run < 6; run++ {
		h := newHistory()
		setupTeam(h)
		devices := []string{devManager, devBudi, devCitra}
		members := map[string]string{devManager: memManager, devBudi: memBudi, devCitra: memCitra}
		perms := [][]string{{}, {"approve_posts"}, {"approve_posts", "edit_style_guide"}, {"manage_team", "approve_posts"}}
		roleSets := [][]string{{"content_creator"}, {"brand_manager"}, {"social_media_manager"}, {"freelancer"}}
		for op := 0; op < 40; op++ {
			a := h.by(devices[rng.Intn(len(devices))])
			switch rng.Intn(6) {
			case 0: // grant or revoke on a role
				a.write("roles", "content_creator", map[string]any{"permissions": perms[rng.Intn(len(perms))]})
			case 1: // a member's roles
				m := []string{memBudi, memCitra}[rng.Intn(2)]
				a.write("members", m, map[string]any{"roles": roleSets[rng.Intn(len(roleSets))]})
			case 2, 3: // approve or send back a post
				post := fmt.Sprintf("post-%d", 1+rng.Intn(3))
				if rng.Intn(3) == 0 {
					a.write("posts", post, map[string]any{"status": "draft", "approved_by": "", "approved_at": 0})
				} else {
					approve(a, post, members[a.device])
				}
			case 4: // the style guide
				a.write("style_guide_entries", fmt.Sprintf("entry-%d", rng.Intn(3)),
					map[string]any{"section": "banned", "text": fmt.Sprintf("kata %d", rng.Intn(100))})
			case 5: // a member's name
				a.write("members", memCitra, map[string]any{"name": fmt.Sprintf("Citra %d", rng.Intn(100))})
			}
		}
		ref := receiver(t)
		if _, err := ref.Replica.Apply(ctx, h.all); err != nil {
			t.Fatal(err)
		}
		want, wantRefused := teamState(t, ref), refusedSet(t, ref)
		if len(wantRefused) == 0 {
			t.Fatalf("run %d refused nothing: the scenario tests nothing", run)
		}
		for i := 0; i < 3; i++ {
			ws := receiver(t)
			deliver(t, rng, ws, h.all)
			if got := refusedSet(t, ws); strings.Join(got, "\n") != strings.Join(wantRefused, "\n") {
				t.Fatalf("run %d device %d refused:\n%s\nwant:\n%s", run, i, strings.Join(got, "\n"), strings.Join(wantRefused, "\n"))
			}
			if got := teamState(t, ws); got != want {
				t.Fatalf("run %d device %d differs from the device that got every change at once:\n%s\nwant:\n%s", run, i, got, want)
			}
		}
	}
}

// teamState is what the permission-bearing tables hold, their field clocks
// and the open conflicts. (Conflict resolutions a receiver writes itself
// carry its own clock; they reach the others by sync, not compared here.)
func teamState(t *testing.T, ws *core.Workspace) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, name, roles, updated_at, deleted_at FROM members ORDER BY id`,
		`SELECT id, permissions, updated_at, deleted_at FROM roles ORDER BY id`,
		`SELECT id, status, approved_by, approved_at, updated_at, deleted_at FROM posts ORDER BY id`,
		`SELECT id, section, text, updated_at, deleted_at FROM style_guide_entries ORDER BY id`,
		`SELECT entity, row_id, field, hlc, device FROM field_clocks WHERE entity IN ('members', 'roles', 'posts', 'style_guide_entries') ORDER BY 1, 2, 3`,
		`SELECT c.entity, c.row_id, c.field, c.hlc, c.device FROM conflicts c LEFT JOIN conflict_resolutions r ON r.id = c.id WHERE r.id IS NULL ORDER BY 1, 2, 3, 4`,
	} {
		var rows []map[string]any
		if err := ws.Store.DB().Raw(q).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			j, _ := json.Marshal(r)
			b.Write(j)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
