package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"postdeck/backend/api"
	"postdeck/backend/apperr"
	"postdeck/backend/buildinfo"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/feeds"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/store"
)

// App is the composition root of the desktop app: it opens the workspace,
// hands the window its facades, runs background sync and forwards backend
// events to the window.
type App struct {
	ws      *core.Workspace
	emitter *wailsEmitter
	runner  *sharedfolder.Runner
	build   buildinfo.Build
	feeds   *feeds.Runner
	cancel  context.CancelFunc
	handMu  sync.Mutex // one automatic hand-over at a time
}

// NewApp opens the workspace in dataDir for a binary stamped with build.
func NewApp(dataDir string, build buildinfo.Build) (*App, error) {
	em := &wailsEmitter{}
	ws, err := core.Open(dataDir, em)
	if err != nil {
		return nil, err
	}
	runner := sharedfolder.NewRunner(ws.Sync, em)
	var lastProgress time.Time
	ws.Sync.OnProgress = func(p sharedfolder.Progress) {
		// A big join applies thousands of segments: ten updates a second is plenty.
		if time.Since(lastProgress) >= 100*time.Millisecond {
			lastProgress = time.Now()
			em.Emit(sharedfolder.ProgressEvent, p)
		}
	}
	var lastSealed time.Time
	ws.Sync.OnEncryptProgress = func(p sharedfolder.EncryptProgress) {
		if p.Done == p.Total || time.Since(lastSealed) >= 100*time.Millisecond {
			lastSealed = time.Now()
			em.Emit(sharedfolder.EncryptProgressEvent, p)
		}
	}
	feedRunner := feeds.NewRunner(ws.Publisher, em)
	// Every committed change is a reason to push it to the shared folder
	// and to bring the published calendar files up to date.
	em.onChanged = func() {
		runner.Poke()
		feedRunner.Poke()
	}
	a := &App{ws: ws, emitter: em, runner: runner, build: build, feeds: feedRunner}
	// After every sync, an absence that started (here or on a teammate's
	// computer) may call for an automatic hand-over.
	em.onSynced = func() { go a.autoHandOver() }
	return a, nil
}

// bindings returns the facades the window may call, and the App itself for
// the native dialogs.
func (a *App) bindings() []any {
	all := append(api.Bindings(a.ws, a.runner), api.FileBindings(a.ws, a.emitter, a.build.Version)...)
	return append(all, api.NewAbout(a.build), a)
}

// ChooseFolder opens the native folder picker ("" when cancelled).
func (a *App) ChooseFolder(title string) (string, error) {
	return runtime.OpenDirectoryDialog(a.emitter.ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

// SaveAttachment asks where to save a post's file and writes it there
// (false when the user cancelled).
func (a *App) SaveAttachment(id, name string) (bool, error) {
	dest, err := runtime.SaveFileDialog(a.emitter.ctx, runtime.SaveDialogOptions{DefaultFilename: name})
	if err != nil || dest == "" {
		return false, err
	}
	return true, a.ws.Calendar.SaveAttachmentTo(context.Background(), id, dest)
}

// OpenFile opens the native file picker for one file, showing the files
// matching pattern (such as "*.csv") first ("" when cancelled).
func (a *App) OpenFile(title, filterName, pattern string) (string, error) {
	return runtime.OpenFileDialog(a.emitter.ctx, runtime.OpenDialogOptions{Title: title, Filters: fileFilters(filterName, pattern)})
}

// SaveFile opens the native save dialog suggesting defaultName ("" when cancelled).
func (a *App) SaveFile(title, defaultName, filterName, pattern string) (string, error) {
	return runtime.SaveFileDialog(a.emitter.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName,
		Filters: fileFilters(filterName, pattern), CanCreateDirectories: true})
}

func fileFilters(name, pattern string) []runtime.FileFilter {
	if pattern == "" {
		return nil
	}
	return []runtime.FileFilter{{DisplayName: name + " (" + pattern + ")", Pattern: pattern}}
}

// OpenWorkspace starts Postdeck on another data folder (a restored backup)
// and closes this window, as starting it with --data-dir would.
func (a *App) OpenWorkspace(dataDir string) error {
	if _, err := os.Stat(filepath.Join(dataDir, store.FileName)); err != nil {
		return apperr.New("backup.file_missing", "there is no workspace in this folder").With("path", dataDir)
	}
	exe, err := os.Executable()
	if err != nil {
		return apperr.Internal(err)
	}
	cmd := exec.Command(exe, "--data-dir", dataDir)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return apperr.Internal(err)
	}
	runtime.Quit(a.emitter.ctx)
	return nil
}

func (a *App) startup(ctx context.Context) {
	a.emitter.ctx = ctx
	bg, cancel := context.WithCancel(ctx)
	a.cancel = cancel
	// The command line or a sync in another process may change the
	// database while the window is open; the window must show it.
	go a.ws.WatchExternalChanges(bg, time.Second, a.emitter)
	go a.runner.Run(bg)
	go a.feeds.Run(bg)
	go a.autoHandOverEvery(bg, 5*time.Minute)
}

// autoHandOverEvery runs the automatic hand-over when the window opens and
// then now and then, so an absence starting while the window stays open
// is handed over even without sync.
func (a *App) autoHandOverEvery(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		a.autoHandOver()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// autoHandOver runs one automatic hand-over; the window hears of it through
// the hand-over event, and an error waits for the next try.
func (a *App) autoHandOver() {
	a.handMu.Lock()
	defer a.handMu.Unlock()
	_, _ = a.ws.AutoHandOver(context.Background())
}

func (a *App) shutdown(context.Context) {
	if a.cancel != nil {
		a.cancel()
	}
	_ = a.ws.Close()
}

// wailsEmitter adapts the Wails runtime to events.Emitter.
type wailsEmitter struct {
	ctx       context.Context
	onChanged func()
	onSynced  func()
}

func (e *wailsEmitter) Emit(name string, payload any) {
	if name == events.Changed && e.onChanged != nil {
		e.onChanged()
	}
	if name == sharedfolder.StatusEvent && e.onSynced != nil {
		e.onSynced()
	}
	if e.ctx != nil {
		runtime.EventsEmit(e.ctx, name, payload)
	}
}
