package sharedfolder_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// folderLeaks returns every secret found in any file under folder: as it
// is, JSON-escaped, and base64-encoded at each of the three alignments.
func folderLeaks(t *testing.T, folder string, secrets []string) []string {
	t.Helper()
	var all [][]byte
	var paths []string
	err := filepath.WalkDir(folder, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		all, paths = append(all, data), append(paths, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, s := range secrets {
		forms := []string{s}
		if j, _ := json.Marshal(s); len(j) > 2 {
			forms = append(forms, string(j[1:len(j)-1]))
		}
		for k := 0; k < 3; k++ {
			enc := base64.StdEncoding.EncodeToString(append(make([]byte, k), s...))
			from := 0
			if k > 0 {
				from = 4
			}
			if len(enc)-4 > from+8 {
				forms = append(forms, enc[from:len(enc)-4])
			}
		}
		for i, data := range all {
			for _, f := range forms {
				if bytes.Contains(data, []byte(f)) {
					found = append(found, s+" in "+strings.TrimPrefix(paths[i], folder))
				}
			}
		}
	}
	return found
}

// joinEncrypted opens a new computer that joins an encrypted folder: it
// cannot read the team, so it asks to join without saying as whom.
func joinEncrypted(t *testing.T, folder string, a *core.Workspace) *core.Workspace {
	t.Helper()
	d := testws.OpenStrict(t)
	if _, err := d.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	syncOK(t, d)
	return d
}

func encryption(t *testing.T, ws *core.Workspace) sharedfolder.EncryptionStatus {
	t.Helper()
	s, err := ws.Sync.Encryption()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func hasIssue(rep sharedfolder.Report, code string) bool {
	for _, i := range rep.Issues {
		if i.Code == code {
			return true
		}
	}
	return false
}

func postTitles(t *testing.T, ws *core.Workspace, ids ...string) []string {
	t.Helper()
	var out []string
	for _, id := range ids {
		if p, err := ws.Calendar.Post(ctx, id); err == nil {
			out = append(out, p.Title)
		}
	}
	return out
}

func deviceNamed(t *testing.T, ws *core.Workspace, id string) sharedfolder.Device {
	t.Helper()
	list, err := ws.Sync.Devices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.DeviceID == id {
			return d
		}
	}
	t.Fatalf("device %s not listed", id)
	return sharedfolder.Device{}
}

// keyEntries lists who each workspace key is wrapped for, from every key
// file in the folder: key id -> device ids.
func keyEntries(t *testing.T, folder string, a *core.Workspace) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	files, _ := filepath.Glob(filepath.Join(folder, "postdeck", a.Workspace.ID(), "devices", "*", "keys.json"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var kf sharedfolder.KeyFile
		if err := json.Unmarshal(data, &kf); err != nil {
			t.Fatal(err)
		}
		for _, w := range kf.Wrapped {
			out[w.ID] = append(out[w.ID], w.For)
		}
	}
	return out
}

// TestAnEncryptedFolderHoldsNothingReadable: a team's posts, comments,
// attachment, member names and computer names travel between three
// computers through an encrypted folder in which no file holds any of
// them; a computer that joins reads everything once confirmed, one that
// is refused reads nothing, and one revoked gets no key made after.
func TestAnEncryptedFolderHoldsNothingReadable(t *testing.T) {
	const host = "Laptop-Rahmawati-Pribadi"
	t.Cleanup(sharedfolder.SetHostNameForTest(host))
	folder := t.TempDir()
	a := testws.OpenStrict(t)
	a.Sync.Encrypt = true
	people := []string{"Anastasia Kusumawardani", "Budi Santoso Hartono", "Citra Permatasari", "Dewi Lestari Anggraini"}
	var ids []string
	for i, name := range people {
		role := "copywriter"
		if i == 0 {
			role = "social_media_manager"
		}
		m, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: name, Roles: []string{role}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	if err := a.Workspace.SetMe(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	ch, err := a.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinus"})
	if err != nil {
		t.Fatal(err)
	}
	secrets := append([]string{host}, people...)
	addPost := func(ws *core.Workspace, actor, title, body string) string {
		t.Helper()
		p, err := ws.Calendar.AddPost(ctx, actor, calendar.PostInput{Title: title, Body: body, Channels: []string{ch.ID}, Date: "2027-01-10"})
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, title, body)
		return p.ID
	}
	post := addPost(a, ids[0], "Peluncuran Kopi Susu Gula Aren", "Diskon rahasia tiga puluh lima persen untuk pelanggan setia")
	comment := "Tolong cek harga grosir sebelum tayang"
	if _, err := a.Calendar.AddComment(ctx, ids[0], post, comment); err != nil {
		t.Fatal(err)
	}
	photo := []byte("foto produk baru yang belum diumumkan, jangan disebar")
	att, err := a.Calendar.AddAttachment(ctx, post, "produk-baru.png", photo)
	if err != nil {
		t.Fatal(err)
	}
	secrets = append(secrets, comment, string(photo), "produk-baru.png")
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	if s := encryption(t, a); s.State != sharedfolder.EncryptionOn || s.KeyID == "" {
		t.Fatalf("a new shared workspace with Encrypt is encrypted, with a key: %+v", s)
	}

	// Budi's computer asks to join: it reads nothing and says why.
	b := joinEncrypted(t, folder, a)
	rep := syncOK(t, b)
	if got := postTitles(t, b, post); len(got) > 0 || !hasIssue(rep, sharedfolder.CodeNoWorkspaceKey) {
		t.Fatalf("a computer nobody confirmed reads nothing: %v %+v", got, rep.Issues)
	}
	if s := encryption(t, b); s.Waiting != sharedfolder.KeyWaitingConfirmation {
		t.Fatalf("it waits for a confirmation: %+v", s)
	}
	syncOK(t, a)
	if d := deviceNamed(t, a, b.Replica.Device()); d.Name != host || d.State != sharedfolder.StateWaiting {
		t.Fatalf("the manager sees which computer asks, by its sealed name: %+v", d)
	}
	if _, err := a.Sync.ConfirmDevice(ctx, b.Replica.Device()); apperr.Code(err) != sharedfolder.CodeMemberRequired {
		t.Fatalf("a computer that did not say whom it belongs to is confirmed for a member someone chooses: %v", err)
	}
	if _, err := a.Sync.ConfirmDeviceAs(ctx, b.Replica.Device(), ids[1]); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	if got := postTitles(t, b, post); len(got) != 1 {
		t.Fatalf("once confirmed it reads the posts: %v %+v", got, encryption(t, b))
	}
	if cs, err := b.Calendar.Comments(ctx, post); err != nil || len(cs) != 1 || cs[0].Body != comment {
		t.Fatalf("and the comments: %+v %v", cs, err)
	}
	syncOK(t, b)
	if content, err := b.Calendar.AttachmentContent(ctx, att.ID); err != nil || content != base64.StdEncoding.EncodeToString(photo) {
		t.Fatalf("and the attachment: %v", err)
	}
	fromB := addPost(b, ids[1], "Kolaborasi Influencer Bandung", "Anggaran kolaborasi dua belas juta")
	syncOK(t, b)
	syncOK(t, a)
	if got := postTitles(t, a, fromB); len(got) != 1 {
		t.Fatalf("the founder reads the new computer's post: %v", got)
	}

	// Citra's computer is refused: no key, no rows, and it says so.
	c := joinEncrypted(t, folder, a)
	syncOK(t, a)
	if _, err := a.Sync.RefuseDevice(ctx, c.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, c)
	if got := postTitles(t, c, post, fromB); len(got) > 0 || names(t, c) != "" {
		t.Fatalf("a refused computer reads nothing: %v, members %q", got, names(t, c))
	}
	if s := encryption(t, c); s.Waiting != sharedfolder.KeyRefused {
		t.Fatalf("a refused computer says so: %+v", s)
	}
	for id, holders := range keyEntries(t, folder, a) {
		if slices.Contains(holders, c.Replica.Device()) {
			t.Fatalf("key %s was wrapped for the refused computer", id)
		}
	}

	// Dewi's computer joins and is confirmed: three computers read alike.
	d := joinEncrypted(t, folder, a)
	syncOK(t, a)
	if _, err := a.Sync.ConfirmDeviceAs(ctx, d.Replica.Device(), ids[3]); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, d)
	syncOK(t, d)
	if got := postTitles(t, d, post, fromB); len(got) != 2 {
		t.Fatalf("the third computer reads everything: %v", got)
	}
	if content, err := d.Calendar.AttachmentContent(ctx, att.ID); err != nil || content != base64.StdEncoding.EncodeToString(photo) {
		t.Fatalf("the attachment too: %v", err)
	}
	old := encryption(t, a).KeyID
	if got := encryption(t, a).Devices; len(got) != 3 {
		t.Fatalf("three computers hold the key: %v", got)
	}

	// Dewi's laptop is lost: revoked, the key is replaced.
	if _, err := a.Sync.RevokeDevice(ctx, d.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	now := encryption(t, a)
	if now.KeyID == old || slices.Contains(now.Devices, d.Replica.Device()) || len(now.Devices) != 2 {
		t.Fatalf("revoking a computer makes a new key for the others: %s -> %+v", old, now)
	}
	if slices.Contains(keyEntries(t, folder, a)[now.KeyID], d.Replica.Device()) {
		t.Fatal("the new key was wrapped for the revoked computer")
	}
	after := addPost(a, ids[0], "Strategi Lebaran Setelah Pencabutan", "Rencana baru yang tidak boleh dibaca laptop hilang")
	syncOK(t, a)
	syncOK(t, b)
	syncOK(t, d)
	if got := postTitles(t, b, after); len(got) != 1 {
		t.Fatalf("the computers left read what is written with the new key: %v", got)
	}
	if got := postTitles(t, d, after); len(got) > 0 {
		t.Fatalf("the revoked computer cannot read it: %v", got)
	}
	syncOK(t, c)
	syncOK(t, a)

	if leaks := folderLeaks(t, folder, secrets); len(leaks) > 0 {
		sort.Strings(leaks)
		t.Fatalf("the shared folder shows:\n%s", strings.Join(leaks, "\n"))
	}
}

// TestThePlainFolderShowsWhatTheLeakCheckLooksFor: the same check on a
// folder that is not encrypted finds the titles, names and computer name,
// so the encrypted test's silence means something.
func TestThePlainFolderShowsWhatTheLeakCheckLooksFor(t *testing.T) {
	const host = "Laptop-Rahmawati-Pribadi"
	t.Cleanup(sharedfolder.SetHostNameForTest(host))
	a, _, folder := pair(t)
	if _, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Anastasia Kusumawardani", Roles: []string{"copywriter"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Calendar.AddPost(ctx, "", calendar.PostInput{Title: "Peluncuran Kopi Susu Gula Aren", Date: "2027-01-10"}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	leaks := folderLeaks(t, folder, []string{host, "Anastasia Kusumawardani", "Peluncuran Kopi Susu Gula Aren"})
	if len(leaks) < 3 {
		t.Fatalf("a plain folder shows them: %v", leaks)
	}
}

// encryptedPair is a manager's computer that made an encrypted workspace
// and a second computer it confirmed, both holding the key.
func encryptedPair(t *testing.T) (a, b *core.Workspace, folder string) {
	t.Helper()
	folder = t.TempDir()
	a = testws.OpenStrict(t)
	a.Sync.Encrypt = true
	ana, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	budi, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"copywriter"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Workspace.SetMe(ctx, ana.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	b = joinEncrypted(t, folder, a)
	syncOK(t, a)
	if _, err := a.Sync.ConfirmDeviceAs(ctx, b.Replica.Device(), budi.ID); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	if me, _ := b.Workspace.Me(ctx); me != budi.ID {
		t.Fatalf("the confirmed computer writes for the member it was confirmed as: %q", me)
	}
	return a, b, folder
}

// lastSegment is the path of a device's newest segment in folder.
func lastSegment(t *testing.T, folder string, ws *core.Workspace) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(folder, "postdeck", ws.Workspace.ID(), "devices", ws.Replica.Device(), "changes", "*.seg"))
	if len(files) == 0 {
		t.Fatal("no segments")
	}
	sort.Strings(files)
	return files[len(files)-1]
}

// TestASealedSegmentAlteredIsRefusedAndAShortOneWaits: one flipped byte in
// a sealed segment keeps its changes out, with a reason; a segment cut
// short (a syncer still delivering it) waits, and applies once whole.
func TestASealedSegmentAlteredIsRefusedAndAShortOneWaits(t *testing.T) {
	a, b, folder := encryptedPair(t)
	p, err := a.Calendar.AddPost(ctx, "", calendar.PostInput{Title: "Promo Jumat", Date: "2027-01-08"})
	if err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	seg := lastSegment(t, folder, a)
	good, err := os.ReadFile(seg)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(good, []byte("PDSEAL1\n")) {
		t.Fatal("the segment is sealed")
	}
	// Inside is the signed segment as in a plain folder: one signature,
	// checked once after opening.
	rel := filepath.ToSlash(strings.TrimPrefix(seg, filepath.Join(folder, "postdeck", a.Workspace.ID())+string(filepath.Separator)))
	inner, err := b.Sync.ReadSegmentForTest(folder, rel)
	if err != nil {
		t.Fatal(err)
	}
	if h, changes, err := sharedfolder.DecodeSegment(inner); err != nil || !h.Signed || h.Device != a.Replica.Device() || len(changes) == 0 {
		t.Fatalf("the sealed segment holds a signed segment: %+v %v", h, err)
	}
	for _, c := range []struct {
		name string
		data []byte
		code string
	}{
		{"flipped", func() []byte { d := append([]byte{}, good...); d[len(d)/2] ^= 1; return d }(), sharedfolder.CodeCorruptSegment},
		{"truncated", good[:len(good)-40], sharedfolder.CodeWaitingSegment},
	} {
		if err := os.WriteFile(seg, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		rep := syncOK(t, b)
		if got := postTitles(t, b, p.ID); len(got) > 0 {
			t.Fatalf("%s: a segment that does not open is not applied", c.name)
		}
		found := false
		for _, i := range rep.Issues {
			found = found || (i.Code == c.code && strings.HasSuffix(i.File, filepath.Base(seg)))
		}
		if !found {
			t.Fatalf("%s: want %s for %s, got %+v", c.name, c.code, filepath.Base(seg), rep.Issues)
		}
	}
	if err := os.WriteFile(seg, good, 0o644); err != nil {
		t.Fatal(err)
	}
	syncOK(t, b)
	if got := postTitles(t, b, p.ID); len(got) != 1 {
		t.Fatal("once whole, the segment applies")
	}
}

// TestAnEmptiedEncryptedFolderIsRepublishedSealed: the folder's files are
// all gone, key files included; the computer that republishes makes a new
// key, writes nothing plain, and the confirmed teammate gets the key and
// carries on.
func TestAnEmptiedEncryptedFolderIsRepublishedSealed(t *testing.T) {
	a, b, folder := encryptedPair(t)
	p, err := a.Calendar.AddPost(ctx, "", calendar.PostInput{Title: "Sebelum folder dikosongkan", Date: "2027-03-01"})
	if err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	if err := os.RemoveAll(filepath.Join(folder, "postdeck")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.Republish(ctx, "Kopi"); err != nil {
		t.Fatalf("republish: %v", err)
	}
	if _, plain := sealedAndPlain(t, folder); len(plain) > 0 {
		t.Fatalf("the republished folder is sealed: %v", plain)
	}
	// Budi's computer says who it is again, gets the new key, carries on.
	for _, ws := range []*core.Workspace{b, a, b} {
		if _, err := ws.Sync.SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	q, err := a.Calendar.AddPost(ctx, "", calendar.PostInput{Title: "Setelah diterbitkan ulang", Date: "2027-03-02"})
	if err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	if got := postTitles(t, b, p.ID, q.ID); len(got) != 2 {
		t.Fatalf("the teammate carries on: %v %+v", got, encryption(t, b))
	}
	if leaks := folderLeaks(t, folder, []string{"Sebelum folder dikosongkan", "Setelah diterbitkan ulang"}); len(leaks) > 0 {
		t.Fatal(leaks)
	}
}
