package sharedfolder_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

var ctx = context.Background()

// pair returns two devices of one workspace sharing folder.
func pair(t *testing.T) (a, b *core.Workspace, folder string) {
	t.Helper()
	folder = t.TempDir()
	a, _ = testws.Open(t)
	b, _ = testws.Open(t)
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatalf("connect: %v", err)
	}
	if _, err := b.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatalf("join: %v", err)
	}
	return a, b, folder
}

func syncOK(t *testing.T, ws *core.Workspace) sharedfolder.Report {
	t.Helper()
	r, err := ws.Sync.SyncOnce(ctx)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return r
}

func names(t *testing.T, ws *core.Workspace) string {
	t.Helper()
	ms, err := ws.Team.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return strings.Join(out, ",")
}

func TestTwoDevicesConverge(t *testing.T) {
	a, b, _ := pair(t)
	ana, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	r := syncOK(t, b)
	if r.Applied == 0 || names(t, b) != "Ana" {
		t.Fatalf("b did not get Ana: %+v %q", r, names(t, b))
	}
	if b.Workspace.ID() != a.Workspace.ID() {
		t.Fatal("b did not adopt the workspace")
	}
	if _, err := b.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"copywriter"}, BackupID: ana.ID}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, b)
	syncOK(t, a)
	if names(t, a) != "Ana,Budi" || names(t, b) != "Ana,Budi" {
		t.Fatalf("a=%q b=%q", names(t, a), names(t, b))
	}
	// A sync with nothing new applies nothing and writes no segment.
	if r := syncOK(t, a); r.Applied != 0 || r.Pushed != 0 {
		t.Fatalf("idle sync did work: %+v", r)
	}
}

func TestConcurrentEditsKeepAConflictOnBothSides(t *testing.T) {
	a, b, _ := pair(t)
	m, _ := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	syncOK(t, a)
	syncOK(t, b)
	x, y := "Ana A", "Ana B"
	if _, err := a.Team.UpdateMember(ctx, "", m.ID, team.MemberPatch{Name: &x}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Team.UpdateMember(ctx, "", m.ID, team.MemberPatch{Name: &y}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	syncOK(t, a)
	if names(t, a) != names(t, b) {
		t.Fatalf("diverged: %q vs %q", names(t, a), names(t, b))
	}
	for _, ws := range []*core.Workspace{a, b} {
		cs, err := ws.Replica.Conflicts(ctx)
		if err != nil || len(cs) != 1 {
			t.Fatalf("want one conflict, got %v %v", cs, err)
		}
		lost := strings.Trim(string(cs[0].Value), `"`)
		if lost == names(t, ws) || (lost != x && lost != y) {
			t.Fatalf("the conflict must hold the losing value, got %q (winner %q)", lost, names(t, ws))
		}
	}
}

func TestMissingFolderPausesAndKeepsLocalData(t *testing.T) {
	a, b, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	syncOK(t, a)
	syncOK(t, b)
	if err := os.RemoveAll(folder); err != nil {
		t.Fatal(err)
	}
	_, err := b.Sync.SyncOnce(ctx)
	if apperr.Code(err) != sharedfolder.CodeFolderMissing {
		t.Fatalf("want folder_missing, got %v", err)
	}
	if names(t, b) != "Ana" {
		t.Fatal("a missing folder removed local data")
	}
	// An empty folder (a syncer that has not synced yet) is the same.
	os.MkdirAll(folder, 0o755)
	_, err = b.Sync.SyncOnce(ctx)
	if apperr.Code(err) != sharedfolder.CodeFolderMissing || names(t, b) != "Ana" {
		t.Fatalf("empty folder: %v, members %q", err, names(t, b))
	}
	if entries, _ := os.ReadDir(folder); len(entries) != 0 {
		t.Fatalf("sync wrote into an empty folder: %v", entries)
	}
}

func TestBadFilesAreIgnoredUntilWhole(t *testing.T) {
	a, b, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	syncOK(t, a)
	seg := filepath.Join(folder, "postdeck", a.Workspace.ID(), "devices", a.Replica.Device(), "changes", sharedfolder.SegmentName(1))
	whole, err := os.ReadFile(seg)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(seg)
	// Syncer leftovers next to it are never read.
	os.WriteFile(filepath.Join(dir, "000000000001.sync-conflict-20261124-101010-ABC.seg"), []byte("junk"), 0o644)
	os.WriteFile(filepath.Join(dir, "000000000001 (1).seg"), []byte("junk"), 0o644)
	for _, tc := range []struct {
		name string
		data []byte
		code string
	}{
		{"empty", nil, ""},
		{"truncated", whole[:len(whole)/2], sharedfolder.CodeWaitingSegment},
		{"corrupt", append(append([]byte{}, whole[:20]...), append([]byte("X"), whole[21:]...)...), sharedfolder.CodeCorruptSegment},
	} {
		os.WriteFile(seg, tc.data, 0o644)
		r := syncOK(t, b)
		if r.Applied != 0 || names(t, b) != "" {
			t.Fatalf("%s segment was applied: %+v", tc.name, r)
		}
		if tc.code != "" && (len(r.Issues) == 0 || r.Issues[0].Code != tc.code) {
			t.Fatalf("%s: want issue %s, got %+v", tc.name, tc.code, r.Issues)
		}
		if len(r.Leftovers) != 2 {
			t.Fatalf("leftovers not reported: %v", r.Leftovers)
		}
	}
	os.WriteFile(seg, whole, 0o644)
	if r := syncOK(t, b); r.Applied == 0 || names(t, b) != "Ana" {
		t.Fatalf("whole segment not applied: %+v", r)
	}
}

func roleDescription(t *testing.T, ws *core.Workspace, id string) string {
	t.Helper()
	var d string
	ws.Store.DB().Raw("SELECT description FROM roles WHERE id = ?", id).Scan(&d)
	return d
}

// Two people edit different lines of one text at the same time: both edits
// are kept, on both devices, and nobody has to resolve anything.
func TestConcurrentTextEditsOnDifferentLinesMerge(t *testing.T) {
	a, b, _ := pair(t)
	role, err := a.Team.AddRole(ctx, "", team.RoleInput{Name: "Live host", Description: "Hosts lives\nTwice a week\nOn TikTok"})
	if err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	setDesc := func(ws *core.Workspace, text string) {
		t.Helper()
		if err := ws.Replica.Write(ctx, func(w *replica.Writer) error {
			return w.Update("roles", role.ID, map[string]any{"description": text})
		}); err != nil {
			t.Fatal(err)
		}
	}
	setDesc(a, "Hosts lives and answers chat\nTwice a week\nOn TikTok")
	setDesc(b, "Hosts lives\nTwice a week\nOn TikTok and Instagram")
	for i := 0; i < 3; i++ {
		syncOK(t, a)
		syncOK(t, b)
	}
	want := "Hosts lives and answers chat\nTwice a week\nOn TikTok and Instagram"
	for _, ws := range []*core.Workspace{a, b} {
		if got := roleDescription(t, ws, role.ID); got != want {
			t.Fatalf("merged text: %q", got)
		}
		if cs, _ := ws.Replica.Conflicts(ctx); len(cs) != 0 {
			t.Fatalf("a clean merge left conflicts: %+v", cs)
		}
	}
}
