package main

import (
	"context"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"postdeck/backend/api"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/feeds"
	"postdeck/backend/sharedfolder"
)

// App is the composition root of the desktop app: it opens the workspace,
// hands the window its facades, runs background sync and forwards backend
// events to the window.
type App struct {
	ws      *core.Workspace
	emitter *wailsEmitter
	runner  *sharedfolder.Runner
	feeds   *feeds.Runner
	cancel  context.CancelFunc
}

// NewApp opens the workspace in dataDir.
func NewApp(dataDir string) (*App, error) {
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
	feedRunner := feeds.NewRunner(ws.Publisher, em)
	// Every committed change is a reason to push it to the shared folder
	// and to bring the published calendar files up to date.
	em.onChanged = func() {
		runner.Poke()
		feedRunner.Poke()
	}
	return &App{ws: ws, emitter: em, runner: runner, feeds: feedRunner}, nil
}

// bindings returns the facades the window may call, and the App itself for
// the native dialogs.
func (a *App) bindings() []any { return append(api.Bindings(a.ws, a.runner), a) }

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

func (a *App) startup(ctx context.Context) {
	a.emitter.ctx = ctx
	bg, cancel := context.WithCancel(ctx)
	a.cancel = cancel
	// The command line or a sync in another process may change the
	// database while the window is open; the window must show it.
	go a.ws.WatchExternalChanges(bg, time.Second, a.emitter)
	go a.runner.Run(bg)
	go a.feeds.Run(bg)
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
}

func (e *wailsEmitter) Emit(name string, payload any) {
	if name == events.Changed && e.onChanged != nil {
		e.onChanged()
	}
	if e.ctx != nil {
		runtime.EventsEmit(e.ctx, name, payload)
	}
}
