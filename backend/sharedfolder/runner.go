package sharedfolder

import (
	"context"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"postdeck/backend/apperr"
	"postdeck/backend/events"
)

// StatusEvent is sent to the window after every background sync run.
const StatusEvent = "sync:status"

// RunStatus is the payload of StatusEvent.
type RunStatus struct {
	Running bool   `json:"running"`
	At      string `json:"at"`
	Report  Report `json:"report"`
	// Error is the code of the error that paused sync ("" when fine).
	Error       string         `json:"error"`
	ErrorParams map[string]any `json:"errorParams,omitempty"`
}

// Runner syncs in the background: soon after a local change, when the
// shared folder changes (fsnotify), and on a poll interval because network
// drives and some syncers drop file events.
type Runner struct {
	eng      *Engine
	emit     events.Emitter
	poll     time.Duration
	debounce time.Duration
	poke     chan struct{}

	mu   sync.Mutex
	last RunStatus
}

// NewRunner returns a background runner for eng.
func NewRunner(eng *Engine, emit events.Emitter) *Runner {
	return &Runner{eng: eng, emit: emit, poll: 10 * time.Second, debounce: 400 * time.Millisecond,
		poke: make(chan struct{}, 1)}
}

// Poke asks for a sync soon (several pokes close together make one run).
func (r *Runner) Poke() {
	select {
	case r.poke <- struct{}{}:
	default:
	}
}

// Last returns the outcome of the latest run.
func (r *Runner) Last() RunStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// Run syncs until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	watcher, err := fsnotify.NewWatcher()
	var fsEvents <-chan fsnotify.Event
	if err == nil {
		defer watcher.Close()
		fsEvents = watcher.Events
	}
	tick := time.NewTicker(r.poll)
	defer tick.Stop()
	r.Poke()
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.poke:
		case <-tick.C:
		case <-fsEvents:
		}
		// Let a burst of events settle into one run.
		timer := time.NewTimer(r.debounce)
	drain:
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case <-r.poke:
			case <-fsEvents:
			case <-timer.C:
				break drain
			}
		}
		r.runOnce(ctx)
		if watcher != nil {
			r.watch(watcher)
		}
	}
}

func (r *Runner) runOnce(ctx context.Context) {
	folder, err := r.eng.Folder()
	if err != nil || folder == "" {
		return
	}
	rep, err := r.eng.SyncOnce(ctx)
	st := RunStatus{At: time.Now().UTC().Format(time.RFC3339), Report: rep}
	if err != nil {
		e := apperr.As(err)
		st.Error, st.ErrorParams = e.Code, e.Params
	}
	r.mu.Lock()
	r.last = st
	r.mu.Unlock()
	r.emit.Emit(StatusEvent, st)
}

// watch adds every device folder in the shared folder to the watcher;
// folders of new teammates appear over time.
func (r *Runner) watch(w *fsnotify.Watcher) {
	folder, err := r.eng.Folder()
	if err != nil || folder == "" {
		return
	}
	root := filepath.Join(folder, "postdeck", r.eng.ws.ID(), "devices")
	_ = w.Add(root)
	f := DirFS{Root: filepath.Dir(root)}
	entries, err := f.ReadDir("devices")
	if err != nil {
		return
	}
	for _, d := range entries {
		if d.IsDir() && deviceDirRe.MatchString(d.Name()) && d.Name() != r.eng.rep.Device() {
			_ = w.Add(filepath.Join(root, d.Name(), "changes"))
		}
	}
}
