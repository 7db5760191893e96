// Package core opens a workspace: the database, its migrations, the replica
// and every domain service, wired once. The desktop app and the command line
// both start here, so they always see the same workspace the same way.
package core

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"postdeck/backend/absences"
	"postdeck/backend/calendar"
	"postdeck/backend/events"
	"postdeck/backend/feeds"
	"postdeck/backend/health"
	"postdeck/backend/layers"
	"postdeck/backend/meetings"
	"postdeck/backend/playbooks"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/store"
	"postdeck/backend/styleguide"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
	"postdeck/backend/templates"
	"postdeck/backend/workspace"
)

// Workspace is an open workspace with its services.
type Workspace struct {
	DataDir   string
	Store     *store.Store
	Replica   *replica.Replica
	Team      *team.Service
	Workspace *workspace.Service
	Sync      *sharedfolder.Engine
	Calendar  *calendar.Service
	// Feeds exports calendar files; Publisher keeps the named feeds written.
	Feeds     *feeds.Service
	Publisher *feeds.Publisher
	// Layers are calendars imported from .ics files.
	Layers *layers.Service
	// Absences and hand-overs to backups; Health checks the team's setup
	// and computes workload.
	Absences *absences.Service
	Health   *health.Service
	// Tasks are assigned tasks with checklists, comments and history.
	Tasks *tasks.Service
	// Templates are reusable texts (posts, snippets, plans, playbooks,
	// agendas) and the library of approved content.
	Templates *templates.Service
	// StyleGuide is the team's style guide and the draft checker over it.
	StyleGuide *styleguide.Service
	// Meetings are weekly check-ins and stakeholder meetings.
	Meetings *meetings.Service
	// Playbooks keeps campaign plans and process playbooks.
	Playbooks *playbooks.Service
}

// Entities lists every synced table of every domain.
func Entities() []replica.Entity {
	var all []replica.Entity
	all = append(all, replica.Entity{Table: replica.TableConflictResolutions,
		Fields: map[string]replica.Kind{"resolved_by": replica.Text}})
	all = append(all, workspace.Entities...)
	all = append(all, team.Entities...)
	all = append(all, calendar.Entities...)
	all = append(all, feeds.Entities...)
	all = append(all, layers.Entities...)
	all = append(all, absences.Entities...)
	all = append(all, tasks.Entities...)
	all = append(all, templates.Entities...)
	all = append(all, styleguide.Entities...)
	all = append(all, meetings.Entities...)
	all = append(all, sharedfolder.Entities...)
	return all
}

// Open opens (creating on first use) the workspace in dataDir.
func Open(dataDir string, emitter events.Emitter) (*Workspace, error) {
	return OpenWith(dataDir, replica.Options{Emitter: emitter})
}

// OpenWith is Open with replica options (tests use it to skew clocks).
func OpenWith(dataDir string, opt replica.Options) (*Workspace, error) {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the data folder %s: %w", dataDir, err)
	}
	st, err := store.OpenDir(dataDir)
	if err != nil {
		return nil, err
	}
	rep, err := replica.Open(st, Entities(), opt)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	tm := team.NewService(st, rep)
	ws, err := workspace.NewService(st, rep, tm, dataDir)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	sync := sharedfolder.NewEngine(st, rep, ws)
	// Every device checks the permission of every change that arrives
	// (docs/SECURITY.md), judging its author as the member the author's
	// device is confirmed for, never as what the device claims.
	rep.SetGuard(team.NewGuard(sync))
	// Confirming another member's device takes the right to manage the team.
	ws.CheckMe = sync.CheckMember
	sync.CanManageTeam = func(ctx context.Context, member string) (bool, error) {
		return tm.Can(ctx, member, team.ManageTeam)
	}
	sync.HasMembers = func(ctx context.Context) (bool, error) {
		ms, err := tm.Members(ctx)
		return len(ms) > 0, err
	}
	sync.AfterRebuild = calendar.RebuildSearch
	cal := calendar.NewService(st, rep, tm)
	// Attachments live in the sync engine's blob store, which fetches the
	// files the posts refer to.
	cal.SetBlobs(sync.Blobs)
	guide := styleguide.NewService(st, rep, tm)
	guide.SetBlobs(sync.Blobs)
	// The checker counts against the workspace's own network limits.
	guide.SetLimits(ws.EffectiveLimits)
	// A new workspace starts with an example guide in its language.
	ws.OnOnboard = styleguide.SeedExampleTx
	// The editor's live checks, the approval gate and the list's markers
	// check texts against the guide.
	cal.SetChecker(newGuideChecker(guide, st))
	w := &Workspace{DataDir: dataDir, Store: st, Replica: rep, Team: tm, Workspace: ws, Sync: sync, Calendar: cal,
		StyleGuide: guide}
	w.Feeds = feeds.NewService(st, rep, cal)
	w.Publisher = feeds.NewPublisher(w.Feeds, w.sharedRoot)
	w.Layers = layers.NewService(st, rep, cal)
	w.Absences = absences.NewService(st, rep, tm)
	w.Absences.SetEmitter(opt.Emitter)
	w.Health = health.NewService(st, cal)
	w.Tasks = tasks.NewService(st, rep, tm)
	w.Templates = templates.NewService(st, rep, cal)
	w.Templates.SetChecker(w.StyleGuide)
	// Files referred to by posts, the style guide's logos and the library
	// (which keeps files its posts may since have lost) are all fetched.
	sync.Blobs.Wanted = func() ([]string, error) {
		var all []string
		for _, wanted := range []func() ([]string, error){cal.WantedBlobs, guide.WantedBlobs, w.Templates.WantedBlobs} {
			shas, err := wanted()
			if err != nil {
				return nil, err
			}
			all = append(all, shas...)
		}
		return all, nil
	}
	w.Meetings = meetings.NewService(st, rep, cal, meetings.TasksOf(w.Tasks))
	// A member's feed holds the due dates of their tasks and the meetings
	// they attend.
	w.Feeds.AddSource(feeds.NewTaskSource(st))
	w.Feeds.AddSource(w.Meetings.FeedSource())
	// A plan's steps become tasks in the task list, and a member away on a
	// step's day (an absence) stops the plan before anything is created.
	w.Playbooks = playbooks.NewService(st, rep, tm, cal, playbooks.TaskList{Svc: w.Tasks}, playbooks.AwayList{})
	playbooks.CheckTemplates(w.Templates)
	return w, nil
}

// sharedRoot is this workspace's folder inside the shared folder ("" when
// sync is off), where published feeds go.
func (w *Workspace) sharedRoot() (string, error) {
	folder, err := w.Sync.Folder()
	if err != nil || folder == "" {
		return "", err
	}
	return filepath.Join(folder, "postdeck", w.Workspace.ID()), nil
}

// AutoHandOver hands absent members' work to their backups when the
// workspace asks for it (see absences.Service.AutoHandOver). The window runs
// it when it opens and after every sync, the command line after a sync.
func (w *Workspace) AutoHandOver(ctx context.Context) ([]absences.Result, error) {
	return w.Absences.AutoHandOver(ctx)
}

// Close closes the database.
func (w *Workspace) Close() error { return w.Store.Close() }

// WatchExternalChanges tells the UI when another process (the command line,
// a sync run) changed synced data, until ctx ends. Every change to synced
// data adds to the change log, so its newest seq is the signal; settings
// and sync bookkeeping do not move it, so sync cannot wake itself up.
func (w *Workspace) WatchExternalChanges(ctx context.Context, every time.Duration, emitter events.Emitter) {
	w.Store.Watch(ctx, every, "SELECT COALESCE(MAX(seq), 0) FROM changes", func() {
		emitter.Emit(events.Changed, events.ChangedPayload{Entities: []string{}})
	})
}
