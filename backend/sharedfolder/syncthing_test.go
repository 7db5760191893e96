//go:build syncthing

package sharedfolder_test

// TestSyncthingPair syncs two Postdeck devices through a real pair of
// Syncthing instances on 127.0.0.1. Run it with `make test-syncthing`, which
// puts it in a private network namespace (scripts/test-syncthing.sh) so no
// packet can leave the machine; the instances are also configured to use
// loopback only (no discovery, relays, NAT traversal, usage or crash reports,
// upgrades).

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

const (
	stFolderID = "postdeck-shared"
	stAPIKey   = "postdeck-syncthing-test-api-key"
)

// stInstance is one running Syncthing.
type stInstance struct {
	name     string
	home     string
	folder   string // the shared folder's path on this instance
	deviceID string
	guiPort  int
	dataPort int
	log      string
}

// freePort returns a TCP port free on 127.0.0.1.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("no free port on 127.0.0.1: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// stEnv is the environment Syncthing runs with: no upgrades, no restarts, and
// no proxy (Syncthing dials through ALL_PROXY when it is set).
func stEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasSuffix(strings.ToLower(k), "_proxy") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "STNOUPGRADE=1", "STNORESTART=1", "STNODEFAULTFOLDER=1")
}

func stRun(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("syncthing", args...)
	cmd.Env = stEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("syncthing %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// newInstance generates a Syncthing home and reads its device id.
func newInstance(t *testing.T, name string) *stInstance {
	t.Helper()
	base := t.TempDir()
	in := &stInstance{name: name, home: filepath.Join(base, "home"), folder: filepath.Join(base, "shared"),
		guiPort: freePort(t), dataPort: freePort(t)}
	in.log = filepath.Join(in.home, "syncthing.log")
	stRun(t, "generate", "--home", in.home, "--no-default-folder", "--skip-port-probing")
	// `syncthing --home H --device-id` answers the same; `serve` is the
	// subcommand the flag belongs to in 1.19.
	id := strings.TrimSpace(stRun(t, "serve", "--home", in.home, "--device-id"))
	if !regexp.MustCompile(`^[A-Z0-9]{7}(-[A-Z0-9]{7}){7}$`).MatchString(id) {
		t.Fatalf("%s: unexpected device id %q", name, id)
	}
	in.deviceID = id
	// The folder marker: Syncthing refuses to sync a folder without it.
	if err := os.MkdirAll(filepath.Join(in.folder, ".stfolder"), 0o755); err != nil {
		t.Fatal(err)
	}
	return in
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeConfig replaces the generated config.xml: loopback only, everything
// that talks to the internet off, the peer at its explicit address, and the
// shared folder with a fast watcher and rescan. Options left out keep their
// defaults, but a folder's do not: a folder without <maxConflicts> gets 0,
// which makes no conflict copies, so the folder spells out the defaults
// `syncthing generate` writes.
func (in *stInstance) writeConfig(t *testing.T, peer *stInstance) {
	t.Helper()
	device := func(d *stInstance, addr string) string {
		return fmt.Sprintf(`    <device id="%s" name="%s" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>%s</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
`, d.deviceID, d.name, addr)
	}
	cfg := fmt.Sprintf(`<configuration version="36">
    <folder id="%[1]s" label="%[1]s" path="%[2]s" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="%[3]s" introducedBy=""></device>
        <device id="%[4]s" introducedBy=""></device>
        <minDiskFree unit="%%">1</minDiskFree>
        <versioning>
            <cleanupIntervalS>3600</cleanupIntervalS>
            <fsPath></fsPath>
            <fsType>basic</fsType>
        </versioning>
        <order>random</order>
        <maxConflicts>10</maxConflicts>
        <markerName>.stfolder</markerName>
        <maxConcurrentWrites>2</maxConcurrentWrites>
        <blockPullOrder>standard</blockPullOrder>
        <copyRangeMethod>standard</copyRangeMethod>
        <paused>false</paused>
    </folder>
%[5]s%[6]s    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:%[7]d</address>
        <apikey>%[8]s</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:%[9]d</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
`, stFolderID, xmlText(in.folder), in.deviceID, peer.deviceID,
		device(in, "dynamic"), device(peer, fmt.Sprintf("tcp://127.0.0.1:%d", peer.dataPort)),
		in.guiPort, stAPIKey, in.dataPort)
	if err := os.WriteFile(filepath.Join(in.home, "config.xml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
}

// start runs `syncthing serve` until the test ends.
func (in *stInstance) start(t *testing.T) {
	t.Helper()
	logf, err := os.Create(in.log)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("syncthing", "serve", "--home", in.home, "--no-browser", "--no-restart", "--no-upgrade")
	cmd.Env = stEnv()
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("start syncthing: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		logf.Close()
		if t.Failed() {
			data, _ := os.ReadFile(in.log)
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			t.Logf("--- last lines of %s's log ---\n%s", in.name, strings.Join(lines[max(0, len(lines)-40):], "\n"))
		}
	})
}

var stHTTP = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{Proxy: nil}}

// get calls the REST API on 127.0.0.1 and decodes the answer into v.
func (in *stInstance) get(path string, v any) error {
	req, err := http.NewRequest("GET", fmt.Sprintf("http://127.0.0.1:%d%s", in.guiPort, path), nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", stAPIKey)
	resp, err := stHTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// call sends a request with an optional JSON body to the REST API on 127.0.0.1.
func (in *stInstance) call(t *testing.T, method, path, body string) {
	t.Helper()
	req, err := http.NewRequest(method, fmt.Sprintf("http://127.0.0.1:%d%s", in.guiPort, path), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-Key", stAPIKey)
	resp, err := stHTTP.Do(req)
	if err != nil {
		t.Fatalf("%s: %s %s: %v", in.name, method, path, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s %s: %s", in.name, method, path, resp.Status)
	}
}

func (in *stInstance) connectedTo(peer *stInstance) bool {
	var c struct {
		Connections map[string]struct {
			Connected bool   `json:"connected"`
			Address   string `json:"address"`
		} `json:"connections"`
	}
	if err := in.get("/rest/system/connections", &c); err != nil {
		return false
	}
	return c.Connections[peer.deviceID].Connected
}

func (in *stInstance) folderState() string {
	var s struct {
		State string `json:"state"`
	}
	if err := in.get("/rest/db/status?folder="+stFolderID, &s); err != nil {
		return err.Error()
	}
	return s.State
}

// waitFor polls cond every step until it holds or timeout passes.
func waitFor(t *testing.T, what string, timeout, step time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > timeout {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(step)
	}
	return time.Since(start)
}

// startPair starts two connected Syncthing instances sharing one folder.
func startPair(t *testing.T) (*stInstance, *stInstance) {
	t.Helper()
	if _, err := exec.LookPath("syncthing"); err != nil {
		t.Fatal("syncthing is not installed: run scripts/setup.sh --syncthing")
	}
	s1, s2 := newInstance(t, "st1"), newInstance(t, "st2")
	s1.writeConfig(t, s2)
	s2.writeConfig(t, s1)
	s1.start(t)
	s2.start(t)
	took := waitFor(t, "the two Syncthing instances to connect", 60*time.Second, 200*time.Millisecond, func() bool {
		return s1.connectedTo(s2) && s2.connectedTo(s1)
	})
	waitFor(t, "both shared folders to be idle", 60*time.Second, 200*time.Millisecond, func() bool {
		return s1.folderState() == "idle" && s2.folderState() == "idle"
	})
	t.Logf("syncthing: two instances connected on 127.0.0.1 after %s", took.Round(time.Millisecond))
	return s1, s2
}

// Names Syncthing gives its conflict copies and temp files.
var syncthingNameRe = regexp.MustCompile(`\.sync-conflict-|^\.syncthing\..*\.tmp$|^~syncthing~`)

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// syncthingFiles lists Syncthing's files anywhere in the workspace's folder
// (the engine lists them all, this device's own included), as slash paths
// relative to it.
func syncthingFiles(wsDir string) map[string]bool {
	out := map[string]bool{}
	for _, f := range syncthingFilesAnywhere(wsDir) {
		out[filepath.ToSlash(f)] = true
	}
	return out
}

// syncthingFilesAnywhere lists Syncthing's files anywhere under dir.
func syncthingFilesAnywhere(dir string) []string {
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && syncthingNameRe.MatchString(d.Name()) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// stDevice is a Postdeck device syncing through one Syncthing instance's folder.
type stDevice struct {
	name string
	ws   *core.Workspace
	st   *stInstance

	mu        sync.Mutex
	syncs     int
	waiting   int             // sync.waiting_for_segment issues seen
	leftovers map[string]bool // every leftover any report listed
	elsewhere map[string]bool // Syncthing files seen where the engine does not list them
	last      sharedfolder.Report
}

func (d *stDevice) wsDir() string {
	return filepath.Join(d.st.folder, "postdeck", d.ws.Workspace.ID())
}

// sync runs one SyncOnce and checks its report: the only issue Syncthing may
// cause is a segment that has not arrived yet, and every Syncthing file that
// was there before and after the run is among the report's leftovers. It is
// safe to call from a goroutine (it reports with t.Errorf).
func (d *stDevice) sync(t *testing.T) (sharedfolder.Report, bool) {
	before := syncthingFiles(d.wsDir())
	r, err := d.ws.Sync.SyncOnce(ctx)
	after := syncthingFiles(d.wsDir())
	d.mu.Lock()
	defer d.mu.Unlock()
	d.syncs++
	d.last = r
	if err != nil {
		t.Errorf("%s: sync: %v", d.name, err)
		return r, false
	}
	ok := true
	for _, is := range r.Issues {
		if is.Code != sharedfolder.CodeWaitingSegment {
			t.Errorf("%s: issue other than waiting for a segment: %+v", d.name, is)
			ok = false
		}
		d.waiting++
	}
	for _, l := range r.Leftovers {
		d.leftovers[l] = true
	}
	for f := range before {
		if after[f] && !slices.Contains(r.Leftovers, f) {
			t.Errorf("%s: Syncthing file %s was there during the sync but is not among the leftovers %v", d.name, f, r.Leftovers)
			ok = false
		}
	}
	for _, f := range syncthingFilesAnywhere(d.wsDir()) {
		if !before[filepath.ToSlash(f)] && !after[filepath.ToSlash(f)] {
			d.elsewhere[filepath.ToSlash(f)] = true
		}
	}
	return r, ok
}

func (d *stDevice) mustSync(t *testing.T) sharedfolder.Report {
	t.Helper()
	r, ok := d.sync(t)
	if !ok {
		t.FailNow()
	}
	return r
}

func memberNames(t *testing.T, ws *core.Workspace) []string {
	t.Helper()
	ms, err := ws.Team.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return out
}

// state is what must be identical on both devices: every member (in order)
// and the ids of the open conflicts.
func state(t *testing.T, ws *core.Workspace) (members string, conflicts []string) {
	t.Helper()
	ms, err := ws.Team.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s|%s|%s|%v|%g\n", m.ID, m.Name, m.Email, m.Roles, m.CapacityHours)
	}
	cs, err := ws.Replica.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		conflicts = append(conflicts, c.ID)
	}
	sort.Strings(conflicts)
	return b.String(), conflicts
}

// provokeConflict writes different content to the same file in both
// instances' folders, so Syncthing makes a conflict copy, and waits until the
// copy is in both folders. rel is relative to the workspace folder.
//
// Instance 2's folder is paused meanwhile, so neither hears of the other's
// file before it has scanned its own. (Writing both at once races the
// watcher: a puller that finds a file "modified but not rescanned" backs off
// for a minute. Pausing the devices instead left 1.19.2 exchanging no index
// after the resume.)
func provokeConflict(t *testing.T, a, b *stDevice, rel string) string {
	t.Helper()
	pa, pb := filepath.Join(a.wsDir(), rel), filepath.Join(b.wsDir(), rel)
	b.st.call(t, "PATCH", "/rest/config/folders/"+stFolderID, `{"paused": true}`)
	waitFor(t, "instance 2's folder to pause", 30*time.Second, 100*time.Millisecond, func() bool {
		s := b.st.folderState()
		return s == "" || s == "paused" // 1.19 reports no state for a paused folder
	})
	for _, w := range []struct {
		st         *stInstance
		path, text string
	}{{a.st, pa, "written on A\n"}, {b.st, pb, "written on B, longer\n"}} {
		if err := os.MkdirAll(filepath.Dir(w.path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(w.path, []byte(w.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a.st.call(t, "POST", "/rest/db/scan?folder="+stFolderID, "") // returns when the scan is done
	b.st.call(t, "PATCH", "/rest/config/folders/"+stFolderID, `{"paused": false}`)
	stem := strings.TrimSuffix(filepath.Base(rel), filepath.Ext(rel))
	var name string
	find := func(dir string) string {
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			if strings.HasPrefix(e.Name(), stem+".sync-conflict-") {
				return e.Name()
			}
		}
		return ""
	}
	took := waitFor(t, "Syncthing's conflict copy of "+rel+" in both folders", 60*time.Second, 100*time.Millisecond, func() bool {
		na, nb := find(filepath.Dir(pa)), find(filepath.Dir(pb))
		name = na
		return na != "" && na == nb
	})
	t.Logf("syncthing: conflict copy %s in both folders after %s", name, took.Round(time.Millisecond))
	return filepath.ToSlash(filepath.Join(filepath.Dir(rel), name))
}

func checkIsolated(t *testing.T) {
	ifs, err := net.Interfaces()
	if err != nil {
		return
	}
	var names []string
	for _, i := range ifs {
		if i.Flags&net.FlagLoopback == 0 {
			names = append(names, i.Name)
		}
	}
	if len(names) == 0 {
		t.Logf("network: private namespace, loopback only")
	} else {
		t.Logf("network: NOT isolated (interfaces %v); Syncthing still uses 127.0.0.1 only. `make test-syncthing` isolates it.", names)
	}
}

func TestSyncthingPair(t *testing.T) {
	const members = 200
	begin := time.Now()
	checkIsolated(t)
	s1, s2 := startPair(t)
	wa, _ := testws.Open(t)
	wb, _ := testws.Open(t)
	a := &stDevice{name: "A", ws: wa, st: s1, leftovers: map[string]bool{}, elsewhere: map[string]bool{}}
	b := &stDevice{name: "B", ws: wb, st: s2, leftovers: map[string]bool{}, elsewhere: map[string]bool{}}

	// A publishes the workspace in instance 1's folder; B joins from instance 2's.
	if r, err := wa.Sync.Connect(ctx, s1.folder, "Syncthing pair"); err != nil || len(r.Issues) > 0 {
		t.Fatalf("connect: %v %+v", err, r.Issues)
	}
	wsID := wa.Workspace.ID()
	took := waitFor(t, "workspace.json in instance 2's folder", 60*time.Second, 50*time.Millisecond, func() bool {
		_, err := os.Stat(filepath.Join(s2.folder, "postdeck", wsID, "workspace.json"))
		return err == nil
	})
	t.Logf("workspace.json reached instance 2 after %s", took.Round(time.Millisecond))
	if r, err := wb.Sync.Join(ctx, s2.folder, wsID); err != nil {
		t.Fatalf("join: %v", err)
	} else {
		for _, is := range r.Issues {
			if is.Code != sharedfolder.CodeWaitingSegment {
				t.Fatalf("join: %+v", is)
			}
		}
	}
	took = waitFor(t, "B's device folder in instance 1's folder", 60*time.Second, 50*time.Millisecond, func() bool {
		_, err := os.Stat(filepath.Join(s1.folder, "postdeck", wsID, "devices", wb.Replica.Device(), "device.json"))
		return err == nil
	})
	t.Logf("B's device.json reached instance 1 after %s", took.Round(time.Millisecond))

	// A adds the team; B syncs until it has all of it.
	start := time.Now()
	var ids []string
	for i := 0; i < members; i++ {
		m, err := wa.Team.AddMember(ctx, "", team.MemberInput{Name: fmt.Sprintf("Member %03d", i), Roles: []string{"copywriter"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	added := time.Since(start)
	start = time.Now()
	ra := a.mustSync(t)
	pushed := time.Since(start)
	var bSyncs, bWaiting int
	took = waitFor(t, fmt.Sprintf("B to have all %d members", members), 60*time.Second, 100*time.Millisecond, func() bool {
		r := b.mustSync(t)
		bSyncs++
		bWaiting += len(r.Issues)
		return len(memberNames(t, wb)) == members
	})
	seg, _ := os.Stat(filepath.Join(s1.folder, "postdeck", wsID, "devices", wa.Replica.Device(), "changes", sharedfolder.SegmentName(1)))
	var segBytes int64
	if seg != nil {
		segBytes = seg.Size()
	}
	t.Logf("A→B: %d members added on A in %s; A pushed %d changes (%d bytes in segment 1) in %s; "+
		"B had all %d members %s after A's sync (%d syncs of B, %d waiting-for-segment issues)",
		members, added.Round(time.Millisecond), ra.Pushed, segBytes, pushed.Round(time.Millisecond),
		members, took.Round(time.Millisecond), bSyncs, bWaiting)
	if got, want := memberNames(t, wb), memberNames(t, wa); !slices.Equal(got, want) {
		t.Fatalf("B's members differ from A's after the first sync")
	}

	// Syncthing conflict copies next to the files the engine reads: one in
	// devices/ (both list it) and one in A's changes/ (B lists it).
	conflictTop := provokeConflict(t, a, b, "devices/notes.txt")
	conflictChanges := provokeConflict(t, a, b, "devices/"+wa.Replica.Device()+"/changes/notes.txt")

	// Concurrent edits. Both rename the last member before either syncs: a
	// conflict. Then A renames members 0-49 and B members 100-149 (and sets
	// their capacity), each syncing every 10 edits, at the same time.
	shared := ids[members-1]
	for _, w := range []struct {
		ws   *core.Workspace
		name string
	}{{wa, "Member 199 (A's name)"}, {wb, "Member 199 (B's name)"}} {
		if _, err := w.ws.Team.UpdateMember(ctx, "", shared, team.MemberPatch{Name: &w.name}); err != nil {
			t.Fatal(err)
		}
	}
	start = time.Now()
	var wg sync.WaitGroup
	edit := func(d *stDevice, from, to int) {
		defer wg.Done()
		for i := from; i < to; i++ {
			name := fmt.Sprintf("Member %03d edited by %s", i, d.name)
			hours := float64(10 + i%30)
			if _, err := d.ws.Team.UpdateMember(ctx, "", ids[i], team.MemberPatch{Name: &name, CapacityHours: &hours}); err != nil {
				t.Errorf("%s: update: %v", d.name, err)
				return
			}
			if (i-from)%10 == 9 {
				if _, ok := d.sync(t); !ok {
					return
				}
			}
		}
	}
	wg.Add(2)
	go edit(a, 0, 50)
	go edit(b, 100, 150)
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	edited := time.Since(start)

	// Both sync until quiet: the same state on both and three rounds in a
	// row that pushed and applied nothing.
	start = time.Now()
	quiet, rounds := 0, 0
	took = waitFor(t, "both devices to converge", 60*time.Second, 250*time.Millisecond, func() bool {
		rounds++
		ra, rb := a.mustSync(t), b.mustSync(t)
		ma, ca := state(t, wa)
		mb, cb := state(t, wb)
		if ra.Pushed+ra.Applied+rb.Pushed+rb.Applied == 0 && ma == mb && slices.Equal(ca, cb) {
			quiet++
		} else {
			quiet = 0
		}
		return quiet >= 3
	})
	t.Logf("concurrent edits: 51 edits on each device in %s; converged %s later (%d rounds of both syncing)",
		edited.Round(time.Millisecond), took.Round(time.Millisecond), rounds)

	// Identical members, in order, and the same open conflicts.
	na, nb := memberNames(t, wa), memberNames(t, wb)
	if !slices.Equal(na, nb) || len(na) != members {
		t.Fatalf("members differ:\nA %v\nB %v", na, nb)
	}
	ma, ca := state(t, wa)
	mb, cb := state(t, wb)
	if ma != mb {
		t.Fatalf("member fields differ:\nA\n%s\nB\n%s", ma, mb)
	}
	if !slices.Equal(ca, cb) {
		t.Fatalf("open conflicts differ: A %v, B %v", ca, cb)
	}
	cs, _ := wa.Replica.Conflicts(ctx)
	found := false
	for _, c := range cs {
		found = found || (c.RowID == shared && c.Field == "name")
	}
	if !found || len(cs) != 1 {
		t.Fatalf("want exactly one conflict, on the name both edited; got %+v", cs)
	}
	for i, n := range na {
		var want string
		switch {
		case i < 50:
			want = fmt.Sprintf("Member %03d edited by A", i)
		case i >= 100 && i < 150:
			want = fmt.Sprintf("Member %03d edited by B", i)
		case i == members-1:
			if n != "Member 199 (A's name)" && n != "Member 199 (B's name)" {
				t.Fatalf("the contested name is %q", n)
			}
			continue
		default:
			want = fmt.Sprintf("Member %03d", i)
		}
		if n != want {
			t.Fatalf("member %d is %q, want %q", i, n, want)
		}
	}

	// The conflict copies are listed as leftovers, never read, by both
	// devices (A's own changes folder included).
	for _, d := range []*stDevice{a, b} {
		for _, f := range []string{conflictTop, conflictChanges} {
			if !slices.Contains(d.last.Leftovers, f) {
				t.Errorf("%s's last report does not list %s: %v", d.name, f, d.last.Leftovers)
			}
		}
	}
	for _, d := range []*stDevice{a, b} {
		t.Logf("%s: %d syncs, %d waiting-for-segment issues, leftovers seen %v, Syncthing files seen where the engine lists none %v",
			d.name, d.syncs, d.waiting, keys(d.leftovers), keys(d.elsewhere))
	}
	for _, in := range []*stInstance{s1, s2} {
		t.Logf("syncthing: Syncthing files in %s's folder at the end: %v", in.name, syncthingFilesAnywhere(in.folder))
	}
	emptiedFolderHeals(t, a, b, wsID)
	t.Logf("total %s", time.Since(begin).Round(time.Millisecond))
	logSyncthingErrors(t, s1, s2)
}

// emptiedFolderHeals deletes Postdeck's folder on A's side and lets
// Syncthing carry the deletion to B: both stop and ask instead of waiting for
// segments that will never come, nobody can join, A republishes, B carries
// on without new conflicts and a new device joins from B's side.
func emptiedFolderHeals(t *testing.T, a, b *stDevice, wsID string) {
	t.Helper()
	start := time.Now()
	if err := os.RemoveAll(filepath.Join(a.st.folder, "postdeck")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the deletion to reach instance 2", 60*time.Second, 100*time.Millisecond, func() bool {
		_, err := os.Stat(filepath.Join(b.st.folder, "postdeck", wsID, "workspace.json"))
		return errors.Is(err, fs.ErrNotExist)
	})
	for _, d := range []*stDevice{a, b} {
		if _, err := d.ws.Sync.SyncOnce(ctx); apperr.Code(err) != sharedfolder.CodeFolderEmptied {
			t.Fatalf("%s after the deletion: want %s, got %v", d.name, sharedfolder.CodeFolderEmptied, err)
		}
	}
	wc, _ := testws.Open(t)
	if _, err := wc.Sync.Join(ctx, b.st.folder, wsID); err == nil {
		t.Fatal("a new device joined the emptied folder")
	}
	_, conflictsBefore := state(t, b.ws)
	if _, err := a.ws.Sync.Republish(ctx, "Syncthing pair"); err != nil {
		t.Fatalf("republish: %v", err)
	}
	var last error
	took := waitFor(t, "B to carry on from A's snapshot", 60*time.Second, 250*time.Millisecond, func() bool {
		_, last = b.ws.Sync.SyncOnce(ctx)
		return last == nil
	})
	ma, ca := state(t, a.ws)
	mb, cb := state(t, b.ws)
	if ma != mb || !slices.Equal(ca, cb) || !slices.Equal(cb, conflictsBefore) {
		t.Fatalf("after the republish: members equal %v, conflicts A %v B %v (before %v)", ma == mb, ca, cb, conflictsBefore)
	}
	waitFor(t, "a new device to join from instance 2", 60*time.Second, 250*time.Millisecond, func() bool {
		_, err := wc.Sync.Join(ctx, b.st.folder, wsID)
		return err == nil && len(memberNames(t, wc)) == len(memberNames(t, a.ws))
	})
	t.Logf("emptied folder: B carried on %s after A republished; healed in %s in all",
		took.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// logSyncthingErrors shows warnings and failed pulls from the instances' logs.
func logSyncthingErrors(t *testing.T, ins ...*stInstance) {
	for _, in := range ins {
		f, err := os.Open(in.log)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			l := sc.Text()
			if strings.Contains(l, "should not run as a privileged") {
				continue // the test runs as root in its namespace
			}
			if strings.Contains(l, "WARNING") || strings.Contains(l, "ERROR") ||
				strings.Contains(l, "Puller") || strings.Contains(l, "Failed to sync") {
				t.Logf("%s log: %s", in.name, l)
			}
		}
		f.Close()
	}
}
