package main

import (
	"context"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"postdeck/backend/api"
	"postdeck/backend/core"
)

// App is the composition root of the desktop app: it opens the workspace,
// hands the window its facades and forwards backend events to it.
type App struct {
	ws      *core.Workspace
	emitter *wailsEmitter
	cancel  context.CancelFunc
}

// NewApp opens the workspace in dataDir.
func NewApp(dataDir string) (*App, error) {
	em := &wailsEmitter{}
	ws, err := core.Open(dataDir, em)
	if err != nil {
		return nil, err
	}
	return &App{ws: ws, emitter: em}, nil
}

// Bindings returns the facades the window may call.
func (a *App) Bindings() []any { return api.Bindings(a.ws) }

func (a *App) startup(ctx context.Context) {
	a.emitter.ctx = ctx
	watchCtx, cancel := context.WithCancel(ctx)
	a.cancel = cancel
	// The command line or a sync in another process may change the
	// database while the window is open; the window must show it.
	go a.ws.WatchExternalChanges(watchCtx, time.Second, a.emitter)
}

func (a *App) shutdown(context.Context) {
	if a.cancel != nil {
		a.cancel()
	}
	_ = a.ws.Close()
}

// wailsEmitter adapts the Wails runtime to events.Emitter.
type wailsEmitter struct{ ctx context.Context }

func (e *wailsEmitter) Emit(name string, payload any) {
	if e.ctx != nil {
		runtime.EventsEmit(e.ctx, name, payload)
	}
}
